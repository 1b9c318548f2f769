//! Small helpers over lopdf objects shared by signing and verification.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else UTF-16BE with BOM.
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ≈ Latin-1).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Follows a reference (at most a few hops); anything else is returned as is.
pub(crate) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    let mut current = obj;
    for _ in 0..8 {
        match current {
            Object::Reference(id) => current = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The dictionary `obj` is or refers to (a stream's dictionary counts).
pub(crate) fn as_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The dictionary of object `id`.
pub(crate) fn dict_of(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
    match doc.objects.get(&id)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// `dict[key]` resolved.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// `dict[key]` as a name.
pub(crate) fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// The catalog's object id.
pub(crate) fn catalog_id(doc: &Document) -> Option<ObjectId> {
    match doc.trailer.get(b"Root").ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// Every object id referenced anywhere inside `obj` (not following references).
pub(crate) fn references(obj: &Object, out: &mut Vec<ObjectId>) {
    let mut stack: Vec<&Object> = vec![obj];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => out.push(*id),
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// A PDF date `D:YYYYMMDDHHmmSS+HH'mm'` (or `Z`) as Unix seconds.
pub(crate) fn parse_pdf_date(bytes: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(bytes).ok()?;
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = |from: usize, len: usize, default: u32| -> Option<u32> {
        match s.get(from..from + len) {
            Some(t) if t.bytes().all(|b| b.is_ascii_digit()) => t.parse().ok(),
            Some(_) => None,
            None => Some(default),
        }
    };
    let year = i32::try_from(digits(0, 4, 0)?).ok()?;
    if s.len() < 4 {
        return None;
    }
    let month = u8::try_from(digits(4, 2, 1)?).ok()?;
    let day = u8::try_from(digits(6, 2, 1)?).ok()?;
    let hour = u8::try_from(digits(8, 2, 0)?).ok()?;
    let minute = u8::try_from(digits(10, 2, 0)?).ok()?;
    let second = u8::try_from(digits(12, 2, 0)?).ok()?;
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    let t = time::Time::from_hms(hour, minute, second.min(59)).ok()?;
    let mut offset_secs: i64 = 0;
    if let Some(rest) = s.get(14..) {
        if let Some(sign @ ('+' | '-')) = rest.chars().next() {
            let tz: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i64 = tz.get(0..2).and_then(|v| v.parse().ok()).unwrap_or(0);
            let m: i64 = tz.get(2..4).and_then(|v| v.parse().ok()).unwrap_or(0);
            offset_secs = (h * 3600 + m * 60) * if sign == '-' { -1 } else { 1 };
        }
    }
    Some(
        time::PrimitiveDateTime::new(date, t)
            .assume_utc()
            .unix_timestamp()
            - offset_secs,
    )
}

/// A PDF date for Unix seconds, in UTC.
pub(crate) fn format_pdf_date(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The first `needle` in `haystack` at or after `from`.
pub(crate) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_round_trip_and_honour_offsets() {
        let t = time::OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap();
        assert_eq!(
            parse_pdf_date(format_pdf_date(t).as_bytes()),
            Some(1_780_000_000)
        );
        assert_eq!(
            parse_pdf_date(b"D:20260101050000+05'00'"),
            parse_pdf_date(b"D:20260101000000Z")
        );
        assert_eq!(
            parse_pdf_date(b"D:2026"),
            parse_pdf_date(b"D:20260101000000")
        );
        assert_eq!(parse_pdf_date(b"garbage"), None);
        assert_eq!(parse_pdf_date("D:2026é".as_bytes()), None);
    }

    #[test]
    fn text_strings_round_trip() {
        for s in ["Sig1", "Қол қою"] {
            let Object::String(b, _) = text_string(s) else {
                panic!()
            };
            assert_eq!(decode_text(&b), s);
        }
    }
}
