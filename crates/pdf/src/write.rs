//! Writing the paginated display list with krilla: glyphs, rules, the running header and footer,
//! XMP metadata, the embedded memorandum, PDF/A-4f.

use std::ops::Range;

use kelisim_core::{Language, Memorandum};
use krilla::color::luma;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId};
use krilla::{Data, Document, SerializeSettings};

use crate::breaker::{space_width, Line};
use crate::fonts::Face;
use crate::layout::{Geometry, Item, Laid, LineBox, Row};
use crate::paginate::{Page, Placed};
use crate::shape::{Hyphen, Kind, Para, Shaper};
use crate::{CellBox, RenderError, SignatureField, RENDERER_VERSION};

/// A glyph as krilla wants it; sizes are per em.
struct PdfGlyph {
    id: u32,
    range: Range<usize>,
    advance: f32,
    x: f32,
    y: f32,
}

impl krilla::text::Glyph for PdfGlyph {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(self.id)
    }
    fn text_range(&self) -> Range<usize> {
        self.range.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, size: f32) -> f32 {
        self.x * size
    }
    fn y_offset(&self, size: f32) -> f32 {
        self.y * size
    }
    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// What the writer needs besides the pages.
pub(crate) struct Input<'a> {
    pub(crate) memo: &'a Memorandum,
    pub(crate) geometry: Geometry,
    pub(crate) rows: &'a [Row],
    /// The set paragraphs; each is released once the last page that draws it is written.
    pub(crate) laid: Vec<Laid>,
    pub(crate) pages: &'a [Page],
    /// The annexes' table cells, ruled on their pages.
    pub(crate) cell_boxes: &'a [CellBox],
    pub(crate) hyphens: [Hyphen; 4],
    pub(crate) title: String,
    pub(crate) lang: Language,
    /// The draft's mark, when this is a draft.
    pub(crate) draft: Option<&'a crate::Draft>,
}

/// The line box a placed line draws.
fn line_box<'r>(rows: &'r [Row], placed: &Placed) -> Option<&'r LineBox> {
    rows.get(placed.row as usize)
        .and_then(|r| r.cells.get(placed.cell as usize))
        .and_then(|c| c.lines.get(placed.line as usize))
}

/// The paragraphs a page draws lines of (with repeats).
fn paragraphs_on<'r>(rows: &'r [Row], page: &'r Page) -> impl Iterator<Item = usize> + 'r {
    page.lines
        .iter()
        .filter_map(|placed| line_box(rows, placed))
        .flat_map(|lb| &lb.items)
        .filter_map(|item| match item {
            Item::Text { para, .. } => Some(*para as usize),
            _ => None,
        })
}

fn fonts() -> Result<[Font; 4], RenderError> {
    let mut out = Vec::with_capacity(4);
    for face in Face::ALL {
        out.push(
            Font::new(Data::from(face.bytes()), 0)
                .ok_or_else(|| RenderError::Font(format!("krilla cannot read {face:?}")))?,
        );
    }
    out.try_into()
        .map_err(|_| RenderError::Font("four faces expected".into()))
}

/// Draws one line of a paragraph with its left edge at `x` and its baseline at `y`.
fn draw_line(
    surface: &mut Surface,
    fonts: &[Font; 4],
    hyphens: &[Hyphen; 4],
    para: &Para,
    line: &Line,
    x: f32,
    y: f32,
) {
    let size = para.size;
    let clusters = &para.clusters[line.start as usize..line.end as usize];
    let mut pen = x;
    let mut i = 0;
    while i < clusters.len() {
        let face = clusters[i].face;
        let mut glyphs = Vec::new();
        let start = pen;
        while i < clusters.len() && clusters[i].face == face {
            let c = &clusters[i];
            let range = c.start as usize..c.end as usize;
            let last = line.start as usize + i + 1 == line.end as usize;
            let wanted = match c.kind {
                Kind::Space | Kind::Nbsp => space_width(c.advance, line.ratio),
                Kind::Ink if !last || line.hyphen => c.advance + line.track,
                _ => c.advance,
            };
            let gs = &para.glyphs[c.glyphs.0 as usize..c.glyphs.1 as usize];
            let n = gs.len();
            for (gi, g) in gs.iter().enumerate() {
                let mut advance = g.advance;
                if gi + 1 == n {
                    advance += wanted - c.advance;
                }
                glyphs.push(PdfGlyph {
                    id: g.id,
                    range: range.clone(),
                    advance: advance / size,
                    x: g.x / size,
                    y: g.y / size,
                });
            }
            pen += wanted;
            i += 1;
        }
        if !glyphs.is_empty() {
            surface.draw_glyphs(
                Point { x: start, y },
                &glyphs,
                fonts[face.index()].clone(),
                &para.text,
                size,
                false,
            );
        }
    }
    if line.hyphen {
        let face = clusters.last().map_or(Face::Regular, |c| c.face);
        let h = hyphens[face.index()];
        let glyph = [PdfGlyph {
            id: h.id,
            range: 0..1,
            advance: h.advance_em,
            x: 0.0,
            y: 0.0,
        }];
        surface.draw_glyphs(
            Point { x: pen, y },
            &glyph,
            fonts[face.index()].clone(),
            "-",
            size,
            false,
        );
    }
}

