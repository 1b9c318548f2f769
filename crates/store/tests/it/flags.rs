//! Translation flags: raised and cleared with a revision, stale revisions refused, dismissing
//! audited, all surviving a restart.

use kelisim_core::translation::{FlagChanges, FlagReason};
use kelisim_store::{Store, StoreError};

use crate::{fresh, revision};

fn raise(path: &str, lang: &str, reason: FlagReason) -> FlagChanges {
    FlagChanges {
        raise: vec![(path.to_owned(), lang.to_owned(), reason)],
        clear: vec![],
    }
}

#[tokio::test]
async fn flags_come_with_the_revision_and_survive_a_restart() {
    let (dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("М", "бір"), "test", "created")
        .await
        .unwrap();
    let changes = raise("title", "kk", FlagReason::Drift);
    let row = store
        .save_revision(memo.id, &revision("М", "екі"), "test", Some(1), &changes)
        .await
        .unwrap();
    assert_eq!(row.current_revision, 2);
    // Raising again keeps the revision that raised it first.
    let changes = FlagChanges {
        raise: vec![
            ("title".into(), "kk".into(), FlagReason::Drift),
            ("preamble".into(), "en".into(), FlagReason::NewLanguage),
        ],
        clear: vec![],
    };
    store
        .save_revision(memo.id, &revision("М", "үш"), "test", Some(2), &changes)
        .await
        .unwrap();
    store.close().await;

    let store = Store::open_in(dir.path()).await.unwrap();
    let flags = store.translation_flags(memo.id).await.unwrap();
    let seen: Vec<(&str, &str, i64, FlagReason)> = flags
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                f.language.as_str(),
                f.since_revision,
                f.reason,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("title", "kk", 2, FlagReason::Drift),
            ("preamble", "en", 3, FlagReason::NewLanguage)
        ]
    );
    let clear = FlagChanges {
        raise: vec![],
        clear: vec![("title".into(), "kk".into())],
    };
    store
        .save_revision(memo.id, &revision("М", "төрт"), "test", Some(3), &clear)
        .await
        .unwrap();
    assert_eq!(store.translation_flags(memo.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_stale_revision_is_refused_and_leaves_nothing() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("М", "бір"), "test", "created")
        .await
        .unwrap();
    let changes = raise("title", "kk", FlagReason::Drift);
    let err = store
        .save_revision(memo.id, &revision("М", "екі"), "test", Some(5), &changes)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Stale {
                expected: 5,
                current: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("changed meanwhile"), "{err}");
    assert_eq!(store.memorandum(memo.id).await.unwrap().current_revision, 1);
    assert!(store.translation_flags(memo.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn dismissing_a_flag_is_audited_and_a_missing_one_is_not_found() {
    let (_dir, store) = fresh().await;
    let memo = store
        .create_memorandum(&revision("М", "бір"), "test", "created")
        .await
        .unwrap();
    let changes = raise("sections[0].heading", "ru", FlagReason::Drift);
    store
        .save_revision(memo.id, &revision("М", "екі"), "test", None, &changes)
        .await
        .unwrap();
    let flag = store
        .dismiss_translation_flag(memo.id, "sections[0].heading", "ru", "alice")
        .await
        .unwrap();
    assert_eq!(flag.since_revision, 2);
    assert!(store.translation_flags(memo.id).await.unwrap().is_empty());
    let history = store.audit_entries(Some(memo.id)).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "translation_flag_dismissed");
    assert_eq!(last.details["path"], "sections[0].heading");
    assert!(store.verify_audit().await.unwrap().intact());
    let err = store
        .dismiss_translation_flag(memo.id, "sections[0].heading", "ru", "alice")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}
