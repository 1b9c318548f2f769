//! The audit history of a memorandum.

use kelisim_app::{ApiError, MemoHistoryDto};
use tauri::State;

use super::blocking;
use crate::AppState;

/// The memorandum's history from the audit log, with the chain's check.
#[tauri::command]
#[specta::specta]
pub async fn memo_history(state: State<'_, AppState>, id: u32) -> Result<MemoHistoryDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.memo_history(id).await }).await
}
