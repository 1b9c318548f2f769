//! The operations of [`super::Edit`], each on the document as JSON.

use serde_json::{Map, Value};

use super::path::{get, get_mut, parse_path, show, Step};
use super::texts::{for_each_text_mut, texts};
use super::{refuse, table, Edit};
use crate::ids::Language;
use crate::placeholder::{scan, Placeholder};
use crate::validate::Problem;

/// Fields that may be absent: `Set` creates them, `Remove` removes them.
const OPTIONAL: [&str; 13] = [
    "short_name",
    "address",
    "bin",
    "authority",
    "variables",
    "annexes",
    "term",
    "registration",
    "amends",
    "renewal",
    "width",
    "clauses",
    "number",
];

/// Fields only their own operations change.
const BY_OPERATION: [(&str, &str); 2] = [
    (
        "format",
        "every edit makes the document kelisim.memorandum/2",
    ),
    ("languages", "use add_language or remove_language"),
];

type Done = Result<Vec<String>, Vec<Problem>>;

/// Applies one edit; the paths of texts it copied into a new language.
pub(super) fn apply_one(doc: &mut Value, edit: &Edit) -> Done {
    match edit {
        Edit::Set { path, value } => set(doc, path, value.clone()).map(|()| Vec::new()),
        Edit::Remove { path } => remove(doc, path).map(|()| Vec::new()),
        Edit::AddParty { party, at } => add_party(doc, party, *at),
        Edit::RemoveParty { id } => remove_party(doc, id),
        Edit::MoveParty { id, to } => {
            let i = party_index(doc, id)?;
            move_in(doc, &[key("parties")], i, *to)
        }
        Edit::AddSignatory {
            party,
            signatory,
            at,
        } => add_signatory(doc, party, signatory, *at),
        Edit::RemoveSignatory { party, id } => remove_signatory(doc, party, id),
        Edit::MoveSignatory { party, id, to } => {
            let (list, i) = signatory_index(doc, party, id)?;
            move_in(doc, &list, i, *to)
        }
        Edit::AddAnnex { annex, at } => add_annex(doc, annex, *at),
        Edit::RemoveAnnex { id } => remove_annex(doc, id),
        Edit::MoveAnnex { id, to } => {
            let i = annex_index(doc, id)?;
            move_in(doc, &[key("annexes")], i, *to)
        }
        Edit::AddLanguage {
            language,
            copy_from,
        } => add_language(doc, language, copy_from.as_deref()),
        Edit::RemoveLanguage { language } => remove_language(doc, language),
        Edit::SetLayout { layout } => {
            set_field(doc, "layout", Value::String(layout.clone()));
            Ok(Vec::new())
        }
        table_edit => table::apply(doc, table_edit),
    }
}

pub(super) fn key(k: &str) -> Step {
    Step::Key(k.to_owned())
}

fn set_field(doc: &mut Value, field: &str, value: Value) {
    if let Some(map) = doc.as_object_mut() {
        map.insert(field.to_owned(), value);
    }
}

fn no_such_path(path: &str, why: &str) -> Vec<Problem> {
    refuse(
        path,
        "no_such_path",
        vec![("path", path.to_owned())],
        format!("{path}: {why}"),
    )
}

fn read_path(path: &str) -> Result<Vec<Step>, Vec<Problem>> {
    let steps = parse_path(path).map_err(|why| {
        refuse(
            path,
            "bad_path",
            vec![("path", path.to_owned())],
            format!("\"{path}\" is not a path: {why}"),
        )
    })?;
    if let Some(Step::Key(first)) = steps.first() {
        if let Some((field, why)) = BY_OPERATION.iter().find(|(f, _)| f == first) {
            return Err(refuse(
                path,
                "use_operation",
                vec![("field", (*field).to_owned())],
                format!("\"{field}\" is not set directly: {why}"),
            ));
        }
    }
    Ok(steps)
}

