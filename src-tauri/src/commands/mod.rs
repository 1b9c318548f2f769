//! The IPC commands, one module per concept — the same words as `crates/app`, the UI's door and
//! its message tables. Each command is a few lines: take the state, call one `kelisim-app` use
//! case, return a DTO or an `ApiError`. Every body runs in its own task ([`guarded`]) or on the
//! blocking pool ([`blocking`]: Argon2id, signing, rendering, verifying), so even a bug that
//! panics reaches the UI as an `internal` error instead of a promise that never settles.
//!
//! The command list is [`list.rs`](list.rs), read here and by `build.rs`.

use std::future::Future;
use std::path::Path;

use kelisim_app::{ApiError, AppError, ErrorCode, SecretString, MAX_PDF_BYTES};

pub mod amendments;
pub mod audit;
pub mod editing;
pub mod exchange;
pub mod journal;
pub mod keys;
pub mod memos;
pub mod organisations;
pub mod settings;
pub mod signing;
pub mod templates;
pub mod testing;
pub mod trust;
pub mod verify;

/// Reads `list.rs`: the command names (for the test that compares them with the registered
/// handlers and the capability) and the typed handlers for tauri-specta.
macro_rules! kelisim_commands {
    ($($module:ident: $($name:ident),+ $(,)?;)+) => {
        /// Every command's name, in the order of `list.rs`.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$($(stringify!($name)),+),+];

        /// Every command, typed: registers the handlers and generates the bindings.
        pub fn collect() -> tauri_specta::Commands<tauri::Wry> {
            tauri_specta::collect_commands![$($($module::$name),+),+]
        }
    };
}
include!("list.rs");

fn internal(err: impl std::fmt::Display) -> ApiError {
    tracing::error!(%err, "a command failed unexpectedly");
    ApiError::new(
        ErrorCode::Internal,
        "Kelisim failed unexpectedly. Nothing was changed; the details are in the log.",
    )
}

/// Runs a quick use case in its own task; a panic becomes `internal`.
async fn guarded<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, AppError>> + Send + 'static,
{
    match tauri::async_runtime::spawn(work).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(err) => Err(internal(err)),
    }
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

/// A passphrase as it arrives: a `SecretString` (zeroised on drop) at once, never logged, stored
/// or returned.
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
