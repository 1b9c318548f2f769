//! Finding signature fields through the AcroForm field tree.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

use crate::pdf_util::{self, decode_text};

/// A signature field (`/FT /Sig`, own or inherited).
#[derive(Debug, Clone)]
pub(crate) struct SigField {
    /// The fully qualified name (`parent.child`).
    pub name: String,
    /// The field's object id.
    pub id: ObjectId,
    /// The signature dictionary (`/V`), when signed.
    pub value: Option<ObjectId>,
}

const MAX_DEPTH: usize = 32;
const MAX_FIELDS: usize = 100_000;

/// Every signature field of the document, in field-tree order.
pub(crate) fn signature_fields(doc: &Document) -> Vec<SigField> {
    let mut out = Vec::new();
    let Some(catalog) = pdf_util::catalog_id(doc).and_then(|id| pdf_util::dict_of(doc, id)) else {
        return out;
    };
    let Some(form) = pdf_util::get(doc, catalog, b"AcroForm").and_then(|f| f.as_dict().ok()) else {
        return out;
    };
    let Some(Object::Array(fields)) = pdf_util::get(doc, form, b"Fields") else {
        return out;
    };
    // (object, inherited FT, parent name, depth)
    let mut stack: Vec<(ObjectId, Option<Vec<u8>>, String, usize)> = fields
        .iter()
        .rev()
        .filter_map(|f| f.as_reference().ok())
        .map(|id| (id, None, String::new(), 0))
        .collect();
    let mut seen = HashSet::new();
    while let Some((id, inherited_ft, parent, depth)) = stack.pop() {
        if depth > MAX_DEPTH || !seen.insert(id) || seen.len() > MAX_FIELDS {
            continue;
        }
        let Some(dict) = pdf_util::dict_of(doc, id) else {
            continue;
        };
        let ft = pdf_util::name(doc, dict, b"FT")
            .map(<[u8]>::to_vec)
            .or(inherited_ft);
        let partial = match pdf_util::get(doc, dict, b"T") {
            Some(Object::String(s, _)) => Some(decode_text(s)),
            _ => None,
        };
        let name = match (&partial, parent.is_empty()) {
            (Some(p), true) => p.clone(),
            (Some(p), false) => format!("{parent}.{p}"),
            (None, _) => parent.clone(),
        };
        if let Some(Object::Array(kids)) = pdf_util::get(doc, dict, b"Kids") {
            let kid_ids: Vec<ObjectId> =
                kids.iter().filter_map(|k| k.as_reference().ok()).collect();
            // Kids that are fields (have /T) are walked; pure widgets belong to this field.
            let has_field_kids = kid_ids
                .iter()
                .any(|k| pdf_util::dict_of(doc, *k).is_some_and(|d| d.has(b"T")));
            if has_field_kids {
                for kid in kid_ids.into_iter().rev() {
                    stack.push((kid, ft.clone(), name.clone(), depth + 1));
                }
                continue;
            }
        }
        if ft.as_deref() == Some(b"Sig".as_slice()) {
            let value = match dict.get(b"V") {
                Ok(Object::Reference(v)) => Some(*v),
                _ => None,
            };
            out.push(SigField { name, id, value });
        }
    }
    out
}
