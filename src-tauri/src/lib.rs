//! The desktop shell. It opens the data folder, registers the commands and starts the window;
//! everything else lives in `kelisim-app`.

mod commands;
mod signing_commands;

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

/// The typed command list; the same value registers the handlers and generates
/// `ui/src/lib/ipc/bindings.ts`, so the two cannot drift apart.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        commands::about,
        commands::get_settings,
        commands::set_ui_language,
        commands::list_memos,
        commands::list_templates,
        commands::template_document,
        commands::list_organisations,
        commands::create_memo,
        commands::get_memo,
        commands::get_document,
        commands::save_revision,
        commands::restore_revision,
        commands::validate_document,
        commands::diff_revisions,
        commands::approve_memo,
        commands::reopen_memo,
        commands::import_memo_file,
        commands::export_memo_file,
        signing_commands::list_keys,
        signing_commands::create_key,
        signing_commands::export_certificate,
        signing_commands::backup_key,
        signing_commands::restore_key,
        signing_commands::trust_own_key,
        signing_commands::list_trusted,
        signing_commands::trust_certificate_file,
        signing_commands::trust_signer,
        signing_commands::remove_trusted,
        signing_commands::sign_candidates,
        signing_commands::sign_memo,
        signing_commands::verify_pdf_file,
        signing_commands::list_pdf_files,
        signing_commands::export_verification_csv,
        signing_commands::import_pdf_file,
        signing_commands::export_pdf_file,
        signing_commands::render_preview,
        signing_commands::stored_pdf,
        signing_commands::read_pdf_file,
        signing_commands::memo_history,
        signing_commands::test_pick_path,
    ])
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
