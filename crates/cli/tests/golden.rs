//! Archives are forever: the golden files in `tests/golden/` were made by an earlier release, and
//! every later one must render the memorandum to the same bytes and verify the signed PDF as
//! valid (see `tests/golden/README.md`).
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::{Path, PathBuf};

mod common;
use common::{kelisim, s};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden")
        .join(name)
}

#[test]
fn the_golden_memorandum_renders_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again.pdf");
    let run = kelisim(
        &dir.path().join("data"),
        &["render", s(&golden("memorandum.json")), "--out", s(&out)],
    );
    assert!(run.status.success(), "{run:?}");
    let again = std::fs::read(&out).unwrap();
    let golden = std::fs::read(golden("memorandum.pdf")).unwrap();
    assert!(
        again == golden,
        "the rendering changed: {} bytes now, {} in the golden file (a rendering change needs a \
         new RENDERER_VERSION, never new bytes for the old one)",
        again.len(),
        golden.len()
    );
}

/// Renders `json` with the real binary into `out` and returns the bytes.
fn render_again(data: &Path, json: &Path, out: &Path) -> Vec<u8> {
    let run = kelisim(data, &["render", s(json), "--out", s(out)]);
    assert!(run.status.success(), "{}: {run:?}", json.display());
    std::fs::read(out).unwrap()
}

/// Renders every `NAME.json` of `tests/golden/<corpus>/` again and names each rendering that
/// differs from its `NAME.pdf`.
fn changed_renderings(corpus: &str, at_least: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut jsons: Vec<PathBuf> = std::fs::read_dir(golden(corpus))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    jsons.sort();
    assert!(
        jsons.len() >= at_least,
        "the {corpus} corpus lost files: {jsons:?}"
    );
    let mut changed = Vec::new();
    for json in &jsons {
        let pdf = json.with_extension("pdf");
        let out = dir.path().join(pdf.file_name().unwrap());
        let again = render_again(&dir.path().join("data"), json, &out);
        let golden = std::fs::read(&pdf)
            .map_err(|e| format!("{}: {e}", pdf.display()))
            .unwrap();
        if again != golden {
            changed.push(format!(
                "{corpus}/{}: {} bytes now, {} in the golden file",
                pdf.file_name().unwrap().to_string_lossy(),
                again.len(),
                golden.len()
            ));
        }
    }
    changed
}

#[test]
fn every_v1_golden_memorandum_renders_to_the_same_bytes() {
    let changed = changed_renderings("v1", 6);
    assert!(
        changed.is_empty(),
        "these /1 renderings changed (a rendering change needs a new RENDERER_VERSION, never new \
         bytes for the old one):\n{}",
        changed.join("\n")
    );
}

/// `/2` documents are signed too: their renderings by this renderer version are kept as well.
#[test]
fn every_v2_golden_memorandum_renders_to_the_same_bytes() {
    let changed = changed_renderings("v2", 3);
    assert!(
        changed.is_empty(),
        "these /2 renderings changed (a rendering change needs a new RENDERER_VERSION, never new \
         bytes for the old one):\n{}",
        changed.join("\n")
    );
}

#[test]
fn the_golden_signed_pdf_still_verifies_as_valid_and_agreed() {
    let dir = tempfile::tempdir().unwrap();
    let run = kelisim(
        &dir.path().join("archivist"),
        &[
            "--json",
            "verify",
            s(&golden("signed-two-parties.pdf")),
            "--trust",
            s(&golden("ministry.pem")),
            "--trust",
            s(&golden("fund.pem")),
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&run.stderr)));
    assert_eq!(run.status.code(), Some(0), "{report:#}");
    assert_eq!(report["verdict"], "valid", "{report:#}");
    assert_eq!(report["agreement"]["status"], "matches", "{report:#}");
    let signatures = report["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 2, "{report:#}");
    for (signature, field) in signatures
        .iter()
        .zip(["kelisim:ministry:minister", "kelisim:fund:director"])
    {
        assert_eq!(signature["field"], field);
        assert_eq!(signature["verdict"], "valid", "{report:#}");
        assert!(signature["modifications"].as_array().unwrap().is_empty());
    }
}

#[test]
fn the_golden_signed_pdf_is_untrusted_without_the_certificates() {
    let dir = tempfile::tempdir().unwrap();
    let run = kelisim(
        &dir.path().join("stranger"),
        &["verify", s(&golden("signed-two-parties.pdf"))],
    );
    assert_eq!(run.status.code(), Some(4), "{run:?}");
}
