//! The renderer end to end: text extraction, geometry, validity, determinism, the attachment,
//! missing glyphs. Needs `pdftotext` (Debian package poppler-utils) and `qpdf` (package qpdf).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use kelisim_core::numbering::{clause_label, section_label, NumberingStyle};
use kelisim_core::placeholder::resolve;
use kelisim_core::templates::{find, Assignment};
use kelisim_core::{
    Annex, AnnexContent, AnnexId, Authority, Clause, Column, IsoDate, Language, Layout, Memorandum,
    Registration, Table,
};
use kelisim_pdf::{
    missing_glyphs, render, CellBox, RenderError, RenderOptions, Rendered, RENDERER_VERSION,
};

const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 25.0 * MM;
const RIGHT: f32 = 15.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = 20.0 * MM;
const GUTTER: f32 = 6.0 * MM;

/// The bilingual template with realistic parties.
fn sample() -> Memorandum {
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
        ("parties[0].signatories[0].name.kk", "Ж. К. Әбенова"),
        ("parties[0].signatories[0].name.ru", "Ж. К. Абенова"),
        ("parties[1].name.kk", "«Жас еріктілер» қоғамдық қоры"),
        (
            "parties[1].name.ru",
            "Общественный фонд «Молодые волонтеры»",
        ),
        ("parties[1].short_name.kk", "Қор"),
        ("parties[1].short_name.ru", "Фонд"),
    ];
    let assignments: Vec<Assignment> = set
        .iter()
        .map(|(path, value)| Assignment {
            path: (*path).to_owned(),
            value: (*value).to_owned(),
        })
        .collect();
    let date = IsoDate::try_from("2026-10-06".to_owned()).unwrap();
    find("state-ngo-kk-ru")
        .unwrap()
        .instantiate(Some(&date), &assignments)
        .unwrap()
}

fn rendered_sample() -> &'static Rendered {
    static R: OnceLock<Rendered> = OnceLock::new();
    R.get_or_init(|| render(&sample(), &RenderOptions::default()).unwrap())
}

fn tool(name: &str, package: &str) -> String {
    let ok = Command::new(name)
        .arg("-v")
        .output()
        .map(|o| o.status.success() || !o.stderr.is_empty() || !o.stdout.is_empty())
        .unwrap_or(false);
    assert!(
        ok,
        "`{name}` is needed by these tests but was not found: install the Debian package {package} \
         (apt-get install -y {package})"
    );
    name.to_owned()
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kelisim-pdf-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of one column of the body of every page (running header and footer left out),
/// pages in order.
fn extract(pdf: &Path, pages: u32, x: f32, width: f32) -> String {
    let pdftotext = tool("pdftotext", "poppler-utils");
    let mut out = String::new();
    for page in 1..=pages {
        out.push_str(&run(Command::new(&pdftotext)
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .args([
                "-x",
                &(x as i32).to_string(),
                "-y",
                &((TOP - 3.0) as i32).to_string(),
            ])
            .args(["-W", &(width.ceil() as i32).to_string()])
            .args(["-H", &((PAGE_H - TOP - BOTTOM + 6.0) as i32).to_string()])
            .arg(pdf)
            .arg("-")));
    }
    out
}

/// Whitespace and hyphens removed: lines rejoin whatever their breaks were.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{00AD}'))
        .collect()
}

fn strip_markup(s: &str) -> String {
    s.replace("**", "").replace('_', "")
}

