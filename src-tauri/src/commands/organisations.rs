//! The organisations registry.

use kelisim_app::{ApiError, BinProblem, OrganisationDto};
use tauri::State;

use super::guarded;
use crate::AppState;

/// The organisations registry.
#[tauri::command]
#[specta::specta]
pub async fn list_organisations(
    state: State<'_, AppState>,
) -> Result<Vec<OrganisationDto>, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.organisations().await }).await
}

/// What is wrong with a BIN as the user types it (nothing, when empty or valid).
#[tauri::command]
#[specta::specta]
pub async fn check_bin(bin: String) -> Result<Option<BinProblem>, ApiError> {
    guarded(async move { Ok(kelisim_app::bin_problem(&bin)) }).await
}
