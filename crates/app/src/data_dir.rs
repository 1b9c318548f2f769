//! Where Kelisim keeps its data. The CLI and the desktop app resolve it the same way:
//! an explicit `--data-dir`, else `KELISIM_DATA_DIR`, else the OS's data folder joined with
//! [`APP_IDENTIFIER`] — the same folder Tauri calls `app_data_dir` for this app.

use std::path::{Path, PathBuf};

use crate::AppError;

/// The application identifier; equal to `identifier` in `tauri.conf.json` (a test checks it).
pub const APP_IDENTIFIER: &str = "kz.kelisim.desktop";

/// The environment variable that overrides the data folder for the CLI and the desktop app.
pub const DATA_DIR_ENV: &str = "KELISIM_DATA_DIR";

/// Resolves the data folder as an absolute path. `explicit` is `--data-dir` when given;
/// `env` is the value of [`DATA_DIR_ENV`] (passed in so that callers and tests control it).
pub fn resolve_data_dir(
    explicit: Option<&Path>,
    env: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, AppError> {
    let chosen = match (explicit, env) {
        (Some(path), _) => path.to_owned(),
        (None, Some(value)) if !value.is_empty() => PathBuf::from(value),
        _ => dirs::data_dir()
            .ok_or_else(|| AppError::DataDir {
                path: PathBuf::from("<none>"),
                reason: format!(
                    "this system has no per-user data folder; set {DATA_DIR_ENV} or pass --data-dir"
                ),
            })?
            .join(APP_IDENTIFIER),
    };
    if chosen.is_absolute() {
        return Ok(chosen);
    }
    let cwd = std::env::current_dir().map_err(|err| AppError::DataDir {
        path: chosen.clone(),
        reason: format!("the current folder cannot be read to make the path absolute: {err}"),
    })?;
    Ok(cwd.join(chosen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn explicit_beats_environment_beats_default() {
        let explicit = resolve_data_dir(Some(Path::new("/a")), Some(OsStr::new("/b"))).unwrap();
        assert_eq!(explicit, PathBuf::from("/a"));
        let env = resolve_data_dir(None, Some(OsStr::new("/b"))).unwrap();
        assert_eq!(env, PathBuf::from("/b"));
        let default = resolve_data_dir(None, None).unwrap();
        assert!(default.ends_with(APP_IDENTIFIER), "{}", default.display());
        // An empty variable is treated as unset, not as the current folder.
        assert_eq!(
            resolve_data_dir(None, Some(OsStr::new(""))).unwrap(),
            default
        );
    }

    #[test]
    fn relative_paths_become_absolute() {
        let got = resolve_data_dir(Some(Path::new("rel/data")), None).unwrap();
        assert!(got.is_absolute());
        assert!(got.ends_with("rel/data"));
    }
}
