//! Importing a signed memorandum PDF from another party: whatever the import adds — the
//! memorandum with its first revision, its approval with the rendering, the signed PDF, and
//! their audit entries — in one transaction, so that a failure anywhere leaves nothing.

use crate::memorandums::{create_in, get_in};
use crate::pdfs::{add_signed_in, approve_in, Approval, SignedPdf};
use crate::{MemoRow, RevisionInput, Store, StoreError};

/// The memorandum an import adds to.
#[derive(Debug, Clone, Copy)]
pub enum ImportTarget<'a> {
    /// Not held here yet: created as a draft from this revision (audit action `action`).
    New {
        revision: &'a RevisionInput,
        action: &'a str,
    },
    /// Held here already.
    Existing(i64),
}

/// Everything one PDF import writes, in order.
#[derive(Debug, Clone, Copy)]
pub struct PdfImport<'a> {
    pub target: ImportTarget<'a>,
    /// Approve the (draft) memorandum with this rendering.
    pub approval: Option<Approval<'a>>,
    /// Then store this signed version of its PDF.
    pub signed: Option<SignedPdf<'a>>,
    pub actor: &'a str,
}

impl Store {
    /// Writes a PDF import (see [`PdfImport`]) in one transaction.
    pub async fn import_pdf(&self, import: &PdfImport<'_>) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = match import.target {
            ImportTarget::New { revision, action } => {
                create_in(&mut tx, revision, import.actor, action).await?
            }
            ImportTarget::Existing(id) => id,
        };
        if let Some(approval) = &import.approval {
            approve_in(&mut tx, id, approval, import.actor).await?;
        }
        if let Some(signed) = &import.signed {
            add_signed_in(&mut tx, id, signed, import.actor).await?;
        }
        let row = get_in(&mut *tx, id).await?;
        tx.commit().await.map_err(StoreError::sql("import a PDF"))?;
        Ok(row)
    }
}
