//! The registration journal: its settings and its list.

use std::path::Path;

use kelisim_app::{
    ApiError, JournalEntryDto, JournalExportDto, JournalPreviewDto, JournalSettingsDto,
};
use tauri::State;

use super::guarded;
use crate::AppState;

/// The journal's settings (format, when numbers are assigned).
#[tauri::command]
#[specta::specta]
pub async fn get_journal_settings(
    state: State<'_, AppState>,
) -> Result<JournalSettingsDto, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.journal_settings().await }).await
}

/// Changes the journal's settings; a bad format is refused naming its field.
#[tauri::command]
#[specta::specta]
pub async fn set_journal_settings(
    state: State<'_, AppState>,
    settings: JournalSettingsDto,
) -> Result<JournalSettingsDto, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.set_journal_settings(&settings).await }).await
}

/// Every number assigned here, in order.
#[tauri::command]
#[specta::specta]
pub async fn list_journal(state: State<'_, AppState>) -> Result<Vec<JournalEntryDto>, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.journal_list().await }).await
}

/// The journal as CSV text (number,date,memorandum_id,title,status).
#[tauri::command]
#[specta::specta]
pub async fn journal_csv(state: State<'_, AppState>) -> Result<String, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.journal_csv().await }).await
}

/// The number the journal would assign next with `settings` (saved or not), checked as saving
/// them would be; from `next` when the numbering is to start there.
#[tauri::command]
#[specta::specta]
pub async fn preview_journal_number(
    state: State<'_, AppState>,
    settings: JournalSettingsDto,
    next: Option<u32>,
) -> Result<JournalPreviewDto, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.journal_preview(&settings, next).await }).await
}

/// Starts the numbering at `next` (never at a number assigned or passed); audit-logged.
#[tauri::command]
#[specta::specta]
pub async fn set_journal_next(state: State<'_, AppState>, next: u32) -> Result<u32, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.set_journal_next(next).await }).await
}

/// Writes the journal's CSV to the file chosen in the save dialog (atomically; audit-logged).
#[tauri::command]
#[specta::specta]
pub async fn export_journal_csv(
    state: State<'_, AppState>,
    path: String,
) -> Result<JournalExportDto, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.export_journal_csv(Path::new(&path)).await }).await
}
