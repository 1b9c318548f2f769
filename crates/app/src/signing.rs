//! Signing use cases over the keystore (`<data dir>/keys`) and the trust store (SQLite): keys
//! and certificates, signing a PDF file or a stored memorandum, verifying a PDF, and importing
//! a signed memorandum PDF from another party.
//!
//! Private keys stay in `kelisim-sign`; this module only passes passphrases through.

mod candidates;
mod import;
mod keys;
mod sign;
mod signatories;
mod trust;
mod verify;

/// The memorandum the signing tests use (the core crate's fixture).
#[cfg(test)]
fn fixture_memo() -> kelisim_core::Memorandum {
    let text = include_str!("../../core/tests/fixtures/youth-volunteering.json");
    kelisim_core::parse(text).unwrap()
}

use std::io::Read;
use std::path::Path;

use kelisim_sign::{KdfParams, Keystore};

pub use candidates::{CandidateDto, NotSigningReason, SeatDto, SignCandidatesDto};
pub(crate) use sign::places_json;
pub use sign::Unlocking;

use crate::{AppError, Kelisim};

/// The environment variable that lowers the Argon2id costs of new keys, for tests. Read only
/// by debug builds: a release build always uses the default costs.
pub const TEST_KDF_ENV: &str = "KELISIM_TEST_KDF";

/// The cheapest Argon2id costs a key file may declare (19 MiB, 2 passes: OWASP's minimum for
/// Argon2id), which the keystore enforces on unlock; test keys use exactly these, never less,
/// so they open under the floor.
pub const TEST_KDF_PARAMS: KdfParams = KdfParams {
    m_cost_kib: 19 * 1024,
    t_cost: 2,
    p_cost: 1,
};

/// The largest PDF read (a 20 MB memorandum plus its signatures).
pub const MAX_PDF_BYTES: usize = 64 * 1024 * 1024;

/// The largest certificate or key backup file read.
pub const MAX_SMALL_FILE_BYTES: usize = 1024 * 1024;

pub(crate) fn kdf_params() -> KdfParams {
    if cfg!(debug_assertions) && std::env::var(TEST_KDF_ENV).is_ok_and(|v| v == "fast") {
        TEST_KDF_PARAMS
    } else {
        KdfParams::default()
    }
}

/// Reads a whole file, refusing it when larger than `limit` without reading it all.
pub fn read_file_bytes(path: &Path, limit: usize) -> Result<Vec<u8>, AppError> {
    let err = |reason: String| AppError::File {
        what: path.display().to_string(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
    // Sized from the file's length up front: growing by doubling would hold two copies at once.
    let size = file
        .metadata()
        .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let mut bytes = Vec::with_capacity(size.min(limit).saturating_add(1));
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(e.to_string()))?;
    if bytes.len() > limit {
        return Err(err(format!(
            "the file is larger than the {} MB limit",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn utc(seconds: i64) -> String {
    match kelisim_sign::OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Err(_) => seconds.to_string(),
    }
}

impl Kelisim {
    /// The keystore of this data folder (created 0700 on first use).
    fn keystore(&self) -> Result<Keystore, AppError> {
        Ok(Keystore::open(&self.data_dir.join("keys"))?.with_kdf_params(kdf_params()))
    }

    /// The trust anchors: the trust store's certificates, each with its scope, and nothing
    /// else. A key file in the keystore is not a trust anchor by being there: the keys this
    /// installation creates or restores are recorded in the trust store when they are (see
    /// [`Kelisim::trust_own_key`]).
    async fn trust_anchors(&self) -> Result<Vec<kelisim_sign::TrustAnchor>, AppError> {
        Ok(self
            .store
            .trust_list()
            .await?
            .iter()
            .map(trust::anchor)
            .collect())
    }
}
