//! The visible appearance of a signature: a bordered box with a few lines of text in DejaVu
//! Sans (a subset embedded as a CIDFontType2 with Identity-H and a ToUnicode map, so Kazakh and
//! Russian text both renders and extracts).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

use crate::SignError;

/// DejaVu Sans (Bitstream Vera licence, see `fonts/DejaVu-LICENSE.txt`).
static FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// Adds the appearance objects to `doc` and returns the id of the form XObject.
pub(crate) fn add_appearance(
    doc: &mut Document,
    width: f32,
    height: f32,
    lines: &[String],
) -> Result<ObjectId, SignError> {
    let face = ttf_parser::Face::parse(FONT, 0)
        .map_err(|e| SignError::InvalidOptions(format!("font: {e}")))?;
    let encoded = Encoded::new(&face, lines);
    let subset = subsetter::subset(FONT, 0, &encoded.remapper)
        .map_err(|e| SignError::InvalidOptions(format!("font subset: {e:?}")))?;
    let content = content_stream(&encoded.lines, width, height);
    let font = add_font(doc, &face, subset, &encoded);
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![Object::Real(0.0), Object::Real(0.0), Object::Real(width), Object::Real(height)],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        },
        content.into_bytes(),
    );
    Ok(doc.add_object(form))
}

/// The lines in the subset's glyph ids, with what the font needs to know about those glyphs.
struct Encoded {
    remapper: subsetter::GlyphRemapper,
    /// Each line as hex glyph ids, and its advance in thousandths of an em.
    lines: Vec<(String, f32)>,
    /// The advance of each new glyph id, in thousandths of an em.
    widths: BTreeMap<u16, f32>,
    /// The character each new glyph id stands for.
    to_unicode: BTreeMap<u16, char>,
}

impl Encoded {
    /// Maps every character to a glyph, then compacts the ids for the subset.
    fn new(face: &ttf_parser::Face<'_>, lines: &[String]) -> Encoded {
        let upem = f32::from(face.units_per_em());
        let mut remapper = subsetter::GlyphRemapper::new();
        remapper.remap(0);
        let line_gids: Vec<Vec<(u16, char)>> = lines
            .iter()
            .map(|line| {
                line.chars()
                    .filter(|c| !c.is_control())
                    .map(|ch| (face.glyph_index(ch).map(|g| g.0).unwrap_or(0), ch))
                    .collect()
            })
            .collect();
        let mut widths: BTreeMap<u16, f32> = BTreeMap::new();
        let mut to_unicode: BTreeMap<u16, char> = BTreeMap::new();
        let mut encoded_lines: Vec<(String, f32)> = Vec::new();
        for gids in &line_gids {
            let mut hex = String::new();
            let mut advance = 0.0f32;
            for &(old, ch) in gids {
                let new = remapper.remap(old);
                let w = face
                    .glyph_hor_advance(ttf_parser::GlyphId(old))
                    .map(f32::from)
                    .unwrap_or(0.0)
                    * 1000.0
                    / upem;
                widths.insert(new, w);
                to_unicode.entry(new).or_insert(ch);
                advance += w;
                let _ = write!(hex, "{new:04X}");
            }
            encoded_lines.push((hex, advance));
        }
        Encoded {
            remapper,
            lines: encoded_lines,
            widths,
            to_unicode,
        }
    }
}

/// The box and the lines, at the largest size (at most 10 pt) at which every line fits.
fn content_stream(encoded_lines: &[(String, f32)], width: f32, height: f32) -> String {
    let n = encoded_lines.len().max(1) as f32;
    let pad = 3.0f32;
    let widest = encoded_lines.iter().map(|(_, a)| *a).fold(1.0f32, f32::max);
    let size_w = (width - 2.0 * pad) * 1000.0 / widest;
    let size_h = (height - 2.0 * pad) / (n * 1.2);
    let size = size_w.min(size_h).clamp(1.0, 10.0);
    let leading = size * 1.2;

    let mut content = String::new();
    let _ = writeln!(
        content,
        "q 0.15 0.25 0.55 RG 0.8 w 0.4 0.4 {:.2} {:.2} re S Q",
        (width - 0.8).max(0.0),
        (height - 0.8).max(0.0)
    );
    let _ = writeln!(
        content,
        "BT /F1 {size:.2} Tf 0.1 0.1 0.3 rg {leading:.2} TL"
    );
    let top = height - pad - size;
    let _ = writeln!(content, "{pad:.2} {top:.2} Td");
    for (i, (hex, _)) in encoded_lines.iter().enumerate() {
        if i > 0 {
            content.push_str("T* ");
        }
        let _ = writeln!(content, "<{hex}> Tj");
    }
    content.push_str("ET\n");
    content
}

/// The subset as a Type 0 font (CIDFontType2, Identity-H, with a ToUnicode map); its id.
fn add_font(
    doc: &mut Document,
    face: &ttf_parser::Face<'_>,
    subset: Vec<u8>,
    encoded: &Encoded,
) -> ObjectId {
    let upem = f32::from(face.units_per_em());
    let tag: String = Sha256::digest(&subset)[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    let base_font = format!("{tag}+DejaVuSans");
    let mut font_stream = Stream::new(dictionary! {}, subset);
    let _ = font_stream.compress();
    let font_file = doc.add_object(font_stream);
    let bbox = face.global_bounding_box();
    let scale = |v: i16| Object::Real(f32::from(v) * 1000.0 / upem);
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        "Flags" => 32,
        "FontBBox" => vec![scale(bbox.x_min), scale(bbox.y_min), scale(bbox.x_max), scale(bbox.y_max)],
        "ItalicAngle" => 0,
        "Ascent" => scale(face.ascender()),
        "Descent" => scale(face.descender()),
        "CapHeight" => scale(face.capital_height().unwrap_or(face.ascender())),
        "StemV" => 80,
        "FontFile2" => font_file,
    });
    let mut w_array = Vec::new();
    for (gid, w) in &encoded.widths {
        w_array.push(Object::Integer(i64::from(*gid)));
        w_array.push(Object::Array(vec![Object::Real(w.round())]));
    }
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => w_array,
        "CIDToGIDMap" => "Identity",
    });
    let cmap = to_unicode_cmap(&encoded.to_unicode);
    let to_unicode_id = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode_id,
    })
}

/// The ToUnicode CMap: each glyph id to its character (UTF-16).
fn to_unicode_cmap(to_unicode: &BTreeMap<u16, char>) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let entries: Vec<_> = to_unicode.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (gid, ch) in chunk {
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{gid:04X}> <{hex}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    cmap
}
