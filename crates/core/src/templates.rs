//! The built-in templates: memorandums of cooperation between a state body and an NGO, in
//! Kazakh and Russian (parallel), in Russian, and in English. Each is a complete, valid document
//! whose parties (ids `state` and `ngo`) are filled in from arguments with [`Assignment`]s.
//!
//! A new memorandum is [`compose`]d from a template in any languages its family has: a template's
//! family is its name without the trailing language codes (`state-ngo` for `state-ngo-kk-ru`);
//! a language the template lacks is copied text for text from a sibling of the same family whose
//! structure is the same ([`shape`]), and languages not chosen are dropped.

use serde_json::{Map, Value};

use crate::ids::{IsoDate, Language};
use crate::model::{Layout, Memorandum};
use crate::validate::{self, Problem};

/// A built-in template.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    pub description: &'static str,
    source: &'static str,
}

pub const TEMPLATES: [Template; 3] = [
    Template {
        name: "state-ngo-kk-ru",
        description: "State body and NGO, Kazakh and Russian side by side (parallel)",
        source: include_str!("../templates/state-ngo-kk-ru.json"),
    },
    Template {
        name: "state-ngo-ru",
        description: "State body and NGO, Russian only",
        source: include_str!("../templates/state-ngo-ru.json"),
    },
    Template {
        name: "state-ngo-en",
        description: "State body and NGO, English only",
        source: include_str!("../templates/state-ngo-en.json"),
    },
];

/// One `PATH=VALUE` given on the command line, e.g. `parties[0].name.ru=Министерство …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub path: String,
    pub value: String,
}

impl std::str::FromStr for Assignment {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once('=') {
            Some((path, value)) if !path.trim().is_empty() => Ok(Assignment {
                path: path.trim().to_owned(),
                value: value.to_owned(),
            }),
            _ => Err(format!(
                "{s:?} should be PATH=VALUE, e.g. parties[0].name.ru=…"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("there is no template {0:?}; the templates are: {list}", list = template_names())]
    Unknown(String),
    #[error("{path}: {why}")]
    BadAssignment { path: String, why: String },
    #[error("the filled-in template is not a valid memorandum ({} problems)", .0.len())]
    Invalid(Vec<Problem>),
}

fn template_names() -> String {
    TEMPLATES.map(|t| t.name).join(", ")
}

/// The template called `name`.
pub fn find(name: &str) -> Result<&'static Template, TemplateError> {
    TEMPLATES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| TemplateError::Unknown(name.to_owned()))
}

impl Template {
    /// The template as JSON, before anything is filled in.
    pub fn document(&self) -> Result<Value, TemplateError> {
        serde_json::from_str(self.source).map_err(|err| TemplateError::BadAssignment {
            path: self.name.to_owned(),
            why: format!("the built-in template is not JSON: {err}"),
        })
    }

    /// A memorandum from this template: the date, then each assignment, applied in order; the
    /// result is validated as a whole.
    pub fn instantiate(
        &self,
        date: Option<&IsoDate>,
        assignments: &[Assignment],
    ) -> Result<Memorandum, TemplateError> {
        fill(self.document()?, date, assignments)
    }
}

/// Sets the date, then each assignment in order, on a template document, and validates the
/// result as a whole.
pub fn fill(
    mut doc: Value,
    date: Option<&IsoDate>,
    assignments: &[Assignment],
) -> Result<Memorandum, TemplateError> {
    if let Some(date) = date {
        set_path(&mut doc, "date", Value::String(date.to_string()))?;
    }
    for a in assignments {
        let path = seat_path(&doc, &a.path);
        set_path(&mut doc, &path, Value::String(a.value.clone()))?;
    }
    validate::from_value(doc).map_err(TemplateError::Invalid)
}

/// The template's family: its name without the trailing language codes (`state-ngo`).
pub fn family(name: &str) -> &str {
    let mut rest = name;
    while let Some(stripped) = Language::ALL
        .iter()
        .find_map(|l| rest.strip_suffix(l.tag())?.strip_suffix('-'))
    {
        rest = stripped;
    }
    rest
}