/// `Set`: walks to the parent, creating missing optional objects (and anything inside one
/// just created), then puts the value.
fn set(doc: &mut Value, path: &str, value: Value) -> Result<(), Vec<Problem>> {
    let steps = read_path(path)?;
    let (last, parents) = steps
        .split_last()
        .ok_or_else(|| no_such_path(path, "empty"))?;
    let mut here = doc;
    let mut created = false;
    for (n, step) in parents.iter().enumerate() {
        let at = show(&steps[..=n]);
        here = match step {
            Step::Key(k) => {
                let map = here
                    .as_object_mut()
                    .ok_or_else(|| no_such_path(&at, "its parent is not an object"))?;
                if !map.contains_key(k) {
                    if !(created || OPTIONAL.contains(&k.as_str())) {
                        return Err(no_such_path(&at, "there is no such field"));
                    }
                    created = true;
                    map.insert(k.clone(), Value::Object(Map::new()));
                }
                map.get_mut(k)
                    .ok_or_else(|| no_such_path(&at, "there is no such field"))?
            }
            Step::Index(i) => here
                .as_array_mut()
                .and_then(|list| list.get_mut(*i))
                .ok_or_else(|| no_such_path(&at, "there is no such list element"))?,
        };
    }
    match last {
        Step::Key(k) => {
            let map = here
                .as_object_mut()
                .ok_or_else(|| no_such_path(path, "its parent is not an object"))?;
            map.insert(k.clone(), value);
        }
        Step::Index(i) => {
            let slot = here
                .as_array_mut()
                .and_then(|list| list.get_mut(*i))
                .ok_or_else(|| {
                    no_such_path(
                        path,
                        "there is no such list element (add elements with their own operation)",
                    )
                })?;
            *slot = value;
        }
    }
    Ok(())
}

/// `Remove`: an optional field or a variable; absent already is fine.
fn remove(doc: &mut Value, path: &str) -> Result<(), Vec<Problem>> {
    let steps = read_path(path)?;
    let (last, parents) = steps
        .split_last()
        .ok_or_else(|| no_such_path(path, "empty"))?;
    let Step::Key(k) = last else {
        return Err(refuse(
            path,
            "use_operation",
            vec![("path", path.to_owned())],
            format!("{path} is a list element: remove it with its own operation"),
        ));
    };
    let in_variables = parents == [key("variables")];
    if !(OPTIONAL.contains(&k.as_str()) || in_variables) {
        return Err(refuse(
            path,
            "required_field",
            vec![("field", k.clone())],
            format!("\"{k}\" is required and cannot be removed"),
        ));
    }
    if let Some(map) = get_mut(doc, parents).and_then(Value::as_object_mut) {
        map.remove(k);
    }
    Ok(())
}

/// A list at `steps`, mutably; created empty when `create` and absent.
pub(super) fn list_mut<'a>(
    doc: &'a mut Value,
    steps: &[Step],
) -> Result<&'a mut Vec<Value>, Vec<Problem>> {
    let path = show(steps);
    get_mut(doc, steps)
        .and_then(Value::as_array_mut)
        .ok_or_else(|| no_such_path(&path, "there is no such list"))
}

pub(super) fn bad_position(path: &str, at: usize, len: usize) -> Vec<Problem> {
    refuse(
        path,
        "bad_position",
        vec![("position", at.to_string()), ("count", len.to_string())],
        format!("position {at} is outside the list of {len}"),
    )
}

/// Inserts `item` at `at` (the end when `None`).
pub(super) fn insert_at(
    doc: &mut Value,
    steps: &[Step],
    item: Value,
    at: Option<usize>,
) -> Result<usize, Vec<Problem>> {
    let path = show(steps);
    let list = list_mut(doc, steps)?;
    let at = at.unwrap_or(list.len());
    if at > list.len() {
        return Err(bad_position(&path, at, list.len()));
    }
    list.insert(at, item);
    Ok(at)
}

/// Moves element `from` of the list at `steps` to `to`.
pub(super) fn move_in(doc: &mut Value, steps: &[Step], from: usize, to: usize) -> Done {
    let path = show(steps);
    let list = list_mut(doc, steps)?;
    if to >= list.len() || from >= list.len() {
        return Err(bad_position(&path, to.max(from), list.len()));
    }
    let item = list.remove(from);
    list.insert(to, item);
    Ok(Vec::new())
}

fn id_of(item: &Value) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The index of the element of the list at `steps` whose id is `id`.
pub(super) fn index_by_id(
    doc: &Value,
    steps: &[Step],
    id: &str,
    what: &'static str,
) -> Result<usize, Vec<Problem>> {
    let path = show(steps);
    get(doc, steps)
        .and_then(Value::as_array)
        .and_then(|list| list.iter().position(|item| id_of(item) == id))
        .ok_or_else(|| {
            refuse(
                &path,
                "no_such_id",
                vec![("id", id.to_owned())],
                format!("there is no {what} \"{id}\""),
            )
        })
}

