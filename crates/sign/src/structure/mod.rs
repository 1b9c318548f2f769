//! A strict reader of a PDF's cross-reference structure, independent of lopdf.
//!
//! The verifier's analysis runs on lopdf's object map. Readers disagree on damaged or
//! ambiguous files (an object listed twice in one section, an entry pointing at another
//! object's header, a `startxref` a few bytes off, a key given twice), and a signature is only
//! as good as the agreement between the reader that checks it and the one that shows it. So
//! [`read`] accepts only files whose structure leaves no choice: it follows `startxref` and
//! `/Prev` exactly, checks every entry against the object header it points at, and refuses
//! anything a lenient reader would have to repair or guess. [`Structure::cross_check`] then
//! confirms that lopdf resolved every object number to the same place.
//!
//! Architecture invariant: every refusal has a stable snake_case [`StructureError::code`]
//! and names its place (byte offset, object number). Everything here is linear in the file.

mod lex;
mod objects;
mod xref;

use std::collections::{BTreeMap, HashMap, HashSet};

use lex::{Dict, Value};
use xref::Section;

/// At most this many cross-reference sections (revisions) are followed.
const MAX_SECTIONS: usize = 4096;

/// Why a file's structure is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureError {
    /// A stable code, e.g. `xref_duplicate_entry`, `xref_offset_mismatch`, `parser_disagrees`.
    pub code: &'static str,
    /// What is wrong and where.
    pub message: String,
    /// The byte offset concerned, when there is one.
    pub offset: Option<usize>,
}

impl StructureError {
    pub(crate) fn new(code: &'static str, message: String) -> Self {
        StructureError {
            code,
            message,
            offset: None,
        }
    }

    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl std::fmt::Display for StructureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for StructureError {}

/// The kind of a cross-reference section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// A classic `xref` table with a `trailer`.
    Table,
    /// A cross-reference stream (`/Type /XRef`).
    Stream,
}

/// Where an object number leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Not in use.
    Free {
        /// The generation recorded in the free entry.
        generation: u16,
    },
    /// An indirect object starting exactly at `offset`.
    InUse {
        /// The byte offset of `N G obj`.
        offset: usize,
        /// The generation.
        generation: u16,
    },
    /// An object inside an object stream (generation 0).
    Compressed {
        /// The object number of the object stream.
        stream: u32,
        /// The object's index in the stream.
        index: u32,
    },
}

/// One revision: the original file or an incremental update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// Where the revision's cross-reference section starts.
    pub xref_offset: usize,
    /// The kind of that section.
    pub kind: SectionKind,
    /// The byte just after the revision's `%%EOF`.
    pub eof_end: usize,
    /// `eof_end` plus the end of line that follows `%%EOF`, if any.
    pub end: usize,
}

/// A file's cross-reference structure, as [`read`] accepted it.
#[derive(Debug, Clone)]
pub struct Structure {
    revisions: Vec<Revision>,
    table: BTreeMap<u32, Entry>,
    trailer: Dict,
}

impl Structure {
    /// The revisions, oldest first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// Where each object number leads in the whole file (object 0 left out).
    pub fn table(&self) -> &BTreeMap<u32, Entry> {
        &self.table
    }

    /// Whether a signed byte range ending at `end` ends exactly at a revision's end: just
    /// after its `%%EOF`, or after the end of line that follows it.
    pub fn is_revision_end(&self, end: usize) -> bool {
        self.revisions
            .iter()
            .any(|r| end == r.eof_end || end == r.end)
    }

