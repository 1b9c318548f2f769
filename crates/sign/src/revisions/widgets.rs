//! Signature widgets: the new ones a signer adds, an empty field receiving its signature,
//! visibility and the places reserved for signatures.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::{differing_keys, key_list, obj_name, Ctx, Kind};
use crate::pdf_util::decode_text;

/// The keys of a merged signature field/widget as the signer writes it.
const WIDGET_KEYS: &[&[u8]] = &[
    b"Type", b"Subtype", b"FT", b"T", b"F", b"Rect", b"P", b"V", b"AP",
];
/// What filling an empty signature field may change.
const FILL_KEYS: &[&[u8]] = &[b"V", b"AP", b"F"];
/// How far (in points) a widget may stick out of its reserved place (rounding).
const PLACE_TOLERANCE: f32 = 0.5;

/// A widget's rectangle when it is four literal numbers, normalised `[x0, y0, x1, y1]`.
fn literal_rect(dict: &Dictionary) -> Option<[f32; 4]> {
    let Ok(Object::Array(a)) = dict.get(b"Rect") else {
        return None;
    };
    let mut v = [0f32; 4];
    if a.len() != 4 {
        return None;
    }
    for (slot, item) in v.iter_mut().zip(a) {
        *slot = match item {
            Object::Integer(i) => *i as f32,
            Object::Real(r) => *r,
            _ => return None,
        };
        if !slot.is_finite() {
            return None;
        }
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

fn name_is(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    matches!(dict.get(key), Ok(Object::Name(n)) if n.as_slice() == value)
}

/// What a signature widget is, as far as its checks go.
enum Shape {
    /// No `/V`: a field laid out for a later signer.
    Empty,
    /// `/V` is this signature of the update.
    Signed(ObjectId),
}

impl Ctx<'_> {
    /// Pairs the new members of `/Fields` with those of the pages' `/Annots` and checks each
    /// new widget; then that every signature of the update has exactly one widget.
    pub(super) fn check_additions(&mut self) {
        let fields = std::mem::take(&mut self.field_adds);
        let annots = std::mem::take(&mut self.annot_adds);
        let mut in_fields: HashMap<ObjectId, usize> = HashMap::new();
        for id in &fields {
            *in_fields.entry(*id).or_default() += 1;
        }
        let mut placed: HashMap<ObjectId, usize> = HashMap::new();
        for &(id, page) in &annots {
            self.roots.push(id);
            *placed.entry(id).or_default() += 1;
            if !self.is_signature_widget(id, page) {
                continue;
            }
            if placed[&id] > 1 || in_fields.get(&id) != Some(&1) {
                self.report(
                    Some(id),
                    Kind::MalformedWidget,
                    format!("widget {} was added to /Annots without being added once to /Fields, or twice", obj_name(id)),
                );
                continue;
            }
            self.check_new_widget(id, page);
        }
        for id in fields {
            if !placed.contains_key(&id) {
                self.roots.push(id);
                self.report(
                    Some(id),
                    Kind::MalformedWidget,
                    format!(
                        "field {} was added to /Fields but to no page's /Annots",
                        obj_name(id)
                    ),
                );
            }
        }
        let signatures: Vec<ObjectId> = self.step.signatures.iter().copied().collect();
        for sig in signatures {
            let n = self.sig_widgets.get(&sig).map_or(0, Vec::len);
            if n > 1 {
                self.report(
                    Some(sig),
                    Kind::SeveralWidgetsForOneSignature,
                    format!(
                        "signature {} has {n} widgets (one is allowed)",
                        obj_name(sig)
                    ),
                );
            }
        }
    }

    /// A new member of `/Annots` is a signature widget (a dictionary with `/Subtype /Widget`
    /// and `/FT /Sig`); anything else is reported.
    fn is_signature_widget(&mut self, id: ObjectId, page: ObjectId) -> bool {
        let ok = match self.step.new.objects.get(&id) {
            Some(Object::Dictionary(d)) => {
                name_is(d, b"Subtype", b"Widget") && name_is(d, b"FT", b"Sig")
            }
            _ => false,
        };
        if !ok {
            self.report(
                Some(id),
                Kind::AnnotationAdded,
                format!("{} added to /Annots of page {} is not a signature widget (a dictionary with /Subtype /Widget and /FT /Sig)", obj_name(id), obj_name(page)),
            );
        }
        ok
    }

    /// One new signature widget in the `/Annots` of `page`.
    fn check_new_widget(&mut self, id: ObjectId, page: ObjectId) {
        let new = self.step.new;
        let Some(Object::Dictionary(dict)) = new.objects.get(&id) else {
            return;
        };
        let Some(shape) = self.widget_shape(id, dict, page) else {
            return;
        };
        let rect = literal_rect(dict).unwrap_or([0.0; 4]);
        let visible = !self.invisible(dict);
        match shape {
            Shape::Empty => {
                if self.step.certifier.is_none() || dict.has(b"AP") {
                    self.report(
                        Some(id),
                        Kind::UnsignedSignatureField,
                        format!("signature field {} was added without a signature (only the certifier may lay out empty fields, without an appearance)", obj_name(id)),
                    );
                    return;
                }
                if self.step.places.is_some() {
                    self.check_place(id, dict, page, rect);
                }
            }
            Shape::Signed(sig) => {
                self.sig_widgets.entry(sig).or_default().push(id);
                if !visible {
                    return;
                }
                if self.step.certified_before.is_some() {
                    self.report(
                        Some(id),
                        Kind::VisibleSignatureFieldAfterCertification,
                        format!("a new visible signature field {} was added after certification (only the fields laid out by the certifier may be signed visibly)", obj_name(id)),
                    );
                } else if self.step.places.is_some() {
                    self.check_place(id, dict, page, rect);
                }
            }
        }
    }

    /// The checks every new widget passes: its keys, `/T`, `/P`, `/Rect`, `/F`, `/AP`, `/V`.
    fn widget_shape(&mut self, id: ObjectId, dict: &Dictionary, page: ObjectId) -> Option<Shape> {
        let extra: Vec<Vec<u8>> = dict
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !WIDGET_KEYS.contains(&k.as_slice()))
            .collect();
        let mut problems = Vec::new();
        if !extra.is_empty() {
            problems.push(format!("has {}", key_list(&extra)));
        }
        if dict.has(b"Type") && !name_is(dict, b"Type", b"Annot") {
            problems.push("/Type is not /Annot".to_owned());
        }
        if !matches!(dict.get(b"T"), Ok(Object::String(..))) {
            problems.push("/T is not a string".to_owned());
        }
        if dict.get(b"P").ok() != Some(&Object::Reference(page)) {
            problems.push(format!(
                "/P is not the page {} whose /Annots it is in",
                obj_name(page)
            ));
        }
        if literal_rect(dict).is_none() {
            problems.push("/Rect is not four literal numbers".to_owned());
        }
        if dict.has(b"F") && !matches!(dict.get(b"F"), Ok(Object::Integer(_))) {
            problems.push("/F is not an integer".to_owned());
        }
        if let Some(p) = self.appearance_problem(dict) {
            problems.push(p);
        }
        if !problems.is_empty() {
            self.report(
                Some(id),
                Kind::MalformedWidget,
                format!("signature widget {}: {}", obj_name(id), problems.join("; ")),
            );
            return None;
        }
        match dict.get(b"V") {
            Err(_) => Some(Shape::Empty),
            Ok(Object::Reference(v)) if self.step.signatures.contains(v) => Some(Shape::Signed(*v)),
            Ok(_) => {
                self.report(
                    Some(id),
                    Kind::UnsignedSignatureField,
                    format!("signature field {}'s /V is not a signature that ends this update and verifies", obj_name(id)),
                );
                None
            }
        }
    }

    /// `/AP` absent, or `<< /N new form XObject >>`.
    fn appearance_problem(&self, dict: &Dictionary) -> Option<String> {
        let ap = match dict.get(b"AP") {
            Err(_) => return None,
            Ok(Object::Dictionary(ap)) => ap,
            Ok(_) => return Some("/AP is not a direct dictionary".into()),
        };
        if ap.len() != 1 {
            return Some("/AP holds more than /N".into());
        }
        match ap.get(b"N") {
            Ok(Object::Reference(n)) if !self.step.old.objects.contains_key(n) => {
                match self.step.new.objects.get(n) {
                    Some(Object::Stream(s)) if name_is(&s.dict, b"Subtype", b"Form") => None,
                    _ => Some(format!("/AP /N {} is not a form XObject", obj_name(*n))),
                }
            }
            _ => Some("/AP /N is not a new object".into()),
        }
    }

    /// Invisible: a `/Rect` of four literal numbers with zero width and height, and no
    /// appearance or only an empty one. Flags never make a widget invisible.
    fn invisible(&self, dict: &Dictionary) -> bool {
        let Some([x0, y0, x1, y1]) = literal_rect(dict) else {
            return false;
        };
        if x1 - x0 != 0.0 || y1 - y0 != 0.0 {
            return false;
        }
        let n = match dict.get(b"AP") {
            Err(_) => return true,
            Ok(Object::Dictionary(ap)) if ap.len() == 1 => ap.get(b"N").ok(),
            Ok(_) => return false,
        };
        let Some(Object::Reference(n)) = n else {
            return false;
        };
        match self.step.new.objects.get(n) {
            // Stream data is held as its SHA-256 during verification.
            Some(Object::Stream(s)) => {
                s.content.is_empty() || s.content.as_slice() == Sha256::digest(b"").as_slice()
            }
            _ => false,
        }
    }

    /// An empty signature field of the earlier revision receiving a signature of this update:
    /// only `/V`, `/AP` and `/F` change.
    pub(super) fn compare_filled(&mut self, id: ObjectId, old: &Dictionary, new: &Dictionary) {
        let keys = differing_keys(old, new);
        let bad: Vec<_> = keys
            .iter()
            .filter(|k| !FILL_KEYS.contains(&k.as_slice()))
            .cloned()
            .collect();
        let mut problems = Vec::new();
        if !bad.is_empty() {
            problems.push(format!("changed its {}", key_list(&bad)));
        }
        if new.has(b"F") && !matches!(new.get(b"F"), Ok(Object::Integer(_))) {
            problems.push("/F is not an integer".into());
        }
        if keys.iter().any(|k| k == b"AP") {
            problems.extend(self.appearance_problem(new));
        }
        let sig = match new.get(b"V") {
            Ok(Object::Reference(v)) if self.step.signatures.contains(v) && !old.has(b"V") => {
                Some(*v)
            }
            _ => {
                problems.push("/V is not a signature that ends this update and verifies".into());
                None
            }
        };
        self.roots.push(id);
        if !problems.is_empty() {
            self.report(
                Some(id),
                Kind::FieldFillChanged,
                format!("signature field {} {}", obj_name(id), problems.join("; ")),
            );
            return;
        }
        if let Some(sig) = sig {
            self.sig_widgets.entry(sig).or_default().push(id);
        }
        if self.step.places.is_some() && !self.invisible(new) {
            let page = match new.get(b"P") {
                Ok(Object::Reference(p)) => *p,
                _ => (0, 0),
            };
            self.check_place(id, new, page, literal_rect(new).unwrap_or([0.0; 4]));
        }
    }
}

