//! X.509 certificates for Ed25519 keys (rcgen), and fingerprints for reading aloud.

use ed25519_dalek::SigningKey;
use rand_core::{OsRng, RngCore};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue, IsCa, Issuer,
    KeyIdMethod, KeyUsagePurpose, PublicKeyData, SerialNumber, SignatureAlgorithm,
};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::{SignError, Subject};

/// OID arcs of the X.520 attributes rcgen has no name for.
const OID_TITLE: &[u64] = &[2, 5, 4, 12];
const OID_SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];

/// An Ed25519 key as rcgen sees it. rcgen's own `KeyPair` needs a C crypto backend (ring or
/// aws-lc); this adapter signs with ed25519-dalek, so the crate has one Ed25519 implementation.
pub(crate) struct DalekKey<'a> {
    key: &'a SigningKey,
    public: [u8; 32],
}

impl<'a> DalekKey<'a> {
    pub(crate) fn new(key: &'a SigningKey) -> Self {
        DalekKey {
            key,
            public: key.verifying_key().to_bytes(),
        }
    }
}

impl PublicKeyData for DalekKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        &self.public
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &rcgen::PKCS_ED25519
    }
}

impl rcgen::SigningKey for DalekKey<'_> {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        use ed25519_dalek::Signer;
        Ok(self.key.sign(msg).to_bytes().to_vec())
    }
}

/// A public key only (the subject of a certificate issued by someone else's key).
struct PublicOnly([u8; 32]);

impl PublicKeyData for PublicOnly {
    fn der_bytes(&self) -> &[u8] {
        &self.0
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &rcgen::PKCS_ED25519
    }
}

/// What a new certificate says besides the subject.
pub(crate) struct CertRequest<'a> {
    pub subject: &'a Subject,
    pub public_key: [u8; 32],
    pub is_ca: bool,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

/// The issuer of a certificate: its subject and key (the subject's own key when self-signed).
pub(crate) struct CertIssuer<'a> {
    pub subject: &'a Subject,
    pub key: &'a SigningKey,
}

/// RFC 7093 method 1: the leftmost 160 bits of the SHA-256 of the subjectPublicKey bits.
fn key_identifier(public_key: &[u8; 32]) -> Vec<u8> {
    Sha256::digest(public_key)[..20].to_vec()
}

fn distinguished_name(subject: &Subject) -> Result<DistinguishedName, SignError> {
    subject.validate()?;
    let printable = |s: String| {
        rcgen::string::PrintableString::try_from(s)
            .map(DnValue::PrintableString)
            .map_err(|e| SignError::InvalidSubject(e.to_string()))
    };
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, printable(subject.country.clone())?);
    if !subject.organisation.is_empty() {
        dn.push(DnType::OrganizationName, subject.organisation.as_str());
    }
    if let Some(bin) = &subject.bin {
        dn.push(
            DnType::CustomDnType(OID_SERIAL_NUMBER.to_vec()),
            printable(format!("BIN{bin}"))?,
        );
    }
    if !subject.position.is_empty() {
        dn.push(
            DnType::CustomDnType(OID_TITLE.to_vec()),
            subject.position.as_str(),
        );
    }
    dn.push(DnType::CommonName, subject.name.as_str());
    Ok(dn)
}

/// A random positive 16-byte serial number whose DER encoding is exactly 16 bytes.
fn random_serial() -> SerialNumber {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::from_slice(&bytes)
}

fn base_params(subject: &Subject, public_key: &[u8; 32]) -> Result<CertificateParams, SignError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(subject)?;
    params.key_identifier_method = KeyIdMethod::PreSpecified(key_identifier(public_key));
    Ok(params)
}

