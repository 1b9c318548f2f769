//! The inline markup of memorandum texts: `**bold**` and `_italic_`, plus whitespace
//! normalisation. The result is plain text with face spans, ready for shaping.
//!
//! Markers are paired: an unpaired `**` or `_` stays in the text as written, and an underscore
//! inside a word (`snake_case`) is never a marker.

use std::ops::Range;

use crate::fonts::Face;

/// Plain text with the face of every byte, and the break hints the markup carried.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Styled {
    pub(crate) text: String,
    /// Contiguous, non-overlapping spans covering `text`.
    pub(crate) spans: Vec<(Range<usize>, Face)>,
    /// Byte offsets where the text had a soft hyphen (U+00AD): a hyphenation point.
    pub(crate) soft_hyphens: Vec<usize>,
}

impl Styled {
    /// Text in one face, normalised but without markup.
    pub(crate) fn plain(text: &str, face: Face) -> Styled {
        let mut out = Styled {
            text: String::with_capacity(text.len()),
            spans: Vec::new(),
            soft_hyphens: Vec::new(),
        };
        for c in text.chars() {
            out.push(c, face);
        }
        out.finish()
    }

    fn push(&mut self, c: char, face: Face) {
        let c = match c {
            '\t' | '\r' | '\u{000B}' | '\u{000C}' => ' ',
            '\u{00AD}' => {
                self.soft_hyphens.push(self.text.len());
                return;
            }
            c if c.is_control() && c != '\n' => return,
            c => c,
        };
        if c == ' ' && (self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
            return;
        }
        if c == '\n' && self.text.ends_with(' ') {
            self.pop_space();
        }
        let start = self.text.len();
        self.text.push(c);
        let end = self.text.len();
        match self.spans.last_mut() {
            Some((range, f)) if *f == face && range.end == start => range.end = end,
            _ => self.spans.push((start..end, face)),
        }
    }

    fn pop_space(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            let len = self.text.len();
            if let Some((range, _)) = self.spans.last_mut() {
                range.end = len;
                if range.start == range.end {
                    self.spans.pop();
                }
            }
        }
    }

    fn finish(mut self) -> Styled {
        while self.text.ends_with([' ', '\n']) {
            if self.text.ends_with('\n') {
                self.text.pop();
                let len = self.text.len();
                if let Some((range, _)) = self.spans.last_mut() {
                    range.end = len;
                    if range.start == range.end {
                        self.spans.pop();
                    }
                }
            } else {
                self.pop_space();
            }
        }
        let len = self.text.len();
        self.soft_hyphens.retain(|&at| at > 0 && at < len);
        self.soft_hyphens.dedup();
        self
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Parses `**bold**` and `_italic_` in `input`, on top of `base` (a bold title stays bold).
pub(crate) fn parse(input: &str, base: Face) -> Styled {
    let chars: Vec<char> = input.chars().collect();
    let n = chars.len();
    // Which character positions are markers: 2 = bold marker (two stars), 1 = italic marker.
    let mut marker = vec![0u8; n];

    let mut stars = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        if chars[i] == '*' && chars[i + 1] == '*' {
            stars.push(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    if stars.len() % 2 == 1 {
        stars.pop();
    }
    for &s in &stars {
        marker[s] = 2;
        marker[s + 1] = 2;
    }

    let mut open: Option<usize> = None;
    for i in 0..n {
        if chars[i] != '_' {
            continue;
        }
        let before = if i == 0 { None } else { Some(chars[i - 1]) };
        let after = chars.get(i + 1).copied();
        let can_open = !before.is_some_and(is_word) && after.is_some_and(|c| !c.is_whitespace());
        let can_close = before.is_some_and(|c| !c.is_whitespace()) && !after.is_some_and(is_word);
        match open {
            Some(o) if can_close => {
                marker[o] = 1;
                marker[i] = 1;
                open = None;
            }
            None if can_open => open = Some(i),
            _ => {}
        }
    }

    let mut out = Styled {
        text: String::with_capacity(input.len()),
        spans: Vec::new(),
        soft_hyphens: Vec::new(),
    };
    let (mut bold, mut italic) = (false, false);
    let mut i = 0;
    while i < n {
        match marker[i] {
            2 => {
                bold = !bold;
                i += 2;
            }
            1 => {
                italic = !italic;
                i += 1;
            }
            _ => {
                let face = Face::new(base.is_bold() || bold, base.is_italic() || italic);
                out.push(chars[i], face);
                i += 1;
            }
        }
    }
    out.finish()
}

/// `text` without markup markers, normalised: what is drawn (used for checks and metadata).
pub(crate) fn strip(text: &str) -> String {
    parse(text, Face::Regular).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces(s: &Styled) -> Vec<(&str, Face)> {
        s.spans
            .iter()
            .map(|(r, f)| (&s.text[r.clone()], *f))
            .collect()
    }

    #[test]
    fn bold_and_italic_runs_become_faces() {
        let s = parse(
            "Стороны **совместно** реализуют _программы_.",
            Face::Regular,
        );
        assert_eq!(s.text, "Стороны совместно реализуют программы.");
        assert_eq!(
            faces(&s),
            vec![
                ("Стороны ", Face::Regular),
                ("совместно", Face::Bold),
                (" реализуют ", Face::Regular),
                ("программы", Face::Italic),
                (".", Face::Regular)
            ]
        );
    }

    #[test]
    fn nested_markers_make_bold_italic() {
        let s = parse("**a _b_ c**", Face::Regular);
        assert_eq!(
            faces(&s),
            vec![
                ("a ", Face::Bold),
                ("b", Face::BoldItalic),
                (" c", Face::Bold)
            ]
        );
    }

    #[test]
    fn unpaired_and_intraword_markers_stay_literal() {
        assert_eq!(parse("a ** b", Face::Regular).text, "a ** b");
        assert_eq!(
            parse("snake_case_name", Face::Regular).text,
            "snake_case_name"
        );
        assert_eq!(
            parse("https://example.kz/a_b/_c", Face::Regular).text,
            "https://example.kz/a_b/_c"
        );
        assert_eq!(parse("x _ y", Face::Regular).text, "x _ y");
    }

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        let s = parse("  a \t b  \n  c  ", Face::Regular);
        assert_eq!(s.text, "a b\nc");
        assert_eq!(s.spans, vec![(0..5, Face::Regular)]);
    }

    #[test]
    fn soft_hyphens_become_break_hints() {
        let s = Styled::plain("ынты\u{00AD}мақ", Face::Regular);
        assert_eq!(s.text, "ынтымақ");
        assert_eq!(s.soft_hyphens, vec!["ынты".len()]);
    }

    #[test]
    fn a_bold_base_stays_bold() {
        let s = parse("МЕМОРАНДУМ _о_", Face::Bold);
        assert_eq!(
            faces(&s),
            vec![("МЕМОРАНДУМ ", Face::Bold), ("о", Face::BoldItalic)]
        );
    }
}
