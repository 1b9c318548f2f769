//! Verifying PDF files, one or a folder, and the folder's report as CSV.

use std::path::Path;

use kelisim_app::{ApiError, FolderReport, VerificationDto};
use tauri::State;

use super::{blocking, read_pdf, PdfBytes};
use crate::AppState;

/// Verifies a PDF file: every signature, and whether its pages are its embedded memorandum.
#[tauri::command]
#[specta::specta]
pub async fn verify_pdf_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<VerificationDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.verify_pdf(&read_pdf(&path)?, &[]).await }).await
}

/// Verifies every PDF directly inside a folder (sorted by name; an unreadable file is a row
/// with its error, not a failure).
#[tauri::command]
#[specta::specta]
pub async fn verify_folder(
    state: State<'_, AppState>,
    path: String,
) -> Result<FolderReport, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.verify_folder(Path::new(&path)).await }).await
}

/// Writes a folder's verification report as CSV (`FolderReport::to_csv`) to the file chosen in
/// the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_verification_csv(report: FolderReport, path: String) -> Result<(), ApiError> {
    blocking(move || async move {
        kelisim_app::files::write_atomically(Path::new(&path), report.to_csv().as_bytes())
    })
    .await
}

/// A PDF file's bytes, to show the file being verified.
#[tauri::command]
#[specta::specta]
pub async fn read_pdf_file(path: String) -> Result<PdfBytes, ApiError> {
    blocking(move || async move { read_pdf(&path) })
        .await
        .map(PdfBytes)
}
