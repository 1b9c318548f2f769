//! The IPC commands of previewing, signing, verifying, keys and trust, the offline exchange and
//! the audit history. Thin like `commands.rs`: each calls one `kelisim-app` use case. Work that
//! keeps a core busy — Argon2id, signing, rendering, verifying (which re-renders) — runs on the
//! blocking pool ([`blocking`]), never on the UI thread nor the async workers.
//!
//! Passphrases arrive as strings, become `SecretString`s (zeroised on drop) at once, and are never
//! logged, stored or returned.

use std::future::Future;
use std::path::{Path, PathBuf};

use kelisim_app::{
    ApiError, AppError, ErrorCode, ExportedPdfDto, KeyDto, LayoutDto, MemoHistoryDto, MemoSummary,
    NewKeyRequest, SecretString, SignCandidatesDto, SignFileOptions, SignedDto,
    TrustedCertificateDto, VerificationDto, MAX_PDF_BYTES, MAX_SMALL_FILE_BYTES,
};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::AppState;

fn internal(err: impl std::fmt::Display) -> ApiError {
    tracing::error!(%err, "a command failed unexpectedly");
    ApiError::new(
        ErrorCode::Internal,
        "Kelisim failed unexpectedly. Nothing was changed; the details are in the log.",
    )
}

/// Runs a use case on the blocking pool (its async parts on the runtime's handle there), so a
/// long computation neither freezes the window nor starves the async workers; a panic becomes
/// `internal`.
async fn blocking<T, F, Fut>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, AppError>>,
{
    match tauri::async_runtime::spawn_blocking(move || tauri::async_runtime::block_on(work())).await
    {
        Ok(result) => result.map_err(ApiError::from),
        Err(err) => Err(internal(err)),
    }
}

/// PDF bytes for the UI: sent as a raw binary IPC response (an `ArrayBuffer` in the webview),
/// not as JSON numbers or base64. Typed `unknown` in TypeScript; the IPC door checks it is an
/// `ArrayBuffer`.
pub struct PdfBytes(Vec<u8>);

impl specta::Type for PdfBytes {
    fn inline(_: &mut specta::TypeCollection, _: specta::Generics) -> specta::datatype::DataType {
        specta::datatype::DataType::Unknown
    }
}

impl tauri::ipc::IpcResponse for PdfBytes {
    fn body(self) -> tauri::Result<tauri::ipc::InvokeResponseBody> {
        Ok(tauri::ipc::InvokeResponseBody::Raw(self.0))
    }
}

fn secret(passphrase: String) -> Result<SecretString, ApiError> {
    if passphrase.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "passphrase: the passphrase is empty",
        ));
    }
    Ok(SecretString::from(passphrase))
}

fn read_pdf(path: &str) -> Result<Vec<u8>, AppError> {
    kelisim_app::read_file_bytes(Path::new(path), MAX_PDF_BYTES)
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

/// Verifies a PDF file: every signature, and whether its pages are its embedded memorandum.
#[tauri::command]
#[specta::specta]
pub async fn verify_pdf_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<VerificationDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.verify_pdf(&read_pdf(&path)?, &[]).await }).await
}

/// The PDF files directly inside a folder, sorted by name, for verifying a folder.
#[tauri::command]
#[specta::specta]
pub async fn list_pdf_files(path: String) -> Result<Vec<String>, ApiError> {
    blocking(move || async move {
        let dir = Path::new(&path);
        let err = |e: std::io::Error| AppError::File {
            what: dir.display().to_string(),
            reason: e.to_string(),
        };
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map_err(err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        Ok(files)
    })
    .await
}

/// Writes a verification summary as CSV (one row per file) to the file chosen in the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_verification_csv(
    rows: Vec<VerificationRow>,
    path: String,
) -> Result<(), ApiError> {
    blocking(move || async move {
        kelisim_app::files::write_atomically(Path::new(&path), verification_csv(&rows).as_bytes())
    })
    .await
}

/// One verified file, as the folder summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VerificationRow {
    pub file: String,
    /// `valid`, `validUntrusted`, … or `error`.
    pub verdict: String,
    pub signatures: u32,
    pub signers: String,
    pub detail: String,
}

fn csv_field(s: &str) -> String {
    // Quote every field; a leading = + - @ would make spreadsheets run a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn verification_csv(rows: &[VerificationRow]) -> String {
    let mut out = String::from("file,verdict,signatures,signers,detail\r\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            csv_field(&r.file),
            csv_field(&r.verdict),
            r.signatures,
            csv_field(&r.signers),
            csv_field(&r.detail)
        ));
    }
    out
}

/// Imports a memorandum PDF from another party (verified first; see `Kelisim::import_pdf`).
#[tauri::command]
#[specta::specta]
pub async fn import_pdf_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<MemoSummary, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.import_pdf(&read_pdf(&path)?, &path).await }).await
}

