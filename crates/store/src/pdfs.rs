//! The PDFs of a memorandum — the approved rendering (with where it reserves each signature),
//! then each signed version — and the re-derived renderings: first revisions from elsewhere that
//! verification rendered again here and found identical. Storing a PDF and moving the workflow
//! happen in one transaction with the audit entry.

use kelisim_core::workflow::{transition, Action};
use sqlx::Row;

use crate::audit::append;
use crate::{now, MemoRow, Store, StoreError};

/// One stored PDF of a memorandum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfRow {
    pub seq: i64,
    pub revision: i64,
    pub kind: String,
    pub sha256: String,
    /// Empty in listings; the bytes in [`Store::latest_pdf`].
    pub pdf: Vec<u8>,
    pub signer: Option<String>,
    pub created_at: String,
}

/// An approved PDF this installation rendered, found by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedRendering {
    pub memorandum_id: i64,
    pub revision: i64,
    pub sha256: String,
    /// The content hash of the revision it renders.
    pub content_hash: String,
    /// Where it reserves the signatures (JSON); `None` for PDFs approved before 0004.
    pub signature_places: Option<String>,
}

/// A first revision rendered again here from its embedded memorandum, which matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RederivedRendering {
    pub sha256: String,
    pub verified_at: String,
    /// The content hash of the memorandum it renders.
    pub content_hash: String,
    /// Where it reserves the signatures (JSON, as stored with approved PDFs).
    pub signature_places: String,
}

fn pdf_row(row: &sqlx::sqlite::SqliteRow) -> Result<PdfRow, StoreError> {
    let e = || StoreError::sql("read a PDF");
    Ok(PdfRow {
        seq: row.try_get("seq").map_err(e())?,
        revision: row.try_get("revision").map_err(e())?,
        kind: row.try_get("kind").map_err(e())?,
        sha256: row.try_get("sha256").map_err(e())?,
        pdf: row.try_get("pdf").map_err(e())?,
        signer: row.try_get("signer").map_err(e())?,
        created_at: row.try_get("created_at").map_err(e())?,
    })
}

