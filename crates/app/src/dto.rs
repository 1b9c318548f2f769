//! The types that cross the API boundary. They are serialised for the UI (camelCase JSON) and the
//! CLI's `--json`, and described to TypeScript through `specta`. Domain types stay out of them.

use std::collections::BTreeMap;

use kelisim_core::messages::problem_text;
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
    /// The values the text names (`language`, `id`, `value`…), by name.
    pub params: BTreeMap<String, String>,
    /// The English sentence, for logs.
    pub message: String,
    /// The sentence in each interface language; the UI shows the one it is in.
    pub text: LocalizedDto,
    /// For malformed JSON: where, 1-based.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// One sentence in every interface language, written by Rust from a code and its params, so
/// the UI picks its language and keeps no table of its own for these codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LocalizedDto {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl LocalizedDto {
    /// The sentence in `lang`.
    pub fn get(&self, lang: kelisim_core::UiLanguage) -> &str {
        match lang {
            kelisim_core::UiLanguage::Kk => &self.kk,
            kelisim_core::UiLanguage::Ru => &self.ru,
            kelisim_core::UiLanguage::En => &self.en,
        }
    }
}

/// Params as the DTOs carry them: name → value.
pub(crate) fn params_map(params: &[(&'static str, String)]) -> BTreeMap<String, String> {
    params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

impl From<&kelisim_core::Problem> for ProblemDto {
    fn from(p: &kelisim_core::Problem) -> ProblemDto {
        let small = |n: Option<usize>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
        ProblemDto {
            path: p.path.clone(),
            code: p.code.to_owned(),
            params: params_map(&p.params),
            message: p.message.clone(),
            text: LocalizedDto {
                kk: problem_text(p, UiLanguage::Kk),
                ru: problem_text(p, UiLanguage::Ru),
                en: problem_text(p, UiLanguage::En),
            },
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
    /// Its registration number, when it has one.
    pub registration_number: Option<String>,
    /// The last day of its term's current period (`YYYY-MM-DD`; see `kelisim_core::term`).
    pub expires_on: Option<String>,
    /// The last day notice of non-renewal can be given for that period (`YYYY-MM-DD`).
    pub notice_by: Option<String>,
    /// For an amendment: the id of the memorandum it amends.
    pub amends_id: Option<u32>,
    /// How many amendments amend it.
    pub amendments: u32,
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
    /// The texts that need translating (stored; kept until translated or dismissed).
    pub translation_flags: Vec<crate::TranslationFlagDto>,
    pub revisions: Vec<RevisionInfo>,
    /// For an amendment: the memorandum it amends.
    pub base: Option<MemoSummary>,
    /// Its amendments, oldest first.
    pub amendments: Vec<MemoSummary>,
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
    /// Only memorandums whose term's current period ends within this many days from today.
    #[serde(default)]
    pub expiring_within_days: Option<u32>,
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
    /// The open translation flags raised by revision `to` or earlier.
    pub translation_flags: Vec<crate::TranslationFlagDto>,
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

/// A built-in template, with everything the new-memorandum dialog offers for it (so the
/// dialog need not read every template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub name: String,
    pub description: String,
    /// The languages the template is written in (its default choice).
    pub languages: Vec<String>,
    /// Every language it can be made in: its own and those of its family's templates with the
    /// same clauses, in the order kk, ru, en.
    pub available_languages: Vec<String>,
    /// The template's own layout (its default).
    pub layout: LayoutDto,
    /// The layouts a memorandum in one language can have.
    pub layouts_one_language: Vec<LayoutDto>,
    /// The layouts a memorandum in two or more languages can have; the first is the default.
    pub layouts_several_languages: Vec<LayoutDto>,
    /// The parties' seats, in order: each can be filled from the organisations registry.
    pub seats: Vec<SeatInfo>,
}

/// A party's seat in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SeatInfo {
    /// The party's id (`state`, `ngo`): what [`PartyChoice::seat`] names.
    pub id: String,
    /// The party's kind (`state_body`, `ngo`, …).
    pub kind: String,
}

/// A memorandum's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LanguageDto {
    Kk,
    Ru,
    En,
}

impl From<LanguageDto> for kelisim_core::Language {
    fn from(value: LanguageDto) -> Self {
        match value {
            LanguageDto::Kk => kelisim_core::Language::Kk,
            LanguageDto::Ru => kelisim_core::Language::Ru,
            LanguageDto::En => kelisim_core::Language::En,
        }
    }
}

/// An organisation of the registry, by BIN or by its registry id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum OrganisationRef {
    Bin(String),
    Id(u32),
}

/// A template party's seat filled from the organisations registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartyChoice {
    /// The seat (the template party's id, e.g. `ngo`).
    pub seat: String,
    pub organisation: OrganisationRef,
}

/// One field set by path: `parties[1].name.en`, `ngo.name.en` (a seat for its party),
/// `variables.purpose.kk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VariableDto {
    pub path: String,
    pub value: String,
}

