//! Revision analysis: what changed between the revision a signature covers and the final file,
//! and whether each change is one a later signature may make.
//!
//! Allowed after a signature: new signature fields with widgets whose `/V` is a later
//! signature that verifies (their appearance streams and fonts with them); the page `/Annots`
//! and AcroForm `/Fields` growing by exactly those widgets; `/SigFlags`; the catalog's
//! `/Extensions`, `/Perms` and `/DSS` (with its VRI, certificate, OCSP and CRL objects); an
//! existing empty signature field receiving a later signature; the document information
//! dictionary and the XMP metadata stream (neither is rendered). Everything else is reported.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::pdf_util::{self, references};
use crate::verify::Modification;

const CATALOG_ALLOWED: &[&[u8]] = &[b"AcroForm", b"Extensions", b"Perms", b"DSS", b"Metadata"];
const ACROFORM_ALLOWED: &[&[u8]] = &[b"Fields", b"SigFlags"];
const SIG_FIELD_ALLOWED: &[&[u8]] = &[b"V", b"AP", b"F", b"MK", b"Lock", b"SV"];

fn kind_of(doc: &Document, obj: &Object) -> String {
    let dict = match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    };
    let Some(d) = dict else {
        return match obj {
            Object::Array(_) => "array".into(),
            _ => "value".into(),
        };
    };
    let ty = pdf_util::name(doc, d, b"Type").map(|n| String::from_utf8_lossy(n).into_owned());
    let sub = pdf_util::name(doc, d, b"Subtype").map(|n| String::from_utf8_lossy(n).into_owned());
    match (ty, sub, obj) {
        (Some(t), Some(s), _) => format!("/{t} /{s}"),
        (Some(t), None, _) => format!("/{t}"),
        (None, Some(s), _) => format!("/{s}"),
        (None, None, Object::Stream(_)) => "stream (content or data)".into(),
        _ => "dictionary".into(),
    }
}

fn differing_keys(old: &Dictionary, new: &Dictionary) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for (k, v) in old.iter() {
        if new.get(k).ok() != Some(v) {
            keys.push(k.clone());
        }
    }
    for (k, _) in new.iter() {
        if !old.has(k) {
            keys.push(k.clone());
        }
    }
    keys
}