/// A text: a non-empty object whose members are all language tags with strings.
fn is_text(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        !map.is_empty()
            && map
                .iter()
                .all(|(k, v)| Language::from_tag(k).is_some() && v.is_string())
    })
}

/// The document's structure with every text replaced by a marker (and the languages, layout
/// and date left out): two templates of equal shape align clause with clause.
pub fn shape(value: &Value) -> Value {
    if is_text(value) {
        return Value::String("§".into());
    }
    match value {
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "languages" | "layout" | "date"))
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect(),
        ),
        Value::Null => Value::String("null".into()),
        Value::Bool(_) => Value::String("boolean".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
    }
}

/// The languages a template document is written in.
fn languages_of(doc: &Value) -> Vec<Language> {
    doc["languages"]
        .as_array()
        .map(|ls| {
            ls.iter()
                .filter_map(|l| l.as_str().and_then(Language::from_tag))
                .collect()
        })
        .unwrap_or_default()
}

/// The layouts a memorandum in `count` languages can have; the first is the default.
pub fn layouts_for(count: usize) -> &'static [Layout] {
    if count > 1 {
        &[Layout::Parallel, Layout::Sequential]
    } else {
        &[Layout::Single]
    }
}

/// A template's document with what it can be composed into.
#[derive(Debug, Clone)]
pub struct TemplateLanguages {
    /// The languages the template itself is written in.
    pub own: Vec<Language>,
    /// Every language it can be composed in (its own and its siblings'), in the order kk, ru, en.
    pub available: Vec<Language>,
}

impl Template {
    /// The templates that can give this one its other languages, with their documents, this
    /// one first: the same family and the same shape.
    fn siblings(&self) -> Result<Vec<(&'static Template, Value)>, TemplateError> {
        let doc = self.document()?;
        let want = shape(&doc);
        let mut out = vec![(find(self.name)?, doc)];
        for t in TEMPLATES
            .iter()
            .filter(|t| t.name != self.name && family(t.name) == family(self.name))
        {
            let other = t.document()?;
            if shape(&other) == want {
                out.push((t, other));
            }
        }
        Ok(out)
    }

    /// The languages the template is written in and those it can be composed in.
    pub fn languages(&self) -> Result<TemplateLanguages, TemplateError> {
        let siblings = self.siblings()?;
        let own = languages_of(&siblings[0].1);
        let have: Vec<Language> = siblings.iter().flat_map(|(_, d)| languages_of(d)).collect();
        let available = Language::ALL
            .into_iter()
            .filter(|l| have.contains(l))
            .collect();
        Ok(TemplateLanguages { own, available })
    }

    /// The template in `languages` (kept in the order kk, ru, en; its own when empty) with
    /// `layout` (by default the first [`layouts_for`] that many languages), as JSON to fill in.
    /// A language neither it nor a sibling has, or a layout that does not fit the number of
    /// languages, is refused at `languages` or `layout`.
    pub fn compose(
        &self,
        languages: &[Language],
        layout: Option<Layout>,
    ) -> Result<Value, TemplateError> {
        let siblings = self.siblings()?;
        let mut doc = siblings[0].1.clone();
        let own = languages_of(&doc);
        let wanted = if languages.is_empty() {
            &own[..]
        } else {
            languages
        };
        let chosen: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| wanted.contains(l))
            .collect();
        for &lang in &chosen {
            if own.contains(&lang) {
                continue;
            }
            let Some((_, source)) = siblings
                .iter()
                .find(|(_, d)| languages_of(d).contains(&lang))
            else {
                return Err(TemplateError::BadAssignment {
                    path: "languages".into(),
                    why: format!(
                        "the template {} has no {lang} text, and no template of its family \
                         {} with the same clauses has one",
                        self.name,
                        family(self.name)
                    ),
                });
            };
            copy_language(&mut doc, source, lang);
        }
        keep_languages(&mut doc, &chosen);
        let fits = layouts_for(chosen.len());
        let layout = match layout {
            None => fits[0],
            Some(l) if fits.contains(&l) => l,
            Some(l) => {
                return Err(TemplateError::BadAssignment {
                    path: "layout".into(),
                    why: format!(
                        "{} does not fit a memorandum in {} language{}",
                        layout_tag(l),
                        chosen.len(),
                        if chosen.len() == 1 { "" } else { "s" }
                    ),
                })
            }
        };
        let tags = chosen
            .iter()
            .map(|l| Value::String(l.tag().into()))
            .collect();
        set_path(&mut doc, "languages", Value::Array(tags))?;
        set_path(&mut doc, "layout", Value::String(layout_tag(layout).into()))?;
        Ok(doc)
    }
}

