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

/// One problem in a memorandum document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDto {
    /// A JSON path such as `sections[1].clauses[0].text.ru`; empty for the whole document.
    pub path: String,
    /// A stable code such as `missing_translation`.
    pub code: String,
    pub message: String,
    /// For malformed JSON: where, 1-based.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl From<&kelisim_core::Problem> for ProblemDto {
    fn from(p: &kelisim_core::Problem) -> ProblemDto {
        let small = |n: Option<usize>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
        ProblemDto {
            path: p.path.clone(),
            code: p.code.to_owned(),
            message: p.message.clone(),
            line: small(p.line),
            column: small(p.column),
        }
    }
}

/// The result of validating a document without storing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    pub valid: bool,
    /// `sha256:<hex>` of the canonical JSON, when valid.
    pub content_hash: Option<String>,
    pub problems: Vec<ProblemDto>,
}

/// A memorandum's workflow status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum StatusDto {
    Draft,
    Approved,
    Signing,
    Signed,
    Archived,
}

impl From<kelisim_core::workflow::Status> for StatusDto {
    fn from(s: kelisim_core::workflow::Status) -> StatusDto {
        use kelisim_core::workflow::Status as S;
        match s {
            S::Draft => StatusDto::Draft,
            S::Approved => StatusDto::Approved,
            S::Signing => StatusDto::Signing,
            S::Signed => StatusDto::Signed,
            S::Archived => StatusDto::Archived,
        }
    }
}

impl From<StatusDto> for kelisim_core::workflow::Status {
    fn from(s: StatusDto) -> Self {
        use kelisim_core::workflow::Status as S;
        match s {
            StatusDto::Draft => S::Draft,
            StatusDto::Approved => S::Approved,
            StatusDto::Signing => S::Signing,
            StatusDto::Signed => S::Signed,
            StatusDto::Archived => S::Archived,
        }
    }
}

/// A memorandum as the registry lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoSummary {
    pub id: u32,
    pub status: StatusDto,
    pub title: String,
    pub date: String,
    pub languages: Vec<String>,
    pub parties: String,
    pub current_revision: u32,
    pub approved_revision: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
}

/// A page of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoPage {
    pub items: Vec<MemoSummary>,
    /// How many match in all.
    pub total: u32,
}

/// One revision, without its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RevisionInfo {
    pub number: u32,
    pub content_hash: String,
    pub author: String,
    pub created_at: String,
}

/// A memorandum with its revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoDetail {
    pub summary: MemoSummary,
    pub content_hash: String,
    pub revisions: Vec<RevisionInfo>,
}

/// Sort order of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum SortDto {
    #[default]
    Updated,
    Date,
    Title,
}

/// What to list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ListParams {
    pub status: Option<StatusDto>,
    pub query: Option<String>,
    pub organisation: Option<u32>,
    #[serde(default)]
    pub sort: SortDto,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// A word-level piece of a changed clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum WordsDto {
    Same(String),
    Removed(String),
    Added(String),
}

/// One difference in one language. Labels are the computed numbers («1.2.»); a changed item
/// has its label in the newer revision and the one it had before (`previous`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ChangeDto {
    Added {
        label: String,
        text: String,
    },
    Removed {
        label: String,
        text: String,
    },
    Changed {
        label: String,
        previous: String,
        words: Vec<WordsDto>,
    },
}

/// The changes in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LanguageDiff {
    pub language: String,
    pub changes: Vec<ChangeDto>,
}

/// Two revisions compared clause by clause, per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DiffDto {
    pub from: u32,
    pub to: u32,
    pub languages: Vec<LanguageDiff>,
}

/// The audit chain's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditCheck {
    pub intact: bool,
    pub entries: u32,
    pub head: String,
    pub problems: Vec<String>,
}

/// A built-in template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub name: String,
    pub description: String,
    pub languages: Vec<String>,
}

/// An organisation of the registry, as last used in a memorandum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationDto {
    pub id: u32,
    pub bin: Option<String>,
    pub kind: String,
    /// The party as JSON (`kelisim.memorandum/1`'s party object).
    pub party: String,
    pub updated_at: String,
}

/// A page layout, to override the memorandum's own when rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LayoutDto {
    Parallel,
    Sequential,
    Single,
}
