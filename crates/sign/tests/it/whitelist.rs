//! The holes of the old allow-list (issue 12, classes 1, 2, 4, 5, 6), each made the way an
//! attacker makes it: incremental updates written with lopdf over a really signed PDF.

use kelisim_sign::{
    verify_pdf, KeyInfo, SignaturePlace, UnlockedKey, Verdict, VerifyOptions, VerifyReport,
};
use lopdf::{dictionary, Document, IncrementalDocument, Object, ObjectId, Stream};

use crate::common::*;

struct Party {
    _dir: tempfile::TempDir,
    info: KeyInfo,
    key: UnlockedKey,
    other: KeyInfo,
    other_key: UnlockedKey,
}

fn party() -> Party {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("keys"));
    let (info, key) = signer(&ks, "victim", "Айгүл Сейітова");
    let (other, other_key) = signer(&ks, "other", "Иван Петров");
    Party {
        _dir: dir,
        info,
        key,
        other,
        other_key,
    }
}

impl Party {
    fn trust(&self) -> Vec<Vec<u8>> {
        vec![
            self.info.certificate_der.clone(),
            self.other.certificate_der.clone(),
        ]
    }
    fn verify(&self, pdf: &[u8]) -> VerifyReport {
        verify_trusting(pdf, &self.trust())
    }
    fn verify_with(
        &self,
        pdf: &[u8],
        base_len: Option<usize>,
        places: Option<&[SignaturePlace]>,
    ) -> VerifyReport {
        let anchors = anchors(&self.trust());
        let options = VerifyOptions {
            base_len,
            places,
            ..VerifyOptions::trusting(&anchors)
        };
        verify_pdf(pdf, &options)
    }
}

fn kinds(report: &VerifyReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .signatures
        .iter()
        .flat_map(|s| s.modifications.iter().map(|m| m.kind.clone()))
        .collect();
    out.extend(report.base_changes.iter().flatten().map(|m| m.kind.clone()));
    out
}

/// The verdict is not valid and the modifications name `kind`.
fn assert_refused(report: &VerifyReport, kind: &str) {
    assert_ne!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_ne!(report.verdict.exit_code(), 0);
    assert!(
        kinds(report).iter().any(|k| k == kind),
        "no {kind}: {report:#?}"
    );
}

fn catalog(doc: &Document) -> ObjectId {
    doc.trailer.get(b"Root").unwrap().as_reference().unwrap()
}

fn content_id(doc: &Document) -> ObjectId {
    let page = doc.get_object(first_page(doc)).unwrap().as_dict().unwrap();
    page.get(b"Contents").unwrap().as_reference().unwrap()
}

/// Replaces the page's text: the clause the attacker wants changed.
fn rewrite_clause(inc: &mut IncrementalDocument) {
    let id = content_id(inc.get_prev_documents());
    inc.new_document.objects.insert(
        id,
        Object::Stream(Stream::new(
            dictionary! {},
            b"BT /F1 14 Tf 72 720 Td (Loan agreement: 1,000,000 KZT) Tj ET".to_vec(),
        )),
    );
}

/// The dictionary of `id` in the update, cloned from the previous revision first.
fn edit(inc: &mut IncrementalDocument, id: ObjectId) -> &mut lopdf::Dictionary {
    inc.opt_clone_object_to_new_document(id).unwrap();
    inc.new_document
        .get_object_mut(id)
        .unwrap()
        .as_dict_mut()
        .unwrap()
}

/// An opaque appearance drawing the forged clause.
fn overlay(inc: &mut IncrementalDocument) -> ObjectId {
    inc.new_document.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 400.into(), 60.into()] },
        b"q 1 1 1 rg 0 0 400 60 re f Q BT /Helvetica 20 Tf 5 20 Td (Loan agreement) Tj ET".to_vec(),
    ))
}

