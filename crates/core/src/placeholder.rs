//! `{{name}}` and `{{party.<id>.<field>}}` placeholders: finding them and resolving them.
//!
//! `/2` adds `{{annex.<id>}}` (the annex's label, «Приложение 2»), `{{term.starts}}`,
//! `{{term.duration}}`, `{{term.renewal}}`, `{{term.notice_days}}`, `{{party.<id>.signatories}}`,
//! `{{registration.number}}` and `{{amends}}` (the amended memorandum, «Меморандуму о
//! сотрудничестве от 6 октября 2026 года № 02-15/123»); their words come from [`crate::words`].

use crate::ids::Language;
use crate::model::{Memorandum, Text};
use crate::words;

/// The `{{term.<field>}}` fields.
pub const TERM_FIELDS: [&str; 4] = ["starts", "duration", "renewal", "notice_days"];
/// `{{amends}}`: the amended memorandum, unless a variable of that name is declared (a `/1`
/// document may have one, and it keeps its meaning).
pub const AMENDS: &str = "amends";
/// What `{{registration.number}}` prints before a number is assigned: a line to fill by hand.
pub const UNREGISTERED: &str = "________";

/// The party fields a placeholder can name.
pub const PARTY_FIELDS: [&str; 4] = ["name", "short_name", "address", "bin"];

/// One placeholder found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder<'a> {
    Variable(&'a str),
    Party {
        id: &'a str,
        field: &'a str,
    },
    /// `/2`: `{{annex.<id>}}`.
    Annex(&'a str),
    /// `/2`: `{{term.<field>}}`.
    Term(&'a str),
    /// `/2`: `{{registration.<field>}}`.
    Registration(&'a str),
}

/// What is wrong with a malformed placeholder (the text validation reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderError {
    /// `{{` never closed; the text from it (an excerpt).
    Unclosed(String),
    /// `{{party.…}}` without an id and a field; what is between the braces.
    BadParty(String),
    /// Neither a variable name nor `party.<id>.<field>`; what is between the braces.
    BadName(String),
}

impl std::fmt::Display for PlaceholderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceholderError::Unclosed(at) => {
                write!(f, "\"{{{{\" at \"{at}\" is never closed with \"}}}}\"")
            }
            PlaceholderError::BadParty(inner) => write!(
                f,
                "{{{{{inner}}}}} should be {{{{party.<id>.<{}>}}}}",
                PARTY_FIELDS.join("|")
            ),
            PlaceholderError::BadName(inner) => write!(
                f,
                "{{{{{inner}}}}} is neither a variable name (a-z, 0-9, _) nor party.<id>.<field>"
            ),
        }
    }
}

impl std::error::Error for PlaceholderError {}

impl From<PlaceholderError> for String {
    fn from(err: PlaceholderError) -> String {
        err.to_string()
    }
}

/// Every placeholder in `text`, in order; a malformed one is an `Err` saying what is wrong.
pub fn scan(text: &str) -> Vec<Result<Placeholder<'_>, PlaceholderError>> {
    segments(text)
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Literal(_) => None,
            Segment::Placeholder(p, _) => Some(Ok(p)),
            Segment::Malformed(why, _) => Some(Err(why)),
        })
        .collect()
}

enum Segment<'a> {
    Literal(&'a str),
    Placeholder(Placeholder<'a>, &'a str),
    Malformed(PlaceholderError, &'a str),
}

fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            out.push(Segment::Literal(&rest[..start]));
        }
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push(Segment::Malformed(
                PlaceholderError::Unclosed(excerpt(&rest[start..])),
                &rest[start..],
            ));
            rest = "";
            break;
        };
        let raw = &rest[start..start + 2 + end + 2];
        out.push(match parse_inner(after[..end].trim()) {
            Ok(p) => Segment::Placeholder(p, raw),
            Err(why) => Segment::Malformed(why, raw),
        });
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        out.push(Segment::Literal(rest));
    }
    out
}

fn excerpt(s: &str) -> String {
    s.chars().take(24).collect()
}

fn parse_inner(inner: &str) -> Result<Placeholder<'_>, PlaceholderError> {
    if let Some(party) = inner.strip_prefix("party.") {
        let mut parts = party.splitn(2, '.');
        match (parts.next(), parts.next()) {
            (Some(id), Some(field)) if !id.is_empty() && !field.is_empty() => {
                Ok(Placeholder::Party { id, field })
            }
            _ => Err(PlaceholderError::BadParty(inner.to_owned())),
        }
    } else if let Some(p) = v2_inner(inner) {
        p
    } else if !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(Placeholder::Variable(inner))
    } else {
        Err(PlaceholderError::BadName(inner.to_owned()))
    }
}

