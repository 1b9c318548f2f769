//! The one error type of the crate, with a stable code per variant.

/// Everything that can go wrong while managing keys or signing.
///
/// `code()` is stable: callers branch on it, never on the English text. Internal details (IO
/// errors, parser messages) are kept in the variant for logs; they never contain secrets.
///
/// Deliberately exhaustive (not `#[non_exhaustive]`): the application maps every variant to its
/// own error code with a `match` that has no wildcard, so a new variant fails to compile there
/// until someone decides what the user is told.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The passphrase does not open the key file (or the file was tampered with).
    #[error("wrong passphrase (or the key file was altered)")]
    WrongPassphrase,
    /// No key with this label in the keystore.
    #[error("no key labelled {0:?}")]
    KeyNotFound(String),
    /// A key with this label exists already.
    #[error("a key labelled {0:?} exists already")]
    KeyExists(String),
    /// A label must be 1–64 characters of `A–Z a–z 0–9 . _ -`, not starting with a dot.
    #[error("invalid key label {0:?}")]
    InvalidLabel(String),
    /// The issuing key is not a certificate authority.
    #[error("the key {0:?} is not a certificate authority")]
    NotACertificateAuthority(String),
    /// A subject field is empty or malformed (which field is said).
    #[error("invalid certificate subject: {0}")]
    InvalidSubject(String),
    /// A key or backup file that cannot be read as `kelisim.key/1`.
    #[error("unreadable key file: {0}")]
    InvalidKeyFile(String),
    /// The key file's format version is newer than this program.
    #[error("unsupported key file version {0}")]
    UnsupportedVersion(u32),
    /// The certificate could not be made.
    #[error("certificate generation failed: {0}")]
    Certificate(String),
    /// The PDF to sign cannot be parsed or updated.
    #[error("the PDF cannot be signed: {0}")]
    InvalidPdf(String),
    /// The signing options are unusable (page out of range, empty field name, …).
    #[error("invalid signing options: {0}")]
    InvalidOptions(String),
    /// The signature does not fit into the space reserved for it.
    #[error("the signature needs {needed} bytes but only {reserved} are reserved")]
    SignatureTooLarge {
        /// Bytes of DER needed.
        needed: usize,
        /// Bytes reserved in `/Contents`.
        reserved: usize,
    },
    /// Encoding the CMS structure failed.
    #[error("CMS encoding failed: {0}")]
    Cms(String),
    /// The key file's Argon2id costs are below the floor (19 MiB and two passes), so its
    /// passphrase could be guessed cheaply; refused when creating and when unlocking.
    #[error("the key file's Argon2id costs ({m_cost_kib} KiB, {t_cost} passes) are below the minimum of 19456 KiB and 2 passes")]
    KdfTooWeak {
        /// The memory cost found, KiB.
        m_cost_kib: u32,
        /// The passes found.
        t_cost: u32,
    },
    /// Reading or writing the keystore failed.
    #[error("keystore input/output failed: {0}")]
    Io(#[from] std::io::Error),
}

impl SignError {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::WrongPassphrase => "wrong_passphrase",
            SignError::KeyNotFound(_) => "key_not_found",
            SignError::KeyExists(_) => "key_exists",
            SignError::InvalidLabel(_) => "invalid_label",
            SignError::NotACertificateAuthority(_) => "not_a_ca",
            SignError::InvalidSubject(_) => "invalid_subject",
            SignError::InvalidKeyFile(_) => "invalid_key_file",
            SignError::UnsupportedVersion(_) => "unsupported_key_file_version",
            SignError::Certificate(_) => "certificate_failed",
            SignError::InvalidPdf(_) => "invalid_pdf",
            SignError::InvalidOptions(_) => "invalid_sign_options",
            SignError::SignatureTooLarge { .. } => "signature_too_large",
            SignError::Cms(_) => "cms_failed",
            SignError::KdfTooWeak { .. } => "kdf_too_weak",
            SignError::Io(_) => "keystore_io",
        }
    }
}