fn draw_rule(surface: &mut Surface, x0: f32, x1: f32, y: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x0, y);
    pb.line_to(x1, y);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            width: 0.6,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.set_fill(Some(Fill::default()));
    }
}

/// Rules the table cells on page `p` (0-based): a thin frame around each.
fn draw_cell_boxes(surface: &mut Surface, input: &Input<'_>, p: usize) {
    let page = p as u32 + 1;
    let height = input.geometry.height;
    for b in input.cell_boxes.iter().filter(|b| b.page == page) {
        let (top, bottom) = (height - (b.y + b.h), height - b.y);
        let mut pb = PathBuilder::new();
        pb.move_to(b.x, top);
        pb.line_to(b.x + b.w, top);
        pb.line_to(b.x + b.w, bottom);
        pb.line_to(b.x, bottom);
        pb.close();
        if let Some(path) = pb.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                width: 0.4,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
            surface.set_fill(Some(Fill::default()));
        }
    }
}

/// The header text: the title cut at a word to fit `width`, with «…».
fn short_title(
    shaper: &mut Shaper,
    title: &str,
    lang: Language,
    size: f32,
    width: f32,
) -> Result<Para, RenderError> {
    let full = crate::shape::shape_plain(shaper, title, Face::Italic, lang, size)?;
    if full.width(0..full.clusters.len()) <= width {
        return Ok(full);
    }
    let ellipsis = crate::shape::shape_plain(shaper, "…", Face::Italic, lang, size)?;
    let room = width - ellipsis.width(0..ellipsis.clusters.len());
    let mut used = 0.0;
    let mut cut = 0;
    for c in &full.clusters {
        if used + c.advance > room {
            break;
        }
        used += c.advance;
        if c.kind == Kind::Space {
            cut = c.start as usize;
        }
    }
    let text = format!("{}…", full.text[..cut].trim_end());
    crate::shape::shape_plain(shaper, &text, Face::Italic, lang, size)
}

fn whole(para: &Para) -> Line {
    Line {
        start: 0,
        end: para.clusters.len() as u32,
        hyphen: false,
        track: 0.0,
        ratio: 0.0,
        fit: 0.0,
        width: para.width(0..para.clusters.len()),
    }
}

/// Writes the PDF; returns its bytes and the signature fields.
pub(crate) fn write(
    mut input: Input<'_>,
    shaper: &mut Shaper,
) -> Result<(Vec<u8>, Vec<SignatureField>), RenderError> {
    let mut document = new_document()?;
    let fonts = fonts()?;
    let chrome = Chrome::new(&input, shaper)?;
    let last_page = last_pages(&input);
    let mut fields = Vec::new();
    for (p, page) in input.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(input.geometry.width, input.geometry.height)
            .ok_or_else(|| RenderError::Pdf("bad page size".into()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        surface.set_fill(Some(Fill::default()));
        let pen = Pen {
            fonts: &fonts,
            hyphens: &input.hyphens,
        };
        chrome.draw_watermark(&mut surface, pen, &input.geometry);
        if p > 0 {
            chrome.draw_header(&mut surface, pen, &input.geometry);
        }
        draw_body(&mut surface, pen, &input, p, page, &mut fields);
        draw_cell_boxes(&mut surface, &input, p);
        chrome.draw_footer(&mut surface, pen, shaper, &input, p)?;
        surface.finish();
        pdf_page.finish();
        for para in paragraphs_on(input.rows, page) {
            if last_page.get(para) == Some(&p) {
                if let Some(laid) = input.laid.get_mut(para) {
                    laid.release();
                }
            }
        }
    }
    let hash = input.memo.content_hash();
    let date = creation_date(input.memo);
    document.set_metadata(metadata(&input, &hash, date));
    embed_memorandum(&mut document, input.memo, &hash, date)?;
    let pdf = document
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    Ok((pdf, fields))
}

/// An empty document that krilla validates as PDF/A-4f when it is saved.
fn new_document() -> Result<Document, RenderError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A4F)
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        compress_content_streams: true,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    Ok(Document::new_with(settings))
}

