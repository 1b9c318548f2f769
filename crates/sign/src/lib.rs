//! Keystore, certificates, and PAdES signing and verification.
//!
//! This crate is the only place private keys live: they are stored encrypted ([`Keystore`]),
//! decrypted into an [`UnlockedKey`] that signs and never hands its secret out, and zeroised
//! when dropped. Signatures are CMS SignedData with Ed25519 (RFC 8419, ISO/TS 32002) in PDF
//! signature fields, one incremental update each ([`sign_pdf`]). [`verify_pdf`] checks every
//! signature and analyses what each later revision changed.

mod appearance;
mod certs;
mod chain;
mod cms_build;
mod cms_verify;
mod crypto;
mod error;
mod fields;
mod finding;
mod inspect;
mod keyfile;
mod keystore;
mod oids;
mod pdf_util;
mod policy;
mod revisions;
mod sign;
pub mod structure;
mod subject;
mod verify;

pub use certs::{certificate_pem, format_fingerprint};
pub use crypto::{Algorithms, Curve, DigestAlgorithm, SignatureAlgorithm};
pub use error::SignError;
pub use finding::{finding_params, Finding, FindingCode, FINDING_CODES, MODIFICATION_KINDS};
pub use inspect::{
    certificate_info, first_revision, is_first_revision, read_attachment, signature_fields,
    Attachment, CertificateInfo, FieldState,
};
pub use keyfile::{KdfParams, KDF_FLOOR};
pub use keystore::{is_valid_label, KeyInfo, Keystore, NewKey, Passphrase, UnlockedKey};
pub use policy::{SignaturePlace, TrustAnchor, TrustScope, VerifyOptions};
pub use sign::{
    prepare_signature, sign_pdf, EmptyField, PreparedSignature, SignOptions, CONTENTS_RESERVED,
};
pub use subject::Subject;
pub use verify::{verify_pdf, Modification, SignatureReport, Verdict, VerifyReport};

/// Re-exported so callers can build a [`Passphrase`] and an explicit signing time.
pub use secrecy::SecretString;
pub use time::OffsetDateTime;
