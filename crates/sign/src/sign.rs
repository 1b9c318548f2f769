//! `sign_pdf`: one incremental update per signature, PAdES baseline B-B with Ed25519.

use std::collections::BTreeMap;

use lopdf::{
    dictionary, Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat,
};
use sha2::{Digest, Sha512};
use time::OffsetDateTime;

use crate::fields::SigField;
use crate::pdf_util::{self, find, text_string};
use crate::{appearance, cms_build, KeyInfo, SignError, UnlockedKey};

/// Bytes reserved for the DER signature in `/Contents` (written as twice as many hex digits).
pub const CONTENTS_RESERVED: usize = 16 * 1024;
const BYTE_RANGE_PLACEHOLDER: i64 = 9_999_999_999;

/// How and where to sign.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// The signature field's name (`/T`), unique in the document.
    pub field_name: String,
    /// 1-based page number of the widget.
    pub page: u32,
    /// The widget rectangle `[x1, y1, x2, y2]` in PDF points; a zero-area rectangle makes an
    /// invisible signature.
    pub rect: [f32; 4],
    /// A certification signature (DocMDP, P=2: only form filling and further signatures).
    /// Only allowed as the first signature.
    pub certify: bool,
    /// `/Reason`.
    pub reason: Option<String>,
    /// `/Location`.
    pub location: Option<String>,
    /// `/M`, the claimed signing time.
    pub signing_time: OffsetDateTime,
    /// The lines of text drawn in the widget (name, position, date, short fingerprint…).
    pub appearance_text: Vec<String>,
    /// Empty signature fields to create in the same update, for the parties who sign later.
    /// After a certification signature, later signatures must go into such fields (a new
    /// visible signature field after certification is refused by verifiers, pyHanko
    /// included, as a possible "sneaky signature").
    pub empty_fields: Vec<EmptyField>,
}

/// An unsigned signature field laid out for a later signer.
#[derive(Debug, Clone)]
pub struct EmptyField {
    /// The field name (`/T`).
    pub name: String,
    /// 1-based page number.
    pub page: u32,
    /// `[x1, y1, x2, y2]` in PDF points.
    pub rect: [f32; 4],
}

fn rect_object(rect: [f32; 4]) -> Object {
    let [x1, y1, x2, y2] = rect;
    Object::Array(vec![
        Object::Real(x1.min(x2)),
        Object::Real(y1.min(y2)),
        Object::Real(x1.max(x2)),
        Object::Real(y1.max(y2)),
    ])
}

fn rect_of(doc: &Document, dict: &Dictionary) -> Option<[f32; 4]> {
    let Some(Object::Array(a)) = pdf_util::get(doc, dict, b"Rect") else {
        return None;
    };
    let mut out = [0f32; 4];
    if a.len() != 4 {
        return None;
    }
    for (slot, v) in out.iter_mut().zip(a) {
        *slot = v.as_float().ok()?;
    }
    Some(out)
}

fn pdf_err(e: lopdf::Error) -> SignError {
    SignError::InvalidPdf(e.to_string())
}

/// The ISO/TS 32002 developer extension, as pyHanko writes it.
pub(crate) fn iso_32002_extension() -> Object {
    Object::Dictionary(dictionary! {
        "Type" => "DeveloperExtensions",
        "BaseVersion" => "2.0",
        "ExtensionLevel" => 32002,
        "ExtensionRevision" => Object::string_literal(":2022"),
        "URL" => Object::string_literal("https://www.iso.org/standard/45875.html"),
    })
}

/// Signs `pdf` with `key`. The result starts with `pdf` byte for byte and appends one
/// incremental update holding the signature field, its appearance and the signature.
pub fn sign_pdf(
    pdf: &[u8],
    key: &UnlockedKey,
    options: &SignOptions,
) -> Result<Vec<u8>, SignError> {
    prepare_signature(pdf, &key.info, options)?.sign(key)
}

/// A signature laid out and hashed, waiting only for the private-key operation: the update
/// is appended with its byte range written and `/Contents` still zero. Made from the public
/// [`KeyInfo`], so it can be prepared while the key is being unlocked; only
/// [`PreparedSignature::sign`] needs the [`UnlockedKey`].
pub struct PreparedSignature {
    out: Vec<u8>,
    contents_start: usize,
    digest: Vec<u8>,
    fingerprint: String,
}