/// The last page that draws each paragraph: its shaping is released after that page, so a
/// long memorandum is not held shaped whole while its pages accumulate in the PDF.
fn last_pages(input: &Input<'_>) -> Vec<usize> {
    let mut last_page = vec![0usize; input.laid.len()];
    for (p, page) in input.pages.iter().enumerate() {
        for para in paragraphs_on(input.rows, page) {
            if let Some(last) = last_page.get_mut(para) {
                *last = p;
            }
        }
    }
    last_page
}

/// What draws glyphs: the fonts and their hyphens.
#[derive(Clone, Copy)]
struct Pen<'a> {
    fonts: &'a [Font; 4],
    hyphens: &'a [Hyphen; 4],
}

impl Pen<'_> {
    fn line(self, surface: &mut Surface, para: &Para, line: &Line, x: f32, y: f32) {
        draw_line(surface, self.fonts, self.hyphens, para, line, x, y);
    }
}

/// The running header (the title, from the second page on) and footer (the short content
/// hash on the left, the page number on the right).
struct Chrome {
    header: Option<Para>,
    hash: Para,
    /// A draft's words across the page.
    watermark: Option<Para>,
    header_y: f32,
    footer_y: f32,
}

/// The size of the running header and footer.
const SMALL: f32 = 8.0;
/// The size of a draft's words across the page, and their grey (0 black, 255 white).
const WATERMARK: f32 = 44.0;
const WATERMARK_LIGHTNESS: u8 = 215;

impl Chrome {
    fn new(input: &Input<'_>, shaper: &mut Shaper) -> Result<Chrome, RenderError> {
        let g = input.geometry;
        let hash = input.memo.content_hash();
        let short_hash: String = hash
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect();
        let short_hash = format!("sha256:{short_hash}");
        let header = if input.pages.len() > 1 {
            Some(short_title(
                shaper,
                &input.title,
                input.lang,
                SMALL,
                g.text_width(),
            )?)
        } else {
            None
        };
        // A draft's footer names what it is a draft of: «ЖОБА / ПРОЕКТ / DRAFT #3 · 2026-12-03 ·
        // sha256:…».
        let footer = match input.draft {
            Some(d) => format!(
                "{} #{} · {} · {short_hash}",
                crate::DRAFT_WORDS,
                d.revision,
                d.date
            ),
            None => short_hash,
        };
        let hash = crate::shape::shape_plain(shaper, &footer, Face::Regular, input.lang, SMALL)?;
        let watermark = match input.draft {
            Some(_) => Some(crate::shape::shape_plain(
                shaper,
                crate::DRAFT_WORDS,
                Face::Bold,
                input.lang,
                WATERMARK,
            )?),
            None => None,
        };
        Ok(Chrome {
            header,
            hash,
            watermark,
            header_y: g.top - 6.0 * crate::layout::MM,
            footer_y: g.height - g.bottom + 10.0 * crate::layout::MM - 6.0,
        })
    }

    /// A draft's words from the lower left to the upper right of the page, light grey, under
    /// the text.
    fn draw_watermark(&self, surface: &mut Surface, pen: Pen<'_>, g: &Geometry) {
        let Some(w) = &self.watermark else {
            return;
        };
        let line = whole(w);
        // The page's centre is the origin, turned so that x runs along the diagonal (y down).
        let (sin, cos) = g.height.atan2(g.width).sin_cos();
        let (cx, cy) = (g.width / 2.0, g.height / 2.0);
        surface.push_transform(&Transform::from_row(cos, -sin, sin, cos, cx, cy));
        surface.set_fill(Some(Fill {
            paint: luma::Color::new(WATERMARK_LIGHTNESS).into(),
            ..Fill::default()
        }));
        pen.line(surface, w, &line, -line.width / 2.0, WATERMARK * 0.35);
        surface.set_fill(Some(Fill::default()));
        surface.pop();
    }

    fn draw_header(&self, surface: &mut Surface, pen: Pen<'_>, g: &Geometry) {
        if let Some(h) = &self.header {
            let line = whole(h);
            let x = g.left + (g.text_width() - line.width) / 2.0;
            pen.line(surface, h, &line, x, self.header_y);
        }
    }

    /// The footer of page `p` (0-based).
    fn draw_footer(
        &self,
        surface: &mut Surface,
        pen: Pen<'_>,
        shaper: &mut Shaper,
        input: &Input<'_>,
        p: usize,
    ) -> Result<(), RenderError> {
        let g = input.geometry;
        let text = format!("{} / {}", p + 1, input.pages.len());
        let number = crate::shape::shape_plain(shaper, &text, Face::Regular, input.lang, SMALL)?;
        let line = whole(&number);
        let x = g.width - g.right - line.width;
        pen.line(surface, &number, &line, x, self.footer_y);
        let line = whole(&self.hash);
        pen.line(surface, &self.hash, &line, g.left, self.footer_y);
        Ok(())
    }
}

