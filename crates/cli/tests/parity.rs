//! The command line does everything the desktop app does: every IPC command the desktop
//! registers (read from the generated `ui/src/lib/ipc/bindings.ts`, which is made from the
//! registered Tauri handlers) maps to the `kelisim` subcommand that does the same, and each
//! mapped subcommand exists (`kelisim <argv> --help` succeeds). A command the desktop adds
//! without a mapping fails this test; so does a mapping to a subcommand that does not exist.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::collections::BTreeSet;
use std::process::Command;

/// Every IPC command and the CLI subcommand that does the same.
const CLI: &[(&str, &[&str])] = &[
    ("about", &["info"]),
    ("list_memos", &["memo", "list"]),
    ("list_templates", &["templates"]),
    ("template_document", &["templates"]), // `kelisim templates NAME`
    ("list_organisations", &["org", "list"]),
    ("new_memo", &["memo", "new"]),
    ("create_memo", &["memo", "import"]), // a composed document, from a file
    ("get_memo", &["memo", "show"]),
    ("get_document", &["memo", "document"]),
    ("save_revision", &["memo", "update"]),
    ("restore_revision", &["memo", "restore"]),
    ("validate_document", &["memo", "validate"]),
    ("diff_revisions", &["memo", "diff"]),
    ("approve_memo", &["memo", "approve"]),
    ("reopen_memo", &["memo", "reopen"]),
    ("import_memo_file", &["memo", "import"]),
    ("export_memo_file", &["memo", "export"]),
    ("memo_history", &["memo", "history"]),
    ("list_keys", &["key", "list"]),
    ("create_key", &["key", "new"]), // and `key ca new` for a CA
    ("export_certificate", &["key", "certificate"]),
    ("backup_key", &["key", "backup", "export"]),
    ("restore_key", &["key", "backup", "import"]),
    ("trust_own_key", &["key", "trust"]),
    ("list_trusted", &["trust", "list"]),
    ("trust_certificate_file", &["trust", "add"]),
    ("trust_signer", &["trust", "signer-of"]),
    ("remove_trusted", &["trust", "remove"]),
    ("sign_candidates", &["memo", "sign-candidates"]),
    ("sign_memo", &["memo", "sign"]),
    ("verify_pdf_file", &["verify"]),
    ("verify_folder", &["verify"]),           // `kelisim verify DIR`
    ("export_verification_csv", &["verify"]), // `kelisim verify DIR --csv FILE`
    ("import_pdf_file", &["memo", "import"]),
    ("export_pdf_file", &["memo", "pdf"]),
    ("stored_pdf", &["memo", "pdf"]),
    ("render_preview", &["render"]),
    ("draft_pdf", &["memo", "pdf", "--draft"]),
    ("export_draft_pdf", &["memo", "pdf", "--draft"]),
    ("edit_memo", &["memo", "set"]), // and memo party|signatory|annex|language
    ("dismiss_translation_flag", &["memo", "flags", "dismiss"]),
    ("get_journal_settings", &["journal", "settings"]),
    ("set_journal_settings", &["journal", "settings"]),
    ("list_journal", &["journal", "list"]),
    ("journal_csv", &["journal", "list"]), // `kelisim journal list --csv`
    ("preview_journal_number", &["journal", "settings"]), // prints the next number
    ("set_journal_next", &["journal", "settings"]), // `kelisim journal settings --next N`
    ("export_journal_csv", &["journal", "list"]), // `kelisim journal list --csv --output FILE`
    ("new_amendment", &["memo", "amend"]),
];

/// The IPC commands that have no meaning on the command line, each with the reason.
const NO_CLI: &[(&str, &str)] = &[
    (
        "edit_document",
        "the editor's unsaved document; the command line edits stored drafts (memo set, party, …)",
    ),
    (
        "get_settings",
        "the desktop window's interface language; the command line follows --lang or the locale",
    ),
    (
        "set_ui_language",
        "the desktop window's interface language; the command line follows --lang or the locale",
    ),
    (
        "read_pdf_file",
        "reads a PDF's bytes for the desktop's preview; the command line reads files itself",
    ),
    (
        "document_view",
        "the editor's numbers, resolved placeholders and dates beside the text; `memo validate` and `render` show the same",
    ),
    (
        "format_dates",
        "dates in the window's interface language; the command line writes ISO dates",
    ),
    (
        "check_key_label",
        "feedback as a key label is typed; `key new` refuses a bad label with the same rule",
    ),
    (
        "check_bin",
        "feedback as a BIN is typed; `memo validate` and `memo new` report a bad BIN",
    ),
    (
        "test_pick_path",
        "the end-to-end tests' stand-in for the native file dialog",
    ),
];

/// Commands mapped above that the desktop does not register yet: the shell adds them with
/// the use cases they call (`Kelisim::new_memo`, `Kelisim::verify_folder`).
const PENDING: &[&str] = &[];

/// The command names `bindings.ts` invokes: `TAURI_INVOKE("name"`.
fn ipc_commands() -> BTreeSet<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/lib/ipc/bindings.ts"
    );
    let text = std::fs::read_to_string(path).expect("read bindings.ts");
    let names: BTreeSet<String> = text
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    assert!(
        names.len() > 30,
        "bindings.ts lists {} commands",
        names.len()
    );
    names
}

#[test]
fn every_ipc_command_has_a_cli_equivalent_or_a_reason() {
    let ipc = ipc_commands();
    let mapped: BTreeSet<&str> = CLI.iter().map(|(c, _)| *c).collect();
    let exempt: BTreeSet<&str> = NO_CLI.iter().map(|(c, _)| *c).collect();
    assert!(
        mapped.is_disjoint(&exempt),
        "a command is both mapped and exempt"
    );
    let missing: Vec<&String> = ipc
        .iter()
        .filter(|c| !mapped.contains(c.as_str()) && !exempt.contains(c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "IPC commands with no CLI equivalent (map them in CLI or give a reason in NO_CLI): {missing:?}"
    );
    let stale: Vec<&str> = mapped
        .iter()
        .chain(&exempt)
        .filter(|c| !ipc.contains(**c) && !PENDING.contains(c))
        .copied()
        .collect();
    assert!(
        stale.is_empty(),
        "mapped commands the desktop no longer has: {stale:?}"
    );
}

#[test]
fn every_mapped_subcommand_exists() {
    let argvs: BTreeSet<&[&str]> = CLI.iter().map(|(_, argv)| *argv).collect();
    for argv in argvs {
        let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
            .args(argv)
            .arg("--help")
            .env_remove("KELISIM_DATA_DIR")
            .output()
            .expect("run kelisim");
        assert!(
            out.status.success(),
            "kelisim {} --help: {}",
            argv.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Usage: kelisim"), "{help}");
    }
}

#[test]
fn the_folder_and_template_variants_are_in_the_help() {
    let help = |argv: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
            .args(argv)
            .arg("--help")
            .output()
            .expect("run kelisim");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let verify = help(&["verify"]);
    assert!(
        verify.contains("DIR") && verify.contains("--csv"),
        "{verify}"
    );
    assert!(help(&["templates"]).contains("[NAME]"));
    let new = help(&["memo", "new"]);
    for flag in ["--languages", "--layout", "--party", "--set", "--date"] {
        assert!(new.contains(flag), "memo new lacks {flag}: {new}");
    }
}
