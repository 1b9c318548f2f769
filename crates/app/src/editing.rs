//! Editing a memorandum outside its clause text (parties, signatories, annexes, tables,
//! languages, layout, any field by path) and the translation flags that editing leaves.
//!
//! Both entry points call `kelisim_core::edit::apply`: [`Kelisim::edit_memo`] stores the result
//! as one new revision of a draft; [`edit_document`] only answers (for the editor, no store).

use std::collections::BTreeMap;

use kelisim_core::edit::{apply, Edit};
use kelisim_core::translation::{compare, FlagReason};
use kelisim_core::{Memorandum, Problem};
use kelisim_store::{FlagRow, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::MemoDoc;
use crate::dto::{MemoSummary, ProblemDto};
use crate::memos::{actor, revision_input, stored_document, summary};
use crate::{AppError, Kelisim};

/// One editing operation, as the UI and `--json` send it (mirrors `kelisim_core::edit::Edit`;
/// positions are 0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum EditDto {
    /// Sets the value at a JSON path (`parties[1].name.ru`, `term.duration.years`).
    Set {
        path: String,
        value: Value,
    },
    /// Removes an optional field or a variable.
    Remove {
        path: String,
    },
    AddParty {
        party: Value,
        at: Option<u32>,
    },
    RemoveParty {
        id: String,
    },
    MoveParty {
        id: String,
        to: u32,
    },
    AddSignatory {
        party: String,
        signatory: Value,
        at: Option<u32>,
    },
    RemoveSignatory {
        party: String,
        id: String,
    },
    MoveSignatory {
        party: String,
        id: String,
        to: u32,
    },
    AddAnnex {
        annex: Value,
        at: Option<u32>,
    },
    RemoveAnnex {
        id: String,
    },
    MoveAnnex {
        id: String,
        to: u32,
    },
    AddRow {
        annex: String,
        row: Vec<Value>,
        at: Option<u32>,
    },
    RemoveRow {
        annex: String,
        index: u32,
    },
    MoveRow {
        annex: String,
        index: u32,
        to: u32,
    },
    AddColumn {
        annex: String,
        column: Value,
        cells: Option<Vec<Value>>,
        at: Option<u32>,
    },
    RemoveColumn {
        annex: String,
        index: u32,
    },
    AddLanguage {
        language: String,
        #[serde(rename = "copyFrom")]
        copy_from: Option<String>,
    },
    RemoveLanguage {
        language: String,
    },
    SetLayout {
        layout: String,
    },
}

fn n(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

fn on(v: Option<u32>) -> Option<usize> {
    v.map(n)
}

impl From<EditDto> for Edit {
    fn from(dto: EditDto) -> Edit {
        match dto {
            EditDto::Set { path, value } => Edit::Set { path, value },
            EditDto::Remove { path } => Edit::Remove { path },
            EditDto::AddParty { party, at } => Edit::AddParty { party, at: on(at) },
            EditDto::RemoveParty { id } => Edit::RemoveParty { id },
            EditDto::MoveParty { id, to } => Edit::MoveParty { id, to: n(to) },
            EditDto::AddSignatory {
                party,
                signatory,
                at,
            } => Edit::AddSignatory {
                party,
                signatory,
                at: on(at),
            },
            EditDto::RemoveSignatory { party, id } => Edit::RemoveSignatory { party, id },
            EditDto::MoveSignatory { party, id, to } => Edit::MoveSignatory {
                party,
                id,
                to: n(to),
            },
            EditDto::AddAnnex { annex, at } => Edit::AddAnnex { annex, at: on(at) },
            EditDto::RemoveAnnex { id } => Edit::RemoveAnnex { id },
            EditDto::MoveAnnex { id, to } => Edit::MoveAnnex { id, to: n(to) },
            EditDto::AddRow { annex, row, at } => Edit::AddRow {
                annex,
                row,
                at: on(at),
            },
            EditDto::RemoveRow { annex, index } => Edit::RemoveRow {
                annex,
                index: n(index),
            },
            EditDto::MoveRow { annex, index, to } => Edit::MoveRow {
                annex,
                index: n(index),
                to: n(to),
            },
            EditDto::AddColumn {
                annex,
                column,
                cells,
                at,
            } => Edit::AddColumn {
                annex,
                column,
                cells,
                at: on(at),
            },
            EditDto::RemoveColumn { annex, index } => Edit::RemoveColumn {
                annex,
                index: n(index),
            },
            EditDto::AddLanguage {
                language,
                copy_from,
            } => Edit::AddLanguage {
                language,
                copy_from,
            },
            EditDto::RemoveLanguage { language } => Edit::RemoveLanguage { language },
            EditDto::SetLayout { layout } => Edit::SetLayout { layout },
        }
    }
}

/// What [`edit_document`] answers: the edited document when every edit could be done and the
/// result is valid, else the document unchanged and every problem with its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EditedDto {
    pub document: MemoDoc,
    /// JSON paths (`title.en`) of the texts copied into a new language.
    pub needs_translation: Vec<String>,
    /// With `refused`, why the edit was not made; otherwise every problem the edited document
    /// still has (it may be incomplete while it is typed).
    pub problems: Vec<ProblemDto>,
    /// The edit was refused: `document` is the one given, unchanged.
    pub refused: bool,
}

