//! The one error type of the API boundary, and its serialised form `{ "code", "message" }`.
//!
//! The UI and scripts branch on [`ErrorCode`], never on the English text. Codes are stable: add
//! one when something needs to tell it apart, never rename one.

use std::path::PathBuf;

use kelisim_core::templates::TemplateError;
use kelisim_core::Problem;
use kelisim_sign::SignError;
use kelisim_store::StoreError;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::dto::{params_map, LocalizedDto, ProblemDto};
use crate::messages::{localized, Reason};

/// Declares [`ErrorCode`] from ONE list: the enum (serialised in snake_case), its `as_str`, and
/// `ErrorCode::ALL`, which the tests here, the CLI's help test and the exit-code mapping walk — a
/// new code cannot be missed by any of them.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $name:ident => $text:literal,)*) => {
        /// A stable, machine-readable error code. Serialised in snake_case.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $name,)*
        }

        impl ErrorCode {
            /// Every code, in the order declared.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)*];

            /// The code as it is serialised, for logs and the CLI's plain output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => $text,)*
                }
            }
        }
    };
}

error_codes! {
    /// The data folder cannot be created or used (permissions, a file in its place, a full disk).
    DataDirUnavailable => "data_dir_unavailable",
    /// The database cannot be opened or brought up to date.
    DatabaseUnavailable => "database_unavailable",
    /// A read or write in the database failed.
    Database => "database",
    /// Something given to a command is not acceptable; the message names the field.
    InvalidInput => "invalid_input",
    /// A memorandum document has problems; `problems` lists every one with its JSON path.
    ValidationFailed => "validation_failed",
    /// The memorandum, revision or organisation asked for does not exist.
    NotFound => "not_found",
    /// The action is not allowed in the memorandum's current state (e.g. editing an approved one).
    Conflict => "conflict",
    /// A file could not be read or written; the message names it.
    File => "file",
    /// A bug: Kelisim failed where it should not have. Details are in the log.
    Internal => "internal",
    /// The passphrase does not open the key (or the key file was altered). Nothing changed.
    WrongPassphrase => "wrong_passphrase",
    /// A signed PDF failed verification: a broken or invalid signature, a change after
    /// signing, or pages that are not the rendering of the embedded memorandum.
    SignatureInvalid => "signature_invalid",
    /// A signature verifies but its signer (or their CA) is not in the trust store.
    UntrustedSigner => "untrusted_signer",
    /// The key file declares Argon2id costs below the floor Kelisim accepts (it could be
    /// guessed cheaply, or was altered): restore the key from a backup, or create a new one.
    KdfTooWeak => "kdf_too_weak",
}

/// The error as the UI and `--json` see it: the code, the values its text names, the English
/// message for logs and the text in every interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{message} [{}]", code.as_str())]
pub struct ApiError {
    pub code: ErrorCode,
    /// The key of `text` in the message catalog: the code's name, a signing-crate code, or a
    /// specific reason (`not_a_signatory`, `workflow_refused`…).
    pub reason: String,
    /// The values `text` names (`id`, `status`, `field`, `label`…), by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// The English sentence, for logs.
    pub message: String,
    /// The sentence in each interface language; the UI shows the one it is in.
    pub text: Box<LocalizedDto>,
    /// For `validation_failed`: every problem, each with its JSON path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemDto>,
}

impl ApiError {
    /// An error with only its code: the text is the code's general sentence.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            code,
            reason: code.as_str().to_owned(),
            params: BTreeMap::new(),
            text: Box::new(localized(code.as_str(), &[], &message)),
            message,
            problems: Vec::new(),
        }
    }
}

