//! Checking a CMS SignedData from a PDF signature's `/Contents` against the signed bytes.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{OctetString, UtcTime};
use der::{Decode, Encode, Reader, SliceReader};
use x509_cert::Certificate;

use crate::crypto::{self, HashAlg};
use crate::oids;

/// What the CMS says and whether it holds.
#[derive(Debug, Default)]
pub(crate) struct CmsCheck {
    /// The signer's certificate, when found.
    pub signer: Option<Certificate>,
    /// The signer's certificate DER.
    pub signer_der: Option<Vec<u8>>,
    /// Every certificate in the CMS.
    pub certificates: Vec<Certificate>,
    /// The digest over the byte range equals the message-digest attribute.
    pub digest_ok: bool,
    /// The signature verifies with the signer's key.
    pub signature_ok: bool,
    /// "Ed25519", "ECDSA P-256 with SHA-256", …
    pub algorithm: Option<String>,
    /// The signing-time attribute, Unix seconds.
    pub signing_time: Option<i64>,
    /// What went wrong.
    pub problems: Vec<String>,
}

fn find_signer(certs: &[Certificate], sid: &SignerIdentifier) -> Option<Certificate> {
    certs
        .iter()
        .find(|c| match sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.tbs_certificate.issuer == ias.issuer
                    && c.tbs_certificate.serial_number == ias.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => c
                .tbs_certificate
                .extensions
                .iter()
                .flatten()
                .find(|e| e.extn_id == der::asn1::ObjectIdentifier::new_unwrap("2.5.29.14"))
                .and_then(|e| OctetString::from_der(e.extn_value.as_bytes()).ok())
                .is_some_and(|v| v.as_bytes() == ski.0.as_bytes()),
        })
        .cloned()
}

/// The digest algorithm of the one signer of the DER `contents` (trailing zero padding
/// allowed), when it is one we support.
pub(crate) fn digest_alg(contents: &[u8]) -> Option<HashAlg> {
    let info = SliceReader::new(contents)
        .and_then(|mut r| ContentInfo::decode(&mut r))
        .ok()?;
    let signed = info.content.decode_as::<SignedData>().ok()?;
    match signed.signer_infos.0.as_slice() {
        [si] => HashAlg::from_oid(&si.digest_alg.oid),
        _ => None,
    }
}

/// Checks the DER `contents` (trailing zero padding allowed) over the `ranges` of the file;
/// `digest` is their digest with its algorithm when the caller computed it already (with
/// [`digest_alg`]).
pub(crate) fn check(
    contents: &[u8],
    ranges: &[&[u8]],
    digest: Option<(HashAlg, Vec<u8>)>,
) -> CmsCheck {
    let mut out = CmsCheck::default();
    let problem = |out: &mut CmsCheck, m: &str| out.problems.push(m.to_owned());
    let info = match SliceReader::new(contents).and_then(|mut r| {
        let info = ContentInfo::decode(&mut r)?;
        let rest = r.remaining_len();
        Ok((info, rest))
    }) {
        Ok((info, rest)) => {
            let used = contents.len() - usize::try_from(rest).unwrap_or(0);
            if contents[used.min(contents.len())..].iter().any(|b| *b != 0) {
                problem(&mut out, "bytes after the CMS structure in /Contents");
            }
            info
        }
        Err(_) => {
            problem(&mut out, "/Contents is not a CMS structure");
            return out;
        }
    };
    if info.content_type != oids::ID_SIGNED_DATA {
        problem(&mut out, "/Contents is not CMS SignedData");
        return out;
    }
    let Ok(signed) = info.content.decode_as::<SignedData>() else {
        problem(&mut out, "malformed SignedData");
        return out;
    };
    out.certificates = signed
        .certificates
        .iter()
        .flat_map(|s| s.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let infos: Vec<_> = signed.signer_infos.0.iter().collect();
    let [si] = infos.as_slice() else {
        problem(&mut out, "SignedData must hold exactly one SignerInfo");
        return out;
    };
    if signed.encap_content_info.econtent.is_some() {
        problem(&mut out, "the signature is not detached");
        return out;
    }
    let Some(signer) = find_signer(&out.certificates, &si.sid) else {
        problem(&mut out, "the signer's certificate is not in the signature");
        return out;
    };
    out.signer_der = signer.to_der().ok();
    let Some(hash) = HashAlg::from_oid(&si.digest_alg.oid) else {
        problem(&mut out, "unsupported digest algorithm");
        out.signer = Some(signer);
        return out;
    };
    let digest = match digest {
        Some((alg, digest)) if alg == hash => digest,
        _ => hash.digest(ranges),
    };
    let message: Vec<u8>;
    match &si.signed_attrs {
        Some(attrs) => {
            let mut message_digest = None;
            let mut content_type_ok = false;
            for attr in attrs.iter() {
                let single = attr.values.iter().next();
                match attr.oid {
                    oids::MESSAGE_DIGEST if attr.values.len() == 1 => {
                        message_digest = single
                            .and_then(|v| v.decode_as::<OctetString>().ok())
                            .map(|o| o.as_bytes().to_vec());
                    }
                    oids::CONTENT_TYPE => {
                        content_type_ok = attr.values.len() == 1
                            && single
                                .and_then(|v| v.decode_as::<der::asn1::ObjectIdentifier>().ok())
                                == Some(oids::ID_DATA);
                    }
                    oids::SIGNING_TIME => {
                        out.signing_time = single.and_then(|v| {
                            v.decode_as::<UtcTime>()
                                .map(|t| t.to_unix_duration())
                                .or_else(|_| {
                                    v.decode_as::<der::asn1::GeneralizedTime>()
                                        .map(|t| t.to_unix_duration())
                                })
                                .ok()
                                .and_then(|d| i64::try_from(d.as_secs()).ok())
                        });
                    }
                    _ => {}
                }
            }
            if !content_type_ok {
                problem(
                    &mut out,
                    "the content-type attribute is missing or not id-data",
                );
            }
            match message_digest {
                Some(md) if md == digest => out.digest_ok = true,
                Some(_) => problem(
                    &mut out,
                    "the document digest does not match the signed message-digest",
                ),
                None => problem(&mut out, "no message-digest attribute"),
            }
            out.digest_ok &= content_type_ok;
            message = match attrs.to_der() {
                Ok(m) => m,
                Err(_) => {
                    problem(&mut out, "signed attributes cannot be re-encoded");
                    out.signer = Some(signer);
                    return out;
                }
            };
        }
        None => {
            // adbe.pkcs7.detached without attributes: the signature is over the data itself.
            out.digest_ok = true;
            message = ranges.concat();
        }
    }
    match crypto::verify(
        &signer.tbs_certificate.subject_public_key_info,
        &si.signature_algorithm,
        Some(hash),
        &message,
        si.signature.as_bytes(),
    ) {
        Ok(name) => {
            out.signature_ok = true;
            out.algorithm = Some(format!("{name} (digest {})", hash.name()));
        }
        Err(e) => problem(&mut out, &e),
    }
    out.signer = Some(signer);
    out
}