/// Why a text is flagged as needing translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FlagReasonDto {
    /// Another language of the text changed while this one did not.
    Drift,
    /// Copied from another language when this language was added; approval waits for it.
    NewLanguage,
}

/// A text that needs translating: stored, kept across revisions until this language is edited
/// or the flag is dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TranslationFlagDto {
    /// The JSON path of the text (`sections[0].clauses[1].text`), without the language.
    pub path: String,
    /// The language that needs translating (`kk`).
    pub language: String,
    /// The revision that raised the flag.
    pub since_revision: u32,
    pub reason: FlagReasonDto,
}

impl From<FlagRow> for TranslationFlagDto {
    fn from(row: FlagRow) -> Self {
        TranslationFlagDto {
            path: row.path,
            language: row.language,
            since_revision: crate::memos::small(row.since_revision),
            reason: match row.reason {
                FlagReason::Drift => FlagReasonDto::Drift,
                FlagReason::NewLanguage => FlagReasonDto::NewLanguage,
            },
        }
    }
}

/// The edits applied to `memo`, with the glyph check storing makes.
fn edited(
    memo: &Memorandum,
    edits: Vec<EditDto>,
) -> Result<(Memorandum, Vec<String>), Vec<Problem>> {
    let edits: Vec<Edit> = edits.into_iter().map(Edit::from).collect();
    let out = apply(memo, &edits)?;
    let glyphs = kelisim_pdf::missing_glyphs(&out.memo);
    if glyphs.is_empty() {
        Ok((out.memo, out.needs_translation))
    } else {
        Err(glyphs)
    }
}

/// Applies `edits` to a document held by the editor, without storing anything. The editor's
/// document may be incomplete (a party just added has no name yet), so the edits work on the
/// JSON as it is; the answer is the edited document with every problem it still has, or — when
/// an edit is refused — the document as it was with the refusals.
pub fn edit_document(document: &str, edits: Vec<EditDto>) -> Result<EditedDto, AppError> {
    let invalid = |message: String| AppError::InvalidInput {
        field: "document".into(),
        message,
    };
    let value: serde_json::Value =
        serde_json::from_str(document).map_err(|err| invalid(err.to_string()))?;
    let shape = |value: serde_json::Value| {
        serde_json::from_value::<MemoDoc>(value).map_err(|err| invalid(err.to_string()))
    };
    let edits: Vec<Edit> = edits.into_iter().map(Edit::from).collect();
    Ok(
        match kelisim_core::edit::apply_to_value(value.clone(), &edits) {
            Ok((edited, needs_translation)) => {
                let problems = kelisim_core::validate::check(&edited);
                EditedDto {
                    document: shape(edited)?,
                    needs_translation,
                    problems: problems.iter().map(ProblemDto::from).collect(),
                    refused: false,
                }
            }
            Err(refusals) => EditedDto {
                document: shape(value)?,
                needs_translation: Vec::new(),
                problems: refusals.iter().map(ProblemDto::from).collect(),
                refused: true,
            },
        },
    )
}

