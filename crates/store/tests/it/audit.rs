//! The audit log is append-only in the database (triggers), and verification finds a row that
//! was changed behind the triggers' back.

use serde_json::json;

use crate::{fresh, raw, revision};

#[tokio::test]
async fn the_database_refuses_to_update_or_delete_an_audit_row() {
    let (_dir, store) = fresh().await;
    store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    let mut conn = raw(store.path()).await;

    let update = sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = sqlx::query("DELETE FROM audit_log WHERE seq = 1")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");

    let entries = store.audit_entries(None).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor, "test");
    assert!(store.verify_audit().await.unwrap().intact());
}

#[tokio::test]
async fn verification_names_a_row_edited_with_the_triggers_dropped() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    store
        .record(
            Some(memo.id),
            "exported",
            "test",
            &json!({ "to": "memo.json" }),
        )
        .await
        .unwrap();
    store
        .record(None, "settings_changed", "test", &json!({}))
        .await
        .unwrap();
    assert!(store.verify_audit().await.unwrap().intact());

    let mut conn = raw(store.path()).await;
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(r#"UPDATE audit_log SET details = '{"to":"elsewhere.json"}' WHERE seq = 2"#)
        .execute(&mut conn)
        .await
        .unwrap();

    let report = store.verify_audit().await.unwrap();
    assert_eq!(report.entries, 3);
    assert_eq!(
        report.problems,
        vec!["entry 2 was changed after it was written (its hash does not match its content)"]
    );
}

#[tokio::test]
async fn verification_notices_the_newest_row_deleted_with_the_triggers_dropped() {
    let (_dir, store) = fresh().await;
    store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    store
        .record(None, "exported", "test", &json!({}))
        .await
        .unwrap();
    let mut conn = raw(store.path()).await;
    sqlx::query("DROP TRIGGER audit_log_no_delete")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(&mut conn)
        .await
        .unwrap();

    let report = store.verify_audit().await.unwrap();
    assert_eq!(report.entries, 1);
    assert!(!report.intact());
    assert!(
        report.problems[0].contains("the head records entry 2"),
        "{:?}",
        report.problems
    );
}
