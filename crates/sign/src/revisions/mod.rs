//! Revision analysis: a strict whitelist of what Kelisim's signer writes.
//!
//! The file is analysed update by update: from one signed revision (or the caller's unsigned
//! base) to the next, each step attributed to the signatures that end it. A step may differ
//! from the revision before it only by
//! - the catalog's `/AcroForm` (added, or its `/Fields` growing by references, `/SigFlags 3`),
//!   `/Extensions` (the ISO 32002 developer extension) and, in the certifier's own update only,
//!   `/Perms << /DocMDP that signature >>`; every other catalog entry identical;
//! - pages' `/Annots` growing by references; nothing else in a page;
//! - new merged signature field/widgets whose `/V` is a signature that ends the step and
//!   verifies (one widget per signature), their appearance streams and what those reach
//!   downward; empty fields (no `/V`, no `/AP`) only in the certifier's own update;
//! - an empty signature field of the earlier revision receiving its signature (`/V`, `/AP`,
//!   `/F` only).
//!
//! Every other object, whatever refers to it (the trailer's `/Info`, the catalog's `/DSS`,
//! `/Metadata`, an appearance an earlier signer added), is compared as it is, and every new
//! object must be reached from an allowed widget. Visible widgets must lie in the places the
//! rendering reserved ([`crate::policy::SignaturePlace`]) when those are known.

mod chain;
mod kind;
mod structure;
mod widgets;

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::pdf_util::{self, references};
use crate::policy::SignaturePlace;
use crate::verify::Modification;

pub(crate) use chain::{rewalk, walk, Chain, SignedRevision, Walk};
pub(crate) use kind::Kind;

/// One update to analyse: from `old` to `new`.
pub(crate) struct Step<'a> {
    /// The revision before the update.
    pub old: &'a Document,
    /// The revision the update ends with.
    pub new: &'a Document,
    /// The signature dictionaries that end this update and verify.
    pub signatures: &'a HashSet<ObjectId>,
    /// The certification signature when this update is the certifier's own (the document's
    /// first signature, certifying).
    pub certifier: Option<ObjectId>,
    /// The DocMDP level when a certification signature precedes this update.
    pub certified_before: Option<i64>,
    /// The places reserved for signatures, when known.
    pub places: Option<&'a [SignaturePlace]>,
}

/// What an object of the earlier revision is, which decides what may change in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Catalog,
    AcroForm,
    FieldList,
    Page,
    AnnotList(ObjectId),
    PageContent,
    EmptyField,
    Metadata,
}

/// The analysis of one step in progress.
struct Ctx<'a> {
    step: &'a Step<'a>,
    out: Vec<Modification>,
    /// New members of the AcroForm's `/Fields`.
    field_adds: Vec<ObjectId>,
    /// New members of pages' `/Annots`, with their page.
    annot_adds: Vec<(ObjectId, ObjectId)>,
    /// New objects accounted for (containers of allowed additions, widgets and below).
    accounted: HashSet<ObjectId>,
    /// Widgets (new or filled) from which new objects are reached downward.
    roots: Vec<ObjectId>,
    /// Signature → the widgets whose `/V` it is.
    sig_widgets: HashMap<ObjectId, Vec<ObjectId>>,
    /// Reserved place (index) → the widget in it.
    claims: HashMap<usize, ObjectId>,
    /// The new revision's page object → 0-based page index (filled when first needed).
    page_index: Option<HashMap<ObjectId, u32>>,
}

impl Ctx<'_> {
    fn report(&mut self, id: Option<ObjectId>, kind: Kind, description: String) {
        self.out.push(Modification {
            object: id,
            kind: kind.code().to_owned(),
            description,
        });
    }
}

/// Analyses one update; returns every change that is not allowed.
pub(crate) fn analyse_step(step: &Step<'_>) -> Vec<Modification> {
    let mut ctx = Ctx {
        step,
        out: Vec::new(),
        field_adds: Vec::new(),
        annot_adds: Vec::new(),
        accounted: HashSet::new(),
        roots: Vec::new(),
        sig_widgets: HashMap::new(),
        claims: HashMap::new(),
        page_index: None,
    };
    ctx.check_trailer();
    let roles = roles(step.old);
    if step.places.is_some() {
        ctx.claim_existing_places();
    }
    let (new_ids, changed) = ctx.compare_objects(&roles);
    ctx.check_additions();
    ctx.check_unaccounted(&new_ids);
    if step.certified_before == Some(1) && (changed || !new_ids.is_empty()) {
        ctx.report(
            None,
            Kind::CertifiedNoChanges,
            "the document is certified with no changes allowed (DocMDP P=1) but was changed".into(),
        );
    }
    ctx.out
}

