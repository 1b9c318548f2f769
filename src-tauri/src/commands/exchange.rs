//! The offline exchange: a memorandum PDF in from another party, out to the next signer.

use std::path::Path;

use kelisim_app::{ApiError, ExportedPdfDto, MemoSummary};
use tauri::State;

use super::{blocking, read_pdf};
use crate::AppState;

/// Imports a memorandum PDF from another party (verified first; see `Kelisim::import_pdf`).
#[tauri::command]
#[specta::specta]
pub async fn import_pdf_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.import_pdf(&read_pdf(&path)?, &path).await }).await
}

/// Writes the memorandum's newest PDF to the file chosen in the save dialog ("export for the
/// next signer"); the export is recorded in the audit log.
#[tauri::command]
#[specta::specta]
pub async fn export_pdf_file(
    state: State<'_, AppState>,
    id: u32,
    path: String,
) -> Result<ExportedPdfDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.export_pdf_to_file(id, Path::new(&path)).await }).await
}
