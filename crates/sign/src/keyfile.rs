//! The `kelisim.key/1` file: one Ed25519 key encrypted under a passphrase.
//!
//! ```json
//! { "format": "kelisim.key/1", "version": 1, "label": "…", "is_ca": false,
//!   "subject": { "name": …, "position": …, "organisation": …, "bin": …, "country": "KZ" },
//!   "kdf": { "algorithm": "argon2id", "version": 19, "m_cost_kib": 65536, "t_cost": 3,
//!            "p_cost": 1, "salt": "<base64>" },
//!   "aead": { "algorithm": "xchacha20poly1305", "nonce": "<base64, 24 bytes>" },
//!   "ciphertext": "<base64: 32-byte Ed25519 seed + 16-byte tag>",
//!   "public_key": "<base64, 32 bytes>", "certificate": "<base64 DER>",
//!   "chain": ["<base64 DER of the issuing CA certificate>", …] }
//! ```
//! Version 2 (written since issue 12): the AEAD's associated data binds the format name and
//! version, the label, the CA flag, the subject, the Argon2id costs, the public key and the
//! SHA-256 of the certificate and chain, so editing any of them makes the file fail to open.
//! Version 1 files (still read) bound only the format name, the public key, the certificate
//! and the chain; their label is taken from the file name instead of the file.
//!
//! Whatever the version, nothing the file declares about its owner is believed on its own: the
//! subject and CA flag are read from the certificate (whose public key must be the file's), and
//! a keystore file's label is its file name (a version 2 file whose label differs is refused).
//! Argon2id costs below [`KDF_FLOOR`] are refused when creating and when unlocking
//! ([`SignError::KdfTooWeak`]). Backups use the same format under a backup passphrase.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::SigningKey;
use rand_core::{OsRng, RngCore};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{SignError, Subject};

/// The format name written into every key file.
pub const FORMAT: &str = "kelisim.key/1";
/// The version written; version 1 is still read.
const VERSION: u32 = 2;
const VERSION_1: u32 = 1;

/// The weakest Argon2id costs accepted when a key file is created or unlocked: 19 MiB and two
/// passes (the OWASP minimum for Argon2id). Weaker files are refused with
/// [`SignError::KdfTooWeak`]; tests lower this with `Keystore::with_kdf_floor_for_tests`.
pub const KDF_FLOOR: KdfParams = KdfParams {
    m_cost_kib: 19 * 1024,
    t_cost: 2,
    p_cost: 1,
};

/// Argon2id cost parameters, stored in every key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Parallelism.
    pub p_cost: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane (the RFC 9106 second recommendation, memory-constrained).
    fn default() -> Self {
        KdfParams {
            m_cost_kib: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }
}

impl KdfParams {
    /// Refuses costs below `floor` (memory or passes).
    pub(crate) fn check_floor(&self, floor: KdfParams) -> Result<(), SignError> {
        if self.m_cost_kib < floor.m_cost_kib || self.t_cost < floor.t_cost {
            return Err(SignError::KdfTooWeak {
                m_cost_kib: self.m_cost_kib,
                t_cost: self.t_cost,
            });
        }
        Ok(())
    }

