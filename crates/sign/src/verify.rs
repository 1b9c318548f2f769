//! `verify_pdf`: every signature's integrity, cryptography, certificate and trust, its byte
//! range, and what later revisions changed. Never panics: parsing runs on its own thread with
//! a large stack, and a failure there is reported as an invalid document.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::crypto::{Algorithms, DigestAlgorithm};
use crate::fields::{self, SigField};
use crate::finding::{Finding, FindingCode as C};
use crate::pdf_util::{self, find};
use crate::policy::{TrustAnchor, VerifyOptions};
use crate::{chain, cms_verify, format_fingerprint, revisions};

/// The verdict on a whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every signature is intact, verifies, is trusted, and nothing but signatures came after.
    Valid,
    /// As `Valid`, but at least one signer is not in the trust store.
    ValidUntrusted,
    /// A signature is broken, malformed or made with a certificate not valid at the time.
    Invalid,
    /// The document was changed after a signature in a way that is not another signature.
    ModifiedAfterSigning,
    /// The document has no signatures.
    NoSignatures,
}

impl Verdict {
    /// The suggested process exit code: 0 valid and trusted, 1 invalid or modified (or not
    /// signed at all), 4 valid but a signer is not trusted.
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Valid => 0,
            Verdict::ValidUntrusted => 4,
            Verdict::Invalid | Verdict::ModifiedAfterSigning | Verdict::NoSignatures => 1,
        }
    }

    /// A stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::ValidUntrusted => "valid_untrusted",
            Verdict::Invalid => "invalid",
            Verdict::ModifiedAfterSigning => "modified_after_signing",
            Verdict::NoSignatures => "no_signatures",
        }
    }
}

/// One change made after a signature that is not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modification {
    /// The object number and generation concerned, when there is one.
    pub object: Option<(u32, u16)>,
    /// A stable kind: `page_changed`, `page_content_changed`, `annotation_added`,
    /// `unsigned_signature_field`, `object_changed`, `object_removed`, `catalog_changed`,
    /// `form_changed`, `info_changed`, `direct_dictionary`, `signature_widget_malformed`,
    /// `visible_signature_outside_place`, `unaccounted_object`, `dangling_reference_filled`,
    /// `certified_no_changes`, … (the revision analysis's `Kind::code`, and `base_unreadable`,
    /// `unreferenced_update`).
    pub kind: String,
    /// A human-readable description.
    pub description: String,
}

/// Everything known about one signature.
#[derive(Debug, Clone, Default)]
pub struct SignatureReport {
    /// The field's fully qualified name.
    pub field_name: String,
    /// The signer certificate's subject (RFC 4514).
    pub signer_subject: Option<String>,
    /// The signer's certificate (DER), as found in the signature.
    pub signer_certificate: Option<Vec<u8>>,
    /// SHA-256 of the signer's certificate, `3F2A 9C01 …`.
    pub signer_fingerprint: Option<String>,
    /// The claimed signing time (`/M`, else the signing-time attribute), Unix seconds.
    pub signing_time: Option<i64>,
    /// The signature and digest algorithms (shown as `Ed25519 (digest SHA-512)`), when the
    /// signature verified.
    pub algorithm: Option<Algorithms>,
    /// `/SubFilter`.
    pub sub_filter: Option<String>,
    /// DocMDP permission level when this is a certification signature.
    pub certification: Option<i64>,
    /// The `/ByteRange`.
    pub byte_range: Option<[u64; 4]>,
    /// The byte range starts at 0, leaves out exactly the `/Contents` hex string, and ends at
    /// the end of a revision inside the file.
    pub byte_range_ok: bool,
    /// The byte range reaches the end of the file.
    pub covers_whole_file: bool,
    /// The digest over the byte range equals the signed message digest.
    pub digest_ok: bool,
    /// The signature verifies with the signer's public key.
    pub signature_ok: bool,
    /// The signer's certificate (and its issuers) were valid at the signing time.
    pub certificate_valid_at_signing_time: bool,
    /// A path leads from the signer to a trusted certificate.
    pub trusted: bool,
    /// Changes after this signature that are not allowed.
    pub modifications: Vec<Modification>,
    /// Everything else that went wrong.
    pub problems: Vec<Finding>,
    /// This signature's own verdict.
    pub verdict: Option<Verdict>,
}

impl SignatureReport {
    fn intact(&self) -> bool {
        self.byte_range_ok && self.digest_ok && self.signature_ok
    }