/// Every numbered heading and clause of `lang`, in document order, as drawn.
fn expected(memo: &Memorandum, lang: Language) -> Vec<String> {
    fn walk(
        memo: &Memorandum,
        clauses: &[Clause],
        path: &mut Vec<usize>,
        lang: Language,
        out: &mut Vec<String>,
    ) {
        for (i, c) in clauses.iter().enumerate() {
            path.push(i);
            let text = resolve(memo, Memorandum::text_in(&c.text, lang), lang);
            out.push(format!("{} {}", clause_label(path), strip_markup(&text)));
            walk(memo, &c.clauses, path, lang, out);
            path.pop();
        }
    }
    let mut out = vec![strip_markup(&resolve(
        memo,
        Memorandum::text_in(&memo.preamble, lang),
        lang,
    ))];
    for (s, section) in memo.sections.iter().enumerate() {
        let heading = resolve(memo, Memorandum::text_in(&section.heading, lang), lang);
        out.push(format!(
            "{} {}",
            section_label(s, lang, NumberingStyle::Plain),
            heading
        ));
        walk(memo, &section.clauses, &mut vec![s], lang, &mut out);
    }
    out
}

fn assert_in_order(text: &str, items: &[String], what: &str) {
    let hay = squash(text);
    let mut at = 0;
    for item in items {
        let needle = squash(item);
        match hay[at..].find(&needle) {
            Some(i) => at += i + needle.len(),
            None => panic!("{what}: not found in order: {item:?}\n--- extracted ---\n{text}"),
        }
    }
}

#[test]
fn every_clause_of_every_language_extracts_in_order_in_parallel_columns() {
    let memo = sample();
    let r = rendered_sample();
    let pdf = write_temp("parallel.pdf", &r.pdf);
    let column = (PAGE_W - LEFT - RIGHT - GUTTER) / 2.0;
    let kk = extract(&pdf, r.pages, 0.0, LEFT + column + GUTTER / 2.0);
    let ru = extract(&pdf, r.pages, LEFT + column + GUTTER / 2.0, PAGE_W);
    assert_in_order(&kk, &expected(&memo, Language::Kk), "kk column");
    assert_in_order(&ru, &expected(&memo, Language::Ru), "ru column");
    // Kazakh letters come out exactly.
    for word in [
        "Қазақстан",
        "ынтымақтастық",
        "Әбенова",
        "Ғылым",
        "өзара",
        "ұйымдар",
        "үкіметтік",
        "құқықтық",
    ] {
        assert!(
            kk.contains(word) || squash(&kk).contains(word),
            "{word} not extracted"
        );
    }
    // The dates in each language's own form.
    assert!(kk.contains("2026 жылғы 6 қазан"), "{kk}");
    assert!(ru.contains("6 октября 2026 года"), "{ru}");
}

#[test]
fn sequential_layout_gives_each_language_a_complete_text_from_a_new_page() {
    let memo = sample();
    let options = RenderOptions {
        layout: Some(Layout::Sequential),
        ..RenderOptions::default()
    };
    let r = render(&memo, &options).unwrap();
    let pdf = write_temp("sequential.pdf", &r.pdf);
    let all = extract(&pdf, r.pages, 0.0, PAGE_W);
    let mut items = expected(&memo, Language::Kk);
    items.extend(expected(&memo, Language::Ru));
    assert_in_order(&all, &items, "sequential");
    assert!(r.pages > rendered_sample().pages);
}

#[test]
fn single_layout_has_one_language() {
    let memo = sample();
    let options = RenderOptions {
        layout: Some(Layout::Single),
        ..RenderOptions::default()
    };
    let r = render(&memo, &options).unwrap();
    let pdf = write_temp("single.pdf", &r.pdf);
    let all = extract(&pdf, r.pages, 0.0, PAGE_W);
    assert_in_order(&all, &expected(&memo, Language::Kk), "single");
    assert!(!all.contains("Предмет и цели Меморандума"));
}

/// Word boxes from `pdftotext -bbox`: (page, x0, y0, x1, y1, word), y from the top.
fn words(pdf: &Path) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let pdftotext = tool("pdftotext", "poppler-utils");
    let html = run(Command::new(pdftotext).arg("-bbox").arg(pdf).arg("-"));
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        let Some(rest) = line.trim().strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f32 {
            let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = start + rest[start..].find('"').unwrap();
            rest[start..end].parse().unwrap()
        };
        let text = rest[rest.find('>').unwrap() + 1..rest.find("</word>").unwrap()].to_owned();
        out.push((
            page,
            attr("xMin"),
            attr("yMin"),
            attr("xMax"),
            attr("yMax"),
            text,
        ));
    }
    out
}

