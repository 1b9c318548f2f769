//! The PDF signature attack classes, each built in code and each rejected by our verifier and
//! by pyHanko.

use kelisim_sign::{KeyInfo, Verdict, VerifyReport};
use lopdf::{dictionary, Document, Object, Stream};

use crate::common::*;

struct Fixture {
    dir: tempfile::TempDir,
    info: KeyInfo,
    key: kelisim_sign::UnlockedKey,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("keys"));
    let (info, key) = signer(&ks, "victim", "Айгүл Сейітова");
    Fixture { dir, info, key }
}

impl Fixture {
    fn signed(&self, pdf: &[u8]) -> Vec<u8> {
        sign(pdf, &self.key, &options("Sig1", 600.0))
    }
    fn certified(&self, pdf: &[u8]) -> Vec<u8> {
        let mut o = options("Cert", 600.0);
        o.certify = true;
        sign(pdf, &self.key, &o)
    }
    fn verify(&self, pdf: &[u8]) -> VerifyReport {
        verify_trusting(pdf, std::slice::from_ref(&self.info.certificate_der))
    }
    /// Our verdict must be `expected` and pyHanko must reject the file too.
    fn assert_rejected(&self, pdf: &[u8], expected: Verdict) -> VerifyReport {
        let report = self.verify(pdf);
        assert_eq!(report.verdict, expected, "{report:#?}");
        assert_ne!(report.verdict.exit_code(), 0);
        let (ok, text) = pyhanko_validate(self.dir.path(), pdf, &[&self.info.certificate_pem]);
        assert!(!ok, "pyHanko accepted an attack: {text}");
        report
    }
}

fn kinds(report: &VerifyReport) -> Vec<String> {
    report
        .signatures
        .iter()
        .flat_map(|s| s.modifications.iter().map(|m| m.kind.clone()))
        .collect()
}

fn content_id(doc: &Document) -> lopdf::ObjectId {
    let page = doc.get_object(first_page(doc)).unwrap().as_dict().unwrap();
    match page.get(b"Contents").unwrap() {
        Object::Reference(r) => *r,
        Object::Array(a) => a[0].as_reference().unwrap(),
        _ => panic!(),
    }
}

fn find(h: &[u8], n: &[u8]) -> usize {
    h.windows(n.len()).position(|w| w == n).unwrap()
}

fn rfind(h: &[u8], n: &[u8]) -> usize {
    h.windows(n.len()).rposition(|w| w == n).unwrap()
}

/// The position and numbers of the last `/ByteRange [a b c d]`.
fn byte_range(pdf: &[u8]) -> (usize, usize, [i64; 4]) {
    let at = rfind(pdf, b"/ByteRange");
    let open = at + find(&pdf[at..], b"[");
    let close = open + find(&pdf[open..], b"]");
    let text = std::str::from_utf8(&pdf[open + 1..close]).unwrap();
    let n: Vec<i64> = text
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    (open, close, [n[0], n[1], n[2], n[3]])
}

fn patch_byte_range(pdf: &[u8], text: &str) -> Vec<u8> {
    let (open, close, _) = byte_range(pdf);
    let mut out = pdf.to_vec();
    let slot = &mut out[open..=close];
    assert!(text.len() <= slot.len(), "{text}");
    slot.fill(b' ');
    slot[..text.len()].copy_from_slice(text.as_bytes());
    out
}

#[test]
fn a_changed_byte_inside_a_signed_range_is_invalid() {
    let fx = fixture();
    let mut signed = fx.signed(&sample_pdf(0));
    let at = find(&signed, b"Memorandum");
    signed[at] = b'N';
    let report = fx.assert_rejected(&signed, Verdict::Invalid);
    assert!(!report.signatures[0].digest_ok);
}

#[test]
fn content_appended_after_signing_is_detected() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let attacked = update(&signed, |inc| {
        let page = first_page(inc.get_prev_documents());
        let old = content_id(inc.get_prev_documents());
        let extra = inc.new_document.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 24 Tf 72 400 Td (PAID IN FULL) Tj ET".to_vec(),
        ));
        inc.opt_clone_object_to_new_document(page).unwrap();
        let p = inc
            .new_document
            .get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        p.set(
            "Contents",
            vec![Object::Reference(old), Object::Reference(extra)],
        );
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(report.signatures[0].digest_ok && report.signatures[0].signature_ok);
    assert!(
        kinds(&report).contains(&"page_changed".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn a_content_stream_replaced_after_signing_is_detected() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let attacked = update(&signed, |inc| {
        let id = content_id(inc.get_prev_documents());
        inc.new_document.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! {},
                b"BT /F1 14 Tf 72 720 Td (Loan agreement) Tj ET".to_vec(),
            )),
        );
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"page_content_changed".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn manipulated_byte_ranges_are_invalid() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let (_, _, [_, b, c, d]) = byte_range(&signed);
    let variants = [
        format!("[1 {b} {c} {d}]"),
        format!("[0 {} {c} {d}]", b - 1),
        format!("[0 {b} {} {}]", c + 2, d - 2),
        format!("[0 {b} {c} {}]", d - 5),
        format!("[0 {b} {c} {}]", d + 100),
        format!("[0 {c} {b} {d}]"),
        format!("[0 {} {} {}]", b + 2, c - 2, d),
    ];
    for v in variants {
        let attacked = patch_byte_range(&signed, &v);
        let report = fx.verify(&attacked);
        assert_eq!(report.verdict, Verdict::Invalid, "{v}: {report:#?}");
        assert!(!report.signatures[0].byte_range_ok, "{v}");
    }
    let attacked = patch_byte_range(&signed, &format!("[0 {c} {b} {d}]"));
    fx.assert_rejected(&attacked, Verdict::Invalid);
}