fn v2_inner(inner: &str) -> Option<Result<Placeholder<'_>, PlaceholderError>> {
    let (found, rest) = if let Some(rest) = inner.strip_prefix("annex.") {
        (Placeholder::Annex(rest), rest)
    } else if let Some(rest) = inner.strip_prefix("term.") {
        (Placeholder::Term(rest), rest)
    } else if let Some(rest) = inner.strip_prefix("registration.") {
        (Placeholder::Registration(rest), rest)
    } else {
        return None;
    };
    Some(if rest.is_empty() {
        Err(PlaceholderError::BadName(inner.to_owned()))
    } else {
        Ok(found)
    })
}

/// `text` with every placeholder replaced by its value in `lang`. A placeholder that cannot be
/// resolved (validation reports those) is left as written.
pub fn resolve(memo: &Memorandum, text: &str, lang: Language) -> String {
    let pick = |t: &Text| Memorandum::text_in(t, lang).to_owned();
    let mut out = String::with_capacity(text.len());
    for segment in segments(text) {
        let (value, raw) = match segment {
            Segment::Literal(s) => {
                out.push_str(s);
                continue;
            }
            Segment::Malformed(_, raw) => (None, raw),
            Segment::Placeholder(Placeholder::Variable(name), raw) => (
                memo.variables
                    .iter()
                    .find(|(k, _)| k.as_str() == name)
                    .map(|(_, t)| pick(t))
                    .or_else(|| {
                        let amends = memo.amends.as_ref().filter(|_| name == AMENDS);
                        amends.map(|a| words::amends_reference(a, lang))
                    }),
                raw,
            ),
            Segment::Placeholder(
                Placeholder::Party {
                    id,
                    field: "signatories",
                },
                raw,
            ) => (memo.party(id).map(|p| words::signatories(p, lang)), raw),
            Segment::Placeholder(Placeholder::Party { id, field }, raw) => (
                memo.party(id).and_then(|p| match field {
                    "name" => Some(pick(&p.name)),
                    "short_name" => p.short_name.as_ref().map(pick),
                    "address" => p.address.as_ref().map(pick),
                    "bin" => p.bin.as_ref().map(|b| b.to_string()),
                    _ => None,
                }),
                raw,
            ),
            Segment::Placeholder(p, raw) => (v2_value(memo, p, lang), raw),
        };
        // An unresolvable placeholder stays as written, so nothing silently disappears.
        out.push_str(value.as_deref().unwrap_or(raw));
    }
    out
}

/// The value of a `/2` placeholder (annex, term, registration) in `lang`.
fn v2_value(memo: &Memorandum, p: Placeholder<'_>, lang: Language) -> Option<String> {
    match p {
        Placeholder::Annex(id) => memo
            .annexes
            .iter()
            .position(|a| a.id.as_str() == id)
            .map(|i| words::annex_label(i + 1, lang)),
        Placeholder::Term(field) => {
            let term = memo.term.as_ref()?;
            match field {
                "starts" => Some(words::term_starts(&term.starts, lang)),
                "duration" => Some(words::term_duration(&term.duration, lang)),
                "renewal" => Some(
                    term.renewal
                        .as_ref()
                        .map(|r| words::term_renewal(r, lang))
                        .unwrap_or_default(),
                ),
                "notice_days" => term
                    .renewal
                    .as_ref()
                    .map(|r| words::count(r.notice_days, words::Unit::Day, lang)),
                _ => None,
            }
        }
        Placeholder::Registration("number") => Some(
            memo.registration
                .as_ref()
                .map_or(UNREGISTERED.to_owned(), |r| r.number.clone()),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_and_party_fields_and_names_malformed_ones() {
        let found = scan("{{forum}} and {{ party.mvd.name }}, {{Bad}} {{party.x}} {{open");
        assert_eq!(found[0], Ok(Placeholder::Variable("forum")));
        assert_eq!(
            found[1],
            Ok(Placeholder::Party {
                id: "mvd",
                field: "name"
            })
        );
        assert_eq!(found[2], Err(PlaceholderError::BadName("Bad".into())));
        assert_eq!(found[3], Err(PlaceholderError::BadParty("party.x".into())));
        assert_eq!(found[4], Err(PlaceholderError::Unclosed("{{open".into())));
        let message = |i: usize| found[i].as_ref().unwrap_err().to_string();
        assert!(message(2).contains("{{Bad}}"), "{}", message(2));
        assert!(message(3).contains("party.<id>"), "{}", message(3));
        assert!(message(4).contains("never closed"), "{}", message(4));
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn v2_placeholders_are_found_and_an_empty_field_is_malformed() {
        let found =
            scan("{{annex.plan}} {{term.starts}} {{registration.number}} {{amends}} {{term.}}");
        assert_eq!(found[0], Ok(Placeholder::Annex("plan")));
        assert_eq!(found[1], Ok(Placeholder::Term("starts")));
        assert_eq!(found[2], Ok(Placeholder::Registration("number")));
        assert_eq!(found[3], Ok(Placeholder::Variable(AMENDS)));
        assert_eq!(found[4], Err(PlaceholderError::BadName("term.".into())));
    }

    #[test]
    fn text_without_placeholders_has_none() {
        assert!(scan("Стороны {не} используют } скобки").is_empty());
    }
}
