//! The strict cross-reference reader (class 3 of issue 12, parser differentials): every
//! refusal made from a real signed PDF, the verifier refusing those files, and a differential
//! against qpdf — whenever our reader accepts a file, qpdf's table is ours.

use std::collections::BTreeMap;

use kelisim_sign::structure::{self, Entry, SectionKind};
use kelisim_sign::{first_revision, Verdict};
use lopdf::{dictionary, Document, Object, Stream};

use crate::common::*;

const GOLDEN: &[u8] = include_bytes!("../../../../tests/golden/signed-two-parties.pdf");

/// A signed one-page sample and its trust anchor.
fn signed_sample() -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("keys"));
    let (info, key) = signer(&ks, "victim", "Айгүл Сейітова");
    (
        sign(&sample_pdf(2000), &key, &options("Sig1", 600.0)),
        info.certificate_der,
    )
}

/// An incremental update written by hand, so that its cross-reference section can be wrong;
/// a table or a stream, as the file's last section is.
struct Craft {
    pdf: Vec<u8>,
    prev: usize,
    kind: SectionKind,
    size: u32,
    root: (u32, u16),
    /// Write `/Size` as `size` even when objects above it are listed.
    exact_size: bool,
    /// `(number, type 0 free / 1 in use, offset, generation)`, in this order.
    entries: Vec<(u32, u8, usize, u16)>,
}

impl Craft {
    fn on(pdf: &[u8]) -> Craft {
        let s = structure::read(pdf).unwrap();
        let doc = Document::load_mem(pdf).unwrap();
        let mut out = pdf.to_vec();
        out.push(b'\n');
        let last = s.revisions().last().unwrap();
        Craft {
            pdf: out,
            prev: last.xref_offset,
            kind: last.kind,
            size: s.table().keys().max().unwrap() + 1,
            root: doc.trailer.get(b"Root").unwrap().as_reference().unwrap(),
            exact_size: false,
            entries: Vec::new(),
        }
    }

    /// Appends `n g obj body endobj` without listing it; returns its offset.
    fn write(&mut self, n: u32, g: u16, body: &str) -> usize {
        let at = self.pdf.len();
        self.pdf
            .extend_from_slice(format!("{n} {g} obj\n{body}\nendobj\n").as_bytes());
        at
    }

    /// Lists object `n` as in use at `offset` with generation `g`.
    fn list(&mut self, n: u32, offset: usize, g: u16) -> &mut Self {
        self.entries.push((n, 1, offset, g));
        self
    }

    /// Lists object `n` as free, next generation `g`.
    fn free(&mut self, n: u32, g: u16) {
        self.entries.push((n, 0, 0, g));
    }

    /// Writes and lists object `n`.
    fn object(&mut self, n: u32, body: &str) -> usize {
        let at = self.write(n, 0, body);
        self.list(n, at, 0);
        at
    }

    /// The section (`extra` inside its trailer) and the end of the revision.
    fn finish(mut self, extra: &str) -> Vec<u8> {
        let xref = self.pdf.len();
        let highest = self.entries.iter().map(|e| e.0 + 1).max().unwrap_or(0);
        let mut size = if self.exact_size {
            self.size
        } else {
            self.size.max(highest)
        };
        let (r, g) = self.root;
        let prev = self.prev;
        if self.kind == SectionKind::Table {
            let mut text = String::from("xref\n0 1\n0000000000 65535 f \n");
            for (n, t, offset, g) in &self.entries {
                let kind = if *t == 1 { 'n' } else { 'f' };
                text.push_str(&format!("{n} 1\n{offset:010} {g:05} {kind} \n"));
            }
            text.push_str(&format!(
                "trailer\n<</Size {size}/Root {r} {g} R/Prev {prev}{extra}>>\nstartxref\n{xref}\n%%EOF\n"
            ));
            self.pdf.extend_from_slice(text.as_bytes());
            return self.pdf;
        }
        let own = size.max(self.size);
        if !self.exact_size {
            size = own + 1;
        }
        self.entries.push((own, 1, xref, 0));
        let (mut index, mut data) = (String::new(), Vec::new());
        for (n, t, offset, g) in &self.entries {
            index.push_str(&format!("{n} 1 "));
            data.push(*t);
            data.extend_from_slice(&(*offset as u32).to_be_bytes());
            data.extend_from_slice(&g.to_be_bytes());
        }
        self.pdf.extend_from_slice(
            format!(
                "{own} 0 obj\n<</Type/XRef/Size {size}/Index[{index}]/W[1 4 2]/Root {r} {g} R/Prev {prev}{extra}/Length {}>>\nstream\n",
                data.len()
            )
            .as_bytes(),
        );
        self.pdf.extend_from_slice(&data);
        self.pdf.extend_from_slice(
            format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        self.pdf
    }
}

fn code(pdf: &[u8]) -> &'static str {
    match structure::read(pdf) {
        Ok(_) => "accepted",
        Err(e) => e.code,
    }
}