/// How many times a save is tried again when another save got in between.
const SAVE_ATTEMPTS: usize = 3;

impl Kelisim {
    /// Applies `edits` to the current revision of draft `id` and stores the result as one new
    /// revision. Refused with a conflict when the current revision is not `expected_revision`
    /// (someone saved meanwhile); refused with every problem when an edit cannot be done.
    pub async fn edit_memo(
        &self,
        id: u32,
        expected_revision: u32,
        edits: Vec<EditDto>,
    ) -> Result<MemoSummary, AppError> {
        let id64 = i64::from(id);
        let row = self.store.memorandum(id64).await?;
        let expected = i64::from(expected_revision);
        if row.current_revision != expected {
            return Err(StoreError::Stale {
                id: id64,
                expected,
                current: row.current_revision,
            }
            .into());
        }
        let rev = self.store.revision(id64, expected).await?;
        let memo = stored_document(&rev.document, id64, expected)?;
        let (new, _) = edited(&memo, edits).map_err(|problems| AppError::Invalid {
            what: format!("the edit of memorandum {id}"),
            problems,
        })?;
        self.save_with_flags(id64, &memo, &new, expected).await
    }

    /// Stores `new` as the revision after `expected` (whose document is `old`), with the
    /// translation flags the change raises and clears.
    pub(crate) async fn save_with_flags(
        &self,
        id: i64,
        old: &Memorandum,
        new: &Memorandum,
        expected: i64,
    ) -> Result<MemoSummary, AppError> {
        let open: BTreeMap<(String, String), FlagReason> = self
            .store
            .translation_flags(id)
            .await?
            .into_iter()
            .map(|f| ((f.path, f.language), f.reason))
            .collect();
        let changes = compare(old, new, &open);
        let row = self
            .store
            .save_revision(id, &revision_input(new), &actor(), Some(expected), &changes)
            .await?;
        Ok(summary(row))
    }

    /// Saves `memo` as the next revision of draft `id`, comparing it with the current one for
    /// the translation flags (tried again when another save got in between).
    pub(crate) async fn save_document(
        &self,
        id: u32,
        memo: &Memorandum,
    ) -> Result<MemoSummary, AppError> {
        let id64 = i64::from(id);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let row = self.store.memorandum(id64).await?;
            let rev = self.store.revision(id64, row.current_revision).await?;
            let old = stored_document(&rev.document, id64, rev.number)?;
            match self.save_with_flags(id64, &old, memo, rev.number).await {
                Err(AppError::Store(StoreError::Stale { .. })) if attempt < SAVE_ATTEMPTS => {}
                other => return other,
            }
        }
    }

    /// The texts of memorandum `id` that need translating.
    pub async fn translation_flags(&self, id: u32) -> Result<Vec<TranslationFlagDto>, AppError> {
        let flags = self.store.translation_flags(i64::from(id)).await?;
        Ok(flags.into_iter().map(TranslationFlagDto::from).collect())
    }

    /// Dismisses the flag on `path` in `language` (audited); the flags that remain.
    pub async fn dismiss_translation_flag(
        &self,
        id: u32,
        path: &str,
        language: &str,
    ) -> Result<Vec<TranslationFlagDto>, AppError> {
        self.store
            .dismiss_translation_flag(i64::from(id), path, language, &actor())
            .await?;
        self.translation_flags(id).await
    }

    /// Refuses approval while a text copied into a new language is not yet translated: every
    /// such text is a problem with its path.
    pub(crate) async fn refuse_untranslated(&self, id: u32) -> Result<(), AppError> {
        let problems: Vec<Problem> = self
            .translation_flags(id)
            .await?
            .into_iter()
            .filter(|f| f.reason == FlagReasonDto::NewLanguage)
            .map(|f| Problem {
                path: format!("{}.{}", f.path, f.language),
                code: "needs_translation",
                params: vec![("language", f.language.clone())],
                message: format!(
                    "copied when the language \"{}\" was added and not translated yet; \
                     translate it or dismiss the flag",
                    f.language
                ),
                line: None,
                column: None,
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid {
                what: format!("memorandum {id} cannot be approved: it"),
                problems,
            })
        }
    }
}