/// The roles of the earlier revision's objects.
fn roles(old: &Document) -> HashMap<ObjectId, Role> {
    let mut role = HashMap::new();
    let catalog_id = pdf_util::catalog_id(old);
    let catalog = catalog_id.and_then(|c| pdf_util::dict_of(old, c));
    if let (Some(id), Some(catalog)) = (catalog_id, catalog) {
        role.insert(id, Role::Catalog);
        let form = match catalog.get(b"AcroForm") {
            Ok(Object::Reference(f)) => {
                role.entry(*f).or_insert(Role::AcroForm);
                pdf_util::dict_of(old, *f)
            }
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        if let Some(Ok(Object::Reference(fields))) = form.map(|f| f.get(b"Fields")) {
            role.entry(*fields).or_insert(Role::FieldList);
        }
    }
    for page in old.get_pages().into_values() {
        role.entry(page).or_insert(Role::Page);
        let Some(dict) = pdf_util::dict_of(old, page) else {
            continue;
        };
        if let Ok(Object::Reference(a)) = dict.get(b"Annots") {
            role.entry(*a).or_insert(Role::AnnotList(page));
        }
        if let Ok(contents) = dict.get(b"Contents") {
            let mut ids = Vec::new();
            references(contents, &mut ids);
            if let Object::Reference(r) = contents {
                if let Some(Object::Array(a)) = old.objects.get(r) {
                    references(&Object::Array(a.clone()), &mut ids);
                }
            }
            for id in ids {
                role.entry(id).or_insert(Role::PageContent);
            }
        }
    }
    if let Some(Ok(Object::Reference(m))) = catalog.map(|c| c.get(b"Metadata")) {
        role.entry(*m).or_insert(Role::Metadata);
    }
    for field in crate::fields::signature_fields(old) {
        if field.value.is_none() {
            role.entry(field.id).or_insert(Role::EmptyField);
        }
    }
    role
}

/// A short name of what an object is, for messages.
fn kind_of(obj: &Object) -> String {
    let dict = match obj {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        Object::Array(_) => return "array".into(),
        _ => return "value".into(),
    };
    let name = |key: &[u8]| match dict.get(key) {
        Ok(Object::Name(n)) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    };
    match (name(b"Type"), name(b"Subtype"), obj) {
        (Some(t), Some(s), _) => format!("/{t} /{s}"),
        (Some(t), None, _) => format!("/{t}"),
        (None, Some(s), _) => format!("/{s}"),
        (None, None, Object::Stream(_)) => "stream".into(),
        _ => "dictionary".into(),
    }
}

/// The keys whose values differ between `old` and `new` (added and removed ones included).
fn differing_keys(old: &Dictionary, new: &Dictionary) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = old
        .iter()
        .filter(|(k, v)| new.get(k).ok() != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    keys.extend(
        new.iter()
            .filter(|(k, _)| !old.has(k))
            .map(|(k, _)| k.clone()),
    );
    keys
}

fn key_list(keys: &[Vec<u8>]) -> String {
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn obj_name(id: ObjectId) -> String {
    format!("{} {}", id.0, id.1)
}

impl Ctx<'_> {
    fn check_trailer(&mut self) {
        let (old, new) = (self.step.old, self.step.new);
        if pdf_util::catalog_id(old) != pdf_util::catalog_id(new) {
            self.report(
                None,
                Kind::CatalogReplaced,
                "the trailer's /Root names another catalog".into(),
            );
        }
        if old.trailer.get(b"Info").ok() != new.trailer.get(b"Info").ok() {
            self.report(
                None,
                Kind::InfoChanged,
                "the trailer's /Info names another object".into(),
            );
        }
        if old.trailer.get(b"Encrypt").ok() != new.trailer.get(b"Encrypt").ok() {
            self.report(
                None,
                Kind::EncryptedLater,
                "the trailer's /Encrypt changed (encryption added after signing)".into(),
            );
        }
    }

    /// Compares every object; returns the new objects and whether any old one changed.
    fn compare_objects(&mut self, roles: &HashMap<ObjectId, Role>) -> (Vec<ObjectId>, bool) {
        let (old, new) = (self.step.old, self.step.new);
        let mut new_ids = Vec::new();
        let mut changed = false;
        let mut dangling: Option<HashSet<ObjectId>> = None;
        for (&id, new_obj) in &new.objects {
            let Some(old_obj) = old.objects.get(&id) else {
                let dangling = dangling.get_or_insert_with(|| dangling_references(old));
                if dangling.contains(&id) {
                    self.report(
                        Some(id),
                        Kind::DanglingReferenceFilled,
                        format!(
                            "object {} ({}) was added where the earlier revision referred to a missing object",
                            obj_name(id),
                            kind_of(new_obj)
                        ),
                    );
                }
                new_ids.push(id);
                continue;
            };
            if old_obj == new_obj {
                continue;
            }
            changed = true;
            self.compare_changed(id, roles.get(&id).copied(), old_obj, new_obj);
        }
        for (&id, obj) in &old.objects {
            if !new.objects.contains_key(&id) {
                changed = true;
                self.report(
                    Some(id),
                    Kind::ObjectRemoved,
                    format!("object {} ({}) was removed", obj_name(id), kind_of(obj)),
                );
            }
        }
        (new_ids, changed)
    }

    /// One object of the earlier revision that changed, judged by its role.
    fn compare_changed(&mut self, id: ObjectId, role: Option<Role>, old: &Object, new: &Object) {
        let dicts = match (old, new) {
            (Object::Dictionary(a), Object::Dictionary(b)) => Some((a, b)),
            _ => None,
        };
        let arrays = match (old, new) {
            (Object::Array(a), Object::Array(b)) => Some((a, b)),
            _ => None,
        };
        match (role, dicts, arrays) {
            (Some(Role::Catalog), Some((a, b)), _) => self.compare_catalog(id, a, b),
            (Some(Role::AcroForm), Some((a, b)), _) => self.compare_acroform(id, a, b),
            (Some(Role::Page), Some((a, b)), _) => self.compare_page(id, a, b),
            (Some(Role::EmptyField), Some((a, b)), _) => self.compare_filled(id, a, b),
            (Some(Role::FieldList), _, Some((a, b))) => {
                let added = self.grown_list(id, "/Fields", a, b);
                self.field_adds.extend(added);
            }
            (Some(Role::AnnotList(page)), _, Some((a, b))) => {
                let added = self.grown_list(id, "/Annots", a, b);
                self.annot_adds.extend(added.into_iter().map(|w| (w, page)));
            }
            (Some(Role::Metadata), _, _) => self.compare_metadata(id, old),
            (Some(Role::PageContent), _, _) => self.report(
                Some(id),
                Kind::PageContentChanged,
                format!("page content stream {} was changed", obj_name(id)),
            ),
            (Some(Role::Page), _, _) => self.report(
                Some(id),
                Kind::PageChanged,
                format!("page object {} is no longer a dictionary", obj_name(id)),
            ),
            (Some(Role::Catalog), _, _) => self.report(
                Some(id),
                Kind::CatalogChanged,
                format!("the catalog {} is no longer a dictionary", obj_name(id)),
            ),
            _ => self.report(
                Some(id),
                Kind::ObjectChanged,
                format!("object {} ({}) was changed", obj_name(id), kind_of(old)),
            ),
        }
    }

    /// Marks every new object reachable downward from the allowed widgets (never up through
    /// `/P` or `/Parent`); reports the new objects nothing allowed reaches.
    fn check_unaccounted(&mut self, new_ids: &[ObjectId]) {
        let (old, new) = (self.step.old, self.step.new);
        let mut stack = std::mem::take(&mut self.roots);
        let mut seen: HashSet<ObjectId> = HashSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(obj) = new.objects.get(&id) else {
                continue;
            };
            if !old.objects.contains_key(&id) {
                self.accounted.insert(id);
            }
            let mut refs = Vec::new();
            match obj {
                Object::Dictionary(d) => walk_down(d, &mut refs),
                Object::Stream(s) => walk_down(&s.dict, &mut refs),
                other => references(other, &mut refs),
            }
            stack.extend(refs.into_iter().filter(|r| !old.objects.contains_key(r)));
        }
        for &id in new_ids {
            if self.accounted.contains(&id) {
                continue;
            }
            let Some(obj) = new.objects.get(&id) else {
                continue;
            };
            if is_structural_stream(obj) {
                continue;
            }
            self.report(
                Some(id),
                Kind::UnaccountedObject,
                format!(
                    "new object {} ({}) is not part of a signature that ends this update",
                    obj_name(id),
                    kind_of(obj)
                ),
            );
        }
    }
}

/// The references of a dictionary's values, `/P` and `/Parent` left out (they lead up).
fn walk_down(dict: &Dictionary, out: &mut Vec<ObjectId>) {
    for (k, v) in dict.iter() {
        if k.as_slice() != b"P" && k.as_slice() != b"Parent" {
            references(v, out);
        }
    }
}

/// Cross-reference and object streams: file structure, drawn by nothing.
fn is_structural_stream(obj: &Object) -> bool {
    match obj {
        Object::Stream(s) => matches!(
            s.dict.get(b"Type"),
            Ok(Object::Name(n)) if n.as_slice() == b"XRef" || n.as_slice() == b"ObjStm"
        ),
        _ => false,
    }
}

/// Objects the revision refers to without having them.
fn dangling_references(doc: &Document) -> HashSet<ObjectId> {
    let mut refs = Vec::new();
    for obj in doc.objects.values() {
        references(obj, &mut refs);
    }
    references(&Object::Dictionary(doc.trailer.clone()), &mut refs);
    refs.into_iter()
        .filter(|r| !doc.objects.contains_key(r))
        .collect()
}
