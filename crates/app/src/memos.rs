//! Memorandum use cases: validate, create, edit (update, restore), read, list, compare, approve
//! and reopen. Templates, files and the audit log have their own modules.

use kelisim_core::diff::{diff, Change, Words};
use kelisim_core::placeholder::resolve;
use kelisim_core::{Memorandum, Problem};
use kelisim_store::{ListQuery, MemoRow, OrganisationInput, RevisionInput, SearchText, Sort};

use crate::dto::*;
use crate::{AppError, Kelisim};

/// The largest page a list returns.
pub const MAX_PAGE: u32 = 500;

/// Who is acting: the operating system's user name.
pub fn actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

pub(crate) fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn summary(row: MemoRow) -> MemoSummary {
    MemoSummary {
        id: small(row.id),
        status: row.status.into(),
        title: row.title,
        date: row.date,
        languages: row.languages.split(',').map(str::to_owned).collect(),
        parties: row.parties,
        current_revision: small(row.current_revision),
        approved_revision: row.approved_revision.map(small),
        created_at: row.created_at,
        updated_at: row.updated_at,
        registration_number: row.registration_number,
        expires_on: row.expires_on,
        notice_by: row.notice_by,
        amends_id: row.amends_id.map(small),
        amendments: small(row.amendments),
    }
}

/// Everything the store keeps about a revision, derived from the document.
pub(crate) fn revision_input(memo: &Memorandum) -> RevisionInput {
    let first = memo
        .languages
        .first()
        .copied()
        .unwrap_or(kelisim_core::Language::Ru);
    let text = |t: &kelisim_core::Text, lang| resolve(memo, Memorandum::text_in(t, lang), lang);
    let mut search = SearchText::default();
    for &lang in &memo.languages {
        search.title.push_str(&text(&memo.title, lang));
        search.title.push('\n');
        for party in &memo.parties {
            search.parties.push_str(&text(&party.name, lang));
            search.parties.push('\n');
            if let Some(short) = &party.short_name {
                search.parties.push_str(&text(short, lang));
                search.parties.push('\n');
            }
        }
        search.body.push_str(&text(&memo.preamble, lang));
        search.body.push('\n');
        for section in &memo.sections {
            search.body.push_str(&text(&section.heading, lang));
            search.body.push('\n');
        }
        for (_, clause) in memo.clauses() {
            search.body.push_str(&text(&clause.text, lang));
            search.body.push('\n');
        }
    }
    if let Some(registration) = &memo.registration {
        search.title.push_str(&registration.number);
        search.title.push('\n');
    }
    for party in &memo.parties {
        if let Some(bin) = &party.bin {
            search.parties.push_str(bin.as_str());
            search.parties.push('\n');
        }
    }
    let organisations = memo
        .parties
        .iter()
        .map(|p| OrganisationInput {
            party_id: p.id.to_string(),
            bin: p.bin.as_ref().map(ToString::to_string),
            name_key: Memorandum::text_in(&p.name, first).trim().to_lowercase(),
            kind: serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            party: serde_json::to_string(p).unwrap_or_default(),
        })
        .collect();
    RevisionInput {
        document: memo.canonical_json(),
        content_hash: memo.content_hash(),
        title: text(&memo.title, first),
        date: memo.date.to_string(),
        languages: memo
            .languages
            .iter()
            .map(|l| l.tag())
            .collect::<Vec<_>>()
            .join(","),
        party_names: memo
            .parties
            .iter()
            .map(|p| Memorandum::text_in(&p.name, first))
            .collect::<Vec<_>>()
            .join("; "),
        search,
        organisations,
        registration_number: memo.registration.as_ref().map(|r| r.number.clone()),
        term: crate::journal::today_utc()
            .map(|today| crate::journal::term_columns(memo, None, &today))
            .unwrap_or_default(),
    }
}

pub(crate) fn parse_document(text: &str, what: &str) -> Result<Memorandum, AppError> {
    kelisim_core::parse(text).map_err(|problems| AppError::Invalid {
        what: what.to_owned(),
        problems,
    })
}

pub(crate) fn stored_document(
    document: &str,
    id: i64,
    number: i64,
) -> Result<Memorandum, AppError> {
    // What we stored was valid when stored; a failure here means the database was edited.
    parse_document(
        document,
        &format!("revision {number} of memorandum {id} in the database"),
    )
}

impl Kelisim {
    /// Validates a document without storing anything.
    pub fn validate(&self, text: &str) -> ValidationReport {
        validate_text(text)
    }

    /// A new draft from a document composed in the app (e.g. a filled-in template).
    pub async fn create(&self, text: &str) -> Result<MemoSummary, AppError> {
        self.store_new(text, "the new memorandum", "created").await
    }

    pub(crate) async fn store_new(
        &self,
        text: &str,
        source: &str,
        action: &str,
    ) -> Result<MemoSummary, AppError> {
        let memo = document_for_storage(text, source)?;
        let row = self
            .store
            .create_memorandum(&revision_input(&memo), &actor(), action)
            .await?;
        Ok(summary(row))
    }

