//! The built-in templates, and a new memorandum from one.

use kelisim_app::{ApiError, MemoSummary, NewMemoRequest, TemplateInfo};
use tauri::State;

use super::guarded;
use crate::AppState;

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

/// A new draft from a built-in template: its languages and layout, the registry's parties, the
/// values typed in the form (composed, validated and stored by `kelisim-app`).
#[tauri::command]
#[specta::specta]
pub async fn new_memo(
    state: State<'_, AppState>,
    request: NewMemoRequest,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.new_memo(&request).await }).await
}
