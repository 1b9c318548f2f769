// The one list of IPC commands, by concept (one module of `src/commands/` each). `build.rs`
// includes this file to generate a permission per command and the main window's capability;
// `src/commands/mod.rs` includes it to register the handlers and generate the TypeScript
// bindings. A new command is a function in its module and its name here — nothing else.
kelisim_commands! {
    settings: about, get_settings, set_ui_language;
    memos: list_memos, create_memo, get_memo, get_document, save_revision, restore_revision,
        validate_document, diff_revisions, approve_memo, reopen_memo, import_memo_file,
        export_memo_file, render_preview, stored_pdf, document_view, format_dates;
    editing: edit_memo, edit_document, dismiss_translation_flag;
    templates: list_templates, template_document, new_memo;
    organisations: list_organisations, check_bin;
    keys: list_keys, check_key_label, create_key, export_certificate, backup_key, restore_key;
    trust: trust_own_key, list_trusted, trust_certificate_file, trust_signer, remove_trusted;
    signing: sign_candidates, sign_memo;
    verify: verify_pdf_file, verify_folder, export_verification_csv, read_pdf_file;
    exchange: import_pdf_file, export_pdf_file, draft_pdf, export_draft_pdf;
    audit: memo_history;
    journal: get_journal_settings, set_journal_settings, list_journal, journal_csv,
        preview_journal_number, set_journal_next, export_journal_csv;
    amendments: new_amendment;
    testing: test_pick_path;
}
