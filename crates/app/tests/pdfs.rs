//! Signed PDFs on a fresh temporary installation each: verifying a folder of them (one row per
//! `*.pdf`, any case, sorted by name, each verified like a single PDF; a file that cannot be
//! read is a row with its code; links out of the folder are not followed; the CSV has the
//! desktop's columns), and importing one from another party in one transaction.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::path::Path;

use kelisim_app::{ErrorCode, Kelisim, VerdictDto, FOLDER_CSV_HEADER};

mod common;
use common::{approved_then_signed, Holder};

/// An installation whose memorandum 1 is approved and signed by the minister: its PDF.
async fn signed_pdf(data: &Path) -> (Kelisim, Vec<u8>) {
    let minister = Holder {
        label: "aigerim",
        name: "Ж. К. Әбенова",
        position: "Министр",
        organisation: "Министерство науки и высшего образования Республики Казахстан",
        bin: "980310005674",
    };
    let (app, id, signed) = approved_then_signed(data, &minister).await;
    signed.unwrap();
    let pdf = app.latest_pdf(id).await.unwrap();
    (app, pdf)
}

#[tokio::test]
async fn every_pdf_of_a_folder_is_a_row_and_an_unreadable_one_names_its_code() {
    let root = tempfile::tempdir().unwrap();
    let (app, pdf) = signed_pdf(&root.path().join("data")).await;
    let dir = root.path().join("inbox");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a-signed.pdf"), &pdf).unwrap();
    let mut tampered = pdf.clone();
    let middle = tampered.len() / 3;
    tampered[middle] ^= 0x20;
    std::fs::write(dir.join("b-tampered.PDF"), &tampered).unwrap();
    std::fs::write(dir.join("c-not-a-pdf.pdf"), "just text").unwrap();
    std::fs::write(root.path().join("outside.pdf"), &pdf).unwrap();
    std::os::unix::fs::symlink(root.path().join("outside.pdf"), dir.join("d-link-out.pdf"))
        .unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.pdf"), dir.join("e-dangling.pdf")).unwrap();
    std::os::unix::fs::symlink(dir.join("a-signed.pdf"), dir.join("f-link-in.pdf")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not listed").unwrap();
    std::fs::create_dir(dir.join("g-folder.pdf")).unwrap();

    let report = app.verify_folder(&dir).await.unwrap();
    let files: Vec<&str> = report.rows.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "a-signed.pdf",
            "b-tampered.PDF",
            "c-not-a-pdf.pdf",
            "d-link-out.pdf",
            "e-dangling.pdf",
            "f-link-in.pdf"
        ]
    );
    let [signed, tampered, text, out, dangling, inside] = &report.rows[..] else {
        panic!("{report:#?}")
    };
    assert_eq!(signed.verdict, Some(VerdictDto::Valid), "{signed:#?}");
    assert_eq!(signed.signers, ["Ж. К. Әбенова"]);
    assert_eq!(signed.signatures, 1);
    assert!(
        matches!(
            tampered.verdict,
            Some(VerdictDto::Invalid | VerdictDto::ModifiedAfterSigning)
        ),
        "{tampered:#?}"
    );
    assert!(
        matches!(text.verdict, Some(v) if v != VerdictDto::Valid) || text.error.is_some(),
        "{text:#?}"
    );
    for row in [out, dangling] {
        assert_eq!(row.verdict, None, "{row:#?}");
        assert_eq!(row.error, Some(ErrorCode::File), "{row:#?}");
        assert_eq!(row.problem_codes, ["file"]);
    }
    assert!(out.detail.contains("outside the folder"), "{}", out.detail);
    assert_eq!(
        inside.verdict,
        Some(VerdictDto::Valid),
        "a link inside is read"
    );

    // The same verdict as verifying the file alone.
    let alone = app.verify_pdf(&tampered_bytes(&dir), &[]).await.unwrap();
    assert_eq!(Some(alone.verdict), tampered.verdict);

    let csv = report.to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], FOLDER_CSV_HEADER);
    assert_eq!(lines.len(), 1 + report.rows.len() + 1, "{csv}");
    assert!(lines[1].starts_with("\"a-signed.pdf\",\"valid\",1,\"Ж. К. Әбенова\","));
    assert!(lines[4].starts_with("\"d-link-out.pdf\",\"error\",0,\"\","));
}

fn tampered_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("b-tampered.PDF")).unwrap()
}

#[tokio::test]
async fn a_folder_that_cannot_be_read_is_an_error_and_an_empty_one_has_no_rows() {
    let root = tempfile::tempdir().unwrap();
    let app = Kelisim::open(&root.path().join("data")).await.unwrap();
    let err = app
        .verify_folder(&root.path().join("missing"))
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::File);
    let empty = root.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let report = app.verify_folder(&empty).await.unwrap();
    assert!(report.rows.is_empty());
    assert_eq!(report.to_csv(), format!("{FOLDER_CSV_HEADER}\r\n"));
}

async fn raw_db(data: &Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        data.join("kelisim.sqlite3").display()
    ))
    .await
    .unwrap()
}

async fn count(db: &sqlx::SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(db)
        .await
        .unwrap()
}

/// The import creates the memorandum, approves it with its rendering and stores the signed
/// PDF: a failure at the last write (injected with a trigger) leaves none of it.
#[tokio::test]
async fn a_pdf_import_that_fails_at_its_last_write_leaves_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (a, pdf) = signed_pdf(&root.path().join("a")).await;
    let data = root.path().join("b");
    let b = Kelisim::open(&data).await.unwrap();
    let pem = a.key_certificate("aigerim").unwrap();
    b.trust_add(pem.as_bytes(), &[]).await.unwrap();
    let db = raw_db(&data).await;
    let audit_before = count(&db, "audit_log").await;
    sqlx::query(
        "CREATE TRIGGER fail_signed BEFORE INSERT ON memorandum_pdfs WHEN NEW.kind = 'signed'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    )
    .execute(&db)
    .await
    .unwrap();

    let err = b.import_pdf(&pdf, "a.pdf").await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::Database, "{err:?}");
    assert_eq!(count(&db, "memorandums").await, 0);
    assert_eq!(count(&db, "revisions").await, 0);
    assert_eq!(count(&db, "memorandum_pdfs").await, 0);
    assert_eq!(count(&db, "audit_log").await, audit_before);
    assert!(b.verify_audit().await.unwrap().intact);

    sqlx::query("DROP TRIGGER fail_signed")
        .execute(&db)
        .await
        .unwrap();
    let imported = b.import_pdf(&pdf, "a.pdf").await.unwrap();
    assert_eq!(imported.status, kelisim_app::StatusDto::Signing);
    assert_eq!(
        count(&db, "memorandum_pdfs").await,
        2,
        "approved and signed"
    );
    let history = b.memo_history(imported.id).await.unwrap();
    let actions: Vec<&str> = history.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["imported", "approved", "signed"]);
}
