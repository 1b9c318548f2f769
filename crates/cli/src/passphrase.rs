//! Passphrases: from an environment variable, else asked on the terminal without echo. Never
//! from the command line, never printed or logged.

use kelisim_app::{ApiError, ErrorCode, Passphrase, SecretString};

/// The key's passphrase.
pub const PASSPHRASE_ENV: &str = "KELISIM_PASSPHRASE";
/// The passphrase of a key backup file.
pub const BACKUP_PASSPHRASE_ENV: &str = "KELISIM_BACKUP_PASSPHRASE";
/// The passphrase of the issuing CA key (falls back to `KELISIM_PASSPHRASE`).
pub const CA_PASSPHRASE_ENV: &str = "KELISIM_CA_PASSPHRASE";

fn from_env(names: &[&str]) -> Option<Passphrase> {
    names
        .iter()
        .filter_map(|n| std::env::var(n).ok())
        .find(|v| !v.is_empty())
        .map(SecretString::from)
}

fn ask(prompt: &str) -> Result<String, ApiError> {
    rpassword::prompt_password(prompt).map_err(|err| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "no passphrase: set {PASSPHRASE_ENV} (or the variable named in --help) or run \
                 in a terminal ({err})"
            ),
        )
    })
}

fn empty() -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, "the passphrase is empty")
}

/// An existing passphrase: the first set variable of `env`, else asked once.
pub fn existing(env: &[&str], prompt: &str) -> Result<Passphrase, ApiError> {
    if let Some(p) = from_env(env) {
        return Ok(p);
    }
    let typed = ask(prompt)?;
    if typed.is_empty() {
        return Err(empty());
    }
    Ok(SecretString::from(typed))
}

/// A new passphrase: the variable `env` (used as is), else asked twice on the terminal.
pub fn new(env: &str, prompt: &str) -> Result<Passphrase, ApiError> {
    if let Some(p) = from_env(&[env]) {
        return Ok(p);
    }
    let first = ask(prompt)?;
    if first.is_empty() {
        return Err(empty());
    }
    let second = ask("Repeat it: ")?;
    if first != second {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "the two passphrases differ; nothing was changed",
        ));
    }
    Ok(SecretString::from(first))
}
