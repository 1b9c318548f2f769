//! Validation of `kelisim.memorandum/1` and `/2` documents that reports **every** problem at
//! once, each with its JSON path (`sections[1].clauses[0].text.ru`) and a plain message.
//!
//! The document is first read as plain JSON and walked by hand, collecting problems; only a
//! document without problems is turned into the typed [`Memorandum`]. Limits keep hostile input
//! cheap: a text over [`MAX_BYTES`] or a document with more than [`MAX_CLAUSES`] clauses is
//! refused before or while walking, and serde_json refuses nesting deeper than 128.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::ids::{Bin, IsoDate, Language, PartyId, SignatoryId, VariableName};
use crate::messages::{placeholder_params, value_params};
use crate::model::{Memorandum, FORMAT_V1, FORMAT_V2};
use crate::placeholder::{scan, Placeholder, PARTY_FIELDS};

mod v2;
pub use v2::{MAX_COLUMNS, MAX_NUMBER_CHARS, MAX_ROWS};

/// The largest document accepted, in bytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most clauses (at every depth) a document may have.
pub const MAX_CLAUSES: usize = 50_000;

/// One problem in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a JSON path such as `sections[1].clauses[0].text.ru`; empty for the whole document.
    pub path: String,
    /// A stable code, e.g. `missing_translation`.
    pub code: &'static str,
    /// The values the message names (`("language", "kk")`, `("id", "mvd")`), so that the
    /// message can be written in any interface language from `code` and these.
    pub params: Vec<(&'static str, String)>,
    /// A plain English sentence, for logs and for `--lang en`.
    pub message: String,
    /// For malformed JSON: the 1-based line and column.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Parses and validates a document from its JSON text.
pub fn parse(text: &str) -> Result<Memorandum, Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![problem_with(
            "",
            "too_large",
            vec![
                ("bytes", text.len().to_string()),
                ("limit", MAX_BYTES.to_string()),
            ],
            format!(
                "the document is {} bytes; the limit is {} bytes (20 MB)",
                text.len(),
                MAX_BYTES
            ),
        )]);
    }
    let value: Value = serde_json::from_str(text).map_err(|err| {
        vec![Problem {
            path: String::new(),
            code: "malformed_json",
            params: vec![
                ("line", err.line().to_string()),
                ("column", err.column().to_string()),
            ],
            message: format!(
                "malformed JSON at line {}, column {}: {}",
                err.line(),
                err.column(),
                strip_position(&err.to_string())
            ),
            line: Some(err.line()),
            column: Some(err.column()),
        }]
    })?;
    from_value(value)
}

/// Validates a document already read as JSON.
pub fn from_value(value: Value) -> Result<Memorandum, Vec<Problem>> {
    let problems = check(&value);
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(value).map_err(|err| {
        // The walk above mirrors the types; reaching this is a bug in the walk, still reported
        // as a problem rather than a panic.
        vec![problem(
            "",
            "invalid",
            format!("the document does not fit the format: {err}"),
        )]
    })
}

/// Every problem in `value`, in document order.
pub fn check(value: &Value) -> Vec<Problem> {
    let mut v = Walker::default();
    v.document(value);
    v.problems
}

fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

fn problem(path: &str, code: &'static str, message: String) -> Problem {
    problem_with(path, code, Vec::new(), message)
}

