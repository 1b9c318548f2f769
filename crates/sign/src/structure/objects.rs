//! Every object an entry leads to: its dictionaries read with duplicate keys refused, and
//! each object stream's table of contents matched against the entries that name it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::lex::{self, Value};
use super::xref::Section;
use super::{Entry, StructureError};

/// The largest decoded object stream read.
const MAX_OBJECT_STREAM: usize = 64 * 1024 * 1024;

/// Checks every in-use object of every section (each offset once) and every object stream.
pub(crate) fn check(
    pdf: &[u8],
    sections: &[Section],
    table: &BTreeMap<u32, Entry>,
) -> Result<(), StructureError> {
    let mut visited = HashSet::new();
    let mut members: HashSet<(u32, usize, u32)> = HashSet::new();
    for section in sections {
        for &(n, entry) in &section.entries {
            let Entry::InUse { offset, .. } = entry else {
                continue;
            };
            if !visited.insert(offset) {
                continue;
            }
            if is_object_stream(pdf, n, offset, table)? {
                members.extend(object_stream(pdf, n, offset, section, table)?);
            }
        }
    }
    compressed_entries_hold(sections, &members)
}

/// After each section, every compressed entry in force that the section lists, or whose
/// object stream it replaces or frees, must lead to the stream in force then holding that
/// object at that index (`members`: `(object, stream offset, index)`).
fn compressed_entries_hold(
    sections: &[Section],
    members: &HashSet<(u32, usize, u32)>,
) -> Result<(), StructureError> {
    let mut offsets: HashMap<u32, usize> = HashMap::new();
    let mut compressed: HashMap<u32, (u32, u32)> = HashMap::new();
    let mut by_stream: HashMap<u32, HashSet<u32>> = HashMap::new();
    for section in sections {
        let (mut listed, mut touched) = (Vec::new(), Vec::new());
        for &(n, entry) in &section.entries {
            offsets.remove(&n);
            compressed.remove(&n);
            match entry {
                Entry::InUse { offset, .. } => {
                    offsets.insert(n, offset);
                    touched.push(n);
                }
                Entry::Compressed { stream, index } => {
                    compressed.insert(n, (stream, index));
                    by_stream.entry(stream).or_default().insert(n);
                    listed.push(n);
                }
                Entry::Free { .. } => touched.push(n),
            }
        }
        let affected = touched
            .iter()
            .filter_map(|s| by_stream.get(s))
            .flatten()
            .chain(&listed);
        for &m in affected {
            let Some(&(stream, index)) = compressed.get(&m) else {
                continue;
            };
            let held = offsets
                .get(&stream)
                .is_some_and(|at| members.contains(&(m, *at, index)));
            if !held {
                return Err(StructureError::new(
                    "objstm_missing",
                    format!(
                        "object {m} is said to be object {index} of object stream {stream}, which does not hold it there (after the section at byte {})",
                        section.offset
                    ),
                )
                .at(section.offset));
            }
        }
    }
    Ok(())
}

/// Reads object `n` at `offset` (its dictionaries' keys checked; a stream's data must end
/// at its `/Length` with `endstream`, so that no reader has to search for the end); whether
/// it is an object stream.
fn is_object_stream(
    pdf: &[u8],
    n: u32,
    offset: usize,
    table: &BTreeMap<u32, Entry>,
) -> Result<bool, StructureError> {
    let place = format!("object {n} (byte {offset})");
    let Some((_, _, after)) = lex::object_header(pdf, offset) else {
        return Ok(false);
    };
    let mut parser = lex::Parser::new(pdf, after, &place);
    let value = parser.value()?;
    let Value::Dict(dict) = value else {
        return Ok(false);
    };
    if lex::keyword(
        pdf,
        lex::skip_space_and_comments(pdf, parser.pos),
        b"stream",
    ) {
        let lengths = |m: u32, g: u16| length_object(pdf, table, m, g);
        super::stream_object(pdf, offset, Some(&lengths)).map_err(|e| {
            StructureError::new(
                "stream_length_mismatch",
                format!("object {n}: {}", e.message),
            )
            .at(e.offset.unwrap_or(offset))
        })?;
    }
    Ok(dict.name(b"Type") == Some(b"ObjStm"))
}