#[test]
fn signature_wrapping_through_a_new_signature_dictionary_is_invalid() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    // The attacker appends content and a copy of the signature dictionary whose byte range
    // claims the whole new file, and points the field at the copy.
    let attacked = update(&signed, |inc| {
        let prev = inc.get_prev_documents().clone();
        let (field_id, sig_id) = prev
            .objects
            .iter()
            .find_map(|(id, o)| {
                let d = o.as_dict().ok()?;
                (d.get(b"FT").ok()?.as_name().ok()? == b"Sig")
                    .then(|| (*id, d.get(b"V").unwrap().as_reference().unwrap()))
            })
            .unwrap();
        let sig = prev.get_object(sig_id).unwrap().as_dict().unwrap().clone();
        let copy = inc.new_document.add_object(sig);
        let content = content_id(&prev);
        inc.new_document.objects.insert(
            content,
            Object::Stream(Stream::new(
                dictionary! {},
                b"BT /F1 14 Tf 72 720 Td (Forged) Tj ET".to_vec(),
            )),
        );
        inc.opt_clone_object_to_new_document(field_id).unwrap();
        inc.new_document
            .get_object_mut(field_id)
            .unwrap()
            .as_dict_mut()
            .unwrap()
            .set("V", copy);
    });
    let report = fx.assert_rejected(&attacked, Verdict::Invalid);
    assert!(!report.signatures[0].byte_range_ok, "{report:#?}");
}

#[test]
fn empty_truncated_and_garbage_contents_are_invalid() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let (_, _, [_, b, c, _]) = byte_range(&signed);
    let (b, c) = (b as usize + 1, c as usize - 1);
    let der_hex_len = signed[b..c].iter().rposition(|x| *x != b'0').unwrap() + 1;
    let mut empty = signed.clone();
    empty[b..c].fill(b'0');
    let mut truncated = signed.clone();
    truncated[b + der_hex_len / 2..c].fill(b'0');
    let mut garbage = signed.clone();
    for (i, x) in garbage[b..b + 400].iter_mut().enumerate() {
        *x = b"0123456789ABCDEF"[(i * 7 + 3) % 16];
    }
    let mut not_hex = signed.clone();
    not_hex[b + 10] = b'G';
    for (name, pdf) in [
        ("empty", empty),
        ("truncated", truncated),
        ("garbage", garbage),
        ("not hex", not_hex),
    ] {
        let report = fx.verify(&pdf);
        assert_eq!(report.verdict, Verdict::Invalid, "{name}: {report:#?}");
        if name == "empty" {
            fx.assert_rejected(&pdf, Verdict::Invalid);
        }
    }
}

#[test]
fn a_missing_or_malformed_byte_range_is_invalid() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let mut missing = signed.clone();
    let at = rfind(&missing, b"/ByteRange");
    missing[at..at + 10].copy_from_slice(b"/ByteRangX");
    let report = fx.assert_rejected(&missing, Verdict::Invalid);
    assert!(report.signatures[0]
        .problems
        .iter()
        .any(|p| p.code.as_str() == "byte_range_missing"));
    for text in [
        "[0 1 2]",
        "[(a) 1 2 3]",
        "[0 -5 2 3]",
        "[0 1 2 99999999999999999999]",
    ] {
        let report = fx.verify(&patch_byte_range(&signed, text));
        assert_eq!(report.verdict, Verdict::Invalid, "{text}");
    }
}

