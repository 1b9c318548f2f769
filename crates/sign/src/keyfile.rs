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
//! The AEAD's associated data binds the format name, the public key and the SHA-256 of the
//! certificate and chain, so swapping any of them makes the file fail to open. Backups use the
//! same format under a backup passphrase.

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
const VERSION: u32 = 1;

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

fn associated_data(public_key: &[u8; 32], certificate: &[u8], chain: &[Vec<u8>]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(certificate);
    for c in chain {
        h.update((c.len() as u64).to_be_bytes());
        h.update(c);
    }
    let mut aad = FORMAT.as_bytes().to_vec();
    aad.extend_from_slice(public_key);
    aad.extend_from_slice(&h.finalize());
    aad
}

/// Encrypts `key` under `passphrase` and returns the file's bytes.
pub(crate) fn seal(
    info: &KeyFileInfo,
    key: &SigningKey,
    passphrase: &SecretString,
    kdf: KdfParams,
) -> Result<Vec<u8>, SignError> {
    kdf.check()?;
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let aead_key = derive_key(passphrase, &salt, kdf)?;
    let cipher = XChaCha20Poly1305::new(aead_key.as_ref().into());
    let seed = Zeroizing::new(key.to_bytes());
    let aad = associated_data(&info.public_key, &info.certificate, &info.chain);
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
        version: VERSION,
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
    info: KeyFileInfo,
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
    if json.version != VERSION {
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
        info: KeyFileInfo {
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

/// Reads the public part of a key file without the passphrase.
pub(crate) fn read_info(bytes: &[u8]) -> Result<KeyFileInfo, SignError> {
    parse(bytes).map(|p| p.info)
}

/// Decrypts a key file. A wrong passphrase (or any altered byte) is `WrongPassphrase`.
pub(crate) fn open(
    bytes: &[u8],
    passphrase: &SecretString,
) -> Result<(KeyFileInfo, SigningKey), SignError> {
    let p = parse(bytes)?;
    let aead_key = derive_key(passphrase, &p.salt, p.kdf)?;
    let cipher = XChaCha20Poly1305::new(aead_key.as_ref().into());
    let aad = associated_data(&p.info.public_key, &p.info.certificate, &p.info.chain);
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
    if key.verifying_key().to_bytes() != p.info.public_key {
        return Err(SignError::InvalidKeyFile(
            "the secret key does not match the public key".into(),
        ));
    }
    Ok((p.info, key))
}