/// Appends `annot` to the first page's `/Annots` (and to the AcroForm's `/Fields` when
/// `field`).
fn attach(inc: &mut IncrementalDocument, annot: Object, field: bool) {
    let prev = inc.get_prev_documents().clone();
    let page = first_page(&prev);
    let p = edit(inc, page);
    let mut annots = p
        .get(b"Annots")
        .ok()
        .and_then(|a| a.as_array().ok())
        .cloned()
        .unwrap_or_default();
    annots.push(annot.clone());
    p.set("Annots", annots);
    if field {
        let c = edit(inc, catalog(&prev));
        let form = c.get_mut(b"AcroForm").unwrap().as_dict_mut().unwrap();
        form.get_mut(b"Fields")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .push(annot);
    }
}

/// A prepared (unsigned) document: `f` changes the sample PDF before anyone signs.
fn prepared(f: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(&sample_pdf(0)).unwrap();
    f(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn info_pointed_at_the_page_content_does_not_exempt_it() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let attacked = update(&signed, |inc| {
        let content = content_id(inc.get_prev_documents());
        inc.new_document.trailer.set("Info", content);
        rewrite_clause(inc);
    });
    let report = p.verify(&attacked);
    assert_refused(&report, "page_content_changed");
    assert_refused(&report, "info_changed");
}

#[test]
fn info_naming_the_content_before_signing_does_not_exempt_it() {
    let p = party();
    let pdf = prepared(|doc| {
        let content = content_id(doc);
        doc.trailer.set("Info", content);
    });
    let signed = sign(&pdf, &p.key, &options("Sig1", 600.0));
    let attacked = update(&signed, rewrite_clause);
    assert_refused(&p.verify(&attacked), "page_content_changed");
}

#[test]
fn a_direct_dictionary_in_annots_or_fields_is_refused() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let free_text = || {
        Object::Dictionary(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText",
            "Rect" => vec![60.into(), 700.into(), 400.into(), 740.into()],
            "Contents" => Object::string_literal("Loan agreement"),
            "DA" => Object::string_literal("/Helv 24 Tf 0 g"),
        })
    };
    let in_annots = update(&signed, |inc| attach(inc, free_text(), false));
    assert_refused(&p.verify(&in_annots), "direct_dictionary");
    let in_both = update(&signed, |inc| attach(inc, free_text(), true));
    assert_refused(&p.verify(&in_both), "direct_dictionary");
}

/// An unsigned signature widget with an opaque appearance, shaped by `shape`.
fn unsigned_widget(
    signed: &[u8],
    shape: impl FnOnce(&mut IncrementalDocument, &mut lopdf::Dictionary),
) -> Vec<u8> {
    update(signed, |inc| {
        let page = first_page(inc.get_prev_documents());
        let ap = overlay(inc);
        let mut widget = dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "T" => Object::string_literal("Sneaky"),
            "Rect" => vec![60.into(), 700.into(), 460.into(), 760.into()], "P" => page,
            "AP" => dictionary! { "N" => ap },
        };
        shape(inc, &mut widget);
        let id = inc.new_document.add_object(widget);
        attach(inc, Object::Reference(id), true);
    })
}

#[test]
fn a_rect_of_references_does_not_make_a_widget_invisible() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let attacked = unsigned_widget(&signed, |inc, w| {
        let numbers: Vec<Object> = [60, 700, 460, 760]
            .into_iter()
            .map(|n| Object::Reference(inc.new_document.add_object(Object::Integer(n))))
            .collect();
        w.set("Rect", numbers);
    });
    assert_refused(&p.verify(&attacked), "signature_widget_malformed");
}

#[test]
fn noview_and_print_flags_do_not_make_a_widget_invisible() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    // NoView (32) + Print (4): not on screen, but on paper.
    let attacked = unsigned_widget(&signed, |_, w| w.set("F", 36));
    assert_refused(&p.verify(&attacked), "unsigned_signature_field");
}