    /// Confirms that lopdf, having loaded the same bytes as `doc`, sees the same structure:
    /// no repaired offsets, the same entry for every object number, no object under a number
    /// or generation the structure does not give it, and the same `/Root` and `/Info`.
    pub(crate) fn cross_check(&self, doc: &lopdf::Document) -> Result<(), StructureError> {
        let disagrees = |what: String| StructureError::new("parser_disagrees", what);
        if let Some(recovery) = doc.xref_recovery {
            return Err(disagrees(format!(
                "the PDF parser had to repair the cross-reference data ({recovery:?})"
            )));
        }
        let numbers: HashSet<u32> = self
            .table
            .keys()
            .chain(doc.reference_table.entries.keys())
            .copied()
            .filter(|n| *n != 0)
            .collect();
        for n in numbers {
            let ours = self.table.get(&n).and_then(|e| match *e {
                Entry::InUse { offset, generation } => {
                    Some((0u8, offset as u64, u64::from(generation)))
                }
                Entry::Compressed { stream, index } => {
                    Some((1, u64::from(stream), u64::from(index)))
                }
                Entry::Free { .. } => None,
            });
            let theirs = doc.reference_table.get(n).and_then(|e| match *e {
                lopdf::xref::XrefEntry::Normal { offset, generation } => {
                    Some((0, u64::from(offset), u64::from(generation)))
                }
                lopdf::xref::XrefEntry::Compressed { container, index } => {
                    Some((1, u64::from(container), u64::from(index)))
                }
                _ => None,
            });
            if ours != theirs {
                return Err(disagrees(format!(
                    "object {n}: the cross-reference structure gives {ours:?}, the PDF parser {theirs:?}"
                )));
            }
        }
        for &(n, g) in doc.objects.keys() {
            let known = match self.table.get(&n) {
                Some(Entry::InUse { generation, .. }) => *generation == g,
                Some(Entry::Compressed { .. }) => g == 0,
                _ => false,
            };
            if !known {
                return Err(disagrees(format!(
                    "the PDF parser holds object {n} {g} R, which the cross-reference structure does not list there"
                )));
            }
        }
        for key in [&b"Root"[..], b"Info"] {
            let ours = match self.trailer.get(key) {
                Some(Value::Ref(n, g)) => Some((*n, *g)),
                _ => None,
            };
            let theirs = doc
                .trailer
                .get(key)
                .ok()
                .and_then(|v| v.as_reference().ok());
            if ours != theirs {
                return Err(disagrees(format!(
                    "the trailer's /{}: {ours:?} here, {theirs:?} for the PDF parser",
                    String::from_utf8_lossy(key)
                )));
            }
        }
        Ok(())
    }
}

/// Reads and checks the cross-reference structure of `pdf` (see the module documentation).
pub fn read(pdf: &[u8]) -> Result<Structure, StructureError> {
    let start = last_startxref(pdf)?;
    let sections = chain(pdf, start)?;
    let table = merge(pdf, &sections)?;
    objects::check(pdf, &sections, &table)?;
    let revisions = sections
        .iter()
        .map(|s| Revision {
            xref_offset: s.offset,
            kind: s.kind,
            eof_end: s.eof_end,
            end: s.end,
        })
        .collect();
    let trailer = sections
        .last()
        .map(|s| s.trailer.clone())
        .unwrap_or_default();
    Ok(Structure {
        revisions,
        table,
        trailer,
    })
}

/// [`read`], then lopdf loads the file and must agree ([`Structure::cross_check`]). For tools
/// and tests; the verifier cross-checks the document it loads itself.
pub fn read_checked(pdf: &[u8]) -> Result<Structure, StructureError> {
    let structure = read(pdf)?;
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| {
        StructureError::new(
            "parser_disagrees",
            format!("the PDF parser cannot load a file whose structure is sound: {e}"),
        )
    })?;
    structure.cross_check(&doc)?;
    Ok(structure)
}

/// The offset named by the file's last `startxref`.
fn last_startxref(pdf: &[u8]) -> Result<usize, StructureError> {
    let missing = || StructureError::new("no_startxref", "the file has no `startxref`".into());
    let at = memchr::memmem::rfind(pdf, b"startxref").ok_or_else(missing)?;
    let i = lex::skip_space(pdf, at + 9);
    let (offset, _) = lex::uint(pdf, i).ok_or_else(|| {
        StructureError::new(
            "revision_end_malformed",
            format!("the last startxref (byte {at}) names no offset"),
        )
        .at(at)
    })?;
    usize::try_from(offset).map_err(|_| {
        StructureError::new(
            "xref_offset_beyond_file",
            format!("the last startxref names byte {offset}, beyond the file"),
        )
        .at(at)
    })
}

