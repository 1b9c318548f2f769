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
    let problems = kelisim_pdf::missing_glyphs(memo);
    if !problems.is_empty() {
        return Err(AppError::Invalid {
            what: "the memorandum cannot be rendered: it".into(),
            problems,
        });
    }
    let options = RenderOptions {
        layout: layout.map(Layout::from),
        ..RenderOptions::default()
    };
    match kelisim_pdf::render(memo, &options) {
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
        let id = i64::from(id);
        let row = self.store.memorandum(id).await?;
        let number = revision.map_or(row.current_revision, i64::from);
        let rev = self.store.revision(id, number).await?;
        render_pdf(&stored_document(&rev.document, id, number)?, layout)
    }

    /// The newest stored PDF of a memorandum: the approved rendering or its latest signed
    /// version.
    pub async fn latest_pdf(&self, id: u32) -> Result<Vec<u8>, AppError> {
        Ok(self.store.latest_pdf(i64::from(id)).await?.pdf)
    }
}
