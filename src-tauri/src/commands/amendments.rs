//! Amendments (дополнительные соглашения) of signed memorandums.

use kelisim_app::{ApiError, MemoSummary};
use tauri::State;

use super::guarded;
use crate::AppState;

/// A draft amendment of signed or archived memorandum `id`, linked to it.
#[tauri::command]
#[specta::specta]
pub async fn new_amendment(state: State<'_, AppState>, id: u32) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.new_amendment(id).await }).await
}
