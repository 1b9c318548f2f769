//! The registration journal: its settings and its list.

use kelisim_app::{ApiError, JournalEntryDto, JournalSettingsDto};
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
