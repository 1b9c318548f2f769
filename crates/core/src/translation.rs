//! Translation drift: which texts need translating after a revision.
//!
//! Comparing a revision with the one before, text by text (every text of the document: title,
//! clauses, party names, table cells…): when one language of a text changed while another did
//! not, the unchanged languages are flagged ([`FlagReason::Drift`]); a flagged language that is
//! edited loses its flag, and catching up does not flag the others. A language added since the
//! previous revision whose text is a copy of another language's is flagged
//! [`FlagReason::NewLanguage`]. Flags of texts that are gone are cleared.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::texts;
use crate::model::Memorandum;

/// Why a text is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagReason {
    /// Another language of the text changed while this one did not.
    Drift,
    /// The text was copied from another language when this language was added.
    NewLanguage,
}

impl FlagReason {
    /// The word stored and shown: `drift` or `new_language`.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagReason::Drift => "drift",
            FlagReason::NewLanguage => "new_language",
        }
    }

    /// The reason a stored word names.
    pub fn parse(s: &str) -> Option<FlagReason> {
        match s {
            "drift" => Some(FlagReason::Drift),
            "new_language" => Some(FlagReason::NewLanguage),
            _ => None,
        }
    }
}

/// One text in one language: (JSON path of the text, language tag).
pub type Place = (String, String);

/// What a revision changes in the flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagChanges {
    /// Flags to raise (kept as they are when already open).
    pub raise: Vec<(String, String, FlagReason)>,
    /// Flags to clear: languages edited, texts gone.
    pub clear: Vec<Place>,
}

/// What going from `old` to `new` does to the flags, given the flags `open` before.
pub fn compare(old: &Memorandum, new: &Memorandum, open: &BTreeSet<Place>) -> FlagChanges {
    let before: BTreeMap<String, BTreeMap<String, String>> = texts(&old.to_value())
        .into_iter()
        .map(|t| (t.path, t.values))
        .collect();
    let old_languages: BTreeSet<&str> = old.languages.iter().map(|l| l.tag()).collect();
    let mut out = FlagChanges::default();
    let mut seen = BTreeSet::new();
    for text in texts(&new.to_value()) {
        if let Some(was) = before.get(&text.path) {
            compare_text(&text.path, was, &text.values, open, &mut out);
        }
        for (lang, value) in &text.values {
            seen.insert((text.path.clone(), lang.clone()));
            let copied = text.values.iter().any(|(l, v)| l != lang && v == value);
            if !old_languages.contains(lang.as_str()) && copied {
                out.raise
                    .push((text.path.clone(), lang.clone(), FlagReason::NewLanguage));
            }
        }
    }
    for (path, values) in before {
        for lang in values.into_keys() {
            let place = (path.clone(), lang);
            if !seen.contains(&place) {
                out.clear.push(place);
            }
        }
    }
    out
}

/// One text present in both revisions.
fn compare_text(
    path: &str,
    was: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
    open: &BTreeSet<Place>,
    out: &mut FlagChanges,
) {
    let common: Vec<&String> = now.keys().filter(|l| was.contains_key(*l)).collect();
    let (changed, unchanged): (Vec<&String>, Vec<&String>) =
        common.into_iter().partition(|l| was.get(*l) != now.get(*l));
    let flagged = |l: &String| open.contains(&(path.to_owned(), l.clone()));
    let drifted = changed.iter().any(|l| !flagged(l));
    for lang in &changed {
        out.clear.push((path.to_owned(), (*lang).clone()));
    }
    if drifted {
        for lang in unchanged {
            out.raise
                .push((path.to_owned(), lang.clone(), FlagReason::Drift));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, Edit};
    use serde_json::json;

    fn memo() -> Memorandum {
        crate::parse(include_str!("../tests/fixtures/youth-volunteering.json")).unwrap()
    }

    fn after(memo: &Memorandum, path: &str, value: &str) -> Memorandum {
        let edit = Edit::Set {
            path: path.into(),
            value: json!(value),
        };
        apply(memo, &[edit]).unwrap().memo
    }

    fn place(path: &str, lang: &str) -> Place {
        (path.to_owned(), lang.to_owned())
    }

    #[test]
    fn one_language_changed_flags_the_other() {
        let old = memo();
        let new = after(&old, "sections[0].clauses[0].text.ru", "Новый текст.");
        let changes = compare(&old, &new, &BTreeSet::new());
        assert_eq!(
            changes.raise,
            [(
                "sections[0].clauses[0].text".to_owned(),
                "kk".to_owned(),
                FlagReason::Drift
            )]
        );
        assert_eq!(changes.clear, [place("sections[0].clauses[0].text", "ru")]);
    }

    #[test]
    fn both_languages_changed_or_nothing_changed_flags_nothing() {
        let old = memo();
        let new = after(&old, "title.ru", "Меморандум");
        let both = after(&new, "title.kk", "Меморандум");
        assert!(compare(&old, &both, &BTreeSet::new()).raise.is_empty());
        assert_eq!(
            compare(&old, &old, &BTreeSet::new()),
            FlagChanges::default()
        );
    }

    #[test]
    fn catching_up_a_flagged_language_clears_it_and_flags_nothing_else() {
        let old = memo();
        let new = after(&old, "title.kk", "Жаңа атау");
        let open = BTreeSet::from([place("title", "kk")]);
        let changes = compare(&old, &new, &open);
        assert!(changes.raise.is_empty(), "{changes:?}");
        assert_eq!(changes.clear, [place("title", "kk")]);
    }

    #[test]
    fn a_new_language_copied_is_flagged_and_removed_texts_are_cleared() {
        let old = memo();
        let add = Edit::AddLanguage {
            language: "en".into(),
            copy_from: None,
        };
        let edited = apply(&old, &[add]).unwrap();
        let changes = compare(&old, &edited.memo, &BTreeSet::new());
        let flagged: Vec<String> = changes
            .raise
            .iter()
            .map(|(p, l, r)| {
                assert_eq!(*r, FlagReason::NewLanguage);
                format!("{p}.{l}")
            })
            .collect();
        assert_eq!(flagged, edited.needs_translation);
        let drop = Edit::RemoveLanguage {
            language: "en".into(),
        };
        let back = apply(&edited.memo, &[drop]).unwrap().memo;
        let changes = compare(&edited.memo, &back, &BTreeSet::new());
        assert!(changes.clear.contains(&place("title", "en")));
        assert!(changes.raise.is_empty());
    }
}
