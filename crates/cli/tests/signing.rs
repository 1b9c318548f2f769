//! Two parties sign one memorandum in turn, each with their own data folder and keystore,
//! through the real `kelisim` binary; pyHanko judges the result. Keys are made with cheap
//! Argon2id costs (`KELISIM_TEST_KDF=fast`, honoured by debug builds only).
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::Path;
use std::process::Command;

mod common;
use common::{code, fixture, s, Party};

const MINISTRY: &str = "Министерство науки и высшего образования Республики Казахстан";

/// Installation A: the memorandum imported and approved, and the minister's key.
fn minister(root: &Path) -> Party {
    let a = Party::with_passphrase(root, "a", "minister's passphrase");
    a.ok(&["memo", "import", &fixture()]);
    a.ok(&["memo", "approve", "1"]);
    a.ok(&[
        "key",
        "new",
        "aigerim",
        "--name",
        "Ж. К. Әбенова",
        "--position",
        "Министр",
        "--organisation",
        MINISTRY,
        "--bin",
        "980310005674",
    ]);
    a
}

fn pyhanko_validate(pdf: &Path, trust: &[&Path]) -> (bool, String) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/pyhanko");
    assert!(bin.is_file(), "pyHanko is missing: run the setup script");
    let mut cmd = Command::new(bin);
    cmd.args(["sign", "validate", "--pretty-print", "--trust-replace"]);
    for t in trust {
        cmd.arg("--trust").arg(t);
    }
    let out = cmd.arg(pdf).output().expect("run pyhanko");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn two_parties_sign_in_turn_on_their_own_machines_and_pyhanko_agrees() {
    let root = tempfile::tempdir().unwrap();
    let (a_pdf, a_pem) = (root.path().join("a.pdf"), root.path().join("a.pem"));
    let (b_pdf, b_pem) = (root.path().join("b.pdf"), root.path().join("b.pem"));

    // A signs first (and certifies), then sends the PDF and its certificate.
    let a = minister(root.path());
    let signed = a.json(&["memo", "sign", "1", "--key", "aigerim"]);
    assert_eq!(signed["signature"]["field"], "kelisim:ministry:minister");
    assert_eq!(signed["signature"]["certified"], true);
    assert_eq!(a.status("1"), "signing");
    a.ok(&["memo", "pdf", "1", "--out", s(&a_pdf)]);
    a.ok(&["key", "certificate", "aigerim", "--out", s(&a_pem)]);

    // B trusts A's certificate, imports the PDF, signs as the director.
    let b = Party::with_passphrase(root.path(), "b", "director's passphrase");
    let trusted = b.json(&["trust", "add", s(&a_pem)]);
    assert_eq!(trusted["fingerprint"], signed["signature"]["fingerprint"]);
    let imported = b.ok(&["memo", "import", s(&a_pdf)]);
    assert!(imported.contains("(signing)"), "{imported}");
    b.ok(&[
        "key",
        "new",
        "timur",
        "--name",
        "Т. М. Оспанов",
        "--position",
        "Исполнительный директор",
        "--organisation",
        "Общественный фонд «Молодые волонтеры»",
        "--bin",
        "211140000425",
    ]);
    let signed_b = b.json(&["memo", "sign", "1", "--key", "timur"]);
    assert_eq!(signed_b["signature"]["complete"], true);
    assert_eq!(b.status("1"), "signed");
    b.ok(&["memo", "pdf", "1", "--out", s(&b_pdf)]);
    b.ok(&["key", "certificate", "timur", "--out", s(&b_pem)]);

    // A trusts B and imports the fully signed PDF: the same memorandum, now signed.
    a.ok(&["trust", "add", s(&b_pem)]);
    a.ok(&["memo", "import", s(&b_pdf)]);
    assert_eq!(a.status("1"), "signed");
    assert_eq!(a.json(&["memo", "list"])["total"], 1, "no duplicate");
    let a_final = a.run(&[
        "memo",
        "pdf",
        "1",
        "--out",
        s(&root.path().join("a-final.pdf")),
    ]);
    assert!(a_final.status.success());
    assert_eq!(
        std::fs::read(root.path().join("a-final.pdf")).unwrap(),
        std::fs::read(&b_pdf).unwrap()
    );
    assert!(a.ok(&["audit", "verify"]).contains("intact"));

    // Anyone verifies with both certificates.
    let archivist = Party::with_passphrase(root.path(), "archivist", "unused");
    let verify = archivist.run(&[
        "--json",
        "verify",
        s(&b_pdf),
        "--trust",
        s(&a_pem),
        "--trust",
        s(&b_pem),
    ]);
    assert_eq!(
        code(&verify),
        0,
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&verify.stdout).unwrap();
    assert_eq!(report["verdict"], "valid");
    assert_eq!(report["agreement"]["status"], "matches");
    // The archivist never saw the memorandum: the pages were rendered again to compare.
    assert_eq!(report["agreement"]["code"], "agreement_matches");
    assert!(report["agreement"]["detail"]
        .as_str()
        .unwrap()
        .contains("rendering of the embedded memorandum"));
    // A approved it: its installation recognises the first revision without rendering.
    let at_a: serde_json::Value =
        serde_json::from_str(&a.ok(&["--json", "verify", s(&b_pdf)])).unwrap();
    assert_eq!(at_a["verdict"], "valid");
    assert_eq!(at_a["agreement"]["status"], "matches");
    assert_eq!(at_a["agreement"]["code"], "agreement_approved_here");
    assert!(at_a["agreement"]["detail"]
        .as_str()
        .unwrap()
        .contains("approved on this installation"));
    assert_eq!(
        at_a["agreement"]["contentHash"],
        report["agreement"]["contentHash"]
    );
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 2);
    assert_eq!(sigs[0]["certification"], 2);
    assert_eq!(sigs[0]["coversWholeFile"], false);
    assert_eq!(sigs[1]["coversWholeFile"], true);
    assert!(sigs
        .iter()
        .all(|s| s["integrity"] == true && s["trusted"] == true));
    assert!(sigs[0]["signer"]
        .as_str()
        .unwrap()
        .contains("Ж. К. Әбенова"));

    // pyHanko agrees.
    let (ok, text) = pyhanko_validate(&b_pdf, &[&a_pem, &b_pem]);
    assert!(ok, "{text}");
    assert_eq!(
        text.matches("The signature is judged VALID").count(),
        2,
        "{text}"
    );
}