impl Ctx<'_> {
    /// The reserved places the earlier revision's signature fields occupy already (a field
    /// with an area, laid out or signed, inside a place).
    pub(super) fn claim_existing_places(&mut self) {
        let (Some(places), old) = (self.step.places, self.step.old) else {
            return;
        };
        let pages: HashMap<ObjectId, u32> = old
            .get_pages()
            .into_iter()
            .map(|(n, id)| (id, n.saturating_sub(1)))
            .collect();
        for field in crate::fields::signature_fields(old) {
            let Some(dict) = crate::pdf_util::dict_of(old, field.id) else {
                continue;
            };
            let Some(rect) = literal_rect(dict).filter(|r| r[2] > r[0] && r[3] > r[1]) else {
                continue;
            };
            let Some(index) = dict
                .get(b"P")
                .ok()
                .and_then(|p| p.as_reference().ok())
                .and_then(|p| pages.get(&p))
            else {
                continue;
            };
            if let Some(i) = places
                .iter()
                .position(|p| p.page == *index && inside(rect, p.rect))
            {
                self.claims.entry(i).or_insert(field.id);
            }
        }
    }

    /// A visible widget must lie inside a reserved place on its page whose field name (when
    /// the place has one) is the widget's `/T`, and no other widget may hold that place.
    fn check_place(&mut self, id: ObjectId, dict: &Dictionary, page: ObjectId, rect: [f32; 4]) {
        let Some(places) = self.step.places else {
            return;
        };
        let new = self.step.new;
        let index = *self
            .page_index
            .get_or_insert_with(|| {
                new.get_pages()
                    .into_iter()
                    .map(|(n, id)| (id, n.saturating_sub(1)))
                    .collect()
            })
            .get(&page)
            .unwrap_or(&u32::MAX);
        let name = match dict.get(b"T") {
            Ok(Object::String(s, _)) => Some(decode_text(s)),
            _ => None,
        };
        let fits = |p: &crate::policy::SignaturePlace| {
            p.page == index
                && inside(rect, p.rect)
                && p.field_name
                    .as_ref()
                    .is_none_or(|f| Some(f) == name.as_ref())
        };
        let Some(i) = places.iter().position(fits) else {
            self.report(
                Some(id),
                Kind::VisibleOutsidePlace,
                format!(
                    "visible signature widget {} ({:?} at [{} {} {} {}] on page {}) is not inside a place reserved for it",
                    obj_name(id), name.unwrap_or_default(), rect[0], rect[1], rect[2], rect[3], index.saturating_add(1)
                ),
            );
            return;
        };
        match self.claims.get(&i) {
            Some(holder) if *holder != id => self.report(
                Some(id),
                Kind::PlaceTaken,
                format!("signature widget {} is in the place reserved for one signature that widget {} holds", obj_name(id), obj_name(*holder)),
            ),
            _ => {
                self.claims.insert(i, id);
            }
        }
    }
}

