//! Checks that keep the shell honest: the generated TypeScript bindings are current, and the
//! security configuration keeps its invariants (ARCHITECTURE.md lists them).

use std::path::{Path, PathBuf};

use specta_typescript::Typescript;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_owned()
}

const BINDINGS: &str = "ui/src/lib/ipc/bindings.ts";

fn generate_bindings(into: &Path) {
    crate::specta_builder()
        .export(
            Typescript::default().header(
                "// Generated from the Rust commands and DTOs by `make bindings`. Do not edit.\n",
            ),
            into,
        )
        .expect("export bindings");
}

/// Fails when `ui/src/lib/ipc/bindings.ts` no longer matches the Rust commands and DTOs.
/// Regenerate with `make bindings` (UPDATE_BINDINGS=1 runs this test in write mode).
#[test]
fn typescript_bindings_are_current() {
    let committed = repo_root().join(BINDINGS);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        generate_bindings(&committed);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    generate_bindings(&fresh);
    let want = std::fs::read_to_string(&fresh).unwrap();
    let have = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        want == have,
        "{BINDINGS} is stale: the Rust commands or DTOs changed. Run `make bindings` and commit it."
    );
}

fn config() -> serde_json::Value {
    let text = std::fs::read_to_string(repo_root().join("tauri.conf.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_identifier_is_the_one_the_cli_uses_for_the_data_folder() {
    assert_eq!(config()["identifier"], kelisim_app::APP_IDENTIFIER);
}

#[test]
fn the_security_configuration_keeps_its_invariants() {
    let config = config();
    let app = &config["app"];
    assert_eq!(app["withGlobalTauri"], false);
    assert_eq!(app["security"]["freezePrototype"], true);

    let csp = app["security"]["csp"].as_object().expect("an object CSP");
    for (directive, sources) in csp {
        let sources = sources.as_str().expect("sources as a string");
        for source in sources.split_whitespace() {
            let loose = matches!(
                source,
                "'unsafe-eval'" | "'unsafe-inline'" | "*" | "data:" | "blob:"
            );
            let remote = source.contains("://") && source != "http://ipc.localhost";
            assert!(!loose && !remote, "CSP {directive} allows {source}");
        }
    }
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}

/// The command names tauri-specta registered, read from the bindings it generates.
fn registered_commands() -> Vec<String> {
    let bindings = crate::specta_builder()
        .export_str(Typescript::default())
        .expect("export bindings");
    bindings
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_command_list_is_what_tauri_specta_registered() {
    let mut listed: Vec<&str> = crate::commands::NAMES.to_vec();
    let mut registered = registered_commands();
    assert_eq!(registered.len(), listed.len(), "{registered:?}");
    listed.sort_unstable();
    registered.sort_unstable();
    assert_eq!(registered, listed);
}

#[test]
fn the_main_window_capability_grants_only_our_commands() {
    let text =
        std::fs::read_to_string(repo_root().join("src-tauri/capabilities/main.json")).unwrap();
    let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let commands: Vec<String> = crate::commands::NAMES
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    let (ours, others) = granted.split_at(commands.len().min(granted.len()));
    assert_eq!(
        ours, commands,
        "build.rs grants every listed command, in order"
    );
    // Beyond our commands, only these: a new one must be added to build.rs and here on purpose.
    assert_eq!(
        others,
        [
            // The unsaved-changes guard: hear the window's close request, then close it.
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "core:window:allow-destroy",
            "dialog:allow-open",
            "dialog:allow-save",
        ]
    );
}
