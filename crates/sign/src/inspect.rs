//! Reading what a PDF or a certificate says about itself, without verifying anything: a
//! certificate's subject and fingerprint, a PDF's first revision, its producer and an
//! embedded file.

use der::{Decode, Tag, Tagged};
use lopdf::{Document, Object};
use x509_cert::Certificate;

use crate::pdf_util::{self, decode_text};
use crate::{format_fingerprint, SignError};

const OID_CN: &str = "2.5.4.3";
const OID_C: &str = "2.5.4.6";
const OID_O: &str = "2.5.4.10";
const OID_SERIAL_NUMBER: &str = "2.5.4.5";
const OID_TITLE: &str = "2.5.4.12";
const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";

/// The public facts of a certificate, for a trust store or a comparison over the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The certificate, DER.
    pub der: Vec<u8>,
    /// SHA-256 of the DER, `3F2A 9C01 …`.
    pub fingerprint: String,
    /// The subject, RFC 4514.
    pub subject: String,
    /// commonName.
    pub name: Option<String>,
    /// title (position).
    pub position: Option<String>,
    /// organizationName.
    pub organisation: Option<String>,
    /// The BIN from serialNumber `BIN<12 digits>`.
    pub bin: Option<String>,
    /// basicConstraints CA:true.
    pub is_ca: bool,
    /// Validity, Unix seconds.
    pub not_before: i64,
    /// Validity, Unix seconds.
    pub not_after: i64,
}

/// The first text value of the subject attribute `oid` (dotted form) of `cert`.
fn subject_attribute(cert: &Certificate, oid: &str) -> Option<String> {
    cert.tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find_map(|atv| {
            if atv.oid.to_string() != oid {
                return None;
            }
            match atv.value.tag() {
                Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
                    String::from_utf8(atv.value.value().to_vec()).ok()
                }
                _ => None,
            }
        })
}

/// The name a certificate's subject gives (its common name), else the whole subject.
pub(crate) fn display_name(cert: &Certificate) -> String {
    subject_attribute(cert, OID_CN).unwrap_or_else(|| cert.tbs_certificate.subject.to_string())
}

/// The BIN a certificate's subject names: serialNumber (2.5.4.5) `BIN` + 12 digits.
pub(crate) fn bin_of(cert: &Certificate) -> Option<String> {
    subject_attribute(cert, OID_SERIAL_NUMBER)
        .and_then(|s| s.strip_prefix("BIN").map(str::to_owned))
        .filter(|b| b.len() == 12 && b.bytes().all(|c| c.is_ascii_digit()))
}

/// The [`Subject`](crate::Subject) and CA flag a DER certificate states: what a key file's
/// own, unauthenticated, `subject` and `is_ca` fields are replaced with.
pub(crate) fn certificate_subject(der: &[u8]) -> Result<(crate::Subject, bool), SignError> {
    let bad = |e: &dyn std::fmt::Display| SignError::InvalidKeyFile(format!("certificate: {e}"));
    let cert = Certificate::from_der(der).map_err(|e| bad(&e))?;
    let info = certificate_info(der).map_err(|e| bad(&e))?;
    let subject = crate::Subject {
        name: info.name.unwrap_or_default(),
        position: info.position.unwrap_or_default(),
        organisation: info.organisation.unwrap_or_default(),
        bin: info.bin,
        country: subject_attribute(&cert, OID_C).unwrap_or_default(),
    };
    Ok((subject, info.is_ca))
}

/// Reads a certificate given as DER or PEM (`-----BEGIN CERTIFICATE-----`).
pub fn certificate_info(bytes: &[u8]) -> Result<CertificateInfo, SignError> {
    let bad = |why: String| SignError::InvalidOptions(why);
    let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        let text = std::str::from_utf8(bytes).map_err(|e| bad(e.to_string()))?;
        let (label, der) =
            der::pem::decode_vec(text.trim().as_bytes()).map_err(|e| bad(e.to_string()))?;
        if label != "CERTIFICATE" {
            return Err(bad(format!("the PEM holds {label:?}, not CERTIFICATE")));
        }
        der
    } else {
        bytes.to_vec()
    };
    let cert = Certificate::from_der(&der).map_err(|e| bad(e.to_string()))?;
    let tbs = &cert.tbs_certificate;
    let attr = |oid: &str| subject_attribute(&cert, oid);
    let bin = bin_of(&cert);
    let is_ca = tbs
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id.to_string() == OID_BASIC_CONSTRAINTS)
        .filter_map(|e| {
            x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes()).ok()
        })
        .any(|bc| bc.ca);
    let secs = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    Ok(CertificateInfo {
        fingerprint: format_fingerprint(&der),
        subject: tbs.subject.to_string(),
        name: attr(OID_CN),
        position: attr(OID_TITLE),
        organisation: attr(OID_O),
        bin,
        is_ca,
        not_before: secs(&tbs.validity.not_before),
        not_after: secs(&tbs.validity.not_after),
        der,
    })
}

