//! Comparing two revisions clause by clause, per language, with word-level changes inside a
//! changed clause (a redline).

use crate::ids::Language;
use crate::model::{Clause, Memorandum};
use crate::numbering::{clause_label, section_label, NumberingStyle};

/// One unit of text in a revision: its label («1.2.», «title») and its text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub text: String,
}

/// Every text of `memo` in `lang`, in reading order.
pub fn items(memo: &Memorandum, lang: Language) -> Vec<Item> {
    let t = |text: &crate::model::Text| Memorandum::text_in(text, lang).to_owned();
    let mut out = vec![
        Item {
            label: "title".into(),
            text: t(&memo.title),
        },
        Item {
            label: "place".into(),
            text: t(&memo.place),
        },
        Item {
            label: "date".into(),
            text: memo.date.to_string(),
        },
    ];
    for party in &memo.parties {
        out.push(Item {
            label: format!("party {}", party.id),
            text: t(&party.name),
        });
        for s in &party.signatories {
            out.push(Item {
                label: format!("party {} signatory {}", party.id, s.id),
                text: format!("{}, {}", t(&s.position), t(&s.name)),
            });
        }
    }
    out.push(Item {
        label: "preamble".into(),
        text: t(&memo.preamble),
    });
    fn walk(path: &mut Vec<usize>, clauses: &[Clause], lang: Language, out: &mut Vec<Item>) {
        for (i, c) in clauses.iter().enumerate() {
            path.push(i);
            out.push(Item {
                label: clause_label(path),
                text: Memorandum::text_in(&c.text, lang).to_owned(),
            });
            walk(path, &c.clauses, lang, out);
            path.pop();
        }
    }
    for (s, section) in memo.sections.iter().enumerate() {
        out.push(Item {
            label: section_label(s, lang, NumberingStyle::Plain),
            text: t(&section.heading),
        });
        walk(&mut vec![s], &section.clauses, lang, &mut out);
    }
    out
}

/// A word-level piece of a changed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

/// One difference between two revisions in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        label: String,
        text: String,
    },
    Removed {
        label: String,
        text: String,
    },
    Changed {
        old_label: String,
        new_label: String,
        words: Vec<Words>,
    },
}

/// The differences between `old` and `new` in `lang`; empty when the texts are the same.
pub fn diff(old: &Memorandum, new: &Memorandum, lang: Language) -> Vec<Change> {
    let a = items(old, lang);
    let b = items(new, lang);
    let texts_a: Vec<&str> = a.iter().map(|i| i.text.as_str()).collect();
    let texts_b: Vec<&str> = b.iter().map(|i| i.text.as_str()).collect();
    let mut out = Vec::new();
    let mut removed: Vec<&Item> = Vec::new();
    let mut added: Vec<&Item> = Vec::new();
    let flush = |removed: &mut Vec<&Item>, added: &mut Vec<&Item>, out: &mut Vec<Change>| {
        let paired = removed.len().min(added.len());
        for (r, a) in removed.iter().zip(added.iter()).take(paired) {
            out.push(Change::Changed {
                old_label: r.label.clone(),
                new_label: a.label.clone(),
                words: word_diff(&r.text, &a.text),
            });
        }
        for r in &removed[paired..] {
            out.push(Change::Removed {
                label: r.label.clone(),
                text: r.text.clone(),
            });
        }
        for a in &added[paired..] {
            out.push(Change::Added {
                label: a.label.clone(),
                text: a.text.clone(),
            });
        }
        removed.clear();
        added.clear();
    };
    for op in lcs(&texts_a, &texts_b) {
        match op {
            Op::Same(_) => flush(&mut removed, &mut added, &mut out),
            Op::Removed(i) => removed.push(&a[i]),
            Op::Added(j) => added.push(&b[j]),
        }
    }
    flush(&mut removed, &mut added, &mut out);
    out
}

fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let a: Vec<&str> = old.split_inclusive(' ').collect();
    let b: Vec<&str> = new.split_inclusive(' ').collect();
    let mut out: Vec<Words> = Vec::new();
    for op in lcs(&a, &b) {
        let piece = match op {
            Op::Same(i) => Words::Same(a[i].to_owned()),
            Op::Removed(i) => Words::Removed(a[i].to_owned()),
            Op::Added(j) => Words::Added(b[j].to_owned()),
        };
        // Merge runs of the same kind so a rewritten phrase reads as one change.
        match (out.last_mut(), piece) {
            (Some(Words::Same(s)), Words::Same(p))
            | (Some(Words::Removed(s)), Words::Removed(p))
            | (Some(Words::Added(s)), Words::Added(p)) => s.push_str(&p),
            (_, piece) => out.push(piece),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Same(usize),
    Removed(usize),
    Added(usize),
}

/// A shortest edit script by longest common subsequence, after trimming the common prefix and
/// suffix (most revisions change little, so the table stays small).
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let (n, m) = (ma.len(), mb.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if ma[i] == mb[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let mut ops: Vec<Op> = (0..prefix).map(Op::Same).collect();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            ops.push(Op::Same(prefix + i));
            i += 1;
            j += 1;
        } else if j < m && (i == n || table[at(i, j + 1)] >= table[at(i + 1, j)]) {
            ops.push(Op::Added(prefix + j));
            j += 1;
        } else {
            ops.push(Op::Removed(prefix + i));
            i += 1;
        }
    }
    ops.extend((0..suffix).map(|k| Op::Same(a.len() - suffix + k)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::find;

    fn memo() -> Memorandum {
        find("state-ngo-kk-ru")
            .unwrap()
            .instantiate(None, &[])
            .unwrap()
    }

    #[test]
    fn identical_revisions_have_no_changes() {
        let m = memo();
        assert!(diff(&m, &m, Language::Ru).is_empty());
    }

    #[test]
    fn a_reworded_clause_shows_its_words_and_the_other_language_is_unchanged() {
        let old = memo();
        let mut new = old.clone();
        let text = new.sections[0].clauses[0]
            .text
            .get_mut(&Language::Ru)
            .unwrap();
        *text = text.replacen("сотрудничество", "долгосрочное сотрудничество", 1);
        let changes = diff(&old, &new, Language::Ru);
        assert_eq!(changes.len(), 1, "{changes:#?}");
        let Change::Changed {
            old_label,
            new_label,
            words,
        } = &changes[0]
        else {
            panic!("{changes:?}")
        };
        assert_eq!((old_label.as_str(), new_label.as_str()), ("1.1.", "1.1."));
        assert!(
            words.contains(&Words::Added("долгосрочное ".into())),
            "{words:?}"
        );
        assert!(diff(&old, &new, Language::Kk).is_empty());
    }

    #[test]
    fn an_inserted_clause_is_an_addition_and_later_numbers_move() {
        let old = memo();
        let mut new = old.clone();
        let mut inserted = new.sections[1].clauses[0].clone();
        inserted.clauses.clear();
        inserted
            .text
            .insert(Language::Ru, "Новый пункт о цифровизации.".into());
        new.sections[1].clauses.insert(0, inserted);
        let changes = diff(&old, &new, Language::Ru);
        assert_eq!(
            changes,
            vec![Change::Added {
                label: "2.1.".into(),
                text: "Новый пункт о цифровизации.".into()
            }]
        );
    }

    #[test]
    fn a_removed_section_lists_its_heading_and_clauses() {
        let old = memo();
        let mut new = old.clone();
        let gone = new.sections.remove(6);
        let changes = diff(&old, &new, Language::Kk);
        let removed = changes
            .iter()
            .filter(|c| matches!(c, Change::Removed { .. }))
            .count();
        assert_eq!(removed, 1 + gone.clauses.len(), "{changes:#?}");
    }
}
