//! Layout and rendering of memorandums to archival PDF/A-4f.
//!
//! The layout is ours: text is shaped with parley, broken into justified, hyphenated lines by a
//! total-fit breaker ([`breaker`]), set in rows of columns ([`layout`]), paginated
//! ([`paginate`]) and written with krilla ([`write`]) with the canonical memorandum JSON attached.
//! The same memorandum and [`RENDERER_VERSION`] always give the same bytes: nothing reads the
//! clock, ids are derived from the content hash, and parallel work is reassembled in order.

mod breaker;
mod dates;
mod drawn;
mod fonts;
mod hyphenate;
mod layout;
mod markup;
mod paginate;
mod shape;
mod write;

#[cfg(test)]
mod fixtures;

use kelisim_core::numbering::NumberingStyle;
use kelisim_core::placeholder::resolve;
use kelisim_core::{Language, Memorandum, Problem, Text};

/// The memorandum's date as each language writes it (the UI shows dates the same way).
pub use crate::dates::format_date;
use crate::fonts::Face;

/// The renderer's version, recorded in every PDF's producer. Bump it whenever the bytes written for
/// the same memorandum would change.
pub const RENDERER_VERSION: &str = "kelisim-pdf/1";

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A layout that overrides the document's own.
    pub layout: Option<kelisim_core::Layout>,
    /// Plain «1.» or article words («Статья 1.», «1-бап.»).
    pub numbering: NumberingStyle,
    /// Marks every page as a draft (a PDF to circulate, never to sign). `None` renders the
    /// memorandum itself: the bytes the verifier derives again.
    pub draft: Option<Draft>,
}

/// A draft's mark: [`DRAFT_WORDS`] across every page in a light tone, and in the footer the
/// revision, its date and the short content hash; [`DRAFT_KEYWORD`] in the metadata. Kelisim
/// refuses to sign such a PDF and the verifier names it (it is never the rendering of the
/// memorandum inside it, so it could never verify as agreed either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The revision rendered.
    pub revision: u32,
    /// The day it was saved (`YYYY-MM-DD`).
    pub date: String,
}

/// The words across a draft's pages, in the three languages.
pub const DRAFT_WORDS: &str = "ЖОБА / ПРОЕКТ / DRAFT";
/// The keyword (pdf:Keywords) a draft PDF carries.
pub const DRAFT_KEYWORD: &str = "kelisim:draft";

/// A reserved rectangle for a signatory's visible signature.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureField {
    pub party_id: String,
    pub signatory_id: String,
    /// 1-based page number.
    pub page: u32,
    /// x0, y0, x1, y1 in PDF points, origin bottom-left.
    pub rect: [f32; 4],
}

/// The ruled box of a table cell of an annex on one page (a row split over pages has a box on
/// each).
#[derive(Debug, Clone, PartialEq)]
pub struct CellBox {
    /// 1-based page number.
    pub page: u32,
    /// The annex, 0-based.
    pub annex: u32,
    /// The table's row: 0 the header row (repeated on every page the table continues on), then
    /// 1 for the first row of `rows`.
    pub row: u32,
    /// The column, 0-based.
    pub column: u32,
    /// Left edge and bottom in PDF points, origin bottom-left.
    pub x: f32,
    pub y: f32,
    /// Width and height in points.
    pub w: f32,
    pub h: f32,
}

/// A rendered memorandum.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: u32,
    pub signature_fields: Vec<SignatureField>,
    /// The boxes of the annexes' table cells, page by page.
    pub cell_boxes: Vec<CellBox>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A character that no bundled font can draw.
    #[error("{path}: the character {character:?} (U+{code:04X}) cannot be drawn with the bundled fonts", code = *character as u32)]
    MissingGlyph { path: String, character: char },
    /// krilla refused to write the PDF (a PDF/A rule or a limit).
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    /// The bundled fonts could not be read.
    #[error("the bundled fonts could not be used: {0}")]
    Font(String),
    /// An internal failure of layout.
    #[error("layout failed: {0}")]
    Layout(String),
}