/// The first revision of a PDF: the bytes up to and including the `%%EOF` of the oldest
/// cross-reference section (without the end-of-line that may follow), as the strict structure
/// reader finds it by following `startxref` and `/Prev` — never the first `%%EOF` bytes in the
/// file, which may stand in a title or an attachment. `None` when the file's structure is
/// refused ([`crate::structure::read`]).
pub fn first_revision(pdf: &[u8]) -> Option<&[u8]> {
    let structure = crate::structure::read(pdf).ok()?;
    pdf.get(..structure.revisions().first()?.eof_end)
}

/// Whether `revision` (a complete PDF, e.g. a rendering) is the first revision of `pdf`:
/// `pdf` starts with it and both end their first revision at the same `%%EOF`.
pub fn is_first_revision(pdf: &[u8], revision: &[u8]) -> bool {
    pdf.starts_with(revision)
        && first_revision(revision).is_some_and(|r| {
            first_revision(pdf) == Some(r)
                && revision[r.len()..]
                    .iter()
                    .all(|b| matches!(b, b'\r' | b'\n'))
        })
}

/// What a PDF carries for re-deriving it: the producer recorded in its XMP metadata (or its
/// Info dictionary) and an embedded file's bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    /// The producer, e.g. `Kelisim kelisim-pdf/1`.
    pub producer: Option<String>,
    /// The embedded file's content, decompressed.
    pub content: Option<Vec<u8>>,
    /// The keywords of the document's XMP metadata (`pdf:Keywords`), e.g. a draft's
    /// `kelisim:draft`.
    pub keywords: Option<String>,
}

/// The largest embedded file read (the memorandum limit is 20 MB).
const MAX_ATTACHMENT: usize = 32 * 1024 * 1024;

/// Reads the producer and the embedded file named `name` from `pdf` (parse it whole: pass
/// [`first_revision`] to read what the document said when it was made).
pub fn read_attachment(pdf: &[u8], name: &str) -> Result<Attachment, SignError> {
    crate::verify::guarded(pdf, || {
        let doc = Document::load_mem(pdf).map_err(|e| SignError::InvalidPdf(e.to_string()))?;
        Ok(Attachment {
            producer: producer(&doc),
            content: embedded(&doc, name),
            keywords: xmp_property(&doc, "pdf:Keywords"),
        })
    })
    .map_err(|(_, why)| SignError::InvalidPdf(why.to_owned()))?
}

/// The text of the first `<name>…</name>` element of the catalog's XMP metadata.
fn xmp_property(doc: &Document, name: &str) -> Option<String> {
    let catalog = pdf_util::dict_of(doc, pdf_util::catalog_id(doc)?)?;
    match pdf_util::get(doc, catalog, b"Metadata")? {
        Object::Stream(s) => {
            let xml = s.get_plain_content_with_limit(MAX_ATTACHMENT).ok()?;
            let xml = String::from_utf8_lossy(&xml);
            let (open, close) = (format!("<{name}>"), format!("</{name}>"));
            let start = xml.find(&open)? + open.len();
            let end = start + xml.get(start..)?.find(&close)?;
            Some(xml.get(start..end)?.to_owned())
        }
        _ => None,
    }
}

fn producer(doc: &Document) -> Option<String> {
    xmp_property(doc, "pdf:Producer").or_else(|| {
        let info = pdf_util::as_dict(doc, doc.trailer.get(b"Info").ok()?)?;
        match pdf_util::get(doc, info, b"Producer")? {
            Object::String(s, _) => Some(decode_text(s)),
            _ => None,
        }
    })
}

/// The file `name` from the catalog's `/Names /EmbeddedFiles` tree (leaf `/Names` arrays and
/// `/Kids`, bounded).
fn embedded(doc: &Document, name: &str) -> Option<Vec<u8>> {
    let catalog = pdf_util::dict_of(doc, pdf_util::catalog_id(doc)?)?;
    let names = pdf_util::as_dict(doc, pdf_util::get(doc, catalog, b"Names")?)?;
    let root = pdf_util::get(doc, names, b"EmbeddedFiles")?;
    let mut stack = vec![(root, 0usize)];
    let mut visited = 0usize;
    while let Some((node, depth)) = stack.pop() {
        visited += 1;
        if depth > 16 || visited > 10_000 {
            return None;
        }
        let Some(node) = pdf_util::as_dict(doc, node) else {
            continue;
        };
        if let Some(Object::Array(pairs)) = pdf_util::get(doc, node, b"Names") {
            for pair in pairs.chunks(2) {
                let [key, spec] = pair else { continue };
                let key = match pdf_util::resolve(doc, key) {
                    Some(Object::String(s, _)) => decode_text(s),
                    _ => continue,
                };
                if key == name {
                    return file_of(doc, spec);
                }
            }
        }
        if let Some(Object::Array(kids)) = pdf_util::get(doc, node, b"Kids") {
            stack.extend(kids.iter().map(|k| (k, depth + 1)));
        }
    }
    None
}

