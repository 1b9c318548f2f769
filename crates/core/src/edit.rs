//! Editing operations on a memorandum: everything a user can change outside the clause text,
//! each as one [`Edit`], applied in order by [`apply`].
//!
//! The edits work on the document as JSON, so that a half-finished change (a new party without
//! a name yet) is reported by the validator with its path instead of being unrepresentable. An
//! operation that cannot be done at all (removing the last signatory, a party a placeholder
//! still names, a path that does not exist) is refused with a [`Problem`] naming the place.
//! Every successful apply marks the document `/2` and validates the result.

mod ops;
mod path;
mod table;
mod texts;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Memorandum, FORMAT_V2};
use crate::validate::{from_value, problem_with, Problem};

pub use path::{parse_path, Step};
pub use texts::{texts, TextAt};

/// One editing operation. Positions (`at`, `to`, `index`) are 0-based.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Sets the value at a JSON path (`parties[1].name.ru`, `term.duration.years`), creating
    /// missing optional objects on the way.
    Set { path: String, value: Value },
    /// Removes an optional field (or a variable).
    Remove { path: String },
    /// Adds a party (at the end unless `at`); an empty or taken id becomes a fresh one.
    AddParty {
        party: Value,
        #[serde(default)]
        at: Option<usize>,
    },
    /// Removes a party no placeholder names.
    RemoveParty { id: String },
    /// Moves a party to position `to`.
    MoveParty { id: String, to: usize },
    /// Adds a signatory to a party; an empty or taken id becomes a fresh one.
    AddSignatory {
        party: String,
        signatory: Value,
        #[serde(default)]
        at: Option<usize>,
    },
    /// Removes a signatory (never a party's last one).
    RemoveSignatory { party: String, id: String },
    /// Moves a signatory within its party.
    MoveSignatory {
        party: String,
        id: String,
        to: usize,
    },
    /// Adds an annex; an empty or taken id becomes a fresh one.
    AddAnnex {
        annex: Value,
        #[serde(default)]
        at: Option<usize>,
    },
    /// Removes an annex no placeholder names.
    RemoveAnnex { id: String },
    /// Moves an annex to position `to`.
    MoveAnnex { id: String, to: usize },
    /// Adds a row of cells (one text per column) to an annex's table.
    AddRow {
        annex: String,
        row: Vec<Value>,
        #[serde(default)]
        at: Option<usize>,
    },
    /// Removes a row of an annex's table.
    RemoveRow { annex: String, index: usize },
    /// Moves a row of an annex's table.
    MoveRow {
        annex: String,
        index: usize,
        to: usize,
    },
    /// Adds a column (`{heading, width?}`) and its cells, one per row (empty texts when absent).
    AddColumn {
        annex: String,
        column: Value,
        #[serde(default)]
        cells: Option<Vec<Value>>,
        #[serde(default)]
        at: Option<usize>,
    },
    /// Removes a column and its cells (never the last column).
    RemoveColumn { annex: String, index: usize },
    /// Adds a language: every text gets a copy of its `copy_from` text (the first language by
    /// default), reported in [`Edited::needs_translation`]; a single layout becomes parallel.
    AddLanguage {
        language: String,
        #[serde(default)]
        copy_from: Option<String>,
    },
    /// Removes a language everywhere; with one language left the layout becomes single.
    RemoveLanguage { language: String },
    /// Sets the layout.
    SetLayout { layout: String },
}

/// The result of [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The edited, valid, `/2` document.
    pub memo: Memorandum,
    /// JSON paths (`sections[0].clauses[1].text.en`) of the texts copied into a new language.
    pub needs_translation: Vec<String>,
}

/// Applies `edits` in order to `memo`. Returns every problem: the refusals of the edits, or,
/// when every edit could be done, the validator's problems with the result.
pub fn apply(memo: &Memorandum, edits: &[Edit]) -> Result<Edited, Vec<Problem>> {
    let (doc, needs_translation) = apply_to_value(memo.to_value(), edits)?;
    let memo = from_value(doc)?;
    Ok(Edited {
        memo,
        needs_translation,
    })
}

/// [`apply`] without the final validation: the edited JSON (tagged `/2`) and the copied texts.
/// Refusals are collected over all edits (an edit that is refused changes nothing).
pub fn apply_to_value(
    mut doc: Value,
    edits: &[Edit],
) -> Result<(Value, Vec<String>), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut needs_translation = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        match ops::apply_one(&mut doc, edit) {
            Ok(copied) => needs_translation.extend(copied),
            Err(mut refused) => {
                for p in &mut refused {
                    p.params.push(("edit", i.to_string()));
                }
                problems.extend(refused);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(map) = doc.as_object_mut() {
        map.insert("format".into(), Value::String(FORMAT_V2.into()));
    }
    Ok((doc, needs_translation))
}

/// A refusal of an edit.
pub(crate) fn refuse(
    path: &str,
    code: &'static str,
    params: Vec<(&'static str, String)>,
    message: String,
) -> Vec<Problem> {
    vec![problem_with(path, code, params, message)]
}

#[cfg(test)]
mod tests;