impl Store {
    /// Approves a draft and stores the PDF rendered from its current revision, atomically.
    /// `expected_revision` guards against a revision saved between rendering and approving.
    /// `signature_places` is the JSON of where that rendering reserved each signature.
    #[allow(clippy::too_many_arguments)]
    pub async fn approve_with_pdf(
        &self,
        id: i64,
        expected_revision: i64,
        pdf: &[u8],
        sha256: &str,
        signature_places: &str,
        renderer: &str,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let approval = Approval {
            revision: expected_revision,
            pdf,
            sha256,
            signature_places,
            renderer,
        };
        approve_in(&mut tx, id, &approval, actor).await?;
        let row = crate::memos::get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("approve a memorandum"))?;
        Ok(row)
    }

    /// Stores a newly signed version of the approved PDF and moves the workflow: to `signing`,
    /// or to `signed` when `complete`.
    pub async fn add_signed_pdf(
        &self,
        id: i64,
        pdf: &[u8],
        sha256: &str,
        signer: &str,
        complete: bool,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let signed = SignedPdf {
            pdf,
            sha256,
            signer,
            complete,
        };
        add_signed_in(&mut tx, id, &signed, actor).await?;
        let row = crate::memos::get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("record a signature"))?;
        Ok(row)
    }

    /// The newest PDF of a memorandum (the approved one, or the latest signed one), with bytes.
    pub async fn latest_pdf(&self, id: i64) -> Result<PdfRow, StoreError> {
        self.memorandum(id).await?;
        let row = sqlx::query(
            "SELECT seq, revision, kind, sha256, pdf, signer, created_at FROM memorandum_pdfs
             WHERE memorandum_id = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::sql("read a PDF"))?;
        match row {
            Some(row) => pdf_row(&row),
            None => Err(StoreError::not_found(format!(
                "a PDF of memorandum {id} (approve it first)"
            ))),
        }
    }

    /// The signature places stored with the approved PDF of `revision` (JSON), if any: rows
    /// approved before places were stored have none.
    pub async fn signature_places(
        &self,
        id: i64,
        revision: i64,
    ) -> Result<Option<String>, StoreError> {
        let places: Option<Option<String>> = sqlx::query_scalar(
            "SELECT signature_places FROM memorandum_pdfs
             WHERE memorandum_id = ? AND revision = ? AND kind = 'approved'
             ORDER BY seq DESC LIMIT 1",
        )
        .bind(id)
        .bind(revision)
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::sql("read the signature places"))?;
        Ok(places.flatten())
    }

    /// The approved PDF stored here (so rendered by this installation) whose SHA-256 is one
    /// of `sha256s`, if any: which memorandum and revision it renders, without its bytes.
    pub async fn approved_rendering(
        &self,
        sha256s: &[String],
    ) -> Result<Option<ApprovedRendering>, StoreError> {
        for sha in sha256s {
            let row = sqlx::query(
                "SELECT p.memorandum_id, p.revision, r.content_hash, p.signature_places
                 FROM memorandum_pdfs p
                 JOIN revisions r ON r.memorandum_id = p.memorandum_id AND r.number = p.revision
                 WHERE p.sha256 = ? AND p.kind = 'approved' LIMIT 1",
            )
            .bind(sha)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::sql("find an approved PDF"))?;
            if let Some(row) = row {
                let e = || StoreError::sql("read an approved PDF");
                return Ok(Some(ApprovedRendering {
                    memorandum_id: row.try_get("memorandum_id").map_err(e())?,
                    revision: row.try_get("revision").map_err(e())?,
                    sha256: sha.clone(),
                    content_hash: row.try_get("content_hash").map_err(e())?,
                    signature_places: row.try_get("signature_places").map_err(e())?,
                }));
            }
        }
        Ok(None)
    }

    /// Remembers that the first revision whose SHA-256 is `sha256` is, byte for byte, what
    /// `renderer` makes of its embedded memorandum (content hash `content_hash`), which reserves
    /// the signature places `signature_places` (JSON, as stored with approved PDFs).
    pub async fn remember_rederived(
        &self,
        sha256: &str,
        renderer: &str,
        content_hash: &str,
        signature_places: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO rederived_renderings
                 (sha256, renderer, content_hash, verified_at, signature_places)
             VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)
             ON CONFLICT (sha256, renderer) DO UPDATE
                 SET signature_places = excluded.signature_places
                 WHERE signature_places IS NULL",
        )
        .bind(sha256)
        .bind(renderer)
        .bind(content_hash)
        .bind(signature_places)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sql("remember a re-derived rendering"))?;
        Ok(())
    }

    /// The first of `sha256s` that `renderer` re-derived here before and whose signature places
    /// were remembered: the SHA-256, when, the content hash of the memorandum it renders, and
    /// the places (JSON). Rows remembered without places are not returned (they are rendered
    /// again, which remembers the places).
    pub async fn rederived(
        &self,
        sha256s: &[String],
        renderer: &str,
    ) -> Result<Option<RederivedRendering>, StoreError> {
        for sha in sha256s {
            let found: Option<(String, String, String)> = sqlx::query_as(
                "SELECT verified_at, content_hash, signature_places FROM rederived_renderings
                 WHERE sha256 = ? AND renderer = ? AND signature_places IS NOT NULL",
            )
            .bind(sha)
            .bind(renderer)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::sql("find a re-derived rendering"))?;
            if let Some((at, content_hash, signature_places)) = found {
                return Ok(Some(RederivedRendering {
                    sha256: sha.clone(),
                    verified_at: at,
                    content_hash,
                    signature_places,
                }));
            }
        }
        Ok(None)
    }

    /// Every PDF of a memorandum, oldest first, without the bytes.
    pub async fn pdfs(&self, id: i64) -> Result<Vec<PdfRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, revision, kind, sha256, X'' AS pdf, signer, created_at FROM memorandum_pdfs
             WHERE memorandum_id = ? ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("list PDFs"))?;
        rows.iter().map(pdf_row).collect()
    }
}

/// An approval: the rendering of the memorandum's current revision `revision`.
#[derive(Debug, Clone, Copy)]
pub struct Approval<'a> {
    /// The revision rendered; approving fails when it is no longer the current one.
    pub revision: i64,
    pub pdf: &'a [u8],
    pub sha256: &'a str,
    /// The JSON of where the rendering reserved each signature.
    pub signature_places: &'a str,
    pub renderer: &'a str,
}

