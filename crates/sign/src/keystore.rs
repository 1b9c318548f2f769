//! The keystore: a folder of `<label>.key.json` files, each an encrypted Ed25519 key with its
//! certificate. Files are written atomically (temporary file, fsync, rename) with mode 0600.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use rand_core::OsRng;
use secrecy::SecretString;
use time::OffsetDateTime;

use crate::certs::{self, CertIssuer, CertRequest};
use crate::keyfile::{self, KdfParams, KeyFileInfo, KDF_FLOOR};
use crate::{SignError, Subject};

/// A passphrase: zeroised on drop, never printed by `Debug`.
pub type Passphrase = SecretString;

const SUFFIX: &str = ".key.json";

/// A folder of encrypted keys.
#[derive(Debug, Clone)]
pub struct Keystore {
    dir: PathBuf,
    kdf: KdfParams,
    /// The weakest Argon2id costs accepted when creating or unlocking.
    floor: KdfParams,
}

/// What to put into a new key's certificate.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// File label: 1–64 of `A–Z a–z 0–9 . _ -`, not starting with a dot.
    pub label: String,
    /// The certificate's subject.
    pub subject: Subject,
    /// A certificate authority (basicConstraints CA:true, keyCertSign) or a signer.
    pub is_ca: bool,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// Length of validity in days.
    pub validity_days: u32,
}

impl NewKey {
    /// A signer key valid from now for three years.
    pub fn new(label: &str, subject: Subject) -> Self {
        NewKey {
            label: label.to_owned(),
            subject,
            is_ca: false,
            not_before: OffsetDateTime::now_utc(),
            validity_days: 3 * 365,
        }
    }
}

/// The public description of a stored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key's label in the keystore.
    pub label: String,
    /// The certificate's subject.
    pub subject: Subject,
    /// SHA-256 of the certificate, `3F2A 9C01 …`.
    pub fingerprint: String,
    /// The certificate, PEM.
    pub certificate_pem: String,
    /// The certificate, DER.
    pub certificate_der: Vec<u8>,
    /// The issuing CA's certificates (DER), nearest first; empty when self-signed.
    pub chain: Vec<Vec<u8>>,
    /// Whether this key is a certificate authority.
    pub is_ca: bool,
    /// Start of validity, Unix seconds.
    pub not_before: i64,
    /// End of validity, Unix seconds.
    pub not_after: i64,
}

impl KeyInfo {
    fn from_file(info: &KeyFileInfo) -> Self {
        let (not_before, not_after) = certs::validity_of(&info.certificate).unwrap_or((0, 0));
        KeyInfo {
            label: info.label.clone(),
            subject: info.subject.clone(),
            fingerprint: certs::format_fingerprint(&info.certificate),
            certificate_pem: certs::certificate_pem(&info.certificate),
            certificate_der: info.certificate.clone(),
            chain: info.chain.clone(),
            is_ca: info.is_ca,
            not_before,
            not_after,
        }
    }
}

/// A decrypted key, ready to sign. The secret is zeroised when this is dropped and no method
/// returns it.
pub struct UnlockedKey {
    pub(crate) key: SigningKey,
    pub(crate) info: KeyInfo,
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockedKey")
            .field("label", &self.info.label)
            .field("fingerprint", &self.info.fingerprint)
            .finish_non_exhaustive()
    }
}

impl UnlockedKey {
    /// The key's public description.
    pub fn info(&self) -> &KeyInfo {
        &self.info
    }
    /// The raw Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }
}

/// Whether `label` may name a key: 1–64 of `A–Z a–z 0–9 . _ -`, not starting with a dot (the
/// label is the key file's name). The desktop asks this as the label is typed.
pub fn is_valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 64
        && !label.starts_with('.')
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn check_label(label: &str) -> Result<(), SignError> {
    if is_valid_label(label) {
        Ok(())
    } else {
        Err(SignError::InvalidLabel(label.to_owned()))
    }
}

