//! `kelisim.memorandum/1` and `/2`: the document of record, as `docs/format.md` specifies it.
//!
//! `/2` adds, all optional: a signatory's `authority`, `annexes`, `term`, `registration` and
//! `amends` (the memorandum an amendment changes). A `/1` document has none of them, so its
//! canonical JSON — and therefore its content hash and its rendering — is the same whether it is
//! read by a release that knows only `/1` or by this one. A `/1` document becomes `/2` when it
//! is next edited ([`Memorandum::upgrade`]).
//!
//! These types reject unknown fields and hold only valid ids, BINs, dates and languages. Build
//! them from JSON through [`crate::validate::parse`], which reports every problem at once; plain
//! `serde_json::from_str` would stop at the first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{AnnexId, Bin, IsoDate, Language, PartyId, SignatoryId, VariableName};

/// The format tag of the first version of the document.
pub const FORMAT_V1: &str = "kelisim.memorandum/1";
/// The format tag of the current version, which new and edited documents carry.
pub const FORMAT_V2: &str = "kelisim.memorandum/2";
/// The format tag new documents carry.
pub const FORMAT: &str = FORMAT_V2;

/// A text in every language of the memorandum: language → string.
pub type Text = BTreeMap<Language, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    #[serde(rename = "kelisim.memorandum/1")]
    V1,
    #[serde(rename = "kelisim.memorandum/2")]
    V2,
}

impl Format {
    pub fn tag(self) -> &'static str {
        match self {
            Format::V1 => FORMAT_V1,
            Format::V2 => FORMAT_V2,
        }
    }
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
    /// `/2`: annexes, each printed from a new page after the signature block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annex>,
    /// `/2`: entry into force, duration and renewal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// `/2`: the number and date under which the memorandum is registered in the body's journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// `/2`: for an amendment (дополнительное соглашение), the memorandum it amends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Amends>,
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
    /// `/2`: on what authority the signatory signs, when it is not their own position's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
}

/// On what authority a signatory signs (`/2`). Printed in the signature block and by the
/// `{{party.<id>.signatories}}` placeholder, in each language's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Authority {
    /// Under a power of attorney: «действующий на основании доверенности № 12 от 1 октября
    /// 2026 года» / «2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін».
    PowerOfAttorney { number: String, date: IsoDate },
    /// Acting in the position: «исполняющий обязанности» / «міндетін атқарушы».
    Acting,
    /// Any other wording, given in every language.
    Other { text: Text },
}

/// An annex (`/2`): its own title and content, headed «Приложение N к Меморандуму …».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    pub id: AnnexId,
    pub title: Text,
    pub content: AnnexContent,
}

/// What an annex holds: numbered clauses (numbered afresh within the annex) or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AnnexContent {
    Clauses(Vec<Clause>),
    Table(Table),
}

/// A table of an annex: a header row and rows of cells, each cell a text in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Text>>,
}

/// A table column: its heading and its relative width (a weight, 1–100; 1 when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub heading: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
}

/// The term of a memorandum (`/2`). The template's term clause takes its words from these
/// values through `{{term.*}}` placeholders, so the text and the data cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub starts: TermStart,
    pub duration: Duration,
    /// Automatic renewal, when the memorandum has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
}

/// When the memorandum enters into force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case", deny_unknown_fields)]
pub enum TermStart {
    /// On the day of the last party's signature.
    LastSignature,
    /// On a given date.
    Date { date: IsoDate },
}

/// How long it stays in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Duration {
    /// A number of years (1–99) from entry into force.
    Years { years: u32 },
    /// Until a date (inclusive).
    Until { date: IsoDate },
    /// Without a fixed end.
    Indefinite,
}

/// Automatic renewal: for further periods of `years` each, unless a party gives written notice
/// at least `notice_days` before the term ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    pub years: u32,
    pub notice_days: u32,
}

/// A registration in the body's journal (`/2`): printed on the first page and in the XMP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// As the journal formats it, e.g. `02-15/123`: 1–64 characters, no control characters.
    pub number: String,
    pub date: IsoDate,
}

/// The memorandum an amendment amends (`/2`), identified so that anyone holding the base can
/// check it: its registration number when it has one, its date, title and content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amends {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub date: IsoDate,
    pub title: Text,
    /// `sha256:<64 lowercase hex>`: the base's content hash.
    pub content_hash: String,
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
    /// Whether the document uses nothing beyond `/1` (and so may keep the `/1` tag).
    pub fn fits_v1(&self) -> bool {
        self.annexes.is_empty()
            && self.term.is_none()
            && self.registration.is_none()
            && self.amends.is_none()
            && self
                .parties
                .iter()
                .flat_map(|p| &p.signatories)
                .all(|s| s.authority.is_none())
    }

    /// Marks the document `/2`: done when a document is edited, so that a `/1` document keeps
    /// its tag, hash and bytes until someone changes it.
    pub fn upgrade(&mut self) {
        self.format = Format::V2;
    }

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
