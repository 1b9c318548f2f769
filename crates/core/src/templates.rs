//! The built-in templates: memorandums of cooperation between a state body and an NGO, in
//! Kazakh and Russian (parallel), in Russian, and in English. Each is a complete, valid document
//! whose parties (ids `state` and `ngo`) are filled in from arguments with [`Assignment`]s.

use serde_json::Value;

use crate::ids::IsoDate;
use crate::model::Memorandum;
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
        set_path(&mut doc, &a.path, Value::String(a.value.clone()))?;
    }
    validate::from_value(doc).map_err(TemplateError::Invalid)
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
}