    fn own_verdict(&self) -> Verdict {
        if !self.intact() || !self.certificate_valid_at_signing_time {
            Verdict::Invalid
        } else if !self.modifications.is_empty() {
            Verdict::ModifiedAfterSigning
        } else if !self.trusted {
            Verdict::ValidUntrusted
        } else {
            Verdict::Valid
        }
    }
}

/// The verification of a whole document.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// The overall verdict.
    pub verdict: Verdict,
    /// One report per signature, in signing order.
    pub signatures: Vec<SignatureReport>,
    /// Problems with the document itself.
    pub problems: Vec<Finding>,
    /// With [`VerifyOptions::base_len`]: what the file changed after the unsigned base revision
    /// that is not a signature (empty when only signatures were added). Not empty makes the
    /// verdict [`Verdict::ModifiedAfterSigning`] at least.
    pub base_changes: Option<Vec<Modification>>,
}

impl VerifyReport {
    fn broken(problem: Finding) -> Self {
        VerifyReport {
            verdict: Verdict::Invalid,
            signatures: Vec::new(),
            problems: vec![problem],
            base_changes: None,
        }
    }
}

/// Nesting deeper than this is refused before parsing (a recursion bomb for parsers).
const MAX_NESTING: usize = 256;
/// More signatures than this are refused: each signed revision is parsed and analysed, so a
/// file of many tiny signed updates would cost as many parses of the whole document.
const MAX_SIGNATURES: usize = 64;
const PARSER_STACK: usize = 256 * 1024 * 1024;

/// Verifies every signature of `pdf` against `options` (the trust anchors, and optionally the
/// unsigned base revision and the places reserved for signatures). With
/// [`VerifyOptions::base_len`], the unsigned revision `pdf[..base_len]` (a rendering the caller
/// re-derived) is compared with the whole file too: [`VerifyReport::base_changes`] lists
/// everything added after it that is not a verified signature or an empty field laid out for one.
/// Never panics, whatever the input.
///
/// Traced as the span `verify` (field: the PDF's size) with its stages `parse`, `signatures`
/// (digests, CMS, certificates) and `revisions` (what each update changed).
pub fn verify_pdf(pdf: &[u8], options: &VerifyOptions<'_>) -> VerifyReport {
    let span = tracing::info_span!("verify", bytes = pdf.len());
    let _verify = span.enter();
    match guarded(pdf, || span.in_scope(|| verify_inner(pdf, options))) {
        Ok(report) => report,
        Err((code, why)) => VerifyReport::broken(Finding::plain(code, why)),
    }
}

/// Runs `f` (which parses `pdf`) on a thread with a large stack, after refusing excessive
/// nesting; a parser panic becomes an error (its finding code and English sentence).
pub(crate) fn guarded<T: Send>(
    pdf: &[u8],
    f: impl FnOnce() -> T + Send,
) -> Result<T, (C, &'static str)> {
    if max_nesting(pdf) > MAX_NESTING {
        return Err((
            C::PdfTooDeep,
            "the PDF nests arrays or dictionaries too deeply",
        ));
    }
    let result = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("kelisim-verify".into())
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, f)
            .map(|h| h.join())
    });
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err((
            C::PdfUnreadable,
            "the PDF could not be analysed (parser failure)",
        )),
        Err(_) => Err((
            C::VerificationNotStarted,
            "no thread could be started for verification",
        )),
    }
}

/// The signatures whose byte range, digest and signature check out.
fn intact_signatures(found: &[Found]) -> HashSet<ObjectId> {
    found
        .iter()
        .filter(|f| f.report.intact() && f.report.byte_range_ok)
        .map(|f| f.sig_id)
        .collect()
}

/// The same signature value twice (a copied signature) is refused.
fn refuse_duplicates(found: &mut [Found]) {
    let mut seen_contents: HashSet<&[u8]> = HashSet::new();
    let mut duplicate = HashSet::new();
    for f in found.iter() {
        if !seen_contents.insert(f.contents.as_slice()) {
            duplicate.insert(f.sig_id);
        }
    }
    for f in found.iter_mut() {
        if duplicate.contains(&f.sig_id) {
            f.report.problems.push(Finding::plain(
                C::SignatureDuplicated,
                "another signature carries the same signature value",
            ));
            f.report.byte_range_ok = false;
        }
    }
}

