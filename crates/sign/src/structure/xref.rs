//! One cross-reference section: a classic table with its trailer, or a cross-reference stream,
//! and the `startxref`/`%%EOF` that close its revision.

use std::io::Read;

use super::lex::{self, Dict, Parser, Value};
use super::{Entry, SectionKind, StructureError};

/// The most entries one section may declare (a bound on memory for hostile input).
const MAX_ENTRIES: u64 = 8_000_000;

/// A section as read, before it is merged with the others.
#[derive(Debug)]
pub(crate) struct Section {
    /// Where the section starts (`xref` or the stream's `N G obj`).
    pub(crate) offset: usize,
    pub(crate) kind: SectionKind,
    /// The entries in file order.
    pub(crate) entries: Vec<(u32, Entry)>,
    /// The trailer (the stream dictionary for a cross-reference stream).
    pub(crate) trailer: Dict,
    /// The byte just after this revision's `%%EOF`.
    pub(crate) eof_end: usize,
    /// `eof_end` and the end of line that follows it, if any.
    pub(crate) end: usize,
}

/// Why the entries of a cross-reference stream cannot be read. The text goes into the
/// `xref_stream_malformed` refusal.
#[derive(Debug, thiserror::Error)]
enum StreamDataError {
    #[error("an entry field does not fit: {0:?}")]
    FieldTooBig([u64; 3]),
    #[error("an entry of unknown type {0}")]
    UnknownEntryType(u64),
    #[error("unsupported /DecodeParms")]
    UnsupportedDecodeParms,
    #[error("unsupported predictor {predictor} with {columns} columns")]
    UnsupportedPredictor { predictor: i64, columns: i64 },
    #[error("{0}")]
    Filter(String),
    #[error("{got} bytes of entries where {expected} were expected")]
    WrongLength { got: usize, expected: usize },
    #[error("unknown PNG filter {0}")]
    UnknownPngFilter(u8),
}