    /// The document of a revision (the current one by default), as readable JSON, for the
    /// editor. Reading is not exporting: nothing is recorded.
    pub async fn document(&self, id: u32, revision: Option<u32>) -> Result<String, AppError> {
        Ok(self.document_and_hash(id, revision).await?.0)
    }

    pub(crate) async fn document_and_hash(
        &self,
        id: u32,
        revision: Option<u32>,
    ) -> Result<(String, i64, String), AppError> {
        let id = i64::from(id);
        let memo = self.store.memorandum(id).await?;
        let number = revision.map_or(memo.current_revision, i64::from);
        let rev = self.store.revision(id, number).await?;
        let document = stored_document(&rev.document, id, number)?;
        let pretty =
            serde_json::to_string_pretty(&document).map_err(|err| AppError::InvalidInput {
                field: "document".into(),
                message: err.to_string(),
            })?;
        Ok((pretty + "\n", number, rev.content_hash))
    }

    /// Saves an earlier revision's text as the next revision of a draft.
    pub async fn restore(&self, id: u32, revision: u32) -> Result<MemoSummary, AppError> {
        let text = self.document(id, Some(revision)).await?;
        self.update(id, &text, &format!("revision {revision}"))
            .await
    }

    /// Saves `text` as the next revision of draft `id`.
    pub async fn update(&self, id: u32, text: &str, source: &str) -> Result<MemoSummary, AppError> {
        let memo = document_for_storage(text, source)?;
        self.save_document(id, &memo).await
    }

    /// A memorandum with its revisions.
    pub async fn show(&self, id: u32) -> Result<MemoDetail, AppError> {
        let id = i64::from(id);
        let row = self.store.memorandum(id).await?;
        let revisions = self.store.revisions(id).await?;
        let content_hash = revisions
            .iter()
            .find(|r| r.number == row.current_revision)
            .map(|r| r.content_hash.clone())
            .unwrap_or_default();
        let translation_flags = self.translation_flags(small(id)).await?;
        let base = match row.amends_id {
            Some(base) => Some(summary(self.store.memorandum(base).await?)),
            None => None,
        };
        let amendments = self.amendments_of(id).await?;
        Ok(MemoDetail {
            summary: summary(row),
            base,
            amendments,
            content_hash,
            translation_flags,
            revisions: revisions
                .into_iter()
                .map(|r| RevisionInfo {
                    number: small(r.number),
                    content_hash: r.content_hash,
                    author: r.author,
                    created_at: r.created_at,
                })
                .collect(),
        })
    }

    /// A page of the registry.
    pub async fn list(&self, params: &ListParams) -> Result<MemoPage, AppError> {
        let limit = params.limit.unwrap_or(100);
        if limit == 0 || limit > MAX_PAGE {
            return Err(AppError::InvalidInput {
                field: "limit".into(),
                message: format!("a page holds 1 to {MAX_PAGE} memorandums, not {limit}"),
            });
        }
        let today = self.refresh_terms().await?;
        let expiring_between = match params.expiring_within_days {
            None => None,
            Some(days) if days > 36_600 => {
                return Err(AppError::InvalidInput {
                    field: "expiringWithinDays".into(),
                    message: format!("0 to 36600 days, not {days}"),
                })
            }
            Some(days) => Some((today.to_string(), crate::journal::days_after(&today, days))),
        };
        let query = ListQuery {
            status: params.status.map(Into::into),
            text: params.query.clone().filter(|q| !q.trim().is_empty()),
            organisation: params.organisation.map(i64::from),
            expiring_between,
            amends: None,
            sort: match params.sort {
                SortDto::Updated => Sort::Updated,
                SortDto::Date => Sort::Date,
                SortDto::Title => Sort::Title,
            },
            limit,
            offset: params.offset.unwrap_or(0),
        };
        let page = self.store.list(&query).await?;
        Ok(MemoPage {
            items: page.rows.into_iter().map(summary).collect(),
            total: small(page.total),
        })
    }

    /// Compares two revisions, clause by clause, in every language of the newer one.
    pub async fn diff(&self, id: u32, from: u32, to: u32) -> Result<DiffDto, AppError> {
        let id64 = i64::from(id);
        let a = self.store.revision(id64, i64::from(from)).await?;
        let b = self.store.revision(id64, i64::from(to)).await?;
        let old = stored_document(&a.document, id64, a.number)?;
        let new = stored_document(&b.document, id64, b.number)?;
        let languages = new
            .languages
            .iter()
            .map(|&lang| LanguageDiff {
                language: lang.tag().to_owned(),
                changes: diff(&old, &new, lang).into_iter().map(change_dto).collect(),
            })
            .collect();
        let translation_flags = self
            .translation_flags(id)
            .await?
            .into_iter()
            .filter(|f| f.since_revision <= to)
            .collect();
        Ok(DiffDto {
            from,
            to,
            languages,
            translation_flags,
        })
    }