fn assert_inside_margins_and_columns(pdf: &Path) {
    let column = (PAGE_W - LEFT - RIGHT - GUTTER) / 2.0;
    let gutter = (LEFT + column, LEFT + column + GUTTER);
    let all = words(pdf);
    assert!(all.len() > 100);
    for (page, x0, y0, x1, y1, text) in all {
        let at = format!("page {page}: {text:?} at {x0}..{x1} × {y0}..{y1}");
        assert!(
            x0 >= LEFT - 0.5 && x1 <= PAGE_W - RIGHT + 0.5,
            "outside the side margins: {at}"
        );
        assert!(
            y0 >= 8.0 * MM && y1 <= PAGE_H - 8.0 * MM,
            "off the page: {at}"
        );
        let body = y0 >= TOP - 2.0 && y1 <= PAGE_H - BOTTOM + 2.0;
        if body {
            assert!(
                x1 <= gutter.0 + 0.5 || x0 >= gutter.1 - 0.5,
                "across the column gutter: {at}"
            );
        }
    }
}

#[test]
fn no_glyph_leaves_the_margins_or_crosses_the_gutter() {
    let pdf = write_temp("bbox.pdf", &rendered_sample().pdf);
    assert_inside_margins_and_columns(&pdf);
}

#[test]
fn long_urls_and_numbers_break_inside_instead_of_overflowing() {
    let mut memo = sample();
    let url = "https://www.gov.kz/memleket/entities/edu/press/news/details/volunteering-programme-2026-2027?lang=kk";
    let number = "12345678901234567890123456789012345678901234567890";
    for (lang, text) in memo.sections[0].clauses[0].text.iter_mut() {
        let _ = lang;
        text.push_str(&format!(" {url} {number}"));
    }
    let r = render(&memo, &RenderOptions::default()).unwrap();
    let pdf = write_temp("url.pdf", &r.pdf);
    assert_inside_margins_and_columns(&pdf);
}

#[test]
fn qpdf_check_passes_and_rendering_twice_gives_identical_bytes() {
    let qpdf = tool("qpdf", "qpdf");
    let first = rendered_sample();
    let again = render(&sample(), &RenderOptions::default()).unwrap();
    assert!(first.pdf == again.pdf, "two renderings differ");
    let pdf = write_temp("check.pdf", &first.pdf);
    let out = Command::new(qpdf)
        .arg("--check")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "qpdf --check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_embedded_memorandum_json_is_the_canonical_json() {
    let qpdf = tool("qpdf", "qpdf");
    let pdf = write_temp("attachment.pdf", &rendered_sample().pdf);
    let list = run(Command::new(&qpdf).arg("--list-attachments").arg(&pdf));
    assert!(list.contains("memorandum.json"), "{list}");
    let json = run(Command::new(&qpdf)
        .arg("--show-attachment=memorandum.json")
        .arg(&pdf));
    assert_eq!(json, sample().canonical_json());
}

#[test]
fn the_pdf_is_pdf_a_4f_with_metadata_from_the_memorandum() {
    let r = rendered_sample();
    let memo = sample();
    assert!(r.pdf.starts_with(b"%PDF-2.0"));
    let text = String::from_utf8_lossy(&r.pdf);
    assert!(
        text.contains("<pdfaid:part>4</pdfaid:part>"),
        "no PDF/A-4 identification"
    );
    assert!(
        text.contains("<pdfaid:conformance>F</pdfaid:conformance>"),
        "not 4f"
    );
    assert!(
        text.contains(&format!("Kelisim {RENDERER_VERSION}")),
        "no producer"
    );
    assert!(
        text.contains("2026-10-06"),
        "the creation date is not the memorandum's"
    );
    assert!(
        text.contains(&memo.content_hash()),
        "no content hash in the metadata"
    );
    assert!(
        text.contains("AFRelationship"),
        "no associated-file relationship"
    );
}

