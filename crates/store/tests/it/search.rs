//! Full-text search folds case in Kazakh and Russian (and English) both ways: what is typed in
//! capitals finds lower case, and the other way round.

use kelisim_store::{ListQuery, Store};

use crate::{fresh, revision};

/// The titles `typed` finds, sorted.
async fn found(store: &Store, typed: &str) -> Vec<String> {
    let page = store
        .list(&ListQuery {
            text: Some(typed.to_owned()),
            limit: 100,
            ..ListQuery::default()
        })
        .await
        .unwrap();
    let mut titles: Vec<String> = page.rows.into_iter().map(|m| m.title).collect();
    titles.sort();
    titles
}

async fn store_with(bodies: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let (dir, store) = fresh().await;
    for (title, body) in bodies {
        store
            .create_memorandum(&revision(title, body), "test", "created")
            .await
            .unwrap();
    }
    (dir, store)
}

#[tokio::test]
async fn kazakh_capitals_find_lower_case_and_lower_case_finds_capitals() {
    let (_dir, store) = store_with(&[
        ("kk-lower", "Қазақстан Республикасы әріптестік туралы"),
        ("kk-upper", "ҮКІМЕТТІК ЕМЕС ҰЙЫМДАР ҒЫЛЫМ"),
    ])
    .await;
    assert_eq!(found(&store, "ҚАЗАҚСТАН").await, ["kk-lower"]);
    assert_eq!(found(&store, "ӘРІПТЕСТІК").await, ["kk-lower"]);
    assert_eq!(found(&store, "үкіметтік ұйымдар").await, ["kk-upper"]);
    assert_eq!(found(&store, "ғылым").await, ["kk-upper"]);
}

#[tokio::test]
async fn russian_capitals_and_yo_fold_case_but_yo_is_not_ye() {
    let (_dir, store) = store_with(&[
        ("ru-lower", "министерство культуры и ёлка"),
        ("ru-upper", "ЁЖИК В ТУМАНЕ"),
    ])
    .await;
    assert_eq!(found(&store, "МИНИСТЕРСТВО").await, ["ru-lower"]);
    assert_eq!(found(&store, "ЁЛКА").await, ["ru-lower"]);
    assert_eq!(found(&store, "ёжик").await, ["ru-upper"]);
    // Case is folded; letters are not: «е» does not find «ё».
    assert!(found(&store, "елка").await.is_empty());
}

#[tokio::test]
async fn words_match_as_prefixes_and_quoted_words_only_together_in_order() {
    let (_dir, store) = store_with(&[
        ("together", "«Жас еріктілер» қоғамдық қоры"),
        ("apart", "еріктілер мен жас мамандар"),
    ])
    .await;
    assert_eq!(found(&store, "ҚОҒАМ").await, ["together"]);
    assert_eq!(found(&store, "жас еріктілер").await, ["apart", "together"]);
    assert_eq!(found(&store, "«ЖАС ЕРІКТІЛЕР»").await, ["together"]);
    assert!(found(&store, " -- *) ").await.is_empty());
}

#[tokio::test]
async fn a_search_sees_only_the_latest_revision() {
    let (_dir, store) = store_with(&[("memo", "бірінші мәтін")]).await;
    let id = store.memorandum(1).await.unwrap().id;
    store
        .add_revision(id, &revision("memo", "екінші нұсқа"), "test")
        .await
        .unwrap();
    assert!(found(&store, "БІРІНШІ").await.is_empty());
    assert_eq!(found(&store, "ЕКІНШІ").await, ["memo"]);
}
