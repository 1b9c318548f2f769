//! The `kelisim` binary, run as a user would run it.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn kelisim(args: &[&str], env_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kelisim"));
    // English unless a test chooses: the machine's locale must not change what is printed.
    cmd.args(args)
        .env_remove("KELISIM_DATA_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
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

/// `LANG=kk_KZ.UTF-8 kelisim memo validate bad.json` prints each problem in Kazakh with its
/// path; `--lang` overrides the locale; `--json` keeps the code, params and English message.
#[test]
fn problems_are_printed_in_the_locales_language() {
    let e = env();
    let bad = e.data.parent().unwrap().join("bad.json");
    std::fs::write(
        &bad,
        EXAMPLE
            .replace("\"980310005674\"", "\"980310005675\"")
            .replace("\"layout\": \"parallel\"", "\"layout\": \"columns\""),
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let run = |args: &[&str], lang: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kelisim"));
        cmd.args(args)
            .env_remove("KELISIM_DATA_DIR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang);
        cmd.output().expect("run kelisim")
    };
    let out = run(&["memo", "validate", bad], "kk_KZ.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "parties[0].bin: БСН дұрыс емес: «980310005675» — БСН бақылау саны дұрыс емес"
        ),
        "{text}"
    );
    assert!(
        text.contains("layout: Белгісіз «columns» орналасуы"),
        "{text}"
    );
    assert!(!text.contains("unknown layout"), "{text}");

    let out = run(&["memo", "validate", bad, "--lang", "ru"], "kk_KZ.UTF-8");
    let text = stdout(&out);
    assert!(
        text.contains("layout: Неизвестная вёрстка «columns»"),
        "{text}"
    );

    let out = run(&["memo", "validate", bad, "--json"], "ru_RU.UTF-8");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let layout = &report["problems"][0];
    assert_eq!(layout["code"], "unknown_layout", "{report}");
    assert_eq!(layout["params"]["layout"], "columns");
    assert!(layout["message"]
        .as_str()
        .unwrap()
        .starts_with("unknown layout"));
    assert!(layout["text"]["ru"]
        .as_str()
        .unwrap()
        .contains("Неизвестная вёрстка"));

    let out = run(
        &[
            "memo",
            "show",
            "404",
            "--json",
            "--data-dir",
            e.data.to_str().unwrap(),
        ],
        "kk_KZ",
    );
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["lang"], "kk", "{error}");
    assert_eq!(error["text"], error["error"]["text"]["kk"], "{error}");
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

/// A memorandum text with a character no bundled font can draw.
fn undrawable() -> String {
    EXAMPLE.replace("Меморандум не возлагает", "Меморандум 備 не возлагает")
}

#[test]
fn a_character_no_font_can_draw_is_refused_by_import_update_and_new_as_validate_reports_it() {
    let e = env();
    let bad = e.data.parent().unwrap().join("glyph.json");
    std::fs::write(&bad, undrawable()).unwrap();
    let problems = |out: &Output| -> Vec<(String, String)> {
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let list = v
            .get("error")
            .map_or(&v["problems"], |err| &err["problems"])
            .as_array()
            .unwrap()
            .clone();
        list.iter()
            .map(|p| {
                (
                    p["path"].as_str().unwrap().to_owned(),
                    p["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let expected = vec![(
        "sections[1].clauses[1].text.ru".to_owned(),
        "missing_glyph".to_owned(),
    )];
    let validated = e.run(&["memo", "validate", bad.to_str().unwrap(), "--json"]);
    assert_eq!(problems(&validated), expected);
    let imported = e.run(&["memo", "import", bad.to_str().unwrap(), "--json"]);
    assert_eq!(problems(&imported), expected);
    let created = e.run(&[
        "memo",
        "new",
        "--template",
        "state-ngo-ru",
        "--set",
        "ngo.name.ru=Фонд 備",
        "--json",
    ]);
    let found = problems(&created);
    assert!(
        !found.is_empty() && found.iter().all(|(_, code)| code == "missing_glyph"),
        "{found:?}"
    );
    assert_eq!(e.json(&["memo", "list"])["total"], 0);

    e.json(&["memo", "import", e.example()]);
    let updated = e.run(&["memo", "update", "1", bad.to_str().unwrap(), "--json"]);
    assert_eq!(problems(&updated), expected);
    assert_eq!(
        e.json(&["memo", "show", "1"])["summary"]["currentRevision"],
        1
    );
}

#[test]
fn history_restore_organisations_and_templates_on_the_command_line() {
    let e = env();
    e.json(&["memo", "import", e.example()]);
    let edited = e.data.parent().unwrap().join("edited.json");
    std::fs::write(
        &edited,
        EXAMPLE.replacen(
            "Меморандум не возлагает",
            "Меморандум вовсе не возлагает",
            1,
        ),
    )
    .unwrap();
    e.json(&["memo", "update", "1", edited.to_str().unwrap()]);
    let restored = e.json(&["memo", "restore", "1", "1"]);
    assert_eq!(restored["currentRevision"], 3);
    let document = e.run(&["memo", "document", "1", "--revision", "3"]);
    assert_eq!(
        stdout(&document),
        stdout(&e.run(&["memo", "document", "1", "--revision", "1"]))
    );

    let history = e.json(&["memo", "history", "1"]);
    let actions: Vec<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["imported", "edited", "edited"]);
    assert_eq!(history["check"]["intact"], true);
    let text = stdout(&e.run(&["memo", "history", "1"]));
    assert!(
        text.contains("imported") && text.contains("audit log intact"),
        "{text}"
    );
    assert_eq!(e.run(&["memo", "history", "9"]).status.code(), Some(3));

    let orgs = e.json(&["org", "list"]);
    let bins: Vec<&str> = orgs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["bin"].as_str())
        .collect();
    assert!(bins.contains(&"211140000425"), "{orgs}");
    let text = stdout(&e.run(&["org", "list"]));
    assert!(
        text.contains("211140000425") && text.contains("Жас еріктілер"),
        "{text}"
    );

    let doc = e.run(&["templates", "state-ngo-en"]);
    let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).unwrap();
    assert_eq!(doc["languages"], serde_json::json!(["en"]));
    let list = e.json(&["templates"]);
    assert_eq!(
        list[0]["availableLanguages"],
        serde_json::json!(["kk", "ru", "en"])
    );
}

#[test]
fn memo_new_composes_languages_and_takes_a_party_from_the_registry() {
    let e = env();
    e.json(&["memo", "import", e.example()]);
    let out = e.run(&[
        "memo",
        "new",
        "--template",
        "state-ngo-kk-ru",
        "--languages",
        "kk,ru,en",
        "--party",
        "ngo=211140000425",
        "--json",
    ]);
    // The fund is registered in Kazakh and Russian: each English text it lacks is named.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "validation_failed");
    let paths: Vec<String> = err["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        paths.contains(&"parties[1].name.en".to_owned()),
        "{paths:?}"
    );
    let mut args = vec![
        "memo",
        "new",
        "--template",
        "state-ngo-kk-ru",
        "--languages",
        "kk,ru,en",
        "--layout",
        "sequential",
        "--party",
        "ngo=211140000425",
    ];
    let sets: Vec<String> = paths
        .iter()
        .map(|p| format!("{p}=Zhas Eriktiler"))
        .collect();
    for s in &sets {
        args.extend(["--set", s.as_str()]);
    }
    let created = e.json(&args);
    assert_eq!(created["languages"], serde_json::json!(["kk", "ru", "en"]));
    assert!(created["parties"]
        .as_str()
        .unwrap()
        .contains("«Жас еріктілер» қоғамдық қоры"));
    let id = created["id"].to_string();
    let doc: serde_json::Value =
        serde_json::from_slice(&e.run(&["memo", "document", &id]).stdout).unwrap();
    assert_eq!(doc["layout"], "sequential");

    let out = e.run(&[
        "memo",
        "new",
        "--template",
        "state-ngo-ru",
        "--party",
        "bank=1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    let out = e.run(&[
        "memo",
        "new",
        "--template",
        "state-ngo-ru",
        "--party",
        "ngo=id:99",
    ]);
    assert_eq!(out.status.code(), Some(3));
}