/// The sections from `start` along `/Prev`, oldest first, each one after the revision
/// before it.
fn chain(pdf: &[u8], start: usize) -> Result<Vec<Section>, StructureError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut next = Some(start);
    while let Some(offset) = next {
        if sections.len() >= MAX_SECTIONS {
            return Err(StructureError::new(
                "too_many_revisions",
                format!("more than {MAX_SECTIONS} cross-reference sections"),
            ));
        }
        if let Some(newer) = sections.last() {
            if sections.iter().any(|s| s.offset == offset) {
                return Err(StructureError::new(
                    "xref_prev_loop",
                    format!(
                        "the /Prev of the section at byte {} leads back to byte {offset}",
                        newer.offset
                    ),
                )
                .at(offset));
            }
            if offset >= newer.offset {
                return Err(order_error(newer.offset, offset));
            }
        }
        let section = xref::section_at(pdf, offset)?;
        if let Some(newer) = sections.last() {
            if section.eof_end > newer.offset {
                return Err(order_error(newer.offset, offset));
            }
        }
        next = prev_of(&section)?;
        sections.push(section);
    }
    sections.reverse();
    let last_end = sections.last().map_or(0, |s| s.end);
    if let Some(junk) = pdf[last_end..].iter().position(|b| !lex::is_space(*b)) {
        return Err(StructureError::new(
            "data_after_eof",
            format!(
                "data after the last revision's %%EOF (byte {})",
                last_end + junk
            ),
        )
        .at(last_end + junk));
    }
    skipped_revisions(pdf, &sections)?;
    Ok(sections)
}

fn order_error(newer: usize, older: usize) -> StructureError {
    StructureError::new(
        "xref_order",
        format!("the section at byte {newer} names, as /Prev, a section at byte {older} that does not end before it"),
    )
    .at(older)
}

fn prev_of(section: &Section) -> Result<Option<usize>, StructureError> {
    match section.trailer.get(b"Prev") {
        None => Ok(None),
        Some(Value::Int(p)) if *p >= 0 => Ok(usize::try_from(*p).ok()),
        Some(_) => Err(StructureError::new(
            "xref_prev_malformed",
            format!(
                "the /Prev of the section at byte {} is not an offset",
                section.offset
            ),
        )
        .at(section.offset)),
    }
}

/// A revision's bytes must not hold the end of another revision (`startxref N %%EOF`): a
/// `/Prev` that skips a section leaves one there.
fn skipped_revisions(pdf: &[u8], sections: &[Section]) -> Result<(), StructureError> {
    let mut from = 0;
    for s in sections {
        let region = &pdf[from..s.offset];
        for hit in memchr::memmem::find_iter(region, b"startxref") {
            let i = lex::skip_space(region, hit + 9);
            let Some((_, j)) = lex::uint(region, i) else {
                continue;
            };
            if region[lex::skip_space(region, j)..].starts_with(b"%%EOF") {
                return Err(StructureError::new(
                    "xref_prev_skips_revision",
                    format!(
                        "a revision ends at byte {} but no /Prev leads to its section",
                        from + hit
                    ),
                )
                .at(from + hit));
            }
        }
        from = s.end;
    }
    Ok(())
}

/// What is known of an object number while the sections are merged, oldest first.
#[derive(Clone, Copy)]
struct Slot {
    entry: Entry,
    /// The generation it was last in use with.
    last_generation: Option<u16>,
}

/// Merges the sections, oldest first, refusing anything ambiguous.
fn merge(pdf: &[u8], sections: &[Section]) -> Result<BTreeMap<u32, Entry>, StructureError> {
    let mut slots: HashMap<u32, Slot> = HashMap::new();
    for (k, section) in sections.iter().enumerate() {
        check_trailer(section, sections[0].kind)?;
        let low = if k == 0 { 0 } else { sections[k - 1].eof_end };
        let mut seen = HashSet::with_capacity(section.entries.len());
        for &(n, entry) in &section.entries {
            if !seen.insert(n) {
                return Err(StructureError::new(
                    "xref_duplicate_entry",
                    format!(
                        "the section at byte {} lists object {n} twice",
                        section.offset
                    ),
                )
                .at(section.offset));
            }
            merge_entry(pdf, section, low, n, entry, &mut slots)?;
        }
        let highest = slots.keys().max().copied().unwrap_or(0);
        let size = section.trailer.int(b"Size").unwrap_or(-1);
        if size < i64::from(highest) + 1 {
            return Err(StructureError::new(
                "xref_size_too_small",
                format!(
                    "the section at byte {} has /Size {size} but object {highest} exists",
                    section.offset
                ),
            )
            .at(section.offset));
        }
    }
    Ok(slots
        .into_iter()
        .filter(|(n, _)| *n != 0)
        .map(|(n, s)| (n, s.entry))
        .collect())
}