/// Draws the lines placed on page `p` (0-based) and records its signature fields.
fn draw_body(
    surface: &mut Surface,
    pen: Pen<'_>,
    input: &Input<'_>,
    p: usize,
    page: &Page,
    fields: &mut Vec<SignatureField>,
) {
    for placed in &page.lines {
        let Some(lb) = line_box(input.rows, placed) else {
            continue;
        };
        for item in &lb.items {
            match item {
                Item::Text { para, line, x } => {
                    if let Some(laid) = input.laid.get(*para as usize) {
                        pen.line(surface, &laid.para, line, *x, placed.top + lb.baseline);
                    }
                }
                Item::Rule { x0, x1, y } => draw_rule(surface, *x0, *x1, placed.top + y),
                Item::Field {
                    party,
                    signatory,
                    x,
                    width,
                } => {
                    let rect = [
                        *x,
                        input.geometry.height - (placed.top + lb.height),
                        x + width,
                        input.geometry.height - placed.top,
                    ];
                    if let Some(field) = signature_field(input.memo, *party, *signatory, p, rect) {
                        fields.push(field);
                    }
                }
            }
        }
    }
}

/// The field of a party's signatory on page `p` (0-based), if both exist.
fn signature_field(
    memo: &Memorandum,
    party: u32,
    signatory: u32,
    p: usize,
    rect: [f32; 4],
) -> Option<SignatureField> {
    let party = memo.parties.get(party as usize)?;
    let signatory = party.signatories.get(signatory as usize)?;
    Some(SignatureField {
        party_id: party.id.as_str().to_owned(),
        signatory_id: signatory.id.as_str().to_owned(),
        page: p as u32 + 1,
        rect,
    })
}

/// The memorandum's date at midnight UTC: the PDF's creation date (never the clock's, so that
/// the same memorandum renders to the same bytes).
fn creation_date(memo: &Memorandum) -> DateTime {
    let (year, month, day) = memo.date.parts();
    DateTime::new(year as u16)
        .month(month as u8)
        .day(day as u8)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The document's XMP metadata: title, the parties as authors, the content hash.
fn metadata(input: &Input<'_>, hash: &str, date: DateTime) -> Metadata {
    let memo = input.memo;
    let authors = memo
        .parties
        .iter()
        .map(|p| {
            crate::markup::strip(&kelisim_core::placeholder::resolve(
                memo,
                Memorandum::text_in(&p.name, input.lang),
                input.lang,
            ))
        })
        .collect();
    let mut description = format!("Memorandum of cooperation, content hash {hash}");
    let mut keywords = vec![
        "kelisim".to_owned(),
        "memorandum".to_owned(),
        hash.to_owned(),
    ];
    // `/2`: krilla writes no custom XMP property, so the registration goes into the description
    // (dc:description) and the keywords (pdf:Keywords).
    if input.draft.is_some() {
        description = format!("DRAFT, not for signing: {description}");
        keywords.push(crate::DRAFT_KEYWORD.to_owned());
    }
    if let Some(registration) = &memo.registration {
        description.push_str(&format!(
            ", registration No. {} of {}",
            registration.number,
            registration.date.as_str()
        ));
        keywords.push(format!("No. {}", registration.number));
    }
    Metadata::new()
        .title(input.title.clone())
        .authors(authors)
        .language(input.lang.tag().to_owned())
        .description(description)
        .keywords(keywords)
        .creator("Kelisim".to_owned())
        .producer(format!("Kelisim {RENDERER_VERSION}"))
        .creation_date(date)
        .document_id(hash.to_owned())
}

/// Attaches the memorandum's canonical JSON as the PDF's source file.
fn embed_memorandum(
    document: &mut Document,
    memo: &Memorandum,
    hash: &str,
    date: DateTime,
) -> Result<(), RenderError> {
    let json = memo.canonical_json();
    document
        .embed_file(EmbeddedFile {
            path: "memorandum.json".to_owned(),
            mime_type: MimeType::new("application/json"),
            description: Some(format!(
                "The memorandum ({}, RFC 8785 canonical JSON), {hash}",
                memo.format.tag()
            )),
            association_kind: AssociationKind::Source,
            data: Data::from(json.into_bytes()),
            modification_date: Some(date),
            compress: Some(true),
            location: None,
        })
        .ok_or_else(|| RenderError::Pdf("the memorandum could not be attached".into()))
}
