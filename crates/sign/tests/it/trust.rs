//! Issue 12, classes 7–9 on the signing side: trust anchors vouch only within their scope,
//! the CMS must name its own certificate, `/Contents` holds nothing after the CMS, and key
//! files are believed only where they are authenticated.

use kelisim_sign::{
    verify_pdf, KdfParams, KeyInfo, Keystore, NewKey, Subject, TrustAnchor, UnlockedKey, Verdict,
    VerifyOptions, VerifyReport,
};

use crate::common::*;

const NGO_BIN: &str = "211140000425";
const MINISTRY_BIN: &str = "980310005674";

fn ngo_subject(name: &str, bin: &str) -> Subject {
    Subject::new(name, "Директор", "ҚҚ «Қор»").with_bin(bin)
}

/// An organisation CA in `ks` (label `ca`, passphrase `ca pass`) naming `bin`.
fn org_ca(ks: &Keystore, bin: &str) -> KeyInfo {
    let mut ca = NewKey::new("ca", ngo_subject("Қор CA", bin));
    ca.is_ca = true;
    ca.not_before = not_before();
    ca.validity_days = 3650;
    ks.create_key(&ca, &pass("ca pass"), None).unwrap()
}

/// A signer issued by the CA `ca` of `ks`, its subject naming `bin`.
fn issued_signer(ks: &Keystore, label: &str, bin: &str) -> (KeyInfo, UnlockedKey) {
    let mut req = NewKey::new(label, ngo_subject("Т. М. Оспанов", bin));
    req.not_before = not_before();
    req.validity_days = 365;
    let info = ks
        .create_key(&req, &pass("p"), Some(("ca", &pass("ca pass"))))
        .unwrap();
    let key = ks.unlock(label, &pass("p")).unwrap();
    (info, key)
}

fn signed_by(key: &UnlockedKey) -> Vec<u8> {
    sign(&sample_pdf(0), key, &options("Signature1", 100.0))
}

fn verify_with(pdf: &[u8], anchors: &[TrustAnchor]) -> VerifyReport {
    verify_pdf(pdf, &VerifyOptions::trusting(anchors))
}

fn has_problem(report: &VerifyReport, code: &str) -> bool {
    report
        .signatures
        .iter()
        .flat_map(|s| s.problems.iter())
        .any(|p| p.code.as_str() == code)
}

#[test]
fn an_ngo_ca_cannot_vouch_for_a_certificate_claiming_the_ministrys_bin() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let ca = org_ca(&ks, NGO_BIN);
    let anchors = [TrustAnchor::with_default_scope(ca.certificate_der.clone()).unwrap()];
    assert_eq!(
        anchors[0].scope,
        kelisim_sign::TrustScope::Organisations(vec![NGO_BIN.to_owned()])
    );
    // Its own staff: trusted.
    let (_, own) = issued_signer(&ks, "own", NGO_BIN);
    let report = verify_with(&signed_by(&own), &anchors);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    // A certificate it issued claiming the ministry's BIN: intact, but not trusted, and why.
    let (_, forged) = issued_signer(&ks, "forged", MINISTRY_BIN);
    let report = verify_with(&signed_by(&forged), &anchors);
    assert_eq!(report.verdict, Verdict::ValidUntrusted, "{report:#?}");
    assert!(!report.signatures[0].trusted);
    assert!(
        has_problem(&report, "trust_scope_bin_mismatch"),
        "{report:#?}"
    );
    // The same CA explicitly trusted for the ministry's BIN does vouch for it.
    let anchors = [TrustAnchor::for_organisations(
        ca.certificate_der,
        vec![MINISTRY_BIN.to_owned()],
    )];
    assert_eq!(
        verify_with(&signed_by(&forged), &anchors).verdict,
        Verdict::Valid
    );
}

#[test]
fn a_signer_without_a_bin_is_not_trusted_through_an_organisation_ca() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let ca = org_ca(&ks, NGO_BIN);
    let mut req = NewKey::new("nobin", Subject::new("Аноним", "", ""));
    req.not_before = not_before();
    ks.create_key(&req, &pass("p"), Some(("ca", &pass("ca pass"))))
        .unwrap();
    let key = ks.unlock("nobin", &pass("p")).unwrap();
    let anchors = [TrustAnchor::with_default_scope(ca.certificate_der).unwrap()];
    let report = verify_with(&signed_by(&key), &anchors);
    assert_eq!(report.verdict, Verdict::ValidUntrusted);
    assert!(has_problem(&report, "trust_scope_no_bin"), "{report:#?}");
}

