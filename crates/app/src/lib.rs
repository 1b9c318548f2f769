//! The API boundary of Kelisim: use cases over the domain crates, the DTOs that cross to the CLI
//! and the UI, and the one error type with stable codes.
//!
//! The CLI (`crates/cli`) and the desktop shell (`src-tauri`) both call [`Kelisim`]; neither talks
//! to storage or the domain crates directly.

mod audit;
mod data_dir;
mod document;
mod dto;
mod error;
pub mod files;
mod memos;
mod render;
mod signing;

use std::path::{Path, PathBuf};

use kelisim_core::UiLanguage;
use kelisim_store::Store;

pub use audit::{ExportedPdfDto, HistoryEntryDto, MemoHistoryDto};
pub use data_dir::{resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};
pub use document::{
    bin_problem, document_view, format_dates, BinProblem, DocClause, DocFormat, DocLang, DocParty,
    DocPartyKind, DocSection, DocSignatory, DocText, DocumentView, MemoDoc,
};
pub use dto::*;
pub use error::{ApiError, AppError, ErrorCode};
pub use kelisim_core::templates::Assignment;
/// Passphrases cross the boundary as `SecretString` (zeroised, never printed).
pub use kelisim_sign::{Passphrase, SecretString};
pub use memos::{actor, validate_text, MAX_PAGE};
pub use render::{render_file, sha256_hex};
pub use signing::{read_file_bytes, MAX_PDF_BYTES, MAX_SMALL_FILE_BYTES, TEST_KDF_ENV};
pub use signing::{CandidateDto, NotSigningReason, SeatDto, SignCandidatesDto, Unlocking};

/// The largest memorandum document accepted, in bytes (20 MB).
pub const MAX_DOCUMENT_BYTES: usize = kelisim_core::validate::MAX_BYTES;

/// The application's version, shared by the CLI, the desktop app and the package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

const UI_LANGUAGE_KEY: &str = "ui.language";

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

    /// The user's settings. An interface language that was never chosen is `None`, so the UI
    /// can follow the system's language until the user picks one.
    pub async fn settings(&self) -> Result<Settings, AppError> {
        let ui_language = match self.store.setting(UI_LANGUAGE_KEY).await? {
            None => None,
            Some(tag) => match tag.parse::<UiLanguage>() {
                Ok(lang) => Some(lang.into()),
                Err(err) => {
                    // A value we did not write (an older or newer build, a hand edit): fall back
                    // to the default rather than refuse to start, and say so in the log.
                    tracing::warn!(%err, "ignoring stored interface language");
                    None
                }
            },
        };
        Ok(Settings { ui_language })
    }

    /// Chooses the interface language and remembers it across restarts.
    pub async fn set_ui_language(&self, language: UiLanguageDto) -> Result<Settings, AppError> {
        let lang = UiLanguage::from(language);
        self.store.set_setting(UI_LANGUAGE_KEY, lang.tag()).await?;
        self.settings().await
    }

    /// Closes the database cleanly.
    pub async fn close(self) {
        self.store.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_interface_language_is_remembered_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let app = Kelisim::open(dir.path()).await.unwrap();
        assert_eq!(app.settings().await.unwrap().ui_language, None);
        let saved = app.set_ui_language(UiLanguageDto::Kk).await.unwrap();
        assert_eq!(saved.ui_language, Some(UiLanguageDto::Kk));
        app.close().await;

        let app = Kelisim::open(dir.path()).await.unwrap();
        assert_eq!(
            app.settings().await.unwrap().ui_language,
            Some(UiLanguageDto::Kk)
        );
    }

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
