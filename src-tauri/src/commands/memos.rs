//! Memorandums: the registry, drafts and their revisions, validation, approval, the JSON
//! files, and the PDF of a revision for the preview.

use std::path::Path;

use kelisim_app::{
    ApiError, DiffDto, DocumentView, LayoutDto, ListParams, MemoDetail, MemoPage, MemoSummary,
    UiLanguageDto, ValidationReport,
};
use tauri::State;

use super::{blocking, guarded, PdfBytes};
use crate::AppState;

/// A page of the registry: filtered, searched, sorted.
#[tauri::command]
#[specta::specta]
pub async fn list_memos(
    state: State<'_, AppState>,
    params: ListParams,
) -> Result<MemoPage, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.list(&params).await }).await
}

/// Stores a new draft composed in the app.
#[tauri::command]
#[specta::specta]
pub async fn create_memo(
    state: State<'_, AppState>,
    document: String,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.create(&document).await }).await
}

/// A memorandum with its revisions.
#[tauri::command]
#[specta::specta]
pub async fn get_memo(state: State<'_, AppState>, id: u32) -> Result<MemoDetail, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.show(id).await }).await
}

/// A revision's document (the current one by default), as JSON text.
#[tauri::command]
#[specta::specta]
pub async fn get_document(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
) -> Result<String, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.document(id, revision).await }).await
}

/// Saves the editor's document as the next revision of a draft (autosave).
#[tauri::command]
#[specta::specta]
pub async fn save_revision(
    state: State<'_, AppState>,
    id: u32,
    document: String,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.update(id, &document, "the editor").await }).await
}

/// Saves an earlier revision's text as the next revision.
#[tauri::command]
#[specta::specta]
pub async fn restore_revision(
    state: State<'_, AppState>,
    id: u32,
    revision: u32,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.restore(id, revision).await }).await
}

/// Every problem of a document, for live validation; stores nothing.
#[tauri::command]
#[specta::specta]
pub async fn validate_document(
    state: State<'_, AppState>,
    document: String,
) -> Result<ValidationReport, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { Ok(app.validate(&document)) }).await
}

/// Two revisions compared clause by clause, per language.
#[tauri::command]
#[specta::specta]
pub async fn diff_revisions(
    state: State<'_, AppState>,
    id: u32,
    from: u32,
    to: u32,
) -> Result<DiffDto, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.diff(id, from, to).await }).await
}

/// Freezes a draft's text.
#[tauri::command]
#[specta::specta]
pub async fn approve_memo(state: State<'_, AppState>, id: u32) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.approve(id).await }).await
}

/// Back to draft, as a new revision.
#[tauri::command]
#[specta::specta]
pub async fn reopen_memo(state: State<'_, AppState>, id: u32) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.reopen(id).await }).await
}

/// Imports a memorandum JSON file chosen in the native open dialog.
#[tauri::command]
#[specta::specta]
pub async fn import_memo_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.import_file(Path::new(&path)).await }).await
}

/// Writes a revision's JSON to the file chosen in the native save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_memo_file(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
    path: String,
) -> Result<(), ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.export_to_file(id, revision, Path::new(&path)).await }).await
}

/// The PDF of a revision (the current one by default) rendered now, for the preview.
#[tauri::command]
#[specta::specta]
pub async fn render_preview(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
    layout: Option<LayoutDto>,
) -> Result<PdfBytes, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.render_memo(id, revision, layout).await })
        .await
        .map(PdfBytes)
}

/// The memorandum's newest stored PDF (approved, or its latest signed version), for the preview.
#[tauri::command]
#[specta::specta]
pub async fn stored_pdf(state: State<'_, AppState>, id: u32) -> Result<PdfBytes, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.latest_pdf(id).await })
        .await
        .map(PdfBytes)
}

/// What the editor shows beside a document — clause numbers, placeholders resolved, the date
/// in each language — computed by the code the PDF uses; stores nothing.
#[tauri::command]
#[specta::specta]
pub async fn document_view(document: String) -> Result<DocumentView, ApiError> {
    guarded(async move { Ok(kelisim_app::document_view(&document)) }).await
}

/// Dates (or timestamps) written as the PDF writes them, in the interface language.
#[tauri::command]
#[specta::specta]
pub async fn format_dates(
    language: UiLanguageDto,
    dates: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    guarded(async move { Ok(kelisim_app::format_dates(language, &dates)) }).await
}
