//! The API boundary of Kelisim: use cases over the domain crates, the DTOs that cross to the CLI
//! and the UI, and the one error type with stable codes.
//!
//! The CLI (`crates/cli`) and the desktop shell (`src-tauri`) both call [`Kelisim`]; neither talks
//! to storage or the domain crates directly.

mod amendments;
mod audit;
mod data_dir;
mod document;
mod dto;
mod editing;
mod error;
mod exchange;
pub mod files;
mod journal;
mod keys;
mod memos;
pub mod messages;
mod organisations;
mod render;
mod settings;
mod signing;
mod templates;
mod trust;
mod verify;

use std::path::{Path, PathBuf};

use kelisim_store::Store;

pub use audit::{HistoryEntryDto, MemoHistoryDto};
pub use data_dir::{resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};
pub use document::{
    bin_problem, document_view, format_dates, BinProblem, DocClause, DocFormat, DocLang, DocParty,
    DocPartyKind, DocSection, DocSignatory, DocText, DocumentView, MemoDoc,
};
pub use dto::*;
pub use editing::{edit_document, EditDto, EditedDto, FlagReasonDto, TranslationFlagDto};
pub use error::{ApiError, AppError, ErrorCode};
pub use exchange::ExportedPdfDto;
/// The one file reader (size limit before reading), under the name the surfaces know.
pub use files::{read_bytes as read_file_bytes, MAX_PDF_BYTES, MAX_SMALL_FILE_BYTES};
pub use journal::{format_number, JOURNAL_CSV_HEADER};
pub use kelisim_core::templates::Assignment;
/// Whether a key label is acceptable, as the keystore decides (asked as the label is typed).
pub use kelisim_sign::is_valid_label as is_valid_key_label;
/// Passphrases cross the boundary as `SecretString` (zeroised, never printed).
pub use kelisim_sign::{Passphrase, SecretString};
pub use keys::TEST_KDF_ENV;
pub use memos::{actor, validate_text, MAX_PAGE};
pub use render::{render_file, sha256_hex};
pub use signing::{CandidateDto, NotSigningReason, SeatDto, SignCandidatesDto, Unlocking};
pub use verify::{FolderReport, FolderRow, FOLDER_CSV_HEADER};

/// The largest memorandum document accepted, in bytes (20 MB).
pub const MAX_DOCUMENT_BYTES: usize = kelisim_core::validate::MAX_BYTES;

/// The application's version, shared by the CLI, the desktop app and the package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// An open Kelisim data folder. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Kelisim {
    data_dir: PathBuf,
    store: Store,
}

impl Kelisim {
    /// Opens the data folder, creating it and its database when missing and running migrations.
    pub async fn open(data_dir: &Path) -> Result<Kelisim, AppError> {
        let store = Store::open_in(data_dir).await?;
        Ok(Kelisim {
            data_dir: data_dir.to_owned(),
            store,
        })
    }

    /// The version and where the data lives.
    pub fn about(&self) -> AboutInfo {
        AboutInfo {
            version: VERSION.to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database: self.store.path().display().to_string(),
        }
    }

    /// Closes the database cleanly.
    pub async fn close(self) {
        self.store.close().await;
    }
}

/// The memorandum the unit tests use (the core crate's fixture).
#[cfg(test)]
fn fixture_memo() -> kelisim_core::Memorandum {
    let text = include_str!("../../core/tests/fixtures/youth-volunteering.json");
    kelisim_core::parse(text).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn about_names_the_version_and_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let app = Kelisim::open(dir.path()).await.unwrap();
        let about = app.about();
        assert_eq!(about.version, VERSION);
        assert_eq!(about.data_dir, dir.path().display().to_string());
        assert!(about.database.ends_with(kelisim_store::DATABASE_FILE));
        assert!(Path::new(&about.database).is_file());
    }

    #[tokio::test]
    async fn an_unusable_data_folder_is_reported_with_its_code_and_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, "x").unwrap();
        let err = Kelisim::open(&file).await.unwrap_err();
        let api = err.to_api();
        assert_eq!(api.code, ErrorCode::DataDirUnavailable);
        assert!(api.message.contains("plain-file"), "{}", api.message);
    }
}