/// A new memorandum from a built-in template ([`crate::Kelisim::new_memo`]), applied in this
/// order: the template in the chosen languages and layout, the date, the parties from the
/// registry, then each variable; the result is validated (schema and glyphs) before anything
/// is stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewMemoRequest {
    pub template: String,
    /// The languages, in any order (kept as kk, ru, en); empty: the template's own.
    #[serde(default)]
    pub languages: Vec<LanguageDto>,
    /// Default: parallel for two or more languages, single for one.
    #[serde(default)]
    pub layout: Option<LayoutDto>,
    /// `YYYY-MM-DD`; default: the template's.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub parties: Vec<PartyChoice>,
    #[serde(default)]
    pub variables: Vec<VariableDto>,
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

impl From<LayoutDto> for kelisim_core::Layout {
    fn from(value: LayoutDto) -> Self {
        match value {
            LayoutDto::Parallel => kelisim_core::Layout::Parallel,
            LayoutDto::Sequential => kelisim_core::Layout::Sequential,
            LayoutDto::Single => kelisim_core::Layout::Single,
        }
    }
}

impl From<kelisim_core::Layout> for LayoutDto {
    fn from(value: kelisim_core::Layout) -> Self {
        match value {
            kelisim_core::Layout::Parallel => LayoutDto::Parallel,
            kelisim_core::Layout::Sequential => LayoutDto::Sequential,
            kelisim_core::Layout::Single => LayoutDto::Single,
        }
    }
}

/// What to put into a new key's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewKeyRequest {
    /// The key's label in the keystore (`aigerim`): 1–64 of `A–Z a–z 0–9 . _ -`.
    pub label: String,
    /// The person's name as the memorandum writes it (matched against its signatories).
    pub name: String,
    pub position: String,
    pub organisation: String,
    /// The organisation's 12-digit BIN, where known.
    pub bin: Option<String>,
    /// Validity in days from now.
    pub validity_days: u32,
    /// The label of the organisation CA key that issues the certificate; self-signed if `null`.
    pub issuer: Option<String>,
    /// A certificate authority (`key ca new`) rather than a signer.
    pub is_ca: bool,
}

/// A key of the keystore: its certificate's public facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeyDto {
    pub label: String,
    pub name: String,
    pub position: String,
    pub organisation: String,
    pub bin: Option<String>,
    pub country: String,
    /// SHA-256 of the certificate, `3F2A 9C01 …`, to compare over the phone.
    pub fingerprint: String,
    pub is_ca: bool,
    /// The issuing CA's subject; `null` when self-signed.
    pub issuer: Option<String>,
    /// Validity, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub not_before: String,
    pub not_after: String,
    pub certificate_pem: String,
}

/// A certificate in the trust store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrustedCertificateDto {
    pub fingerprint: String,
    /// The subject, RFC 4514.
    pub subject: String,
    pub is_ca: bool,
    pub added_at: String,
    /// For whom it vouches.
    pub scope: TrustScopeDto,
    /// Where the trust came from.
    pub origin: TrustOriginDto,
}

/// For whom a trusted certificate vouches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TrustScopeDto {
    /// Only signatures made with this very certificate.
    ThisCertificate,
    /// Certificates this CA issued (directly or through intermediates) whose subject names one
    /// of these organisations by BIN; none when the list is empty.
    Organisations { bins: Vec<String> },
}

/// Where a trusted certificate's trust came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum TrustOriginDto {
    /// Added by the user (`kelisim trust add`, the trust panel).
    Added,
    /// A key this installation created or restored from a backup.
    OwnKey,
    /// The signer of a verified PDF, trusted from the verification view.
    Signer,
}

/// How to sign a PDF file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignFileOptions {
    /// A certification signature (DocMDP P=2); only as the first signature.
    pub certify: bool,
    pub reason: Option<String>,
    pub location: Option<String>,
}

/// A signature just made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignedDto {
    /// The memorandum after signing (for `memo sign`).
    pub memorandum: Option<MemoSummary>,
    /// The signature field (`kelisim:<party>:<signatory>` for memorandums).
    pub field: String,
    pub signer: String,
    pub fingerprint: String,
    /// Whether this was a certification signature.
    pub certified: bool,
    /// Every signatory has now signed (for `memo sign`).
    pub complete: bool,
    /// SHA-256 of the signed PDF, hex.
    pub sha256: String,
}

/// The verdict on a whole PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum VerdictDto {
    /// Every signature intact, verified and trusted; nothing but signatures added later.
    Valid,
    /// As valid, but a signer is not in the trust store.
    ValidUntrusted,
    /// A signature is broken, malformed, or its certificate was not valid then.
    Invalid,
    /// Something other than a signature was changed after signing.
    ModifiedAfterSigning,
    /// The pages are not the rendering of the memorandum embedded in the PDF.
    ContentMismatch,
    /// The signatures verify, but the pages could not be re-derived: not a Kelisim rendering,
    /// or made by another renderer version. What the pages say was not checked, so this is
    /// never valid (`kelisim verify` exits 7).
    NotRederived,
    /// No signatures at all.
    NoSignatures,
}

