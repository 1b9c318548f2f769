//! Rendering use cases: a memorandum (stored, or a file) to PDF bytes.

use kelisim_core::{Layout, Memorandum};
use kelisim_pdf::{RenderError, RenderOptions};
use sha2::{Digest, Sha256};

use crate::dto::LayoutDto;
use crate::memos::{parse_document, stored_document};
use crate::{AppError, Kelisim};

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Renders a memorandum to PDF bytes.
pub(crate) fn render_pdf(
    memo: &Memorandum,
    layout: Option<LayoutDto>,
) -> Result<Vec<u8>, AppError> {
    Ok(render_with_places(memo, layout)?.pdf)
}

/// Renders a memorandum, keeping where the signatures go.
pub(crate) fn render_with_places(
    memo: &Memorandum,
    layout: Option<LayoutDto>,
) -> Result<kelisim_pdf::Rendered, AppError> {
    let options = RenderOptions {
        layout: layout.map(Layout::from),
        ..RenderOptions::default()
    };
    render_with(memo, &options)
}

/// Renders a memorandum with `options`, its problems named as validation's are.
fn render_with(
    memo: &Memorandum,
    options: &RenderOptions,
) -> Result<kelisim_pdf::Rendered, AppError> {
    let problems = kelisim_pdf::missing_glyphs(memo);
    if !problems.is_empty() {
        return Err(AppError::Invalid {
            what: "the memorandum cannot be rendered: it".into(),
            problems,
        });
    }
    match kelisim_pdf::render(memo, options) {
        Ok(rendered) => Ok(rendered),
        Err(RenderError::MissingGlyph { path, character }) => Err(AppError::Invalid {
            what: "the memorandum cannot be rendered: it".into(),
            problems: vec![kelisim_core::Problem {
                path,
                code: "missing_glyph",
                params: vec![("character", character.to_string())],
                message: format!(
                    "the character {character:?} cannot be drawn with the bundled fonts"
                ),
                line: None,
                column: None,
            }],
        }),
        Err(other) => {
            tracing::error!(error = %other, "rendering failed");
            Err(AppError::Render(other.to_string()))
        }
    }
}

/// Renders a memorandum JSON file to PDF bytes; needs no data folder.
pub fn render_file(path: &std::path::Path, layout: Option<LayoutDto>) -> Result<Vec<u8>, AppError> {
    let text = crate::files::read_document(path)?;
    render_pdf(&parse_document(&text, &path.display().to_string())?, layout)
}

impl Kelisim {
    /// Renders a stored revision (the current one by default) to PDF bytes.
    pub async fn render_memo(
        &self,
        id: u32,
        revision: Option<u32>,
        layout: Option<LayoutDto>,
    ) -> Result<Vec<u8>, AppError> {
        let (memo, _) = self.stored_revision(id, revision).await?;
        render_pdf(&memo, layout)
    }

    /// A stored revision (the current one by default), read back and checked, with its row.
    async fn stored_revision(
        &self,
        id: u32,
        revision: Option<u32>,
    ) -> Result<(Memorandum, kelisim_store::RevisionRow), AppError> {
        let id = i64::from(id);
        let row = self.store.memorandum(id).await?;
        let number = revision.map_or(row.current_revision, i64::from);
        let rev = self.store.revision(id, number).await?;
        Ok((stored_document(&rev.document, id, number)?, rev))
    }

    /// A revision (the current one by default) as a draft to circulate: «ЖОБА / ПРОЕКТ / DRAFT»
    /// across every page, the revision, its date and short content hash in the footer, and the
    /// draft keyword in the metadata; Kelisim never signs it. Any status: a signed memorandum's
    /// revisions can be circulated as drafts too.
    pub async fn draft_pdf(
        &self,
        id: u32,
        revision: Option<u32>,
        layout: Option<LayoutDto>,
    ) -> Result<Vec<u8>, AppError> {
        let (memo, rev) = self.stored_revision(id, revision).await?;
        let options = RenderOptions {
            layout: layout.map(Layout::from),
            draft: Some(kelisim_pdf::Draft {
                revision: u32::try_from(rev.number).unwrap_or(u32::MAX),
                date: rev.created_at.chars().take(10).collect(),
            }),
            ..RenderOptions::default()
        };
        Ok(render_with(&memo, &options)?.pdf)
    }

    /// Writes [`Kelisim::draft_pdf`] to `path`, atomically, and records the export in the audit
    /// log.
    pub async fn export_draft_pdf_to_file(
        &self,
        id: u32,
        revision: Option<u32>,
        layout: Option<LayoutDto>,
        path: &std::path::Path,
    ) -> Result<crate::ExportedPdfDto, AppError> {
        let pdf = self.draft_pdf(id, revision, layout).await?;
        crate::files::write_atomically(path, &pdf)?;
        let sha256 = sha256_hex(&pdf);
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let details = serde_json::json!({
            "format": "pdf", "kind": "draft", "revision": revision, "pdf_sha256": sha256, "file": file,
        });
        self.store
            .record(
                Some(i64::from(id)),
                "exported",
                &crate::memos::actor(),
                &details,
            )
            .await?;
        Ok(crate::ExportedPdfDto {
            path: path.display().to_string(),
            sha256,
            bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
        })
    }

    /// The newest stored PDF of a memorandum: the approved rendering or its latest signed
    /// version.
    pub async fn latest_pdf(&self, id: u32) -> Result<Vec<u8>, AppError> {
        Ok(self.store.latest_pdf(i64::from(id)).await?.pdf)
    }
}
