//! Checking a CMS SignedData from a PDF signature's `/Contents` against the signed bytes.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{OctetString, UtcTime};
use der::{Decode, Encode, Reader, SliceReader, Tagged};
use x509_cert::Certificate;

use crate::crypto::{self, Algorithms, CryptoError, DigestAlgorithm};
use crate::finding::{Finding, FindingCode as C};
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
    /// The signature and digest algorithms, when the signature verified.
    pub algorithm: Option<Algorithms>,
    /// The signing-time attribute, Unix seconds.
    pub signing_time: Option<i64>,
    /// What went wrong.
    pub problems: Vec<Finding>,
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
pub(crate) fn digest_alg(contents: &[u8]) -> Option<DigestAlgorithm> {
    let info = SliceReader::new(contents)
        .and_then(|mut r| ContentInfo::decode(&mut r))
        .ok()?;
    let signed = info.content.decode_as::<SignedData>().ok()?;
    match signed.signer_infos.0.as_slice() {
        [si] => DigestAlgorithm::from_oid(&si.digest_alg.oid),
        _ => None,
    }
}

/// The signed attributes that matter, read once each.
#[derive(Default)]
struct Attributes {
    message_digest: Option<Vec<u8>>,
    content_type_ok: bool,
    signing_time: Option<i64>,
    /// The first ESSCertID(v2)'s certificate hash with its algorithm.
    signing_certificate: Option<(EssHash, Vec<u8>)>,
}

/// The hash of an ESS certificate identifier: SHA-1 in signing-certificate (v1), any of ours
/// in signing-certificate-v2 (SHA-256 when the algorithm is left out, RFC 5035).
#[derive(Clone, Copy)]
enum EssHash {
    Sha1,
    Alg(DigestAlgorithm),
}

impl EssHash {
    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            EssHash::Sha1 => {
                use sha1::Digest;
                sha1::Sha1::digest(data).to_vec()
            }
            EssHash::Alg(alg) => alg.digest(&[data]),
        }
    }
}

fn coded(out: &mut CmsCheck, code: C, text: &str) {
    out.problems.push(Finding::plain(code, text));
}

/// A signed attribute (by OID) refused as repeated or holding several values.
fn repeated(out: &mut CmsCheck, oid: der::asn1::ObjectIdentifier, text: String) {
    out.problems.push(Finding::new(
        C::SignedAttributeRepeated,
        vec![("attribute", oid.to_string())],
        text,
    ));
}

/// The first ESSCertID(v2) of a signing-certificate(-v2) attribute value: its hash
/// algorithm and certificate hash. `None` when malformed or the hash algorithm is unknown.
fn ess_cert_hash(value: &der::Any, v2: bool) -> Option<(EssHash, Vec<u8>)> {
    // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies … }
    let outer = value.decode_as::<Vec<der::Any>>().ok()?;
    let certs = outer.first()?.decode_as::<Vec<der::Any>>().ok()?;
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }
    // ESSCertID   ::= SEQUENCE { certHash (SHA-1), issuerSerial OPTIONAL }
    let fields = certs.first()?.decode_as::<Vec<der::Any>>().ok()?;
    let mut fields = fields.iter();
    let mut first = fields.next()?;
    let alg = if !v2 {
        EssHash::Sha1
    } else if first.tag() == der::Tag::Sequence {
        let alg = first.decode_as::<spki::AlgorithmIdentifierOwned>().ok()?;
        first = fields.next()?;
        if alg.oid == oids::SHA1 {
            EssHash::Sha1
        } else {
            EssHash::Alg(DigestAlgorithm::from_oid(&alg.oid)?)
        }
    } else {
        EssHash::Alg(DigestAlgorithm::Sha256)
    };
    let hash = first.decode_as::<OctetString>().ok()?;
    Some((alg, hash.as_bytes().to_vec()))
}

fn signing_time_of(value: Option<&der::Any>) -> Option<i64> {
    let v = value?;
    v.decode_as::<UtcTime>()
        .map(|t| t.to_unix_duration())
        .or_else(|_| {
            v.decode_as::<der::asn1::GeneralizedTime>()
                .map(|t| t.to_unix_duration())
        })
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
}

