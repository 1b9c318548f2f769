//! Signing, checked by our verifier and by pyHanko.

use kelisim_sign::Verdict;

use crate::common::*;

#[test]
fn one_signature_is_valid_for_us_and_for_pyhanko() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("keys"));
    let (info, key) = signer(&ks, "aigul", "Айгүл Сейітова");
    let pdf = sample_pdf(0);
    let signed = sign(&pdf, &key, &options("Sig1", 600.0));
    let report = verify_trusting(&signed, std::slice::from_ref(&info.certificate_der));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let (ok, text) = pyhanko_validate(dir.path(), &signed, &[&info.certificate_pem]);
    assert!(ok && text.contains("VALID"), "{text}");
}

#[test]
fn two_signers_in_turn_are_both_valid() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Айгүл Сейітова");
    let (b, kb) = signer(&ks, "b", "Иван Петров");
    let once = sign(&sample_pdf(0), &ka, &options("Sig1", 600.0));
    let twice = sign(&once, &kb, &options("Sig2", 500.0));
    let trust = [a.certificate_der.clone(), b.certificate_der.clone()];
    let report = verify_trusting(&twice, &trust);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_eq!(report.signatures.len(), 2);
    assert!(!report.signatures[0].covers_whole_file);
    assert!(report.signatures[1].covers_whole_file);
    assert_eq!(
        report.signatures[0].signer_fingerprint.as_deref(),
        Some(a.fingerprint.as_str())
    );
    // Only one signer trusted: valid but untrusted, exit code 4.
    let partial = verify_trusting(&twice, &trust[..1]);
    assert_eq!(partial.verdict, Verdict::ValidUntrusted);
    assert_eq!(partial.verdict.exit_code(), 4);
    let (ok, text) = pyhanko_validate(
        dir.path(),
        &twice,
        &[&a.certificate_pem, &b.certificate_pem],
    );
    assert!(ok && text.matches(":VALID").count() == 2, "{text}");
}

#[test]
fn certification_then_approval_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Certifier");
    let (b, kb) = signer(&ks, "b", "Approver");
    let mut certify = options("Cert", 600.0);
    certify.certify = true;
    certify.empty_fields = vec![kelisim_sign::EmptyField {
        name: "Approval".into(),
        page: 1,
        rect: [50.0, 500.0, 270.0, 560.0],
    }];
    let once = sign(&sample_pdf(0), &ka, &certify);
    let twice = sign(&once, &kb, &options("Approval", 0.0));
    let report = verify_trusting(
        &twice,
        &[a.certificate_der.clone(), b.certificate_der.clone()],
    );
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert_eq!(report.signatures[0].certification, Some(2));
    // Certifying twice is refused.
    certify.empty_fields.clear();
    certify.field_name = "Cert2".into();
    let err = kelisim_sign::sign_pdf(&once, &kb, &certify).unwrap_err();
    assert_eq!(err.code(), "invalid_sign_options");
    let (ok, text) = pyhanko_validate(
        dir.path(),
        &twice,
        &[&a.certificate_pem, &b.certificate_pem],
    );
    assert!(ok && text.matches(":VALID").count() == 2, "{text}");
}

#[test]
fn a_certificate_issued_by_an_organisation_ca_is_trusted_through_the_ca() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let mut ca = kelisim_sign::NewKey::new("org-ca", subject("ҚОҒ «Мысал» CA"));
    ca.is_ca = true;
    ca.not_before = not_before();
    ca.validity_days = 3650;
    let ca_info = ks.create_key(&ca, &pass("ca pass"), None).unwrap();
    let mut leaf = kelisim_sign::NewKey::new("leaf", subject("Айгүл Сейітова"));
    leaf.not_before = not_before();
    ks.create_key(&leaf, &pass("p"), Some(("org-ca", &pass("ca pass"))))
        .unwrap();
    let key = ks.unlock("leaf", &pass("p")).unwrap();
    let signed = sign(&sample_pdf(0), &key, &options("Sig1", 600.0));
    let report = verify_trusting(&signed, std::slice::from_ref(&ca_info.certificate_der));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let (ok, text) = pyhanko_validate(dir.path(), &signed, &[&ca_info.certificate_pem]);
    assert!(ok && text.contains(":VALID"), "{text}");
    // An unrelated CA is not a path.
    let mut other = kelisim_sign::NewKey::new("other-ca", subject("Other CA"));
    other.is_ca = true;
    other.not_before = not_before();
    let other = ks.create_key(&other, &pass("o"), None).unwrap();
    assert_eq!(
        verify_trusting(&signed, &[other.certificate_der]).verdict,
        Verdict::ValidUntrusted
    );
}

#[test]
fn a_signing_time_outside_the_certificate_validity_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Signer");
    let mut opts = options("Sig1", 600.0);
    opts.signing_time = not_before() - time::Duration::days(30);
    let signed = sign(&sample_pdf(0), &ka, &opts);
    let report = verify_trusting(&signed, &[a.certificate_der]);
    assert_eq!(report.verdict, Verdict::Invalid);
    assert!(!report.signatures[0].certificate_valid_at_signing_time);
}