/// Makes a certificate (DER) for `request`, signed by `issuer`.
pub(crate) fn issue_certificate(
    request: &CertRequest<'_>,
    issuer: &CertIssuer<'_>,
) -> Result<Vec<u8>, SignError> {
    if request.not_after <= request.not_before {
        return Err(SignError::Certificate(
            "the validity ends before it starts".into(),
        ));
    }
    let mut params = base_params(request.subject, &request.public_key)?;
    params.not_before = request.not_before;
    params.not_after = request.not_after;
    params.serial_number = Some(random_serial());
    if request.is_ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
    } else {
        params.is_ca = IsCa::NoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
    }
    let issuer_key = DalekKey::new(issuer.key);
    let self_signed = issuer_key.public == request.public_key;
    params.use_authority_key_identifier_extension = !self_signed;
    let issuer_params = base_params(issuer.subject, &issuer_key.public)?;
    let rcgen_issuer = Issuer::from_params(&issuer_params, &issuer_key);
    let cert = params
        .signed_by(&PublicOnly(request.public_key), &rcgen_issuer)
        .map_err(|e| SignError::Certificate(e.to_string()))?;
    Ok(cert.der().to_vec())
}

/// The SHA-256 fingerprint of `der`, as groups of four capital hex digits separated by spaces
/// (`3F2A 9C01 …`), which is easy to read over the phone.
pub fn format_fingerprint(der: &[u8]) -> String {
    let hex: String = Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let mut out = String::with_capacity(80);
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// PEM armour for a DER certificate.
pub fn certificate_pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(chunk));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

/// The validity period of a DER certificate, as Unix seconds.
pub(crate) fn validity_of(der: &[u8]) -> Option<(i64, i64)> {
    use der::Decode;
    let cert = x509_cert::Certificate::from_der(der).ok()?;
    let v = &cert.tbs_certificate.validity;
    let nb = i64::try_from(v.not_before.to_unix_duration().as_secs()).ok()?;
    let na = i64::try_from(v.not_after.to_unix_duration().as_secs()).ok()?;
    Some((nb, na))
}

/// For unit tests: a self-signed end-entity certificate for `subject` with a fixed key made of
/// `seed`, valid for 30 days from 2026-01-01.
#[cfg(test)]
pub(crate) fn self_signed_for_tests(
    seed: u8,
    subject: &crate::Subject,
) -> (ed25519_dalek::SigningKey, Vec<u8>) {
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    let nb = time::OffsetDateTime::from_unix_timestamp(1_767_225_600)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let cert = issue_certificate(
        &CertRequest {
            subject,
            public_key: key.verifying_key().to_bytes(),
            is_ca: false,
            not_before: nb,
            not_after: nb + time::Duration::days(30),
        },
        &CertIssuer { subject, key: &key },
    );
    (key, cert.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_grouped_by_four() {
        let f = format_fingerprint(b"abc");
        assert_eq!(
            f,
            "BA78 16BF 8F01 CFEA 4141 40DE 5DAE 2223 B003 61A3 9617 7A9C B410 FF61 F200 15AD"
        );
    }

    #[test]
    fn self_signed_certificate_has_explicit_validity_and_subject() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let subject =
            Subject::new("Айгүл Сейітова", "Директор", "ҚОҒ Мысал").with_bin("123456789012");
        let nb = OffsetDateTime::from_unix_timestamp(1_767_225_600).unwrap();
        let na = nb + time::Duration::days(365);
        let der = issue_certificate(
            &CertRequest {
                subject: &subject,
                public_key: key.verifying_key().to_bytes(),
                is_ca: false,
                not_before: nb,
                not_after: na,
            },
            &CertIssuer {
                subject: &subject,
                key: &key,
            },
        )
        .unwrap();
        assert_eq!(
            validity_of(&der),
            Some((nb.unix_timestamp(), na.unix_timestamp()))
        );
        use der::Decode;
        let cert = x509_cert::Certificate::from_der(&der).unwrap();
        let text = cert.tbs_certificate.subject.to_string();
        assert!(text.contains("BIN123456789012"), "{text}");
        assert_eq!(cert.tbs_certificate.serial_number.as_bytes().len(), 16);
    }
}