/// The page's content stream object and its offset in the signed revision.
fn content_of(pdf: &[u8]) -> (u32, usize) {
    let doc = Document::load_mem(pdf).unwrap();
    let page = doc.get_object(doc.page_iter().next().unwrap()).unwrap();
    let (n, _) = page
        .as_dict()
        .unwrap()
        .get(b"Contents")
        .unwrap()
        .as_reference()
        .unwrap();
    match structure::read(pdf).unwrap().table()[&n] {
        Entry::InUse { offset, .. } => (n, offset),
        other => panic!("{other:?}"),
    }
}

const CHANGED: &str =
    "<</Length 42>>\nstream\nBT /F1 14 Tf 72 720 Td (We owe you) Tj ET\n\nendstream";

/// The verifier refuses the file as a whole, naming `code`.
fn assert_refused(pdf: &[u8], trust: &[u8], code: &str) {
    let report = verify_trusting(pdf, &[trust.to_vec()]);
    assert_eq!(report.verdict, Verdict::Invalid, "{report:#?}");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.param("structure_code") == Some(code)),
        "{code} not in {:?}",
        report.problems
    );
}

#[test]
fn the_golden_file_has_three_revisions_ending_where_its_signatures_end() {
    let s = structure::read_checked(GOLDEN).unwrap();
    let ends: Vec<usize> = s.revisions().iter().map(|r| r.eof_end).collect();
    assert_eq!(ends, [45714, 91230, 136925]);
    assert!(s.revisions().iter().all(|r| r.kind == SectionKind::Table));
    // The ByteRanges of the two signatures: [0 46357 79127 12103] and [0 91912 124682 12243].
    assert!(s.is_revision_end(79127 + 12103));
    assert!(s.is_revision_end(124682 + 12243));
    assert!(!s.is_revision_end(91229));
    assert_eq!(first_revision(GOLDEN).unwrap().len(), 45714);
}

#[test]
fn an_object_listed_twice_in_one_section_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, original) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    let changed = craft.object(content, CHANGED);
    // lopdf kept the last entry (the signed original); qpdf and poppler the first.
    craft.list(content, original, 0);
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_duplicate_entry");
    assert_refused(&attack, &trust, "xref_duplicate_entry");
    let qpdf = qpdf_table(&attack);
    assert_eq!(
        qpdf[&content],
        Entry::InUse {
            offset: changed,
            generation: 0
        },
        "qpdf shows the changed copy"
    );
}

#[test]
fn a_decoy_header_at_an_entry_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    craft.object(content, CHANGED);
    // Another object's entry leads to a copy headed as the content stream: lopdf files it
    // under the header's number.
    let other = if content == 1 { 2 } else { 1 };
    let decoy = craft.write(content, 0, "<</Length 3>>\nstream\nabc\nendstream");
    craft.list(other, decoy, 0);
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_offset_mismatch");
    assert_refused(&attack, &trust, "xref_offset_mismatch");
}

#[test]
fn an_entry_with_another_generation_than_its_header_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    let at = craft.write(content, 0, CHANGED);
    craft.list(content, at, 1);
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_generation_mismatch");
    assert_refused(&attack, &trust, "xref_generation_mismatch");
}

#[test]
fn a_prev_that_skips_a_section_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let skipped_prev = structure::read(&pdf).unwrap().revisions()[0].xref_offset;
    let mut craft = Craft::on(&pdf);
    craft.object(content, CHANGED);
    craft.prev = skipped_prev;
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_prev_skips_revision");
    assert_refused(&attack, &trust, "xref_prev_skips_revision");
}