    /// Limits for files read from disk, so a hostile backup cannot ask for 100 GiB of memory.
    fn check(&self) -> Result<(), SignError> {
        let ok = (8..=4 * 1024 * 1024).contains(&self.m_cost_kib)
            && (1..=64).contains(&self.t_cost)
            && (1..=16).contains(&self.p_cost);
        if ok {
            Ok(())
        } else {
            Err(SignError::InvalidKeyFile(
                "key derivation parameters out of range".into(),
            ))
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KdfField {
    algorithm: String,
    version: u32,
    m_cost_kib: u32,
    t_cost: u32,
    p_cost: u32,
    salt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AeadField {
    algorithm: String,
    nonce: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson {
    format: String,
    version: u32,
    label: String,
    is_ca: bool,
    subject: Subject,
    kdf: KdfField,
    aead: AeadField,
    ciphertext: String,
    public_key: String,
    certificate: String,
    #[serde(default)]
    chain: Vec<String>,
}

/// The readable part of a key file (everything except the secret).
#[derive(Debug, Clone)]
pub(crate) struct KeyFileInfo {
    pub label: String,
    pub is_ca: bool,
    pub subject: Subject,
    pub public_key: [u8; 32],
    pub certificate: Vec<u8>,
    pub chain: Vec<Vec<u8>>,
}

fn derive_key(
    passphrase: &SecretString,
    salt: &[u8],
    kdf: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, SignError> {
    let params = Params::new(kdf.m_cost_kib, kdf.t_cost, kdf.p_cost, Some(32))
        .map_err(|e| SignError::InvalidKeyFile(format!("argon2 parameters: {e}")))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.expose_secret().as_bytes(), salt, out.as_mut())
        .map_err(|e| SignError::InvalidKeyFile(format!("argon2: {e}")))?;
    Ok(out)
}

fn chain_hash(certificate: &[u8], chain: &[Vec<u8>]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(certificate);
    for c in chain {
        h.update((c.len() as u64).to_be_bytes());
        h.update(c);
    }
    h.finalize().into()
}

/// What the AEAD authenticates besides the secret: in version 1 the format name, the public
/// key and the certificate and chain; in version 2 also the version, label, CA flag, subject
/// and Argon2id costs (each length-prefixed).
fn associated_data(version: u32, info: &KeyFileInfo, kdf: KdfParams) -> Result<Vec<u8>, SignError> {
    let mut aad = FORMAT.as_bytes().to_vec();
    if version >= 2 {
        let subject = serde_json::to_vec(&info.subject)
            .map_err(|e| SignError::InvalidKeyFile(e.to_string()))?;
        aad.extend_from_slice(&version.to_be_bytes());
        for part in [info.label.as_bytes(), &subject] {
            aad.extend_from_slice(&(part.len() as u64).to_be_bytes());
            aad.extend_from_slice(part);
        }
        aad.push(u8::from(info.is_ca));
        for cost in [kdf.m_cost_kib, kdf.t_cost, kdf.p_cost] {
            aad.extend_from_slice(&cost.to_be_bytes());
        }
    }
    aad.extend_from_slice(&info.public_key);
    aad.extend_from_slice(&chain_hash(&info.certificate, &info.chain));
    Ok(aad)
}

/// Encrypts `key` under `passphrase` and returns the file's bytes (the current version), the
/// subject and CA flag written as the certificate states them.
pub(crate) fn seal(
    info: &KeyFileInfo,
    key: &SigningKey,
    passphrase: &SecretString,
    kdf: KdfParams,
    floor: KdfParams,
) -> Result<Vec<u8>, SignError> {
    seal_as(VERSION, info, key, passphrase, kdf, floor)
}

fn seal_as(
    version: u32,
    info: &KeyFileInfo,
    key: &SigningKey,
    passphrase: &SecretString,
    kdf: KdfParams,
    floor: KdfParams,
) -> Result<Vec<u8>, SignError> {
    kdf.check()?;
    kdf.check_floor(floor)?;
    let info = &trusted_info(info.clone(), None)?;
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let aead_key = derive_key(passphrase, &salt, kdf)?;
    let cipher = XChaCha20Poly1305::new(aead_key.as_ref().into());
    let seed = Zeroizing::new(key.to_bytes());
    let aad = associated_data(version, info, kdf)?;
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: seed.as_ref(),
                aad: &aad,
            },
        )
        .map_err(|_| SignError::InvalidKeyFile("encryption failed".into()))?;
    let json = FileJson {
        format: FORMAT.into(),
        version,
        label: info.label.clone(),
        is_ca: info.is_ca,
        subject: info.subject.clone(),
        kdf: KdfField {
            algorithm: "argon2id".into(),
            version: 0x13,
            m_cost_kib: kdf.m_cost_kib,
            t_cost: kdf.t_cost,
            p_cost: kdf.p_cost,
            salt: B64.encode(salt),
        },
        aead: AeadField {
            algorithm: "xchacha20poly1305".into(),
            nonce: B64.encode(nonce),
        },
        ciphertext: B64.encode(ciphertext),
        public_key: B64.encode(info.public_key),
        certificate: B64.encode(&info.certificate),
        chain: info.chain.iter().map(|c| B64.encode(c)).collect(),
    };
    let mut bytes =
        serde_json::to_vec_pretty(&json).map_err(|e| SignError::InvalidKeyFile(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn b64(field: &str, value: &str) -> Result<Vec<u8>, SignError> {
    B64.decode(value)
        .map_err(|_| SignError::InvalidKeyFile(format!("{field} is not base64")))
}

struct Parsed {
    version: u32,
    /// What the file declares (authenticated by the AEAD in version 2 only).
    declared: KeyFileInfo,
    kdf: KdfParams,
    salt: Vec<u8>,
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
}

fn parse(bytes: &[u8]) -> Result<Parsed, SignError> {
    let json: FileJson = serde_json::from_slice(bytes)
        .map_err(|e| SignError::InvalidKeyFile(format!("not a key file: {e}")))?;
    if json.format != FORMAT {
        return Err(SignError::InvalidKeyFile(format!(
            "format {:?} is not {FORMAT}",
            json.format
        )));
    }
    if json.version != VERSION && json.version != VERSION_1 {
        return Err(SignError::UnsupportedVersion(json.version));
    }
    if json.kdf.algorithm != "argon2id"
        || json.kdf.version != 0x13
        || json.aead.algorithm != "xchacha20poly1305"
    {
        return Err(SignError::InvalidKeyFile("unknown algorithms".into()));
    }
    let kdf = KdfParams {
        m_cost_kib: json.kdf.m_cost_kib,
        t_cost: json.kdf.t_cost,
        p_cost: json.kdf.p_cost,
    };
    kdf.check()?;
    let public_key: [u8; 32] = b64("public_key", &json.public_key)?
        .try_into()
        .map_err(|_| SignError::InvalidKeyFile("public_key is not 32 bytes".into()))?;
    let salt = b64("salt", &json.kdf.salt)?;
    let nonce = b64("nonce", &json.aead.nonce)?;
    if salt.len() < 16 || nonce.len() != 24 {
        return Err(SignError::InvalidKeyFile("bad salt or nonce length".into()));
    }
    let chain = json
        .chain
        .iter()
        .map(|c| b64("chain", c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Parsed {
        version: json.version,
        declared: KeyFileInfo {
            label: json.label,
            is_ca: json.is_ca,
            subject: json.subject,
            public_key,
            certificate: b64("certificate", &json.certificate)?,
            chain,
        },
        kdf,
        salt,
        nonce,
        ciphertext: b64("ciphertext", &json.ciphertext)?,
    })
}

/// The file's facts as far as they can be believed: the subject and CA flag read from the
/// certificate, whose public key must be the file's; the label the file's name (`file_label`)
/// when there is one.
fn trusted_info(mut info: KeyFileInfo, file_label: Option<&str>) -> Result<KeyFileInfo, SignError> {
    use der::Decode;
    let cert = x509_cert::Certificate::from_der(&info.certificate)
        .map_err(|e| SignError::InvalidKeyFile(format!("certificate: {e}")))?;
    let spki = &cert.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid != crate::oids::ED25519
        || spki.subject_public_key.raw_bytes() != info.public_key
    {
        return Err(SignError::InvalidKeyFile(
            "the certificate's public key is not the file's key".into(),
        ));
    }
    let (subject, is_ca) = crate::inspect::certificate_subject(&info.certificate)?;
    info.subject = subject;
    info.is_ca = is_ca;
    if let Some(label) = file_label {
        info.label = label.to_owned();
    }
    Ok(info)
}

/// A version 2 file must carry the label it is stored under (version 1 files' labels are
/// replaced by the file name).
fn check_label(p: &Parsed, file_label: Option<&str>) -> Result<(), SignError> {
    match file_label {
        Some(label) if p.version >= 2 && p.declared.label != label => {
            Err(SignError::InvalidKeyFile(format!(
                "the file stored as {label:?} says its label is {:?}",
                p.declared.label
            )))
        }
        _ => Ok(()),
    }
}

/// Reads the public part of a key file without the passphrase (stored as `file_label` in a
/// keystore, or `None` for a backup).
pub(crate) fn read_info(bytes: &[u8], file_label: Option<&str>) -> Result<KeyFileInfo, SignError> {
    let p = parse(bytes)?;
    check_label(&p, file_label)?;
    trusted_info(p.declared, file_label)
}

/// Decrypts a key file (stored as `file_label`, or `None` for a backup), refusing Argon2id
/// costs below `floor`. A wrong passphrase (or any altered authenticated byte) is
/// `WrongPassphrase`.
pub(crate) fn open(
    bytes: &[u8],
    passphrase: &SecretString,
    file_label: Option<&str>,
    floor: KdfParams,
) -> Result<(KeyFileInfo, SigningKey), SignError> {
    let p = parse(bytes)?;
    p.kdf.check_floor(floor)?;
    check_label(&p, file_label)?;
    let aead_key = derive_key(passphrase, &p.salt, p.kdf)?;
    let cipher = XChaCha20Poly1305::new(aead_key.as_ref().into());
    let aad = associated_data(p.version, &p.declared, p.kdf)?;
    let seed = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&p.nonce),
                Payload {
                    msg: &p.ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| SignError::WrongPassphrase)?,
    );
    let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
        seed.as_slice()
            .try_into()
            .map_err(|_| SignError::InvalidKeyFile("the secret is not 32 bytes".into()))?,
    );
    let key = SigningKey::from_bytes(&seed);
    if key.verifying_key().to_bytes() != p.declared.public_key {
        return Err(SignError::InvalidKeyFile(
            "the secret key does not match the public key".into(),
        ));
    }
    Ok((trusted_info(p.declared, file_label)?, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        m_cost_kib: 8,
        t_cost: 1,
        p_cost: 1,
    };

    fn sample(label: &str) -> (KeyFileInfo, SigningKey) {
        let subject = Subject::new("Signer", "Директор", "Қор").with_bin("211140000425");
        let (key, certificate) = crate::certs::self_signed_for_tests(9, &subject);
        let info = KeyFileInfo {
            label: label.into(),
            is_ca: false,
            subject,
            public_key: key.verifying_key().to_bytes(),
            certificate,
            chain: vec![],
        };
        (info, key)
    }

    /// A version 1 file (what earlier releases wrote) keeps unlocking; its declared label and
    /// subject are replaced by the file name and the certificate.
    #[test]
    fn version_1_files_keep_unlocking_with_the_file_name_as_label() {
        let (mut info, key) = sample("old");
        info.label = "declared".into();
        let pass = SecretString::from("pw");
        let bytes = seal_as(VERSION_1, &info, &key, &pass, CHEAP, CHEAP).unwrap();
        let mut json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["version"], 1);
        let (opened, _) = open(&bytes, &pass, Some("old"), CHEAP).unwrap();
        assert_eq!(opened.label, "old");
        assert_eq!(opened.subject.name, "Signer");
        // Version 1 did not authenticate the subject: an edit is ignored, not believed.
        json["subject"]["name"] = "Министр".into();
        json["is_ca"] = true.into();
        let edited = serde_json::to_vec(&json).unwrap();
        let (opened, _) = open(&edited, &pass, Some("old"), CHEAP).unwrap();
        assert_eq!(opened.subject.name, "Signer");
        assert!(!opened.is_ca);
        assert_eq!(
            read_info(&edited, Some("old")).unwrap().subject.name,
            "Signer"
        );
        // The floor applies to old files too.
        let err = open(&bytes, &pass, Some("old"), KDF_FLOOR).unwrap_err();
        assert_eq!(err.code(), "kdf_too_weak");
    }

    #[test]
    fn a_certificate_for_another_key_is_refused() {
        let (mut info, key) = sample("a");
        info.public_key = [1u8; 32];
        let pass = SecretString::from("pw");
        let err = seal(&info, &key, &pass, CHEAP, CHEAP).unwrap_err();
        assert_eq!(err.code(), "invalid_key_file");
    }
}
