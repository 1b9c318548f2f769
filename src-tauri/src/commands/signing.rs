//! Signing a memorandum: who may sign where, and the signature itself.

use kelisim_app::{ApiError, SignCandidatesDto, SignFileOptions, SignedDto};
use tauri::State;

use super::{blocking, secret};
use crate::AppState;

/// What the sign dialog shows: hashes, signatories and their places, keys with what each may sign.
#[tauri::command]
#[specta::specta]
pub async fn sign_candidates(
    state: State<'_, AppState>,
    id: u32,
) -> Result<SignCandidatesDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.sign_candidates(id).await }).await
}

/// Signs memorandum `id` with key `label` as the signatory its certificate names. The first
/// signature certifies the document.
#[tauri::command]
#[specta::specta]
pub async fn sign_memo(
    state: State<'_, AppState>,
    id: u32,
    label: String,
    passphrase: String,
) -> Result<SignedDto, ApiError> {
    let app = state.kelisim()?;
    let passphrase = secret(passphrase)?;
    let options = SignFileOptions {
        certify: true,
        reason: None,
        location: None,
    };
    blocking(move || async move { app.memo_sign(id, &label, &passphrase, &options).await }).await
}
