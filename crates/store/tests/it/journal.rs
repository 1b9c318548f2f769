//! The registration journal (numbers unique, never reused, written with the approval), term
//! dates and their filter, amendments' links, and migration 0007 over a database made by the
//! migrations before it.

use kelisim_store::{
    Approval, ListQuery, NewRegistration, Registering, RevisionInput, Store, StoreError,
    TermColumns, DATABASE_FILE,
};

use crate::{count, fresh, raw, revision};

fn approval(revision: i64) -> Approval<'static> {
    Approval {
        revision,
        pdf: b"%PDF-1.7 test",
        sha256: "00",
        signature_places: "[]",
        renderer: "test",
    }
}

fn numbered(title: &str, number: &str) -> RevisionInput {
    RevisionInput {
        registration_number: Some(number.to_owned()),
        ..revision(title, &format!("registered {number}"))
    }
}

async fn register(
    store: &Store,
    id: i64,
    number: &str,
    counter: i64,
) -> Result<kelisim_store::MemoRow, StoreError> {
    let reg = NewRegistration {
        number: number.to_owned(),
        counter,
        date: "2026-10-07".to_owned(),
    };
    let input = numbered("Меморандум", number);
    let registering = Registering {
        registration: &reg,
        revision: &input,
    };
    store
        .approve_registered(id, Some(registering), &approval(1), "test")
        .await
}

#[tokio::test]
async fn approval_registers_the_number_in_its_transaction_and_search_finds_it() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    assert_eq!(store.journal_next().await.unwrap(), 1);
    let approved = register(&store, memo.id, "02-15/1", 1).await.unwrap();
    assert_eq!(approved.current_revision, 2);
    assert_eq!(approved.approved_revision, Some(2));
    assert_eq!(approved.registration_number.as_deref(), Some("02-15/1"));
    assert_eq!(store.journal_next().await.unwrap(), 2);
    let journal = store.journal().await.unwrap();
    assert_eq!(journal.len(), 1);
    assert_eq!(
        (journal[0].number.as_str(), journal[0].memorandum_id),
        ("02-15/1", memo.id)
    );
    let history = store.audit_entries(Some(memo.id)).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["created", "registered", "approved"]);

    let found = store
        .list(&ListQuery {
            text: Some("02-15/1".into()),
            limit: 10,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        found.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [memo.id]
    );
}

#[tokio::test]
async fn a_duplicate_number_is_refused_clearly_and_nothing_is_half_written() {
    let (dir, store) = fresh().await;
    let first = store
        .create_memorandum(&revision("Бірінші", "мәтін"), "test", "created")
        .await
        .unwrap();
    let second = store
        .create_memorandum(&revision("Екінші", "мәтін"), "test", "created")
        .await
        .unwrap();
    register(&store, first.id, "02-15/1", 1).await.unwrap();
    let audit_before = store.audit_entries(None).await.unwrap().len();

    // The same number again, from the counter's next value: the UNIQUE constraint refuses it.
    let err = register(&store, second.id, "02-15/1", 2).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    assert!(err.to_string().contains("\"02-15/1\""), "{err}");
    assert!(err.to_string().contains("never reused"), "{err}");
    // A counter value another approval took.
    let err = register(&store, second.id, "02-15/9", 1).await.unwrap_err();
    assert!(err.to_string().contains("counter"), "{err}");
    // The first memorandum cannot get a second number (and is approved already).
    let after = store.memorandum(second.id).await.unwrap();
    assert_eq!(
        after, second,
        "nothing of the refused approvals was written"
    );
    assert_eq!(store.revisions(second.id).await.unwrap().len(), 1);
    assert_eq!(store.journal_next().await.unwrap(), 2);
    assert_eq!(store.audit_entries(None).await.unwrap().len(), audit_before);

    // Forced past the API: the database itself refuses a second row with the number, a
    // change or deletion of a row, and a counter that goes back.
    let mut conn = raw(&dir.path().join(DATABASE_FILE)).await;
    let forced = sqlx::query(
        "INSERT INTO journal (number, counter, registered_on, memorandum_id, created_at)
         VALUES ('02-15/1', 5, '2026-10-07', ?, 'now')",
    )
    .bind(second.id)
    .execute(&mut conn)
    .await
    .unwrap_err();
    assert!(forced.to_string().contains("UNIQUE"), "{forced}");
    for sql in [
        "UPDATE journal SET number = '02-15/2'",
        "DELETE FROM journal",
        "UPDATE journal_counter SET value = 0",
    ] {
        let err = sqlx::query(sql).execute(&mut conn).await.unwrap_err();
        assert!(
            err.to_string().contains("append-only") || err.to_string().contains("only increases"),
            "{sql}: {err}"
        );
    }
    assert_eq!(count(&mut conn, "journal").await, 1);
}