#[test]
fn a_startxref_a_few_bytes_off_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    craft.object(content, CHANGED);
    let good = craft.finish("");
    let at = good.len() - "%%EOF\n".len() - 1;
    let digits_start = good[..at].iter().rposition(|b| *b == b'\n').unwrap() + 1;
    let named: usize = std::str::from_utf8(&good[digits_start..at])
        .unwrap()
        .parse()
        .unwrap();
    let mut attack = good[..digits_start].to_vec();
    attack.extend_from_slice(format!("{}\n%%EOF\n", named - 2).as_bytes());
    assert_eq!(code(&good), "accepted");
    assert_eq!(code(&attack), "startxref_mismatch");
    assert_refused(&attack, &trust, "startxref_mismatch");
    // lopdf "corrects" the offset and reads the update.
    assert!(Document::load_mem(&attack).is_ok());
}

#[test]
fn data_after_the_last_eof_is_refused() {
    let (pdf, trust) = signed_sample();
    let mut attack = pdf.clone();
    attack.extend_from_slice(b"\n1 0 obj\n<<>>\nendobj\n");
    assert_eq!(code(&attack), "data_after_eof");
    assert_refused(&attack, &trust, "data_after_eof");
    let mut fine = pdf;
    fine.extend_from_slice(b"\r\n\n  ");
    assert_eq!(code(&fine), "accepted");
}

#[test]
fn trailer_refusals_size_hybrid_encrypt_loop_and_duplicate_keys() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let attack = |extra: &str, size: Option<u32>| {
        let mut craft = Craft::on(&pdf);
        craft.object(content, CHANGED);
        if let Some(size) = size {
            (craft.size, craft.exact_size) = (size, true);
        }
        craft.finish(extra)
    };
    let cases = [
        (attack("", Some(2)), "xref_size_too_small"),
        (attack("/XRefStm 20", None), "xref_hybrid"),
        (attack("/Encrypt 1 0 R", None), "encrypted"),
        (attack("/Root 1 0 R", None), "duplicate_key"),
    ];
    for (file, expected) in &cases {
        assert_eq!(code(file), *expected);
        assert_refused(file, &trust, expected);
    }
    // /Prev naming the section itself.
    let mut craft = Craft::on(&pdf);
    craft.object(content, CHANGED);
    craft.prev = craft.pdf.len();
    let looped = craft.finish("");
    assert!(
        matches!(code(&looped), "xref_prev_loop" | "xref_order"),
        "{}",
        code(&looped)
    );
}

#[test]
fn a_key_given_twice_in_an_updated_catalog_is_refused() {
    let (pdf, trust) = signed_sample();
    let mut craft = Craft::on(&pdf);
    let (root, _) = craft.root;
    let doc = Document::load_mem(&pdf).unwrap();
    let pages = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap()
        .0;
    craft.object(
        root,
        &format!("<</Type/Catalog/Pages {pages} 0 R/Pages 999 0 R>>"),
    );
    let attack = craft.finish("");
    assert_eq!(code(&attack), "duplicate_key");
    assert_refused(&attack, &trust, "duplicate_key");
}

#[test]
fn an_object_freed_and_brought_back_with_its_old_generation_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    craft.free(content, 1);
    let freed = craft.finish("");
    assert_eq!(code(&freed), "accepted");
    let mut craft = Craft::on(&freed);
    craft.object(content, CHANGED);
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_free_resurrected");
    assert_refused(&attack, &trust, "xref_free_resurrected");
}

#[test]
fn offsets_beyond_the_file_or_outside_their_revision_are_refused() {
    let (pdf, _) = signed_sample();
    let (content, original) = content_of(&pdf);
    let mut craft = Craft::on(&pdf);
    craft.list(content, 99_999_999, 0);
    assert_eq!(code(&craft.finish("")), "xref_offset_outside_revision");
    // An update pointing an object at an older copy of another revision.
    let mut craft = Craft::on(&pdf);
    let (other, _) = structure::read(&pdf)
        .unwrap()
        .table()
        .iter()
        .find(|(n, _)| **n != content)
        .map(|(n, e)| (*n, *e))
        .unwrap();
    craft.list(other, original, 0);
    assert_eq!(code(&craft.finish("")), "xref_offset_outside_revision");
    let mut far = pdf.clone();
    let at = far.windows(9).rposition(|w| w == b"startxref").unwrap();
    far.truncate(at);
    far.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
    assert_eq!(code(&far), "xref_offset_beyond_file");
}