impl std::fmt::Debug for PreparedSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedSignature")
            .field("bytes", &self.out.len())
            .field("signer", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl PreparedSignature {
    /// Signs with `key`, which must be the key whose certificate the signature was prepared
    /// for (its name is in the signature dictionary and its certificate in the signed
    /// attributes).
    ///
    /// Traced as the span `sign` (the private-key operation and the CMS).
    pub fn sign(mut self, key: &UnlockedKey) -> Result<Vec<u8>, SignError> {
        let _sign = tracing::info_span!("sign").entered();
        if key.info.fingerprint != self.fingerprint {
            return Err(SignError::InvalidOptions(format!(
                "the signature was prepared for the certificate {}, not {}",
                self.fingerprint, key.info.fingerprint
            )));
        }
        let der = cms_build::signed_data(
            &self.digest,
            &key.key,
            &key.info.certificate_der,
            &key.info.chain,
        )?;
        if der.len() > CONTENTS_RESERVED {
            return Err(SignError::SignatureTooLarge {
                needed: der.len(),
                reserved: CONTENTS_RESERVED,
            });
        }
        let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
        let at = self.contents_start + 1;
        self.out[at..at + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.out)
    }
}

/// Lays out the signature of `signer` on `pdf` (see [`sign_pdf`]) up to the private-key
/// operation. Traced as the span `prepare` (field: the PDF's size).
pub fn prepare_signature(
    pdf: &[u8],
    signer: &KeyInfo,
    options: &SignOptions,
) -> Result<PreparedSignature, SignError> {
    let _prepare = tracing::info_span!("prepare", bytes = pdf.len()).entered();
    check_options(options)?;
    let prev = load_unencrypted(pdf)?;
    let pages = prev.get_pages();
    let page_id = *pages.get(&options.page).ok_or_else(|| {
        SignError::InvalidOptions(format!(
            "page {} does not exist (the document has {})",
            options.page,
            pages.len()
        ))
    })?;
    let catalog_id =
        pdf_util::catalog_id(&prev).ok_or_else(|| SignError::InvalidPdf("no catalog".into()))?;
    let existing = crate::fields::signature_fields(&prev);
    let target = target_field(&prev, &existing, options)?;
    check_empty_fields(options, &existing, &pages)?;
    if options.certify && existing.iter().any(|f| f.value.is_some()) {
        return Err(SignError::InvalidOptions(
            "only the first signature may certify the document".into(),
        ));
    }

    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    // 1. The signature dictionary with placeholders.
    let sig_id = inc
        .new_document
        .add_object(signature_dictionary(signer, options));
    // 2. The merged field + widget with its appearance, and the empty fields.
    let mut new_fields = add_widget(&mut inc, target, options, page_id, sig_id)?;
    new_fields.extend(add_empty_fields(&mut inc, options, &pages));
    // 3. The pages' /Annots.
    for &(id, page) in &new_fields {
        add_to_array(&mut inc, page, b"Annots", id)?;
    }
    // 4. The catalog: /AcroForm /Fields + /SigFlags 3, /Extensions, /Perms.
    register_fields(&mut inc, catalog_id, &new_fields)?;
    update_catalog(&mut inc, catalog_id, options.certify.then_some(sig_id))?;
    // 5. Save, then patch the byte range in place.
    let (out, contents_start, digest) = save_with_byte_range(inc, pdf)?;
    Ok(PreparedSignature {
        out,
        contents_start,
        digest,
        fingerprint: signer.fingerprint.clone(),
    })
}

/// A field name is 1–100 characters without dots; the rectangle is finite.
fn check_options(options: &SignOptions) -> Result<(), SignError> {
    if options.field_name.is_empty()
        || options.field_name.contains('.')
        || options.field_name.chars().count() > 100
    {
        return Err(SignError::InvalidOptions(
            "the field name must be 1–100 characters without dots".into(),
        ));
    }
    if options.rect.iter().any(|v| !v.is_finite()) {
        return Err(SignError::InvalidOptions(
            "the rectangle is not finite".into(),
        ));
    }
    Ok(())
}

/// The document to sign, refused when encrypted.
fn load_unencrypted(pdf: &[u8]) -> Result<Document, SignError> {
    let prev = Document::load_mem(pdf).map_err(pdf_err)?;
    if prev.is_encrypted() || prev.trailer.get(b"Encrypt").is_ok() {
        return Err(SignError::InvalidPdf(
            "encrypted PDFs are not signed".into(),
        ));
    }
    Ok(prev)
}

/// The field laid out earlier under the option's name (its id and rectangle), if any: signing
/// into it uses its page and rectangle. A signed one, or one with separate widgets, is refused.
fn target_field(
    prev: &Document,
    existing: &[SigField],
    options: &SignOptions,
) -> Result<Option<(ObjectId, [f32; 4])>, SignError> {
    let Some(f) = existing.iter().find(|f| f.name == options.field_name) else {
        return Ok(None);
    };
    if f.value.is_some() {
        return Err(SignError::InvalidOptions(format!(
            "the field {:?} is signed already",
            options.field_name
        )));
    }
    let dict = pdf_util::dict_of(prev, f.id)
        .ok_or_else(|| SignError::InvalidPdf("unreadable signature field".into()))?;
    if dict.has(b"Kids") {
        return Err(SignError::InvalidOptions(
            "signature fields with separate widgets are not supported".into(),
        ));
    }
    let rect = rect_of(prev, dict).unwrap_or([0.0; 4]);
    Ok(Some((f.id, rect)))
}

/// Every empty field has a new, dotless name, an existing page and a finite rectangle.
fn check_empty_fields(
    options: &SignOptions,
    existing: &[SigField],
    pages: &BTreeMap<u32, ObjectId>,
) -> Result<(), SignError> {
    for e in &options.empty_fields {
        if e.name.is_empty()
            || e.name.contains('.')
            || e.name == options.field_name
            || existing.iter().any(|f| f.name == e.name)
            || !pages.contains_key(&e.page)
            || e.rect.iter().any(|v| !v.is_finite())
        {
            return Err(SignError::InvalidOptions(format!(
                "the empty field {:?} has a duplicate name, a bad page or rectangle",
                e.name
            )));
        }
    }
    Ok(())
}

/// The signature dictionary, its byte range and `/Contents` still placeholders.
fn signature_dictionary(signer: &KeyInfo, options: &SignOptions) -> Dictionary {
    let mut sig = dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![Object::Integer(0), Object::Integer(BYTE_RANGE_PLACEHOLDER), Object::Integer(BYTE_RANGE_PLACEHOLDER), Object::Integer(BYTE_RANGE_PLACEHOLDER)],
        "Contents" => Object::String(vec![0u8; CONTENTS_RESERVED], StringFormat::Hexadecimal),
        "M" => Object::string_literal(pdf_util::format_pdf_date(options.signing_time)),
        "Name" => text_string(&signer.subject.name),
    };
    if let Some(reason) = &options.reason {
        sig.set("Reason", text_string(reason));
    }
    if let Some(location) = &options.location {
        sig.set("Location", text_string(location));
    }
    if options.certify {
        sig.set(
            "Reference",
            vec![Object::Dictionary(dictionary! {
                "Type" => "SigRef",
                "TransformMethod" => "DocMDP",
                "TransformParams" => dictionary! {
                    "Type" => "TransformParams",
                    "P" => 2,
                    "V" => "1.2",
                },
            })],
        );
    }
    sig
}