/// Every signature's digest, CMS and certificates, and at the same time the walk over the
/// revisions; each signature gets the changes made after it. Returns the changes after the
/// caller's base revision, when there is one.
fn check_and_analyse(
    pdf: &[u8],
    fin: &Document,
    found: &mut [Found],
    base_doc: Option<Option<Document>>,
    options: &VerifyOptions<'_>,
    last_startxref: Option<usize>,
) -> Option<Vec<Modification>> {
    // Two things at once. Here: every signature's digest over its byte range (their common
    // prefix hashed once) and its CMS and certificates. On another core: the walk over the
    // revisions (the caller's base, each signed revision, the whole file), each update
    // analysed against the one before it, taking the signatures whose byte range is sound as
    // the ones that verify (checked below; the walk runs again if that was wrong).
    let early: HashSet<ObjectId> = intact_ranges(found);
    let chain = revision_chain(pdf, fin, found, &early, options);
    let base_doc = std::sync::Mutex::new(base_doc);
    let parse_prefix = |end: usize| pdf.get(..end).and_then(|b| load_for_analysis(b).ok());
    let parent = tracing::Span::current();
    let walk_work = || {
        let _revisions = tracing::info_span!(parent: &parent, "revisions").entered();
        let base = base_doc.lock().ok().and_then(|mut b| b.take());
        revisions::walk(&chain, base, parse_prefix)
    };
    let mut walk = std::thread::scope(|scope| {
        let other = parser_thread(scope, walk_work);
        tracing::info_span!("signatures", count = found.len())
            .in_scope(|| check_signatures(pdf, found, options.trust));
        match other {
            Some(handle) => join_or_unwind(handle),
            None => walk_work(),
        }
    });
    for f in found.iter_mut() {
        if walk.unparsable.contains(&f.sig_id) {
            f.report.problems.push(Finding::plain(
                C::SignedRevisionUnreadable,
                "the signed revision cannot be parsed on its own",
            ));
            f.report.byte_range_ok = false;
        } else if walk.wrapped.contains(&f.sig_id) {
            f.report.problems.push(Finding::plain(
                C::SignatureWrapping,
                "the signature dictionary is not the one in the revision it signs (signature wrapping)",
            ));
            f.report.byte_range_ok = false;
        }
    }
    // A signature refused since (wrapping, an unparsable revision, a digest or signature that
    // does not verify) may not have added anything: the walk runs again without it.
    let late = intact_signatures(found);
    if late != early {
        let chain = revision_chain(pdf, fin, found, &late, options);
        if walk.unparsable.is_empty() && walk.wrapped.is_empty() {
            // The same revisions: only the updates those signatures end.
            revisions::rewalk(&chain, &mut walk, &early, parse_prefix);
        } else {
            let base = options.base_len.map(parse_prefix);
            walk = revisions::walk(&chain, base, parse_prefix);
        }
    }
    attribute_changes(found, &walk, pdf.len(), last_startxref);
    options.base_len.map(|len| base_changes(&walk, len))
}

/// The signatures whose byte range is sound.
fn intact_ranges(found: &[Found]) -> HashSet<ObjectId> {
    found
        .iter()
        .filter(|f| f.report.byte_range_ok)
        .map(|f| f.sig_id)
        .collect()
}

/// The revisions to walk: every signature whose byte range is sound ends one; `verified` are
/// those a step may add.
fn revision_chain<'a>(
    pdf: &[u8],
    fin: &'a Document,
    found: &[Found],
    verified: &'a HashSet<ObjectId>,
    options: &VerifyOptions<'a>,
) -> revisions::Chain<'a> {
    let mut signed: Vec<revisions::SignedRevision> = found
        .iter()
        .filter(|f| f.report.byte_range_ok)
        .map(|f| revisions::SignedRevision {
            sig: f.sig_id,
            end: f.end,
        })
        .collect();
    signed.sort_by_key(|s| s.end);
    revisions::Chain {
        pdf_len: pdf.len(),
        fin,
        signed,
        verified,
        certification: found
            .iter()
            .find_map(|f| f.report.certification.map(|level| (f.sig_id, level))),
        base_len: options.base_len,
        places: options.places,
    }
}

