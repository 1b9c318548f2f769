//! The verifier must not be fooled (issue 12): every PDF in `tests/attacks/pdf/` is the golden
//! two-party PDF changed after signing by someone who holds no key — a clause rewritten through
//! an object exempted by reference, direct annotation dictionaries, parser differentials,
//! "invisible" signature widgets that draw, role allowances, bytes hidden in `/Contents`, … (see
//! `tests/attacks/INDEX.md` for each file's class, what poppler shows and what pyHanko says, and
//! `tests/attacks/make.py`, which writes them). The real `kelisim` binary must refuse every one:
//! a non-zero exit (1: invalid or modified) and a verdict that is neither valid nor valid but
//! untrusted (both signers are trusted here, so an untrusted verdict would be a miss too), and
//! never a crash. The golden file itself, verified the same way, must stay valid, so this test
//! can fail both ways.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{kelisim, repo};

/// One `kelisim --json verify` with both golden certificates trusted and a fresh data folder:
/// the exit code (`None` when killed by a signal) and the JSON report (`Null` if there is none).
fn verify(pdf: &Path) -> (Option<i32>, serde_json::Value, String) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .arg("--data-dir")
        .arg(data.path().join("archivist"))
        .arg("--json")
        .arg("verify")
        .arg(pdf)
        .arg("--trust")
        .arg(repo("tests/golden/ministry.pem"))
        .arg("--trust")
        .arg(repo("tests/golden/fund.pem"))
        .env_remove("KELISIM_DATA_DIR")
        .output()
        .expect("run kelisim");
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), report, stderr)
}

fn corpus() -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(repo("tests/attacks/pdf"))
        .expect("tests/attacks/pdf exists (python3 tests/attacks/make.py writes it)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

/// Why the verifier's answer on an attack is wrong, if it is.
fn accepted(code: Option<i32>, report: &serde_json::Value) -> Option<String> {
    let verdict = report["verdict"].as_str().unwrap_or("");
    match code {
        None => Some("killed by a signal".into()),
        Some(0) => Some(format!("exit 0 with verdict {verdict:?}")),
        Some(101) => Some("panicked (exit 101)".into()),
        Some(_) if report.is_null() => Some("no JSON report".into()),
        Some(_) if matches!(verdict, "valid" | "validUntrusted") => {
            Some(format!("verdict {verdict:?}"))
        }
        Some(_) => None,
    }
}

/// The kinds of modification and the problems the report names, shortened for the table.
fn reasons(report: &serde_json::Value) -> String {
    let mut kinds: Vec<String> = report["signatures"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["modifications"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["kind"].as_str().map(str::to_owned))
        .collect();
    kinds.sort();
    kinds.dedup();
    let problems = report["problems"].as_array().map_or(0, Vec::len);
    format!("{} | {problems} problem(s)", kinds.join(","))
}

#[test]
fn the_golden_pdf_verifies_valid_the_way_the_corpus_is_verified() {
    let (code, report, stderr) = verify(&repo("tests/golden/signed-two-parties.pdf"));
    assert_eq!(code, Some(0), "{report:#} {stderr}");
    assert_eq!(report["verdict"], "valid", "{report:#}");
    // The judge flags exactly this answer on an attack.
    assert!(accepted(code, &report).is_some());
}

#[test]
fn every_attack_in_the_corpus_is_refused() {
    let pdfs = corpus();
    assert!(
        pdfs.len() >= 40,
        "the attack corpus has {} files; run python3 tests/attacks/make.py",
        pdfs.len()
    );
    let index = std::fs::read_to_string(repo("tests/attacks/INDEX.md")).unwrap();
    let mut table = String::from("file → verdict → exit code (modifications | problems)\n");
    let mut wrong = Vec::new();
    for pdf in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            index.contains(&format!("`{name}`")),
            "{name} is missing from tests/attacks/INDEX.md (run python3 tests/attacks/index.py)"
        );
        let (code, report, stderr) = verify(pdf);
        let verdict = report["verdict"].as_str().unwrap_or("-").to_owned();
        table.push_str(&format!(
            "{name} → {verdict} → {code:?} ({})\n",
            reasons(&report)
        ));
        if let Some(why) = accepted(code, &report) {
            wrong.push(format!("{name}: {why} {}", stderr.trim()));
        }
    }
    println!("{table}");
    assert!(
        wrong.is_empty(),
        "{} of {} attacks were not refused:\n{}\n\n{table}",
        wrong.len(),
        pdfs.len(),
        wrong.join("\n")
    );
}

/// The exchange flow: a party that trusts both signers receives each attack as the PDF to import.
/// Every one must be refused (non-zero exit) and nothing stored; the golden file, received the
/// same way afterwards, is imported — so the test can fail both ways.
#[test]
fn no_attack_in_the_corpus_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ngo");
    for pem in ["tests/golden/ministry.pem", "tests/golden/fund.pem"] {
        let out = kelisim(&data, &["trust", "add", repo(pem).to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut imported = Vec::new();
    for pdf in corpus() {
        let out = kelisim(&data, &["--json", "memo", "import", pdf.to_str().unwrap()]);
        if out.status.code() != Some(1) {
            imported.push(format!(
                "{}: exit {:?} {}",
                pdf.file_name().unwrap().to_string_lossy(),
                out.status.code(),
                String::from_utf8_lossy(&out.stdout)
            ));
        }
    }
    assert!(
        imported.is_empty(),
        "imported or not refused as invalid:\n{}",
        imported.join("\n")
    );
    let list = kelisim(&data, &["--json", "memo", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(
        list["items"],
        serde_json::json!([]),
        "nothing may be stored"
    );
    let golden = repo("tests/golden/signed-two-parties.pdf");
    let out = kelisim(&data, &["memo", "import", golden.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