/// Every text that is drawn, with its JSON path, language and base face.
fn drawn_texts(memo: &Memorandum, langs: &[Language]) -> Vec<(String, Language, String, Face)> {
    let mut out = Vec::new();
    let mut add = |path: String, text: &Text, face: Face| {
        for &lang in langs {
            let resolved = resolve(memo, Memorandum::text_in(text, lang), lang);
            out.push((format!("{path}.{}", lang.tag()), lang, resolved, face));
        }
    };
    add("title".into(), &memo.title, Face::Bold);
    add("place".into(), &memo.place, Face::Regular);
    add("preamble".into(), &memo.preamble, Face::Regular);
    fn clauses(
        prefix: &str,
        list: &[kelisim_core::Clause],
        add: &mut dyn FnMut(String, &Text, Face),
    ) {
        for (i, clause) in list.iter().enumerate() {
            let path = format!("{prefix}.clauses[{i}]");
            add(format!("{path}.text"), &clause.text, Face::Regular);
            clauses(&path, &clause.clauses, add);
        }
    }
    for (s, section) in memo.sections.iter().enumerate() {
        let prefix = format!("sections[{s}]");
        add(format!("{prefix}.heading"), &section.heading, Face::Bold);
        clauses(&prefix, &section.clauses, &mut add);
    }
    for (p, party) in memo.parties.iter().enumerate() {
        add(format!("parties[{p}].name"), &party.name, Face::Bold);
        add(format!("parties[{p}].name"), &party.name, Face::Regular);
        if let Some(address) = &party.address {
            add(format!("parties[{p}].address"), address, Face::Italic);
        }
        for (s, signatory) in party.signatories.iter().enumerate() {
            add(
                format!("parties[{p}].signatories[{s}].position"),
                &signatory.position,
                Face::Regular,
            );
            add(
                format!("parties[{p}].signatories[{s}].name"),
                &signatory.name,
                Face::Regular,
            );
        }
    }
    out.extend(drawn::v2_texts(memo, langs));
    out
}

/// Every (path, character) that cannot be drawn, in document order, each once.
fn glyph_problems(memo: &Memorandum, langs: &[Language]) -> Vec<(String, char)> {
    let mut out: Vec<(String, char)> = Vec::new();
    for (path, _lang, text, base) in drawn_texts(memo, langs) {
        let styled = markup::parse(&text, base);
        for (range, face) in &styled.spans {
            for c in styled.text[range.clone()].chars() {
                if !fonts::covers(*face, c) && !out.iter().any(|(p, ch)| *p == path && *ch == c) {
                    out.push((path.clone(), c));
                }
            }
        }
    }
    out
}

/// Every character that no bundled font can draw, as problems with JSON paths (used by validation
/// before approve).
pub fn missing_glyphs(memo: &Memorandum) -> Vec<Problem> {
    glyph_problems(memo, &memo.languages)
        .into_iter()
        .map(|(path, c)| Problem {
            message: format!(
                "the character {c:?} (U+{:04X}) cannot be drawn with the bundled fonts (PT Serif); \
                 replace it or remove it",
                c as u32
            ),
            path,
            code: "missing_glyph",
            params: vec![("character", c.to_string())],
            line: None,
            column: None,
        })
        .collect()
}

/// Renders `memo` to PDF/A-4f bytes.
///
/// Traced as the span `render` with its stages `layout`, `paginate` and `write` (fields: counts
/// only).
pub fn render(memo: &Memorandum, options: &RenderOptions) -> Result<Rendered, RenderError> {
    let _render = tracing::info_span!("render").entered();
    let layout_span = tracing::info_span!("layout").entered();
    let (layout, langs) = layout::effective_layout(memo, options.layout.unwrap_or(memo.layout));
    if let Some((path, character)) = glyph_problems(memo, &langs).into_iter().next() {
        return Err(RenderError::MissingGlyph { path, character });
    }
    let plan = layout::plan(memo, layout, options.numbering);
    let blobs = fonts::Blobs::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (laid, hyphens) = layout::set_all(plan.jobs(), &blobs, threads)?;
    let rows = layout::materialise(&plan, &laid);
    layout_span.exit();
    let geometry = layout::Geometry::A4;
    let (pages, cell_boxes) = {
        let _paginate = tracing::info_span!("paginate", rows = rows.len()).entered();
        let pages = paginate::paginate(&rows, &geometry);
        let boxes = paginate::cell_boxes(&rows, &pages, &geometry);
        (pages, boxes)
    };

    let lang = langs.first().copied().unwrap_or(Language::Ru);
    let title = markup::strip(&resolve(memo, Memorandum::text_in(&memo.title, lang), lang));
    let mut shaper = shape::Shaper::new(&blobs)?;
    let input = write::Input {
        memo,
        geometry,
        rows: &rows,
        laid,
        pages: &pages,
        cell_boxes: &cell_boxes,
        hyphens,
        title,
        lang,
        draft: options.draft.as_ref(),
    };
    let (pdf, signature_fields) = {
        let _write = tracing::info_span!("write", pages = pages.len()).entered();
        write::write(input, &mut shaper)?
    };
    Ok(Rendered {
        pdf,
        pages: pages.len() as u32,
        signature_fields,
        cell_boxes,
    })
}
