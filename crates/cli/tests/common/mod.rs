//! What the `kelisim` binary's integration tests share: running it in a data folder, as a party
//! with its own folder and passphrase, and the fixture memorandum. Each test binary uses only
//! part of it.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)] // a helper that fails is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The memorandum most tests import (the core crate's fixture).
pub const FIXTURE: &str = "../core/tests/fixtures/youth-volunteering.json";

/// The fixture's path.
pub fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURE)
        .display()
        .to_string()
}

/// A file of the repository, by its path from the top.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The exit code of a process that was not killed by a signal.
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}

/// `kelisim` in the data folder `data` (the environment's data folder removed), its output.
pub fn kelisim(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KELISIM_DATA_DIR")
        .output()
        .expect("run kelisim")
}

/// One installation: its data folder and the passphrase its keys are made and unlocked with
/// (`KELISIM_PASSPHRASE`; keys with the test Argon2id costs, `KELISIM_TEST_KDF=fast`).
pub struct Party {
    pub data: PathBuf,
    pub passphrase: &'static str,
}

impl Party {
    pub fn new(root: &Path, name: &str) -> Party {
        Party::with_passphrase(root, name, "a passphrase")
    }

    pub fn with_passphrase(root: &Path, name: &str, passphrase: &'static str) -> Party {
        Party {
            data: root.join(name),
            passphrase,
        }
    }

    pub fn run_with(&self, args: &[&str], passphrase: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kelisim"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env_remove("KELISIM_DATA_DIR")
            .env("KELISIM_TEST_KDF", "fast")
            .env("KELISIM_PASSPHRASE", passphrase)
            .output()
            .expect("run kelisim")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, self.passphrase)
    }

    /// Runs a command that must succeed: its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "kelisim {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a command that must succeed with `--json`: its answer.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// Runs a command expected to fail: its exit code and standard error.
    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args);
        let code = code(&out);
        assert_ne!(code, 0, "kelisim {args:?} should have failed: {out:?}");
        (code, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// Memorandum `id`'s workflow status.
    pub fn status(&self, id: &str) -> String {
        self.json(&["memo", "show", id])["summary"]["status"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub fn memo_count(&self) -> u64 {
        self.json(&["memo", "list"])["total"].as_u64().unwrap()
    }
}
