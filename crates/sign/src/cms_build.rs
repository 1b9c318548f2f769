//! Building the detached CMS SignedData of a PAdES baseline B-B signature with Ed25519
//! (RFC 8419): signed attributes content-type, message-digest (SHA-512) and
//! signing-certificate-v2; the signature covers the DER `SET OF` of the signed attributes.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use crate::oids;
use crate::SignError;

/// ESSCertIDv2 with the default hash algorithm (SHA-256) and no issuerSerial (RFC 5035).
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// SigningCertificateV2 without policies (RFC 5035).
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn cms_err(e: der::Error) -> SignError {
    SignError::Cms(e.to_string())
}

fn attribute(oid: der::asn1::ObjectIdentifier, value: Any) -> Result<Attribute, SignError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(cms_err)?,
    })
}

fn algorithm(oid: der::asn1::ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

/// The DER of a `ContentInfo` holding a detached SignedData over content whose SHA-512 is
/// `digest`, signed by `key` whose certificate is `cert_der`; `chain` certificates are
/// included after it.
pub(crate) fn signed_data(
    digest: &[u8],
    key: &SigningKey,
    cert_der: &[u8],
    chain: &[Vec<u8>],
) -> Result<Vec<u8>, SignError> {
    let cert = Certificate::from_der(cert_der).map_err(cms_err)?;
    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec()).map_err(cms_err)?,
        }],
    };
    let attrs = vec![
        attribute(
            oids::CONTENT_TYPE,
            Any::encode_from(&oids::ID_DATA).map_err(cms_err)?,
        )?,
        attribute(
            oids::MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(cms_err)?)
                .map_err(cms_err)?,
        )?,
        attribute(
            oids::SIGNING_CERTIFICATE_V2,
            Any::encode_from(&signing_certificate).map_err(cms_err)?,
        )?,
    ];
    let signed_attrs = SetOfVec::try_from(attrs).map_err(cms_err)?;
    let to_sign = signed_attrs.to_der().map_err(cms_err)?;
    let signature = key.sign(&to_sign);

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: algorithm(oids::SHA512),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm(oids::ED25519),
        signature: OctetString::new(signature.to_bytes().to_vec()).map_err(cms_err)?,
        unsigned_attrs: None,
    };
    let mut certificates = vec![CertificateChoices::Certificate(cert)];
    for der in chain {
        certificates.push(CertificateChoices::Certificate(
            Certificate::from_der(der).map_err(cms_err)?,
        ));
    }
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(oids::SHA512)]).map_err(cms_err)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oids::ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(cms_err)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(cms_err)?),
    };
    let info = ContentInfo {
        content_type: oids::ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(cms_err)?,
    };
    info.to_der().map_err(cms_err)
}
