//! Editing outside the clause text (parties, signatories, annexes, tables, languages, layout,
//! any field by path) and the translation flags editing leaves.

use kelisim_app::{ApiError, EditDto, EditedDto, MemoSummary, TranslationFlagDto};
use tauri::State;

use super::guarded;
use crate::AppState;

/// Applies edits to the current revision of a draft and stores one new revision; refused as a
/// conflict when the draft is no longer at `expected_revision`.
#[tauri::command]
#[specta::specta]
pub async fn edit_memo(
    state: State<'_, AppState>,
    id: u32,
    expected_revision: u32,
    edits: Vec<EditDto>,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.edit_memo(id, expected_revision, edits).await }).await
}

/// Applies edits to the editor's document without storing anything: the result, the texts
/// copied into a new language, or every problem with its path.
#[tauri::command]
#[specta::specta]
pub async fn edit_document(document: String, edits: Vec<EditDto>) -> Result<EditedDto, ApiError> {
    guarded(async move { kelisim_app::edit_document(&document, edits) }).await
}

/// Dismisses one translation flag (audited); the flags that remain.
#[tauri::command]
#[specta::specta]
pub async fn dismiss_translation_flag(
    state: State<'_, AppState>,
    id: u32,
    path: String,
    language: String,
) -> Result<Vec<TranslationFlagDto>, ApiError> {
    let app = state.kelisim()?;
    guarded(async move { app.dismiss_translation_flag(id, &path, &language).await }).await
}