/// The signed field and its widget (merged), with its appearance: the `target` field filled
/// in, or a new one on `page_id`. Returns the new field with its page, to be registered.
fn add_widget(
    inc: &mut IncrementalDocument,
    target: Option<(ObjectId, [f32; 4])>,
    options: &SignOptions,
    page_id: ObjectId,
    sig_id: ObjectId,
) -> Result<Vec<(ObjectId, ObjectId)>, SignError> {
    let rect = target.map_or(options.rect, |(_, r)| r);
    let mut widget = match target {
        Some((field_id, _)) => {
            let mut d = new_dict(inc, field_id)?.clone();
            d.set("V", sig_id);
            d
        }
        None => dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Sig",
            "T" => text_string(&options.field_name),
            "F" => 132,
            "Rect" => rect_object(rect),
            "P" => page_id,
            "V" => sig_id,
        },
    };
    let ap = add_appearance(inc, rect, &options.appearance_text)?;
    widget.set("AP", dictionary! { "N" => ap });
    match target {
        Some((field_id, _)) => {
            inc.new_document
                .objects
                .insert(field_id, Object::Dictionary(widget));
            Ok(Vec::new())
        }
        None => Ok(vec![(inc.new_document.add_object(widget), page_id)]),
    }
}

/// The widget's normal appearance: the text in a box, or an empty form when the rectangle is
/// too small to draw in (an invisible signature).
fn add_appearance(
    inc: &mut IncrementalDocument,
    rect: [f32; 4],
    text: &[String],
) -> Result<ObjectId, SignError> {
    let [x1, y1, x2, y2] = rect;
    let (width, height) = ((x2 - x1).abs(), (y2 - y1).abs());
    if width >= 1.0 && height >= 1.0 {
        return appearance::add_appearance(&mut inc.new_document, width, height, text);
    }
    Ok(inc.new_document.add_object(lopdf::Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 0.into(), 0.into()] },
        Vec::new(),
    )))
}