fn key_list(keys: &[Vec<u8>]) -> String {
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `id` in `doc` is a signature widget/field (`/FT /Sig` own or inherited).
fn is_sig_field(doc: &Document, id: ObjectId) -> bool {
    let mut current = id;
    for _ in 0..16 {
        let Some(d) = pdf_util::dict_of(doc, current) else {
            return false;
        };
        if let Some(ft) = pdf_util::name(doc, d, b"FT") {
            return ft == b"Sig";
        }
        match d.get(b"Parent") {
            Ok(Object::Reference(p)) => current = *p,
            _ => return false,
        }
    }
    false
}

fn refs_of_array(doc: &Document, obj: Option<&Object>) -> Vec<ObjectId> {
    match obj.and_then(|o| pdf_util::resolve(doc, o)) {
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

struct Ctx<'a> {
    signed: &'a Document,
    fin: &'a Document,
    /// Signature dictionaries of later signatures that verified.
    later_sigs: &'a HashSet<ObjectId>,
    out: Vec<Modification>,
    /// New objects accounted for as parts of allowed additions.
    accounted: HashSet<ObjectId>,
    /// The document carries a certification signature.
    certified: bool,
    /// Comparing against an unsigned base revision: empty signature fields without an
    /// appearance (laid out by a signer for those who sign later) draw nothing and are allowed.
    allow_empty_fields: bool,
}

/// A widget with a non-empty rectangle that is not hidden.
fn is_visible(doc: &Document, id: ObjectId) -> bool {
    let Some(d) = pdf_util::dict_of(doc, id) else {
        return false;
    };
    let flags = pdf_util::get(doc, d, b"F")
        .and_then(|f| f.as_i64().ok())
        .unwrap_or(0);
    if flags & (2 | 32) != 0 {
        return false;
    }
    match pdf_util::get(doc, d, b"Rect") {
        Some(Object::Array(a)) if a.len() == 4 => {
            let v: Vec<f32> = a.iter().map(|x| x.as_float().unwrap_or(0.0)).collect();
            (v[2] - v[0]).abs() > 0.0 && (v[3] - v[1]).abs() > 0.0
        }
        _ => false,
    }
}

impl Ctx<'_> {
    fn report(&mut self, id: Option<ObjectId>, kind: &str, description: String) {
        self.out.push(Modification {
            object: id,
            kind: kind.to_owned(),
            description,
        });
    }

    /// Checks one new member of /Annots or /Fields: it must be a new signature widget whose
    /// value is a later signature that verified.
    fn check_added_widget(&mut self, owner: ObjectId, id: ObjectId, what: &str) {
        if self.signed.objects.contains_key(&id) {
            if !matches!(what, "field") || !is_sig_field(self.fin, id) {
                self.report(
                    Some(id),
                    "annotation_moved",
                    format!(
                        "existing object {} {} was added to {what}s of object {}",
                        id.0, id.1, owner.0
                    ),
                );
            }
            return;
        }
        let Some(obj) = self.fin.objects.get(&id) else {
            self.report(
                Some(id),
                "broken_reference",
                format!(
                    "{what} {} {} added to object {} cannot be read",
                    id.0, id.1, owner.0
                ),
            );
            return;
        };
        if !is_sig_field(self.fin, id) {
            self.report(
                Some(id),
                "annotation_added",
                format!(
                    "{} {} ({}) was added to the {what}s of object {} and is not a signature field",
                    id.0,
                    id.1,
                    kind_of(self.fin, obj),
                    owner.0
                ),
            );
            return;
        }
        let value = pdf_util::dict_of(self.fin, id).and_then(|d| d.get(b"V").ok());
        let visible = is_visible(self.fin, id);
        match value {
            Some(Object::Reference(v)) if self.later_sigs.contains(v) => {
                if visible && self.certified {
                    self.report(
                        Some(id),
                        "visible_signature_field_after_certification",
                        format!(
                            "a new visible signature field {} {} was added after certification (only the fields laid out by the certifier may be signed visibly)",
                            id.0, id.1
                        ),
                    );
                }
                self.account_reachable(id);
            }
            _ if !visible => self.account_reachable(id),
            None if self.allow_empty_fields && !has_appearance(self.fin, id) => {
                self.account_reachable(id)
            }
            _ => self.report(
                Some(id),
                "unsigned_signature_field",
                format!(
                    "signature field {} {} was added without a valid signature (its appearance could overlay the page)",
                    id.0, id.1
                ),
            ),
        }
    }

    /// Marks every new object reachable from `root` as part of an allowed addition.
    fn account_reachable(&mut self, root: ObjectId) {
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if self.signed.objects.contains_key(&id) || !self.accounted.insert(id) {
                continue;
            }
            if let Some(obj) = self.fin.objects.get(&id) {
                let mut refs = Vec::new();
                references(obj, &mut refs);
                // Do not walk up to the page through /P or /Parent: only downwards.
                if let Some(d) = pdf_util::dict_of(self.fin, id) {
                    for key in [b"P".as_slice(), b"Parent".as_slice()] {
                        if let Ok(Object::Reference(p)) = d.get(key) {
                            refs.retain(|r| r != p);
                        }
                    }
                }
                stack.extend(refs);
            }
        }
    }

    fn check_member_list(
        &mut self,
        owner: ObjectId,
        old: &[ObjectId],
        new: &[ObjectId],
        what: &str,
    ) {
        let new_set: HashSet<_> = new.iter().collect();
        for o in old {
            if !new_set.contains(o) {
                self.report(
                    Some(*o),
                    "annotation_removed",
                    format!(
                        "{} {} was removed from the {what}s of object {}",
                        o.0, o.1, owner.0
                    ),
                );
            }
        }
        let old_set: HashSet<_> = old.iter().collect();
        for n in new {
            if !old_set.contains(n) {
                self.check_added_widget(owner, *n, what);
            }
        }
    }

    fn check_acroform(&mut self, id: ObjectId, old: &Dictionary, new: &Dictionary) {
        let keys = differing_keys(old, new);
        let bad: Vec<_> = keys
            .iter()
            .filter(|k| !ACROFORM_ALLOWED.contains(&k.as_slice()))
            .cloned()
            .collect();
        if !bad.is_empty() {
            self.report(
                Some(id),
                "form_changed",
                format!("the AcroForm entries {} changed", key_list(&bad)),
            );
        }
        if keys.iter().any(|k| k == b"Fields") {
            let o = refs_of_array(self.signed, old.get(b"Fields").ok());
            let n = refs_of_array(self.fin, new.get(b"Fields").ok());
            self.check_member_list(id, &o, &n, "field");
        }
    }
}

