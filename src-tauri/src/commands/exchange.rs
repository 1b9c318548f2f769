//! The offline exchange: a memorandum PDF in from another party, out to the next signer.

use std::path::Path;

use kelisim_app::{ApiError, ExportedPdfDto, LayoutDto, MemoSummary};
use tauri::State;

use super::{blocking, read_pdf, PdfBytes};
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

/// A revision (the current one by default) as a draft PDF, marked on every page, for the
/// preview of a draft and for printing it.
#[tauri::command]
#[specta::specta]
pub async fn draft_pdf(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
    layout: Option<LayoutDto>,
) -> Result<PdfBytes, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.draft_pdf(id, revision, layout).await })
        .await
        .map(PdfBytes)
}

/// Writes a revision as a draft PDF to the file chosen in the save dialog (to circulate; never
/// signed); the export is recorded in the audit log.
#[tauri::command]
#[specta::specta]
pub async fn export_draft_pdf(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
    layout: Option<LayoutDto>,
    path: String,
) -> Result<ExportedPdfDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move {
        app.export_draft_pdf_to_file(id, revision, layout, Path::new(&path))
            .await
    })
    .await
}
