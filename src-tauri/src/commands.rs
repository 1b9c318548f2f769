//! The IPC commands. Each is a few lines: take the state, call `kelisim-app`, return a DTO or an
//! `ApiError`. Every body runs in its own task, so even a bug that panics reaches the UI as an
//! `internal` error instead of a promise that never settles.

use std::future::Future;

use kelisim_app::{
    AboutInfo, ApiError, AppError, DiffDto, ErrorCode, ListParams, MemoDetail, MemoPage,
    MemoSummary, OrganisationDto, Settings, TemplateInfo, UiLanguageDto, ValidationReport,
};
use tauri::State;

use crate::AppState;

async fn guarded<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, AppError>> + Send + 'static,
{
    match tauri::async_runtime::spawn(work).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(err) => {
            tracing::error!(%err, "a command failed unexpectedly");
            Err(ApiError::new(
                ErrorCode::Internal,
                "Kelisim failed unexpectedly. Nothing was changed; the details are in the log.",
            ))
        }
    }
}

/// The application version and the data folder.
#[tauri::command]
#[specta::specta]
pub async fn about(state: State<'_, AppState>) -> Result<AboutInfo, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { Ok(app.about()) }).await
}

/// The user's settings.
#[tauri::command]
#[specta::specta]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.settings().await }).await
}

/// Chooses the interface language; it is remembered across restarts.
#[tauri::command]
#[specta::specta]
pub async fn set_ui_language(
    state: State<'_, AppState>,
    language: UiLanguageDto,
) -> Result<Settings, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.set_ui_language(language).await }).await
}

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

/// The built-in templates.
#[tauri::command]
#[specta::specta]
pub async fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateInfo>, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { Ok(app.templates()) }).await
}

/// A template's document (JSON text), to be filled in by the "new memorandum" form.
#[tauri::command]
#[specta::specta]
pub async fn template_document(
    state: State<'_, AppState>,
    name: String,
) -> Result<String, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.template_document(&name) }).await
}

/// The organisations registry.
#[tauri::command]
#[specta::specta]
pub async fn list_organisations(
    state: State<'_, AppState>,
) -> Result<Vec<OrganisationDto>, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.organisations().await }).await
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
    guarded(async move { app.import_file(std::path::Path::new(&path)).await }).await
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
    guarded(async move {
        app.export_to_file(id, revision, std::path::Path::new(&path))
            .await
    })
    .await
}