/// Reads the signed attributes; `None` (with the problems noted) when one is repeated, holds
/// more than one value where one is required, or the signing certificate is malformed.
fn read_attributes(
    attrs: &cms::signed_data::SignedAttributes,
    out: &mut CmsCheck,
) -> Option<Attributes> {
    let mut seen = Vec::new();
    let mut found = Attributes::default();
    for attr in attrs.iter() {
        if seen.contains(&attr.oid) {
            let text = format!("the signed attribute {} appears more than once", attr.oid);
            repeated(out, attr.oid, text);
            return None;
        }
        seen.push(attr.oid);
        let single = attr.values.iter().next();
        let one = attr.values.len() == 1;
        match attr.oid {
            oids::MESSAGE_DIGEST
            | oids::CONTENT_TYPE
            | oids::SIGNING_CERTIFICATE_V2
            | oids::SIGNING_CERTIFICATE
                if !one =>
            {
                let text = format!(
                    "the signed attribute {} must hold exactly one value",
                    attr.oid
                );
                repeated(out, attr.oid, text);
                return None;
            }
            oids::MESSAGE_DIGEST => {
                found.message_digest = single
                    .and_then(|v| v.decode_as::<OctetString>().ok())
                    .map(|o| o.as_bytes().to_vec());
            }
            oids::CONTENT_TYPE => {
                found.content_type_ok = single
                    .and_then(|v| v.decode_as::<der::asn1::ObjectIdentifier>().ok())
                    == Some(oids::ID_DATA);
            }
            oids::SIGNING_TIME => found.signing_time = signing_time_of(single),
            oids::SIGNING_CERTIFICATE_V2 | oids::SIGNING_CERTIFICATE => {
                let v2 = attr.oid == oids::SIGNING_CERTIFICATE_V2;
                let Some(hash) = single.and_then(|v| ess_cert_hash(v, v2)) else {
                    coded(out, C::SigningCertificateMalformed, "the signing-certificate attribute cannot be read (or uses an unknown hash)");
                    return None;
                };
                if found.signing_certificate.is_some() {
                    repeated(
                        out,
                        oids::SIGNING_CERTIFICATE_V2,
                        "both signing-certificate and signing-certificate-v2 are present".into(),
                    );
                    return None;
                }
                found.signing_certificate = Some(hash);
            }
            _ => {}
        }
    }
    Some(found)
}

/// Checks the signed attributes against the `digest` of the signed bytes and the signer's
/// certificate `signer_der`: content-type id-data, message-digest equal, and an ESS
/// signing-certificate(-v2) naming exactly this certificate (else the signature could be
/// re-attributed to another certificate with the same key). Sets `digest_ok`; `false` when
/// the attributes are refused.
fn check_attributes(
    attrs: &cms::signed_data::SignedAttributes,
    digest: &[u8],
    signer_der: &[u8],
    out: &mut CmsCheck,
) -> bool {
    let Some(found) = read_attributes(attrs, out) else {
        return false;
    };
    out.signing_time = found.signing_time;
    if !found.content_type_ok {
        coded(
            out,
            C::ContentTypeInvalid,
            "the content-type attribute is missing or not id-data",
        );
    }
    match found.message_digest {
        Some(md) if md == digest => out.digest_ok = found.content_type_ok,
        Some(_) => coded(
            out,
            C::DigestMismatch,
            "the document digest does not match the signed message-digest",
        ),
        None => coded(out, C::MessageDigestMissing, "no message-digest attribute"),
    }
    match found.signing_certificate {
        None => {
            coded(out, C::SigningCertificateMissing, "no signing-certificate-v2 (or signing-certificate) attribute names the signer's certificate");
            false
        }
        Some((alg, hash)) if alg.digest(signer_der) != hash => {
            coded(out, C::SigningCertificateMismatch, "the signing-certificate attribute names another certificate than the one the signature was found with");
            false
        }
        Some(_) => true,
    }
}