fn check_trailer(section: &Section, first: SectionKind) -> Result<(), StructureError> {
    let refuse = |code: &'static str, what: &str| {
        Err(StructureError::new(
            code,
            format!("the section at byte {}: {what}", section.offset),
        )
        .at(section.offset))
    };
    if section.kind != first {
        return refuse(
            "xref_kind_mixed",
            "mixes cross-reference tables and streams across revisions",
        );
    }
    if section.trailer.get(b"XRefStm").is_some() {
        return refuse("xref_hybrid", "a hybrid-reference /XRefStm is not accepted");
    }
    if section.trailer.get(b"Encrypt").is_some() {
        return refuse("encrypted", "the document is encrypted");
    }
    Ok(())
}

/// One entry of section `section` (whose revision starts at `low`) over what came before.
fn merge_entry(
    pdf: &[u8],
    section: &Section,
    low: usize,
    n: u32,
    entry: Entry,
    slots: &mut HashMap<u32, Slot>,
) -> Result<(), StructureError> {
    let refuse = |code: &'static str, what: String| {
        Err(StructureError::new(
            code,
            format!("object {n} (section at byte {}): {what}", section.offset),
        )
        .at(section.offset))
    };
    let previous = slots.get(&n).copied();
    let generation = match entry {
        Entry::Free { .. } => {
            let last_generation = previous.and_then(|p| p.last_generation);
            slots.insert(
                n,
                Slot {
                    entry,
                    last_generation,
                },
            );
            return Ok(());
        }
        _ if n == 0 => return refuse("xref_entry_malformed", "object 0 must be free".into()),
        Entry::InUse { offset, generation } => {
            let relisted = previous.is_some_and(|p| p.entry == entry);
            let inside = low <= offset && offset <= section.offset;
            if !relisted && !inside {
                return refuse(
                    "xref_offset_outside_revision",
                    format!(
                        "offset {offset} is outside its revision (bytes {low} to {})",
                        section.offset
                    ),
                );
            }
            check_header(pdf, n, offset, generation).or_else(|e| refuse(e.0, e.1))?;
            generation
        }
        Entry::Compressed { stream, .. } if stream == n => {
            return refuse(
                "xref_entry_malformed",
                "it is said to be inside itself".into(),
            )
        }
        Entry::Compressed { .. } => 0,
    };
    check_generation(previous, generation).or_else(|e| refuse(e.0, e.1))?;
    slots.insert(
        n,
        Slot {
            entry,
            last_generation: Some(generation),
        },
    );
    Ok(())
}

/// An object in use again keeps its generation; a freed one comes back only with a higher one.
fn check_generation(previous: Option<Slot>, generation: u16) -> Result<(), (&'static str, String)> {
    match previous {
        Some(Slot {
            entry: Entry::Free { .. },
            last_generation: Some(g),
        }) if generation <= g => Err((
            "xref_free_resurrected",
            format!("it was freed at generation {g} and comes back with generation {generation}"),
        )),
        Some(Slot {
            entry: Entry::InUse { .. } | Entry::Compressed { .. },
            last_generation: Some(g),
        }) if generation != g => Err((
            "xref_generation_mismatch",
            format!("it is updated with generation {generation} but was generation {g}"),
        )),
        _ => Ok(()),
    }
}

/// The header at `offset` must be exactly `n generation obj`.
fn check_header(
    pdf: &[u8],
    n: u32,
    offset: usize,
    generation: u16,
) -> Result<(), (&'static str, String)> {
    if offset >= pdf.len() {
        return Err((
            "xref_offset_beyond_file",
            format!("offset {offset} is beyond the file"),
        ));
    }
    match lex::object_header(pdf, offset) {
        Some((m, g, _)) if m == n && g == generation => Ok(()),
        Some((m, g, _)) if m == n => Err((
            "xref_generation_mismatch",
            format!("the entry says generation {generation}, the header at byte {offset} says {g}"),
        )),
        Some((m, g, _)) => Err((
            "xref_offset_mismatch",
            format!("the entry points at byte {offset}, where object {m} {g} starts instead"),
        )),
        None => Err((
            "xref_offset_mismatch",
            format!("the entry points at byte {offset}, where no object header starts"),
        )),
    }
}

