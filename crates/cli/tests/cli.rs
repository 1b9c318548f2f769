//! The `kelisim` binary, run as a user would run it.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn kelisim(args: &[&str], env_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kelisim"));
    cmd.args(args).env_remove("KELISIM_DATA_DIR");
    if let Some(dir) = env_dir {
        cmd.env("KELISIM_DATA_DIR", dir);
    }
    cmd.output().expect("run kelisim")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn version_and_help() {
    let out = kelisim(&["--version"], None);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("kelisim {}", env!("CARGO_PKG_VERSION"))
    );

    let out = kelisim(&["--help"], None);
    assert!(out.status.success());
    let help = stdout(&out);
    for needle in [
        "--data-dir",
        "--json",
        "info",
        "KELISIM_DATA_DIR",
        "Exit codes",
    ] {
        assert!(help.contains(needle), "help lacks {needle}:\n{help}");
    }
}

#[test]
fn info_creates_the_database_in_the_given_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = kelisim(
        &["--data-dir", data.to_str().unwrap(), "info", "--json"],
        None,
    );
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["dataDir"], data.display().to_string());
    assert!(data.join("kelisim.sqlite3").is_file());
}

#[test]
fn the_environment_variable_sets_the_data_folder_and_the_flag_beats_it() {
    let dir = tempfile::tempdir().unwrap();
    let from_env = dir.path().join("env");
    let from_flag = dir.path().join("flag");

    let out = kelisim(&["info", "--json"], Some(&from_env));
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dataDir"], from_env.display().to_string());

    let out = kelisim(
        &["info", "--json", "--data-dir", from_flag.to_str().unwrap()],
        Some(&from_env),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dataDir"], from_flag.display().to_string());
}

#[test]
fn an_unusable_data_folder_fails_with_a_code_a_path_and_exit_status_5() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("occupied");
    std::fs::write(&file, "not a folder").unwrap();

    let out = kelisim(&["--data-dir", file.to_str().unwrap(), "info"], None);
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("occupied") && err.contains("[data_dir_unavailable]"),
        "{err}"
    );

    let out = kelisim(
        &["--data-dir", file.to_str().unwrap(), "info", "--json"],
        None,
    );
    assert_eq!(out.status.code(), Some(5));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["error"]["code"], "data_dir_unavailable");
}

#[test]
fn a_wrong_command_line_exits_2() {
    let out = kelisim(&["no-such-command"], None);
    assert_eq!(out.status.code(), Some(2));
}
