//! The Kazakh interface shows no English sentence: a bad document's real validation (problems
//! of many kinds), its refused import, a really refused signature and the verification of a
//! really tampered PDF (findings of the file and of its signature, changes after signing, the
//! pages no longer what was agreed), as the DTOs carry them, read in kk have no run of three
//! ASCII words outside their paths, codes and values. The same DTOs are written to
//! `ui/src/lib/components/fixtures/rust-messages.json`, which the UI's unit test mounts in the
//! Kazakh error banner, problem list and verification view; this test fails when that file is
//! stale (`UPDATE_FIXTURES=1` rewrites it).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::path::Path;

use kelisim_app::{
    AgreementStatus, ApiError, FindingDto, Kelisim, LocalizedDto, ProblemDto, VerdictDto,
    VerificationDto,
};
use lopdf::{dictionary, Document, IncrementalDocument, Object, Stream};
use serde_json::{json, Value};

mod common;
use common::{approved_then_signed, Holder, EXAMPLE, MINISTER};

const FIXTURE: &str = "../../ui/src/lib/components/fixtures/rust-messages.json";

/// The example with one mistake of each kind a user makes.
fn bad_document() -> String {
    let mut doc: Value = serde_json::from_str(EXAMPLE).unwrap();
    doc["layout"] = json!("columns"); // unknown_layout
    doc["date"] = json!("2026-02-30"); // bad_date
    doc["title"]["ru"] = json!("  "); // empty_text
    doc["parties"][0]["bin"] = json!("980310005675"); // bad_bin
    doc["parties"][1]["id"] = doc["parties"][0]["id"].clone(); // duplicate_id
    doc["parties"][0]["phone"] = json!("+7 7172 000000"); // unknown_field
    let clause = &mut doc["sections"][0]["clauses"][0]["text"];
    clause.as_object_mut().unwrap().remove("ru"); // missing_translation
    clause["kk"] = json!("Тараптар {{forum}} өткізеді."); // unknown_variable
    serde_json::to_string_pretty(&doc).unwrap()
}

/// A real refusal: a key whose holder is not a signatory of the approved memorandum.
async fn refused_signature(data: &Path) -> ApiError {
    let stranger = Holder {
        label: "stranger",
        name: "Б. Б. Бөгде",
        position: "Кеңесші",
        organisation: "Бөгде серіктестігі",
        bin: "211140000425",
    };
    let (app, _, signed) = approved_then_signed(data, &stranger).await;
    app.close().await;
    signed.unwrap_err().to_api()
}

/// The memorandum approved and signed (and so certified) by its minister on one installation:
/// the signed PDF.
async fn signed_pdf(data: &Path) -> Vec<u8> {
    let (app, id, signed) = approved_then_signed(data, &MINISTER).await;
    signed.unwrap();
    let pdf = app.latest_pdf(id).await.unwrap();
    app.close().await;
    pdf
}

/// The signed PDF as someone without the key changes it: the signing date in the signature
/// dictionary moved back to 2001 (the signed bytes no longer match, and the date is before the
/// certificate), then an update that rewrites page 1 and adds a note on it.
fn tampered(pdf: &[u8]) -> Vec<u8> {
    let mut pdf = pdf.to_vec();
    let at = pdf
        .windows(5)
        .rposition(|w| w == b"/M(D:")
        .expect("the signature's /M");
    let year = at + 5..at + 9;
    assert!(pdf[year.clone()].iter().all(u8::is_ascii_digit));
    pdf[year].copy_from_slice(b"2001");
    let prev = Document::load_mem(&pdf).unwrap();
    let page = *prev.get_pages().get(&1).unwrap();
    let mut inc = IncrementalDocument::create_from(pdf.clone(), prev);
    let clause = inc.new_document.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 11 Tf 72 700 Td (2.1. The Fund bears every cost.) Tj ET".to_vec(),
    ));
    let note = inc.new_document.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Text",
        "Rect" => vec![10.into(), 10.into(), 30.into(), 30.into()],
        "Contents" => Object::string_literal("void"),
    });
    inc.opt_clone_object_to_new_document(page).unwrap();
    let dict = inc
        .new_document
        .get_object_mut(page)
        .unwrap()
        .as_dict_mut()
        .unwrap();
    dict.set("Contents", Object::Reference(clause));
    let mut annots = dict
        .get(b"Annots")
        .ok()
        .and_then(|a| a.as_array().ok())
        .cloned()
        .unwrap_or_default();
    annots.push(Object::Reference(note));
    dict.set("Annots", annots);
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    out
}

/// The tampered PDF verified on another installation (which does not know the signer).
async fn tampered_verification(root: &Path) -> VerificationDto {
    let pdf = tampered(&signed_pdf(&root.join("ministry")).await);
    let app = Kelisim::open(&root.join("archivist")).await.unwrap();
    let report = app.verify_pdf(&pdf, &[]).await.unwrap();
    app.close().await;
    report
}

fn check_text(what: &str, text: &LocalizedDto, keep: &[&str]) {
    let runs = english_runs(&text.kk, keep);
    assert!(runs.is_empty(), "{what}: {runs:?} in {:?}", text.kk);
    assert_ne!(text.kk, text.en, "{what}");
    assert_ne!(text.ru, text.en, "{what}");
}

fn check_finding(f: &FindingDto) {
    let mut keep: Vec<&str> = f.params.values().map(String::as_str).collect();
    keep.push(f.code.as_str());
    check_text(&f.code, &f.text, &keep);
}