/// One change after signing that is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ModificationDto {
    /// `12 0` when an object is concerned.
    pub object: Option<String>,
    /// A stable kind: `page_content_changed`, `annotation_added`, …
    pub kind: String,
    /// The English description, naming more than `text` (for logs).
    pub description: String,
    /// The change in each interface language, by kind and object.
    pub text: LocalizedDto,
}

/// One thing verification found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FindingDto {
    /// A stable code such as `digest_mismatch`, `trust_no_path`, `changed_after_rendering`.
    pub code: String,
    /// The values the text names (`object`, `certificate`, `offset`…), by name.
    pub params: BTreeMap<String, String>,
    /// The sentence in each interface language; the UI shows the one it is in.
    pub text: LocalizedDto,
    /// The English sentence, for logs and CSV.
    pub message: String,
}

impl From<&kelisim_sign::Finding> for FindingDto {
    fn from(f: &kelisim_sign::Finding) -> FindingDto {
        FindingDto {
            code: f.code.as_str().to_owned(),
            params: params_map(&f.params),
            text: crate::messages::finding_text(f.code.as_str(), &f.params, &f.message),
            message: f.message.clone(),
        }
    }
}

/// One signature as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignatureDto {
    pub field: String,
    /// The signer certificate's subject (RFC 4514).
    pub signer: Option<String>,
    pub fingerprint: Option<String>,
    /// The claimed signing time, UTC.
    pub signed_at: Option<String>,
    pub algorithm: Option<String>,
    /// The DocMDP level when this is a certification signature.
    pub certification: Option<u32>,
    /// The byte range is well-formed and the digest over it matches (integrity).
    pub integrity: bool,
    /// The signature verifies with the signer's key.
    pub signature_valid: bool,
    /// The certificate (and its issuers) were valid at the signing time.
    pub certificate_valid: bool,
    /// A path leads to a trusted certificate.
    pub trusted: bool,
    pub covers_whole_file: bool,
    pub modifications: Vec<ModificationDto>,
    pub problems: Vec<FindingDto>,
    pub verdict: VerdictDto,
}

/// Whether the PDF's first revision is the rendering of its embedded memorandum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum AgreementStatus {
    /// Re-rendering the embedded memorandum gives the first revision byte for byte.
    Matches,
    /// It does not: the pages are not what the embedded memorandum says.
    Differs,
    /// Made by another renderer version, so it cannot be re-derived by this one.
    NotRederivable,
    /// No embedded Kelisim memorandum.
    NotKelisim,
}

/// "What you see is what was agreed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AgreementDto {
    pub status: AgreementStatus,
    /// The producer recorded in the PDF (`Kelisim kelisim-pdf/1`).
    pub producer: Option<String>,
    /// The embedded memorandum's content hash.
    pub content_hash: Option<String>,
    /// What was found, in English (for logs).
    pub detail: String,
    /// A stable code for what was found: `agreement_matches`, `agreement_other_renderer`, …
    pub code: String,
    /// The values `text` names, by name.
    pub params: BTreeMap<String, String>,
    /// What was found in each interface language.
    pub text: LocalizedDto,
}

/// The verification of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VerificationDto {
    pub verdict: VerdictDto,
    pub signatures: Vec<SignatureDto>,
    pub problems: Vec<FindingDto>,
    pub agreement: AgreementDto,
}

/// When the registration journal assigns a memorandum its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AssignAtDto {
    /// When it is approved (the number is in the approved PDF).
    #[default]
    Approval,
    /// Just before its first signature (the approved PDF is rendered again with it).
    FirstSignature,
}

/// The registration journal's settings. A number is `template` with `{prefix}`, `{counter}`
/// (zero-padded to `padding` digits) and `{year}` (of the registration date) filled in, e.g.
/// `{prefix}{counter}` with prefix `02-15/` → `02-15/123`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalSettingsDto {
    /// Whether numbers are assigned at all (off until the journal is set up).
    pub enabled: bool,
    /// Up to 32 characters, no braces or control characters.
    pub prefix: String,
    /// Holds `{counter}` once; `{prefix}` and `{year}` at most once each.
    pub template: String,
    /// The counter's minimum number of digits (0–9; 0 = no padding).
    pub padding: u32,
    pub assign_at: AssignAtDto,
}

impl Default for JournalSettingsDto {
    fn default() -> Self {
        JournalSettingsDto {
            enabled: false,
            prefix: String::new(),
            template: "{prefix}{counter}".into(),
            padding: 0,
            assign_at: AssignAtDto::Approval,
        }
    }
}

/// The number the journal would assign next with some settings (saved or being edited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JournalPreviewDto {
    /// The next number, e.g. `02-15/124`.
    pub number: String,
    /// The counter value it carries (never one assigned before).
    pub counter: u32,
    /// The year it would carry (today's).
    pub year: u32,
}

/// The journal written to a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JournalExportDto {
    pub path: String,
    /// How many numbers (rows after the header) it holds.
    pub entries: u32,
}

/// One number of the registration journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryDto {
    pub number: String,
    /// The registration date, `YYYY-MM-DD`.
    pub date: String,
    pub memorandum_id: u32,
    /// In the first language, as the registry lists it.
    pub title: String,
    /// The memorandum's status now (draft, approved, signing, signed, archived).
    pub status: String,
}
