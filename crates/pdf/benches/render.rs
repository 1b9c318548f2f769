//! Rendering figures of this machine, printed (no timing assertions anywhere in tests): a
//! 3-party, 20-page bilingual memorandum with a 100-row annex table (target ≤ 60 ms), rendered
//! in-process (`kelisim_pdf::render`) and as a whole process (`target/release/kelisim render`,
//! when it has been built: `cargo build --release -p kelisim-cli`). Medians of `N` runs.
//!
//! Run: `make bench-render` (builds the binary, then `cargo bench -p kelisim-pdf --bench render`).
//! `KELISIM_BENCH_RUNS` changes the number of runs (default 15).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up should stop

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kelisim_core::{
    Annex, AnnexContent, AnnexId, Column, Language, Memorandum, Party, PartyKind, Table, Text,
};
use kelisim_pdf::{render, RenderOptions};

#[allow(dead_code)] // its `main` writes the benchmark files; here only the memorandums are used
#[path = "../examples/generate.rs"]
mod generate;

fn text(kk: &str, ru: &str) -> Text {
    [(Language::Kk, kk.to_owned()), (Language::Ru, ru.to_owned())]
        .into_iter()
        .collect()
}

/// The 20-page sample as `/2` with an akimat as third party and a 100-row action plan.
fn memorandum() -> Memorandum {
    let mut memo = generate::scaled(5).unwrap();
    memo.upgrade();
    let mut akimat: Party = memo.parties[0].clone();
    akimat.id = "akimat".parse().unwrap();
    akimat.kind = PartyKind::StateBody;
    akimat.name = text("Шымкент қаласының әкімдігі", "Акимат города Шымкента");
    akimat.short_name = Some(text("Әкімдік", "Акимат"));
    akimat.bin = Some("980310005674".parse().unwrap());
    memo.parties.push(akimat);
    let column = |kk: &str, ru: &str, width| Column {
        heading: text(kk, ru),
        width: Some(width),
    };
    let rows = (1..=100)
        .map(|r| {
            vec![
                text(&format!("{r}."), &format!("{r}.")),
                text(
                    &format!("Еріктілер мектебінің {r}-сабағын өткізу және қорытындысын шығару"),
                    &format!("Проведение {r}-го занятия школы волонтеров и подведение итогов"),
                ),
                text(
                    &format!("2027 жылғы {}-тоқсан", r % 4 + 1),
                    &format!("{} квартал 2027 года", r % 4 + 1),
                ),
                text("{{party.akimat.short_name}}", "{{party.akimat.short_name}}"),
            ]
        })
        .collect();
    memo.annexes.push(Annex {
        id: AnnexId::try_from("plan".to_owned()).unwrap(),
        title: text(
            "Бірлескен іс-шаралар жоспары",
            "План совместных мероприятий",
        ),
        content: AnnexContent::Table(Table {
            columns: vec![
                column("№", "№", 8),
                column("Іс-шара", "Мероприятие", 50),
                column("Мерзімі", "Срок", 20),
                column("Жауапты", "Ответственный", 22),
            ],
            rows,
        }),
    });
    memo
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// Median wall time of `kelisim render` on `json`; `None` without a release binary, the
/// binary's message when it refuses the file.
fn whole_process(json: &Path, runs: usize) -> Option<Result<f64, String>> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/kelisim");
    if !bin.exists() {
        return None;
    }
    let dir = json.parent().unwrap();
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(&bin)
                .arg("--data-dir")
                .arg(dir.join("data"))
                .arg("render")
                .arg(json)
                .arg("--out")
                .arg(dir.join("out.pdf"))
                .output()
                .unwrap();
            let elapsed = start.elapsed();
            if out.status.success() {
                Ok(elapsed)
            } else {
                Err(String::from_utf8_lossy(&out.stderr).into_owned())
            }
        })
        .collect::<Result<Vec<_>, String>>();
    Some(times.map(median))
}

fn main() {
    let runs: usize = std::env::var("KELISIM_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let memo = memorandum();
    let first = render(&memo, &RenderOptions::default()).unwrap();
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            render(&memo, &RenderOptions::default()).unwrap();
            start.elapsed()
        })
        .collect();
    println!(
        "3 parties, {} pages with a 100-row annex ({} KB), median of {runs}:",
        first.pages,
        first.pdf.len() / 1024
    );
    println!(
        "  in-process render      {:7.1} ms  (target ≤ 60 ms)",
        median(times)
    );
    // Kept for scripts/bench-preview.sh, which times the same memorandum in the window.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-render");
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("memo-20-annex.json");
    std::fs::write(&json, memo.canonical_json()).unwrap();
    match whole_process(&json, runs) {
        Some(Ok(ms)) => println!("  kelisim render (process) {ms:5.1} ms  (target ≤ 60 ms)"),
        Some(Err(refused)) => println!("  kelisim render refused the file:\n{refused}"),
        None => println!(
            "  kelisim render: no target/release/kelisim (cargo build --release -p kelisim-cli)"
        ),
    }
    let _ = std::fs::remove_dir_all(dir.join("data"));
}
