//! A small, strict reader of PDF tokens and direct objects: enough to read trailers, the
//! dictionaries of cross-reference and object streams, and every dictionary's keys (a key
//! given twice is refused, since readers disagree on which one counts).

use super::StructureError;

/// Nesting deeper than this is refused (the verifier refuses it before parsing anyway).
const MAX_DEPTH: usize = 256;

/// A direct PDF object as far as the structure needs it: numbers, names and references
/// keep their value, strings only their presence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(i64),
    Real,
    Bool,
    Null,
    Str,
    Name(Vec<u8>),
    Ref(u32, u16),
    Array(Vec<Value>),
    Dict(Dict),
}

/// A dictionary whose keys are all different, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Dict(pub(crate) Vec<(Vec<u8>, Value)>);

impl Dict {
    /// The value of `key`.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key` when it is a direct integer.
    pub(crate) fn int(&self, key: &[u8]) -> Option<i64> {
        match self.get(key) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        }
    }

    /// The value of `key` when it is a name.
    pub(crate) fn name(&self, key: &[u8]) -> Option<&[u8]> {
        match self.get(key) {
            Some(Value::Name(n)) => Some(n),
            _ => None,
        }
    }
}

/// PDF white space (ISO 32000-2, 7.2.3).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

/// Skips white space only.
pub(crate) fn skip_space(buf: &[u8], mut i: usize) -> usize {
    while i < buf.len() && is_space(buf[i]) {
        i += 1;
    }
    i
}

/// Skips white space and comments.
pub(crate) fn skip_space_and_comments(buf: &[u8], mut i: usize) -> usize {
    loop {
        i = skip_space(buf, i);
        if buf.get(i) != Some(&b'%') {
            return i;
        }
        while i < buf.len() && buf[i] != b'\n' && buf[i] != b'\r' {
            i += 1;
        }
    }
}