#[test]
fn a_stranger_a_second_signature_and_a_wrong_passphrase_are_refused_and_change_nothing() {
    let root = tempfile::tempdir().unwrap();
    let a = minister(root.path());
    a.ok(&[
        "key",
        "new",
        "stranger",
        "--name",
        "А. Б. Бөгде",
        "--organisation",
        MINISTRY,
    ]);
    let out = a.run(&["memo", "sign", "1", "--key", "stranger"]);
    assert_eq!(code(&out), 3, "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a signatory") && err.contains("[conflict]"),
        "{err}"
    );

    // The key is unlocked while the memorandum is read: a key that does not exist is named,
    // and a data folder without a keystore does not get one.
    let out = a.run(&["memo", "sign", "1", "--key", "nobody"]);
    assert_eq!(code(&out), 3, "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("\"nobody\""),
        "{out:?}"
    );
    let empty = Party::with_passphrase(root.path(), "empty", "e");
    let out = empty.run(&["memo", "sign", "1", "--key", "aigerim"]);
    assert_ne!(code(&out), 0, "{out:?}");
    assert!(!empty.data.join("keys").exists());

    let key_file = a.data.join("keys/aigerim.key.json");
    let before = std::fs::read(&key_file).unwrap();
    let out = a.run_with(&["memo", "sign", "1", "--key", "aigerim"], "wrong");
    assert_eq!(code(&out), 1, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[wrong_passphrase]"));
    assert_eq!(std::fs::read(&key_file).unwrap(), before);
    assert_eq!(a.status("1"), "approved");

    a.ok(&["memo", "sign", "1", "--key", "aigerim"]);
    let out = a.run(&["memo", "sign", "1", "--key", "aigerim"]);
    assert_eq!(code(&out), 3, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("signed memorandum 1 already"));
    assert_eq!(a.status("1"), "signing");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(a.data.join("keys"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn a_tampered_pdf_is_refused_and_an_untrusted_signer_is_exit_4() {
    let root = tempfile::tempdir().unwrap();
    let a = minister(root.path());
    a.ok(&["memo", "sign", "1", "--key", "aigerim"]);
    let pdf_path = root.path().join("a.pdf");
    let pem = root.path().join("a.pem");
    a.ok(&["memo", "pdf", "1", "--out", s(&pdf_path)]);
    a.ok(&["key", "certificate", "aigerim", "--out", s(&pem)]);
    let b = Party::with_passphrase(root.path(), "b", "b");

    // Untrusted: verify says 4, import refuses and names the fingerprint. A file that cannot
    // be read is not "valid but untrusted": 6, naming the file.
    let out = b.run(&["verify", s(&pdf_path)]);
    assert_eq!(code(&out), 4, "{out:?}");
    let missing = root.path().join("missing.pdf");
    let out = b.run(&["verify", s(&missing)]);
    assert_eq!(code(&out), 6, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.pdf"));
    let out = b.run(&["memo", "import", s(&pdf_path)]);
    assert_eq!(code(&out), 1, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[untrusted_signer]"));
    // The stranger rendered the embedded memorandum again to compare the pages; verified again,
    // the same first revision is recognised without rendering (and still imports below).
    let agreement = |path: &Path| {
        let out = b.run(&["--json", "verify", s(path)]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (code(&out), v["agreement"].clone())
    };
    let (exit, seen) = agreement(&pdf_path);
    assert_eq!(exit, 4);
    assert_eq!(seen["status"], "matches", "{seen}");
    assert_eq!(seen["code"], "agreement_rederived_before", "{seen}");
    assert!(
        seen["detail"]
            .as_str()
            .unwrap()
            .contains("compared on this installation"),
        "{seen}"
    );

    // One byte changed in the signed page content: refused and invalid.
    let mut pdf = std::fs::read(&pdf_path).unwrap();
    let at = pdf.windows(6).position(|w| w == b"stream").unwrap() + 40;
    pdf[at] ^= 0x01;
    let tampered = root.path().join("tampered.pdf");
    std::fs::write(&tampered, &pdf).unwrap();
    b.ok(&["trust", "add", s(&pem)]);
    let (exit, changed) = agreement(&tampered);
    assert_eq!(exit, 1);
    assert_eq!(changed["status"], "differs", "{changed}");
    assert_eq!(changed["code"], "agreement_differs", "{changed}");
    // In Kazakh: the signature's findings and the agreement in the interface language, each with
    // its code.
    let out = b.run(&["verify", s(&tampered), "--lang", "kk"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(code(&out), 1, "{text}");
    assert!(
        text.contains("Құжаттың хэші қолтаңбадағы хэшпен сәйкес келмейді")
            && text.contains("[digest_mismatch]"),
        "{text}"
    );
    assert!(
        text.contains("меморандумның беттелуі емес") && text.contains("[agreement_differs]"),
        "{text}"
    );
    assert!(
        !text.contains("does not match the signed message-digest"),
        "{text}"
    );
    let out = b.run(&["memo", "import", s(&tampered)]);
    assert_eq!(code(&out), 1, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[signature_invalid]"));
    assert_eq!(b.json(&["memo", "list"])["total"], 0);

    // The untouched PDF imports.
    assert!(b
        .ok(&["memo", "import", s(&pdf_path)])
        .contains("(signing)"));
}

#[test]
fn a_pdf_file_is_signed_and_verified_and_keys_round_trip_through_a_backup() {
    let root = tempfile::tempdir().unwrap();
    let a = minister(root.path());
    let input = root.path().join("in.pdf");
    let out_pdf = root.path().join("out.pdf");
    a.ok(&["memo", "pdf", "1", "--out", s(&input)]);
    // A Kelisim memorandum is not signed as a plain file: the signature would not be in the
    // place its rendering reserved (issue 12, class 5), and verification would refuse it.
    let out = a.run(&[
        "sign",
        s(&input),
        "--key",
        "aigerim",
        "--out",
        s(&out_pdf),
        "--certify",
    ]);
    assert_eq!(code(&out), 3, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("kelisim memo sign"));
    assert!(!out_pdf.exists());
    a.ok(&[
        "memo",
        "sign",
        "1",
        "--key",
        "aigerim",
        "--reason",
        "Келісемін",
    ]);
    a.ok(&["memo", "pdf", "1", "--out", s(&out_pdf)]);
    let out = a.run(&["verify", s(&out_pdf)]);
    assert_eq!(code(&out), 0, "own keys are trusted: {out:?}");

    let backup = root.path().join("aigerim.backup");
    let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .arg("--data-dir")
        .arg(&a.data)
        .args(["key", "backup", "export", "aigerim", "--out", s(&backup)])
        .env("KELISIM_TEST_KDF", "fast")
        .env("KELISIM_PASSPHRASE", a.passphrase)
        .env("KELISIM_BACKUP_PASSPHRASE", "backup")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let c = Party::with_passphrase(root.path(), "c", "new one");
    let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .arg("--data-dir")
        .arg(&c.data)
        .args([
            "--json",
            "key",
            "backup",
            "import",
            s(&backup),
            "--label",
            "aigerim2",
        ])
        .env("KELISIM_TEST_KDF", "fast")
        .env("KELISIM_PASSPHRASE", c.passphrase)
        .env("KELISIM_BACKUP_PASSPHRASE", "backup")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let imported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let original = a.json(&["key", "list"]);
    assert_eq!(imported["fingerprint"], original[0]["fingerprint"]);

    let out = c.run(&["trust", "add", s(&input)]);
    assert_eq!(code(&out), 1, "a PDF is not a certificate: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an X.509 certificate"));
    // Only the restored key is trusted (as itself): restoring one's own key records it.
    let list = c.json(&["trust", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["fingerprint"], original[0]["fingerprint"]);
    assert_eq!(list[0]["origin"], "ownKey");
    assert_eq!(list[0]["scope"]["kind"], "thisCertificate");
}

/// Runs one SQL statement on an installation's database (to set up what older versions stored).
fn sql(data: &Path, statement: &str) -> Vec<String> {
    let url = format!("sqlite://{}", data.join("kelisim.sqlite3").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            use sqlx::Row;
            let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
                .await
                .unwrap();
            sqlx::query(statement)
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .iter()
                .map(|r| {
                    r.try_get::<Option<String>, _>(0)
                        .unwrap()
                        .unwrap_or_default()
                })
                .collect()
        })
}

#[test]
fn signature_places_are_stored_at_approval_and_found_by_rendering_when_they_are_not() {
    let root = tempfile::tempdir().unwrap();
    let a = minister(root.path());
    let places = sql(
        &a.data,
        "SELECT signature_places FROM memorandum_pdfs WHERE kind = 'approved'",
    );
    let places: serde_json::Value = serde_json::from_str(&places[0]).unwrap();
    let places = places.as_array().unwrap();
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0]["party_id"], "ministry");
    assert!(places.iter().all(|p| p["page"].as_u64().unwrap() >= 1));

    // A database approved before places were stored: the first signer renders to find them,
    // and lands in the same place as with stored places.
    let older = Party::with_passphrase(root.path(), "older", "minister's passphrase");
    std::fs::create_dir_all(&older.data).unwrap();
    // The database with its write-ahead log (the last write, `key new` recording the key as
    // trusted, may still be only there), and the keystore.
    for entry in [
        "kelisim.sqlite3",
        "kelisim.sqlite3-wal",
        "kelisim.sqlite3-shm",
        "keys",
    ] {
        let from = a.data.join(entry);
        if !from.exists() {
            continue;
        }
        if from.is_dir() {
            std::fs::create_dir_all(older.data.join(entry)).unwrap();
            for f in std::fs::read_dir(&from).unwrap() {
                let f = f.unwrap();
                std::fs::copy(f.path(), older.data.join(entry).join(f.file_name())).unwrap();
            }
        } else {
            std::fs::copy(&from, older.data.join(entry)).unwrap();
        }
    }
    sql(
        &older.data,
        "UPDATE memorandum_pdfs SET signature_places = NULL",
    );
    let with_stored = a.json(&["memo", "sign", "1", "--key", "aigerim"]);
    let by_rendering = older.json(&["memo", "sign", "1", "--key", "aigerim"]);
    assert_eq!(
        with_stored["signature"]["field"],
        by_rendering["signature"]["field"]
    );
    let widgets = |p: &Party, name: &str| {
        let file = root.path().join(name);
        p.ok(&["memo", "pdf", "1", "--out", s(&file)]);
        let report: serde_json::Value =
            serde_json::from_str(&p.ok(&["--json", "verify", s(&file)])).unwrap();
        assert_eq!(report["verdict"], "valid", "{report}");
        let bytes = std::fs::read(&file).unwrap();
        // The widget rectangles written by the signature's update.
        let text = String::from_utf8_lossy(&bytes);
        let rects: Vec<String> = text
            .match_indices("/Rect[")
            .map(|(i, _)| text[i..].split(']').next().unwrap().to_owned())
            .collect();
        assert!(
            rects.len() >= 2,
            "the signature and the empty field: {rects:?}"
        );
        rects
    };
    assert_eq!(widgets(&a, "stored.pdf"), widgets(&older, "rendered.pdf"));
}

#[test]
fn a_pdf_of_the_same_memorandum_with_another_text_is_a_conflict_not_a_second_memorandum() {
    let root = tempfile::tempdir().unwrap();
    let (a_pdf, a_pem) = (root.path().join("a.pdf"), root.path().join("a.pem"));
    let a = minister(root.path());
    a.ok(&["memo", "sign", "1", "--key", "aigerim"]);
    a.ok(&["memo", "pdf", "1", "--out", s(&a_pdf)]);
    a.ok(&["key", "certificate", "aigerim", "--out", s(&a_pem)]);

    // B holds the same memorandum (same parties, same date) but approved another wording.
    let b = Party::with_passphrase(root.path(), "b", "fund's passphrase");
    b.ok(&["memo", "import", &fixture()]);
    let exported = root.path().join("b.json");
    b.ok(&["memo", "export", "1", "--out", s(&exported)]);
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let clause = &mut doc["sections"][0]["clauses"][0]["text"];
    for lang in ["kk", "ru"] {
        let text = format!(
            "{} (өзгертілген / изменено)",
            clause[lang].as_str().unwrap()
        );
        clause[lang] = serde_json::Value::String(text);
    }
    std::fs::write(&exported, doc.to_string()).unwrap();
    b.ok(&["memo", "update", "1", s(&exported)]);
    b.ok(&["memo", "approve", "1"]);
    b.ok(&["trust", "add", s(&a_pem)]);

    let out = b.run(&["memo", "import", s(&a_pdf)]);
    assert_eq!(code(&out), 3, "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("conflict: memorandum 1 here has the same parties and date")
            && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(b.json(&["memo", "list"])["total"], 1, "nothing was added");
    assert_eq!(b.status("1"), "approved");
}

#[test]
fn a_folder_is_verified_file_by_file_with_a_csv_and_the_worst_exit_code() {
    let root = tempfile::tempdir().unwrap();
    let a = minister(root.path());
    a.ok(&["memo", "sign", "1", "--key", "aigerim"]);
    let dir = root.path().join("inbox");
    std::fs::create_dir(&dir).unwrap();
    let signed = dir.join("a-signed.pdf");
    a.ok(&["memo", "pdf", "1", "--out", s(&signed)]);
    let mut tampered = std::fs::read(&signed).unwrap();
    let middle = tampered.len() / 3;
    tampered[middle] ^= 0x20;
    std::fs::write(dir.join("b-tampered.PDF"), &tampered).unwrap();
    std::fs::write(dir.join("c-not-a-pdf.pdf"), "just text").unwrap();
    std::os::unix::fs::symlink(
        root.path().join("nowhere.pdf"),
        dir.join("d-unreadable.pdf"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not listed").unwrap();

    let csv = root.path().join("report.csv");
    let out = a.run(&["--json", "verify", s(&dir), "--csv", s(&csv)]);
    assert_eq!(code(&out), 1, "the tampered file is the worst: {out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "a-signed.pdf",
            "b-tampered.PDF",
            "c-not-a-pdf.pdf",
            "d-unreadable.pdf"
        ]
    );
    assert_eq!(rows[0]["verdict"], "valid");
    assert_eq!(rows[0]["signers"], serde_json::json!(["Ж. К. Әбенова"]));
    assert_ne!(rows[1]["verdict"], "valid");
    assert_eq!(rows[3]["verdict"], serde_json::Value::Null);
    assert_eq!(rows[3]["error"], "file");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "file,verdict,signatures,signers,detail");
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines[1].starts_with("\"a-signed.pdf\",\"valid\",1,"),
        "{text}"
    );
    assert!(
        lines[4].starts_with("\"d-unreadable.pdf\",\"error\",0,"),
        "{text}"
    );

    // Without the tampered and the non-PDF file, the unreadable one is the worst: exit 6.
    std::fs::remove_file(dir.join("b-tampered.PDF")).unwrap();
    std::fs::remove_file(dir.join("c-not-a-pdf.pdf")).unwrap();
    let out = a.run(&["verify", s(&dir), "--csv", "-"]);
    assert_eq!(code(&out), 6, "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("file,verdict,signatures,signers,detail\r\n"),
        "{stdout}"
    );
    std::fs::remove_file(dir.join("d-unreadable.pdf")).unwrap();
    let out = a.run(&["verify", s(&dir)]);
    assert_eq!(code(&out), 0, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("a-signed.pdf: VALID"));
}
