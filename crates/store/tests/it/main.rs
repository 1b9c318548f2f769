//! The store's integration tests: one binary (`cargo test -p kelisim-store --test it`), each
//! test on a fresh database file in its own temporary folder, through the public API and, where
//! a test must reach past it (to tamper with a row, or to make a step fail), a raw SQLite
//! connection of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod audit;
mod concurrency;
mod flags;
mod journal;
mod migrations;
mod search;
mod transactions;
mod trust;

use std::path::Path;

use kelisim_store::{OrganisationInput, RevisionInput, SearchText, Store};
use sqlx::{Connection, SqliteConnection};
use tempfile::TempDir;

/// A new, empty data folder with the store opened in it. Keep the folder alive as long as the
/// store.
pub async fn fresh() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).await.unwrap();
    (dir, store)
}

/// A raw connection to the store's database file, for what the public API does not allow.
pub async fn raw(path: &Path) -> SqliteConnection {
    let url = format!("sqlite:{}", path.display());
    SqliteConnection::connect(&url).await.unwrap()
}

/// A revision whose title, body and content hash are derived from `title` and `body`.
pub fn revision(title: &str, body: &str) -> RevisionInput {
    RevisionInput {
        document: format!(r#"{{"title":"{title}","body":"{body}"}}"#),
        content_hash: format!("sha256:{title}/{body}"),
        title: title.to_owned(),
        date: "2026-10-06".to_owned(),
        languages: "kk,ru".to_owned(),
        party_names: "Министрлік; Қор".to_owned(),
        search: SearchText {
            title: title.to_owned(),
            parties: "Министрлік Қор".to_owned(),
            body: body.to_owned(),
        },
        organisations: vec![OrganisationInput {
            party_id: "ministry".to_owned(),
            bin: Some("980310005674".to_owned()),
            name_key: "министрлік".to_owned(),
            kind: "state_body".to_owned(),
            party: r#"{"id":"ministry"}"#.to_owned(),
        }],
        ..RevisionInput::default()
    }
}

/// How many rows `table` holds.
pub async fn count(conn: &mut SqliteConnection, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(conn)
        .await
        .unwrap()
}
