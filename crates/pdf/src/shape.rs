//! Shaping with parley: a paragraph becomes a list of clusters (each with its text range, advance,
//! face and glyphs) that our own line breaker and the PDF writer both work from.
//!
//! parley shapes the whole paragraph once, on one unbounded line; we never use its line breaking.

use kelisim_core::Language;
use parley::style::{FontFamily, FontStyle, FontWeight, LineHeight, StyleProperty};
use parley::{FontContext, Layout, LayoutContext};

use crate::fonts::{Blobs, Face};
use crate::markup::Styled;
use crate::RenderError;

/// What a cluster is, for line breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Ink: letters, digits, punctuation.
    Ink,
    /// A breakable, stretchable space.
    Space,
    /// A no-break space: stretchable, never a break.
    Nbsp,
    /// A forced line break.
    Newline,
}

/// One grapheme cluster (a whole ligature when the font forms one).
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) advance: f32,
    pub(crate) face: Face,
    pub(crate) kind: Kind,
    pub(crate) glyphs: (u32, u32),
}

/// One glyph, in points at the paragraph's size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub(crate) id: u32,
    pub(crate) advance: f32,
    pub(crate) x: f32,
    pub(crate) y: f32,
}

/// A shaped paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub(crate) text: String,
    pub(crate) size: f32,
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) glyphs: Vec<Glyph>,
    /// Byte offsets of soft hyphens in the source.
    pub(crate) soft_hyphens: Vec<usize>,
}

impl Para {
    /// The natural width of clusters `range`.
    pub(crate) fn width(&self, range: std::ops::Range<usize>) -> f32 {
        self.clusters[range].iter().map(|c| c.advance).sum()
    }
}

/// The glyph of the hyphen drawn at a hyphenated line end, per face: id and advance per em.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hyphen {
    pub(crate) id: u32,
    pub(crate) advance_em: f32,
}

/// A per-thread shaping context over the bundled fonts.
pub(crate) struct Shaper {
    fcx: FontContext,
    lcx: LayoutContext<[u8; 4]>,
    layout: Layout<[u8; 4]>,
    family: String,
    blobs: Blobs,
    hyphens: [Hyphen; 4],
}

impl Shaper {
    pub(crate) fn new(blobs: &Blobs) -> Result<Shaper, RenderError> {
        let mut fcx = FontContext::default();
        let mut family = None;
        for blob in &blobs.0 {
            let registered = fcx.collection.register_fonts(blob.clone(), None);
            if family.is_none() {
                if let Some((id, _)) = registered.first() {
                    family = fcx.collection.family_name(*id).map(str::to_owned);
                }
            }
        }
        let family =
            family.ok_or_else(|| RenderError::Font("the bundled fonts have no family".into()))?;
        let mut shaper = Shaper {
            fcx,
            lcx: LayoutContext::new(),
            layout: Layout::new(),
            family,
            blobs: blobs.clone(),
            hyphens: [Hyphen::default(); 4],
        };
        for face in Face::ALL {
            let para = shaper.shape(&Styled::plain("-", face), Language::En, 1.0)?;
            let glyph = para.glyphs.first().copied().ok_or_else(|| {
                RenderError::Font(format!("{face:?} has no glyph for the hyphen"))
            })?;
            shaper.hyphens[face.index()] = Hyphen {
                id: glyph.id,
                advance_em: glyph.advance,
            };
        }
        Ok(shaper)
    }

    pub(crate) fn hyphens(&self) -> [Hyphen; 4] {
        self.hyphens
    }

    /// Shapes `styled` in `lang` at `size` points.
    pub(crate) fn shape(
        &mut self,
        styled: &Styled,
        lang: Language,
        size: f32,
    ) -> Result<Para, RenderError> {
        let text = styled.text.as_str();
        let mut builder = self.lcx.ranged_builder(&mut self.fcx, text, 1.0, false);
        builder.push_default(StyleProperty::FontFamily(FontFamily::named(&self.family)));
        builder.push_default(StyleProperty::FontSize(size));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(1.0)));
        builder.push_default(StyleProperty::Locale(
            parley::style::Language::parse(lang.tag()).ok(),
        ));
        for (range, face) in &styled.spans {
            if face.is_bold() {
                builder.push(StyleProperty::FontWeight(FontWeight::BOLD), range.clone());
            }
            if face.is_italic() {
                builder.push(StyleProperty::FontStyle(FontStyle::Italic), range.clone());
            }
        }
        builder.build_into(&mut self.layout, text);
        self.layout.break_all_lines(None);
        let (mut clusters, glyphs) = self.clusters(text)?;
        // Clusters must be in text order and cover it; parley gives them so for left-to-right text.
        clusters.sort_by_key(|c| c.start);
        Ok(Para {
            text: styled.text.clone(),
            size,
            clusters,
            glyphs,
            soft_hyphens: styled.soft_hyphens.clone(),
        })
    }

    /// The clusters and glyphs of the laid-out `text`, in the order parley gives them.
    fn clusters(&self, text: &str) -> Result<(Vec<Cluster>, Vec<Glyph>), RenderError> {
        let chars = text.chars().count();
        let mut clusters: Vec<Cluster> = Vec::with_capacity(chars);
        let mut glyphs: Vec<Glyph> = Vec::with_capacity(chars);
        for line in self.layout.lines() {
            for run in line.runs() {
                let face = self.blobs.face_of(run.font().data.id()).ok_or_else(|| {
                    RenderError::Font("a run was shaped with an unknown font".into())
                })?;
                for cluster in run.clusters() {
                    let range = cluster.text_range();
                    let first = glyphs.len() as u32;
                    let mut advance = 0.0;
                    for g in cluster.glyphs() {
                        advance += g.advance;
                        glyphs.push(Glyph {
                            id: g.id,
                            advance: g.advance,
                            x: g.x,
                            y: g.y,
                        });
                    }
                    if cluster.is_ligature_continuation() {
                        // The ligature's glyphs belong to its first cluster: widen that one.
                        if let Some(last) = clusters.last_mut() {
                            last.end = range.end as u32;
                            continue;
                        }
                    }
                    let kind = kind_of(&text[range.clone()]);
                    if kind == Kind::Newline {
                        // A line break has no ink.
                        glyphs.truncate(first as usize);
                        advance = 0.0;
                    }
                    clusters.push(Cluster {
                        start: range.start as u32,
                        end: range.end as u32,
                        advance,
                        face,
                        kind,
                        glyphs: (first, glyphs.len() as u32),
                    });
                }
            }
        }
        Ok((clusters, glyphs))
    }
}

/// What the cluster of `text` is, by its first character.
fn kind_of(text: &str) -> Kind {
    match text.chars().next() {
        Some(' ') => Kind::Space,
        Some('\u{00A0}' | '\u{202F}') => Kind::Nbsp,
        Some('\n') => Kind::Newline,
        _ => Kind::Ink,
    }
}

/// Shapes plain text once (labels, footers): a convenience over [`Shaper::shape`].
pub(crate) fn shape_plain(
    shaper: &mut Shaper,
    text: &str,
    face: Face,
    lang: Language,
    size: f32,
) -> Result<Para, RenderError> {
    shaper.shape(&Styled::plain(text, face), lang, size)
}