/// Checks the object stream `n` at `offset`, introduced by `section`: its pairs must be
/// exactly the section's entries that name it, each at its index, with no number twice.
/// Returns the `(member, stream offset, index)` triples it holds.
fn object_stream(
    pdf: &[u8],
    n: u32,
    offset: usize,
    section: &Section,
    table: &BTreeMap<u32, Entry>,
) -> Result<Vec<(u32, usize, u32)>, StructureError> {
    let bad = |code: &'static str, what: String| {
        StructureError::new(code, format!("object stream {n} (byte {offset}): {what}")).at(offset)
    };
    let lengths = |m: u32, g: u16| length_object(pdf, table, m, g);
    let (dict, data, _) = super::stream_object(pdf, offset, Some(&lengths))?;
    if dict.get(b"Extends").is_some() {
        return Err(bad("objstm_extends", "/Extends is not accepted".into()));
    }
    if dict.get(b"DecodeParms").is_some() {
        return Err(bad(
            "objstm_malformed",
            "/DecodeParms is not accepted".into(),
        ));
    }
    let count = dict.int(b"N").filter(|c| (0..=1_000_000).contains(c));
    let first = dict.int(b"First").and_then(|f| usize::try_from(f).ok());
    let (Some(count), Some(first)) = (count, first) else {
        return Err(bad("objstm_malformed", "no valid /N and /First".into()));
    };
    let decoded = super::inflate(&dict, data, MAX_OBJECT_STREAM)?;
    if decoded.len() > MAX_OBJECT_STREAM || first > decoded.len() {
        return Err(bad(
            "objstm_malformed",
            "/First lies beyond the data".into(),
        ));
    }
    let pairs = pairs(&decoded[..first], count as usize).ok_or_else(|| {
        bad(
            "objstm_malformed",
            "the table of contents is not /N pairs".into(),
        )
    })?;
    let listed: HashMap<u32, Entry> = section.entries.iter().copied().collect();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(pairs.len());
    for (i, &(m, at)) in pairs.iter().enumerate() {
        let i = i as u32;
        if !seen.insert(m) {
            return Err(bad(
                "objstm_duplicate_object",
                format!("it holds object {m} twice"),
            ));
        }
        match listed.get(&m) {
            Some(Entry::Compressed { stream, index }) if *stream == n && *index == i => {}
            Some(Entry::Compressed { stream, index }) if *stream == n => {
                return Err(bad(
                    "objstm_index_mismatch",
                    format!("it holds object {m} at index {i}, its entry says index {index}"),
                ))
            }
            _ => {
                return Err(bad(
                    "objstm_extra_object",
                    format!("it holds object {m}, which its section does not list in it"),
                ))
            }
        }
        let place = format!("object {m} in object stream {n}");
        let start = first.checked_add(at).filter(|s| *s < decoded.len());
        let start = start.ok_or_else(|| {
            bad(
                "objstm_malformed",
                format!("object {m} lies beyond the data"),
            )
        })?;
        lex::Parser::new(&decoded, start, &place).value()?;
        out.push((m, offset, i));
    }
    Ok(out)
}

/// The `count` pairs `number offset` of an object stream's table of contents, nothing after.
fn pairs(head: &[u8], count: usize) -> Option<Vec<(u32, usize)>> {
    let mut out = Vec::with_capacity(count.min(head.len() / 4 + 1));
    let mut i = lex::skip_space(head, 0);
    for _ in 0..count {
        let (m, j) = lex::uint(head, i)?;
        let k = lex::skip_space(head, j);
        let (at, l) = lex::uint(head, k).filter(|_| k > j)?;
        out.push((u32::try_from(m).ok()?, usize::try_from(at).ok()?));
        i = lex::skip_space(head, l);
    }
    (i == head.len()).then_some(out)
}

/// The integer that object `n g` (in use in `table`) holds, for an indirect `/Length`.
fn length_object(pdf: &[u8], table: &BTreeMap<u32, Entry>, n: u32, g: u16) -> Option<i64> {
    let Some(Entry::InUse { offset, generation }) = table.get(&n) else {
        return None;
    };
    if *generation != g {
        return None;
    }
    let (_, _, after) = lex::object_header(pdf, *offset)?;
    match lex::Parser::new(pdf, after, "a stream length")
        .value()
        .ok()?
    {
        Value::Int(l) => Some(l),
        _ => None,
    }
}