#[test]
fn signature_fields_are_reserved_for_every_signatory_on_the_page() {
    let memo = sample();
    let r = rendered_sample();
    let wanted: usize = memo.parties.iter().map(|p| p.signatories.len()).sum();
    assert_eq!(r.signature_fields.len(), wanted);
    for f in &r.signature_fields {
        assert!(f.page >= 1 && f.page <= r.pages);
        let [x0, y0, x1, y1] = f.rect;
        assert!((x1 - x0 - 60.0 * MM).abs() < 1.0, "{f:?}");
        assert!((y1 - y0 - 22.0 * MM).abs() < 1.0, "{f:?}");
        assert!(
            x0 >= LEFT - 0.5
                && x1 <= PAGE_W - RIGHT + 0.5
                && y0 >= BOTTOM - 0.5
                && y1 <= PAGE_H - TOP + 0.5
        );
        let party = memo.party(&f.party_id).unwrap();
        assert!(party
            .signatories
            .iter()
            .any(|s| s.id.as_str() == f.signatory_id));
    }
    assert_eq!(r.signature_fields[0].party_id, "state");
    assert_eq!(r.signature_fields[1].party_id, "ngo");
}

#[test]
fn a_character_no_font_has_is_a_missing_glyph_with_its_path() {
    let mut memo = sample();
    memo.sections[1].clauses[0]
        .text
        .get_mut(&Language::Kk)
        .unwrap()
        .push_str(" 中");
    match render(&memo, &RenderOptions::default()) {
        Err(RenderError::MissingGlyph { path, character }) => {
            assert_eq!(path, "sections[1].clauses[0].text.kk");
            assert_eq!(character, '中');
        }
        other => panic!("expected a missing glyph, got {:?}", other.map(|r| r.pages)),
    }
    let problems = missing_glyphs(&memo);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "sections[1].clauses[0].text.kk");
    assert_eq!(problems[0].code, "missing_glyph");
    assert!(problems[0].message.contains('中'));
    assert!(missing_glyphs(&sample()).is_empty());
}

#[test]
fn article_numbering_is_used_when_asked() {
    let options = RenderOptions {
        numbering: NumberingStyle::Articles,
        ..RenderOptions::default()
    };
    let r = render(&sample(), &options).unwrap();
    let pdf = write_temp("articles.pdf", &r.pdf);
    let all = extract(&pdf, r.pages, 0.0, PAGE_W);
    assert!(all.contains("1-бап."), "{all}");
    assert!(all.contains("Статья 1."), "{all}");
}

// ---- `/2`: authority, registration, annexes --------------------------------------------------

fn text(kk: &str, ru: &str) -> kelisim_core::Text {
    [(Language::Kk, kk.to_owned()), (Language::Ru, ru.to_owned())]
        .into_iter()
        .collect()
}

/// An annex with a table of `rows` rows (№, measure, term, who), `{{party.…}}` in its cells.
fn table_annex(id: &str, rows: usize) -> Annex {
    let column = |kk: &str, ru: &str, width: u32| Column {
        heading: text(kk, ru),
        width: Some(width),
    };
    let rows = (1..=rows)
        .map(|r| {
            vec![
                text(&format!("{r}."), &format!("{r}.")),
                text(
                    &format!("{r}-сабақты өткізу"),
                    &format!("Проведение {r}-го занятия"),
                ),
                text(&format!("{r}-апта"), &format!("неделя {r}")),
                text("{{party.ngo.short_name}}", "{{party.ngo.short_name}}"),
            ]
        })
        .collect();
    Annex {
        id: AnnexId::try_from(id.to_owned()).unwrap(),
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
    }
}