/// A zlib stream that cannot be inflated.
#[derive(Debug, thiserror::Error)]
#[error("the data cannot be inflated: {0}")]
pub(crate) struct InflateError(#[from] std::io::Error);

fn err(code: &'static str, at: usize, message: String) -> StructureError {
    StructureError::new(code, message).at(at)
}

/// Reads the section that starts exactly at `offset`, and its revision's end.
pub(crate) fn section_at(pdf: &[u8], offset: usize) -> Result<Section, StructureError> {
    if offset >= pdf.len() {
        return Err(err(
            "xref_offset_beyond_file",
            offset,
            format!("a cross-reference section is said to start at byte {offset}, beyond the file"),
        ));
    }
    let (kind, entries, trailer, after) = if lex::keyword(pdf, offset, b"xref") {
        let (entries, trailer, after) = table(pdf, offset)?;
        (SectionKind::Table, entries, trailer, after)
    } else if lex::object_header(pdf, offset).is_some() {
        let (entries, trailer, after) = stream(pdf, offset)?;
        (SectionKind::Stream, entries, trailer, after)
    } else {
        return Err(err(
            "startxref_mismatch",
            offset,
            format!("byte {offset} is neither `xref` nor the header of a cross-reference stream"),
        ));
    };
    let (eof_end, end) = revision_tail(pdf, after, offset)?;
    Ok(Section {
        offset,
        kind,
        entries,
        trailer,
        eof_end,
        end,
    })
}

/// `startxref <offset> %%EOF` right after a section (white space only in between); returns
/// the end of `%%EOF` and the end of the end-of-line after it.
fn revision_tail(
    pdf: &[u8],
    after: usize,
    offset: usize,
) -> Result<(usize, usize), StructureError> {
    let bad = |at: usize, what: &str| {
        err(
            "revision_end_malformed",
            at,
            format!("the section at byte {offset} is not followed by `startxref {offset} %%EOF` ({what} at byte {at})"),
        )
    };
    let i = lex::skip_space(pdf, after);
    if !lex::keyword(pdf, i, b"startxref") {
        return Err(bad(i, "no startxref"));
    }
    let j = lex::skip_space(pdf, i + 9);
    let Some((named, k)) = lex::uint(pdf, j) else {
        return Err(bad(j, "no offset"));
    };
    if usize::try_from(named).ok() != Some(offset) {
        return Err(err(
            "startxref_mismatch",
            j,
            format!("the startxref after the section at byte {offset} names byte {named}"),
        ));
    }
    let l = lex::skip_space(pdf, k);
    if l == k || !pdf[l..].starts_with(b"%%EOF") {
        return Err(bad(l, "no %%EOF"));
    }
    let eof_end = l + 5;
    let eol = match &pdf[eof_end..] {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    };
    Ok((eof_end, eof_end + eol))
}

type Parsed = (Vec<(u32, Entry)>, Dict, usize);

/// A classic table (`xref`, subsections of 20-byte entries, `trailer` and its dictionary).
fn table(pdf: &[u8], offset: usize) -> Result<Parsed, StructureError> {
    let bad = |at: usize, what: &str| {
        err(
            "xref_table_malformed",
            at,
            format!("the cross-reference table at byte {offset}: {what} at byte {at}"),
        )
    };
    let mut i = offset + 4;
    let mut entries = Vec::new();
    loop {
        i = lex::skip_space(pdf, i);
        if lex::keyword(pdf, i, b"trailer") {
            break;
        }
        let (first, j) = lex::uint(pdf, i).ok_or_else(|| bad(i, "no subsection header"))?;
        let (count, k) = pdf
            .get(j)
            .filter(|b| **b == b' ')
            .and_then(|_| lex::uint(pdf, j + 1))
            .ok_or_else(|| bad(j, "no entry count"))?;
        if (entries.len() as u64).saturating_add(count) > MAX_ENTRIES {
            return Err(bad(i, "too many entries"));
        }
        let mut at = lex::skip_space(pdf, k);
        if at == k || !pdf[k..at].iter().any(|b| matches!(b, b'\r' | b'\n')) {
            return Err(bad(k, "no end of line after the subsection header"));
        }
        for n in 0..count {
            let number = first
                .checked_add(n)
                .and_then(|x| u32::try_from(x).ok())
                .ok_or_else(|| bad(at, "an object number beyond 2^32"))?;
            let entry = table_entry(pdf, at).ok_or_else(|| bad(at, "a malformed entry"))?;
            entries.push((number, entry));
            at += 20;
        }
        i = at;
    }
    let mut parser = Parser::new(pdf, i + 7, "the trailer");
    match parser.value()? {
        Value::Dict(trailer) => Ok((entries, trailer, parser.pos)),
        _ => Err(bad(i, "the trailer is not a dictionary")),
    }
}

/// One 20-byte entry `oooooooooo ggggg n\r\n` (the end of line ` \r`, ` \n` or `\r\n`).
fn table_entry(pdf: &[u8], at: usize) -> Option<Entry> {
    let e = pdf.get(at..at + 20)?;
    let digits = |r: std::ops::Range<usize>| -> Option<u64> {
        e[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(&e[r]).ok()?.parse().ok())?
    };
    let (field, generation) = (digits(0..10)?, digits(11..16)?);
    if e[10] != b' ' || e[16] != b' ' || !matches!(&e[18..], b" \r" | b" \n" | b"\r\n") {
        return None;
    }
    let generation = u16::try_from(generation).ok()?;
    match e[17] {
        b'n' => Some(Entry::InUse {
            offset: usize::try_from(field).ok()?,
            generation,
        }),
        b'f' => Some(Entry::Free { generation }),
        _ => None,
    }
}

/// A cross-reference stream object at `offset`.
fn stream(pdf: &[u8], offset: usize) -> Result<Parsed, StructureError> {
    let bad = |what: String| {
        err(
            "xref_stream_malformed",
            offset,
            format!("the cross-reference stream at byte {offset}: {what}"),
        )
    };
    let (dict, data, after) = super::stream_object(pdf, offset, None)?;
    if dict.name(b"Type") != Some(b"XRef") {
        return Err(bad("it is not of /Type /XRef".into()));
    }
    let widths: Vec<usize> = match dict.get(b"W") {
        Some(Value::Array(w)) if w.len() == 3 => w
            .iter()
            .map(|v| match v {
                Value::Int(i @ 0..=8) => Ok(*i as usize),
                _ => Err(bad("a /W width is not 0 to 8".into())),
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(bad("no /W of three widths".into())),
    };
    let size = dict
        .int(b"Size")
        .filter(|s| (0..=MAX_ENTRIES as i64).contains(s))
        .ok_or_else(|| bad("no valid /Size".into()))?;
    let ranges = index_ranges(&dict, size).ok_or_else(|| bad("a bad /Index".into()))?;
    let row: usize = widths.iter().sum();
    let rows: u64 = ranges.iter().map(|(_, n)| *n).sum();
    if row == 0 || rows > MAX_ENTRIES {
        return Err(bad("no entries or too many".into()));
    }
    let decoded = decode(&dict, data, row, rows as usize).map_err(|e| bad(e.to_string()))?;
    let mut entries = Vec::with_capacity(rows as usize);
    let mut chunks = decoded.chunks_exact(row);
    for (first, count) in ranges {
        for n in 0..count {
            let number =
                u32::try_from(first + n).map_err(|_| bad("an object number beyond 2^32".into()))?;
            let fields = chunks
                .next()
                .ok_or_else(|| bad("fewer entries than /Index says".into()))?;
            let entry = stream_entry(fields, &widths).map_err(|e| bad(e.to_string()))?;
            entries.push((number, entry));
        }
    }
    Ok((entries, dict, after))
}

/// The `(first, count)` pairs of `/Index` (default `[0 Size]`).
fn index_ranges(dict: &Dict, size: i64) -> Option<Vec<(u64, u64)>> {
    let Some(index) = dict.get(b"Index") else {
        return Some(vec![(0, size as u64)]);
    };
    let Value::Array(items) = index else {
        return None;
    };
    if items.len() % 2 != 0 {
        return None;
    }
    items
        .chunks(2)
        .map(|pair| match pair {
            [Value::Int(a @ 0..), Value::Int(b @ 0..)] => Some((*a as u64, *b as u64)),
            _ => None,
        })
        .collect()
}

fn stream_entry(fields: &[u8], widths: &[usize]) -> Result<Entry, StreamDataError> {
    let mut values = [0u64; 3];
    let mut at = 0;
    for (slot, w) in values.iter_mut().zip(widths) {
        *slot = fields[at..at + w]
            .iter()
            .fold(0u64, |acc, b| acc << 8 | u64::from(*b));
        at += w;
    }
    let kind = if widths[0] == 0 { 1 } else { values[0] };
    let too_big = || StreamDataError::FieldTooBig(values);
    let generation = u16::try_from(values[2]).map_err(|_| too_big());
    match kind {
        0 => Ok(Entry::Free {
            generation: generation.unwrap_or(u16::MAX),
        }),
        1 => Ok(Entry::InUse {
            offset: usize::try_from(values[1]).map_err(|_| too_big())?,
            generation: generation?,
        }),
        2 => Ok(Entry::Compressed {
            stream: u32::try_from(values[1]).map_err(|_| too_big())?,
            index: u32::try_from(values[2]).map_err(|_| too_big())?,
        }),
        other => Err(StreamDataError::UnknownEntryType(other)),
    }
}

/// The decoded data of a cross-reference stream: `rows` rows of `row` bytes.
fn decode(dict: &Dict, data: &[u8], row: usize, rows: usize) -> Result<Vec<u8>, StreamDataError> {
    let params = match dict.get(b"DecodeParms") {
        None | Some(Value::Null) => None,
        Some(Value::Dict(d)) => Some(d),
        Some(Value::Array(a)) if a.len() == 1 => match &a[0] {
            Value::Dict(d) => Some(d),
            _ => None,
        },
        Some(_) => return Err(StreamDataError::UnsupportedDecodeParms),
    };
    let predictor = params.and_then(|p| p.int(b"Predictor")).unwrap_or(1);
    let columns = params.and_then(|p| p.int(b"Columns")).unwrap_or(1);
    let png = match predictor {
        1 => false,
        10..=15 if columns == row as i64 => true,
        _ => {
            return Err(StreamDataError::UnsupportedPredictor { predictor, columns });
        }
    };
    let expected = rows * (row + usize::from(png));
    let raw =
        super::inflate(dict, data, expected).map_err(|e| StreamDataError::Filter(e.message))?;
    if raw.len() != expected {
        return Err(StreamDataError::WrongLength {
            got: raw.len(),
            expected,
        });
    }
    if !png {
        return Ok(raw);
    }
    unpredict_png(&raw, row)
}

/// Undoes PNG row prediction (ISO 32000-2, 7.4.4.4).
fn unpredict_png(raw: &[u8], row: usize) -> Result<Vec<u8>, StreamDataError> {
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut prev = vec![0u8; row];
    for line in raw.chunks_exact(row + 1) {
        let (filter, bytes) = (line[0], &line[1..]);
        let mut cur = vec![0u8; row];
        for i in 0..row {
            let (a, b) = (if i > 0 { cur[i - 1] } else { 0 }, prev[i]);
            let c = if i > 0 { prev[i - 1] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                other => return Err(StreamDataError::UnknownPngFilter(other)),
            };
            cur[i] = bytes[i].wrapping_add(predicted);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Reads at most `limit` bytes of a zlib stream (one more to tell "longer" apart).
pub(crate) fn inflate_limited(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)?;
    Ok(out)
}