/// `rect` lies inside `place` (both normalised here), give or take rounding.
fn inside(rect: [f32; 4], place: [f32; 4]) -> bool {
    let p = [
        place[0].min(place[2]),
        place[1].min(place[3]),
        place[0].max(place[2]),
        place[1].max(place[3]),
    ];
    rect[0] >= p[0] - PLACE_TOLERANCE
        && rect[1] >= p[1] - PLACE_TOLERANCE
        && rect[2] <= p[2] + PLACE_TOLERANCE
        && rect[3] <= p[3] + PLACE_TOLERANCE
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn only_four_literal_numbers_make_a_rect() {
        let rect = |v: Vec<Object>| literal_rect(&dictionary! { "Rect" => v });
        assert_eq!(
            rect(vec![10.into(), 20.into(), Object::Real(5.0), 8.into()]),
            Some([5.0, 8.0, 10.0, 20.0])
        );
        assert_eq!(rect(vec![0.into(), 0.into(), 0.into()]), None);
        assert_eq!(
            rect(vec![
                0.into(),
                0.into(),
                0.into(),
                Object::Reference((3, 0))
            ]),
            None
        );
        assert_eq!(
            rect(vec![0.into(), 0.into(), 0.into(), Object::Real(f32::NAN)]),
            None
        );
        assert_eq!(
            literal_rect(&dictionary! { "Rect" => Object::Reference((3, 0)) }),
            None
        );
    }

    #[test]
    fn a_place_holds_what_lies_inside_it_give_or_take_rounding() {
        let place = [50.0, 600.0, 270.0, 660.0];
        assert!(inside([50.2, 599.8, 270.0, 660.3], place));
        assert!(inside(
            [60.0, 610.0, 100.0, 620.0],
            [270.0, 660.0, 50.0, 600.0]
        ));
        assert!(!inside([40.0, 600.0, 270.0, 660.0], place));
        assert!(!inside([50.0, 600.0, 270.0, 700.0], place));
    }
}