/// The unsigned fields for the parties who sign later, each with its page.
fn add_empty_fields(
    inc: &mut IncrementalDocument,
    options: &SignOptions,
    pages: &BTreeMap<u32, ObjectId>,
) -> Vec<(ObjectId, ObjectId)> {
    let mut out = Vec::new();
    for e in &options.empty_fields {
        let Some(&page) = pages.get(&e.page) else {
            continue;
        };
        let id = inc.new_document.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Sig",
            "T" => text_string(&e.name),
            "F" => 132,
            "Rect" => rect_object(e.rect),
            "P" => page,
        });
        out.push((id, page));
    }
    out
}

/// Adds the new fields to the catalog's `/AcroForm /Fields` (indirect, direct, or a new
/// AcroForm) and sets an indirect AcroForm's `/SigFlags 3`.
fn register_fields(
    inc: &mut IncrementalDocument,
    catalog_id: ObjectId,
    new_fields: &[(ObjectId, ObjectId)],
) -> Result<(), SignError> {
    inc.opt_clone_object_to_new_document(catalog_id)
        .map_err(pdf_err)?;
    let acroform = inc
        .get_prev_documents()
        .get_object(catalog_id)
        .ok()
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"AcroForm").ok())
        .cloned();
    match acroform {
        Some(Object::Reference(form_id)) => {
            inc.opt_clone_object_to_new_document(form_id)
                .map_err(pdf_err)?;
            for &(id, _) in new_fields {
                add_to_array(inc, form_id, b"Fields", id)?;
            }
            let form = new_dict(inc, form_id)?;
            form.set("SigFlags", 3);
        }
        Some(Object::Dictionary(_)) => {
            for &(id, _) in new_fields {
                add_to_array(inc, catalog_id, b"AcroForm.Fields", id)?;
            }
        }
        _ => {
            let catalog = new_dict(inc, catalog_id)?;
            let fields: Vec<Object> = new_fields
                .iter()
                .map(|&(id, _)| Object::Reference(id))
                .collect();
            catalog.set(
                "AcroForm",
                dictionary! { "Fields" => fields, "SigFlags" => 3 },
            );
        }
    }
    Ok(())
}

/// The catalog's direct AcroForm gets `/SigFlags 3`, its `/Extensions` the ISO/TS 32002
/// extension (unless declared), and a certification signature `certifying` its `/Perms`.
fn update_catalog(
    inc: &mut IncrementalDocument,
    catalog_id: ObjectId,
    certifying: Option<ObjectId>,
) -> Result<(), SignError> {
    let prev_extensions = inc
        .get_prev_documents()
        .get_object(catalog_id)
        .ok()
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"Extensions").ok())
        .and_then(|e| pdf_util::as_dict(inc.get_prev_documents(), e))
        .cloned();
    let catalog = new_dict(inc, catalog_id)?;
    if let Ok(Object::Dictionary(form)) = catalog.get_mut(b"AcroForm") {
        form.set("SigFlags", 3);
    }
    let mut extensions = prev_extensions.unwrap_or_default();
    if !declares_32002(&extensions) {
        match extensions.get_mut(b"ISO_") {
            Ok(Object::Array(a)) => a.push(iso_32002_extension()),
            Ok(other @ Object::Dictionary(_)) => {
                let old = other.clone();
                *other = Object::Array(vec![old, iso_32002_extension()]);
            }
            _ => extensions.set("ISO_", vec![iso_32002_extension()]),
        }
        catalog.set("Extensions", Object::Dictionary(extensions));
    }
    if let Some(sig_id) = certifying {
        catalog.set("Perms", dictionary! { "DocMDP" => sig_id });
    }
    Ok(())
}

/// Whether `/Extensions /ISO_` (one extension or an array of them) has level 32002.
fn declares_32002(extensions: &Dictionary) -> bool {
    let level_32002 =
        |d: &Dictionary| d.get(b"ExtensionLevel").ok().and_then(|l| l.as_i64().ok()) == Some(32002);
    match extensions.get(b"ISO_") {
        Ok(Object::Array(a)) => a.iter().any(|e| e.as_dict().is_ok_and(level_32002)),
        Ok(Object::Dictionary(d)) => level_32002(d),
        _ => false,
    }
}