#[test]
fn a_ca_trusted_as_this_certificate_vouches_for_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let ca = org_ca(&ks, NGO_BIN);
    let (_, signer) = issued_signer(&ks, "staff", NGO_BIN);
    let anchors = [TrustAnchor::this_certificate(ca.certificate_der.clone())];
    let report = verify_with(&signed_by(&signer), &anchors);
    assert_eq!(report.verdict, Verdict::ValidUntrusted, "{report:#?}");
    assert!(
        has_problem(&report, "trust_scope_this_certificate"),
        "{report:#?}"
    );
    // A signature made with the CA's own certificate is trusted through it.
    let ca_key = ks.unlock("ca", &pass("ca pass")).unwrap();
    assert_eq!(
        verify_with(&signed_by(&ca_key), &anchors).verdict,
        Verdict::Valid
    );
}

/// The `/Contents` of the (only) signature: the offset of its first hex digit and the DER
/// with its zero padding.
fn contents_of(pdf: &[u8]) -> (usize, Vec<u8>) {
    let report = verify_with(pdf, &[]);
    let [_, b, c, _] = report.signatures[0].byte_range.unwrap();
    let (b, c) = (b as usize, c as usize);
    let hex = &pdf[b + 1..c - 1];
    let der = hex
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect();
    (b + 1, der)
}

/// `pdf` with its signature's `/Contents` replaced by `der` (same length).
fn with_contents(pdf: &[u8], at: usize, der: &[u8]) -> Vec<u8> {
    let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
    let mut out = pdf.to_vec();
    out[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    out
}

#[test]
fn bytes_after_the_cms_in_contents_make_the_signature_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (info, key) = signer(&ks, "a", "Signer A");
    let pdf = signed_by(&key);
    let trust = [info.certificate_der];
    assert_eq!(verify_trusting(&pdf, &trust).verdict, Verdict::Valid);
    let (at, mut der) = contents_of(&pdf);
    let last = der.len() - 1;
    assert_eq!(der[last], 0, "the reservation ends with zero padding");
    der[last - 40..last].copy_from_slice(b"hidden data after the CMS structure!!!!!");
    let report = verify_trusting(&with_contents(&pdf, at, &der), &trust);
    assert_eq!(report.verdict, Verdict::Invalid, "{report:#?}");
    assert!(
        has_problem(&report, "contents_trailing_data"),
        "{report:#?}"
    );
}

#[test]
fn a_cms_naming_another_certificate_with_the_same_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (info, key) = signer(&ks, "a", "Signer A");
    let pdf = signed_by(&key);
    let (at, mut der) = contents_of(&pdf);
    // The certificate in the CMS re-attributed: the same key, its subject's name changed
    // (the issuer name, which the SignerInfo points at, is left alone).
    let cert = &info.certificate_der;
    let name = "Signer A".as_bytes();
    let subject_at = cert
        .windows(name.len())
        .enumerate()
        .filter(|(_, w)| *w == name)
        .map(|(i, _)| i)
        .nth(1)
        .expect("the name is in issuer and subject");
    let cert_at = der
        .windows(cert.len())
        .position(|w| w == cert.as_slice())
        .unwrap();
    der[cert_at + subject_at..cert_at + subject_at + name.len()].copy_from_slice(b"Signer Z");
    let report = verify_trusting(&with_contents(&pdf, at, &der), &[]);
    let sig = &report.signatures[0];
    assert!(
        sig.signer_subject.as_deref().unwrap().contains("Signer Z"),
        "{report:#?}"
    );
    assert_eq!(report.verdict, Verdict::Invalid, "{report:#?}");
    assert!(
        has_problem(&report, "signing_certificate_mismatch"),
        "{report:#?}"
    );
}

fn edit_json(path: &std::path::Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut json);
    std::fs::write(path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}