#[tokio::test]
async fn reopening_keeps_the_number_and_the_journal_entry() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    register(&store, memo.id, "A-1", 1).await.unwrap();
    let reopened = store.reopen(memo.id, "test").await.unwrap();
    assert_eq!(reopened.registration_number.as_deref(), Some("A-1"));
    assert_eq!(
        store.journal_entry(memo.id).await.unwrap().unwrap().number,
        "A-1"
    );
    // Registering it again is refused: one number per memorandum.
    let err = register(&store, memo.id, "A-2", 2).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound { .. } | StoreError::Duplicate { .. }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_expiring_filter_uses_the_stored_term_dates() {
    let (_dir, store) = fresh().await;
    let with_term = |title: &str, expires: Option<&str>| RevisionInput {
        term: TermColumns {
            expires_on: expires.map(str::to_owned),
            notice_by: None,
            renews: false,
        },
        ..revision(title, "мәтін")
    };
    let soon = store
        .create_memorandum(&with_term("Жақында", Some("2026-11-30")), "t", "created")
        .await
        .unwrap();
    store
        .create_memorandum(&with_term("Кейін", Some("2027-06-01")), "t", "created")
        .await
        .unwrap();
    store
        .create_memorandum(&with_term("Мерзімсіз", None), "t", "created")
        .await
        .unwrap();
    let page = store
        .list(&ListQuery {
            expiring_between: Some(("2026-10-01".into(), "2026-11-30".into())),
            limit: 10,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [soon.id]
    );
    assert_eq!(page.rows[0].expires_on.as_deref(), Some("2026-11-30"));
}

#[tokio::test]
async fn an_amendment_links_to_a_signed_base_only() {
    let (_dir, store) = fresh().await;
    let base = store
        .create_memorandum(&revision("Негізгі", "мәтін"), "t", "created")
        .await
        .unwrap();
    let draft_err = store
        .create_amendment(base.id, &revision("Қосымша", "мәтін"), "t")
        .await
        .unwrap_err();
    assert!(draft_err.to_string().contains("draft"), "{draft_err}");
    store
        .approve_registered(base.id, None, &approval(1), "t")
        .await
        .unwrap();
    store
        .add_signed_pdf(base.id, b"%PDF signed", "11", "signer", true, "t")
        .await
        .unwrap();
    let amendment = store
        .create_amendment(base.id, &revision("Қосымша", "мәтін"), "t")
        .await
        .unwrap();
    assert_eq!(amendment.amends_id, Some(base.id));
    assert_eq!(store.memorandum(base.id).await.unwrap().amendments, 1);
    let listed = store
        .list(&ListQuery {
            amends: Some(base.id),
            limit: 10,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        listed.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [amendment.id]
    );
}

#[tokio::test]
async fn migration_0007_runs_on_a_database_of_the_previous_release() {
    let dir = tempfile::tempdir().unwrap();
    // The previous release's migrations only (0001–0006), as it created its databases.
    let old = dir.path().join("old-migrations");
    std::fs::create_dir(&old).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "0007" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let db = data.join(DATABASE_FILE);
    std::fs::File::create(&db).unwrap();
    let mut conn = raw(&db).await;
    sqlx::migrate::Migrator::new(old.as_path())
        .await
        .unwrap()
        .run(&mut conn)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO memorandums (id, status, current_revision, title, memo_date, languages,
                                  parties, created_at, updated_at)
         VALUES (1, 'signed', 1, 'Ескі', '2025-01-01', 'kk,ru', 'A; B', 'x', 'x')",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    drop(conn);

    let store = Store::open_in(&data).await.unwrap();
    let old_memo = store.memorandum(1).await.unwrap();
    assert_eq!(old_memo.title, "Ескі");
    assert_eq!(
        (
            old_memo.expires_on,
            old_memo.registration_number,
            old_memo.amends_id
        ),
        (None, None, None)
    );
    assert_eq!(store.journal_next().await.unwrap(), 1);
    assert!(store.journal().await.unwrap().is_empty());
}
