//! The keystore: round trip, wrong passphrase, file mode, backups.

use kelisim_sign::{Keystore, NewKey, SignError};

use crate::common::*;

#[test]
fn keys_round_trip_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (info, key) = signer(&ks, "aigul", "Айгүл Сейітова");
    assert_eq!(key.info().fingerprint, info.fingerprint);
    assert_eq!(info.fingerprint.len(), 16 * 4 + 15);
    assert!(info
        .certificate_pem
        .starts_with("-----BEGIN CERTIFICATE-----"));
    assert_eq!(info.not_before, not_before().unix_timestamp());
    assert_eq!(info.not_after - info.not_before, 3650 * 86_400);
    let list = ks.list().unwrap();
    assert_eq!(list, vec![info.clone()]);
    assert_eq!(ks.info("aigul").unwrap(), info);
    // Nothing secret is printed.
    let debug = format!("{key:?}");
    assert!(debug.contains("aigul") && !debug.contains("secret"));
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    signer(&ks, "aigul", "Айгүл Сейітова");
    let path = dir.path().join("aigul.key.json");
    let before = std::fs::read(&path).unwrap();
    let err = ks.unlock("aigul", &pass("wrong")).unwrap_err();
    assert!(matches!(err, SignError::WrongPassphrase));
    assert_eq!(err.code(), "wrong_passphrase");
    let err = ks
        .change_passphrase("aigul", &pass("wrong"), &pass("new"))
        .unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(ks.unlock("aigul", &pass("correct horse")).is_ok());
    assert_eq!(
        ks.unlock("nobody", &pass("x")).unwrap_err().code(),
        "key_not_found"
    );
    assert_eq!(
        ks.unlock("../etc", &pass("x")).unwrap_err().code(),
        "invalid_label"
    );
}

#[test]
fn key_files_are_private_and_hold_no_plain_secret() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(&dir.path().join("store"));
    signer(&ks, "aigul", "Айгүл Сейітова");
    let path = dir.path().join("store/aigul.key.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(dir.path().join("store"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["format"], "kelisim.key/1");
    assert_eq!(json["version"], 2);
    assert_eq!(json["kdf"]["algorithm"], "argon2id");
    assert_eq!(json["aead"]["algorithm"], "xchacha20poly1305");
    // No temporary files are left behind.
    assert_eq!(
        std::fs::read_dir(dir.path().join("store")).unwrap().count(),
        1
    );
}

#[test]
fn default_costs_are_argon2id_64_mib_3_passes() {
    let dir = tempfile::tempdir().unwrap();
    let ks = Keystore::open(dir.path()).unwrap();
    let mut req = NewKey::new("default", subject("Default Cost"));
    req.validity_days = 30;
    ks.create_key(&req, &pass("p"), None).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("default.key.json")).unwrap())
            .unwrap();
    assert_eq!(json["kdf"]["m_cost_kib"], 65536);
    assert_eq!(json["kdf"]["t_cost"], 3);
    assert_eq!(json["kdf"]["p_cost"], 1);
}

#[test]
fn a_swapped_certificate_does_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    signer(&ks, "a", "Signer A");
    let (b, _) = signer(&ks, "b", "Signer B");
    let path = dir.path().join("a.key.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    use base64::Engine;
    json["certificate"] = base64::engine::general_purpose::STANDARD
        .encode(&b.certificate_der)
        .into();
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    assert_eq!(
        ks.unlock("a", &pass("correct horse")).unwrap_err().code(),
        "wrong_passphrase"
    );
}

#[test]
fn backups_move_a_key_to_another_machine() {
    let dir = tempfile::tempdir().unwrap();
    let here = keystore(&dir.path().join("here"));
    let there = keystore(&dir.path().join("there"));
    let (info, _) = signer(&here, "aigul", "Айгүл Сейітова");
    let backup = here
        .export_backup("aigul", &pass("correct horse"), &pass("backup pass"))
        .unwrap();
    assert!(!String::from_utf8_lossy(&backup).contains("correct horse"));
    assert_eq!(
        there
            .import_backup(&backup, &pass("wrong"), "aigul", &pass("new"))
            .unwrap_err()
            .code(),
        "wrong_passphrase"
    );
    let imported = there
        .import_backup(&backup, &pass("backup pass"), "aigul", &pass("new local"))
        .unwrap();
    assert_eq!(imported.fingerprint, info.fingerprint);
    let key = there.unlock("aigul", &pass("new local")).unwrap();
    assert_eq!(key.info().certificate_der, info.certificate_der);
    assert_eq!(
        there
            .import_backup(&backup, &pass("backup pass"), "aigul", &pass("x"))
            .unwrap_err()
            .code(),
        "key_exists"
    );
    // A signature made with the imported key verifies with the original certificate.
    let signed = sign(&sample_pdf(0), &key, &options("Sig1", 600.0));
    let report = verify_trusting(&signed, &[info.certificate_der]);
    assert_eq!(report.verdict, kelisim_sign::Verdict::Valid);
}

#[test]
fn a_ca_issues_certificates_and_a_signer_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let mut ca = NewKey::new("org-ca", subject("ҚОҒ «Мысал» CA"));
    ca.is_ca = true;
    ca.not_before = not_before();
    let ca_info = ks.create_key(&ca, &pass("ca pass"), None).unwrap();
    assert!(ca_info.is_ca);
    let mut leaf = NewKey::new("leaf", subject("Leaf"));
    leaf.not_before = not_before();
    assert_eq!(
        ks.create_key(&leaf, &pass("p"), Some(("org-ca", &pass("bad"))))
            .unwrap_err()
            .code(),
        "wrong_passphrase"
    );
    let info = ks
        .create_key(&leaf, &pass("p"), Some(("org-ca", &pass("ca pass"))))
        .unwrap();
    assert_eq!(info.chain, vec![ca_info.certificate_der]);
    let mut other = NewKey::new("other", subject("Other"));
    other.not_before = not_before();
    assert_eq!(
        ks.create_key(&other, &pass("p"), Some(("leaf", &pass("p"))))
            .unwrap_err()
            .code(),
        "not_a_ca"
    );
}