    /// Freezes a draft's text: renders its current revision to the PDF that will be signed and
    /// stores it with its SHA-256 and the places reserved for the signatures, in one step with
    /// the status change. When the journal assigns numbers at approval (or the memorandum has
    /// a journal entry its draft lost), the registration is saved first as a new revision, in
    /// the same transaction, and that revision is what is rendered.
    pub async fn approve(&self, id: u32) -> Result<MemoSummary, AppError> {
        let id64 = i64::from(id);
        let row = self.store.memorandum(id64).await?;
        kelisim_core::workflow::transition(row.status, kelisim_core::workflow::Action::Approve)
            .map_err(|refused| kelisim_store::StoreError::Refused { id: id64, refused })?;
        self.refuse_untranslated(id).await?;
        let rev = self.store.revision(id64, row.current_revision).await?;
        let memo = stored_document(&rev.document, id64, rev.number)?;
        let registration = self
            .registration_for(id64, &memo, crate::journal::Moment::Approval)
            .await?;
        let (doc, new_number) = match registration {
            Some((doc, new)) => (Some(doc), new),
            None => (None, None),
        };
        let rendered = crate::render::render_with_places(doc.as_ref().unwrap_or(&memo), None)?;
        let sha = crate::render::sha256_hex(&rendered.pdf);
        let places = crate::signing::places_json(&rendered.signature_fields)?;
        let approval = kelisim_store::Approval {
            revision: rev.number,
            pdf: &rendered.pdf,
            sha256: &sha,
            signature_places: &places,
            renderer: kelisim_pdf::RENDERER_VERSION,
        };
        let input = doc.as_ref().map(revision_input);
        let row = match (&new_number, &input) {
            (Some(registration), Some(revision)) => {
                let registering = kelisim_store::Registering {
                    registration,
                    revision,
                };
                self.store
                    .approve_registered(id64, Some(registering), &approval, &actor())
                    .await?
            }
            (None, Some(revision)) => {
                // The journal's number, put back into a draft that lost it.
                let kept = self.store.add_revision(id64, revision, &actor()).await?;
                let approval = kelisim_store::Approval {
                    revision: kept.current_revision,
                    ..approval
                };
                self.store
                    .approve_registered(id64, None, &approval, &actor())
                    .await?
            }
            _ => {
                self.store
                    .approve_registered(id64, None, &approval, &actor())
                    .await?
            }
        };
        Ok(summary(row))
    }

    /// Back to draft, as a new revision.
    pub async fn reopen(&self, id: u32) -> Result<MemoSummary, AppError> {
        Ok(summary(self.store.reopen(i64::from(id), &actor()).await?))
    }
}

/// The one check of a document before it is stored — by create, new_memo, import (JSON) and
/// update — and what `validate` reports: the schema, then every character drawable with the
/// bundled fonts (a file that passes cannot fail at approval for a glyph).
pub(crate) fn check_document(text: &str) -> Result<Memorandum, Vec<Problem>> {
    let memo = kelisim_core::parse(text)?;
    let glyphs = kelisim_pdf::missing_glyphs(&memo);
    if glyphs.is_empty() {
        Ok(memo)
    } else {
        Err(glyphs)
    }
}

/// [`check_document`] as the error every storing entry point returns.
pub(crate) fn document_for_storage(text: &str, what: &str) -> Result<Memorandum, AppError> {
    check_document(text).map_err(|problems| AppError::Invalid {
        what: what.to_owned(),
        problems,
    })
}

/// The glyph half of [`check_document`], for a document composed here (a template filled in).
pub(crate) fn check_glyphs(memo: Memorandum, what: &str) -> Result<Memorandum, AppError> {
    let problems = kelisim_pdf::missing_glyphs(&memo);
    if problems.is_empty() {
        Ok(memo)
    } else {
        Err(AppError::Invalid {
            what: what.to_owned(),
            problems,
        })
    }
}

/// Validation as a report (used by `validate` and by tests): the same check as storing.
pub fn validate_text(text: &str) -> ValidationReport {
    match check_document(text) {
        Ok(memo) => ValidationReport {
            valid: true,
            content_hash: Some(memo.content_hash()),
            problems: Vec::new(),
        },
        Err(problems) => ValidationReport {
            valid: false,
            content_hash: None,
            problems: problems.iter().map(ProblemDto::from).collect(),
        },
    }
}

fn change_dto(change: Change) -> ChangeDto {
    match change {
        Change::Added { label, text } => ChangeDto::Added { label, text },
        Change::Removed { label, text } => ChangeDto::Removed { label, text },
        Change::Changed {
            old_label,
            new_label,
            words,
        } => ChangeDto::Changed {
            label: new_label,
            previous: old_label,
            words: words
                .into_iter()
                .map(|w| match w {
                    Words::Same(s) => WordsDto::Same(s),
                    Words::Removed(s) => WordsDto::Removed(s),
                    Words::Added(s) => WordsDto::Added(s),
                })
                .collect(),
        },
    }
}
