//! Data-driven tests: text fixtures in `tests/fixtures/`, each compared with what the real line
//! breaker or paginator makes of it (see `tests/fixtures/README.md` for the formats).
//!
//! `UPDATE_EXPECT=1 cargo test -p kelisim-pdf fixtures` rewrites the expected part of every
//! fixture from the output, as `expect-test` does: read the diff before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kelisim_core::numbering::NumberingStyle;
use kelisim_core::Language;

use crate::breaker::{self, Align, Line, Measure};
use crate::fonts::{Blobs, Face};
use crate::layout::{self, Geometry, Item, Laid, MM};
use crate::markup;
use crate::paginate;
use crate::shape::{Para, Shaper};

/// The fixtures of `kind` (a folder of `tests/fixtures`) whose name ends with `ext`, sorted.
fn fixtures(kind: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no {ext} fixtures in {}", dir.display());
    out
}

fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1")
}

/// Compares `actual` with `expected` (the text of `path` after its input), or with
/// `UPDATE_EXPECT=1` writes `head` + `actual` to `path`. Returns a failure message.
fn check(path: &Path, head: &str, expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    if updating() {
        std::fs::write(path, format!("{head}{actual}")).unwrap();
        return None;
    }
    Some(format!(
        "{}: the output differs (UPDATE_EXPECT=1 rewrites the fixture)\n--- expected\n{expected}--- actual\n{actual}",
        path.display()
    ))
}

/// The text of `line` of `para`, with `-` after it when a hyphen is drawn.
fn line_text(para: &Para, line: &Line) -> String {
    let (start, end) = (line.start as usize, line.end as usize);
    let mut text = match (para.clusters.get(start), end.checked_sub(1)) {
        (Some(first), Some(last)) if start < end => {
            para.text[first.start as usize..para.clusters[last].end as usize].to_owned()
        }
        _ => String::new(),
    };
    if line.hyphen {
        text.push('-');
    }
    text
}

/// One line-breaking case: the header's settings and the paragraph.
struct BreakCase {
    lang: Language,
    width: f32,
    align: Align,
    size: f32,
    paragraph: String,
}

/// Splits a breaker fixture into its head (everything up to `--- lines`, inclusive), the case
/// and the expected lines.
fn parse_break_case(text: &str, path: &Path) -> (String, BreakCase, String) {
    let marker = "--- lines\n";
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{}: no `{}`", path.display(), marker.trim()));
    let (head, expected) = (&text[..at + marker.len()], &text[at + marker.len()..]);
    let (settings, paragraph) = head[..at]
        .split_once("--- paragraph\n")
        .unwrap_or_else(|| panic!("{}: no `--- paragraph`", path.display()));
    let mut case = BreakCase {
        lang: Language::En,
        width: 80.0 * MM,
        align: Align::Justify,
        size: 10.0,
        paragraph: paragraph.trim_end_matches('\n').to_owned(),
    };
    for line in settings
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (key, value) = line
            .split_once(':')
            .map(|(k, v)| (k.trim(), v.trim()))
            .unwrap_or_else(|| panic!("{}: {line:?} is not `key: value`", path.display()));
        match key {
            "lang" => case.lang = Language::from_tag(value).unwrap(),
            "width" => {
                case.width = match value.strip_suffix("mm") {
                    Some(mm) => mm.trim().parse::<f32>().unwrap() * MM,
                    None => value.trim_end_matches("pt").trim().parse().unwrap(),
                }
            }
            "align" => {
                case.align = match value {
                    "justify" => Align::Justify,
                    "left" => Align::Left,
                    "center" => Align::Center,
                    "right" => Align::Right,
                    other => panic!("{}: unknown alignment {other:?}", path.display()),
                }
            }
            "size" => case.size = value.parse().unwrap(),
            other => panic!("{}: unknown setting {other:?}", path.display()),
        }
    }
    (head.to_owned(), case, expected.to_owned())
}

/// The lines the breaker makes of `case`, one per line.
fn break_case(shaper: &mut Shaper, case: &BreakCase) -> String {
    let styled = markup::parse(&case.paragraph, Face::Regular);
    let para = shaper.shape(&styled, case.lang, case.size).unwrap();
    let measure = Measure {
        first: case.width,
        rest: case.width,
    };
    let hyphens = shaper.hyphens();
    let lines = breaker::break_lines(&para, case.lang, measure, case.align, &hyphens);
    let mut out = String::new();
    for line in &lines {
        out.push_str(&line_text(&para, line));
        out.push('\n');
    }
    out
}

#[test]
fn line_breaker_fixtures() {
    let mut shaper = Shaper::new(&Blobs::new()).unwrap();
    let failures: Vec<String> = fixtures("breaker", ".txt")
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let (head, case, expected) = parse_break_case(&text, &path);
            let actual = break_case(&mut shaper, &case);
            check(&path, &head, &expected, &actual)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first line of text that a line box draws, shortened to 60 characters; `… ` before it
/// when it continues a paragraph begun on an earlier page.
fn first_text(items: &[Item], laid: &[Laid]) -> Option<String> {
    items.iter().find_map(|item| match item {
        Item::Text { para, line, .. } => {
            let text = line_text(&laid[*para as usize].para, line);
            let continued = if line.start > 0 { "… " } else { "" };
            let mut short: String = continued.chars().chain(text.chars().take(60)).collect();
            if text.chars().count() > 60 {
                short.push('…');
            }
            Some(short)
        }
        _ => None,
    })
}

/// Where the paginator breaks the memorandum `json`: for every page, the first line of text of
/// each column on it (which clause, heading or signature block starts the page).
fn page_starts(json: &str, path: &Path) -> String {
    let memo = kelisim_core::parse(json)
        .unwrap_or_else(|problems| panic!("{}: {problems:?}", path.display()));
    let (layout, _) = layout::effective_layout(&memo, memo.layout);
    let plan = layout::plan(&memo, layout, NumberingStyle::default());
    let (laid, _) = layout::set_all(plan.jobs(), &Blobs::new(), 1).unwrap();
    let rows = layout::materialise(&plan, &laid);
    let pages = paginate::paginate(&rows, &Geometry::A4);
    let mut out = String::new();
    for (p, page) in pages.iter().enumerate() {
        let _ = writeln!(out, "page {}", p + 1);
        let mut columns_seen: Vec<u32> = Vec::new();
        for placed in &page.lines {
            if columns_seen.contains(&placed.cell) {
                continue;
            }
            let cell = &rows[placed.row as usize].cells[placed.cell as usize];
            if let Some(text) = first_text(&cell.lines[placed.line as usize].items, &laid) {
                columns_seen.push(placed.cell);
                let _ = writeln!(out, "  column {}: {text}", placed.cell + 1);
            }
        }
    }
    out
}

#[test]
fn paginator_fixtures() {
    let failures: Vec<String> = fixtures("paginate", ".json")
        .into_iter()
        .filter_map(|memo| {
            let expected_path = memo.with_extension("pages");
            let json = std::fs::read_to_string(&memo).unwrap();
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            let actual = page_starts(&json, &memo);
            check(&expected_path, "", &expected, &actual)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