#[test]
fn a_key_files_declared_subject_and_ca_flag_are_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (info, _) = signer(&ks, "a", "Signer A");
    let path = dir.path().join("a.key.json");
    edit_json(&path, |json| {
        json["subject"]["name"] = "Министр".into();
        json["subject"]["bin"] = MINISTRY_BIN.into();
        json["is_ca"] = true.into();
    });
    // Without the passphrase: the certificate's subject and CA flag, not the file's.
    let read = ks.info("a").unwrap();
    assert_eq!(read.subject, info.subject);
    assert_eq!(read.subject.name, "Signer A");
    assert!(!read.is_ca);
    let listed = ks.list().unwrap();
    assert_eq!(listed[0].subject, info.subject);
    assert!(!listed[0].is_ca);
    // With it: the edit breaks the authentication.
    assert_eq!(
        ks.unlock("a", &pass("correct horse")).unwrap_err().code(),
        "wrong_passphrase"
    );
    // A signer edited into a CA cannot issue certificates.
    let mut leaf = NewKey::new("leaf", subject("Leaf"));
    leaf.not_before = not_before();
    let err = ks
        .create_key(&leaf, &pass("p"), Some(("a", &pass("correct horse"))))
        .unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase");
}

#[test]
fn a_key_files_declared_label_is_bound_to_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    signer(&ks, "a", "Signer A");
    let path = dir.path().join("a.key.json");
    edit_json(&path, |json| json["label"] = "minister".into());
    assert_eq!(ks.info("a").unwrap_err().code(), "invalid_key_file");
    assert_eq!(
        ks.unlock("a", &pass("correct horse")).unwrap_err().code(),
        "invalid_key_file"
    );
    assert!(ks.list().unwrap().is_empty());
    // Renamed to the label it claims: the authenticated data no longer matches.
    std::fs::rename(&path, dir.path().join("minister.key.json")).unwrap();
    assert_eq!(
        ks.unlock("minister", &pass("correct horse"))
            .unwrap_err()
            .code(),
        "wrong_passphrase"
    );
}

fn weak() -> KdfParams {
    KdfParams {
        m_cost_kib: 8,
        t_cost: 1,
        p_cost: 1,
    }
}

#[test]
fn a_key_file_with_8_kib_and_one_pass_is_refused_as_kdf_too_weak() {
    let dir = tempfile::tempdir().unwrap();
    // The test-only floor lets such a file be made...
    let cheap = Keystore::open(dir.path())
        .unwrap()
        .with_kdf_params(weak())
        .with_kdf_floor_for_tests();
    signer(&cheap, "weak", "Weak Key");
    // ...but a real keystore neither unlocks it nor makes one.
    let real = Keystore::open(dir.path()).unwrap();
    let err = real.unlock("weak", &pass("correct horse")).unwrap_err();
    assert_eq!(err.code(), "kdf_too_weak", "{err}");
    let err = real
        .export_backup("weak", &pass("correct horse"), &pass("b"))
        .unwrap_err();
    assert_eq!(err.code(), "kdf_too_weak");
    let mut req = NewKey::new("new", subject("New"));
    req.not_before = not_before();
    let err = real
        .clone()
        .with_kdf_params(weak())
        .create_key(&req, &pass("p"), None)
        .unwrap_err();
    assert_eq!(err.code(), "kdf_too_weak");
    // One pass at 64 MiB is refused too (t below 2).
    let one_pass = KdfParams {
        m_cost_kib: 64 * 1024,
        t_cost: 1,
        p_cost: 1,
    };
    let err = real
        .with_kdf_params(one_pass)
        .create_key(&req, &pass("p"), None)
        .unwrap_err();
    assert_eq!(err.code(), "kdf_too_weak");
}

#[test]
fn a_ca_naming_no_bin_is_by_default_trusted_for_its_own_signatures_only() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let mut ca = NewKey::new("ca", Subject::new("Нейтрал CA", "", ""));
    ca.is_ca = true;
    ca.not_before = not_before();
    let ca = ks.create_key(&ca, &pass("ca pass"), None).unwrap();
    let anchors = [TrustAnchor::with_default_scope(ca.certificate_der).unwrap()];
    assert_eq!(anchors[0].scope, kelisim_sign::TrustScope::ThisCertificate);
    let (_, staff) = issued_signer(&ks, "staff", MINISTRY_BIN);
    let report = verify_with(&signed_by(&staff), &anchors);
    assert_eq!(report.verdict, Verdict::ValidUntrusted, "{report:#?}");
    let ca_key = ks.unlock("ca", &pass("ca pass")).unwrap();
    assert_eq!(
        verify_with(&signed_by(&ca_key), &anchors).verdict,
        Verdict::Valid
    );
}