/// Writes `bytes` to `path` atomically, readable and writable by the owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SignError> {
    let dir = path
        .parent()
        .ok_or_else(|| SignError::InvalidLabel(path.display().to_string()))?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        rand_core::RngCore::next_u64(&mut OsRng)
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        #[cfg(unix)]
        fs::File::open(dir)?.sync_all()?;
        Ok::<(), std::io::Error>(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    Ok(result?)
}

impl Keystore {
    /// Opens (creating if needed, mode 0700) the keystore folder `dir`.
    pub fn open(dir: &Path) -> Result<Self, SignError> {
        if !dir.exists() {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(dir)?;
        }
        Ok(Keystore {
            dir: dir.to_owned(),
            kdf: KdfParams::default(),
            floor: KDF_FLOOR,
        })
    }

    /// The same keystore writing new files with other Argon2id costs (the costs are stored in
    /// each file). Costs below [`KDF_FLOOR`](crate::KDF_FLOOR) are refused with
    /// [`SignError::KdfTooWeak`] when a key is created, unless the floor was lowered with
    /// [`Keystore::with_kdf_floor_for_tests`].
    pub fn with_kdf_params(mut self, kdf: KdfParams) -> Self {
        self.kdf = kdf;
        self
    }

    /// **For tests only**: the same keystore accepting any Argon2id costs the file format
    /// allows (down to 8 KiB and one pass) when creating and unlocking keys, so tests can use
    /// cheap keys. Never call this in a program that handles real keys: it accepts key files
    /// whose passphrase can be guessed cheaply.
    pub fn with_kdf_floor_for_tests(mut self) -> Self {
        self.floor = KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        };
        self
    }

    fn path_of(&self, label: &str) -> Result<PathBuf, SignError> {
        check_label(label)?;
        Ok(self.dir.join(format!("{label}{SUFFIX}")))
    }

    fn read(&self, label: &str) -> Result<Vec<u8>, SignError> {
        let path = self.path_of(label)?;
        match fs::read(&path) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(SignError::KeyNotFound(label.to_owned()))
            }
            Err(e) => Err(e.into()),
        }
    }

    fn write_new(&self, label: &str, bytes: &[u8]) -> Result<(), SignError> {
        let path = self.path_of(label)?;
        if path.exists() {
            return Err(SignError::KeyExists(label.to_owned()));
        }
        write_private(&path, bytes)
    }

    /// Generates a key and its certificate, self-signed or issued by the CA key `issuer`
    /// (label and passphrase), and stores it encrypted under `passphrase`.
    pub fn create_key(
        &self,
        request: &NewKey,
        passphrase: &Passphrase,
        issuer: Option<(&str, &Passphrase)>,
    ) -> Result<KeyInfo, SignError> {
        let path = self.path_of(&request.label)?;
        if path.exists() {
            return Err(SignError::KeyExists(request.label.clone()));
        }
        request.subject.validate()?;
        self.kdf.check_floor(self.floor)?;
        let key = SigningKey::generate(&mut OsRng);
        let not_after = request.not_before + time::Duration::days(i64::from(request.validity_days));
        let cert_request = CertRequest {
            subject: &request.subject,
            public_key: key.verifying_key().to_bytes(),
            is_ca: request.is_ca,
            not_before: request.not_before,
            not_after,
        };
        let (certificate, chain) = match issuer {
            None => {
                let issuer = CertIssuer {
                    subject: &request.subject,
                    key: &key,
                };
                (certs::issue_certificate(&cert_request, &issuer)?, vec![])
            }
            Some((ca_label, ca_passphrase)) => {
                let ca = self.unlock(ca_label, ca_passphrase)?;
                if !ca.info.is_ca {
                    return Err(SignError::NotACertificateAuthority(ca_label.to_owned()));
                }
                let issuer = CertIssuer {
                    subject: &ca.info.subject,
                    key: &ca.key,
                };
                let cert = certs::issue_certificate(&cert_request, &issuer)?;
                let mut chain = vec![ca.info.certificate_der.clone()];
                chain.extend(ca.info.chain.iter().cloned());
                (cert, chain)
            }
        };
        let info = KeyFileInfo {
            label: request.label.clone(),
            is_ca: request.is_ca,
            subject: request.subject.clone(),
            public_key: key.verifying_key().to_bytes(),
            certificate,
            chain,
        };
        let bytes = keyfile::seal(&info, &key, passphrase, self.kdf, self.floor)?;
        self.write_new(&request.label, &bytes)?;
        Ok(KeyInfo::from_file(&keyfile::read_info(
            &bytes,
            Some(&request.label),
        )?))
    }

    /// Every key in the folder, by label. Files that cannot be read are skipped.
    pub fn list(&self) -> Result<Vec<KeyInfo>, SignError> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some(label) = name.strip_suffix(SUFFIX) else {
                continue;
            };
            if check_label(label).is_err() {
                continue;
            }
            if let Ok(info) = fs::read(entry.path())
                .map_err(SignError::from)
                .and_then(|b| keyfile::read_info(&b, Some(label)))
            {
                out.push(KeyInfo::from_file(&info));
            }
        }
        out.sort_by(|a, b| a.label.cmp(&b.label));
        Ok(out)
    }

    /// The public description of one key (no passphrase needed).
    pub fn info(&self, label: &str) -> Result<KeyInfo, SignError> {
        Ok(KeyInfo::from_file(&keyfile::read_info(
            &self.read(label)?,
            Some(label),
        )?))
    }

    /// Decrypts a key for signing. A wrong passphrase is `WrongPassphrase` and changes nothing.
    ///
    /// Traced as the span `unlock` (field: the label; never the passphrase or the key).
    pub fn unlock(&self, label: &str, passphrase: &Passphrase) -> Result<UnlockedKey, SignError> {
        let _unlock = tracing::info_span!("unlock", label).entered();
        let (info, key) = keyfile::open(&self.read(label)?, passphrase, Some(label), self.floor)?;
        Ok(UnlockedKey {
            key,
            info: KeyInfo::from_file(&info),
        })
    }

    /// An encrypted backup of one key (the same file format) under `backup_passphrase`, for
    /// moving the key to another machine.
    pub fn export_backup(
        &self,
        label: &str,
        passphrase: &Passphrase,
        backup_passphrase: &Passphrase,
    ) -> Result<Vec<u8>, SignError> {
        let (info, key) = keyfile::open(&self.read(label)?, passphrase, Some(label), self.floor)?;
        keyfile::seal(&info, &key, backup_passphrase, self.kdf, self.floor)
    }

    /// Imports a backup made by [`Keystore::export_backup`] as `label`, re-encrypted under
    /// `passphrase`. An existing label is never overwritten.
    pub fn import_backup(
        &self,
        backup: &[u8],
        backup_passphrase: &Passphrase,
        label: &str,
        passphrase: &Passphrase,
    ) -> Result<KeyInfo, SignError> {
        let path = self.path_of(label)?;
        if path.exists() {
            return Err(SignError::KeyExists(label.to_owned()));
        }
        let (mut info, key) = keyfile::open(backup, backup_passphrase, None, self.floor)?;
        info.label = label.to_owned();
        let bytes = keyfile::seal(&info, &key, passphrase, self.kdf, self.floor)?;
        self.write_new(label, &bytes)?;
        Ok(KeyInfo::from_file(&keyfile::read_info(
            &bytes,
            Some(label),
        )?))
    }

    /// Changes a key's passphrase (atomically replacing its file).
    pub fn change_passphrase(
        &self,
        label: &str,
        old: &Passphrase,
        new: &Passphrase,
    ) -> Result<(), SignError> {
        let (info, key) = keyfile::open(&self.read(label)?, old, Some(label), self.floor)?;
        let bytes = keyfile::seal(&info, &key, new, self.kdf, self.floor)?;
        write_private(&self.path_of(label)?, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_label;

    #[test]
    fn labels_are_1_to_64_of_letters_digits_dot_underscore_dash_not_starting_with_a_dot() {
        assert!(is_valid_label("aigerim.2026_a-b"));
        assert!(is_valid_label(&"a".repeat(64)));
        for bad in [
            "",
            ".hidden",
            "with space",
            "../up",
            "кирилл",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_label(bad), "{bad:?}");
        }
    }
}
