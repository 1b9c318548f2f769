//! `{{name}}` and `{{party.<id>.<field>}}` placeholders: finding them and resolving them.

use crate::ids::Language;
use crate::model::{Memorandum, Text};

/// The party fields a placeholder can name.
pub const PARTY_FIELDS: [&str; 4] = ["name", "short_name", "address", "bin"];

/// One placeholder found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder<'a> {
    Variable(&'a str),
    Party { id: &'a str, field: &'a str },
}

/// Every placeholder in `text`, in order; a malformed one is an `Err` saying what is wrong.
pub fn scan(text: &str) -> Vec<Result<Placeholder<'_>, String>> {
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
    Malformed(String, &'a str),
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
                format!(
                    "\"{{{{\" at \"{}\" is never closed with \"}}}}\"",
                    excerpt(&rest[start..])
                ),
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

fn parse_inner(inner: &str) -> Result<Placeholder<'_>, String> {
    if let Some(party) = inner.strip_prefix("party.") {
        let mut parts = party.splitn(2, '.');
        match (parts.next(), parts.next()) {
            (Some(id), Some(field)) if !id.is_empty() && !field.is_empty() => {
                Ok(Placeholder::Party { id, field })
            }
            _ => Err(format!(
                "{{{{{inner}}}}} should be {{{{party.<id>.<{}>}}}}",
                PARTY_FIELDS.join("|")
            )),
        }
    } else if !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(Placeholder::Variable(inner))
    } else {
        Err(format!(
            "{{{{{inner}}}}} is neither a variable name (a-z, 0-9, _) nor party.<id>.<field>"
        ))
    }
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
                    .map(|(_, t)| pick(t)),
                raw,
            ),
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
        };
        // An unresolvable placeholder stays as written, so nothing silently disappears.
        out.push_str(value.as_deref().unwrap_or(raw));
    }
    out
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
        assert!(found[2].as_ref().unwrap_err().contains("{{Bad}}"));
        assert!(found[3].as_ref().unwrap_err().contains("party.<id>"));
        assert!(found[4].as_ref().unwrap_err().contains("never closed"));
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn text_without_placeholders_has_none() {
        assert!(scan("Стороны {не} используют } скобки").is_empty());
    }
}