#[test]
fn bad_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (_, ka) = signer(&ks, "a", "Signer");
    let pdf = sample_pdf(0);
    let mut opts = options("Sig1", 600.0);
    opts.page = 2;
    assert_eq!(
        kelisim_sign::sign_pdf(&pdf, &ka, &opts).unwrap_err().code(),
        "invalid_sign_options"
    );
    let once = sign(&pdf, &ka, &options("Sig1", 600.0));
    assert_eq!(
        kelisim_sign::sign_pdf(&once, &ka, &options("Sig1", 500.0))
            .unwrap_err()
            .code(),
        "invalid_sign_options"
    );
    assert_eq!(
        kelisim_sign::sign_pdf(b"not a pdf", &ka, &options("S", 1.0))
            .unwrap_err()
            .code(),
        "invalid_pdf"
    );
}

#[test]
fn a_signature_prepared_for_one_certificate_is_signed_by_that_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Signer A");
    let (_, kb) = signer(&ks, "b", "Signer B");
    let pdf = sample_pdf(0);
    let opts = options("Sig1", 600.0);
    let wrong = kelisim_sign::prepare_signature(&pdf, &a, &opts).unwrap();
    assert_eq!(wrong.sign(&kb).unwrap_err().code(), "invalid_sign_options");
    // Prepared from the certificate alone, signed once the key is unlocked: the same
    // signature sign_pdf makes, valid and trusted.
    let signed = kelisim_sign::prepare_signature(&pdf, &a, &opts)
        .unwrap()
        .sign(&ka)
        .unwrap();
    assert!(signed.starts_with(&pdf));
    let report = verify_trusting(&signed, &[a.certificate_der]);
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.problems);
}

#[test]
fn an_invisible_signature_and_text_extraction_work() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Signer");
    let mut opts = options("Hidden", 0.0);
    opts.rect = [0.0, 0.0, 0.0, 0.0];
    let signed = sign(&sample_pdf(0), &ka, &opts);
    assert_eq!(
        verify_trusting(&signed, &[a.certificate_der]).verdict,
        Verdict::Valid
    );
    // The visible appearance's Kazakh text extracts (ToUnicode is right).
    let visible = sign(&sample_pdf(0), &ka, &options("Sig1", 600.0));
    let path = dir.path().join("visible.pdf");
    std::fs::write(&path, &visible).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output();
    if let Ok(out) = out {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Айгүл Сейітова"), "{text}");
    }
}

#[test]
fn a_new_visible_signature_after_certification_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Certifier");
    let (b, kb) = signer(&ks, "b", "Approver");
    let mut certify = options("Cert", 600.0);
    certify.certify = true;
    let once = sign(&sample_pdf(0), &ka, &certify);
    let twice = sign(&once, &kb, &options("Sneaky", 500.0));
    let report = verify_trusting(
        &twice,
        &[a.certificate_der.clone(), b.certificate_der.clone()],
    );
    assert_eq!(report.verdict, Verdict::ModifiedAfterSigning, "{report:#?}");
    let kinds: Vec<_> = report.signatures[0]
        .modifications
        .iter()
        .map(|m| m.kind.as_str())
        .collect();
    assert!(
        kinds.contains(&"visible_signature_field_after_certification"),
        "{kinds:?}"
    );
    let (ok, text) = pyhanko_validate(
        dir.path(),
        &twice,
        &[&a.certificate_pem, &b.certificate_pem],
    );
    assert!(!ok, "{text}");
    // An invisible approval after certification is fine for both.
    let mut invisible = options("Invisible", 0.0);
    invisible.rect = [0.0; 4];
    let ok_twice = sign(&once, &kb, &invisible);
    let report = verify_trusting(
        &ok_twice,
        &[a.certificate_der.clone(), b.certificate_der.clone()],
    );
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let (ok, text) = pyhanko_validate(
        dir.path(),
        &ok_twice,
        &[&a.certificate_pem, &b.certificate_pem],
    );
    assert!(ok, "{text}");
}

#[test]
fn more_signatures_than_are_verified_are_refused_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Signer");
    let mut pdf = sample_pdf(0);
    for n in 1..=3 {
        pdf = sign(&pdf, &ka, &options(&format!("Sig{n}"), 600.0));
    }
    // Three signatures in turn: each signed revision parsed and compared on its own.
    let report = verify_trusting(&pdf, std::slice::from_ref(&a.certificate_der));
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.problems);
    assert_eq!(report.signatures.len(), 3);
    for n in 4..=65 {
        pdf = sign(&pdf, &ka, &options(&format!("Sig{n}"), 600.0));
    }
    let report = verify_trusting(&pdf, &[a.certificate_der]);
    assert_eq!(report.verdict, Verdict::Invalid);
    assert!(
        report.problems[0].code.as_str() == "too_many_signatures"
            && report.problems[0]
                .message
                .contains("65 signatures; at most 64"),
        "{:?}",
        report.problems
    );
}
