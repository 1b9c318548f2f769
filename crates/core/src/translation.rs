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

/// What going from `old` to `new` does to the flags, given the flags `open` before (with
/// their reasons).
///
/// Texts are known by their path, and a move changes paths: a text whose exact values
/// (every language, not all empty) left its path and are found at exactly one other path
/// moved there, and its open flags go with it. A path a text moved to or from is not compared
/// with what it held before (that would read a move as an edit of every language).
pub fn compare(
    old: &Memorandum,
    new: &Memorandum,
    open: &BTreeMap<Place, FlagReason>,
) -> FlagChanges {
    let before = by_path(old);
    let after = by_path(new);
    let moves = moves(&before, &after);
    let old_languages: BTreeSet<&str> = old.languages.iter().map(|l| l.tag()).collect();
    let mut out = FlagChanges::default();
    let mut seen = BTreeSet::new();
    let moved_here: BTreeSet<&str> = moves.values().map(String::as_str).collect();
    for (path, values) in &after {
        let moved = moves.contains_key(path) || moved_here.contains(path.as_str());
        match before.get(path) {
            Some(was) if !moved => compare_text(path, was, values, open, &mut out),
            Some(was) => out
                .clear
                .extend(was.keys().map(|l| (path.clone(), l.clone()))),
            None => {}
        }
        for (lang, value) in values {
            seen.insert((path.clone(), lang.clone()));
            let copied = values.iter().any(|(l, v)| l != lang && v == value);
            if !old_languages.contains(lang.as_str()) && copied {
                out.raise
                    .push((path.clone(), lang.clone(), FlagReason::NewLanguage));
            }
        }
    }
    for (path, values) in &before {
        for lang in values.keys() {
            let place = (path.clone(), lang.clone());
            if !seen.contains(&place) {
                out.clear.push(place);
            }
        }
    }
    for ((path, lang), reason) in open {
        if let Some(to) = moves.get(path) {
            out.raise.push((to.clone(), lang.clone(), *reason));
        }
    }
    out
}

type Values = BTreeMap<String, String>;

fn by_path(memo: &Memorandum) -> BTreeMap<String, Values> {
    texts(&memo.to_value())
        .into_iter()
        .map(|t| (t.path, t.values))
        .collect()
}

/// The texts that moved: old path → new path.
fn moves(
    before: &BTreeMap<String, Values>,
    after: &BTreeMap<String, Values>,
) -> BTreeMap<String, String> {
    let mut at: BTreeMap<&Values, Vec<&String>> = BTreeMap::new();
    for (path, values) in after {
        at.entry(values).or_default().push(path);
    }
    let mut out = BTreeMap::new();
    for (path, values) in before {
        if after.get(path) == Some(values) || values.values().all(String::is_empty) {
            continue;
        }
        let Some([to]) = at.get(values).map(Vec::as_slice) else {
            continue;
        };
        if before.get(*to) != Some(values) {
            out.insert(path.clone(), (*to).clone());
        }
    }
    out
}

/// One text present in both revisions.
fn compare_text(
    path: &str,
    was: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
    open: &BTreeMap<Place, FlagReason>,
    out: &mut FlagChanges,
) {
    let common: Vec<&String> = now.keys().filter(|l| was.contains_key(*l)).collect();
    let (changed, unchanged): (Vec<&String>, Vec<&String>) =
        common.into_iter().partition(|l| was.get(*l) != now.get(*l));
    let flagged = |l: &String| open.contains_key(&(path.to_owned(), l.clone()));
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
        let changes = compare(&old, &new, &BTreeMap::new());
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
        assert!(compare(&old, &both, &BTreeMap::new()).raise.is_empty());
        assert_eq!(
            compare(&old, &old, &BTreeMap::new()),
            FlagChanges::default()
        );
    }

    #[test]
    fn catching_up_a_flagged_language_clears_it_and_flags_nothing_else() {
        let old = memo();
        let new = after(&old, "title.kk", "Жаңа атау");
        let open = BTreeMap::from([(place("title", "kk"), FlagReason::Drift)]);
        let changes = compare(&old, &new, &open);
        assert!(changes.raise.is_empty(), "{changes:?}");
        assert_eq!(changes.clear, [place("title", "kk")]);
    }

    #[test]
    fn a_flag_moves_with_its_text_and_a_move_raises_no_drift() {
        let old = memo();
        let mut new = old.clone();
        new.sections.swap(0, 1);
        let first = "sections[0].clauses[0].text";
        let second = "sections[1].clauses[0].text";
        let open = BTreeMap::from([(place(first, "kk"), FlagReason::Drift)]);
        let changes = compare(&old, &new, &open);
        assert_eq!(
            changes.raise,
            [(second.to_owned(), "kk".to_owned(), FlagReason::Drift)]
        );
        assert!(changes.clear.contains(&place(first, "kk")));
        // Applied as the store does (clear, then raise): the flag is at the moved text only.
        let mut flags: BTreeSet<Place> = open.into_keys().collect();
        for c in &changes.clear {
            flags.remove(c);
        }
        flags.extend(changes.raise.iter().map(|(p, l, _)| (p.clone(), l.clone())));
        assert_eq!(flags, BTreeSet::from([place(second, "kk")]));
    }

    #[test]
    fn a_new_language_copied_is_flagged_and_removed_texts_are_cleared() {
        let old = memo();
        let add = Edit::AddLanguage {
            language: "en".into(),
            copy_from: None,
        };
        let edited = apply(&old, &[add]).unwrap();
        let changes = compare(&old, &edited.memo, &BTreeMap::new());
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
        let changes = compare(&edited.memo, &back, &BTreeMap::new());
        assert!(changes.clear.contains(&place("title", "en")));
        assert!(changes.raise.is_empty());
    }
}
