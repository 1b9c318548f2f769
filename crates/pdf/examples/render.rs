//! Renders a memorandum JSON file to PDF: `render IN.json OUT.pdf [parallel|sequential|single]`.
//! Prints the page count and the time taken by `render`.

use std::error::Error;
use std::time::Instant;

use kelisim_core::Layout;
use kelisim_pdf::{render, RenderOptions};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: render IN.json OUT.pdf [parallel|sequential|single]".into());
    };
    let layout = match args.next().as_deref() {
        None => None,
        Some("parallel") => Some(Layout::Parallel),
        Some("sequential") => Some(Layout::Sequential),
        Some("single") => Some(Layout::Single),
        Some(other) => return Err(format!("unknown layout {other:?}").into()),
    };
    let text = std::fs::read_to_string(&input)?;
    let memo = kelisim_core::parse(&text).map_err(|problems| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let start = Instant::now();
    let rendered = render(
        &memo,
        &RenderOptions {
            layout,
            ..RenderOptions::default()
        },
    )?;
    let took = start.elapsed();
    std::fs::write(&output, &rendered.pdf)?;
    eprintln!(
        "{} pages, {} bytes, {:.1} ms",
        rendered.pages,
        rendered.pdf.len(),
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}
