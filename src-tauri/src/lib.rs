//! The desktop shell. It opens the data folder, registers the commands and starts the window;
//! everything else lives in `kelisim-app`.

mod commands;

use std::process::ExitCode;

use kelisim_app::{resolve_data_dir, ApiError, Kelisim, DATA_DIR_ENV};
use tauri::Manager;

/// What the commands work on: the open data folder, or the reason it could not be opened
/// (shown by the UI instead of a crash).
pub struct AppState(Result<Kelisim, ApiError>);

impl AppState {
    fn kelisim(&self) -> Result<Kelisim, ApiError> {
        self.0.clone()
    }
}

/// The typed command list (`src/commands/list.rs`); the same value registers the handlers and
/// generates `ui/src/lib/ipc/bindings.ts`, so the two cannot drift apart.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(commands::collect())
        // The memorandum as the editor holds it: sent as JSON text, typed from Rust.
        .typ::<kelisim_app::MemoDoc>()
}

async fn open_data_folder() -> Result<Kelisim, ApiError> {
    let env = std::env::var_os(DATA_DIR_ENV);
    let dir = resolve_data_dir(None, env.as_deref())?;
    Ok(Kelisim::open(&dir).await?)
}

/// Starts the desktop app and returns when its window closes.
pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();

    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let state = tauri::async_runtime::block_on(open_data_folder());
            if let Err(err) = &state {
                tracing::error!(%err, "the data folder could not be opened");
            }
            app.manage(AppState(state));
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kelisim-desktop: cannot start: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests;
