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

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

struct Env {
    _dir: tempfile::TempDir,
    data: std::path::PathBuf,
    example: std::path::PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let example = dir.path().join("example.json");
    std::fs::write(&example, EXAMPLE).unwrap();
    Env {
        _dir: dir,
        data,
        example,
    }
}

impl Env {
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--data-dir", self.data.to_str().unwrap()];
        all.extend_from_slice(args);
        kelisim(&all, None)
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all);
        assert!(out.status.success(), "{args:?}: {out:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn example(&self) -> &str {
        self.example.to_str().unwrap()
    }
}

#[test]
fn a_memorandum_goes_from_template_to_approval_through_the_cli() {
    let e = env();
    let created = e.json(&[
        "memo",
        "new",
        "--template",
        "state-ngo-kk-ru",
        "--date",
        "2026-10-06",
        "--set",
        "parties[0].name.ru=Министерство культуры и информации Республики Казахстан",
        "--set",
        "parties[0].name.kk=Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
    ]);
    assert_eq!(created["status"], "draft");
    let id = created["id"].to_string();

    let out_file = e.data.parent().unwrap().join("export.json");
    let out = e.run(&["memo", "export", &id, "--out", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&out_file).unwrap();
    std::fs::write(
        &out_file,
        text.replacen("сотрудничество Сторон", "тесное сотрудничество Сторон", 1),
    )
    .unwrap();
    let saved = e.json(&["memo", "update", &id, out_file.to_str().unwrap()]);
    assert_eq!(saved["currentRevision"], 2);

    let out = e.run(&["memo", "diff", &id, "--from", "1", "--to", "2"]);
    let diff = stdout(&out);
    assert!(diff.contains("── kk ── 0 change(s)"), "{diff}");
    assert!(
        diff.contains("~ 1.1. ") && diff.contains("{+тесное+} сотрудничество"),
        "{diff}"
    );

    let approved = e.json(&["memo", "approve", &id]);
    assert_eq!(approved["status"], "approved");
    let out = e.run(&["memo", "update", &id, out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[conflict]"));

    let list = e.json(&[
        "memo",
        "list",
        "--status",
        "approved",
        "--query",
        "МӘДЕНИЕТ",
    ]);
    assert_eq!(list["total"], 1);
    let audit = e.json(&["audit", "verify"]);
    assert_eq!(audit["intact"], true);
    assert_eq!(audit["entries"], 4); // created, exported, edited, approved
}

#[test]
fn validate_reports_every_problem_and_stores_nothing() {
    let e = env();
    let bad = e.data.parent().unwrap().join("bad.json");
    std::fs::write(
        &bad,
        EXAMPLE
            .replace("\"980310005674\"", "\"980310005675\"")
            .replace("\"layout\": \"parallel\"", "\"layout\": \"columns\""),
    )
    .unwrap();
    let out = e.run(&["memo", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("2 problem(s)"), "{text}");
    assert!(
        text.contains("parties[0].bin: ") && text.contains("layout: unknown layout \"columns\""),
        "{text}"
    );
    assert!(!e.data.exists(), "validate must not create a database");

    let out = e.run(&["memo", "validate", e.example(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert!(report["contentHash"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));

    let out = e.run(&["memo", "import", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["error"]["code"], "validation_failed");
    let paths: Vec<&str> = line["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["layout", "parties[0].bin"]);
    assert_eq!(e.json(&["memo", "list"])["total"], 0);

    let out = e.run(&["memo", "validate", "/no/such/file.json"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.json"));
    let out = e.run(&["memo", "show", "42"]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn two_processes_writing_the_same_database_at_once_lose_nothing() {
    let e = env();
    assert!(e.run(&["info"]).status.success());
    let spawn = || {
        let mut args = vec!["--data-dir", e.data.to_str().unwrap(), "memo", "import"];
        args.extend(std::iter::repeat_n(e.example(), 60));
        Command::new(env!("CARGO_BIN_EXE_kelisim"))
            .args(&args)
            .env_remove("KELISIM_DATA_DIR")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let list = e.json(&["memo", "list", "--limit", "500"]);
    assert_eq!(list["total"], 120);
    let mut ids: Vec<u64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=120).collect::<Vec<u64>>());
    let audit = e.json(&["audit", "verify"]);
    assert_eq!(
        (audit["intact"].clone(), audit["entries"].clone()),
        (serde_json::json!(true), serde_json::json!(120))
    );
}

#[test]
fn a_process_killed_mid_stream_keeps_every_acknowledged_memorandum() {
    use std::io::BufRead;
    let e = env();
    let mut args = vec![
        "--data-dir",
        e.data.to_str().unwrap(),
        "memo",
        "import",
        "--json",
    ];
    args.extend(std::iter::repeat_n(e.example(), 400));
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .args(&args)
        .env_remove("KELISIM_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut acknowledged = Vec::new();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    while acknowledged.len() < 25 {
        let line = lines.next().unwrap().unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        acknowledged.push(v["memorandum"]["id"].as_u64().unwrap());
    }
    child.kill().unwrap(); // SIGKILL on Unix: no destructors, no flush
    let status = child.wait().unwrap();
    assert!(!status.success());

    let list = e.json(&["memo", "list", "--limit", "500"]);
    let stored: Vec<u64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    for id in &acknowledged {
        assert!(stored.contains(id), "acknowledged memorandum {id} was lost");
    }
    assert!(
        stored.len() < 400,
        "the process was killed before it finished"
    );
    let audit = e.json(&["audit", "verify"]);
    assert_eq!(audit["intact"], true, "{audit}");
    assert_eq!(audit["entries"].as_u64().unwrap(), stored.len() as u64);
}