/// The sample as `/2`: a registration, an authority for the first signatory, and `annexes`.
fn sample_v2(annexes: Vec<Annex>) -> Memorandum {
    let mut memo = sample();
    memo.upgrade();
    memo.registration = Some(Registration {
        number: "02-15/123".to_owned(),
        date: IsoDate::try_from("2026-10-06".to_owned()).unwrap(),
    });
    memo.parties[0].signatories[0].authority = Some(Authority::PowerOfAttorney {
        number: "12".to_owned(),
        date: IsoDate::try_from("2026-10-01".to_owned()).unwrap(),
    });
    memo.annexes = annexes;
    memo
}

/// The cell box a word's box lies in (with half a point of slack), as (row, column).
fn cell_of(word: (f32, f32, f32, f32), boxes: &[&CellBox]) -> Option<(u32, u32)> {
    let (x0, y0, x1, y1) = word;
    boxes
        .iter()
        .find(|b| {
            let (top, bottom) = (PAGE_H - (b.y + b.h), PAGE_H - b.y);
            x0 >= b.x - 0.5 && x1 <= b.x + b.w + 0.5 && y0 >= top - 0.5 && y1 <= bottom + 0.5
        })
        .map(|b| (b.row, b.column))
}

#[test]
fn a_300_row_annex_table_repeats_its_header_on_every_page_and_keeps_every_word_in_its_cell() {
    let memo = sample_v2(vec![table_annex("plan", 300)]);
    let r = render(&memo, &RenderOptions::default()).unwrap();
    let pdf = write_temp("table-300.pdf", &r.pdf);
    let table_pages: Vec<u32> = {
        let mut pages: Vec<u32> = r.cell_boxes.iter().map(|b| b.page).collect();
        pages.dedup();
        pages
    };
    assert!(table_pages.len() >= 5, "{table_pages:?}");
    let all = words(&pdf);
    for &page in &table_pages {
        let boxes: Vec<&CellBox> = r.cell_boxes.iter().filter(|b| b.page == page).collect();
        let top_row = boxes
            .iter()
            .min_by(|a, b| (b.y + b.h).total_cmp(&(a.y + a.h)))
            .unwrap();
        assert_eq!(
            top_row.row, 0,
            "page {page} does not start with the header row"
        );
        let (table_top, table_bottom) = (
            PAGE_H - boxes.iter().map(|b| b.y + b.h).fold(f32::MIN, f32::max),
            PAGE_H - boxes.iter().map(|b| b.y).fold(f32::MAX, f32::min),
        );
        let mut header_words = Vec::new();
        for (p, x0, y0, x1, y1, word) in &all {
            let middle = (y0 + y1) / 2.0;
            if *p as u32 != page || middle < table_top || middle > table_bottom {
                continue;
            }
            let at = format!("page {page}: {word:?} at {x0}..{x1} × {y0}..{y1}");
            let (row, column) = cell_of((*x0, *y0, *x1, *y1), &boxes)
                .unwrap_or_else(|| panic!("outside every cell box: {at}"));
            if row == 0 {
                header_words.push(word.as_str());
            } else if column == 0 {
                assert_eq!(
                    *word,
                    format!("{row}."),
                    "a number in another row's cell: {at}"
                );
            }
        }
        assert!(
            header_words.contains(&"Мероприятие") && header_words.contains(&"Іс-шара"),
            "page {page}: no header words {header_words:?}"
        );
    }
    for row in 1..=300 {
        let pages: Vec<u32> = r
            .cell_boxes
            .iter()
            .filter(|b| b.row == row && b.column == 0)
            .map(|b| b.page)
            .collect();
        assert_eq!(pages.len(), 1, "row {row} is split over pages {pages:?}");
    }
}

