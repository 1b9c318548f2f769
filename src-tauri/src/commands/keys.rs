//! This installation's signing keys: create, export the certificate, back up, restore.

use std::path::Path;

use kelisim_app::{ApiError, KeyDto, NewKeyRequest, MAX_SMALL_FILE_BYTES};
use tauri::State;

use super::{blocking, guarded, secret};
use crate::AppState;

/// Whether `label` may name a new key, as the keystore decides (asked as the label is typed).
#[tauri::command]
#[specta::specta]
pub async fn check_key_label(label: String) -> Result<bool, ApiError> {
    guarded(async move { Ok(kelisim_app::is_valid_key_label(&label)) }).await
}

/// Every key of this installation's keystore.
#[tauri::command]
#[specta::specta]
pub async fn list_keys(state: State<'_, AppState>) -> Result<Vec<KeyDto>, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.key_list() }).await
}

/// Creates a key and its certificate (Argon2id protects it with `passphrase`). A key issued by
/// an organisation CA needs that CA key's passphrase too.
#[tauri::command]
#[specta::specta]
pub async fn create_key(
    state: State<'_, AppState>,
    request: NewKeyRequest,
    passphrase: String,
    issuer_passphrase: Option<String>,
) -> Result<KeyDto, ApiError> {
    let app = state.kelisim()?;
    let passphrase = secret(passphrase)?;
    let issuer_passphrase = issuer_passphrase.map(secret).transpose()?;
    blocking(move || async move {
        app.key_new(&request, &passphrase, issuer_passphrase.as_ref())
            .await
    })
    .await
}

/// Writes a key's certificate (PEM) to the file chosen in the save dialog, for the other party.
#[tauri::command]
#[specta::specta]
pub async fn export_certificate(
    state: State<'_, AppState>,
    label: String,
    path: String,
) -> Result<(), ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move {
        let pem = app.key_certificate(&label)?;
        kelisim_app::files::write_atomically(Path::new(&path), pem.as_bytes())
    })
    .await
}

/// Writes an encrypted backup of a key to a file; the backup has its own passphrase.
#[tauri::command]
#[specta::specta]
pub async fn backup_key(
    state: State<'_, AppState>,
    label: String,
    passphrase: String,
    backup_passphrase: String,
    path: String,
) -> Result<(), ApiError> {
    let app = state.kelisim()?;
    let passphrase = secret(passphrase)?;
    let backup_passphrase = secret(backup_passphrase)?;
    blocking(move || async move {
        let bytes = app.key_backup_export(&label, &passphrase, &backup_passphrase)?;
        kelisim_app::files::write_atomically(Path::new(&path), &bytes)
    })
    .await
}

/// Restores a key from a backup file as `label`, under a new passphrase.
#[tauri::command]
#[specta::specta]
pub async fn restore_key(
    state: State<'_, AppState>,
    path: String,
    backup_passphrase: String,
    label: String,
    passphrase: String,
) -> Result<KeyDto, ApiError> {
    let app = state.kelisim()?;
    let backup_passphrase = secret(backup_passphrase)?;
    let passphrase = secret(passphrase)?;
    blocking(move || async move {
        let bytes = kelisim_app::read_file_bytes(Path::new(&path), MAX_SMALL_FILE_BYTES)?;
        app.key_backup_import(&bytes, &backup_passphrase, &label, &passphrase)
            .await
    })
    .await
}
