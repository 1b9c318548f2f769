//! Writing the paginated display list with krilla: glyphs, rules, the running header and footer,
//! XMP metadata, the embedded memorandum, PDF/A-4f.

use std::ops::Range;

use kelisim_core::{Language, Memorandum};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point};
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
use crate::{RenderError, SignatureField, RENDERER_VERSION};

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
    pub(crate) hyphens: [Hyphen; 4],
    pub(crate) title: String,
    pub(crate) lang: Language,
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
    let memo = input.memo;
    let g = input.geometry;
    let fonts = fonts()?;
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
    let mut document = Document::new_with(settings);

    let total = input.pages.len();
    let hash = memo.content_hash();
    let short_hash: String = hash
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect();
    let short_hash = format!("sha256:{short_hash}");
    let small = 8.0;
    let header = if total > 1 {
        Some(short_title(
            shaper,
            &input.title,
            input.lang,
            small,
            g.text_width(),
        )?)
    } else {
        None
    };
    let hash_para =
        crate::shape::shape_plain(shaper, &short_hash, Face::Regular, input.lang, small)?;
    let footer_y = g.height - g.bottom + 10.0 * crate::layout::MM - 6.0;
    let header_y = g.top - 6.0 * crate::layout::MM;

    // The last page that draws each paragraph: its shaping is released after that page, so a
    // long memorandum is not held shaped whole while its pages accumulate in the PDF.
    let mut last_page = vec![0usize; input.laid.len()];
    for (p, page) in input.pages.iter().enumerate() {
        for para in paragraphs_on(input.rows, page) {
            if let Some(last) = last_page.get_mut(para) {
                *last = p;
            }
        }
    }

    let mut fields = Vec::new();
    for (p, page) in input.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(g.width, g.height)
            .ok_or_else(|| RenderError::Pdf("bad page size".into()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        surface.set_fill(Some(Fill::default()));

        if p > 0 {
            if let Some(h) = &header {
                let line = whole(h);
                let x = g.left + (g.text_width() - line.width) / 2.0;
                draw_line(&mut surface, &fonts, &input.hyphens, h, &line, x, header_y);
            }
        }

        for placed in &page.lines {
            let Some(lb) = line_box(input.rows, placed) else {
                continue;
            };
            for item in &lb.items {
                match item {
                    Item::Text { para, line, x } => {
                        if let Some(laid) = input.laid.get(*para as usize) {
                            draw_line(
                                &mut surface,
                                &fonts,
                                &input.hyphens,
                                &laid.para,
                                line,
                                *x,
                                placed.top + lb.baseline,
                            );
                        }
                    }
                    Item::Rule { x0, x1, y } => draw_rule(&mut surface, *x0, *x1, placed.top + y),
                    Item::Field {
                        party,
                        signatory,
                        x,
                        width,
                    } => {
                        let party = memo.parties.get(*party as usize);
                        let signatory = party.and_then(|p| p.signatories.get(*signatory as usize));
                        if let (Some(party), Some(signatory)) = (party, signatory) {
                            fields.push(SignatureField {
                                party_id: party.id.as_str().to_owned(),
                                signatory_id: signatory.id.as_str().to_owned(),
                                page: p as u32 + 1,
                                rect: [
                                    *x,
                                    g.height - (placed.top + lb.height),
                                    x + width,
                                    g.height - placed.top,
                                ],
                            });
                        }
                    }
                }
            }
        }

        let number = crate::shape::shape_plain(
            shaper,
            &format!("{} / {}", p + 1, total),
            Face::Regular,
            input.lang,
            small,
        )?;
        let line = whole(&number);
        draw_line(
            &mut surface,
            &fonts,
            &input.hyphens,
            &number,
            &line,
            g.width - g.right - line.width,
            footer_y,
        );
        let line = whole(&hash_para);
        draw_line(
            &mut surface,
            &fonts,
            &input.hyphens,
            &hash_para,
            &line,
            g.left,
            footer_y,
        );
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

    let (year, month, day) = memo.date.parts();
    let date = DateTime::new(year as u16)
        .month(month as u8)
        .day(day as u8)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
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
    let metadata = Metadata::new()
        .title(input.title.clone())
        .authors(authors)
        .language(input.lang.tag().to_owned())
        .description(format!("Memorandum of cooperation, content hash {hash}"))
        .keywords(vec![
            "kelisim".to_owned(),
            "memorandum".to_owned(),
            hash.clone(),
        ])
        .creator("Kelisim".to_owned())
        .producer(format!("Kelisim {RENDERER_VERSION}"))
        .creation_date(date)
        .document_id(hash.clone());
    document.set_metadata(metadata);

    let json = memo.canonical_json();
    document
        .embed_file(EmbeddedFile {
            path: "memorandum.json".to_owned(),
            mime_type: MimeType::new("application/json"),
            description: Some(format!(
                "The memorandum (kelisim.memorandum/1, RFC 8785 canonical JSON), {hash}"
            )),
            association_kind: AssociationKind::Source,
            data: Data::from(json.into_bytes()),
            modification_date: Some(date),
            compress: Some(true),
            location: None,
        })
        .ok_or_else(|| RenderError::Pdf("the memorandum could not be attached".into()))?;

    let pdf = document
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    Ok((pdf, fields))
}
