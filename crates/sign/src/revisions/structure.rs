//! The catalog, the AcroForm, pages and their member lists: what a signer may change in them.

use lopdf::{Dictionary, Object, ObjectId};

use super::{differing_keys, key_list, obj_name, Ctx, Kind};
use crate::pdf_util;

const CATALOG_ALLOWED: &[&[u8]] = &[b"AcroForm", b"Extensions", b"Perms", b"Metadata"];
/// The keys of an XMP metadata stream's dictionary.
const METADATA_KEYS: &[&[u8]] = &[b"Type", b"Subtype", b"Length", b"Filter", b"DecodeParms"];
const ACROFORM_ALLOWED: &[&[u8]] = &[b"Fields", b"SigFlags"];

impl Ctx<'_> {
    /// The catalog: only `/AcroForm`, `/Extensions` and `/Perms` may change, each as a signer
    /// changes it.
    pub(super) fn compare_catalog(&mut self, id: ObjectId, old: &Dictionary, new: &Dictionary) {
        let keys = differing_keys(old, new);
        let bad: Vec<_> = keys
            .iter()
            .filter(|k| !CATALOG_ALLOWED.contains(&k.as_slice()))
            .cloned()
            .collect();
        if !bad.is_empty() {
            self.report(
                Some(id),
                Kind::CatalogChanged,
                format!(
                    "the catalog {} changed its {}",
                    obj_name(id),
                    key_list(&bad)
                ),
            );
        }
        if keys.iter().any(|k| k == b"AcroForm") {
            self.compare_form_entry(id, old.get(b"AcroForm").ok(), new.get(b"AcroForm").ok());
        }
        if keys.iter().any(|k| k == b"Extensions") {
            self.compare_extensions(id, old.get(b"Extensions").ok(), new.get(b"Extensions").ok());
        }
        if keys.iter().any(|k| k == b"Perms") {
            self.compare_perms(id, old.get(b"Perms").ok(), new.get(b"Perms").ok());
        }
        if keys.iter().any(|k| k == b"Metadata") {
            match new.get(b"Metadata") {
                Ok(Object::Reference(m)) if !self.step.old.objects.contains_key(m) => {
                    self.accounted.insert(*m);
                    self.check_metadata(*m);
                }
                _ => self.report(
                    Some(id),
                    Kind::MetadataChanged,
                    format!("the catalog {}'s /Metadata was replaced by something other than a new stream", obj_name(id)),
                ),
            }
        }
    }

    /// The catalog's XMP stream of the earlier revision, changed in place.
    pub(super) fn compare_metadata(&mut self, id: ObjectId, old: &Object) {
        if !is_metadata_stream(old) {
            self.report(
                Some(id),
                Kind::ObjectChanged,
                format!(
                    "object {} named by the catalog's /Metadata was not an XMP stream and changed",
                    obj_name(id)
                ),
            );
            return;
        }
        self.check_metadata(id);
    }

    /// A signer may write a new XMP metadata stream (pyHanko does): only in an update that
    /// ends with a signature, shaped as XMP, and referred to by nothing but the catalog's
    /// `/Metadata` (so that nothing draws it).
    fn check_metadata(&mut self, id: ObjectId) {
        let new = self.step.new;
        let shaped = new.objects.get(&id).is_some_and(is_metadata_stream);
        let mut refs = Vec::new();
        for obj in new.objects.values() {
            pdf_util::references(obj, &mut refs);
        }
        pdf_util::references(&Object::Dictionary(new.trailer.clone()), &mut refs);
        let uses = refs.iter().filter(|r| **r == id).count();
        if self.step.signatures.is_empty() || !shaped || uses != 1 {
            self.report(
                Some(id),
                Kind::MetadataChanged,
                format!(
                    "metadata stream {} changed, but {}",
                    obj_name(id),
                    if self.step.signatures.is_empty() {
                        "no signature ends this update"
                    } else if !shaped {
                        "it is not a plain XMP stream"
                    } else {
                        "other objects refer to it"
                    }
                ),
            );
        }
    }

    /// The catalog's `/AcroForm` entry: added as a dictionary (direct, or a new object), or
    /// the same direct dictionary grown; an indirect AcroForm keeps its reference.
    fn compare_form_entry(
        &mut self,
        catalog: ObjectId,
        old: Option<&Object>,
        new: Option<&Object>,
    ) {
        let empty = Dictionary::new();
        match (old, new) {
            (None, Some(Object::Dictionary(b))) => self.compare_acroform(catalog, &empty, b),
            (Some(Object::Dictionary(a)), Some(Object::Dictionary(b))) => {
                self.compare_acroform(catalog, a, b)
            }
            (None, Some(Object::Reference(r))) if !self.step.old.objects.contains_key(r) => {
                match self.step.new.objects.get(r) {
                    Some(Object::Dictionary(b)) => {
                        self.accounted.insert(*r);
                        self.compare_acroform(*r, &empty, b);
                    }
                    _ => self.report(
                        Some(*r),
                        Kind::FormChanged,
                        format!("the new AcroForm {} is not a dictionary", obj_name(*r)),
                    ),
                }
            }
            _ => self.report(
                Some(catalog),
                Kind::FormChanged,
                format!(
                    "the catalog {}'s /AcroForm was replaced or removed",
                    obj_name(catalog)
                ),
            ),
        }
    }

    /// An AcroForm dictionary: `/Fields` grows by references, `/SigFlags` may become 3.
    pub(super) fn compare_acroform(&mut self, id: ObjectId, old: &Dictionary, new: &Dictionary) {
        let keys = differing_keys(old, new);
        let bad: Vec<_> = keys
            .iter()
            .filter(|k| !ACROFORM_ALLOWED.contains(&k.as_slice()))
            .cloned()
            .collect();
        if !bad.is_empty() {
            self.report(
                Some(id),
                Kind::FormChanged,
                format!(
                    "the AcroForm in {} changed its {}",
                    obj_name(id),
                    key_list(&bad)
                ),
            );
        }
        if keys.iter().any(|k| k == b"SigFlags")
            && new.get(b"SigFlags").ok() != Some(&Object::Integer(3))
        {
            self.report(
                Some(id),
                Kind::FormChanged,
                format!(
                    "the AcroForm in {} set /SigFlags to something other than 3",
                    obj_name(id)
                ),
            );
        }
        if keys.iter().any(|k| k == b"Fields") {
            let added = self.grown_entry(
                id,
                "/Fields",
                old.get(b"Fields").ok(),
                new.get(b"Fields").ok(),
            );
            self.field_adds.extend(added);
        }
    }

    /// A page: only `/Annots` may change, growing by references.
    pub(super) fn compare_page(&mut self, id: ObjectId, old: &Dictionary, new: &Dictionary) {
        let keys = differing_keys(old, new);
        let bad: Vec<_> = keys
            .iter()
            .filter(|k| k.as_slice() != b"Annots")
            .cloned()
            .collect();
        if !bad.is_empty() {
            self.report(
                Some(id),
                Kind::PageChanged,
                format!(
                    "page object {} changed its {}",
                    obj_name(id),
                    key_list(&bad)
                ),
            );
        }
        if keys.iter().any(|k| k == b"Annots") {
            let added = self.grown_entry(
                id,
                "/Annots",
                old.get(b"Annots").ok(),
                new.get(b"Annots").ok(),
            );
            self.annot_adds.extend(added.into_iter().map(|w| (w, id)));
        }
    }

    /// An entry holding a member list (`/Fields`, `/Annots`) that changed: a direct array
    /// grown, or added (directly or as a new array object). An indirect list keeps its
    /// reference (the array object is compared on its own). Returns the new members.
    fn grown_entry(
        &mut self,
        owner: ObjectId,
        what: &str,
        old: Option<&Object>,
        new: Option<&Object>,
    ) -> Vec<ObjectId> {
        let fresh = |r: &ObjectId| !self.step.old.objects.contains_key(r);
        match (old, new) {
            (None, Some(Object::Array(b))) => self.grown_list(owner, what, &[], b),
            (Some(Object::Array(a)), Some(Object::Array(b))) => self.grown_list(owner, what, a, b),
            (None, Some(Object::Reference(r))) if fresh(r) => match self.step.new.objects.get(r) {
                Some(Object::Array(b)) => {
                    self.accounted.insert(*r);
                    let b = b.clone();
                    self.grown_list(owner, what, &[], &b)
                }
                _ => {
                    self.report(
                        Some(*r),
                        Kind::ListRewritten,
                        format!(
                            "the new {what} {} of object {} is not an array",
                            obj_name(*r),
                            obj_name(owner)
                        ),
                    );
                    Vec::new()
                }
            },
            _ => {
                self.report(
                    Some(owner),
                    Kind::ListRewritten,
                    format!(
                        "{what} of object {} was replaced or removed",
                        obj_name(owner)
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A member list that may only grow by references appended to it. Returns the new
    /// members; direct dictionaries and other values are reported.
    pub(super) fn grown_list(
        &mut self,
        owner: ObjectId,
        what: &str,
        old: &[Object],
        new: &[Object],
    ) -> Vec<ObjectId> {
        if new.len() < old.len() || new[..old.len()] != *old {
            self.report(
                Some(owner),
                Kind::ListRewritten,
                format!(
                    "entries of {what} of object {} were removed, replaced or reordered",
                    obj_name(owner)
                ),
            );
        }
        let mut added = Vec::new();
        for (i, item) in new.iter().enumerate().skip(old.len().min(new.len())) {
            match item {
                Object::Reference(r) if self.step.old.objects.contains_key(r) => self.report(
                    Some(*r),
                    Kind::AnnotationMoved,
                    format!(
                        "existing object {} was added to {what} of object {}",
                        obj_name(*r),
                        obj_name(owner)
                    ),
                ),
                Object::Reference(r) => added.push(*r),
                Object::Dictionary(_) => self.report(
                    Some(owner),
                    Kind::DirectDictionary,
                    format!(
                        "a dictionary was written directly into {what} of object {} (entry {i})",
                        obj_name(owner)
                    ),
                ),
                _ => self.report(
                    Some(owner),
                    Kind::ListRewritten,
                    format!(
                        "entry {i} added to {what} of object {} is not a reference",
                        obj_name(owner)
                    ),
                ),
            }
        }
        added
    }

    /// `/Extensions` may only gain the ISO 32002 developer extension, in an update that
    /// ends with a signature.
    fn compare_extensions(
        &mut self,
        catalog: ObjectId,
        old: Option<&Object>,
        new: Option<&Object>,
    ) {
        let old_dict = old.and_then(|o| pdf_util::as_dict(self.step.old, o));
        let expected = with_iso_32002(old_dict.cloned().unwrap_or_default());
        let ok = !self.step.signatures.is_empty()
            && matches!(new, Some(Object::Dictionary(d)) if *d == expected);
        if !ok {
            self.report(
                Some(catalog),
                Kind::ExtensionsChanged,
                format!(
                    "the catalog {}'s /Extensions changed beyond the ISO 32002 developer extension",
                    obj_name(catalog)
                ),
            );
        }
    }

    /// `/Perms` may only appear in the certifier's own update, naming its signature.
    fn compare_perms(&mut self, catalog: ObjectId, old: Option<&Object>, new: Option<&Object>) {
        let ok = match (self.step.certifier, old, new) {
            (Some(cert), None, Some(Object::Dictionary(d))) => {
                d.len() == 1 && d.get(b"DocMDP").ok() == Some(&Object::Reference(cert))
            }
            _ => false,
        };
        if !ok {
            self.report(
                Some(catalog),
                Kind::CertificationChanged,
                format!("the catalog {}'s /Perms changed (only the certifier's own update may name its signature there)", obj_name(catalog)),
            );
        }
    }
}

/// A stream `/Type /Metadata /Subtype /XML` with no other keys and no references.
fn is_metadata_stream(obj: &Object) -> bool {
    let Object::Stream(s) = obj else {
        return false;
    };
    let mut refs = Vec::new();
    pdf_util::references(&Object::Dictionary(s.dict.clone()), &mut refs);
    refs.is_empty()
        && matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n.as_slice() == b"Metadata")
        && matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n.as_slice() == b"XML")
        && s.dict
            .iter()
            .all(|(k, _)| METADATA_KEYS.contains(&k.as_slice()))
}

/// `/Extensions` as the signer leaves it: the ISO 32002 developer extension added to `/ISO_`
/// unless there already (see `sign::prepare_signature`).
fn with_iso_32002(mut extensions: Dictionary) -> Dictionary {
    let is_32002 = |o: &Object| {
        o.as_dict()
            .ok()
            .and_then(|d| d.get(b"ExtensionLevel").ok())
            .and_then(|l| l.as_i64().ok())
            == Some(32002)
    };
    let present = match extensions.get(b"ISO_") {
        Ok(Object::Array(a)) => a.iter().any(is_32002),
        Ok(other @ Object::Dictionary(_)) => is_32002(other),
        _ => false,
    };
    if present {
        return extensions;
    }
    let ext = crate::sign::iso_32002_extension();
    match extensions.get_mut(b"ISO_") {
        Ok(Object::Array(a)) => a.push(ext),
        Ok(other @ Object::Dictionary(_)) => {
            let old = other.clone();
            *other = Object::Array(vec![old, ext]);
        }
        _ => extensions.set("ISO_", vec![ext]),
    }
    extensions
}
