//! Object identifiers used by the CMS and certificate code.

use der::asn1::ObjectIdentifier as Oid;

pub(crate) const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

pub(crate) const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
pub(crate) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub(crate) const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");
pub(crate) const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub(crate) const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub(crate) const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

pub(crate) const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub(crate) const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub(crate) const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub(crate) const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
pub(crate) const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
pub(crate) const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");

pub(crate) const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub(crate) const SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