/// `id` when usable and free, else `base`, `base-2`, `base-3`… whichever is free first.
pub(super) fn fresh_id(wanted: &str, base: &str, taken: &[&str]) -> String {
    if !wanted.is_empty() && !taken.contains(&wanted) {
        return wanted.to_owned();
    }
    if !taken.contains(&base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or_default()
}

/// Puts a fresh id into `item` (an object) given the ids already in the list at `steps`.
pub(super) fn with_fresh_id(
    doc: &Value,
    steps: &[Step],
    mut item: Value,
    base: &str,
    what: &str,
) -> Result<Value, Vec<Problem>> {
    let taken: Vec<&str> = get(doc, steps)
        .and_then(Value::as_array)
        .map(|list| list.iter().map(id_of).collect())
        .unwrap_or_default();
    let id = fresh_id(id_of(&item), base, &taken);
    let path = show(steps);
    let map = item.as_object_mut().ok_or_else(|| {
        refuse(
            &path,
            "wrong_type",
            Vec::new(),
            format!("a new {what} must be an object"),
        )
    })?;
    map.insert("id".into(), Value::String(id));
    Ok(item)
}

fn party_index(doc: &Value, id: &str) -> Result<usize, Vec<Problem>> {
    index_by_id(doc, &[key("parties")], id, "party")
}

fn add_party(doc: &mut Value, party: &Value, at: Option<usize>) -> Done {
    let kind = party
        .get("kind")
        .and_then(Value::as_str)
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .unwrap_or("party")
        .replace('_', "-");
    let steps = [key("parties")];
    let mut party = with_fresh_id(doc, &steps, party.clone(), &kind, "party")?;
    fresh_signatory_ids(&mut party);
    insert_at(doc, &steps, party, at)?;
    Ok(Vec::new())
}

/// A new party's signatories without an id (or with one already used in the party) get fresh
/// ones, as a signatory added to an existing party does.
fn fresh_signatory_ids(party: &mut Value) {
    let Some(list) = party.get_mut("signatories").and_then(Value::as_array_mut) else {
        return;
    };
    let mut taken: Vec<String> = Vec::new();
    for signatory in list.iter_mut() {
        let refs: Vec<&str> = taken.iter().map(String::as_str).collect();
        let id = fresh_id(id_of(signatory), "signatory", &refs);
        if let Some(map) = signatory.as_object_mut() {
            map.insert("id".into(), Value::String(id.clone()));
        }
        taken.push(id);
    }
}

/// Where a text names `{{party.<id>.…}}` (or, with `annex`, `{{annex.<id>}}`): each
/// `path.language`.
fn placeholders_naming(doc: &Value, id: &str, annex: bool) -> Vec<String> {
    let annex_ref = format!("{{{{annex.{id}}}}}");
    let mut out = Vec::new();
    for text in texts(doc) {
        for (lang, s) in &text.values {
            let named = if annex {
                s.contains(&annex_ref)
            } else {
                scan(s)
                    .into_iter()
                    .any(|p| matches!(p, Ok(Placeholder::Party { id: pid, .. }) if pid == id))
            };
            if named {
                out.push(format!("{}.{lang}", text.path));
            }
        }
    }
    out
}

fn in_use(id: &str, what: &str, code: &'static str, places: Vec<String>) -> Vec<Problem> {
    places
        .into_iter()
        .map(|place| {
            super::problem_with(
                &place,
                code,
                vec![("id", id.to_owned())],
                format!("the {what} \"{id}\" cannot be removed: this text names it"),
            )
        })
        .collect()
}

fn remove_party(doc: &mut Value, id: &str) -> Done {
    let i = party_index(doc, id)?;
    let places = placeholders_naming(doc, id, false);
    if !places.is_empty() {
        return Err(in_use(id, "party", "party_in_use", places));
    }
    list_mut(doc, &[key("parties")])?.remove(i);
    Ok(Vec::new())
}

fn signatory_index(doc: &Value, party: &str, id: &str) -> Result<(Vec<Step>, usize), Vec<Problem>> {
    let p = party_index(doc, party)?;
    let list = vec![key("parties"), Step::Index(p), key("signatories")];
    let i = index_by_id(doc, &list, id, "signatory")?;
    Ok((list, i))
}

fn add_signatory(doc: &mut Value, party: &str, signatory: &Value, at: Option<usize>) -> Done {
    let p = party_index(doc, party)?;
    let steps = [key("parties"), Step::Index(p), key("signatories")];
    let signatory = with_fresh_id(doc, &steps, signatory.clone(), "signatory", "signatory")?;
    insert_at(doc, &steps, signatory, at)?;
    Ok(Vec::new())
}

fn remove_signatory(doc: &mut Value, party: &str, id: &str) -> Done {
    let (steps, i) = signatory_index(doc, party, id)?;
    let list = list_mut(doc, &steps)?;
    if list.len() <= 1 {
        return Err(refuse(
            &show(&steps),
            "last_signatory",
            vec![("party", party.to_owned())],
            format!("\"{id}\" is the only signatory of \"{party}\"; a party needs one"),
        ));
    }
    list.remove(i);
    Ok(Vec::new())
}

fn annex_index(doc: &Value, id: &str) -> Result<usize, Vec<Problem>> {
    index_by_id(doc, &[key("annexes")], id, "annex")
}

fn add_annex(doc: &mut Value, annex: &Value, at: Option<usize>) -> Done {
    if let Some(map) = doc.as_object_mut() {
        map.entry("annexes")
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    let steps = [key("annexes")];
    let annex = with_fresh_id(doc, &steps, annex.clone(), "annex", "annex")?;
    insert_at(doc, &steps, annex, at)?;
    Ok(Vec::new())
}

fn remove_annex(doc: &mut Value, id: &str) -> Done {
    let i = annex_index(doc, id)?;
    let places = placeholders_naming(doc, id, true);
    if !places.is_empty() {
        return Err(in_use(id, "annex", "annex_in_use", places));
    }
    let list = list_mut(doc, &[key("annexes")])?;
    list.remove(i);
    if list.is_empty() {
        if let Some(map) = doc.as_object_mut() {
            map.remove("annexes");
        }
    }
    Ok(Vec::new())
}

/// The document's language tags.
pub(super) fn languages(doc: &Value) -> Vec<String> {
    doc.get("languages")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn language_problem(path: &str, code: &'static str, tag: &str, message: String) -> Vec<Problem> {
    refuse(path, code, vec![("language", tag.to_owned())], message)
}

fn add_language(doc: &mut Value, tag: &str, copy_from: Option<&str>) -> Done {
    let present = languages(doc);
    if Language::from_tag(tag).is_none() {
        return Err(language_problem(
            "languages",
            "unknown_language",
            tag,
            format!("\"{tag}\" is not a language Kelisim supports (kk, ru, en)"),
        ));
    }
    if present.iter().any(|l| l == tag) {
        return Err(language_problem(
            "languages",
            "duplicate_language",
            tag,
            format!("the memorandum already has \"{tag}\""),
        ));
    }
    let from = copy_from
        .map(str::to_owned)
        .or_else(|| present.first().cloned())
        .unwrap_or_default();
    if !present.contains(&from) {
        return Err(language_problem(
            "languages",
            "unknown_language",
            &from,
            format!("cannot copy from \"{from}\": the memorandum does not have it"),
        ));
    }
    let mut copied = Vec::new();
    for_each_text_mut(doc, &mut |path, map| {
        if let Some(text) = map.get(&from).cloned() {
            map.insert(tag.to_owned(), text);
            copied.push(format!("{path}.{tag}"));
        }
    });
    if let Some(list) = doc.get_mut("languages").and_then(Value::as_array_mut) {
        list.push(Value::String(tag.to_owned()));
    }
    if doc.get("layout").and_then(Value::as_str) == Some("single") {
        set_field(doc, "layout", Value::String("parallel".into()));
    }
    Ok(copied)
}

fn remove_language(doc: &mut Value, tag: &str) -> Done {
    let present = languages(doc);
    if !present.iter().any(|l| l == tag) {
        return Err(language_problem(
            "languages",
            "no_such_language",
            tag,
            format!("the memorandum has no \"{tag}\" text"),
        ));
    }
    if present.len() == 1 {
        return Err(language_problem(
            "languages",
            "last_language",
            tag,
            format!("\"{tag}\" is the memorandum's only language"),
        ));
    }
    for_each_text_mut(doc, &mut |_, map| {
        map.remove(tag);
    });
    if let Some(list) = doc.get_mut("languages").and_then(Value::as_array_mut) {
        list.retain(|l| l.as_str() != Some(tag));
    }
    if present.len() == 2 {
        set_field(doc, "layout", Value::String("single".into()));
    }
    Ok(Vec::new())
}