/// An update planting an opaque signature widget whose `/V` is `sig`, only in `/Annots`.
fn plant(pdf: &[u8], sig: ObjectId) -> Vec<u8> {
    update(pdf, |inc| {
        let page = first_page(inc.get_prev_documents());
        let ap = overlay(inc);
        let widget = inc.new_document.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "T" => Object::string_literal("Planted"),
            "Rect" => vec![60.into(), 700.into(), 460.into(), 760.into()], "P" => page, "F" => 4,
            "V" => Object::Reference(sig), "AP" => dictionary! { "N" => ap },
        });
        attach(inc, Object::Reference(widget), false);
    })
}

/// `pdf` with a widget planted for the signature `key` then makes with `opts` (its object
/// number found by a first try), and that signature.
fn plant_and_sign(pdf: &[u8], key: &UnlockedKey, opts: &kelisim_sign::SignOptions) -> Vec<u8> {
    let probe = sign(&plant(pdf, (1, 0)), key, opts);
    let doc = Document::load_mem(&probe).unwrap();
    let sig = doc
        .objects
        .iter()
        .find_map(|(_, o)| {
            let d = o.as_dict().ok()?;
            (d.get(b"T").ok()? == &Object::string_literal(opts.field_name.as_str()))
                .then(|| d.get(b"V").unwrap().as_reference().unwrap())
        })
        .unwrap();
    let out = sign(&plant(pdf, sig), key, opts);
    let widget_v = Document::load_mem(&out).unwrap();
    assert!(widget_v
        .get_object(sig)
        .unwrap()
        .as_dict()
        .unwrap()
        .has(b"ByteRange"));
    out
}

#[test]
fn a_second_widget_for_a_later_signature_is_refused() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    // The second signer first plants a widget whose /V is its signature-to-be, only in
    // /Annots, then signs as usual.
    let twice = plant_and_sign(&signed, &p.other_key, &options("Sig2", 500.0));
    let report = p.verify(&twice);
    assert_eq!(report.signatures.len(), 2, "{report:#?}");
    assert_eq!(
        report.signatures[1].verdict,
        Some(Verdict::Valid),
        "{report:#?}"
    );
    assert_refused(&report, "signature_widget_malformed");
}

#[test]
fn a_visible_widget_outside_its_reserved_place_is_refused() {
    let p = party();
    let base = sample_pdf(0);
    let signed = sign(&base, &p.key, &options("Sig1", 600.0));
    let place = |name: &str, y: f32| SignaturePlace {
        field_name: Some(name.to_owned()),
        page: 0,
        rect: [50.0, y, 270.0, y + 60.0],
    };
    // In its place: valid.
    let good = [place("Sig1", 600.0)];
    let report = p.verify_with(&signed, Some(base.len()), Some(&good));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_eq!(report.base_changes, Some(Vec::new()));
    // Elsewhere, or in another party's place: refused, and the verdict says so.
    for places in [[place("Sig1", 300.0)], [place("Other", 600.0)]] {
        let report = p.verify_with(&signed, Some(base.len()), Some(&places));
        assert_eq!(report.verdict, Verdict::ModifiedAfterSigning, "{report:#?}");
        assert_refused(&report, "visible_signature_outside_place");
    }
    // A later signer outside the places, and one taking a place that is held already.
    let twice = sign(&signed, &p.other_key, &options("Sig2", 400.0));
    let report = p.verify_with(&twice, None, Some(&good));
    assert_refused(&report, "visible_signature_outside_place");
    let mut taken = options("Sig2", 600.0);
    taken.rect = [60.0, 610.0, 260.0, 650.0];
    let places = [SignaturePlace {
        field_name: None,
        ..place("", 600.0)
    }];
    let report = p.verify_with(&sign(&signed, &p.other_key, &taken), None, Some(&places));
    assert_refused(&report, "signature_place_taken");
}