fn layout_tag(layout: Layout) -> &'static str {
    match layout {
        Layout::Parallel => "parallel",
        Layout::Sequential => "sequential",
        Layout::Single => "single",
    }
}

/// Copies language `lang` of every text of `from` into the same place of `into`.
fn copy_language(into: &mut Value, from: &Value, lang: Language) {
    if is_text(into) && is_text(from) {
        if let (Some(map), Some(text)) = (into.as_object_mut(), from.get(lang.tag())) {
            map.insert(lang.tag().to_owned(), text.clone());
        }
        return;
    }
    match (into, from) {
        (Value::Array(a), Value::Array(b)) => {
            for (x, y) in a.iter_mut().zip(b) {
                copy_language(x, y, lang);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in a.iter_mut() {
                if let Some(y) = b.get(k) {
                    copy_language(x, y, lang);
                }
            }
        }
        _ => {}
    }
}

/// Removes every language not in `keep` from every text (in place).
pub fn keep_languages(value: &mut Value, keep: &[Language]) {
    if is_text(value) {
        if let Some(map) = value.as_object_mut() {
            map.retain(|k, _| Language::from_tag(k).is_some_and(|l| keep.contains(&l)));
        }
        return;
    }
    match value {
        Value::Array(items) => items.iter_mut().for_each(|x| keep_languages(x, keep)),
        Value::Object(map) => map.values_mut().for_each(|x| keep_languages(x, keep)),
        _ => {}
    }
}

/// The index of the party with id `seat` in a template document.
pub fn seat_index(doc: &Value, seat: &str) -> Option<usize> {
    doc["parties"]
        .as_array()?
        .iter()
        .position(|p| p["id"].as_str() == Some(seat))
}

/// Puts `party` (a stored party object, e.g. from the organisations registry) in the seat
/// `seat` of a composed template: it keeps the seat's id, takes the template's signatories when
/// it has none, and keeps only the document's languages. Missing texts are then reported by
/// validation at their paths (`parties[1].name.en`).
pub fn put_party(doc: &mut Value, seat: &str, party: &Value) -> Result<(), TemplateError> {
    let bad = |why: String| TemplateError::BadAssignment {
        path: format!("parties.{seat}"),
        why,
    };
    let index = seat_index(doc, seat).ok_or_else(|| {
        bad(format!(
            "the template has no party \"{seat}\"; its parties are: {}",
            seat_ids(doc).join(", ")
        ))
    })?;
    let Some(map) = party.as_object() else {
        return Err(bad("the organisation's party is not an object".into()));
    };
    let mut next: Map<String, Value> = map.clone();
    next.insert("id".into(), Value::String(seat.to_owned()));
    let has_signatories = next
        .get("signatories")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    if !has_signatories {
        next.insert(
            "signatories".into(),
            doc["parties"][index]["signatories"].clone(),
        );
    }
    let mut next = Value::Object(next);
    keep_languages(&mut next, &languages_of(doc));
    complete_authorities(&mut next, &doc["parties"][index], &languages_of(doc));
    set_path(doc, &format!("parties[{index}]"), next)
}

/// A party from the registry may have been stored in fewer languages than the new memorandum
/// has: the wording of a signatory's `other` authority (the template's «действующий на
/// основании Устава») missing in a language is taken from the template's own signatory of that
/// seat, which the template family has in every language. Names and positions are the user's to
/// give, so nothing else is filled in.
fn complete_authorities(party: &mut Value, seat: &Value, languages: &[Language]) {
    let template_text = &seat["signatories"][0]["authority"]["text"];
    let Some(signatories) = party["signatories"].as_array_mut() else {
        return;
    };
    for signatory in signatories {
        // `get_mut`, not indexing: indexing a missing key would insert a null.
        let Some(authority) = signatory.get_mut("authority") else {
            continue;
        };
        if authority["kind"] != "other" {
            continue;
        }
        let Some(text) = authority.get_mut("text").and_then(Value::as_object_mut) else {
            continue;
        };
        for lang in languages {
            if !text.contains_key(lang.tag()) {
                if let Some(words) = template_text[lang.tag()].as_str() {
                    text.insert(lang.tag().to_owned(), Value::String(words.to_owned()));
                }
            }
        }
    }
}

/// The party ids (seats) of a template document, in order.
pub fn seat_ids(doc: &Value) -> Vec<String> {
    doc["parties"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// An assignment's path with a leading seat written as the party's place: `ngo.name.en` is
/// `parties[1].name.en` when the party `ngo` is the second. Other paths are returned as given.
pub fn seat_path(doc: &Value, path: &str) -> String {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    if doc.get(head).is_some() {
        return path.to_owned();
    }
    match seat_index(doc, head) {
        Some(i) if rest.is_empty() => format!("parties[{i}]"),
        Some(i) => format!("parties[{i}].{rest}"),
        None => path.to_owned(),
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Result<Vec<Step<'_>>, String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        } else if out.is_empty() || rest.is_empty() {
            return Err("an empty name in the path".into());
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']').ok_or("a [ without ]")?;
            let i = stripped[..end]
                .parse::<usize>()
                .map_err(|_| format!("{:?} is not an index", &stripped[..end]))?;
            out.push(Step::Index(i));
            rest = &stripped[end + 1..];
        }
        if !rest.is_empty() {
            return Err(format!("unexpected {rest:?}"));
        }
    }
    Ok(out)
}

/// Sets the string at `path` (`parties[0].name.ru`), creating missing object members but never
/// list items.
pub fn set_path(doc: &mut Value, path: &str, value: Value) -> Result<(), TemplateError> {
    let bad = |why: String| TemplateError::BadAssignment {
        path: path.to_owned(),
        why,
    };
    let steps = steps(path).map_err(bad)?;
    let mut here = doc;
    for (n, step) in steps.iter().enumerate() {
        let last = n + 1 == steps.len();
        here = match step {
            Step::Key(key) => {
                let Some(map) = here.as_object_mut() else {
                    return Err(bad(format!(
                        "\"{key}\" is inside something that is not an object"
                    )));
                };
                if last {
                    map.insert((*key).to_owned(), value);
                    return Ok(());
                }
                map.entry((*key).to_owned())
                    .or_insert_with(|| Value::Object(Default::default()))
            }
            Step::Index(i) => {
                let Some(list) = here.as_array_mut() else {
                    return Err(bad(format!(
                        "[{i}] is applied to something that is not a list"
                    )));
                };
                let len = list.len();
                let Some(item) = list.get_mut(*i) else {
                    return Err(bad(format!("there is no item [{i}]; the list has {len}")));
                };
                if last {
                    *item = value;
                    return Ok(());
                }
                item
            }
        };
    }
    Err(bad("the path is empty".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_memorandum_as_shipped() {
        for t in TEMPLATES {
            let memo = t.instantiate(None, &[]).unwrap_or_else(|e| match e {
                TemplateError::Invalid(problems) => panic!("{}: {problems:#?}", t.name),
                other => panic!("{}: {other}", t.name),
            });
            assert_eq!(memo.parties.len(), 2, "{}", t.name);
            assert!(memo.clauses().len() >= 30, "{}", t.name);
        }
    }

    #[test]
    fn the_term_clause_takes_its_words_from_the_term() {
        use crate::placeholder::resolve;
        let memo = find("state-ngo-kk-ru")
            .unwrap()
            .instantiate(None, &[])
            .unwrap();
        assert_eq!(memo.format, crate::model::Format::V2);
        assert!(memo
            .variables
            .keys()
            .all(|k| !["term_years", "notice_days"].contains(&k.as_str())));
        let texts = |lang| -> Vec<String> {
            memo.clauses()
                .iter()
                .map(|(_, c)| resolve(&memo, Memorandum::text_in(&c.text, lang), lang))
                .collect()
        };
        let ru = texts(Language::Ru);
        assert!(ru.contains(&"Настоящий Меморандум вступает в силу со дня подписания его последней из Сторон и действует 3 (три) года.".to_owned()), "{ru:#?}");
        assert!(ru.iter().any(|t| t.starts_with("Срок действия Меморандума автоматически продлевается на каждые последующие 1 (один) год")));
        assert!(ru
            .iter()
            .any(|t| t.contains("не менее чем за 30 (тридцать) дней до предполагаемой даты")));
        let kk = texts(Language::Kk);
        assert!(kk.contains(&"Осы Меморандум Тараптардың соңғысы қол қойған күннен бастап күшіне енеді және 3 (үш) жыл бойы қолданылады.".to_owned()), "{kk:#?}");
        assert!(kk.iter().any(|t| t.contains("кемінде 30 (отыз) күн бұрын")));
        let preamble = resolve(
            &memo,
            Memorandum::text_in(&memo.preamble, Language::Ru),
            Language::Ru,
        );
        assert!(preamble.contains("представитель — Министр"), "{preamble}");
        assert!(
            preamble.contains(", действующий на основании Положения), с одной стороны"),
            "{preamble}"
        );
        let preamble = resolve(
            &memo,
            Memorandum::text_in(&memo.preamble, Language::Kk),
            Language::Kk,
        );
        assert!(
            preamble.contains("өкілі — Ереже негізінде әрекет ететін Министр"),
            "{preamble}"
        );
        assert!(!preamble.contains("{{"), "{preamble}");
    }

    #[test]
    fn parties_are_filled_in_from_assignments() {
        let t = find("state-ngo-kk-ru").unwrap();
        let date: IsoDate = "2026-10-06".parse().unwrap();
        let memo = t
            .instantiate(
                Some(&date),
                &[
                    "parties[0].name.ru=Министерство культуры и информации Республики Казахстан"
                        .parse()
                        .unwrap(),
                    "parties[0].name.kk=Қазақстан Республикасы Мәдениет және ақпарат министрлігі"
                        .parse()
                        .unwrap(),
                    "parties[0].bin=980310005674".parse().unwrap(),
                    "parties[1].signatories[0].name.ru=Т. М. Оспанов"
                        .parse()
                        .unwrap(),
                ],
            )
            .unwrap();
        assert_eq!(memo.date, date);
        assert_eq!(
            memo.parties[0].bin.as_ref().unwrap().as_str(),
            "980310005674"
        );
        let title = crate::placeholder::resolve(
            &memo,
            Memorandum::text_in(&memo.title, crate::Language::Kk),
            crate::Language::Kk,
        );
        assert!(
            title.starts_with("Қазақстан Республикасы Мәдениет және ақпарат министрлігі мен"),
            "{title}"
        );
    }

    #[test]
    fn a_bad_bin_in_an_assignment_is_reported_at_its_path() {
        let t = find("state-ngo-ru").unwrap();
        let err = t
            .instantiate(None, &["parties[1].bin=123456789012".parse().unwrap()])
            .unwrap_err();
        let TemplateError::Invalid(problems) = err else {
            panic!("{err}")
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "parties[1].bin");
        assert_eq!(problems[0].code, "bad_bin");
    }

    #[test]
    fn assignments_to_missing_list_items_are_refused_with_the_path() {
        let t = find("state-ngo-en").unwrap();
        let err = t
            .instantiate(None, &["parties[5].name.en=X".parse().unwrap()])
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("parties[5].name.en: there is no item [5]"),
            "{err}"
        );
        assert!(find("nope")
            .unwrap_err()
            .to_string()
            .contains("state-ngo-kk-ru"));
    }

    fn texts_in(memo: &Memorandum, lang: Language) -> Vec<String> {
        memo.clauses()
            .iter()
            .map(|(_, c)| Memorandum::text_in(&c.text, lang).to_owned())
            .collect()
    }

    #[test]
    fn a_family_is_the_name_without_its_language_codes() {
        assert_eq!(family("state-ngo-kk-ru"), "state-ngo");
        assert_eq!(family("state-ngo-en"), "state-ngo");
        assert_eq!(family("state-ngo"), "state-ngo");
    }

    #[test]
    fn every_template_offers_the_languages_of_its_siblings() {
        for t in TEMPLATES {
            let langs = t.languages().unwrap();
            assert_eq!(langs.available, Language::ALL, "{}", t.name);
        }
        let own = find("state-ngo-kk-ru").unwrap().languages().unwrap().own;
        assert_eq!(own, [Language::Kk, Language::Ru]);
    }

    #[test]
    fn kazakh_russian_and_english_come_from_the_bilingual_and_the_english_template() {
        let kk_ru = find("state-ngo-kk-ru").unwrap();
        let doc = kk_ru
            .compose(&[Language::En, Language::Kk, Language::Ru], None)
            .unwrap();
        let memo = fill(doc, None, &[]).unwrap();
        assert_eq!(
            memo.languages,
            Language::ALL,
            "kept in the order kk, ru, en"
        );
        assert_eq!(memo.layout, Layout::Parallel);
        let en = find("state-ngo-en")
            .unwrap()
            .instantiate(None, &[])
            .unwrap();
        let bilingual = kk_ru.instantiate(None, &[]).unwrap();
        assert_eq!(texts_in(&memo, Language::En), texts_in(&en, Language::En));
        assert_eq!(
            texts_in(&memo, Language::Kk),
            texts_in(&bilingual, Language::Kk)
        );
        assert_eq!(
            texts_in(&memo, Language::Ru),
            texts_in(&bilingual, Language::Ru)
        );
    }

    #[test]
    fn a_language_not_chosen_is_dropped_and_one_language_is_single() {
        let doc = find("state-ngo-kk-ru")
            .unwrap()
            .compose(&[Language::Ru], None)
            .unwrap();
        assert!(!doc.to_string().contains("\"kk\":"), "no Kazakh text left");
        let memo = fill(doc, None, &[]).unwrap();
        assert_eq!(memo.languages, [Language::Ru]);
        assert_eq!(memo.layout, Layout::Single);
    }

    #[test]
    fn english_and_kazakh_from_the_english_template_sequentially() {
        let doc = find("state-ngo-en")
            .unwrap()
            .compose(&[Language::Kk, Language::En], Some(Layout::Sequential))
            .unwrap();
        let memo = fill(doc, None, &[]).unwrap();
        assert_eq!(memo.languages, [Language::Kk, Language::En]);
        assert_eq!(memo.layout, Layout::Sequential);
    }

    #[test]
    fn a_layout_that_does_not_fit_the_languages_is_refused_at_layout() {
        let t = find("state-ngo-ru").unwrap();
        let err = t.compose(&[], Some(Layout::Parallel)).unwrap_err();
        assert!(err.to_string().starts_with("layout: "), "{err}");
        let err = t
            .compose(&[Language::Kk, Language::Ru], Some(Layout::Single))
            .unwrap_err();
        assert!(err.to_string().starts_with("layout: "), "{err}");
    }

    #[test]
    fn a_sibling_with_other_clauses_gives_no_language() {
        let mut other = find("state-ngo-en").unwrap().document().unwrap();
        other["sections"].as_array_mut().unwrap().pop();
        let base = find("state-ngo-en").unwrap().document().unwrap();
        assert_ne!(shape(&other), shape(&base));
        let mut renamed = base.clone();
        set_path(&mut renamed, "date", Value::String("2027-01-01".into())).unwrap();
        assert_eq!(shape(&renamed), shape(&base), "the date is not structure");
    }

    #[test]
    fn a_registry_party_takes_the_seat_keeping_its_id_and_the_template_signatories() {
        let mut doc = find("state-ngo-kk-ru").unwrap().compose(&[], None).unwrap();
        let party = serde_json::json!({
            "id": "partner",
            "kind": "ngo",
            "name": { "kk": "«Жастар» қоғамдық бірлестігі", "ru": "ОО «Жастар»", "en": "Zhastar" },
            "short_name": { "kk": "«Жастар»", "ru": "«Жастар»" },
            "bin": "160940012344",
            "signatories": []
        });
        put_party(&mut doc, "ngo", &party).unwrap();
        let memo = fill(doc.clone(), None, &[]).unwrap();
        let ngo = &memo.parties[1];
        assert_eq!(ngo.id.to_string(), "ngo");
        assert_eq!(ngo.bin.as_ref().unwrap().as_str(), "160940012344");
        assert_eq!(Memorandum::text_in(&ngo.name, Language::Ru), "ОО «Жастар»");
        assert!(
            ngo.address.is_none(),
            "the registry's party, not the template's"
        );
        assert!(!ngo.signatories.is_empty());
        assert!(!doc["parties"][1]["name"]
            .as_object()
            .unwrap()
            .contains_key("en"));
        let err = put_party(&mut doc, "bank", &party).unwrap_err();
        assert!(err.to_string().starts_with("parties.bank: "), "{err}");
    }

    #[test]
    fn a_seat_names_its_party_in_an_assignment() {
        let memo = find("state-ngo-ru")
            .unwrap()
            .instantiate(None, &["ngo.name.ru=ОО «Жастар»".parse().unwrap()])
            .unwrap();
        assert_eq!(
            Memorandum::text_in(&memo.parties[1].name, Language::Ru),
            "ОО «Жастар»"
        );
    }

    #[test]
    fn a_party_missing_a_chosen_language_is_reported_at_its_path() {
        let mut doc = find("state-ngo-kk-ru").unwrap().compose(&[], None).unwrap();
        let party = serde_json::json!({
            "kind": "ngo", "name": { "ru": "ОО «Жастар»" }, "signatories": []
        });
        put_party(&mut doc, "ngo", &party).unwrap();
        let TemplateError::Invalid(problems) = fill(doc, None, &[]).unwrap_err() else {
            panic!("not a validation failure")
        };
        assert!(
            problems.iter().any(|p| p.path == "parties[1].name.kk"),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_registry_party_gets_the_templates_authority_wording_in_a_language_it_lacks() {
        let en = [Language::Kk, Language::Ru, Language::En];
        let mut doc = find("state-ngo-kk-ru").unwrap().compose(&en, None).unwrap();
        // Stored in the registry from a kk+ru memorandum: the basis in kk and ru only.
        let party = serde_json::json!({
            "kind": "ngo",
            "name": { "kk": "«Жастар» ҚБ", "ru": "ОО «Жастар»", "en": "Zhastar" },
            "signatories": [{
                "id": "chair",
                "name": { "kk": "А. Б.", "ru": "А. Б.", "en": "A. B." },
                "position": { "kk": "Төраға", "ru": "Председатель", "en": "Chair" },
                "authority": { "kind": "other", "text": { "kk": "Жарғы негізінде", "ru": "на основании Устава" } }
            }, {
                "id": "deputy",
                "name": { "kk": "В. Г.", "ru": "В. Г.", "en": "V. G." },
                "position": { "kk": "Орынбасар", "ru": "Заместитель", "en": "Deputy" }
            }]
        });
        put_party(&mut doc, "ngo", &party).unwrap();
        let text = &doc["parties"][1]["signatories"][0]["authority"]["text"];
        assert_eq!(text["ru"], "на основании Устава", "its own wording is kept");
        assert!(text["en"].as_str().is_some_and(|s| !s.is_empty()), "{text}");
        assert!(
            doc["parties"][1]["signatories"][1]
                .get("authority")
                .is_none(),
            "no authority is invented"
        );
    }
}