/// Every sentence of the verification reads in Kazakh.
fn check_verification(v: &VerificationDto) {
    v.problems.iter().for_each(check_finding);
    for s in &v.signatures {
        s.problems.iter().for_each(check_finding);
        for m in &s.modifications {
            let keep = [m.object.as_deref().unwrap_or(""), m.kind.as_str()];
            check_text(&m.kind, &m.text, &keep);
        }
    }
    let a = &v.agreement;
    let mut keep: Vec<&str> = a.params.values().map(String::as_str).collect();
    keep.push(a.code.as_str());
    check_text(&a.code, &a.text, &keep);
}

/// Words of ASCII letters only (punctuation around them aside), after removing `keep`.
fn english_runs(text: &str, keep: &[&str]) -> Vec<String> {
    let mut rest = text.to_owned();
    let mut keep: Vec<&str> = keep.iter().copied().filter(|k| !k.is_empty()).collect();
    keep.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for k in keep {
        rest = rest.replace(k, " ");
    }
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for word in rest.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(bare);
            continue;
        }
        if run.len() >= 3 {
            runs.push(run.join(" "));
        }
        run.clear();
    }
    if run.len() >= 3 {
        runs.push(run.join(" "));
    }
    runs
}

fn check_problem(p: &ProblemDto) {
    let mut keep: Vec<&str> = p.params.values().map(String::as_str).collect();
    keep.extend([p.path.as_str(), p.code.as_str()]);
    let runs = english_runs(&p.text.kk, &keep);
    assert!(runs.is_empty(), "{}: {:?} in {:?}", p.code, runs, p.text.kk);
    assert_ne!(p.text.kk, p.text.en, "{}", p.code);
}

fn check_error(e: &ApiError) {
    let mut keep: Vec<&str> = e.params.values().map(String::as_str).collect();
    keep.push(e.code.as_str());
    let runs = english_runs(&e.text.kk, &keep);
    assert!(
        runs.is_empty(),
        "{}: {:?} in {:?}",
        e.reason,
        runs,
        e.text.kk
    );
    e.problems.iter().for_each(check_problem);
}

#[tokio::test]
async fn the_kazakh_interface_shows_no_english_sentence() {
    let report = kelisim_app::validate_text(&bad_document());
    let kinds: BTreeSet<&str> = report.problems.iter().map(|p| p.code.as_str()).collect();
    assert!(kinds.len() >= 6, "only {kinds:?}");
    report.problems.iter().for_each(check_problem);

    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    let invalid = app
        .import(&bad_document(), "bad")
        .await
        .unwrap_err()
        .to_api();
    app.close().await;
    assert_eq!(invalid.problems.len(), report.problems.len());
    check_error(&invalid);

    let signing = tempfile::tempdir().unwrap();
    let refused = refused_signature(signing.path()).await;
    assert_eq!(refused.reason, "not_a_signatory", "{refused:?}");
    assert!(
        refused.text.kk.contains("қол қоюшы емес"),
        "{}",
        refused.text.kk
    );
    check_error(&refused);

    let root = tempfile::tempdir().unwrap();
    let verification = tampered_verification(root.path()).await;
    assert_eq!(
        verification.verdict,
        VerdictDto::Invalid,
        "{verification:#?}"
    );
    assert_eq!(verification.agreement.status, AgreementStatus::Differs);
    assert_eq!(verification.agreement.code, "agreement_changed_after");
    let signature = &verification.signatures[0];
    let codes: BTreeSet<&str> = signature.problems.iter().map(|p| p.code.as_str()).collect();
    for code in [
        "digest_mismatch",
        "certificate_not_valid_at_signing_time",
        "trust_no_path",
    ] {
        assert!(codes.contains(code), "{code} not in {codes:?}");
    }
    let kinds: BTreeSet<&str> = signature
        .modifications
        .iter()
        .map(|m| m.kind.as_str())
        .collect();
    assert!(kinds.len() >= 2, "{kinds:?}");
    assert!(
        verification
            .problems
            .iter()
            .any(|p| p.code == "changed_after_rendering"),
        "{:?}",
        verification.problems
    );
    check_verification(&verification);

    // A fresh key and the clock each run: what changes is left out of the fixture.
    let mut verification = serde_json::to_value(&verification).unwrap();
    for s in verification["signatures"].as_array_mut().unwrap() {
        s["fingerprint"] = json!(
            "3F2A 9C01 5D77 E0B4 1C88 A6F2 09D3 7E15 B2C4 6A90 F1E8 3D27 8B5C 04AF 9E61 D2B3"
        );
        assert!(s["signedAt"].as_str().unwrap().starts_with("2001-"), "{s}");
        s["signedAt"] = json!("2001-01-01T10:00:00Z");
    }
    let fixture = json!({
        "problems": report.problems,
        "validationError": invalid,
        "refusedSignature": refused,
        "verification": verification,
    });
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: run UPDATE_FIXTURES=1 cargo test -p kelisim-app --test messages",
        path.display()
    );
}

#[test]
fn a_run_of_three_english_words_is_found_and_values_are_not() {
    assert_eq!(
        english_runs("«x» is not allowed here", &["x"]),
        vec!["is not allowed here"]
    );
    assert!(english_runs("Kelisim «a b c» қолдамайды", &["a b c"]).is_empty());
    assert!(english_runs("state_body, ngo, company", &[]).is_empty());
}
