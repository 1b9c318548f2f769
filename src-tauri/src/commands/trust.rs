//! The trust store: whose signatures count as trusted.

use std::path::Path;

use kelisim_app::{ApiError, TrustedCertificateDto, MAX_SMALL_FILE_BYTES};
use tauri::State;

use super::{blocking, read_pdf, secret};
use crate::AppState;

/// Trusts one of this installation's keys (as itself) once its passphrase opens it: for keys
/// created before trust came only from the trust store.
#[tauri::command]
#[specta::specta]
pub async fn trust_own_key(
    state: State<'_, AppState>,
    label: String,
    passphrase: String,
) -> Result<TrustedCertificateDto, ApiError> {
    let app = state.kelisim()?;
    let passphrase = secret(passphrase)?;
    blocking(move || async move { app.key_trust(&label, &passphrase).await }).await
}

/// The trust store.
#[tauri::command]
#[specta::specta]
pub async fn list_trusted(
    state: State<'_, AppState>,
) -> Result<Vec<TrustedCertificateDto>, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.trust_list().await }).await
}

/// Adds the certificate in a file (PEM or DER) to the trust store; its fingerprint is returned
/// for comparing with its owner's. `bins`: the organisations a CA certificate may vouch for
/// (empty: the BIN its own subject names).
#[tauri::command]
#[specta::specta]
pub async fn trust_certificate_file(
    state: State<'_, AppState>,
    path: String,
    bins: Vec<String>,
) -> Result<TrustedCertificateDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move {
        let bytes = kelisim_app::read_file_bytes(Path::new(&path), MAX_SMALL_FILE_BYTES)?;
        app.trust_add(&bytes, &bins).await
    })
    .await
}

/// Trusts the signer of the signature in `field` of a PDF file.
#[tauri::command]
#[specta::specta]
pub async fn trust_signer(
    state: State<'_, AppState>,
    path: String,
    field: String,
) -> Result<TrustedCertificateDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.trust_signer_of(&read_pdf(&path)?, &field).await }).await
}

/// Removes a certificate from the trust store.
#[tauri::command]
#[specta::specta]
pub async fn remove_trusted(
    state: State<'_, AppState>,
    fingerprint: String,
) -> Result<(), ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.trust_remove(&fingerprint).await }).await
}