/// The X.509 certificates a SignedData carries.
fn certificates_of(signed: &SignedData) -> Vec<Certificate> {
    signed
        .certificates
        .iter()
        .flat_map(|s| s.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect()
}

/// The ContentInfo of `contents`; a problem when it is not one or when anything but zero
/// bytes (the hex string's `0` padding) follows it.
fn decode_contents(contents: &[u8], out: &mut CmsCheck) -> Option<(ContentInfo, bool)> {
    let decoded = SliceReader::new(contents).and_then(|mut r| {
        let info = ContentInfo::decode(&mut r)?;
        Ok((info, usize::try_from(r.remaining_len()).unwrap_or(0)))
    });
    let Ok((info, rest)) = decoded else {
        coded(out, C::ContentsNotCms, "/Contents is not a CMS structure");
        return None;
    };
    let used = contents.len().saturating_sub(rest);
    if let Some(at) = contents[used..].iter().position(|b| *b != 0) {
        let text = format!(
            "/Contents holds data after the CMS structure (byte {} of {}, only zero padding may follow)",
            used + at,
            contents.len()
        );
        out.problems.push(Finding::new(
            C::ContentsTrailingData,
            vec![
                ("offset", (used + at).to_string()),
                ("length", contents.len().to_string()),
            ],
            text,
        ));
        return Some((info, false));
    }
    Some((info, true))
}

/// Checks the DER `contents` (trailing zero padding allowed) over the `ranges` of the file;
/// `digest` is their digest with its algorithm when the caller computed it already (with
/// [`digest_alg`]). A refused structure (data after the CMS, a repeated signed attribute, no
/// or another certificate named by signing-certificate-v2) leaves `signature_ok` false.
pub(crate) fn check(
    contents: &[u8],
    ranges: &[&[u8]],
    digest: Option<(DigestAlgorithm, Vec<u8>)>,
) -> CmsCheck {
    let mut out = CmsCheck::default();
    let problem = |out: &mut CmsCheck, code: C, m: &str| coded(out, code, m);
    let Some((info, padding_ok)) = decode_contents(contents, &mut out) else {
        return out;
    };
    if info.content_type != oids::ID_SIGNED_DATA {
        problem(&mut out, C::CmsMalformed, "/Contents is not CMS SignedData");
        return out;
    }
    let Ok(signed) = info.content.decode_as::<SignedData>() else {
        problem(&mut out, C::CmsMalformed, "malformed SignedData");
        return out;
    };
    out.certificates = certificates_of(&signed);
    let infos: Vec<_> = signed.signer_infos.0.iter().collect();
    let [si] = infos.as_slice() else {
        problem(
            &mut out,
            C::CmsSignerCount,
            "SignedData must hold exactly one SignerInfo",
        );
        return out;
    };
    if signed.encap_content_info.econtent.is_some() {
        problem(&mut out, C::CmsNotDetached, "the signature is not detached");
        return out;
    }
    let Some(signer) = find_signer(&out.certificates, &si.sid) else {
        problem(
            &mut out,
            C::SignerCertificateMissing,
            "the signer's certificate is not in the signature",
        );
        return out;
    };
    let Ok(signer_der) = signer.to_der() else {
        problem(
            &mut out,
            C::SignerCertificateUnreadable,
            "the signer's certificate cannot be re-encoded",
        );
        return out;
    };
    out.signer_der = Some(signer_der.clone());
    out.signer = Some(signer.clone());
    let Some(hash) = DigestAlgorithm::from_oid(&si.digest_alg.oid) else {
        problem(
            &mut out,
            C::DigestAlgorithmUnsupported,
            "unsupported digest algorithm",
        );
        return out;
    };
    let digest = match digest {
        Some((alg, digest)) if alg == hash => digest,
        _ => hash.digest(ranges),
    };
    let Some(attrs) = &si.signed_attrs else {
        coded(
            &mut out,
            C::SignedAttributesMissing,
            "the signature has no signed attributes (so nothing binds it to its certificate)",
        );
        return out;
    };
    let attributes_ok = check_attributes(attrs, &digest, &signer_der, &mut out);
    let Ok(message) = attrs.to_der() else {
        problem(
            &mut out,
            C::CmsMalformed,
            "signed attributes cannot be re-encoded",
        );
        return out;
    };
    match crypto::verify(
        &signer.tbs_certificate.subject_public_key_info,
        &si.signature_algorithm,
        Some(hash),
        &message,
        si.signature.as_bytes(),
    ) {
        Ok(signature) => {
            out.signature_ok = attributes_ok && padding_ok;
            out.algorithm = Some(Algorithms {
                signature,
                digest: hash,
            });
        }
        Err(e) => {
            let code = match e {
                CryptoError::DoesNotVerify(_) => C::SignatureDoesNotVerify,
                _ => C::SignatureUnverifiable,
            };
            problem(&mut out, code, &e.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use cms::signed_data::{SignerInfo, SignerInfos};
    use der::asn1::SetOfVec;
    use der::Any;
    use x509_cert::attr::Attribute;

    use super::*;
    use crate::Subject;

    const DATA: &[u8] = b"the signed bytes";

    /// A CMS made by our own signer over `DATA`.
    fn sample() -> Vec<u8> {
        let subject = Subject::new("Signer", "", "Қор").with_bin("211140000425");
        let (key, cert) = crate::certs::self_signed_for_tests(5, &subject);
        let digest = DigestAlgorithm::Sha512.digest(&[DATA]);
        crate::cms_build::signed_data(&digest, &key, &cert, &[]).unwrap()
    }

    /// `cms` with its signed attributes edited by `edit` (the signature no longer matches).
    fn edited(cms: &[u8], edit: impl FnOnce(&mut Vec<Attribute>)) -> Vec<u8> {
        let info = ContentInfo::from_der(cms).unwrap();
        let mut signed: SignedData = info.content.decode_as().unwrap();
        let mut infos: Vec<SignerInfo> = signed.signer_infos.0.into_vec();
        let mut attrs = infos[0].signed_attrs.take().unwrap().into_vec();
        edit(&mut attrs);
        infos[0].signed_attrs = Some(SetOfVec::try_from(attrs).unwrap());
        signed.signer_infos = SignerInfos(SetOfVec::try_from(infos).unwrap());
        ContentInfo {
            content_type: info.content_type,
            content: Any::encode_from(&signed).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    fn has(check: &CmsCheck, code: &str) -> bool {
        check.problems.iter().any(|p| p.code.as_str() == code)
    }

    #[test]
    fn our_own_cms_verifies_with_zero_padding_only() {
        let mut cms = sample();
        cms.extend([0u8; 64]);
        let ok = check(&cms, &[DATA], None);
        assert!(ok.digest_ok && ok.signature_ok, "{:?}", ok.problems);
        cms.extend([0, 0, 7, 0]);
        let refused = check(&cms, &[DATA], None);
        assert!(!refused.signature_ok);
        assert!(
            has(&refused, "contents_trailing_data"),
            "{:?}",
            refused.problems
        );
    }

    #[test]
    fn a_repeated_signed_attribute_is_refused() {
        let cms = edited(&sample(), |attrs| {
            let mut again = attrs
                .iter()
                .find(|a| a.oid == oids::MESSAGE_DIGEST)
                .unwrap()
                .clone();
            let other = OctetString::new(vec![0u8; 64]).unwrap();
            again.values = SetOfVec::try_from(vec![Any::encode_from(&other).unwrap()]).unwrap();
            attrs.push(again);
        });
        let result = check(&cms, &[DATA], None);
        assert!(!result.signature_ok);
        assert!(
            has(&result, "signed_attribute_repeated"),
            "{:?}",
            result.problems
        );
    }

    #[test]
    fn a_missing_signing_certificate_attribute_is_refused() {
        let cms = edited(&sample(), |attrs| {
            attrs.retain(|a| a.oid != oids::SIGNING_CERTIFICATE_V2)
        });
        let result = check(&cms, &[DATA], None);
        assert!(!result.signature_ok);
        assert!(
            has(&result, "signing_certificate_missing"),
            "{:?}",
            result.problems
        );
    }
}
