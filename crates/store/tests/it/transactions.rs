//! A write of several rows is all or nothing: a refusal or a failure at any step leaves the
//! database as it was.

use kelisim_core::workflow::Status;
use kelisim_store::StoreError;

use crate::{count, fresh, raw, revision};

#[tokio::test]
async fn editing_an_approved_memorandum_is_refused_and_leaves_no_revision_and_no_audit_entry() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "бірінші"), "test", "created")
        .await
        .unwrap();
    let approved = store
        .approve_with_pdf(
            memo.id,
            1,
            b"%PDF-",
            "sha256:pdf",
            "[]",
            "Kelisim test",
            "test",
        )
        .await
        .unwrap();
    let audit_before = store.audit_entries(None).await.unwrap();

    let err = store
        .add_revision(memo.id, &revision("Меморандум", "екінші"), "test")
        .await
        .unwrap_err();

    assert!(
        matches!(err, StoreError::Refused { id, .. } if id == memo.id),
        "{err:?}"
    );
    assert_eq!(store.audit_entries(None).await.unwrap(), audit_before);
    assert_eq!(store.revisions(memo.id).await.unwrap().len(), 1);
    assert_eq!(store.memorandum(memo.id).await.unwrap(), approved);
    assert_eq!(approved.status, Status::Approved);
}

#[tokio::test]
async fn approving_a_revision_that_is_no_longer_current_stores_no_pdf_and_changes_nothing() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "бірінші"), "test", "created")
        .await
        .unwrap();
    let edited = store
        .add_revision(memo.id, &revision("Меморандум", "екінші"), "test")
        .await
        .unwrap();
    let audit_before = store.audit_entries(None).await.unwrap();

    let err = store
        .approve_with_pdf(
            memo.id,
            1,
            b"%PDF-",
            "sha256:pdf",
            "[]",
            "Kelisim test",
            "test",
        )
        .await
        .unwrap_err();

    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(store.memorandum(memo.id).await.unwrap(), edited);
    assert!(store.pdfs(memo.id).await.unwrap().is_empty());
    assert_eq!(store.audit_entries(None).await.unwrap(), audit_before);
}

#[tokio::test]
async fn a_create_that_fails_at_its_audit_entry_leaves_no_memorandum_revision_index_or_party() {
    let (_dir, store) = fresh().await;
    // Make the last step of the write fail: the audit entry cannot be appended.
    let mut conn = raw(store.path()).await;
    sqlx::query(
        "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END",
    )
    .execute(&mut conn)
    .await
    .unwrap();

    let err = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap_err();

    assert!(
        err.to_string().contains("audit refused by the test"),
        "{err}"
    );
    for table in [
        "memorandums",
        "revisions",
        "memorandum_search",
        "memorandum_parties",
        "organisations",
        "audit_log",
        "audit_head",
    ] {
        assert_eq!(count(&mut conn, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_signature_that_fails_at_its_audit_entry_leaves_the_status_and_the_pdfs_as_they_were() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    let approved = store
        .approve_with_pdf(
            memo.id,
            1,
            b"%PDF-",
            "sha256:pdf",
            "[]",
            "Kelisim test",
            "test",
        )
        .await
        .unwrap();
    let mut conn = raw(store.path()).await;
    sqlx::query(
        "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END",
    )
    .execute(&mut conn)
    .await
    .unwrap();

    store
        .add_signed_pdf(
            memo.id,
            b"%PDF-signed",
            "sha256:signed",
            "minister",
            false,
            "test",
        )
        .await
        .unwrap_err();

    assert_eq!(store.memorandum(memo.id).await.unwrap(), approved);
    let pdfs = store.pdfs(memo.id).await.unwrap();
    assert_eq!(pdfs.len(), 1);
    assert_eq!(pdfs[0].kind, "approved");
}
