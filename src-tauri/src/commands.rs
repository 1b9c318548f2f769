//! The IPC commands. Each is a few lines: take the state, call `kelisim-app`, return a DTO or an
//! `ApiError`. Every body runs in its own task, so even a bug that panics reaches the UI as an
//! `internal` error instead of a promise that never settles.

use std::future::Future;

use kelisim_app::{AboutInfo, ApiError, AppError, ErrorCode, Settings, UiLanguageDto};
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