/// A document prepared by an attacker before signing: the page draws `visible` streams; the
/// file also holds `hidden`, referenced from nowhere visible.
fn prepared(
    visible: &[&str],
    hidden: &str,
    xobject: Option<&str>,
) -> (
    Vec<u8>,
    Vec<lopdf::ObjectId>,
    lopdf::ObjectId,
    Option<lopdf::ObjectId>,
) {
    let mut doc = Document::load_mem(&sample_pdf(0)).unwrap();
    let page = first_page(&doc);
    let ids: Vec<_> = visible
        .iter()
        .map(|s| doc.add_object(Stream::new(dictionary! {}, s.as_bytes().to_vec())))
        .collect();
    let hidden_id = doc.add_object(Stream::new(dictionary! {}, hidden.as_bytes().to_vec()));
    // Keep the hidden stream in the file, e.g. as page piece info nobody renders.
    let xo = xobject.map(|x| {
        doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => Object::Reference((1, 0)) } } },
            x.as_bytes().to_vec(),
        ))
    });
    let font = doc
        .get_object(page)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Font")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"F1")
        .unwrap()
        .clone();
    let p = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    p.set(
        "Contents",
        ids.iter()
            .map(|i| Object::Reference(*i))
            .collect::<Vec<_>>(),
    );
    p.set(
        "PieceInfo",
        dictionary! { "Kelisim" => dictionary! { "Private" => hidden_id } },
    );
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font.clone() } };
    if let Some(x) = xo {
        resources.set("XObject", dictionary! { "Fm1" => x });
    }
    p.set("Resources", resources);
    if let Some(x) = xo {
        let d = doc.get_object_mut(x).unwrap().as_stream_mut().unwrap();
        d.dict.set(
            "Resources",
            dictionary! { "Font" => dictionary! { "F1" => font } },
        );
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    (out, ids, hidden_id, xo)
}

