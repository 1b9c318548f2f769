// Generates one allow-/deny- permission per command (listed here, and nowhere else), which the
// capability in capabilities/main.json grants one by one.
const COMMANDS: &[&str] = &[
    "about",
    "get_settings",
    "set_ui_language",
    "list_memos",
    "list_templates",
    "template_document",
    "list_organisations",
    "create_memo",
    "get_memo",
    "get_document",
    "save_revision",
    "restore_revision",
    "validate_document",
    "diff_revisions",
    "approve_memo",
    "reopen_memo",
    "import_memo_file",
    "export_memo_file",
    "list_keys",
    "create_key",
    "export_certificate",
    "backup_key",
    "restore_key",
    "trust_own_key",
    "list_trusted",
    "trust_certificate_file",
    "trust_signer",
    "remove_trusted",
    "sign_candidates",
    "sign_memo",
    "verify_pdf_file",
    "list_pdf_files",
    "export_verification_csv",
    "import_pdf_file",
    "export_pdf_file",
    "render_preview",
    "stored_pdf",
    "read_pdf_file",
    "memo_history",
    "test_pick_path",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )?;
    Ok(())
}
