//! Kelisim's storage: one SQLite database in the data folder, opened through sqlx with WAL and
//! foreign keys on, and the migrations embedded in this crate run at every start.
//!
//! The database file is [`DATABASE_FILE`] inside the data folder. Nothing else in the workspace
//! talks SQL. One file per concept, each adding its methods to [`Store`]:
//!
//! - `memos`: memorandums, their revisions and the workflow's status;
//! - `organisations`: the registry of parties reused across memorandums;
//! - `pdfs`: approved and signed PDFs, signature places, re-derived renderings;
//! - `trust`: the trust store (certificates with their scopes and origins);
//! - `audit`: the hash-chained, append-only audit log;
//! - `journal`: the registration journal (numbers assigned here, never reused);
//! - `term`: each memorandum's term dates, the local date;
//! - `settings`: key/value settings;
//! - `search`: the full-text index and its case folding.
//!
//! Every write of more than one row is one `BEGIN IMMEDIATE` transaction (`Store::begin_write`)
//! that also appends its audit entry, so two processes writing at once wait for each other
//! (up to the busy timeout) instead of failing, and a crash or a refusal leaves all of a write or
//! none of it.

mod amendments;
mod audit;
mod error;
mod exchange;
mod flags;
mod journal;
mod memos;
mod organisations;
mod pdfs;
mod search;
mod settings;
mod term;
mod trust;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub use audit::{AuditEntry, AuditReport, GENESIS};
pub use error::StoreError;
pub use exchange::{ImportTarget, PdfImport};
pub use flags::FlagRow;
pub use journal::{JournalRow, NewRegistration, Registering};
pub use memos::{ListQuery, MemoRow, Page, RevisionInput, RevisionRow, Sort, TermColumns};
pub use organisations::{OrganisationInput, OrganisationRow};
pub use pdfs::{Approval, ApprovedRendering, PdfRow, RederivedRendering, SignedPdf};
pub use search::SearchText;
pub use trust::{origin, StoredScope, TrustedCertificate};

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "kelisim.sqlite3";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// An open database. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    pub async fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        Store::open(&data_dir.join(DATABASE_FILE)).await
    }

    /// Opens (creating if needed) the database file at `path` and runs the embedded migrations.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::sql("parse connection options"))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                path: path.to_owned(),
                source,
            })?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        tracing::debug!(path = %path.display(), "database open");
        Ok(Store {
            pool,
            path: path.to_owned(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// Starts a write transaction, taking the database's write lock at once (`BEGIN IMMEDIATE`)
    /// so that reads inside it cannot be made stale by another writer.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(StoreError::sql("start a write"))
    }
}

/// The database's clock, as every stored time is written: `2026-10-06T12:34:56.789Z` (UTC).
pub(crate) async fn now(tx: &mut Transaction<'_, Sqlite>) -> Result<String, StoreError> {
    sqlx::query_scalar("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::sql("read the clock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn opening_creates_the_folder_and_runs_migrations_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("nested").join("data");
        let store = Store::open_in(&data).await.unwrap();
        assert_eq!(store.path(), data.join(DATABASE_FILE));
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        store.close().await;

        // A second start finds the schema current and applies nothing twice.
        let again = Store::open_in(&data).await.unwrap();
        let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
            .fetch_one(&again.pool)
            .await
            .unwrap();
        assert_eq!(applied, MIGRATOR.iter().count() as i64);
    }

    #[tokio::test]
    async fn a_file_in_place_of_the_data_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, b"x").unwrap();
        let err = Store::open_in(&blocker).await.unwrap_err();
        assert!(matches!(err, StoreError::DataDir { ref path, .. } if path == &blocker));
        assert!(err.to_string().contains("not-a-folder"), "{err}");
    }
}