/// An unsigned decimal integer of at most 19 digits at `i`, and the position after it.
pub(crate) fn uint(buf: &[u8], i: usize) -> Option<(u64, usize)> {
    let digits = buf
        .get(i..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let text = std::str::from_utf8(&buf[i..i + digits]).ok()?;
    Some((text.parse().ok()?, i + digits))
}

/// Whether the keyword `word` stands at `i`, followed by a delimiter, white space or the end.
pub(crate) fn keyword(buf: &[u8], i: usize, word: &[u8]) -> bool {
    buf.get(i..).is_some_and(|rest| rest.starts_with(word))
        && buf.get(i + word.len()).is_none_or(|b| !is_regular(*b))
}

/// The object header `N G obj` exactly at `at`: the number, the generation and the position
/// after `obj`.
pub(crate) fn object_header(buf: &[u8], at: usize) -> Option<(u32, u16, usize)> {
    let (number, i) = uint(buf, at)?;
    let j = skip_space(buf, i);
    if j == i {
        return None;
    }
    let (generation, k) = uint(buf, j)?;
    let l = skip_space(buf, k);
    if l == k || !keyword(buf, l, b"obj") {
        return None;
    }
    Some((
        u32::try_from(number).ok()?,
        u16::try_from(generation).ok()?,
        l + 3,
    ))
}

/// Reads direct objects from `buf`; `place` names where the bytes come from in messages.
pub(crate) struct Parser<'a> {
    buf: &'a [u8],
    /// The current position.
    pub(crate) pos: usize,
    place: &'a str,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(buf: &'a [u8], pos: usize, place: &'a str) -> Self {
        Parser { buf, pos, place }
    }

    fn malformed(&self, what: &str) -> StructureError {
        StructureError::new(
            "object_malformed",
            format!("{} at byte {}: {what}", self.place, self.pos),
        )
        .at(self.pos)
    }

    /// The next direct object.
    pub(crate) fn value(&mut self) -> Result<Value, StructureError> {
        self.value_at_depth(0)
    }

    fn value_at_depth(&mut self, depth: usize) -> Result<Value, StructureError> {
        if depth > MAX_DEPTH {
            return Err(self.malformed("nested too deeply"));
        }
        self.pos = skip_space_and_comments(self.buf, self.pos);
        let Some(&b) = self.buf.get(self.pos) else {
            return Err(self.malformed("the data ends inside an object"));
        };
        match b {
            b'/' => self.name().map(Value::Name),
            b'(' => self.literal_string(),
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => self.dict(depth),
            b'<' => self.hex_string(),
            b'[' => self.array(depth),
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => self.word(),
        }
    }

    fn word(&mut self) -> Result<Value, StructureError> {
        for (word, value) in [
            (&b"true"[..], Value::Bool),
            (b"false", Value::Bool),
            (b"null", Value::Null),
        ] {
            if keyword(self.buf, self.pos, word) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        Err(self.malformed("an unexpected token"))
    }

    fn name(&mut self) -> Result<Vec<u8>, StructureError> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(&b) = self.buf.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            if b == b'#' {
                let hex = self.buf.get(self.pos + 1..self.pos + 3);
                let byte = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| self.malformed("a bad #xx escape in a name"))?;
                out.push(byte);
                self.pos += 3;
            } else {
                out.push(b);
                self.pos += 1;
            }
        }
        Ok(out)
    }

    fn literal_string(&mut self) -> Result<Value, StructureError> {
        let mut level = 0usize;
        while let Some(&b) = self.buf.get(self.pos) {
            match b {
                b'\\' => self.pos += 1,
                b'(' => level += 1,
                b')' => {
                    level -= 1;
                    if level == 0 {
                        self.pos += 1;
                        return Ok(Value::Str);
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        Err(self.malformed("an unterminated string"))
    }

    fn hex_string(&mut self) -> Result<Value, StructureError> {
        let rest = &self.buf[self.pos + 1..];
        let len =
            memchr::memchr(b'>', rest).ok_or_else(|| self.malformed("no end of a hex string"))?;
        if !rest[..len]
            .iter()
            .all(|b| b.is_ascii_hexdigit() || is_space(*b))
        {
            return Err(self.malformed("a hex string holds more than hex digits"));
        }
        self.pos += len + 2;
        Ok(Value::Str)
    }

    fn number(&mut self) -> Result<Value, StructureError> {
        let start = self.pos;
        let len = self.buf[start..]
            .iter()
            .take_while(|b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9'))
            .count();
        self.pos += len;
        let text = std::str::from_utf8(&self.buf[start..self.pos]).unwrap_or("");
        if text.contains('.') {
            return text
                .parse::<f64>()
                .map(|_| Value::Real)
                .map_err(|_| self.malformed("a bad number"));
        }
        let int: i64 = text.parse().map_err(|_| self.malformed("a bad number"))?;
        Ok(self.reference(start, int).unwrap_or(Value::Int(int)))
    }

    /// `N G R` after the integer `first` (which started at `start`), consumed when present.
    fn reference(&mut self, start: usize, first: i64) -> Option<Value> {
        if !self.buf[start].is_ascii_digit() {
            return None;
        }
        let i = skip_space_and_comments(self.buf, self.pos);
        if i == self.pos {
            return None;
        }
        let (generation, j) = uint(self.buf, i)?;
        let k = skip_space_and_comments(self.buf, j);
        if k == j || !keyword(self.buf, k, b"R") {
            return None;
        }
        let value = Value::Ref(u32::try_from(first).ok()?, u16::try_from(generation).ok()?);
        self.pos = k + 1;
        Some(value)
    }

    fn array(&mut self, depth: usize) -> Result<Value, StructureError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.pos = skip_space_and_comments(self.buf, self.pos);
            if self.buf.get(self.pos) == Some(&b']') {
                self.pos += 1;
                return Ok(Value::Array(items));
            }
            items.push(self.value_at_depth(depth + 1)?);
        }
    }

    fn dict(&mut self, depth: usize) -> Result<Value, StructureError> {
        self.pos += 2;
        let mut entries: Vec<(Vec<u8>, Value)> = Vec::new();
        loop {
            self.pos = skip_space_and_comments(self.buf, self.pos);
            match self.buf.get(self.pos) {
                Some(b'>') if self.buf.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Ok(Value::Dict(Dict(entries)));
                }
                Some(b'/') => {}
                _ => return Err(self.malformed("a dictionary key is not a name")),
            }
            let key_at = self.pos;
            let key = self.name()?;
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(StructureError::new(
                    "duplicate_key",
                    format!(
                        "{} gives the key /{} twice (at byte {key_at}); readers disagree on which counts",
                        self.place,
                        String::from_utf8_lossy(&key)
                    ),
                )
                .at(key_at));
            }
            let value = self.value_at_depth(depth + 1)?;
            entries.push((key, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Value, StructureError> {
        Parser::new(text.as_bytes(), 0, "test").value()
    }

    #[test]
    fn dictionaries_references_and_names_are_read() {
        let Value::Dict(d) =
            parse("<</Size 12/Root 1 0 R/ID[<AB>(x(y)\\))]/T#79pe/XRef>>").unwrap()
        else {
            panic!("not a dictionary")
        };
        assert_eq!(d.int(b"Size"), Some(12));
        assert_eq!(d.get(b"Root"), Some(&Value::Ref(1, 0)));
        assert_eq!(d.name(b"Type"), Some(&b"XRef"[..]));
    }

    #[test]
    fn a_key_given_twice_is_refused_even_when_escaped() {
        let err = parse("<</Root 1 0 R/R#6f#6ft 2 0 R>>").unwrap_err();
        assert_eq!(err.code, "duplicate_key");
        assert_eq!(
            parse("<</A<</B 1/B 2>>>>").unwrap_err().code,
            "duplicate_key"
        );
    }

    #[test]
    fn headers_must_be_exact() {
        assert_eq!(object_header(b"12 0 obj<<>>", 0), Some((12, 0, 8)));
        assert_eq!(object_header(b" 12 0 obj", 0), None);
        assert_eq!(object_header(b"12 0 objx", 0), None);
        assert_eq!(object_header(b"12 70000 obj", 0), None);
    }
}