/// Whether the widget `id` has a normal appearance (`/AP /N`).
fn has_appearance(doc: &Document, id: ObjectId) -> bool {
    pdf_util::dict_of(doc, id)
        .and_then(|d| pdf_util::get(doc, d, b"AP"))
        .and_then(|ap| pdf_util::as_dict(doc, ap))
        .is_some_and(|ap| ap.has(b"N"))
}

/// Compares the revision a signature covers (`signed`) with the whole file (`fin`).
pub(crate) fn analyse(
    signed: &Document,
    fin: &Document,
    later_sigs: &HashSet<ObjectId>,
    docmdp: Option<i64>,
) -> Vec<Modification> {
    analyse_with(signed, fin, later_sigs, docmdp, false)
}

/// Compares an unsigned base revision with the whole file: only signatures (and the empty,
/// appearance-less fields laid out for later signers) may have been added.
pub(crate) fn analyse_from_base(
    base: &Document,
    fin: &Document,
    sigs: &HashSet<ObjectId>,
) -> Vec<Modification> {
    analyse_with(base, fin, sigs, None, true)
}

fn analyse_with(
    signed: &Document,
    fin: &Document,
    later_sigs: &HashSet<ObjectId>,
    docmdp: Option<i64>,
    allow_empty_fields: bool,
) -> Vec<Modification> {
    let mut ctx = Ctx {
        signed,
        fin,
        later_sigs,
        out: Vec::new(),
        accounted: HashSet::new(),
        certified: docmdp.is_some(),
        allow_empty_fields,
    };
    let catalog = pdf_util::catalog_id(signed);
    if catalog != pdf_util::catalog_id(fin) {
        ctx.report(
            None,
            "catalog_replaced",
            "the trailer's /Root points to another catalog".into(),
        );
    }
    if fin.trailer.has(b"Encrypt") && !signed.trailer.has(b"Encrypt") {
        ctx.report(
            None,
            "encrypted_later",
            "encryption was added after signing".into(),
        );
    }
    let info_id = match fin.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };

    // Roles of old objects, from the signed revision.
    let mut role: HashMap<ObjectId, &'static str> = HashMap::new();
    let acroform_of = |doc: &Document| -> Option<ObjectId> {
        let c = pdf_util::dict_of(doc, pdf_util::catalog_id(doc)?)?;
        c.get(b"AcroForm").ok()?.as_reference().ok()
    };
    if let Some(f) = acroform_of(signed) {
        role.insert(f, "acroform");
        if let Some(Ok(Object::Reference(fields))) =
            pdf_util::dict_of(signed, f).map(|d| d.get(b"Fields"))
        {
            role.insert(*fields, "fields_array");
        }
    }
    if let Some(c) = catalog.and_then(|c| pdf_util::dict_of(signed, c)) {
        if let Ok(Object::Dictionary(form)) = c.get(b"AcroForm") {
            if let Ok(Object::Reference(fields)) = form.get(b"Fields") {
                role.insert(*fields, "fields_array");
            }
        }
        for key in [
            b"Extensions".as_slice(),
            b"Perms".as_slice(),
            b"DSS".as_slice(),
        ] {
            if let Ok(Object::Reference(r)) = c.get(key) {
                role.insert(*r, "catalog_extra");
            }
        }
        if let Ok(Object::Reference(r)) = c.get(b"Metadata") {
            role.insert(*r, "metadata");
        }
    }
    for (_, page) in signed.get_pages() {
        role.insert(page, "page");
        if let Some(Ok(Object::Reference(a))) =
            pdf_util::dict_of(signed, page).map(|d| d.get(b"Annots"))
        {
            role.insert(*a, "annots_array");
        }
    }
    // The DSS in the final file and everything below it is allowed (validation data).
    if let Some(c) = pdf_util::catalog_id(fin).and_then(|c| pdf_util::dict_of(fin, c)) {
        if let Ok(Object::Reference(dss)) = c.get(b"DSS") {
            ctx.account_reachable(*dss);
        }
    }
    let dss_objects = ctx.accounted.clone();
    let owners_of_annots: HashMap<ObjectId, ObjectId> = signed
        .get_pages()
        .values()
        .filter_map(
            |p| match pdf_util::dict_of(signed, *p)?.get(b"Annots").ok()? {
                Object::Reference(a) => Some((*a, *p)),
                _ => None,
            },
        )
        .collect();

    // Objects referenced by the signed revision but missing from it.
    let mut signed_refs = Vec::new();
    for obj in signed.objects.values() {
        references(obj, &mut signed_refs);
    }
    references(
        &Object::Dictionary(signed.trailer.clone()),
        &mut signed_refs,
    );
    let signed_refs: HashSet<ObjectId> = signed_refs.into_iter().collect();

    let mut ids: Vec<_> = fin.objects.keys().copied().collect();
    ids.sort_unstable();
    let mut new_objects = Vec::new();
    for id in ids {
        let Some(new) = fin.objects.get(&id) else {
            continue;
        };
        let Some(old) = signed.objects.get(&id) else {
            if signed_refs.contains(&id) {
                ctx.report(
                    Some(id),
                    "dangling_reference_filled",
                    format!(
                        "object {} {} ({}) was added where the signed revision referred to a missing object",
                        id.0,
                        id.1,
                        kind_of(fin, new)
                    ),
                );
            }
            new_objects.push(id);
            continue;
        };
        if old == new || ctx.accounted.contains(&id) {
            continue;
        }
        let (od, nd) = match (old, new) {
            (Object::Dictionary(a), Object::Dictionary(b)) => (Some(a), Some(b)),
            _ => (None, None),
        };
        if Some(id) == catalog {
            let (Some(od), Some(nd)) = (od, nd) else {
                ctx.report(
                    Some(id),
                    "catalog_changed",
                    "the catalog is no longer a dictionary".into(),
                );
                continue;
            };
            let keys = differing_keys(od, nd);
            let bad: Vec<_> = keys
                .iter()
                .filter(|k| !CATALOG_ALLOWED.contains(&k.as_slice()))
                .cloned()
                .collect();
            if !bad.is_empty() {
                ctx.report(
                    Some(id),
                    "catalog_changed",
                    format!("the catalog entries {} changed", key_list(&bad)),
                );
            }
            if keys.iter().any(|k| k == b"AcroForm") {
                match (od.get(b"AcroForm").ok(), nd.get(b"AcroForm").ok()) {
                    (Some(Object::Dictionary(a)), Some(Object::Dictionary(b))) => {
                        ctx.check_acroform(id, a, b)
                    }
                    (None, Some(Object::Dictionary(b))) => {
                        ctx.check_acroform(id, &Dictionary::new(), b)
                    }
                    (None, Some(Object::Reference(r))) if !signed.objects.contains_key(r) => {
                        if let Some(b) = pdf_util::dict_of(fin, *r) {
                            ctx.accounted.insert(*r);
                            ctx.check_acroform(*r, &Dictionary::new(), b);
                        }
                    }
                    _ => ctx.report(
                        Some(id),
                        "form_changed",
                        "the catalog's /AcroForm was replaced".into(),
                    ),
                }
            }
            if keys.iter().any(|k| k == b"Perms") {
                ctx.report_perms(od, nd, id);
            }
            continue;
        }
        if Some(id) == info_id {
            continue;
        }
        match role.get(&id).copied() {
            Some("acroform") => {
                if let (Some(a), Some(b)) = (od, nd) {
                    ctx.check_acroform(id, a, b);
                } else {
                    ctx.report(
                        Some(id),
                        "form_changed",
                        "the AcroForm is no longer a dictionary".into(),
                    );
                }
            }
            Some("fields_array") => {
                let o = refs_of_array(signed, Some(old));
                let n = refs_of_array(fin, Some(new));
                ctx.check_member_list(id, &o, &n, "field");
            }
            Some("annots_array") => {
                let o = refs_of_array(signed, Some(old));
                let n = refs_of_array(fin, Some(new));
                let owner = owners_of_annots.get(&id).copied().unwrap_or(id);
                ctx.check_member_list(owner, &o, &n, "annotation");
            }
            Some("page") => {
                let (Some(od), Some(nd)) = (od, nd) else {
                    ctx.report(
                        Some(id),
                        "page_changed",
                        format!("page object {} was replaced", id.0),
                    );
                    continue;
                };
                let keys = differing_keys(od, nd);
                let bad: Vec<_> = keys
                    .iter()
                    .filter(|k| k.as_slice() != b"Annots")
                    .cloned()
                    .collect();
                if !bad.is_empty() {
                    ctx.report(
                        Some(id),
                        "page_changed",
                        format!("page object {} changed its {}", id.0, key_list(&bad)),
                    );
                }
                if keys.iter().any(|k| k == b"Annots") {
                    let o = refs_of_array(signed, od.get(b"Annots").ok());
                    let n = refs_of_array(fin, nd.get(b"Annots").ok());
                    ctx.check_member_list(id, &o, &n, "annotation");
                }
            }
            Some("catalog_extra") => {}
            Some("metadata") if matches!(new, Object::Stream(st) if pdf_util::name(fin, &st.dict, b"Type") == Some(b"Metadata".as_slice())) =>
                {}
            _ => {
                // An empty signature field receiving a later signature.
                let filled = match (od, nd) {
                    (Some(a), Some(b)) if is_sig_field(signed, id) && !a.has(b"V") => {
                        let keys = differing_keys(a, b);
                        let value_ok = matches!(b.get(b"V"), Ok(Object::Reference(v)) if later_sigs.contains(v));
                        value_ok
                            && keys
                                .iter()
                                .all(|k| SIG_FIELD_ALLOWED.contains(&k.as_slice()))
                    }
                    _ => false,
                };
                if filled {
                    ctx.account_reachable(id);
                    continue;
                }
                let kind = kind_of(signed, old);
                let code = if signed.get_pages().values().any(|p| {
                    pdf_util::dict_of(signed, *p)
                        .map(|d| {
                            let mut r = Vec::new();
                            if let Ok(c) = d.get(b"Contents") {
                                references(c, &mut r);
                            }
                            r.contains(&id)
                        })
                        .unwrap_or(false)
                }) {
                    "page_content_changed"
                } else {
                    "object_changed"
                };
                ctx.report(
                    Some(id),
                    code,
                    format!(
                        "object {} {} ({kind}) of the signed revision was changed",
                        id.0, id.1
                    ),
                );
            }
        }
    }
    for id in signed.objects.keys() {
        if !fin.objects.contains_key(id) {
            ctx.report(
                Some(*id),
                "object_removed",
                format!(
                    "object {} {} of the signed revision was removed",
                    id.0, id.1
                ),
            );
        }
    }
    let added_beyond_dss = new_objects.iter().any(|id| !dss_objects.contains(id));
    if docmdp == Some(1) && (added_beyond_dss || !ctx.out.is_empty()) {
        ctx.report(
            None,
            "certified_no_changes",
            "the document is certified with no changes allowed (DocMDP P=1) but was changed".into(),
        );
    }
    ctx.out
}

impl Ctx<'_> {
    fn report_perms(&mut self, old: &Dictionary, new: &Dictionary, id: ObjectId) {
        // /Perms may gain entries, never lose or change the certification.
        if let (Ok(a), Ok(b)) = (old.get(b"Perms"), new.get(b"Perms")) {
            let a = pdf_util::as_dict(self.signed, a);
            let b = pdf_util::as_dict(self.fin, b);
            if let (Some(a), Some(b)) = (a, b) {
                if a.get(b"DocMDP").ok() != b.get(b"DocMDP").ok() {
                    self.report(
                        Some(id),
                        "certification_changed",
                        "the certification (/Perms /DocMDP) changed".into(),
                    );
                }
            }
        }
    }
}