#[test]
fn the_first_revision_is_cut_at_its_own_section_not_at_eof_in_the_title() {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Memorandum\n%%EOF\nof cooperation"),
    });
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        b"<dc:title>Memorandum %%EOF of cooperation</dc:title>".to_vec(),
    ));
    doc.get_object_mut(catalog)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Metadata", xmp);
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut base = Vec::new();
    doc.save_to(&mut base).unwrap();
    assert!(memchr::memmem::find(&base, b"%%EOF").unwrap() < base.len() - 10);

    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("keys"));
    let (info, key) = signer(&ks, "victim", "Айгүл Сейітова");
    let signed = sign(&base, &key, &options("Sig1", 600.0));
    let first = first_revision(&signed).unwrap();
    assert_eq!(first, base.trim_ascii_end());
    assert!(kelisim_sign::is_first_revision(&signed, &base));
    let report = verify_trusting(&signed, &[info.certificate_der]);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
}

// ---- object streams and cross-reference streams ----

/// A PDF whose objects sit in object stream 10 (table of contents `toc`, default the natural
/// one), listed by a cross-reference stream (object 11) with `entries` (number, type, f2, f3)
/// besides its own and the object stream's.
fn objstm_pdf(
    members: &[(u32, &str)],
    toc: Option<&str>,
    entries: &[(u32, u8, u32, u16)],
) -> Vec<u8> {
    let mut natural = String::new();
    let mut bodies = String::new();
    for (n, body) in members {
        natural.push_str(&format!("{n} {} ", bodies.len()));
        bodies.push_str(body);
        bodies.push('\n');
    }
    let toc = toc.unwrap_or(&natural);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let stream_at = pdf.len();
    pdf.extend_from_slice(
        format!(
            "10 0 obj\n<</Type/ObjStm/N {}/First {}/Length {}>>\nstream\n{toc}{bodies}\nendstream\nendobj\n",
            members.len(),
            toc.len(),
            toc.len() + bodies.len()
        )
        .as_bytes(),
    );
    let xref_at = pdf.len();
    let mut all = vec![
        (0u32, 0u8, 0u32, 65535u16),
        (10, 1, stream_at as u32, 0),
        (11, 1, xref_at as u32, 0),
    ];
    all.extend_from_slice(entries);
    let mut data = Vec::new();
    let mut index = String::new();
    for (n, t, f2, f3) in &all {
        index.push_str(&format!("{n} 1 "));
        data.push(*t);
        data.extend_from_slice(&f2.to_be_bytes());
        data.extend_from_slice(&f3.to_be_bytes());
    }
    let size = all.iter().map(|e| e.0 + 1).max().unwrap();
    pdf.extend_from_slice(
        format!(
            "11 0 obj\n<</Type/XRef/Size {size}/Index[{index}]/W[1 4 2]/Root 1 0 R/Length {}>>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&data);
    pdf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    pdf
}

const MEMBERS: &[(u32, &str)] = &[
    (1, "<</Type/Catalog/Pages 2 0 R>>"),
    (2, "<</Type/Pages/Kids[3 0 R]/Count 1>>"),
    (3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"),
];
const LISTED: &[(u32, u8, u32, u16)] = &[(1, 2, 10, 0), (2, 2, 10, 1), (3, 2, 10, 2)];

#[test]
fn object_streams_must_hold_exactly_what_their_section_lists() {
    let good = objstm_pdf(MEMBERS, None, LISTED);
    let s = structure::read_checked(&good).unwrap();
    assert_eq!(
        s.table()[&2],
        Entry::Compressed {
            stream: 10,
            index: 1
        }
    );
    assert_eq!(s.revisions()[0].kind, SectionKind::Stream);

    // An extra pair: object 4 in the stream but not in the table (lopdf would add it).
    let extra = objstm_pdf(
        &[MEMBERS[0], MEMBERS[1], MEMBERS[2], (4, "<</Decoy true>>")],
        None,
        LISTED,
    );
    assert_eq!(code(&extra), "objstm_extra_object");
    // The same number twice.
    let twice = objstm_pdf(
        &[
            MEMBERS[0],
            MEMBERS[1],
            MEMBERS[2],
            (2, "<</Type/Pages/Kids[]/Count 0>>"),
        ],
        None,
        &[LISTED[0], LISTED[1], LISTED[2]],
    );
    assert_eq!(code(&twice), "objstm_duplicate_object");
    // Entries naming another index than the stream's.
    let swapped = objstm_pdf(
        MEMBERS,
        None,
        &[(1, 2, 10, 0), (2, 2, 10, 2), (3, 2, 10, 1)],
    );
    assert_eq!(code(&swapped), "objstm_index_mismatch");
    // An entry naming an index the stream does not have.
    let missing = objstm_pdf(
        MEMBERS,
        None,
        &[LISTED[0], LISTED[1], LISTED[2], (5, 2, 10, 7)],
    );
    assert_eq!(code(&missing), "objstm_missing");
    // An object listed twice in a cross-reference stream.
    let dup = objstm_pdf(
        MEMBERS,
        None,
        &[LISTED[0], LISTED[1], LISTED[2], (1, 2, 10, 0)],
    );
    assert_eq!(code(&dup), "xref_duplicate_entry");
}

#[test]
fn tables_and_streams_are_not_mixed_across_revisions() {
    let (sample, _) = signed_sample();
    for (pdf, other) in [
        (GOLDEN.to_vec(), SectionKind::Stream),
        (sample, SectionKind::Table),
    ] {
        let (content, _) = content_of(&pdf);
        let mut same = Craft::on(&pdf);
        same.object(content, CHANGED);
        assert_eq!(code(&same.finish("")), "accepted");
        let mut craft = Craft::on(&pdf);
        craft.kind = other;
        craft.object(content, CHANGED);
        assert_eq!(code(&craft.finish("")), "xref_kind_mixed");
    }
}

#[test]
fn an_object_listed_twice_in_a_table_is_refused_too() {
    let (content, original) = content_of(GOLDEN);
    let mut craft = Craft::on(GOLDEN);
    craft.object(content, CHANGED);
    craft.list(content, original, 0);
    let attack = craft.finish("");
    assert_eq!(code(&attack), "xref_duplicate_entry");
    let report = verify_trusting(&attack, &[]);
    assert_eq!(report.verdict, Verdict::Invalid);
}

#[test]
fn compressed_xref_streams_with_predictors_are_read_like_lopdf_and_qpdf() {
    let mut doc = Document::load_mem(&sample_pdf(500)).unwrap();
    let mut out = Vec::new();
    doc.save_with_options(
        &mut out,
        lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build(),
    )
    .unwrap();
    let s = structure::read_checked(&out).unwrap();
    assert_eq!(s.revisions()[0].kind, SectionKind::Stream);
    assert!(s
        .table()
        .values()
        .any(|e| matches!(e, Entry::Compressed { .. })));
    assert_eq!(qpdf_table(&out), in_use(s.table()));
}

// ---- the differential against qpdf ----

/// qpdf's view (`qpdf --show-xref`) of the objects in use.
fn qpdf_table(pdf: &[u8]) -> BTreeMap<u32, Entry> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("qpdf")
        .arg("--show-xref")
        .arg(&path)
        .output()
        .expect("qpdf is installed");
    parse_show_xref(&String::from_utf8_lossy(&out.stdout))
}

fn parse_show_xref(text: &str) -> BTreeMap<u32, Entry> {
    let mut table = BTreeMap::new();
    for line in text.lines() {
        let Some((id, rest)) = line.split_once(": ") else {
            continue;
        };
        let Some((n, g)) = id.split_once('/') else {
            continue;
        };
        let (n, g): (u32, u16) = (n.parse().unwrap(), g.parse().unwrap());
        let num = |key: &str| -> u64 {
            let at = rest.find(key).unwrap() + key.len();
            rest[at..]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let entry = if rest.starts_with("uncompressed") {
            Entry::InUse {
                offset: num("offset = ") as usize,
                generation: g,
            }
        } else if rest.starts_with("compressed") {
            Entry::Compressed {
                stream: num("stream = ") as u32,
                index: num("index = ") as u32,
            }
        } else {
            continue;
        };
        table.insert(n, entry);
    }
    table
}

fn in_use(table: &BTreeMap<u32, Entry>) -> BTreeMap<u32, Entry> {
    table
        .iter()
        .filter(|(_, e)| !matches!(e, Entry::Free { .. }))
        .map(|(n, e)| (*n, *e))
        .collect()
}

#[test]
fn whenever_our_reader_accepts_qpdf_sees_the_same_table() {
    let (pdf, _) = signed_sample();
    let (content, original) = content_of(&pdf);
    let mut files: Vec<Vec<u8>> = vec![
        GOLDEN.to_vec(),
        pdf.clone(),
        objstm_pdf(MEMBERS, None, LISTED),
    ];
    let mut variants = |f: &dyn Fn(&mut Craft)| {
        let mut craft = Craft::on(&pdf);
        f(&mut craft);
        files.push(craft.finish(""));
    };
    variants(&|c| {
        c.object(content, CHANGED);
    });
    variants(&|c| {
        c.object(content, CHANGED);
        c.list(content, original, 0);
    });
    variants(&|c| {
        let at = c.write(content, 0, CHANGED);
        c.list(content + 1, at, 0);
    });
    variants(&|c| {
        c.object(content, CHANGED);
        c.prev += 3;
    });
    variants(&|c| {
        c.free(content, 1);
    });
    let mut accepted = 0;
    for file in &files {
        if let Ok(s) = structure::read_checked(file) {
            accepted += 1;
            assert_eq!(qpdf_table(file), in_use(s.table()));
        }
    }
    assert!(accepted >= 4, "{accepted}");
}

#[test]
fn an_8_mib_content_stream_is_skipped_by_its_length_and_the_file_read_as_one_revision() {
    // The figure is printed, never asserted (the test command runs on loaded machines); what is
    // asserted is that the reader took the stream's /Length and reached the file's end.
    let pdf = sample_pdf(8 * 1024 * 1024);
    let started = std::time::Instant::now();
    let read = structure::read(&pdf).unwrap();
    println!("read an 8 MiB file in {:?}", started.elapsed());
    assert_eq!(read.revisions().len(), 1);
    assert!(read.is_revision_end(pdf.len()));
}

/// An object stream body `<<…>> stream … endstream` holding `members` in this order.
fn objstm_body(members: &[(u32, &str)]) -> String {
    let (mut toc, mut bodies) = (String::new(), String::new());
    for (n, body) in members {
        toc.push_str(&format!("{n} {} ", bodies.len()));
        bodies.push_str(body);
        bodies.push('\n');
    }
    format!(
        "<</Type/ObjStm/N {}/First {}/Length {}>>\nstream\n{toc}{bodies}\nendstream",
        members.len(),
        toc.len(),
        toc.len() + bodies.len()
    )
}

#[test]
fn an_object_stream_replaced_under_entries_still_pointing_into_it_is_refused() {
    let base = objstm_pdf(MEMBERS, None, LISTED);
    // The update rewrites object stream 10 with object 2 alone, at index 0: the entries of
    // objects 1 and 3 still lead into it, at indexes it no longer has for them.
    let mut craft = Craft::on(&base);
    craft.object(10, &objstm_body(&[MEMBERS[1]]));
    craft.entries.push((2, 2, 10, 0));
    assert_eq!(code(&craft.finish("")), "objstm_missing");
    // Rewritten whole, with every entry listed again, it is fine and qpdf agrees.
    let mut craft = Craft::on(&base);
    craft.object(10, &objstm_body(MEMBERS));
    for (n, _, stream, index) in LISTED {
        craft.entries.push((*n, 2, *stream as usize, *index));
    }
    let fine = craft.finish("");
    let s = structure::read_checked(&fine).unwrap();
    assert_eq!(qpdf_table(&fine), in_use(s.table()));
}

#[test]
fn a_stream_whose_data_does_not_end_at_its_length_is_refused() {
    let (pdf, trust) = signed_sample();
    let (content, _) = content_of(&pdf);
    // Readers that search for `endstream` see the longer text; those that trust /Length
    // the shorter one.
    let mut craft = Craft::on(&pdf);
    craft.object(
        content,
        "<</Length 20>>\nstream\nBT /F1 14 Tf 72 720 Td (We owe you) Tj ET\nendstream",
    );
    let attack = craft.finish("");
    assert_eq!(code(&attack), "stream_length_mismatch");
    assert_refused(&attack, &trust, "stream_length_mismatch");
}