/// Each signature's modifications: what the updates after its revision changed that is not
/// allowed.
fn attribute_changes(
    found: &mut [Found],
    walk: &revisions::Walk,
    pdf_len: usize,
    last_startxref: Option<usize>,
) {
    for f in found.iter_mut() {
        if !f.report.byte_range_ok || f.end == pdf_len {
            continue;
        }
        if last_startxref.is_none_or(|x| x < f.end) {
            f.report.modifications.push(Modification {
                object: None,
                kind: "unreferenced_update".into(),
                description: "data after the signed revision is not reached by the final cross-reference section".into(),
            });
            continue;
        }
        f.report.modifications = walk.after(f.end);
    }
}

/// What the file changed after the caller's base revision that is not a signature.
fn base_changes(walk: &revisions::Walk, base_len: usize) -> Vec<Modification> {
    if walk.base_unreadable {
        return vec![Modification {
            object: None,
            kind: "base_unreadable".into(),
            description: "the first revision cannot be parsed on its own".into(),
        }];
    }
    walk.after(base_len)
}

/// Parses a PDF for verification, each stream's data replaced by its SHA-256 as it is read:
/// the analysis compares streams but never reads them, so a revision is held in a fraction of
/// its size (object streams are kept whole: the parser unpacks them).
fn load_for_analysis(pdf: &[u8]) -> lopdf::Result<Document> {
    Document::load_mem_with_options(
        pdf,
        lopdf::LoadOptions {
            filter: Some(digest_stream_data),
            ..lopdf::LoadOptions::default()
        },
    )
}

/// The filter of [`load_for_analysis`]. lopdf keeps the object as changed in place, except for
/// members of object streams (never streams themselves), for which it keeps what is returned.
fn digest_stream_data(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    match object {
        Object::Stream(stream) if !stream.dict.has_type(b"ObjStm") => {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(&stream.content).to_vec();
            stream.content = digest;
            Some((id, Object::Null))
        }
        other => Some((id, other.clone())),
    }
}

/// Starts `f` on a scoped thread with the parser's stack; `None` when no thread could start.
fn parser_thread<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .name("kelisim-verify".into())
        .stack_size(PARSER_STACK)
        .spawn_scoped(scope, f)
        .ok()
}

