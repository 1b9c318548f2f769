//! Memorandums to and from files: JSON import and export, a signed memorandum PDF from another
//! party ([`pdf_import`]), and a memorandum's newest PDF written out. Every export is recorded
//! in the audit log.

mod pdf_import;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dto::MemoSummary;
use crate::memos::actor;
use crate::{AppError, Kelisim};

/// A PDF written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportedPdfDto {
    pub path: String,
    /// SHA-256 of the bytes written, hex.
    pub sha256: String,
    pub bytes: u32,
}

impl Kelisim {
    /// A new draft from a memorandum JSON document that came from outside (a file).
    pub async fn import(&self, text: &str, source: &str) -> Result<MemoSummary, AppError> {
        self.store_new(text, source, "imported").await
    }

    /// Imports a memorandum JSON file as a new draft.
    pub async fn import_file(&self, path: &Path) -> Result<MemoSummary, AppError> {
        let text = crate::files::read_document(path)?;
        self.import(&text, &path.display().to_string()).await
    }

    /// The document of a revision (the current one by default), as readable JSON; the export is
    /// recorded in the audit log.
    pub async fn export(&self, id: u32, revision: Option<u32>) -> Result<String, AppError> {
        let (text, number, hash) = self.document_and_hash(id, revision).await?;
        self.store
            .record(
                Some(i64::from(id)),
                "exported",
                &actor(),
                &serde_json::json!({ "revision": number, "content_hash": hash }),
            )
            .await?;
        Ok(text)
    }

    /// Writes a revision's JSON to `path` (atomically) and records the export.
    pub async fn export_to_file(
        &self,
        id: u32,
        revision: Option<u32>,
        path: &Path,
    ) -> Result<(), AppError> {
        let text = self.export(id, revision).await?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// Writes the memorandum's newest PDF (the approved rendering or its latest signed version)
    /// to `path`, atomically, and records the export in the audit log.
    pub async fn export_pdf_to_file(
        &self,
        id: u32,
        path: &Path,
    ) -> Result<ExportedPdfDto, AppError> {
        let id64 = i64::from(id);
        let row = self.store.latest_pdf(id64).await?;
        crate::files::write_atomically(path, &row.pdf)?;
        let sha256 = crate::render::sha256_hex(&row.pdf);
        self.store
            .record(
                Some(id64),
                "exported",
                &actor(),
                &serde_json::json!({
                    "format": "pdf",
                    "kind": row.kind,
                    "pdf_sha256": sha256,
                    "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
                }),
            )
            .await?;
        Ok(ExportedPdfDto {
            path: path.display().to_string(),
            sha256,
            bytes: u32::try_from(row.pdf.len()).unwrap_or(u32::MAX),
        })
    }
}