fn file_of(doc: &Document, spec: &Object) -> Option<Vec<u8>> {
    let spec = pdf_util::as_dict(doc, spec)?;
    let ef = pdf_util::as_dict(doc, pdf_util::get(doc, spec, b"EF")?)?;
    let stream = match pdf_util::get(doc, ef, b"UF").or_else(|| pdf_util::get(doc, ef, b"F"))? {
        Object::Stream(s) => s,
        _ => return None,
    };
    stream.get_plain_content_with_limit(MAX_ATTACHMENT).ok()
}

/// A signature field of a PDF: its fully qualified name and whether it holds a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldState {
    /// The field's name.
    pub name: String,
    /// Whether `/V` holds a signature dictionary (not verified here).
    pub signed: bool,
}

/// Every signature field of `pdf`, signed or empty, without verifying anything.
pub fn signature_fields(pdf: &[u8]) -> Result<Vec<FieldState>, SignError> {
    crate::verify::guarded(pdf, || {
        let doc = Document::load_mem(pdf).map_err(|e| SignError::InvalidPdf(e.to_string()))?;
        Ok(crate::fields::signature_fields(&doc)
            .into_iter()
            .map(|f| FieldState {
                name: f.name,
                signed: f.value.is_some(),
            })
            .collect())
    })
    .map_err(|(_, why)| SignError::InvalidPdf(why.to_owned()))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Subject;

    #[test]
    fn a_certificate_is_read_from_pem_and_der_with_its_subject() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Keystore::open(dir.path())
            .unwrap()
            .with_kdf_params(crate::KdfParams {
                m_cost_kib: 8,
                t_cost: 1,
                p_cost: 1,
            })
            .with_kdf_floor_for_tests();
        let subject = Subject::new("Т. М. Оспанов", "Директор", "Фонд").with_bin("211140000425");
        let pass = crate::SecretString::from("pw");
        let key = store
            .create_key(&crate::NewKey::new("t", subject), &pass, None)
            .unwrap();
        for bytes in [key.certificate_pem.as_bytes(), &key.certificate_der[..]] {
            let info = certificate_info(bytes).unwrap();
            assert_eq!(info.fingerprint, key.fingerprint);
            assert_eq!(info.name.as_deref(), Some("Т. М. Оспанов"));
            assert_eq!(info.position.as_deref(), Some("Директор"));
            assert_eq!(info.organisation.as_deref(), Some("Фонд"));
            assert_eq!(info.bin.as_deref(), Some("211140000425"));
            assert!(!info.is_ca);
        }
        assert!(certificate_info(b"garbage").is_err());
    }

    /// A one-object PDF whose `/Info` title holds `title`, with a correct table.
    fn tiny_pdf(title: &str) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let one = pdf.len();
        pdf.extend_from_slice(b"1 0 obj\n<</Type/Catalog>>\nendobj\n");
        let two = pdf.len();
        pdf.extend_from_slice(format!("2 0 obj\n<</Title({title})>>\nendobj\n").as_bytes());
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!(
                "xref\n0 3\n0000000000 65535 f \n{one:010} 00000 n \n{two:010} 00000 n \n\
                 trailer\n<</Size 3/Root 1 0 R/Info 2 0 R>>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        pdf
    }

    #[test]
    fn the_first_revision_ends_at_its_section_eof_not_at_eof_bytes_in_a_title() {
        let pdf = tiny_pdf("Memorandum %%EOF of understanding");
        let first = first_revision(&pdf).unwrap();
        assert_eq!(first.len(), pdf.len() - 1);
        assert!(first.ends_with(b"%%EOF"));
        assert!(is_first_revision(&pdf, &pdf));
        assert!(is_first_revision(&pdf, first));
        assert!(!is_first_revision(&pdf, &pdf[..20]));
        assert_eq!(first_revision(b"%PDF-1.7 x %%EOF\nmore %%EOF"), None);
        assert!(!is_first_revision(&tiny_pdf("other"), &pdf));
    }
}