/// Appends the update to `pdf` and writes its byte range: the bytes, where `/Contents` starts
/// and the digest the signature covers.
fn save_with_byte_range(
    mut inc: IncrementalDocument,
    pdf: &[u8],
) -> Result<(Vec<u8>, usize, Vec<u8>), SignError> {
    let mut out = Vec::with_capacity(pdf.len() + 3 * CONTENTS_RESERVED + 64 * 1024);
    inc.save_to(&mut out)
        .map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    if !out.starts_with(pdf) {
        return Err(SignError::InvalidPdf("the update did not append".into()));
    }
    let (contents_start, digest) = place_byte_range(&mut out, pdf.len())?;
    Ok((out, contents_start, digest))
}

/// The dictionary of `id` in the update (cloned from the previous revision first).
fn new_dict(inc: &mut IncrementalDocument, id: ObjectId) -> Result<&mut Dictionary, SignError> {
    inc.opt_clone_object_to_new_document(id).map_err(pdf_err)?;
    inc.new_document
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_err)
}

/// Appends `item` to the array `key` of object `owner` (`AcroForm.Fields` reaches into a direct
/// AcroForm dictionary), following an indirect array.
fn add_to_array(
    inc: &mut IncrementalDocument,
    owner: ObjectId,
    key: &[u8],
    item: ObjectId,
) -> Result<(), SignError> {
    let (outer, inner): (&[u8], Option<&[u8]>) = if key == b"AcroForm.Fields" {
        (b"AcroForm", Some(b"Fields"))
    } else {
        (key, None)
    };
    let current = {
        let dict = new_dict(inc, owner)?;
        let holder = match inner {
            Some(k) => dict
                .get(outer)
                .ok()
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(k).ok()),
            None => dict.get(outer).ok(),
        };
        holder.cloned()
    };
    match current {
        Some(Object::Reference(array_id)) => {
            inc.opt_clone_object_to_new_document(array_id)
                .map_err(pdf_err)?;
            let array = inc
                .new_document
                .get_object_mut(array_id)
                .and_then(Object::as_array_mut)
                .map_err(pdf_err)?;
            array.push(Object::Reference(item));
        }
        other => {
            let mut array = match other {
                Some(Object::Array(a)) => a,
                _ => Vec::new(),
            };
            array.push(Object::Reference(item));
            let dict = new_dict(inc, owner)?;
            match inner {
                Some(k) => {
                    if let Ok(Object::Dictionary(d)) = dict.get_mut(outer) {
                        d.set(k, array);
                    }
                }
                None => dict.set(outer, array),
            }
        }
    }
    Ok(())
}

/// Finds the placeholders in the appended update and writes the byte range; where `/Contents`
/// starts and the SHA-512 of the bytes the signature covers.
fn place_byte_range(out: &mut [u8], start: usize) -> Result<(usize, Vec<u8>), SignError> {
    let missing = || SignError::InvalidPdf("signature placeholders not found".into());
    let ph = BYTE_RANGE_PLACEHOLDER.to_string();
    let br_key = find(out, b"/ByteRange", start).ok_or_else(missing)?;
    let br_open = find(out, b"[", br_key).ok_or_else(missing)?;
    let br_close = find(out, b"]", br_open).ok_or_else(missing)?;
    let br_text = out.get(br_open..=br_close).ok_or_else(missing)?;
    if !br_text.windows(ph.len()).any(|w| w == ph.as_bytes()) {
        return Err(missing());
    }
    let mut pattern = vec![b'<'];
    pattern.extend(std::iter::repeat_n(b'0', 2 * CONTENTS_RESERVED));
    pattern.push(b'>');
    let contents_start = find(out, &pattern, start).ok_or_else(missing)?;
    let contents_end = contents_start + pattern.len();

    let br = format!(
        "[0 {} {} {}",
        contents_start,
        contents_end,
        out.len() - contents_end
    );
    let slot_len = br_close - br_open;
    if br.len() > slot_len {
        return Err(SignError::InvalidPdf("byte range does not fit".into()));
    }
    let slot = out.get_mut(br_open..br_close).ok_or_else(missing)?;
    slot.fill(b' ');
    slot[..br.len()].copy_from_slice(br.as_bytes());

    let mut hasher = Sha512::new();
    hasher.update(&out[..contents_start]);
    hasher.update(&out[contents_end..]);
    Ok((contents_start, hasher.finalize().to_vec()))
}