#[test]
fn a_six_row_table_extracts_row_by_row_in_order() {
    let mut memo = sample_v2(vec![table_annex("plan", 6)]);
    memo.layout = Layout::Single;
    memo.languages = vec![Language::Ru];
    let r = render(&memo, &RenderOptions::default()).unwrap();
    let pdf = write_temp("table-6.pdf", &r.pdf);
    let pdftotext = tool("pdftotext", "poppler-utils");
    let text = run(Command::new(pdftotext).arg("-layout").arg(&pdf).arg("-"));
    let mut items = vec![
        "Приложение 1 к Меморандуму о сотрудничестве от 6 октября 2026 года № 02-15/123".to_owned(),
        "План совместных мероприятий".to_owned(),
        "№ Мероприятие Срок Ответственный".to_owned(),
    ];
    for row in 1..=6 {
        items.push(format!(
            "{row}. Проведение {row}-го занятия неделя {row} Фонд"
        ));
    }
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut at = 0;
    for item in &items {
        match lines[at..].iter().position(|l| l.contains(item.as_str())) {
            Some(i) => at += i + 1,
            None => panic!("not found in order: {item:?}\n--- extracted ---\n{text}"),
        }
    }
}

#[test]
fn a_v2_memorandum_prints_authority_registration_and_annexes_and_passes_qpdf() {
    let clauses = Annex {
        id: AnnexId::try_from("rules".to_owned()).unwrap(),
        title: text("Ережелер", "Правила"),
        content: AnnexContent::Clauses(vec![Clause {
            text: text("Бірінші ереже.", "Первое правило."),
            clauses: vec![Clause {
                text: text(
                    "{{party.ngo.short_name}} хабарлайды.",
                    "{{party.ngo.short_name}} сообщает.",
                ),
                clauses: Vec::new(),
            }],
        }]),
    };
    let memo = sample_v2(vec![clauses, table_annex("plan", 6)]);
    let r = render(&memo, &RenderOptions::default()).unwrap();
    let pdf = write_temp("v2.pdf", &r.pdf);
    let qpdf = tool("qpdf", "qpdf");
    let out = Command::new(qpdf)
        .arg("--check")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let page = |n: u32| {
        let pdftotext = tool("pdftotext", "poppler-utils");
        let n = n.to_string();
        run(Command::new(pdftotext)
            .args(["-f", &n, "-l", &n])
            .arg(&pdf)
            .arg("-"))
    };
    assert!(
        squash(&page(1)).contains(&squash("№ 02-15/123")),
        "{}",
        page(1)
    );
    let all = squash(&(1..=r.pages).map(page).collect::<String>());
    for wanted in [
        "действующий на основании доверенности № 12 от 1 октября 2026 года",
        "2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін",
        "Приложение 1 к Меморандуму о сотрудничестве от 6 октября 2026 года № 02-15/123",
        "2026 жылғы 6 қазандағы № 02-15/123 ынтымақтастық туралы меморандумға 2-қосымша",
        "1.1. Фонд сообщает.",
        "1.1. Қор хабарлайды.",
    ] {
        assert!(all.contains(&squash(wanted)), "missing {wanted:?}");
    }
    let raw = String::from_utf8_lossy(&r.pdf);
    assert!(
        raw.contains("registration No. 02-15/123"),
        "no registration in the XMP"
    );
    assert!(
        raw.contains("kelisim.memorandum/2"),
        "the attachment's description"
    );
}

#[test]
fn a_character_no_font_has_in_an_annex_cell_is_a_missing_glyph_with_its_path() {
    let mut memo = sample_v2(vec![table_annex("plan", 3)]);
    if let AnnexContent::Table(table) = &mut memo.annexes[0].content {
        table.rows[1][2].insert(Language::Ru, "中".to_owned());
    }
    let problems = missing_glyphs(&memo);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "annexes[0].content.table.rows[1][2].ru");
    assert!(matches!(
        render(&memo, &RenderOptions::default()),
        Err(RenderError::MissingGlyph { .. })
    ));
}