#[test]
fn shadow_hide_an_overlay_removed_after_signing_is_detected() {
    let fx = fixture();
    let (pdf, ids, _, _) = prepared(
        &[
            "BT /F1 14 Tf 72 700 Td (Penalty: 1,000,000) Tj ET",
            "q 1 1 1 rg 60 690 300 30 re f Q",
        ],
        "",
        None,
    );
    let signed = fx.signed(&pdf);
    let overlay = ids[1];
    let attacked = update(&signed, |inc| {
        inc.new_document.objects.insert(
            overlay,
            Object::Stream(Stream::new(dictionary! {}, Vec::new())),
        );
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"page_content_changed".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn shadow_replace_a_form_xobject_replaced_after_signing_is_detected() {
    let fx = fixture();
    let (pdf, _, _, xo) = prepared(
        &["q /Fm1 Do Q"],
        "",
        Some("BT /F1 14 Tf 72 650 Td (Amount: 100 KZT) Tj ET"),
    );
    let signed = fx.signed(&pdf);
    let xo = xo.unwrap();
    let attacked = update(&signed, |inc| {
        let mut s = inc
            .get_prev_documents()
            .get_object(xo)
            .unwrap()
            .as_stream()
            .unwrap()
            .clone();
        s.set_plain_content(b"BT /F1 14 Tf 72 650 Td (Amount: 100,000,000 KZT) Tj ET".to_vec());
        inc.new_document.objects.insert(xo, Object::Stream(s));
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"object_changed".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn shadow_hide_and_replace_a_page_pointed_at_hidden_content_is_detected() {
    let fx = fixture();
    let (pdf, _, hidden, _) = prepared(
        &["BT /F1 14 Tf 72 650 Td (We agree to cooperate.) Tj ET"],
        "BT /F1 14 Tf 72 650 Td (We agree to pay everything.) Tj ET",
        None,
    );
    let signed = fx.signed(&pdf);
    let attacked = update(&signed, |inc| {
        let page = first_page(inc.get_prev_documents());
        inc.opt_clone_object_to_new_document(page).unwrap();
        let p = inc
            .new_document
            .get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        p.set("Contents", Object::Reference(hidden));
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"page_changed".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn evil_annotation_added_to_a_certified_document_is_detected() {
    let fx = fixture();
    let certified = fx.certified(&sample_pdf(0));
    let attacked = update(&certified, |inc| {
        let page = first_page(inc.get_prev_documents());
        let annot = inc.new_document.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText",
            "Rect" => vec![60.into(), 700.into(), 400.into(), 740.into()],
            "Contents" => Object::string_literal("Loan agreement"),
            "DA" => Object::string_literal("/Helv 24 Tf 0 g"),
        });
        inc.opt_clone_object_to_new_document(page).unwrap();
        let p = inc
            .new_document
            .get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        let mut annots = p.get(b"Annots").unwrap().as_array().unwrap().clone();
        annots.push(Object::Reference(annot));
        p.set("Annots", annots);
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"annotation_added".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn sneaky_signature_an_unsigned_field_drawing_over_a_certified_page_is_detected() {
    let fx = fixture();
    let certified = fx.certified(&sample_pdf(0));
    let attacked = update(&certified, |inc| {
        let prev = inc.get_prev_documents().clone();
        let page = first_page(&prev);
        let ap = inc.new_document.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 400.into(), 60.into()] },
            b"q 1 1 1 rg 0 0 400 60 re f Q BT /Helvetica 20 Tf 5 20 Td (Loan agreement) Tj ET".to_vec(),
        ));
        let field = inc.new_document.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "T" => Object::string_literal("Sneaky"),
            "Rect" => vec![60.into(), 700.into(), 460.into(), 760.into()], "P" => page,
            "AP" => dictionary! { "N" => ap },
        });
        inc.opt_clone_object_to_new_document(page).unwrap();
        let p = inc
            .new_document
            .get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        let mut annots = p.get(b"Annots").unwrap().as_array().unwrap().clone();
        annots.push(Object::Reference(field));
        p.set("Annots", annots);
        let catalog = prev.trailer.get(b"Root").unwrap().as_reference().unwrap();
        inc.opt_clone_object_to_new_document(catalog).unwrap();
        let c = inc
            .new_document
            .get_object_mut(catalog)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        let form = c.get_mut(b"AcroForm").unwrap().as_dict_mut().unwrap();
        form.get_mut(b"Fields")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .push(Object::Reference(field));
    });
    let report = fx.assert_rejected(&attacked, Verdict::ModifiedAfterSigning);
    assert!(
        kinds(&report).contains(&"unsigned_signature_field".to_owned()),
        "{report:#?}"
    );
}

#[test]
fn sneaky_signature_a_later_signature_over_a_changed_page_is_detected() {
    let fx = fixture();
    let ks = keystore(&fx.dir.path().join("attacker"));
    let (attacker, attacker_key) = signer(&ks, "mallory", "Mallory");
    let signed = fx.signed(&sample_pdf(0));
    let changed = update(&signed, |inc| {
        let id = content_id(inc.get_prev_documents());
        inc.new_document.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! {},
                b"BT /F1 14 Tf 72 720 Td (Loan agreement) Tj ET".to_vec(),
            )),
        );
    });
    let attacked = sign(&changed, &attacker_key, &options("Sig2", 500.0));
    let report = verify_trusting(
        &attacked,
        &[
            fx.info.certificate_der.clone(),
            attacker.certificate_der.clone(),
        ],
    );
    assert_eq!(report.verdict, Verdict::ModifiedAfterSigning, "{report:#?}");
    assert_eq!(report.signatures[1].verdict, Some(Verdict::Valid));
    let (ok, text) = pyhanko_validate(
        fx.dir.path(),
        &attacked,
        &[&fx.info.certificate_pem, &attacker.certificate_pem],
    );
    assert!(!ok, "{text}");
}

#[test]
fn the_same_signature_copied_into_a_second_field_is_invalid() {
    let fx = fixture();
    let signed = fx.signed(&sample_pdf(0));
    let attacked = update(&signed, |inc| {
        let prev = inc.get_prev_documents().clone();
        let (field_id, _) = prev
            .objects
            .iter()
            .find(|(_, o)| {
                o.as_dict()
                    .ok()
                    .and_then(|d| d.get(b"FT").ok())
                    .and_then(|f| f.as_name().ok())
                    == Some(b"Sig")
            })
            .unwrap();
        let mut copy = prev
            .get_object(*field_id)
            .unwrap()
            .as_dict()
            .unwrap()
            .clone();
        copy.set("T", Object::string_literal("Copy"));
        let copy_id = inc.new_document.add_object(copy);
        let catalog = prev.trailer.get(b"Root").unwrap().as_reference().unwrap();
        inc.opt_clone_object_to_new_document(catalog).unwrap();
        let c = inc
            .new_document
            .get_object_mut(catalog)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        let form = c.get_mut(b"AcroForm").unwrap().as_dict_mut().unwrap();
        form.get_mut(b"Fields")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .push(Object::Reference(copy_id));
    });
    let report = fx.verify(&attacked);
    assert_ne!(report.verdict, Verdict::Valid, "{report:#?}");
    // Against the unsigned rendering, the refused signature is no longer "just a signature":
    // what it added counts as a change to the base (the analysis runs again after the refusal).
    let base = sample_pdf(0);
    let from_base = verify_from_base(
        &attacked,
        std::slice::from_ref(&fx.info.certificate_der),
        base.len(),
    );
    assert_ne!(from_base.verdict, Verdict::Valid);
    let changes = from_base.base_changes.clone().unwrap();
    assert!(!changes.is_empty(), "{from_base:#?}");
    // The honest file has no base changes at all.
    let honest = verify_from_base(
        &signed,
        std::slice::from_ref(&fx.info.certificate_der),
        base.len(),
    );
    assert_eq!(honest.verdict, Verdict::Valid, "{honest:#?}");
    assert_eq!(honest.base_changes, Some(Vec::new()));
}