#[test]
fn a_widget_planted_before_the_first_signature_lowers_the_base_verdict() {
    let p = party();
    let base = sample_pdf(0);
    // Planted between the rendering and the first signature, with /V naming that signature.
    let signed = plant_and_sign(&base, &p.key, &options("Sig1", 600.0));
    let report = p.verify_with(&signed, Some(base.len()), None);
    assert_eq!(
        report.signatures[0].verdict,
        Some(Verdict::Valid),
        "{report:#?}"
    );
    assert!(
        !report.base_changes.clone().unwrap().is_empty(),
        "{report:#?}"
    );
    assert_eq!(report.verdict, Verdict::ModifiedAfterSigning, "{report:#?}");
}

#[test]
fn objects_named_by_dss_extensions_perms_or_metadata_are_compared() {
    let p = party();
    for key in ["DSS", "Extensions", "Perms", "Metadata"] {
        let pdf = prepared(|doc| {
            let content = content_id(doc);
            if key == "Metadata" {
                let s = doc
                    .get_object_mut(content)
                    .unwrap()
                    .as_stream_mut()
                    .unwrap();
                s.dict.set("Type", "Metadata");
                s.dict.set("Subtype", "XML");
            }
            let c = catalog(doc);
            doc.get_object_mut(c)
                .unwrap()
                .as_dict_mut()
                .unwrap()
                .set(key, content);
        });
        let signed = sign(&pdf, &p.key, &options("Sig1", 600.0));
        let attacked = update(&signed, |inc| {
            let id = content_id(inc.get_prev_documents());
            let mut s = inc
                .get_prev_documents()
                .get_object(id)
                .unwrap()
                .as_stream()
                .unwrap()
                .clone();
            s.set_plain_content(b"BT /F1 14 Tf 72 720 Td (Loan agreement) Tj ET".to_vec());
            inc.new_document.objects.insert(id, Object::Stream(s));
        });
        let report = p.verify(&attacked);
        assert_refused(&report, "page_content_changed");
    }
}

#[test]
fn an_appearance_a_later_signer_planted_may_not_change_afterwards() {
    let p = party();
    let once = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let twice = sign(&once, &p.other_key, &options("Sig2", 400.0));
    assert_eq!(p.verify(&twice).verdict, Verdict::Valid);
    // The second signer's appearance is redrawn as an opaque forged clause.
    let attacked = update(&twice, |inc| {
        let prev = inc.get_prev_documents().clone();
        let ap = prev
            .objects
            .iter()
            .filter_map(|(id, o)| {
                let d = o.as_dict().ok()?;
                (d.get(b"T").ok()? == &Object::string_literal("Sig2")).then_some(*id)
            })
            .map(|w| {
                let d = prev.get_object(w).unwrap().as_dict().unwrap();
                let ap = d.get(b"AP").unwrap().as_dict().unwrap();
                ap.get(b"N").unwrap().as_reference().unwrap()
            })
            .next()
            .unwrap();
        let mut s = prev.get_object(ap).unwrap().as_stream().unwrap().clone();
        s.set_plain_content(
            b"q 1 1 1 rg 0 0 220 60 re f Q BT /F1 14 Tf 5 20 Td (Loan agreement) Tj ET".to_vec(),
        );
        inc.new_document.objects.insert(ap, Object::Stream(s));
    });
    let report = p.verify(&attacked);
    // The first signer's signature is not shown as untouched.
    assert!(
        report.signatures[0]
            .modifications
            .iter()
            .any(|m| m.kind == "object_changed"),
        "{report:#?}"
    );
    assert_ne!(report.verdict, Verdict::Valid);
}

#[test]
fn catalog_permissions_and_extensions_added_later_are_refused() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let perms = update(&signed, |inc| {
        let c = catalog(inc.get_prev_documents());
        edit(inc, c).set("Perms", dictionary! { "UR3" => Object::Null });
    });
    assert_refused(&p.verify(&perms), "certification_changed");
    let extensions = update(&signed, |inc| {
        let c = catalog(inc.get_prev_documents());
        edit(inc, c).set(
            "Extensions",
            dictionary! { "ADBE" => dictionary! { "BaseVersion" => "1.7", "ExtensionLevel" => 3 } },
        );
    });
    assert_refused(&p.verify(&extensions), "extensions_changed");
}

