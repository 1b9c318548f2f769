//! `kelisim.memorandum/1`: the document of record, as `docs/format.md` specifies it.
//!
//! These types reject unknown fields and hold only valid ids, BINs, dates and languages. Build
//! them from JSON through [`crate::validate::parse`], which reports every problem at once; plain
//! `serde_json::from_str` would stop at the first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{Bin, IsoDate, Language, PartyId, SignatoryId, VariableName};

/// The format tag every document carries.
pub const FORMAT: &str = "kelisim.memorandum/1";

/// A text in every language of the memorandum: language → string.
pub type Text = BTreeMap<Language, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    #[serde(rename = "kelisim.memorandum/1")]
    V1,
}

/// How the languages are laid out on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Side-by-side columns, aligned clause by clause.
    Parallel,
    /// One complete text per language, each from a new page.
    Sequential,
    /// One language only.
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    StateBody,
    Ngo,
    Company,
    International,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memorandum {
    pub format: Format,
    pub languages: Vec<Language>,
    pub layout: Layout,
    pub title: Text,
    pub place: Text,
    pub date: IsoDate,
    pub parties: Vec<Party>,
    pub preamble: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<VariableName, Text>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: PartyId,
    pub kind: PartyKind,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<Bin>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub id: SignatoryId,
    pub name: Text,
    pub position: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: Text,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<Clause>,
}

impl Memorandum {
    /// The document as a JSON value (the input of canonicalisation).
    pub fn to_value(&self) -> serde_json::Value {
        // Serialising these types cannot fail: every map key is a string and there are no
        // floats; a failure would be a bug, reported as null rather than a panic.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// RFC 8785 canonical JSON of the document.
    pub fn canonical_json(&self) -> String {
        crate::canonical::canonicalize(&self.to_value()).unwrap_or_default()
    }

    /// `sha256:<hex>` of the canonical JSON.
    pub fn content_hash(&self) -> String {
        crate::canonical::content_hash(&self.to_value()).unwrap_or_default()
    }

    /// The party with this id.
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id.as_str() == id)
    }

    /// The text in `lang`, or the empty string when it has none (validation prevents that).
    pub fn text_in(text: &Text, lang: Language) -> &str {
        text.get(&lang).map(String::as_str).unwrap_or("")
    }

    /// Every clause, depth first, with its path of 0-based indices (section first).
    pub fn clauses(&self) -> Vec<(Vec<usize>, &Clause)> {
        fn walk<'a>(
            path: &mut Vec<usize>,
            clauses: &'a [Clause],
            out: &mut Vec<(Vec<usize>, &'a Clause)>,
        ) {
            for (i, clause) in clauses.iter().enumerate() {
                path.push(i);
                out.push((path.clone(), clause));
                walk(path, &clause.clauses, out);
                path.pop();
            }
        }
        let mut out = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            let mut path = vec![s];
            walk(&mut path, &section.clauses, &mut out);
        }
        out
    }
}
