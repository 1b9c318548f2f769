//! The bundled fonts (PT Serif, four faces) and which characters they can draw.
//!
//! The same bytes serve both sides: parley shapes with them (as `fontique::Blob`s) and krilla
//! embeds subsets of them (as `krilla::text::Font`s). They never exchange types; a face is named by
//! [`Face`] on our side.

use std::sync::{Arc, OnceLock};

use skrifa::MetadataProvider;

const REGULAR: &[u8] = include_bytes!("../fonts/PTSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/PTSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/PTSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/PTSerif-BoldItalic.ttf");

/// One of the four bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub(crate) const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub(crate) fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn is_bold(self) -> bool {
        matches!(self, Face::Bold | Face::BoldItalic)
    }

    pub(crate) fn is_italic(self) -> bool {
        matches!(self, Face::Italic | Face::BoldItalic)
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Italic => ITALIC,
            Face::BoldItalic => BOLD_ITALIC,
        }
    }
}

/// The font bytes as parley blobs, made once per render and cloned into every thread (a blob's id
/// is how a shaped run names its face; `Blob::new` again would make new ids).
#[derive(Clone)]
pub(crate) struct Blobs(pub(crate) [parley::fontique::Blob<u8>; 4]);

impl Blobs {
    pub(crate) fn new() -> Blobs {
        Blobs(Face::ALL.map(|face| {
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(face.bytes());
            parley::fontique::Blob::new(data)
        }))
    }

    /// The face whose blob has this id.
    pub(crate) fn face_of(&self, blob_id: u64) -> Option<Face> {
        Face::ALL
            .into_iter()
            .find(|face| self.0[face.index()].id() == blob_id)
    }
}

/// Characters that are never drawn, so no font needs them.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Which characters each face has, read once from the fonts' cmaps.
struct Coverage {
    /// One bit per Basic Multilingual Plane code point, per face.
    bmp: [Vec<u64>; 4],
    /// Sorted code points above the BMP, per face.
    astral: [Vec<u32>; 4],
}

fn coverage() -> &'static Coverage {
    static COVERAGE: OnceLock<Coverage> = OnceLock::new();
    COVERAGE.get_or_init(|| {
        let mut bmp: [Vec<u64>; 4] = Default::default();
        let mut astral: [Vec<u32>; 4] = Default::default();
        for face in Face::ALL {
            let bits = &mut bmp[face.index()];
            bits.resize(0x10000 / 64, 0);
            // A font that does not parse covers nothing: every character is then reported.
            if let Ok(font) = skrifa::FontRef::new(face.bytes()) {
                for (code, glyph) in font.charmap().mappings() {
                    if glyph.to_u32() == 0 {
                        continue;
                    }
                    if code < 0x10000 {
                        bits[(code / 64) as usize] |= 1 << (code % 64);
                    } else {
                        astral[face.index()].push(code);
                    }
                }
            }
            astral[face.index()].sort_unstable();
        }
        Coverage { bmp, astral }
    })
}

/// Whether `face` can draw `c` (invisible characters always can).
pub(crate) fn covers(face: Face, c: char) -> bool {
    if is_invisible(c) {
        return true;
    }
    let code = c as u32;
    let cov = coverage();
    if code < 0x10000 {
        cov.bmp[face.index()][(code / 64) as usize] & (1 << (code % 64)) != 0
    } else {
        cov.astral[face.index()].binary_search(&code).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_covers_kazakh_russian_and_latin() {
        let letters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя \
                       ABCXYZ abcxyz 0123456789 «»—–-№.,;:!?()/";
        for face in Face::ALL {
            for c in letters.chars() {
                assert!(covers(face, c), "{face:?} lacks {c:?}");
            }
        }
    }

    #[test]
    fn cjk_is_not_covered_and_controls_need_no_glyph() {
        assert!(!covers(Face::Regular, '中'));
        assert!(!covers(Face::Bold, '😀'));
        assert!(covers(Face::Regular, '\n'));
        assert!(covers(Face::Regular, '\u{00AD}'));
    }
}