/// Every failure of a use case. Converted to [`ApiError`] at the boundary.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the data folder {} cannot be used: {reason}", path.display())]
    DataDir { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// A value refused for a reason the catalog words in every interface language (code
    /// `invalid_input`; the text names the field through the reason's params).
    #[error("{field}: {reason}")]
    Rejected { field: String, reason: Reason },
    #[error("{} has {} problem{}", what, problems.len(), if problems.len() == 1 { "" } else { "s" })]
    Invalid {
        what: String,
        problems: Vec<Problem>,
    },
    #[error("{what}: {reason}")]
    File { what: String, reason: String },
    #[error("rendering failed: {0}")]
    Render(String),
    #[error(transparent)]
    Sign(#[from] SignError),
    /// The action cannot be done in this situation (no matching signatory, signed already…).
    #[error("{0}")]
    Refused(Reason),
    #[error("{0}")]
    SignatureInvalid(Reason),
    #[error("{0}")]
    UntrustedSigner(Reason),
}

impl From<TemplateError> for AppError {
    fn from(err: TemplateError) -> AppError {
        match err {
            TemplateError::Invalid(problems) => AppError::Invalid {
                what: "the filled-in template".into(),
                problems,
            },
            TemplateError::Unknown(_) => AppError::InvalidInput {
                field: "template".into(),
                message: err.to_string(),
            },
            TemplateError::BadAssignment { ref path, ref why } => AppError::InvalidInput {
                field: path.clone(),
                message: why.clone(),
            },
        }
    }
}

/// The code of a signing-crate error. Exhaustive, with no wildcard: a new `SignError` variant
/// does not compile until it is mapped here.
fn sign_code(err: &SignError) -> ErrorCode {
    match err {
        SignError::WrongPassphrase => ErrorCode::WrongPassphrase,
        SignError::KdfTooWeak { .. } => ErrorCode::KdfTooWeak,
        SignError::KeyNotFound(_) => ErrorCode::NotFound,
        SignError::KeyExists(_) => ErrorCode::Conflict,
        SignError::InvalidLabel(_)
        | SignError::NotACertificateAuthority(_)
        | SignError::InvalidSubject(_)
        | SignError::InvalidKeyFile(_)
        | SignError::UnsupportedVersion(_)
        | SignError::InvalidPdf(_)
        | SignError::InvalidOptions(_) => ErrorCode::InvalidInput,
        SignError::Io(_) => ErrorCode::File,
        // Failures of the signing machinery itself: bugs, not the user's input.
        SignError::Certificate(_) | SignError::SignatureTooLarge { .. } | SignError::Cms(_) => {
            ErrorCode::Internal
        }
    }
}

/// The values a signing-crate error's text names.
fn sign_params(err: &SignError) -> Vec<(&'static str, String)> {
    match err {
        SignError::KeyNotFound(label)
        | SignError::KeyExists(label)
        | SignError::InvalidLabel(label)
        | SignError::NotACertificateAuthority(label) => vec![("label", label.clone())],
        SignError::KdfTooWeak { m_cost_kib, t_cost } => vec![
            ("memory", m_cost_kib.to_string()),
            ("passes", t_cost.to_string()),
        ],
        _ => Vec::new(),
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::DataDir { .. } => ErrorCode::DataDirUnavailable,
            AppError::Store(StoreError::DataDir { .. }) => ErrorCode::DataDirUnavailable,
            AppError::Store(StoreError::Open { .. } | StoreError::Migrate { .. }) => {
                ErrorCode::DatabaseUnavailable
            }
            AppError::Store(StoreError::Sql { .. }) => ErrorCode::Database,
            AppError::Store(StoreError::NotFound { .. }) => ErrorCode::NotFound,
            AppError::Store(StoreError::Refused { .. } | StoreError::Stale { .. }) => {
                ErrorCode::Conflict
            }
            AppError::Store(StoreError::Duplicate { .. }) => ErrorCode::Conflict,
            AppError::InvalidInput { .. } | AppError::Rejected { .. } => ErrorCode::InvalidInput,
            AppError::Invalid { .. } => ErrorCode::ValidationFailed,
            AppError::File { .. } => ErrorCode::File,
            AppError::Render(_) => ErrorCode::Internal,
            AppError::Sign(err) => sign_code(err),
            AppError::Refused(_) => ErrorCode::Conflict,
            AppError::SignatureInvalid(_) => ErrorCode::SignatureInvalid,
            AppError::UntrustedSigner(_) => ErrorCode::UntrustedSigner,
        }
    }

    /// The serialised form. Failures the user can act on keep their specific message (it names
    /// the path or field); internal database failures are logged in full and shown generically.
    pub fn to_api(&self) -> ApiError {
        let code = self.code();
        let message = match self {
            AppError::Store(StoreError::Sql { action, .. }) => {
                tracing::error!(error = %self, "database failure");
                format!(
                    "Kelisim could not {action} in its database. Nothing was changed; \
                     try again, and if it persists see the log for details."
                )
            }
            other => {
                tracing::warn!(error = %other, code = code.as_str(), "request failed");
                other.to_string()
            }
        };
        let problems = match self {
            AppError::Invalid { problems, .. } => problems.iter().map(ProblemDto::from).collect(),
            _ => Vec::new(),
        };
        let (reason, params) = self.reason();
        ApiError {
            code,
            reason: reason.to_owned(),
            params: params_map(&params),
            text: Box::new(localized(reason, &params, &message)),
            message,
            problems,
        }
    }

    /// The catalog key of this error's text and the values it names (see `crate::messages`).
    pub fn reason(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let path = |p: &std::path::Path| vec![("path", p.display().to_string())];
        match self {
            AppError::DataDir { path: p, .. }
            | AppError::Store(StoreError::DataDir { path: p, .. }) => ("data_dir_at", path(p)),
            AppError::Store(
                StoreError::Open { path: p, .. } | StoreError::Migrate { path: p, .. },
            ) => ("database_at", path(p)),
            AppError::Store(StoreError::Sql { .. }) => ("database", Vec::new()),
            AppError::Store(StoreError::NotFound { what }) => {
                ("not_found_what", vec![("what", what.clone())])
            }
            AppError::Store(StoreError::Refused { id, refused }) => (
                "workflow_refused",
                vec![
                    ("id", id.to_string()),
                    // Stable words; the catalog gives them in each language (`messages::word`).
                    ("action", refused.action.as_str().to_owned()),
                    ("status", refused.from.as_str().to_owned()),
                ],
            ),
            AppError::Store(StoreError::Stale {
                id,
                expected,
                current,
            }) => (
                "stale_revision",
                vec![
                    ("id", id.to_string()),
                    ("expected", expected.to_string()),
                    ("current", current.to_string()),
                ],
            ),
            AppError::Store(StoreError::Duplicate { what }) => {
                ("duplicate_what", vec![("what", what.clone())])
            }
            AppError::InvalidInput { field, .. } => {
                ("invalid_field", vec![("field", field.clone())])
            }
            AppError::Rejected { field, reason } => {
                let mut params = reason.params.clone();
                params.push(("field", field.clone()));
                (reason.key, params)
            }
            AppError::Invalid { problems, .. } => (
                "validation_failed_count",
                vec![("count", problems.len().to_string())],
            ),
            AppError::File { what, .. } => ("file_at", vec![("path", what.clone())]),
            AppError::Render(_) => ("internal", Vec::new()),
            AppError::Sign(err @ SignError::KdfTooWeak { .. }) => {
                ("kdf_too_weak_costs", sign_params(err))
            }
            AppError::Sign(err) => (err.code(), sign_params(err)),
            AppError::Refused(r) | AppError::SignatureInvalid(r) | AppError::UntrustedSigner(r) => {
                (r.key, r.params.clone())
            }
        }
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> ApiError {
        err.to_api()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let err = ApiError::new(ErrorCode::InvalidInput, "language: unknown");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_input",
                "reason": "invalid_input",
                "message": "language: unknown",
                "text": {
                    "kk": "Берілген мән қабылданбайды",
                    "ru": "Переданное значение не принято",
                    "en": "a value given is not acceptable",
                },
            })
        );
    }

    #[test]
    fn signing_errors_keep_their_codes() {
        let code = |e: SignError| AppError::from(e).code();
        assert_eq!(code(SignError::WrongPassphrase), ErrorCode::WrongPassphrase);
        assert_eq!(
            code(SignError::KeyNotFound("k".into())),
            ErrorCode::NotFound
        );
        assert_eq!(code(SignError::KeyExists("k".into())), ErrorCode::Conflict);
        assert_eq!(
            code(SignError::InvalidLabel("/".into())),
            ErrorCode::InvalidInput
        );
        assert_eq!(code(SignError::Cms("x".into())), ErrorCode::Internal);
    }

    #[test]
    fn only_failures_of_the_signing_machinery_are_internal() {
        // One error of every variant the signing crate has (`sign_code` is exhaustive, so a
        // new variant is mapped before it compiles; add it here too).
        let all = [
            SignError::WrongPassphrase,
            SignError::KeyNotFound("k".into()),
            SignError::KeyExists("k".into()),
            SignError::InvalidLabel("/".into()),
            SignError::NotACertificateAuthority("k".into()),
            SignError::InvalidSubject("x".into()),
            SignError::InvalidKeyFile("x".into()),
            SignError::UnsupportedVersion(9),
            SignError::Certificate("x".into()),
            SignError::InvalidPdf("x".into()),
            SignError::InvalidOptions("x".into()),
            SignError::SignatureTooLarge {
                needed: 2,
                reserved: 1,
            },
            SignError::Cms("x".into()),
            SignError::KdfTooWeak {
                m_cost_kib: 8,
                t_cost: 1,
            },
            SignError::Io(std::io::Error::other("x")),
        ];
        let internal = ["certificate_failed", "signature_too_large", "cms_failed"];
        for err in all {
            let sign = err.code();
            let mapped = AppError::from(err).code();
            assert_eq!(
                mapped == ErrorCode::Internal,
                internal.contains(&sign),
                "{sign}"
            );
        }
    }

    #[test]
    fn every_code_serialises_as_its_stable_name() {
        for &code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
    }
}
