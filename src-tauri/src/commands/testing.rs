//! The end-to-end tests' hook: WebDriver cannot drive the native file dialogs.

use std::path::{Path, PathBuf};

use kelisim_app::ApiError;
use serde::{Deserialize, Serialize};

/// The environment variable naming the folder that answers file choices in end-to-end tests.
pub const E2E_PICK_DIR_ENV: &str = "KELISIM_E2E_PICK_DIR";

/// The file holding the name of the file the next "open" choice picks (written by the test).
const E2E_OPEN_ANSWER: &str = "open.txt";

/// What a file choice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum PickPurpose {
    Open,
    Save,
}

/// A plain file name: no folders, nothing hidden, nothing climbing out.
fn plain_name(name: &str) -> Option<&str> {
    let name = name.trim();
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).file_name().is_some_and(|n| n == name);
    ok.then_some(name)
}

/// Answers a file choice in a debug build run with `KELISIM_E2E_PICK_DIR` (end-to-end tests:
/// WebDriver cannot drive the native GTK dialog). Saving goes to `<dir>/<suggested name>`;
/// opening picks `<dir>/<the name written in open.txt>` and consumes open.txt. Always `null`
/// in a release build or without the variable: the UI then shows the native dialog.
fn e2e_pick(dir: Option<PathBuf>, purpose: PickPurpose, suggested: &str) -> Option<String> {
    let dir = dir.filter(|_| cfg!(debug_assertions))?;
    let name = match purpose {
        PickPurpose::Save => plain_name(suggested)?.to_owned(),
        PickPurpose::Open => {
            let answer = dir.join(E2E_OPEN_ANSWER);
            let name = std::fs::read_to_string(&answer).ok()?;
            std::fs::remove_file(&answer).ok()?;
            plain_name(&name)?.to_owned()
        }
    };
    Some(dir.join(name).display().to_string())
}

/// See [`e2e_pick`]. `suggested` is the file name the save dialog would propose.
#[tauri::command]
#[specta::specta]
pub async fn test_pick_path(
    purpose: PickPurpose,
    suggested: String,
) -> Result<Option<String>, ApiError> {
    let dir = std::env::var_os(E2E_PICK_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    Ok(e2e_pick(dir, purpose, &suggested))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_hook_answers_only_plain_names_inside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = || Some(dir.path().to_owned());
        assert_eq!(e2e_pick(None, PickPurpose::Save, "memo.pdf"), None);
        assert_eq!(
            e2e_pick(d(), PickPurpose::Save, "memo.pdf"),
            Some(dir.path().join("memo.pdf").display().to_string())
        );
        assert_eq!(e2e_pick(d(), PickPurpose::Save, "../memo.pdf"), None);
        assert_eq!(e2e_pick(d(), PickPurpose::Save, "/etc/passwd"), None);
        // Opening: nothing chosen yet is a cancel; an answer is used once.
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
        std::fs::write(dir.path().join(E2E_OPEN_ANSWER), "a.pem\n").unwrap();
        assert_eq!(
            e2e_pick(d(), PickPurpose::Open, ""),
            Some(dir.path().join("a.pem").display().to_string())
        );
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
        std::fs::write(dir.path().join(E2E_OPEN_ANSWER), "../x.pdf").unwrap();
        assert_eq!(e2e_pick(d(), PickPurpose::Open, ""), None);
    }
}
