//! The memorandum as the editor holds it, and what the editor shows beside it.
//!
//! [`MemoDoc`] mirrors `kelisim_core::Memorandum` field for field and is generated into
//! TypeScript, so the editor's types cannot drift from the model: the conversion from the core
//! types destructures every struct exhaustively (a new core field fails to compile here), and a
//! test round-trips every built-in template through it.
//!
//! [`document_view`] answers, with the code the PDF uses, what the editor must not compute
//! itself: clause numbers, placeholders resolved per language, the date as each language writes
//! it; [`bin_problem`] says what is wrong with a BIN as it is typed; [`format_dates`] writes
//! dates for the interface's lists.

use std::collections::BTreeMap;

use kelisim_core::numbering::{clause_label, section_label, NumberingStyle};
use kelisim_core::{
    Amends, Annex, AnnexContent, Authority, Clause, Column, Duration, Format, IsoDate, Language,
    Layout, Memorandum, Party, PartyKind, Registration, Renewal, Section, Signatory, Table, Term,
    TermStart, Text, VariableName,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{LayoutDto, UiLanguageDto};

/// The format tag of the document of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum DocFormat {
    #[serde(rename = "kelisim.memorandum/1")]
    V1,
    #[serde(rename = "kelisim.memorandum/2")]
    V2,
}

/// A language a memorandum is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum DocLang {
    Kk,
    Ru,
    En,
}

/// A text in each of the memorandum's languages.
pub type DocText = BTreeMap<DocLang, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocPartyKind {
    StateBody,
    Ngo,
    Company,
    International,
    Other,
}

