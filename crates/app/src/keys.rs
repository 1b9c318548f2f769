//! Keys and their certificates: create (self-signed or issued by an organisation CA), list,
//! export the certificate, encrypted backup export and import.

use kelisim_sign::{KdfParams, KeyInfo, Keystore, NewKey, OffsetDateTime, Passphrase, Subject};

use crate::dto::{KeyDto, NewKeyRequest, TrustedCertificateDto};
use crate::messages::Reason;
use crate::{AppError, Kelisim};

/// The longest validity accepted, in days (about 30 years).
const MAX_VALIDITY_DAYS: u32 = 11_000;

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

pub(crate) fn kdf_params() -> KdfParams {
    if cfg!(debug_assertions) && std::env::var(TEST_KDF_ENV).is_ok_and(|v| v == "fast") {
        TEST_KDF_PARAMS
    } else {
        KdfParams::default()
    }
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn utc(seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(seconds) {
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

pub(crate) fn key_dto(info: KeyInfo) -> KeyDto {
    let issuer = info
        .chain
        .first()
        .and_then(|der| kelisim_sign::certificate_info(der).ok())
        .map(|c| c.subject);
    KeyDto {
        label: info.label,
        name: info.subject.name,
        position: info.subject.position,
        organisation: info.subject.organisation,
        bin: info.subject.bin,
        country: info.subject.country,
        fingerprint: info.fingerprint,
        is_ca: info.is_ca,
        issuer,
        not_before: utc(info.not_before),
        not_after: utc(info.not_after),
        certificate_pem: info.certificate_pem,
    }
}

impl Kelisim {
    /// The keystore of this data folder (created 0700 on first use).
    pub(crate) fn keystore(&self) -> Result<Keystore, AppError> {
        Ok(Keystore::open(&self.data_dir.join("keys"))?.with_kdf_params(kdf_params()))
    }

    /// Creates a key and its certificate, and trusts the certificate as itself (audit-logged).
    /// `issuer_passphrase` unlocks the issuing CA key when `request.issuer` names one.
    pub async fn key_new(
        &self,
        request: &NewKeyRequest,
        passphrase: &Passphrase,
        issuer_passphrase: Option<&Passphrase>,
    ) -> Result<KeyDto, AppError> {
        if request.validity_days == 0 || request.validity_days > MAX_VALIDITY_DAYS {
            return Err(AppError::InvalidInput {
                field: "validity days".into(),
                message: format!("must be between 1 and {MAX_VALIDITY_DAYS}"),
            });
        }
        let mut subject = Subject::new(
            request.name.trim(),
            request.position.trim(),
            request.organisation.trim(),
        );
        if let Some(bin) = request
            .bin
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
        {
            subject = subject.with_bin(bin);
        }
        let new = NewKey {
            label: request.label.clone(),
            subject,
            is_ca: request.is_ca,
            not_before: OffsetDateTime::now_utc(),
            validity_days: request.validity_days,
        };
        let issuer = match (&request.issuer, issuer_passphrase) {
            (Some(label), Some(pass)) => Some((label.as_str(), pass)),
            (Some(_), None) => {
                return Err(AppError::InvalidInput {
                    field: "issuer".into(),
                    message: "the issuing CA key's passphrase is needed".into(),
                })
            }
            (None, _) => None,
        };
        let info = self.keystore()?.create_key(&new, passphrase, issuer)?;
        self.trust_own_key(&info).await?;
        Ok(key_dto(info))
    }

    /// Trusts a key of this keystore as itself once its passphrase has opened it and its
    /// certificate is shown to carry its public key: for keys made by a version that took
    /// every key file as trusted without recording it (a file in `keys/` proves nothing; the
    /// passphrase does). Audit-logged like every trust.
    pub async fn key_trust(
        &self,
        label: &str,
        passphrase: &Passphrase,
    ) -> Result<TrustedCertificateDto, AppError> {
        let unlocked = self.keystore()?.unlock(label, passphrase)?;
        let info = unlocked.info().clone();
        // An Ed25519 SubjectPublicKeyInfo ends with BIT STRING (33 bytes, no unused bits) and
        // the 32-byte key.
        let mut spki = vec![0x03, 0x21, 0x00];
        spki.extend(unlocked.public_key());
        drop(unlocked);
        if !info.certificate_der.windows(spki.len()).any(|w| w == spki) {
            return Err(AppError::Refused(Reason::new(
                "certificate_not_for_key",
                vec![("label", label.to_string())],
                format!(
                    "refused: the certificate in key file {label:?} is not for the key it \
                     holds; it is not trusted"
                ),
            )));
        }
        self.trust_own_key(&info).await
    }

    /// Every key of the keystore.
    pub fn key_list(&self) -> Result<Vec<KeyDto>, AppError> {
        Ok(self.keystore()?.list()?.into_iter().map(key_dto).collect())
    }

    /// One key's public facts (no passphrase needed).
    pub fn key_info(&self, label: &str) -> Result<KeyDto, AppError> {
        Ok(key_dto(self.keystore()?.info(label)?))
    }

    /// A key's certificate as PEM, to give to the other parties.
    pub fn key_certificate(&self, label: &str) -> Result<String, AppError> {
        Ok(self.keystore()?.info(label)?.certificate_pem)
    }

    /// An encrypted backup of a key under `backup_passphrase`.
    pub fn key_backup_export(
        &self,
        label: &str,
        passphrase: &Passphrase,
        backup_passphrase: &Passphrase,
    ) -> Result<Vec<u8>, AppError> {
        Ok(self
            .keystore()?
            .export_backup(label, passphrase, backup_passphrase)?)
    }

    /// Imports a backup as `label`, re-encrypted under `passphrase`, and trusts its
    /// certificate as itself (audit-logged): the backup's passphrase proves it is one's own.
    pub async fn key_backup_import(
        &self,
        backup: &[u8],
        backup_passphrase: &Passphrase,
        label: &str,
        passphrase: &Passphrase,
    ) -> Result<KeyDto, AppError> {
        let info = self
            .keystore()?
            .import_backup(backup, backup_passphrase, label, passphrase)?;
        self.trust_own_key(&info).await?;
        Ok(key_dto(info))
    }
}