/// A newly signed version of the approved PDF.
#[derive(Debug, Clone, Copy)]
pub struct SignedPdf<'a> {
    pub pdf: &'a [u8],
    pub sha256: &'a str,
    pub signer: &'a str,
    /// Every signatory has signed: the memorandum becomes `signed`.
    pub complete: bool,
}

/// Approves draft `id` with its rendering, inside `tx`.
pub(crate) async fn approve_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    id: i64,
    a: &Approval<'_>,
    actor: &str,
) -> Result<(), StoreError> {
    let memo = crate::memos::get_in(&mut **tx, id).await?;
    let to = transition(memo.status, Action::Approve)
        .map_err(|refused| StoreError::Refused { id, refused })?;
    if memo.current_revision != a.revision {
        return Err(StoreError::not_found(format!(
            "revision {} as the current revision of memorandum {id} (it is now {})",
            a.revision, memo.current_revision
        )));
    }
    let at = now(tx).await?;
    sqlx::query("UPDATE memorandums SET status = ?, approved_revision = current_revision, updated_at = ? WHERE id = ?")
        .bind(to.as_str())
        .bind(&at)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("approve a memorandum"))?;
    insert_pdf(
        tx,
        id,
        memo.current_revision,
        "approved",
        a.pdf,
        a.sha256,
        None,
        Some(a.signature_places),
        &at,
    )
    .await?;
    let details = serde_json::json!({
        "revision": memo.current_revision, "pdf_sha256": a.sha256, "renderer": a.renderer,
    });
    append(tx, Some(id), "approved", actor, &details, &at).await
}

/// Stores `a` as approved memorandum `id`'s approved PDF of its current revision `a.revision`,
/// replacing the earlier one as the PDF to sign (its status stays `approved`), inside `tx`.
pub(crate) async fn insert_approved_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    id: i64,
    a: &Approval<'_>,
    actor: &str,
) -> Result<(), StoreError> {
    let at = now(tx).await?;
    sqlx::query("UPDATE memorandums SET approved_revision = ?, updated_at = ? WHERE id = ?")
        .bind(a.revision)
        .bind(&at)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("approve a memorandum"))?;
    insert_pdf(
        tx,
        id,
        a.revision,
        "approved",
        a.pdf,
        a.sha256,
        None,
        Some(a.signature_places),
        &at,
    )
    .await?;
    let details = serde_json::json!({
        "revision": a.revision, "pdf_sha256": a.sha256, "renderer": a.renderer,
        "reason": "registered before the first signature",
    });
    append(tx, Some(id), "approved", actor, &details, &at).await
}

/// Stores a signed version of memorandum `id`'s PDF and moves its workflow, inside `tx`.
pub(crate) async fn add_signed_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    id: i64,
    s: &SignedPdf<'_>,
    actor: &str,
) -> Result<(), StoreError> {
    let memo = crate::memos::get_in(&mut **tx, id).await?;
    let action = if s.complete {
        Action::CompleteSigning
    } else {
        Action::Sign
    };
    let to =
        transition(memo.status, action).map_err(|refused| StoreError::Refused { id, refused })?;
    let revision = memo.approved_revision.unwrap_or(memo.current_revision);
    let at = now(tx).await?;
    insert_pdf(
        tx,
        id,
        revision,
        "signed",
        s.pdf,
        s.sha256,
        Some(s.signer),
        None,
        &at,
    )
    .await?;
    sqlx::query("UPDATE memorandums SET status = ?, updated_at = ? WHERE id = ?")
        .bind(to.as_str())
        .bind(&at)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("record a signature"))?;
    let details =
        serde_json::json!({ "pdf_sha256": s.sha256, "signer": s.signer, "complete": s.complete });
    append(tx, Some(id), "signed", actor, &details, &at).await
}

#[allow(clippy::too_many_arguments)]
async fn insert_pdf(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    id: i64,
    revision: i64,
    kind: &str,
    pdf: &[u8],
    sha256: &str,
    signer: Option<&str>,
    signature_places: Option<&str>,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO memorandum_pdfs
             (memorandum_id, seq, revision, kind, sha256, pdf, signer, signature_places, created_at)
         VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM memorandum_pdfs WHERE memorandum_id = ?),
                 ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(id)
    .bind(revision)
    .bind(kind)
    .bind(sha256)
    .bind(pdf)
    .bind(signer)
    .bind(signature_places)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::sql("store a PDF"))?;
    Ok(())
}