/// Writes the memorandum's newest PDF to the file chosen in the save dialog ("export for the
/// next signer"); the export is recorded in the audit log.
#[tauri::command]
#[specta::specta]
pub async fn export_pdf_file(
    state: State<'_, AppState>,
    id: u32,
    path: String,
) -> Result<ExportedPdfDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.export_pdf_to_file(id, Path::new(&path)).await }).await
}

/// The PDF of a revision (the current one by default) rendered now, for the preview.
#[tauri::command]
#[specta::specta]
pub async fn render_preview(
    state: State<'_, AppState>,
    id: u32,
    revision: Option<u32>,
    layout: Option<LayoutDto>,
) -> Result<PdfBytes, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.render_memo(id, revision, layout).await })
        .await
        .map(PdfBytes)
}

/// The memorandum's newest stored PDF (approved, or its latest signed version), for the preview.
#[tauri::command]
#[specta::specta]
pub async fn stored_pdf(state: State<'_, AppState>, id: u32) -> Result<PdfBytes, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.latest_pdf(id).await })
        .await
        .map(PdfBytes)
}

/// A PDF file's bytes, to show the file being verified.
#[tauri::command]
#[specta::specta]
pub async fn read_pdf_file(path: String) -> Result<PdfBytes, ApiError> {
    blocking(move || async move { read_pdf(&path) })
        .await
        .map(PdfBytes)
}

/// The memorandum's history from the audit log, with the chain's check.
#[tauri::command]
#[specta::specta]
pub async fn memo_history(state: State<'_, AppState>, id: u32) -> Result<MemoHistoryDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.memo_history(id).await }).await
}

/// The environment variable naming the folder that answers file choices in end-to-end tests.
pub const E2E_PICK_DIR_ENV: &str = "KELISIM_E2E_PICK_DIR";

/// The file holding the name of the file the next "open" choice picks (written by the test).
const E2E_OPEN_ANSWER: &str = "open.txt";

/// What a file choice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum PickPurpose {
    Open,
    Save,
}

/// A plain file name: no folders, nothing hidden, nothing climbing out.
fn plain_name(name: &str) -> Option<&str> {
    let name = name.trim();
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).file_name().is_some_and(|n| n == name);
    ok.then_some(name)
}

/// Answers a file choice in a debug build run with `KELISIM_E2E_PICK_DIR` (end-to-end tests:
/// WebDriver cannot drive the native GTK dialog). Saving goes to `<dir>/<suggested name>`;
/// opening picks `<dir>/<the name written in open.txt>` and consumes open.txt. Always `null`
/// in a release build or without the variable: the UI then shows the native dialog.
fn e2e_pick(dir: Option<PathBuf>, purpose: PickPurpose, suggested: &str) -> Option<String> {
    let dir = dir.filter(|_| cfg!(debug_assertions))?;
    let name = match purpose {
        PickPurpose::Save => plain_name(suggested)?.to_owned(),
        PickPurpose::Open => {
            let answer = dir.join(E2E_OPEN_ANSWER);
            let name = std::fs::read_to_string(&answer).ok()?;
            std::fs::remove_file(&answer).ok()?;
            plain_name(&name)?.to_owned()
        }
    };
    Some(dir.join(name).display().to_string())
}

/// See [`e2e_pick`]. `suggested` is the file name the save dialog would propose.
#[tauri::command]
#[specta::specta]
pub async fn test_pick_path(
    purpose: PickPurpose,
    suggested: String,
) -> Result<Option<String>, ApiError> {
    let dir = std::env::var_os(E2E_PICK_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    Ok(e2e_pick(dir, purpose, &suggested))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_hook_answers_only_plain_names_inside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = || Some(dir.path().to_owned());
        assert_eq!(e2e_pick(None, PickPurpose::Save, "memo.pdf"), None);
        assert_eq!(
            e2e_pick(d(), PickPurpose::Save, "memo.pdf"),
            Some(dir.path().join("memo.pdf").display().to_string())
        );
        assert_eq!(e2e_pick(d(), PickPurpose::Save, "../memo.pdf"), None);
        assert_eq!(e2e_pick(d(), PickPurpose::Save, "/etc/passwd"), None);
        // Opening: nothing chosen yet is a cancel; an answer is used once.
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
        std::fs::write(dir.path().join(E2E_OPEN_ANSWER), "a.pem\n").unwrap();
        assert_eq!(
            e2e_pick(d(), PickPurpose::Open, ""),
            Some(dir.path().join("a.pem").display().to_string())
        );
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
        std::fs::write(dir.path().join(E2E_OPEN_ANSWER), "../x.pdf").unwrap();
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
    }

    #[test]
    fn the_csv_quotes_every_field_and_defuses_formulas() {
        let csv = verification_csv(&[VerificationRow {
            file: "a \"b\".pdf".into(),
            verdict: "valid".into(),
            signatures: 2,
            signers: "=HYPERLINK(\"x\")".into(),
            detail: String::new(),
        }]);
        assert_eq!(
            csv,
            "file,verdict,signatures,signers,detail\r\n\"a \"\"b\"\".pdf\",\"valid\",2,\"'=HYPERLINK(\"\"x\"\")\",\"\"\r\n"
        );
    }
}
