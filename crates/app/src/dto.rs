//! The types that cross the API boundary. They are serialised for the UI (camelCase JSON) and the
//! CLI's `--json`, and described to TypeScript through `specta`. Domain types stay out of them.

use kelisim_core::UiLanguage;
use serde::{Deserialize, Serialize};

/// The version and where the data lives: the About panel and `kelisim info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AboutInfo {
    /// The application version, e.g. `0.1.0`.
    pub version: String,
    /// The data folder, as an absolute path.
    pub data_dir: String,
    /// The SQLite database file inside the data folder.
    pub database: String,
}

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum UiLanguageDto {
    Kk,
    Ru,
    En,
}

impl From<UiLanguage> for UiLanguageDto {
    fn from(value: UiLanguage) -> Self {
        match value {
            UiLanguage::Kk => UiLanguageDto::Kk,
            UiLanguage::Ru => UiLanguageDto::Ru,
            UiLanguage::En => UiLanguageDto::En,
        }
    }
}

impl From<UiLanguageDto> for UiLanguage {
    fn from(value: UiLanguageDto) -> Self {
        match value {
            UiLanguageDto::Kk => UiLanguage::Kk,
            UiLanguageDto::Ru => UiLanguage::Ru,
            UiLanguageDto::En => UiLanguage::En,
        }
    }
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The chosen interface language; `null` until the user chooses one.
    pub ui_language: Option<UiLanguageDto>,
}
