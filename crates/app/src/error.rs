//! The one error type of the API boundary, and its serialised form `{ "code", "message" }`.
//!
//! The UI and scripts branch on [`ErrorCode`], never on the English text. Codes are stable: add
//! one when something needs to tell it apart, never rename one.

use std::path::PathBuf;

use kelisim_store::StoreError;
use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code. Serialised in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The data folder cannot be created or used (permissions, a file in its place, a full disk).
    DataDirUnavailable,
    /// The database cannot be opened or brought up to date.
    DatabaseUnavailable,
    /// A read or write in the database failed.
    Database,
    /// Something given to a command is not acceptable; the message names the field.
    InvalidInput,
    /// A bug: Kelisim failed where it should not have. Details are in the log.
    Internal,
}

impl ErrorCode {
    /// The code as it is serialised, for logs and the CLI's plain output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DataDirUnavailable => "data_dir_unavailable",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::Database => "database",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Internal => "internal",
        }
    }
}

/// The error as the UI and `--json` see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{message} [{}]", code.as_str())]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
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
            AppError::InvalidInput { .. } => ErrorCode::InvalidInput,
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
        ApiError { code, message }
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
            serde_json::json!({ "code": "invalid_input", "message": "language: unknown" })
        );
    }

    #[test]
    fn every_code_serialises_as_its_stable_name() {
        for code in [
            ErrorCode::DataDirUnavailable,
            ErrorCode::DatabaseUnavailable,
            ErrorCode::Database,
            ErrorCode::InvalidInput,
            ErrorCode::Internal,
        ] {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
    }
}