/// A problem whose message names values (see [`Problem::params`]).
pub(crate) fn problem_with(
    path: &str,
    code: &'static str,
    params: Vec<(&'static str, String)>,
    message: String,
) -> Problem {
    Problem {
        path: path.to_owned(),
        code,
        params,
        message,
        line: None,
        column: None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[derive(Default)]
struct Walker {
    problems: Vec<Problem>,
    languages: Vec<Language>,
    /// Every text string seen, for the placeholder pass: (path, string).
    texts: Vec<(String, String)>,
    /// Party id → which optional fields it has.
    parties: BTreeMap<String, BTreeSet<&'static str>>,
    variables: BTreeSet<String>,
    clauses: usize,
    too_many_clauses: bool,
    /// What the `/2` pass learnt ([`v2`]).
    v2: v2::Seen,
}

impl Walker {
    fn report(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.problems.push(problem(path, code, message.into()));
    }

    /// [`Walker::report`] with the values the message names (see [`Problem::params`]).
    fn report_with(
        &mut self,
        path: &str,
        code: &'static str,
        params: Vec<(&'static str, String)>,
        message: impl Into<String>,
    ) {
        self.problems
            .push(problem_with(path, code, params, message.into()));
    }

    /// Checks that `value` is an object with the required fields and no unknown ones.
    fn object<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
        what: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.report_with(
                path,
                "wrong_type",
                vec![("expected", "object".into())],
                format!("{what} must be an object"),
            );
            return None;
        };
        for key in required {
            if !map.contains_key(*key) {
                self.report_with(
                    &join(path, key),
                    "missing_field",
                    vec![("field", (*key).to_owned())],
                    format!("{what} lacks the required field \"{key}\""),
                );
            }
        }
        for key in map.keys() {
            if !required.contains(&key.as_str()) && !optional.contains(&key.as_str()) {
                let mut known: Vec<&str> = required.iter().chain(optional).copied().collect();
                known.sort_unstable();
                self.report_with(
                    &join(path, key),
                    "unknown_field",
                    vec![("field", key.clone()), ("known", known.join(", "))],
                    format!(
                        "unknown field \"{key}\" in {what}; expected one of: {}",
                        known.join(", ")
                    ),
                );
            }
        }
        Some(map)
    }

    fn array<'a>(&mut self, value: &'a Value, path: &str, what: &str) -> Option<&'a Vec<Value>> {
        let arr = value.as_array();
        if arr.is_none() {
            self.report_with(
                path,
                "wrong_type",
                vec![("expected", "list".into())],
                format!("{what} must be a list"),
            );
        }
        arr
    }

    fn string<'a>(&mut self, value: &'a Value, path: &str, what: &str) -> Option<&'a str> {
        let s = value.as_str();
        if s.is_none() {
            self.report_with(
                path,
                "wrong_type",
                vec![("expected", "string".into())],
                format!("{what} must be a string"),
            );
        }
        s
    }

    /// A text: one non-empty string per declared language.
    fn text(&mut self, value: &Value, path: &str, what: &str) {
        let Some(map) = value.as_object() else {
            self.report_with(
                path,
                "wrong_type",
                vec![("expected", "text".into())],
                format!("{what} must be an object mapping each language to its text"),
            );
            return;
        };
        for lang in self.languages.clone() {
            match map.get(lang.tag()) {
                None => self.report_with(
                    &join(path, lang.tag()),
                    "missing_translation",
                    vec![("language", lang.tag().to_owned())],
                    format!("{what} has no {} text", language_name(lang)),
                ),
                Some(Value::String(s)) if s.trim().is_empty() => self.report_with(
                    &join(path, lang.tag()),
                    "empty_text",
                    vec![("language", lang.tag().to_owned())],
                    format!("{what} is empty in {}", language_name(lang)),
                ),
                Some(Value::String(s)) => {
                    if s.matches("**").count() % 2 == 1 {
                        self.report(
                            &join(path, lang.tag()),
                            "unbalanced_markup",
                            "a ** opens bold text that is never closed",
                        );
                    }
                    self.texts.push((join(path, lang.tag()), s.clone()));
                }
                Some(_) => self.report_with(
                    &join(path, lang.tag()),
                    "wrong_type",
                    vec![("expected", "string".into())],
                    format!("{what} in {} must be a string", language_name(lang)),
                ),
            }
        }
        for key in map.keys() {
            match Language::from_tag(key) {
                None => self.report_with(
                    &join(path, key),
                    "unknown_language",
                    vec![("tag", key.clone())],
                    format!("\"{key}\" is not a language Kelisim supports (kk, ru, en)"),
                ),
                Some(lang) if !self.languages.contains(&lang) => self.report_with(
                    &join(path, key),
                    "undeclared_language",
                    vec![("language", lang.tag().to_owned()), ("tag", key.clone())],
                    format!(
                        "a {} text, but \"languages\" does not list \"{key}\"",
                        language_name(lang)
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    fn document(&mut self, value: &Value) {
        let Some(doc) = self.object(
            value,
            "",
            "the memorandum",
            &[
                "format",
                "languages",
                "layout",
                "title",
                "place",
                "date",
                "parties",
                "preamble",
                "sections",
            ],
            &["variables", "annexes", "term", "registration", "amends"],
        ) else {
            return;
        };

        if let Some(format) = doc.get("format") {
            if ![Some(FORMAT_V1), Some(FORMAT_V2)].contains(&format.as_str()) {
                self.report_with(
                    "format",
                    "unknown_format",
                    vec![
                        ("first", FORMAT_V1.to_owned()),
                        ("second", FORMAT_V2.to_owned()),
                    ],
                    format!("\"format\" must be \"{FORMAT_V1}\" or \"{FORMAT_V2}\""),
                );
            }
        }
        self.declared_languages(doc.get("languages"));
        self.layout(doc.get("layout"));
        for key in ["title", "place", "preamble"] {
            if let Some(v) = doc.get(key) {
                self.text(v, key, &format!("the {key}"));
            }
        }
        if let Some(v) = doc.get("date") {
            if let Some(s) = self.string(v, "date", "the date") {
                if let Err(why) = s.parse::<IsoDate>() {
                    self.report_with("date", "bad_date", value_params(&why), why);
                }
            }
        }
        if let Some(v) = doc.get("variables") {
            self.variables_map(v);
        }
        if let Some(v) = doc.get("parties") {
            self.parties(v);
        }
        if let Some(v) = doc.get("sections") {
            self.sections(v);
        }
        self.v2(doc);
        if !self.too_many_clauses {
            self.placeholders();
        }
    }

    fn declared_languages(&mut self, value: Option<&Value>) {
        let Some(value) = value else { return };
        let Some(list) = self.array(value, "languages", "\"languages\"") else {
            return;
        };
        if list.is_empty() {
            self.report(
                "languages",
                "no_languages",
                "\"languages\" must list at least one language",
            );
        }
        for (i, item) in list.iter().enumerate() {
            let path = index("languages", i);
            let Some(tag) = self.string(item, &path, "a language tag") else {
                continue;
            };
            match Language::from_tag(tag) {
                None => self.report_with(
                    &path,
                    "unknown_language",
                    vec![("tag", tag.to_owned())],
                    format!("\"{tag}\" is not a language Kelisim supports (kk, ru, en)"),
                ),
                Some(lang) if self.languages.contains(&lang) => self.report_with(
                    &path,
                    "duplicate_language",
                    vec![("language", tag.to_owned()), ("tag", tag.to_owned())],
                    format!("\"{tag}\" is listed twice"),
                ),
                Some(lang) => self.languages.push(lang),
            }
        }
    }

    fn layout(&mut self, value: Option<&Value>) {
        let Some(value) = value else { return };
        let Some(layout) = self.string(value, "layout", "the layout") else {
            return;
        };
        let count = self.languages.len();
        match layout {
            "parallel" | "sequential" if count == 1 => self.report_with(
                "layout",
                "layout_languages",
                vec![("layout", layout.to_owned())],
                format!("the \"{layout}\" layout needs two or more languages; use \"single\""),
            ),
            "single" if count > 1 => self.report_with(
                "layout",
                "layout_languages",
                vec![("layout", layout.to_owned())],
                "the \"single\" layout is for one language; use \"parallel\" or \"sequential\"",
            ),
            "parallel" | "sequential" | "single" => {}
            other => self.report_with(
                "layout",
                "unknown_layout",
                vec![("layout", other.to_owned())],
                format!("unknown layout \"{other}\"; expected parallel, sequential or single"),
            ),
        }
    }

    fn variables_map(&mut self, value: &Value) {
        let Some(map) = value.as_object() else {
            self.report_with(
                "variables",
                "wrong_type",
                vec![("expected", "object".into())],
                "\"variables\" must be an object of name → text",
            );
            return;
        };
        for (name, text) in map {
            let path = join("variables", name);
            if let Err(why) = name.parse::<VariableName>() {
                self.report_with(&path, "bad_variable_name", value_params(&why), why);
                continue;
            }
            self.variables.insert(name.clone());
            let before = self.texts.len();
            self.text(text, &path, &format!("the variable \"{name}\""));
            // A variable's value is plain text: placeholders inside it are not expanded.
            let nested: Vec<String> = self.texts[before..]
                .iter()
                .filter(|(_, s)| s.contains("{{"))
                .map(|(p, _)| p.clone())
                .collect();
            for p in nested {
                self.report(
                    &p,
                    "placeholder_in_variable",
                    "a variable's text cannot contain placeholders",
                );
            }
            self.texts.truncate(before);
        }
    }

    fn parties(&mut self, value: &Value) {
        let Some(list) = self.array(value, "parties", "\"parties\"") else {
            return;
        };
        if list.is_empty() {
            self.report(
                "parties",
                "no_parties",
                "a memorandum needs at least one party",
            );
        }
        let mut bins: BTreeMap<String, String> = BTreeMap::new();
        for (i, party) in list.iter().enumerate() {
            let path = index("parties", i);
            let Some(map) = self.object(
                party,
                &path,
                "a party",
                &["id", "kind", "name", "signatories"],
                &["short_name", "address", "bin"],
            ) else {
                continue;
            };
            if let Some(id) = map.get("id") {
                self.party_id(id, &path, map);
            }
            if let Some(kind) = map.get("kind") {
                self.party_kind(kind, &path);
            }
            for key in ["name", "short_name", "address"] {
                if let Some(v) = map.get(key) {
                    self.text(
                        v,
                        &join(&path, key),
                        &format!("the party's {}", key.replace('_', " ")),
                    );
                }
            }
            if let Some(bin) = map.get("bin") {
                self.party_bin(bin, &path, &mut bins);
            }
            if let Some(sigs) = map.get("signatories") {
                self.signatories(sigs, &join(&path, "signatories"));
            }
        }
    }

    /// Accepts a well-formed, unused party id and records which party fields it fills.
    fn party_id(&mut self, id: &Value, path: &str, map: &Map<String, Value>) {
        let id_path = join(path, "id");
        if let Some(id) = self.string(id, &id_path, "a party id") {
            match id.parse::<PartyId>() {
                Err(why) => self.report_with(&id_path, "bad_id", value_params(&why), why),
                Ok(_) if self.parties.contains_key(id) => self.report_with(
                    &id_path,
                    "duplicate_id",
                    vec![("id", id.to_owned())],
                    format!("another party already has the id \"{id}\""),
                ),
                Ok(_) => {
                    let fields = ["short_name", "address", "bin"]
                        .into_iter()
                        .filter(|f| map.contains_key(*f))
                        .chain(["name"])
                        .collect();
                    self.parties.insert(id.to_owned(), fields);
                }
            }
        }
    }

    /// Accepts only one of the known party kinds.
    fn party_kind(&mut self, kind: &Value, path: &str) {
        let kind_path = join(path, "kind");
        if let Some(kind) = self.string(kind, &kind_path, "a party's kind") {
            if !["state_body", "ngo", "company", "international", "other"].contains(&kind) {
                self.report_with(
                    &kind_path,
                    "unknown_kind",
                    vec![
                        ("kind", kind.to_owned()),
                        ("kinds", "state_body, ngo, company, international, other".into()),
                    ],
                    format!(
                        "unknown party kind \"{kind}\"; expected state_body, ngo, company, international or other"
                    ),
                );
            }
        }
    }

    /// Accepts a well-formed BIN that no earlier party (recorded in `bins`) already holds.
    fn party_bin(&mut self, bin: &Value, path: &str, bins: &mut BTreeMap<String, String>) {
        let bin_path = join(path, "bin");
        if let Some(bin) = self.string(bin, &bin_path, "a BIN") {
            match bin.parse::<Bin>() {
                Err(why) => self.report_with(&bin_path, "bad_bin", value_params(&why), why),
                Ok(_) => {
                    if let Some(first) = bins.insert(bin.to_owned(), path.to_owned()) {
                        self.report_with(
                            &bin_path,
                            "duplicate_bin",
                            vec![("first", first.clone()), ("bin", bin.to_owned())],
                            format!("{first} has the same BIN {bin}"),
                        );
                    }
                }
            }
        }
    }

    fn signatories(&mut self, value: &Value, path: &str) {
        let Some(list) = self.array(value, path, "\"signatories\"") else {
            return;
        };
        if list.is_empty() {
            self.report(
                path,
                "no_signatories",
                "a party needs at least one signatory",
            );
        }
        let mut ids = BTreeSet::new();
        for (i, sig) in list.iter().enumerate() {
            let path = index(path, i);
            let Some(map) = self.object(
                sig,
                &path,
                "a signatory",
                &["id", "name", "position"],
                &["authority"],
            ) else {
                continue;
            };
            if let Some(id) = map.get("id") {
                let id_path = join(&path, "id");
                if let Some(id) = self.string(id, &id_path, "a signatory id") {
                    if let Err(why) = id.parse::<SignatoryId>() {
                        self.report_with(&id_path, "bad_id", value_params(&why), why);
                    } else if !ids.insert(id.to_owned()) {
                        self.report_with(
                            &id_path,
                            "duplicate_id",
                            vec![("id", id.to_owned())],
                            format!("another signatory of this party already has the id \"{id}\""),
                        );
                    }
                }
            }
            if let Some(v) = map.get("name") {
                self.text(v, &join(&path, "name"), "the signatory's name");
            }
            if let Some(v) = map.get("position") {
                self.text(v, &join(&path, "position"), "the signatory's position");
            }
        }
    }

    fn sections(&mut self, value: &Value) {
        let Some(list) = self.array(value, "sections", "\"sections\"") else {
            return;
        };
        if list.is_empty() {
            self.report(
                "sections",
                "no_sections",
                "a memorandum needs at least one section",
            );
        }
        for (i, section) in list.iter().enumerate() {
            let path = index("sections", i);
            let Some(map) = self.object(section, &path, "a section", &["heading", "clauses"], &[])
            else {
                continue;
            };
            if let Some(v) = map.get("heading") {
                self.text(v, &join(&path, "heading"), "the section heading");
            }
            if let Some(v) = map.get("clauses") {
                self.clauses(v, &join(&path, "clauses"));
            }
            if self.too_many_clauses {
                return;
            }
        }
    }

    fn clauses(&mut self, value: &Value, path: &str) {
        let Some(list) = self.array(value, path, "\"clauses\"") else {
            return;
        };
        for (i, clause) in list.iter().enumerate() {
            self.clauses += 1;
            if self.clauses > MAX_CLAUSES {
                self.too_many_clauses = true;
                self.report_with(
                    "sections",
                    "too_many_clauses",
                    vec![("limit", MAX_CLAUSES.to_string())],
                    format!("the memorandum has more than {MAX_CLAUSES} clauses; it was not read further"),
                );
                return;
            }
            let path = index(path, i);
            let Some(map) = self.object(clause, &path, "a clause", &["text"], &["clauses"]) else {
                continue;
            };
            if let Some(v) = map.get("text") {
                self.text(v, &join(&path, "text"), "the clause");
            }
            if let Some(v) = map.get("clauses") {
                self.clauses(v, &join(&path, "clauses"));
                if self.too_many_clauses {
                    return;
                }
            }
        }
    }

    /// Every placeholder names a declared variable or an existing party field; every declared
    /// variable is used.
    fn placeholders(&mut self) {
        let mut used = BTreeSet::new();
        let texts = std::mem::take(&mut self.texts);
        for (path, text) in &texts {
            for found in scan(text) {
                match found {
                    Ok(p) if v2::is_v2(&p, &self.variables) => self.v2_placeholder(path, p),
                    Err(why) => {
                        self.report_with(path, "bad_placeholder", placeholder_params(&why), why)
                    }
                    Ok(Placeholder::Variable(name)) => {
                        used.insert(name.to_owned());
                        if !self.variables.contains(name) {
                            self.report_with(
                                path,
                                "unknown_variable",
                                vec![("name", name.to_owned())],
                                format!("{{{{{name}}}}} names a variable that \"variables\" does not declare"),
                            );
                        }
                    }
                    Ok(Placeholder::Party { id, field }) => match self.parties.get(id) {
                        None => self.report_with(
                            path,
                            "unknown_party",
                            vec![("id", id.to_owned()), ("field", field.to_owned())],
                            format!("{{{{party.{id}.{field}}}}} names a party that does not exist"),
                        ),
                        Some(_) if !PARTY_FIELDS.contains(&field) => self.report_with(
                            path,
                            "unknown_party_field",
                            vec![
                                ("id", id.to_owned()),
                                ("field", field.to_owned()),
                                ("fields", PARTY_FIELDS.join(", ")),
                            ],
                            format!(
                                "{{{{party.{id}.{field}}}}}: a party placeholder can use {}",
                                PARTY_FIELDS.join(", ")
                            ),
                        ),
                        Some(fields) if !fields.contains(field) => self.report_with(
                            path,
                            "missing_party_field",
                            vec![("id", id.to_owned()), ("field", field.to_owned())],
                            format!(
                                "{{{{party.{id}.{field}}}}}: the party \"{id}\" has no {field}"
                            ),
                        ),
                        Some(_) => {}
                    },
                    Ok(p) => self.v2_placeholder(path, p),
                }
            }
        }
        for name in self.variables.clone() {
            if !used.contains(&name) {
                self.report_with(
                    &join("variables", &name),
                    "unused_variable",
                    vec![("name", name.clone())],
                    format!("the variable \"{name}\" is declared but never used"),
                );
            }
        }
    }
}

fn language_name(lang: Language) -> &'static str {
    match lang {
        Language::Kk => "Kazakh",
        Language::Ru => "Russian",
        Language::En => "English",
    }
}