/// Waits for a thread; its panic continues in the caller (and [`guarded`] turns it into an
/// error), so no result is ever silently dropped.
fn join_or_unwind<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    match handle.join() {
        Ok(value) => value,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// The deepest nesting of `[` and `<<` outside strings, comments and stream data.
fn max_nesting(pdf: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < pdf.len() {
        match pdf[i] {
            b'%' => {
                while i < pdf.len() && pdf[i] != b'\n' && pdf[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut level = 0usize;
                while i < pdf.len() {
                    match pdf[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level = level.saturating_sub(1);
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'<' if pdf.get(i + 1) == Some(&b'<') => {
                depth += 1;
                max = max.max(depth);
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if pdf.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if pdf[i..].starts_with(b"stream") && !pdf[..i].ends_with(b"end") => {
                match find(pdf, b"endstream", i + 6) {
                    Some(end) => i = end + 8,
                    None => return max,
                }
                depth = 0;
            }
            b'e' if pdf[i..].starts_with(b"endobj") => depth = 0,
            _ => {}
        }
        i += 1;
    }
    max
}

/// Object numbers the cross-reference table lists as in use but the parser could not read
/// (a reader that repairs files might see something else there).
fn unreadable_objects(doc: &Document) -> Vec<u32> {
    let present: HashSet<u32> = doc.objects.keys().map(|(n, _)| *n).collect();
    doc.reference_table
        .entries
        .iter()
        .filter(|(n, e)| {
            matches!(
                e,
                lopdf::xref::XrefEntry::Normal { .. } | lopdf::xref::XrefEntry::Compressed { .. }
            ) && !present.contains(n)
        })
        .map(|(n, _)| *n)
        .filter(|n| *n != 0)
        .collect()
}

/// The offset named by the file's last `startxref`.
fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let at = memchr::memmem::rfind(pdf, b"startxref")?;
    let digits: String = pdf[at + 9..]
        .iter()
        .skip_while(|b| is_pdf_space(**b))
        .take_while(|b| b.is_ascii_digit())
        .map(|b| char::from(*b))
        .collect();
    digits.parse().ok()
}

struct Found {
    report: SignatureReport,
    sig_id: ObjectId,
    end: usize,
    contents: Vec<u8>,
    /// The signed bytes `[0, b) + [c, end)` as `(b, c, end)`, once the byte range checked out.
    range: Option<(usize, usize, usize)>,
}

/// What the first stage hands on: the strict structure, the whole file parsed (and agreeing
/// with the structure), and the caller's base revision parsed.
struct Parsed {
    structure: crate::structure::Structure,
    fin: Document,
    base_doc: Option<Option<Document>>,
}

/// Stage 1: the header, the strict structure, the parse of the whole file and the caller's base
/// (at the same time), and lopdf's object map checked against the structure.
fn parse_stage(pdf: &[u8], base_len: Option<usize>) -> Result<Parsed, VerifyReport> {
    if find(&pdf[..1024.min(pdf.len())], b"%PDF-", 0).is_none() {
        return Err(VerifyReport::broken(Finding::plain(
            C::NotAPdf,
            "not a PDF (no %PDF- header)",
        )));
    }
    // The strict structure first: lopdf's object map is trusted only where it is the one
    // every reader sees (checked against the parsed document below).
    let structure = crate::structure::read(pdf).map_err(structure_refused)?;
    let (fin, base_doc) = std::thread::scope(|scope| {
        let parse_base = move |len: usize| pdf.get(..len).and_then(|b| load_for_analysis(b).ok());
        let base = base_len.map(|len| (len, parser_thread(scope, move || parse_base(len))));
        let fin = load_for_analysis(pdf);
        let base = base.map(|(len, h)| h.map_or_else(|| parse_base(len), join_or_unwind));
        (fin, base)
    });
    let fin = fin.map_err(|e| {
        VerifyReport::broken(Finding::plain(
            C::PdfUnreadable,
            format!("the PDF cannot be parsed: {e}"),
        ))
    })?;
    structure.cross_check(&fin).map_err(structure_refused)?;
    Ok(Parsed {
        structure,
        fin,
        base_doc,
    })
}

/// The strict structure reader's refusal, with its code.
fn structure_refused(e: crate::structure::StructureError) -> VerifyReport {
    VerifyReport::broken(Finding::new(
        C::PdfStructureRefused,
        vec![("structure_code", e.code.to_owned())],
        format!("the PDF's structure is refused: {e}"),
    ))
}

/// Stage 2: problems of the file as a whole (an incomplete last revision, unreadable objects,
/// encryption).
fn file_problems(pdf: &[u8], fin: &Document) -> Vec<Finding> {
    let mut problems = Vec::new();
    // The file must end with a complete revision: anything after the last %%EOF is data that
    // a repairing viewer might read and we would not.
    let mut tail = pdf.len();
    while tail > 0 && is_pdf_space(pdf[tail - 1]) && pdf.len() - tail < 4 {
        tail -= 1;
    }
    if !pdf[..tail].ends_with(b"%%EOF") {
        problems.push(Finding::plain(
            C::FileIncompleteRevision,
            "the file does not end with a complete revision (data after the last %%EOF)",
        ));
    }
    let unreadable = unreadable_objects(fin);
    if !unreadable.is_empty() {
        problems.push(Finding::new(
            C::ObjectsUnreadable,
            vec![
                ("count", unreadable.len().to_string()),
                ("object", unreadable[0].to_string()),
            ],
            format!(
                "{} objects listed in the cross-reference table cannot be read (first: {})",
                unreadable.len(),
                unreadable[0]
            ),
        ));
    }
    if fin.trailer.has(b"Encrypt") {
        problems.push(Finding::plain(C::PdfEncrypted, "the PDF is encrypted"));
    }
    problems
}

/// Stage 3: every signature field with a value, examined (byte range, `/Contents`), each byte
/// range required to end where a revision ends.
fn find_signatures(pdf: &[u8], parsed: &Parsed) -> Vec<Found> {
    let fin = &parsed.fin;
    let catalog = pdf_util::catalog_id(fin).and_then(|c| pdf_util::dict_of(fin, c));
    let perms_docmdp = catalog
        .and_then(|c| pdf_util::get(fin, c, b"Perms"))
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"DocMDP").ok())
        .and_then(|r| r.as_reference().ok());
    let mut found: Vec<Found> = fields::signature_fields(fin)
        .into_iter()
        .filter_map(|f| f.value.map(|v| (f, v)))
        .map(|(f, sig_id)| examine_signature(pdf, fin, &f, sig_id, perms_docmdp))
        .collect();
    // A signature covers whole revisions: its byte range ends exactly where one ends.
    for f in &mut found {
        if f.report.byte_range_ok && !parsed.structure.is_revision_end(f.end) {
            f.report.problems.push(Finding::new(
                C::ByteRangeNotRevisionEnd,
                vec![("offset", f.end.to_string())],
                format!(
                    "the byte range ends at byte {}, not at the end of a revision",
                    f.end
                ),
            ));
            (f.report.byte_range_ok, f.report.covers_whole_file, f.range) = (false, false, None);
        }
    }
    found.sort_by_key(|f| f.end);
    found
}

/// The overall verdict: the worst of the file's problems, the signatures' own verdicts and the
/// changes after the caller's base.
fn overall(problems: &[Finding], signatures: &[SignatureReport], base_changed: bool) -> Verdict {
    let verdicts: Vec<Verdict> = signatures
        .iter()
        .map(SignatureReport::own_verdict)
        .collect();
    if !problems.is_empty() || verdicts.contains(&Verdict::Invalid) {
        Verdict::Invalid
    } else if base_changed || verdicts.contains(&Verdict::ModifiedAfterSigning) {
        Verdict::ModifiedAfterSigning
    } else if verdicts.contains(&Verdict::ValidUntrusted) {
        Verdict::ValidUntrusted
    } else {
        Verdict::Valid
    }
}

/// The verification in stages: parse (strict structure, lopdf agreeing), the file's own
/// problems, the signatures found, then their CMS and chains with the revision walk
/// ([`check_and_analyse`]), and the verdict.
fn verify_inner(pdf: &[u8], options: &VerifyOptions<'_>) -> VerifyReport {
    let parse = tracing::info_span!("parse").entered();
    let parsed = parse_stage(pdf, options.base_len);
    parse.exit();
    let mut parsed = match parsed {
        Ok(p) => p,
        Err(report) => return report,
    };
    let problems = file_problems(pdf, &parsed.fin);
    let mut found = find_signatures(pdf, &parsed);
    if found.is_empty() {
        let verdict = if problems.is_empty() {
            Verdict::NoSignatures
        } else {
            Verdict::Invalid
        };
        return VerifyReport {
            verdict,
            signatures: Vec::new(),
            problems,
            base_changes: None,
        };
    }
    if found.len() > MAX_SIGNATURES {
        return VerifyReport::broken(Finding::new(
            C::TooManySignatures,
            vec![
                ("count", found.len().to_string()),
                ("limit", MAX_SIGNATURES.to_string()),
            ],
            format!(
                "the PDF has {} signatures; at most {MAX_SIGNATURES} are verified (each signed \
                 revision is parsed and compared on its own)",
                found.len()
            ),
        ));
    }
    refuse_duplicates(&mut found);
    let last_startxref = last_startxref(pdf);
    let base_doc = parsed.base_doc.take();
    let base_changes = check_and_analyse(
        pdf,
        &parsed.fin,
        &mut found,
        base_doc,
        options,
        last_startxref,
    );
    let signatures: Vec<SignatureReport> = found
        .into_iter()
        .map(|mut f| {
            f.report.verdict = Some(f.report.own_verdict());
            f.report
        })
        .collect();
    let base_changed = base_changes.as_ref().is_some_and(|c| !c.is_empty());
    VerifyReport {
        verdict: overall(&problems, &signatures, base_changed),
        signatures,
        problems,
        base_changes,
    }
}

fn byte_range(fin: &Document, sig: &lopdf::Dictionary) -> Option<[u64; 4]> {
    let Some(Object::Array(a)) = pdf_util::get(fin, sig, b"ByteRange") else {
        return None;
    };
    if a.len() != 4 {
        return None;
    }
    let mut out = [0u64; 4];
    for (slot, v) in out.iter_mut().zip(a) {
        *slot = u64::try_from(v.as_i64().ok()?).ok()?;
    }
    Some(out)
}

fn is_pdf_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Checks the shape of the byte range; returns the decoded gap (the `/Contents` value) when
/// the range is well-formed.
fn check_byte_range(pdf: &[u8], br: [u64; 4], problems: &mut Vec<Finding>) -> Option<Vec<u8>> {
    let len = pdf.len() as u64;
    let [a, b, c, d] = br;
    let end = c.checked_add(d)?;
    if a != 0 {
        problems.push(Finding::plain(
            C::ByteRangeNotFromStart,
            "the byte range does not start at 0",
        ));
        return None;
    }
    if !(b < c && end <= len && b >= 1 && c - b >= 2) {
        problems.push(Finding::plain(
            C::ByteRangeOutOfBounds,
            "the byte range overlaps, runs backwards or leaves the file",
        ));
        return None;
    }
    let (b, c, end) = (
        usize::try_from(b).ok()?,
        usize::try_from(c).ok()?,
        usize::try_from(end).ok()?,
    );
    let gap = &pdf[b..c];
    if gap.first() != Some(&b'<') || gap.last() != Some(&b'>') {
        problems.push(Finding::plain(
            C::ByteRangeGapNotHex,
            "the excluded bytes are not a hex string",
        ));
        return None;
    }
    let mut before = b;
    while before > 0 && is_pdf_space(pdf[before - 1]) {
        before -= 1;
    }
    if !pdf[..before].ends_with(b"/Contents") {
        problems.push(Finding::plain(
            C::ByteRangeGapNotContents,
            "the excluded bytes are not the /Contents value",
        ));
        return None;
    }
    let digits: Vec<u8> = gap[1..gap.len() - 1]
        .iter()
        .copied()
        .filter(|x| !is_pdf_space(*x))
        .collect();
    let mut value = Vec::with_capacity(digits.len() / 2 + 1);
    for pair in digits.chunks(2) {
        let hi = hex_value(pair[0])?;
        let lo = pair.get(1).map_or(Some(0), |x| hex_value(*x))?;
        value.push(hi << 4 | lo);
    }
    if digits.iter().any(|x| hex_value(*x).is_none()) {
        problems.push(Finding::plain(
            C::ByteRangeGapNotHex,
            "the excluded bytes hold more than hex digits",
        ));
        return None;
    }
    // The signed part must end at the end of a revision: %%EOF and an optional end of line.
    let mut tail = end;
    while tail > 0 && matches!(pdf[tail - 1], b'\r' | b'\n' | b' ') && end - tail < 3 {
        tail -= 1;
    }
    if !pdf[..tail].ends_with(b"%%EOF") {
        problems.push(Finding::new(
            C::ByteRangeNotRevisionEnd,
            vec![("offset", end.to_string())],
            "the byte range does not end at the end of a revision",
        ));
        return None;
    }
    Some(value)
}

/// Certification: a `/Reference` with `/TransformMethod /DocMDP` sets the report's DocMDP
/// level; the catalog's `/Perms` must name the signature (`named`).
fn certification(fin: &Document, sig: &Dictionary, named: bool, report: &mut SignatureReport) {
    let Some(Object::Array(refs)) = pdf_util::get(fin, sig, b"Reference") else {
        return;
    };
    for r in refs {
        let Some(r) = pdf_util::as_dict(fin, r) else {
            continue;
        };
        if pdf_util::name(fin, r, b"TransformMethod") == Some(b"DocMDP".as_slice()) {
            let p = pdf_util::get(fin, r, b"TransformParams")
                .and_then(|t| t.as_dict().ok())
                .and_then(|t| t.get(b"P").ok())
                .and_then(|p| p.as_i64().ok())
                .unwrap_or(2);
            report.certification = Some(p.clamp(1, 3));
            if !named {
                report.problems.push(Finding::plain(
                    C::DocmdpNotInPerms,
                    "a DocMDP signature that the catalog's /Perms does not name",
                ));
            }
        }
    }
}

/// What a signature's dictionary says and whether its byte range is sound: everything but
/// the digest and the CMS ([`check_signatures`]).
fn examine_signature(
    pdf: &[u8],
    fin: &Document,
    field: &SigField,
    sig_id: ObjectId,
    perms_docmdp: Option<ObjectId>,
) -> Found {
    let mut report = SignatureReport {
        field_name: field.name.clone(),
        ..SignatureReport::default()
    };
    let found = |report: SignatureReport, end: usize, contents: Vec<u8>| Found {
        report,
        sig_id,
        end,
        contents,
        range: None,
    };
    let Some(sig) = pdf_util::dict_of(fin, sig_id) else {
        report.problems.push(Finding::plain(
            C::SignatureNotDictionary,
            "the field's /V is not a signature dictionary",
        ));
        return found(report, usize::MAX, Vec::new());
    };
    report.sub_filter =
        pdf_util::name(fin, sig, b"SubFilter").map(|n| String::from_utf8_lossy(n).into_owned());
    report.signing_time = match pdf_util::get(fin, sig, b"M") {
        Some(Object::String(s, _)) => pdf_util::parse_pdf_date(s),
        _ => None,
    };
    certification(fin, sig, perms_docmdp == Some(sig_id), &mut report);
    let contents = match pdf_util::get(fin, sig, b"Contents") {
        Some(Object::String(s, _)) if !s.is_empty() => s.clone(),
        _ => {
            report.problems.push(Finding::plain(
                C::ContentsMissing,
                "missing or empty /Contents",
            ));
            return found(report, usize::MAX, Vec::new());
        }
    };
    let Some(br) = byte_range(fin, sig) else {
        report.problems.push(Finding::plain(
            C::ByteRangeMissing,
            "missing or malformed /ByteRange",
        ));
        return found(report, usize::MAX, contents);
    };
    report.byte_range = Some(br);
    let gap = check_byte_range(pdf, br, &mut report.problems);
    let end = usize::try_from(br[2].saturating_add(br[3])).unwrap_or(usize::MAX);
    match gap {
        Some(g) if g == contents => report.byte_range_ok = true,
        Some(_) => report.problems.push(Finding::plain(
            C::SignatureWrapping,
            "the excluded bytes are not this signature's /Contents (signature wrapping)",
        )),
        None => {}
    }
    report.covers_whole_file = report.byte_range_ok && end == pdf.len();
    if !report.byte_range_ok {
        return found(report, end, contents);
    }
    let (b, c) = (br[1] as usize, br[2] as usize);
    Found {
        range: Some((b, c, end)),
        ..found(report, end, contents)
    }
}

/// Every signature's digest over its byte range — one pass over the common prefix per
/// digest algorithm — then its CMS (message digest, signature) and its certificates.
fn check_signatures(pdf: &[u8], found: &mut [Found], trust: &[TrustAnchor]) {
    let mut by_alg: HashMap<DigestAlgorithm, Vec<usize>> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        if let (Some(_), Some(alg)) = (f.range, cms_verify::digest_alg(&f.contents)) {
            by_alg.entry(alg).or_default().push(i);
        }
    }
    let mut digests: Vec<Option<(DigestAlgorithm, Vec<u8>)>> = vec![None; found.len()];
    for (alg, members) in by_alg {
        let ranges: Vec<(usize, usize, usize)> =
            members.iter().filter_map(|&i| found[i].range).collect();
        for (&i, digest) in members.iter().zip(alg.prefix_digests(pdf, &ranges)) {
            digests[i] = Some((alg, digest));
        }
    }
    for (f, digest) in found.iter_mut().zip(digests) {
        if let Some(range) = f.range {
            check_cms(pdf, f, range, digest, trust);
        }
    }
}

/// One signature's CMS over its byte range `[0, b) + [c, end)` (with its digest when computed
/// already), then the signer's certificate chain at the signing time.
fn check_cms(
    pdf: &[u8],
    f: &mut Found,
    (b, c, end): (usize, usize, usize),
    digest: Option<(DigestAlgorithm, Vec<u8>)>,
    trust: &[TrustAnchor],
) {
    let report = &mut f.report;
    let cms = cms_verify::check(&f.contents, &[&pdf[..b], &pdf[c..end]], digest);
    report.digest_ok = cms.digest_ok;
    report.signature_ok = cms.signature_ok;
    report.algorithm = cms.algorithm;
    report.problems.extend(cms.problems);
    if report.signing_time.is_none() {
        report.signing_time = cms.signing_time;
    }
    if let Some(signer) = &cms.signer {
        report.signer_subject = Some(signer.tbs_certificate.subject.to_string());
        report.signer_fingerprint = cms.signer_der.as_deref().map(format_fingerprint);
        report.signer_certificate = cms.signer_der.clone();
        let at = report
            .signing_time
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
        let chain = chain::check(signer, &cms.certificates, trust, at);
        report.trusted = chain.trusted;
        report.certificate_valid_at_signing_time = chain.valid_at_time;
        report.problems.extend(chain.problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_invalid_not_a_panic() {
        for input in [&b""[..], b"%PDF-", b"%PDF-1.7\n1 0 obj <<", b"hello"] {
            assert_eq!(
                verify_pdf(input, &VerifyOptions::default()).verdict,
                Verdict::Invalid
            );
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 100_000));
        assert_eq!(
            verify_pdf(&pdf, &VerifyOptions::default()).verdict,
            Verdict::Invalid
        );
        assert!(max_nesting(&pdf) > MAX_NESTING);
    }
}
