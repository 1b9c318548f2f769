//! The hash-chained audit log: a memorandum's history, shown with the whole chain's check, and
//! the check itself.

use serde::{Deserialize, Serialize};

use crate::dto::AuditCheck;
use crate::memos::small;
use crate::{AppError, Kelisim};

/// One entry of a memorandum's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntryDto {
    /// The entry's place in the whole log.
    pub seq: u32,
    /// When, UTC.
    pub at: String,
    /// A stable action: `created`, `imported`, `edited`, `approved`, `reopened`, `signed`,
    /// `exported`, …
    pub action: String,
    /// The operating-system user who acted.
    pub actor: String,
    /// The revision concerned, when the entry names one.
    pub revision: Option<u32>,
    /// Who signed, for `signed`.
    pub signer: Option<String>,
    /// The SHA-256 of the PDF concerned, for `approved`, `signed` and PDF exports.
    pub pdf_sha256: Option<String>,
    /// The entry's details as recorded (JSON).
    pub details: String,
    /// The entry's hash in the chain (`sha256:…`).
    pub hash: String,
}

/// A memorandum's history and the check of the chain it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoHistoryDto {
    pub memorandum: u32,
    /// Oldest first.
    pub entries: Vec<HistoryEntryDto>,
    /// The whole log's check: a break anywhere makes every history doubtful.
    pub check: AuditCheck,
}

fn text_field(details: &serde_json::Value, key: &str) -> Option<String> {
    details.get(key).and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

impl Kelisim {
    /// The history of memorandum `id`, oldest first, with the audit chain's check.
    pub async fn memo_history(&self, id: u32) -> Result<MemoHistoryDto, AppError> {
        let id64 = i64::from(id);
        // Not found is an error, not an empty history.
        self.store.memorandum(id64).await?;
        let entries = self
            .store
            .audit_entries(Some(id64))
            .await?
            .into_iter()
            .map(|e| HistoryEntryDto {
                seq: small(e.seq),
                at: e.at,
                action: e.action,
                actor: e.actor,
                revision: e
                    .details
                    .get("revision")
                    .and_then(serde_json::Value::as_i64)
                    .map(small),
                signer: text_field(&e.details, "signer"),
                pdf_sha256: text_field(&e.details, "pdf_sha256"),
                details: e.details.to_string(),
                hash: e.hash,
            })
            .collect();
        Ok(MemoHistoryDto {
            memorandum: id,
            entries,
            check: self.verify_audit().await?,
        })
    }

    /// Checks the whole audit chain.
    pub async fn verify_audit(&self) -> Result<AuditCheck, AppError> {
        let report = self.store.verify_audit().await?;
        Ok(AuditCheck {
            intact: report.intact(),
            entries: small(report.entries),
            head: report.head,
            problems: report.problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn approved(app: &Kelisim) -> u32 {
        let text = include_str!("../../core/tests/fixtures/youth-volunteering.json");
        let memo = app.create(text).await.unwrap();
        app.approve(memo.id).await.unwrap();
        memo.id
    }

    #[tokio::test]
    async fn the_history_lists_what_happened_to_one_memorandum_with_the_chain_check() {
        let dir = tempfile::tempdir().unwrap();
        let app = Kelisim::open(dir.path()).await.unwrap();
        let id = approved(&app).await;
        let other = app
            .create(include_str!(
                "../../core/tests/fixtures/youth-volunteering.json"
            ))
            .await
            .unwrap();
        let out = dir.path().join("memo.pdf");
        let exported = app.export_pdf_to_file(id, &out).await.unwrap();
        assert_eq!(std::fs::read(&out).unwrap().len() as u32, exported.bytes);

        let history = app.memo_history(id).await.unwrap();
        let actions: Vec<&str> = history.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["created", "approved", "exported"]);
        assert_eq!(
            history.entries[2].pdf_sha256.as_deref(),
            Some(exported.sha256.as_str())
        );
        assert!(history.check.intact, "{:?}", history.check.problems);
        assert_eq!(app.memo_history(other.id).await.unwrap().entries.len(), 1);
        let missing = app.memo_history(999).await.unwrap_err();
        assert_eq!(missing.to_api().code, crate::ErrorCode::NotFound);
    }

    #[tokio::test]
    async fn a_memorandum_without_a_pdf_cannot_be_exported_as_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let app = Kelisim::open(dir.path()).await.unwrap();
        let text = include_str!("../../core/tests/fixtures/youth-volunteering.json");
        let memo = app.create(text).await.unwrap();
        let out = dir.path().join("draft.pdf");
        let err = app.export_pdf_to_file(memo.id, &out).await.unwrap_err();
        assert_eq!(err.to_api().code, crate::ErrorCode::NotFound);
        assert!(!out.exists());
    }
}