#[test]
fn an_orphan_object_added_after_signing_is_reported() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let attacked = update(&signed, |inc| {
        overlay(inc);
    });
    assert_refused(&p.verify(&attacked), "unaccounted_object");
}

fn golden(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden")
        .join(name);
    std::fs::read(path).unwrap()
}

#[test]
fn the_golden_two_party_pdf_passes_the_whitelist_against_its_rendering_and_places() {
    let pdf = golden("signed-two-parties.pdf");
    let base = golden("memorandum.pdf");
    assert!(pdf.starts_with(&base));
    let trust: Vec<Vec<u8>> = ["ministry.pem", "fund.pem"]
        .iter()
        .map(|name| {
            let pem = String::from_utf8(golden(name)).unwrap();
            let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
        })
        .collect();
    let anchors = anchors(&trust);
    let place = |name: &str, rect: [f32; 4]| SignaturePlace {
        field_name: Some(name.to_owned()),
        page: 0,
        rect,
    };
    let places = [
        place(
            "kelisim:ministry:minister",
            [70.86614, 261.83478, 240.94489, 324.19696],
        ),
        place(
            "kelisim:fund:director",
            [320.31717, 261.83478, 490.39594, 324.19696],
        ),
    ];
    let options = VerifyOptions {
        base_len: Some(base.len()),
        places: Some(&places),
        ..VerifyOptions::trusting(&anchors)
    };
    let report = verify_pdf(&pdf, &options);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_eq!(report.base_changes, Some(Vec::new()));
    // The places swapped between the parties: both widgets are out of place.
    let swapped = [
        place("kelisim:fund:director", places[0].rect),
        place("kelisim:ministry:minister", places[1].rect),
    ];
    let report = verify_pdf(
        &pdf,
        &VerifyOptions {
            places: Some(&swapped),
            ..options
        },
    );
    assert_refused(&report, "visible_signature_outside_place");
}

#[test]
fn a_zero_size_sig_field_that_is_not_a_widget_is_refused() {
    let p = party();
    let signed = sign(&sample_pdf(0), &p.key, &options("Sig1", 600.0));
    let attacked = unsigned_widget(&signed, |_, w| {
        w.set("Subtype", "Stamp");
        w.set("Rect", vec![0.into(), 0.into(), 0.into(), 0.into()]);
    });
    assert_refused(&p.verify(&attacked), "annotation_added");
}

#[test]
fn the_certifier_lays_out_empty_fields_only_in_reserved_places() {
    let p = party();
    let base = sample_pdf(0);
    let mut certify = options("Cert", 600.0);
    certify.certify = true;
    certify.empty_fields = vec![kelisim_sign::EmptyField {
        name: "Approval".into(),
        page: 1,
        rect: [50.0, 100.0, 270.0, 160.0],
    }];
    let certified = sign(&base, &p.key, &certify);
    let place = |name: &str, y: f32| SignaturePlace {
        field_name: Some(name.to_owned()),
        page: 0,
        rect: [50.0, y, 270.0, y + 60.0],
    };
    let right = [place("Cert", 600.0), place("Approval", 100.0)];
    let report = p.verify_with(&certified, Some(base.len()), Some(&right));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let wrong = [place("Cert", 600.0), place("Approval", 400.0)];
    let report = p.verify_with(&certified, Some(base.len()), Some(&wrong));
    assert_eq!(report.verdict, Verdict::ModifiedAfterSigning, "{report:#?}");
    assert_refused(&report, "visible_signature_outside_place");
    // The approver fills the field: valid in its place, with or without the places.
    let approved = sign(&certified, &p.other_key, &options("Approval", 0.0));
    let report = p.verify_with(&approved, Some(base.len()), Some(&right));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_eq!(p.verify(&approved).verdict, Verdict::Valid);
}