/// `kelisim.memorandum/1` and `/2`, the document of record, as the editor holds it (`docs/format.md`).
/// The core validates it; this type only describes its shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MemoDoc {
    pub format: DocFormat,
    pub languages: Vec<DocLang>,
    pub layout: LayoutDto,
    pub title: DocText,
    pub place: DocText,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub parties: Vec<DocParty>,
    pub preamble: DocText,
    // `default` last: specta reads a `skip_serializing_if` other than `Option::is_none` as
    // "required", and the last attribute wins.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub variables: BTreeMap<String, DocText>,
    pub sections: Vec<DocSection>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub annexes: Vec<DocAnnex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<DocTerm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<DocRegistration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<DocAmends>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocParty {
    pub id: String,
    pub kind: DocPartyKind,
    pub name: DocText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<DocText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<DocText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    pub signatories: Vec<DocSignatory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocSignatory {
    pub id: String,
    pub name: DocText,
    pub position: DocText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<DocAuthority>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocAuthority {
    PowerOfAttorney { number: String, date: String },
    Acting,
    Other { text: DocText },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocAnnex {
    pub id: String,
    pub title: DocText,
    pub content: DocAnnexContent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocAnnexContent {
    Clauses(Vec<DocClause>),
    Table(DocTable),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocTable {
    pub columns: Vec<DocColumn>,
    pub rows: Vec<Vec<DocText>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocColumn {
    pub heading: DocText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocTerm {
    pub starts: DocTermStart,
    pub duration: DocDuration,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<DocRenewal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum DocTermStart {
    LastSignature,
    Date { date: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocDuration {
    Years { years: u32 },
    Until { date: String },
    Indefinite,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocRenewal {
    pub years: u32,
    pub notice_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocRegistration {
    pub number: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocAmends {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub date: String,
    pub title: DocText,
    pub content_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocSection {
    pub heading: DocText,
    pub clauses: Vec<DocClause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DocClause {
    pub text: DocText,
    // `default` last: specta reads a `skip_serializing_if` other than `Option::is_none` as
    // "required", and the last attribute wins.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub clauses: Vec<DocClause>,
}

impl From<Language> for DocLang {
    fn from(lang: Language) -> Self {
        match lang {
            Language::Kk => DocLang::Kk,
            Language::Ru => DocLang::Ru,
            Language::En => DocLang::En,
        }
    }
}

fn doc_text(text: &Text) -> DocText {
    text.iter()
        .map(|(lang, s)| (DocLang::from(*lang), s.clone()))
        .collect()
}

impl From<&Memorandum> for MemoDoc {
    fn from(memo: &Memorandum) -> Self {
        let Memorandum {
            format,
            languages,
            layout,
            title,
            place,
            date,
            parties,
            preamble,
            variables,
            sections,
            annexes,
            term,
            registration,
            amends,
        } = memo;
        MemoDoc {
            format: match format {
                Format::V1 => DocFormat::V1,
                Format::V2 => DocFormat::V2,
            },
            languages: languages.iter().copied().map(DocLang::from).collect(),
            layout: match layout {
                Layout::Parallel => LayoutDto::Parallel,
                Layout::Sequential => LayoutDto::Sequential,
                Layout::Single => LayoutDto::Single,
            },
            title: doc_text(title),
            place: doc_text(place),
            date: date.as_str().to_owned(),
            parties: parties.iter().map(DocParty::from).collect(),
            preamble: doc_text(preamble),
            variables: variables
                .iter()
                .map(|(name, text)| (name.as_str().to_owned(), doc_text(text)))
                .collect(),
            sections: sections.iter().map(DocSection::from).collect(),
            annexes: annexes.iter().map(DocAnnex::from).collect(),
            term: term.as_ref().map(DocTerm::from),
            registration: registration.as_ref().map(|r| {
                let Registration { number, date } = r;
                DocRegistration {
                    number: number.clone(),
                    date: date.as_str().to_owned(),
                }
            }),
            amends: amends.as_ref().map(|a| {
                let Amends {
                    number,
                    date,
                    title,
                    content_hash,
                } = a;
                DocAmends {
                    number: number.clone(),
                    date: date.as_str().to_owned(),
                    title: doc_text(title),
                    content_hash: content_hash.clone(),
                }
            }),
        }
    }
}

impl From<&Annex> for DocAnnex {
    fn from(annex: &Annex) -> Self {
        let Annex { id, title, content } = annex;
        DocAnnex {
            id: id.as_str().to_owned(),
            title: doc_text(title),
            content: match content {
                AnnexContent::Clauses(clauses) => {
                    DocAnnexContent::Clauses(clauses.iter().map(DocClause::from).collect())
                }
                AnnexContent::Table(Table { columns, rows }) => DocAnnexContent::Table(DocTable {
                    columns: columns
                        .iter()
                        .map(|Column { heading, width }| DocColumn {
                            heading: doc_text(heading),
                            width: *width,
                        })
                        .collect(),
                    rows: rows
                        .iter()
                        .map(|row| row.iter().map(doc_text).collect())
                        .collect(),
                }),
            },
        }
    }
}

impl From<&Term> for DocTerm {
    fn from(term: &Term) -> Self {
        let Term {
            starts,
            duration,
            renewal,
        } = term;
        DocTerm {
            starts: match starts {
                TermStart::LastSignature => DocTermStart::LastSignature,
                TermStart::Date { date } => DocTermStart::Date {
                    date: date.as_str().to_owned(),
                },
            },
            duration: match duration {
                Duration::Years { years } => DocDuration::Years { years: *years },
                Duration::Until { date } => DocDuration::Until {
                    date: date.as_str().to_owned(),
                },
                Duration::Indefinite => DocDuration::Indefinite,
            },
            renewal: renewal
                .as_ref()
                .map(|Renewal { years, notice_days }| DocRenewal {
                    years: *years,
                    notice_days: *notice_days,
                }),
        }
    }
}

impl From<&Party> for DocParty {
    fn from(party: &Party) -> Self {
        let Party {
            id,
            kind,
            name,
            short_name,
            address,
            bin,
            signatories,
        } = party;
        DocParty {
            id: id.as_str().to_owned(),
            kind: match kind {
                PartyKind::StateBody => DocPartyKind::StateBody,
                PartyKind::Ngo => DocPartyKind::Ngo,
                PartyKind::Company => DocPartyKind::Company,
                PartyKind::International => DocPartyKind::International,
                PartyKind::Other => DocPartyKind::Other,
            },
            name: doc_text(name),
            short_name: short_name.as_ref().map(doc_text),
            address: address.as_ref().map(doc_text),
            bin: bin.as_ref().map(|b| b.as_str().to_owned()),
            signatories: signatories.iter().map(DocSignatory::from).collect(),
        }
    }
}

impl From<&Signatory> for DocSignatory {
    fn from(signatory: &Signatory) -> Self {
        let Signatory {
            id,
            name,
            position,
            authority,
        } = signatory;
        DocSignatory {
            id: id.as_str().to_owned(),
            name: doc_text(name),
            position: doc_text(position),
            authority: authority.as_ref().map(|a| match a {
                Authority::PowerOfAttorney { number, date } => DocAuthority::PowerOfAttorney {
                    number: number.clone(),
                    date: date.as_str().to_owned(),
                },
                Authority::Acting => DocAuthority::Acting,
                Authority::Other { text } => DocAuthority::Other {
                    text: doc_text(text),
                },
            }),
        }
    }
}

impl From<&Section> for DocSection {
    fn from(section: &Section) -> Self {
        let Section { heading, clauses } = section;
        DocSection {
            heading: doc_text(heading),
            clauses: clauses.iter().map(DocClause::from).collect(),
        }
    }
}

impl From<&Clause> for DocClause {
    fn from(clause: &Clause) -> Self {
        let Clause { text, clauses } = clause;
        DocClause {
            text: doc_text(text),
            clauses: clauses.iter().map(DocClause::from).collect(),
        }
    }
}

/// What the editor shows beside a document, computed by the code the PDF uses. Partial while
/// the document is invalid: what can be read is answered, the rest left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    /// Section and clause numbers by their outline path (`"0"` → «1.», `"0.1"` → «1.2.»).
    pub numbers: BTreeMap<String, String>,
    /// Texts holding placeholders, as the PDF will print them, by their JSON path (`title`,
    /// `sections[0].clauses[1].text`, as problems name them).
    pub resolved: BTreeMap<String, DocText>,
    /// The memorandum's date as each of its languages writes it, when the date is valid.
    pub date: DocText,
    /// Each signatory's authority as the preamble and the signature block word it, by the
    /// signatory's JSON path (`parties[0].signatories[1]`), when it can be read.
    #[serde(default)]
    pub authorities: BTreeMap<String, DocText>,
}

/// The numbers, resolved texts and date of a document given as JSON text (see [`DocumentView`]).
pub fn document_view(text: &str) -> DocumentView {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return DocumentView::default();
    };
    let languages: Vec<Language> = value["languages"]
        .as_array()
        .map(|tags| {
            tags.iter()
                .filter_map(|t| t.as_str().and_then(Language::from_tag))
                .collect()
        })
        .unwrap_or_default();
    let date = value["date"]
        .as_str()
        .and_then(|d| IsoDate::try_from(d.to_owned()).ok());
    let mut view = DocumentView {
        date: date
            .as_ref()
            .map(|d| {
                languages
                    .iter()
                    .map(|l| (DocLang::from(*l), kelisim_pdf::format_date(d, *l)))
                    .collect()
            })
            .unwrap_or_default(),
        ..DocumentView::default()
    };
    number_outline(&value, &mut view.numbers);
    word_authorities(&value, &languages, &mut view.authorities);
    if let Some(resolver) = resolver(&value, date) {
        resolve_texts(&value, &resolver, &languages, &mut view.resolved);
    }
    view
}

/// Words each readable signatory authority in every language with the core's
/// [`kelisim_core::words::authority_phrase`], the words the PDF prints.
fn word_authorities(value: &Value, languages: &[Language], out: &mut BTreeMap<String, DocText>) {
    for (p, party) in value["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let signatories = party["signatories"].as_array().into_iter().flatten();
        for (s, signatory) in signatories.enumerate() {
            let Ok(doc) = serde_json::from_value::<DocAuthority>(signatory["authority"].clone())
            else {
                continue;
            };
            let words = match authority_of(doc) {
                None => continue,
                Some(Wording::Other(text)) => text,
                Some(Wording::Core(authority)) => languages
                    .iter()
                    .map(|l| {
                        let phrase = kelisim_core::words::authority_phrase(&authority, *l);
                        (DocLang::from(*l), phrase)
                    })
                    .collect(),
            };
            out.insert(format!("parties[{p}].signatories[{s}]"), words);
        }
    }
}

/// What the words of an authority come from: the core's own wording, or the text as given.
enum Wording {
    Core(Authority),
    Other(DocText),
}

/// The wording of the editor's authority; none for a power of attorney whose date is not a
/// date (yet).
fn authority_of(doc: DocAuthority) -> Option<Wording> {
    Some(match doc {
        DocAuthority::PowerOfAttorney { number, date } => {
            Wording::Core(Authority::PowerOfAttorney {
                number,
                date: IsoDate::try_from(date).ok()?,
            })
        }
        DocAuthority::Acting => Wording::Core(Authority::Acting),
        DocAuthority::Other { text } => Wording::Other(text),
    })
}

fn number_outline(value: &Value, numbers: &mut BTreeMap<String, String>) {
    fn walk(clauses: &Value, path: &mut Vec<usize>, numbers: &mut BTreeMap<String, String>) {
        for (i, clause) in clauses.as_array().into_iter().flatten().enumerate() {
            path.push(i);
            numbers.insert(outline_key(path), clause_label(path));
            walk(&clause["clauses"], path, numbers);
            path.pop();
        }
    }
    for (s, section) in value["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        // Plain numbering (the memorandums' own): the same digits in every language.
        let label = section_label(s, Language::Ru, NumberingStyle::Plain);
        numbers.insert(s.to_string(), label);
        walk(&section["clauses"], &mut vec![s], numbers);
    }
}

fn outline_key(path: &[usize]) -> String {
    path.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// A memorandum holding only what placeholders name (the parties and the variables that can be
/// read), so that texts resolve while the rest of the document is still being written.
fn resolver(value: &Value, date: Option<IsoDate>) -> Option<Memorandum> {
    let date = match date {
        Some(d) => d,
        None => IsoDate::try_from("2000-01-01".to_owned()).ok()?,
    };
    let parties = value["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(readable_party)
        .collect();
    let variables = value["variables"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, text)| {
            let name = VariableName::try_from(name.clone()).ok()?;
            Some((name, serde_json::from_value::<Text>(text.clone()).ok()?))
        })
        .collect();
    Some(Memorandum {
        format: Format::V2,
        languages: Vec::new(),
        layout: Layout::Single,
        title: Text::new(),
        place: Text::new(),
        date,
        parties,
        preamble: Text::new(),
        variables,
        sections: Vec::new(),
        annexes: Vec::new(),
        term: None,
        registration: None,
        amends: None,
    })
}

/// A party as written, or without its BIN while the BIN is still being typed.
fn readable_party(value: &Value) -> Option<Party> {
    serde_json::from_value(value.clone()).ok().or_else(|| {
        let mut without_bin = value.clone();
        without_bin.as_object_mut()?.remove("bin");
        serde_json::from_value(without_bin).ok()
    })
}

fn resolve_texts(
    value: &Value,
    memo: &Memorandum,
    languages: &[Language],
    out: &mut BTreeMap<String, DocText>,
) {
    let mut add = |path: String, text: &Value| {
        let in_lang = |l: &Language| text[l.tag()].as_str().unwrap_or("");
        if !languages.iter().any(|l| in_lang(l).contains("{{")) {
            return;
        }
        let row = languages
            .iter()
            .map(|l| {
                let resolved = kelisim_core::placeholder::resolve(memo, in_lang(l), *l);
                (DocLang::from(*l), resolved)
            })
            .collect();
        out.insert(path, row);
    };
    for field in ["title", "place", "preamble"] {
        add(field.to_owned(), &value[field]);
    }
    fn clauses(base: &str, list: &Value, add: &mut dyn FnMut(String, &Value)) {
        for (i, clause) in list.as_array().into_iter().flatten().enumerate() {
            let path = format!("{base}.clauses[{i}]");
            add(format!("{path}.text"), &clause["text"]);
            clauses(&path, &clause["clauses"], add);
        }
    }
    for (s, section) in value["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let base = format!("sections[{s}]");
        add(format!("{base}.heading"), &section["heading"]);
        clauses(&base, &section["clauses"], &mut add);
    }
}

/// What is wrong with a BIN as typed (empty is nothing yet); the check digit is the core's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum BinProblem {
    /// Something other than digits.
    Digits,
    /// Not 12 digits.
    Length,
    /// The check digit does not match.
    Check,
}

/// See [`BinProblem`].
pub fn bin_problem(bin: &str) -> Option<BinProblem> {
    if bin.is_empty() {
        None
    } else if !bin.bytes().all(|b| b.is_ascii_digit()) {
        Some(BinProblem::Digits)
    } else if bin.len() != 12 {
        Some(BinProblem::Length)
    } else {
        kelisim_core::Bin::try_from(bin.to_owned())
            .err()
            .map(|_| BinProblem::Check)
    }
}

/// Dates (`YYYY-MM-DD`, or a timestamp starting with one) as the PDF writes them in `language`;
/// anything else is returned as it came.
pub fn format_dates(language: UiLanguageDto, dates: &[String]) -> Vec<String> {
    let lang = match language {
        UiLanguageDto::Kk => Language::Kk,
        UiLanguageDto::Ru => Language::Ru,
        UiLanguageDto::En => Language::En,
    };
    dates
        .iter()
        .map(|d| {
            d.get(..10)
                .and_then(|day| IsoDate::try_from(day.to_owned()).ok())
                .map_or_else(|| d.clone(), |day| kelisim_pdf::format_date(&day, lang))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_round_trips_through_the_editor_shape() {
        for template in kelisim_core::templates::TEMPLATES {
            let value = template.document().unwrap();
            let memo = kelisim_core::validate::from_value(value.clone()).unwrap();
            let doc = MemoDoc::from(&memo);
            assert_eq!(serde_json::to_value(&doc).unwrap(), memo.to_value());
            // And the JSON the editor sends back is read by the core as the same memorandum.
            let back: MemoDoc = serde_json::from_value(value).unwrap();
            let text = serde_json::to_string(&back).unwrap();
            assert_eq!(
                kelisim_core::parse(&text).unwrap(),
                memo,
                "{}",
                template.name
            );
        }
    }

    #[test]
    fn the_view_numbers_resolves_and_dates_like_the_pdf() {
        let doc = serde_json::json!({
            "format": "kelisim.memorandum/1", "languages": ["kk", "ru"], "layout": "parallel",
            "title": {"kk": "{{party.a.name}} мен {{ forum }}", "ru": "Меморандум"},
            "place": {"kk": "Астана", "ru": "Астана"}, "date": "2026-10-06",
            "parties": [{"id": "a", "kind": "ngo", "name": {"kk": "Қор", "ru": "Фонд"},
                "bin": "21114000042", "signatories": []}],
            "preamble": {"kk": "", "ru": ""},
            "variables": {"forum": {"kk": "форум", "ru": "форум"}},
            "sections": [{"heading": {"kk": "", "ru": ""}, "clauses": [
                {"text": {"kk": "", "ru": "{{party.a.name}}, {{party.zz.name}}"},
                 "clauses": [{"text": {"kk": "", "ru": ""}}]}]}]
        })
        .to_string();
        let view = document_view(&doc);
        assert_eq!(view.numbers["0"], "1.");
        assert_eq!(view.numbers["0.0"], "1.1.");
        assert_eq!(view.numbers["0.0.0"], "1.1.1.");
        // The party resolves though its BIN is still being typed; an unknown one stays.
        assert_eq!(view.resolved["title"][&DocLang::Kk], "Қор мен форум");
        assert_eq!(view.resolved["title"][&DocLang::Ru], "Меморандум");
        assert_eq!(
            view.resolved["sections[0].clauses[0].text"][&DocLang::Ru],
            "Фонд, {{party.zz.name}}"
        );
        assert!(!view.resolved.contains_key("preamble"));
        assert_eq!(view.date[&DocLang::Ru], "6 октября 2026 года");
        assert_eq!(view.date[&DocLang::Kk], "2026 жылғы 6 қазан");
        assert_eq!(document_view("not json"), DocumentView::default());
    }

    #[test]
    fn the_view_words_each_signatory_authority_like_the_pdf() {
        let doc = serde_json::json!({
            "languages": ["kk", "ru"],
            "parties": [{"signatories": [
                {"authority": {"kind": "power_of_attorney", "number": "12", "date": "2026-10-01"}},
                {},
                {"authority": {"kind": "acting"}}]},
                {"signatories": [
                {"authority": {"kind": "other", "text": {"kk": "бұйрық", "ru": "приказ"}}},
                {"authority": {"kind": "power_of_attorney", "number": "3", "date": "2026-1"}}]}]
        })
        .to_string();
        let words = document_view(&doc).authorities;
        let poa = &words["parties[0].signatories[0]"];
        assert_eq!(
            poa[&DocLang::Ru],
            "действующий на основании доверенности № 12 от 1 октября 2026 года"
        );
        assert_eq!(
            poa[&DocLang::Kk],
            "2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін"
        );
        assert!(!words.contains_key("parties[0].signatories[1]"));
        assert_eq!(
            words["parties[0].signatories[2]"][&DocLang::Ru],
            "исполняющий обязанности"
        );
        assert_eq!(words["parties[1].signatories[0]"][&DocLang::Kk], "бұйрық");
        // A date still being typed is not worded.
        assert!(!words.contains_key("parties[1].signatories[1]"));
    }

    #[test]
    fn bin_problems_are_named_as_the_user_types() {
        assert_eq!(bin_problem(""), None);
        assert_eq!(bin_problem("98031000567a"), Some(BinProblem::Digits));
        assert_eq!(bin_problem("9803100056"), Some(BinProblem::Length));
        assert_eq!(bin_problem("211140000426"), Some(BinProblem::Check));
        assert_eq!(bin_problem("211140000425"), None);
        assert_eq!(bin_problem("980310005674"), None);
        assert_eq!(bin_problem("040540001230"), None);
        assert_eq!(bin_problem("160940012344"), None);
        assert_eq!(bin_problem("040540001231"), Some(BinProblem::Check));
        assert_eq!(bin_problem("04054000123"), Some(BinProblem::Length));
        assert_eq!(bin_problem("04054000123a"), Some(BinProblem::Digits));
    }

    #[test]
    fn dates_are_written_as_the_pdf_writes_them() {
        let dates = [
            "2026-10-06".to_owned(),
            "2027-01-31T10:00:00Z".to_owned(),
            "?".to_owned(),
        ];
        assert_eq!(
            format_dates(UiLanguageDto::Ru, &dates),
            ["6 октября 2026 года", "31 января 2027 года", "?"]
        );
        assert_eq!(format_dates(UiLanguageDto::En, &dates)[0], "6 October 2026");
    }
}