/// The dictionary, data and end (after `endobj`) of the stream object at `offset`; an indirect
/// `/Length` is read through `lengths`.
pub(crate) fn stream_object<'a>(
    pdf: &'a [u8],
    offset: usize,
    lengths: Option<&dyn Fn(u32, u16) -> Option<i64>>,
) -> Result<(Dict, &'a [u8], usize), StructureError> {
    let bad = |what: &str, at: usize| {
        StructureError::new(
            "stream_malformed",
            format!("the stream object at byte {offset}: {what} (byte {at})"),
        )
        .at(at)
    };
    let (_, _, after_header) =
        lex::object_header(pdf, offset).ok_or_else(|| bad("no header", offset))?;
    let mut parser = lex::Parser::new(pdf, after_header, "a stream dictionary");
    let Value::Dict(dict) = parser.value()? else {
        return Err(bad("not a dictionary", after_header));
    };
    let i = lex::skip_space_and_comments(pdf, parser.pos);
    if !lex::keyword(pdf, i, b"stream") {
        return Err(bad("no `stream` keyword", i));
    }
    let start = match &pdf[i + 6..] {
        [b'\r', b'\n', ..] => i + 8,
        [b'\n', ..] => i + 7,
        _ => return Err(bad("no end of line after `stream`", i + 6)),
    };
    let length = match dict.get(b"Length") {
        Some(Value::Int(l)) => Some(*l),
        Some(Value::Ref(n, g)) => lengths.and_then(|f| f(*n, *g)),
        _ => None,
    };
    let end = length
        .and_then(|l| usize::try_from(l).ok())
        .and_then(|l| start.checked_add(l))
        .filter(|e| *e <= pdf.len())
        .ok_or_else(|| bad("no usable /Length", start))?;
    let j = lex::skip_space(pdf, end);
    if !lex::keyword(pdf, j, b"endstream") {
        return Err(bad(
            "the data does not end at /Length with `endstream`",
            end,
        ));
    }
    let k = lex::skip_space_and_comments(pdf, j + 9);
    if !lex::keyword(pdf, k, b"endobj") {
        return Err(bad("no `endobj`", k));
    }
    Ok((dict, &pdf[start..end], k + 6))
}

/// The stream data decoded (no filter or `/FlateDecode` only), at most `limit` bytes.
pub(crate) fn inflate(dict: &Dict, data: &[u8], limit: usize) -> Result<Vec<u8>, StructureError> {
    let unsupported =
        |what: &str| StructureError::new("stream_filter_unsupported", what.to_owned());
    let flate = match dict.get(b"Filter") {
        None => false,
        Some(Value::Name(n)) if n == b"FlateDecode" => true,
        Some(Value::Array(a)) if a.is_empty() => false,
        Some(Value::Array(a)) if a.len() == 1 && a[0] == Value::Name(b"FlateDecode".to_vec()) => {
            true
        }
        Some(_) => {
            return Err(unsupported(
                "only /FlateDecode is read in structural streams",
            ))
        }
    };
    if !flate {
        return Ok(data[..data.len().min(limit + 1)].to_vec());
    }
    xref::inflate_limited(data, limit)
        .map_err(|e| StructureError::new("stream_malformed", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLDEN: &[u8] = include_bytes!("../../../../tests/golden/signed-two-parties.pdf");

    #[test]
    fn lopdf_is_refused_when_it_resolves_an_object_elsewhere() {
        let structure = read(GOLDEN).unwrap();
        let doc = lopdf::Document::load_mem(GOLDEN).unwrap();
        structure.cross_check(&doc).unwrap();

        let mut moved = doc.clone();
        moved.reference_table.insert(
            5,
            lopdf::xref::XrefEntry::Normal {
                offset: 16,
                generation: 0,
            },
        );
        let err = structure.cross_check(&moved).unwrap_err();
        assert_eq!(err.code, "parser_disagrees");
        assert!(err.message.contains("object 5"), "{err}");

        let mut decoy = doc.clone();
        decoy.objects.insert((5, 1), lopdf::Object::Null);
        let err = structure.cross_check(&decoy).unwrap_err();
        assert_eq!(err.code, "parser_disagrees");
        assert!(err.message.contains("object 5 1 R"), "{err}");

        let mut repaired = doc;
        repaired.xref_recovery = Some(lopdf::xref::XrefRecovery::OffsetCorrected);
        assert_eq!(
            structure.cross_check(&repaired).unwrap_err().code,
            "parser_disagrees"
        );
    }
}
