//! Two `Store`s on one database file — what two processes (the desktop app and the `kelisim`
//! command) have — write at the same time: every write lands once, in order, and the audit
//! chain stays intact. Nothing here waits for time to pass: writers run concurrently and the
//! test counts what landed.

use kelisim_store::{ListQuery, Store};

use crate::{fresh, revision};

const WRITES_EACH: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_creating_at_once_lose_no_memorandum_and_keep_the_audit_chain_intact() {
    let (_dir, first) = fresh().await;
    let second = Store::open(first.path()).await.unwrap();

    let create_many = |store: Store, who: &'static str| async move {
        for i in 0..WRITES_EACH {
            let input = revision(&format!("{who} {i}"), "мәтін");
            store
                .create_memorandum(&input, who, "created")
                .await
                .unwrap();
        }
    };
    let a = tokio::spawn(create_many(first.clone(), "first"));
    let b = tokio::spawn(create_many(second.clone(), "second"));
    a.await.unwrap();
    b.await.unwrap();

    let all = first
        .list(&ListQuery {
            limit: 1000,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 2 * WRITES_EACH as i64);
    let mut ids: Vec<i64> = all.rows.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2 * WRITES_EACH);

    let report = second.verify_audit().await.unwrap();
    assert!(report.intact(), "{:?}", report.problems);
    assert_eq!(report.entries, 2 * WRITES_EACH as i64);
    let seqs: Vec<i64> = first
        .audit_entries(None)
        .await
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(seqs, (1..=2 * WRITES_EACH as i64).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_editing_one_memorandum_at_once_number_every_revision_once() {
    let (_dir, first) = fresh().await;
    let second = Store::open(first.path()).await.unwrap();
    let memo = first
        .create_memorandum(&revision("Меморандум", "0"), "first", "created")
        .await
        .unwrap();

    let id = memo.id;
    let edit_many = move |store: Store, who: &'static str| async move {
        for i in 0..WRITES_EACH {
            let input = revision("Меморандум", &format!("{who} {i}"));
            store.add_revision(id, &input, who).await.unwrap();
        }
    };
    let a = tokio::spawn(edit_many(first.clone(), "first"));
    let b = tokio::spawn(edit_many(second.clone(), "second"));
    a.await.unwrap();
    b.await.unwrap();

    let numbers: Vec<i64> = second
        .revisions(memo.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.number)
        .collect();
    let expected = 1 + 2 * WRITES_EACH as i64;
    assert_eq!(numbers, (1..=expected).collect::<Vec<_>>());
    assert_eq!(
        first.memorandum(memo.id).await.unwrap().current_revision,
        expected
    );
    // Each writer's revisions are in the order it wrote them.
    for who in ["first", "second"] {
        let mut bodies = Vec::new();
        for n in 2..=expected {
            let r = first.revision(memo.id, n).await.unwrap();
            if r.author == who {
                bodies.push(r.document);
            }
        }
        let want: Vec<String> = (0..WRITES_EACH)
            .map(|i| revision("Меморандум", &format!("{who} {i}")).document)
            .collect();
        assert_eq!(bodies, want, "{who}");
    }
    assert!(first.verify_audit().await.unwrap().intact());
}
