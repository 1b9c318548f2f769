//! About the app and the user's settings (the interface language).

use kelisim_app::{AboutInfo, ApiError, Settings, UiLanguageDto};
use tauri::State;

use super::guarded;
use crate::AppState;

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
