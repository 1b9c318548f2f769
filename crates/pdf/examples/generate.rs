//! Writes memorandums for benchmarks and visual checks, from the built-in template
//! `state-ngo-kk-ru` with realistic parties: `sample.json` (the template itself, about 4 pages) and
//! `memo-2.json`, `memo-20.json`, `memo-200.json`, `memo-2000.json`, `memo-2200.json` (about that
//! many pages, sections repeated with variations; the last two are PDFs of about 19 and 21 MB).
//!
//! `cargo run --release -p kelisim-pdf --example generate -- OUT_DIR`

use std::error::Error;
use std::path::PathBuf;

use kelisim_core::templates::{find, Assignment};
use kelisim_core::{IsoDate, Memorandum, Section};

/// The filled-in template: a ministry and a youth volunteers' fund.
pub fn sample() -> Result<Memorandum, Box<dyn Error>> {
    let set = [
        (
            "parties[0].name.kk",
            "Қазақстан Республикасы Ғылым және жоғары білім министрлігі",
        ),
        (
            "parties[0].name.ru",
            "Министерство науки и высшего образования Республики Казахстан",
        ),
        ("parties[0].short_name.kk", "Министрлік"),
        ("parties[0].short_name.ru", "Министерство"),
        (
            "parties[0].address.kk",
            "Астана қаласы, Мәңгілік Ел даңғылы, 8, «Министрліктер үйі» ӘҮ",
        ),
        (
            "parties[0].address.ru",
            "город Астана, проспект Мәңгілік Ел, 8, АЗ «Дом министерств»",
        ),
        ("parties[0].signatories[0].name.kk", "Ж. К. Әбенова"),
        ("parties[0].signatories[0].name.ru", "Ж. К. Абенова"),
        ("parties[0].signatories[0].position.kk", "Вице-министр"),
        ("parties[0].signatories[0].position.ru", "Вице-министр"),
        ("parties[1].name.kk", "«Жас еріктілер» қоғамдық қоры"),
        (
            "parties[1].name.ru",
            "Общественный фонд «Молодые волонтеры»",
        ),
        ("parties[1].short_name.kk", "Қор"),
        ("parties[1].short_name.ru", "Фонд"),
        (
            "parties[1].address.kk",
            "Алматы қаласы, Абай даңғылы, 52, 14-кеңсе",
        ),
        (
            "parties[1].address.ru",
            "город Алматы, проспект Абая, 52, офис 14",
        ),
        ("parties[1].signatories[0].name.kk", "Т. М. Оспанов"),
        ("parties[1].signatories[0].name.ru", "Т. М. Оспанов"),
        ("parties[1].signatories[0].position.kk", "Атқарушы директор"),
        (
            "parties[1].signatories[0].position.ru",
            "Исполнительный директор",
        ),
    ];
    let assignments: Vec<Assignment> = set
        .iter()
        .map(|(path, value)| Assignment {
            path: (*path).to_owned(),
            value: (*value).to_owned(),
        })
        .collect();
    let date = IsoDate::try_from("2026-10-06".to_owned())?;
    Ok(find("state-ngo-kk-ru")?.instantiate(Some(&date), &assignments)?)
}

/// The sample with its sections repeated `times` times (headings numbered apart).
pub fn scaled(times: usize) -> Result<Memorandum, Box<dyn Error>> {
    let base = sample()?;
    let mut memo = base.clone();
    if times == 0 {
        // About two pages: the first sections only.
        memo.sections.truncate(2);
        let json = memo.canonical_json();
        memo.variables
            .retain(|name, _| json.contains(&format!("{{{{{}}}}}", name.as_str())));
        return Ok(memo);
    }
    memo.sections.clear();
    for round in 0..times {
        let n = base.sections.len();
        for i in 0..n {
            // Rotate the order so that neighbouring rounds differ.
            let mut s: Section = base.sections[(i + round) % n].clone();
            if round > 0 {
                for text in s.heading.values_mut() {
                    text.push_str(&format!(" ({})", round + 1));
                }
            }
            memo.sections.push(s);
        }
    }
    Ok(memo)
}

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("sample.json"), sample()?.canonical_json())?;
    for (name, times) in [
        ("memo-2.json", 0),
        ("memo-20.json", 5),
        ("memo-200.json", 50),
        ("memo-2000.json", 500),
        ("memo-2200.json", 550),
    ] {
        std::fs::write(out.join(name), scaled(times)?.canonical_json())?;
    }
    println!("written to {}", out.display());
    Ok(())
}
