//! Memorandums, their revisions and the workflow's status: creating, editing (a new revision),
//! reopening, reading and listing. Each write is one transaction with its audit entry, its search
//! index entry and its parties' registry rows; a workflow step the status does not allow is
//! refused inside the transaction, so it leaves nothing behind.

use kelisim_core::translation::FlagChanges;
use kelisim_core::workflow::{transition, Action, Status};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};

use crate::audit::append;
use crate::organisations::{link_parties, OrganisationInput};
use crate::search::{fts_query, SearchText};
use crate::{now, Store, StoreError};

/// What the app hands over for each saved revision: the document and what is derived from it.
#[derive(Debug, Clone, Default)]
pub struct RevisionInput {
    /// Canonical JSON (RFC 8785) of the memorandum.
    pub document: String,
    /// `sha256:<hex>` of `document`.
    pub content_hash: String,
    /// The title in the first language (for lists).
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Language tags joined by commas.
    pub languages: String,
    /// Party names in the first language, joined by "; ".
    pub party_names: String,
    /// Text indexed for search: every language.
    pub search: SearchText,
    pub organisations: Vec<OrganisationInput>,
    /// The document's registration number, if it has one.
    pub registration_number: Option<String>,
    /// The term's dates as of today (`kelisim_core::term`).
    pub term: TermColumns,
}

/// A memorandum's term dates as stored (see `kelisim_core::term::term_dates`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermColumns {
    /// `YYYY-MM-DD`: the last day of the current period.
    pub expires_on: Option<String>,
    /// `YYYY-MM-DD`: the last day notice stops the next renewal.
    pub notice_by: Option<String>,
    /// The term renews, so the dates move forward as periods pass.
    pub renews: bool,
}

/// A memorandum as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoRow {
    pub id: i64,
    pub status: Status,
    pub current_revision: i64,
    pub approved_revision: Option<i64>,
    pub title: String,
    pub date: String,
    pub languages: String,
    pub parties: String,
    pub created_at: String,
    pub updated_at: String,
    /// The end of the current period of its term, `YYYY-MM-DD`.
    pub expires_on: Option<String>,
    /// When notice of non-renewal is due, `YYYY-MM-DD`.
    pub notice_by: Option<String>,
    /// Its registration number.
    pub registration_number: Option<String>,
    /// For an amendment: the memorandum it amends.
    pub amends_id: Option<i64>,
    /// How many amendments amend it.
    pub amendments: i64,
}

/// One stored revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub number: i64,
    pub content_hash: String,
    pub document: String,
    pub author: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// By the memorandum's date, newest first.
    Date,
    /// By title, A–Я.
    Title,
}

#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub status: Option<Status>,
    /// Full-text search over titles, parties and clauses, any language, any case.
    pub text: Option<String>,
    /// Only memorandums with this organisation as a party.
    pub organisation: Option<i64>,
    /// Only memorandums whose current period ends between these days (inclusive, `YYYY-MM-DD`).
    pub expiring_between: Option<(String, String)>,
    /// Only the amendments of this memorandum.
    pub amends: Option<i64>,
    pub sort: Sort,
    pub limit: u32,
    pub offset: u32,
}

/// A page of results and how many there are in all.
#[derive(Debug, Clone)]
pub struct Page {
    pub rows: Vec<MemoRow>,
    pub total: i64,
}

const MEMO_COLUMNS: &str = "m.id, m.status, m.current_revision, m.approved_revision, m.title, \
     m.memo_date, m.languages, m.parties, m.created_at, m.updated_at, m.expires_on, m.notice_by, \
     m.registration_number, m.amends_id, \
     (SELECT count(*) FROM memorandums a WHERE a.amends_id = m.id) AS amendments";

fn memo_row(row: &SqliteRow) -> Result<MemoRow, StoreError> {
    let status: String = row
        .try_get("status")
        .map_err(StoreError::sql("read a memorandum"))?;
    let get = |name: &str| -> Result<String, StoreError> {
        row.try_get(name)
            .map_err(StoreError::sql("read a memorandum"))
    };
    Ok(MemoRow {
        id: row
            .try_get("id")
            .map_err(StoreError::sql("read a memorandum"))?,
        status: Status::parse(&status).ok_or_else(|| StoreError::Sql {
            action: "read a memorandum's status",
            source: sqlx::Error::Decode(format!("unknown status {status:?}").into()),
        })?,
        current_revision: row
            .try_get("current_revision")
            .map_err(StoreError::sql("read a memorandum"))?,
        approved_revision: row
            .try_get("approved_revision")
            .map_err(StoreError::sql("read a memorandum"))?,
        title: get("title")?,
        date: get("memo_date")?,
        languages: get("languages")?,
        parties: get("parties")?,
        created_at: get("created_at")?,
        updated_at: get("updated_at")?,
        expires_on: row
            .try_get("expires_on")
            .map_err(StoreError::sql("read a memorandum"))?,
        notice_by: row
            .try_get("notice_by")
            .map_err(StoreError::sql("read a memorandum"))?,
        registration_number: row
            .try_get("registration_number")
            .map_err(StoreError::sql("read a memorandum"))?,
        amends_id: row
            .try_get("amends_id")
            .map_err(StoreError::sql("read a memorandum"))?,
        amendments: row
            .try_get("amendments")
            .map_err(StoreError::sql("read a memorandum"))?,
    })
}

/// Creates a memorandum as a draft with its first revision, inside `tx`; its id.
pub(crate) async fn create_in(
    tx: &mut Transaction<'_, Sqlite>,
    input: &RevisionInput,
    actor: &str,
    action: &str,
) -> Result<i64, StoreError> {
    create_linked_in(tx, input, None, actor, action).await
}

/// [`create_in`] for a memorandum that amends `amends` (when given).
pub(crate) async fn create_linked_in(
    tx: &mut Transaction<'_, Sqlite>,
    input: &RevisionInput,
    amends: Option<i64>,
    actor: &str,
    action: &str,
) -> Result<i64, StoreError> {
    let at = now(tx).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO memorandums (status, current_revision, title, memo_date, languages, parties,
                                  created_at, updated_at, amends_id)
         VALUES ('draft', 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&input.title)
    .bind(&input.date)
    .bind(&input.languages)
    .bind(&input.party_names)
    .bind(&at)
    .bind(&at)
    .bind(amends)
    .fetch_one(&mut **tx)
    .await
    .map_err(StoreError::sql("create a memorandum"))?;
    insert_revision(tx, id, 1, input, actor, &at).await?;
    index(tx, id, input, &at).await?;
    set_derived(tx, id, input).await?;
    let mut details = serde_json::json!({ "revision": 1, "content_hash": input.content_hash, "title": input.title });
    if let Some(base) = amends {
        details["amends"] = serde_json::json!(base);
    }
    append(tx, Some(id), action, actor, &details, &at).await?;
    Ok(id)
}

impl Store {
    /// Creates a memorandum as a draft with its first revision.
    pub async fn create_memorandum(
        &self,
        input: &RevisionInput,
        actor: &str,
        action: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = create_in(&mut tx, input, actor, action).await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("save a memorandum"))?;
        Ok(row)
    }

    /// Saves a new revision of a draft. Saving the same content again adds nothing.
    pub async fn add_revision(
        &self,
        id: i64,
        input: &RevisionInput,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        self.save_revision(id, input, actor, None, &FlagChanges::default())
            .await
    }

    /// Saves a new revision of a draft made against revision `expected` (refused as stale when
    /// the memorandum has moved on), with the translation flags it changes, in one transaction.
    /// Saving the same content again adds nothing.
    pub async fn save_revision(
        &self,
        id: i64,
        input: &RevisionInput,
        actor: &str,
        expected: Option<i64>,
        flags: &FlagChanges,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let memo = get_in(&mut *tx, id).await?;
        transition(memo.status, Action::Edit)
            .map_err(|refused| StoreError::Refused { id, refused })?;
        if let Some(expected) = expected.filter(|e| *e != memo.current_revision) {
            return Err(StoreError::Stale {
                id,
                expected,
                current: memo.current_revision,
            });
        }
        let current = revision_in(&mut *tx, id, memo.current_revision).await?;
        if current.content_hash == input.content_hash {
            return Ok(memo);
        }
        let at = now(&mut tx).await?;
        let number = revise_in(&mut tx, &memo, input, actor, &at).await?;
        crate::flags::apply_changes(&mut tx, id, number, flags).await?;
        let details = serde_json::json!({ "revision": number, "content_hash": input.content_hash });
        append(&mut tx, Some(id), "edited", actor, &details, &at).await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("save a revision"))?;
        Ok(row)
    }

    /// Reopens an approved (or partly signed) memorandum as a draft with a new revision.
    pub async fn reopen(&self, id: i64, actor: &str) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let memo = get_in(&mut *tx, id).await?;
        let to = transition(memo.status, Action::Reopen)
            .map_err(|refused| StoreError::Refused { id, refused })?;
        let at = now(&mut tx).await?;
        let number = memo.current_revision + 1;
        sqlx::query(
            "INSERT INTO revisions (memorandum_id, number, content_hash, document, author, created_at)
             SELECT memorandum_id, ?, content_hash, document, ?, ? FROM revisions
             WHERE memorandum_id = ? AND number = ?",
        )
        .bind(number)
        .bind(actor)
        .bind(&at)
        .bind(id)
        .bind(memo.current_revision)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::sql("reopen a memorandum"))?;
        sqlx::query(
            "UPDATE memorandums SET status = ?, current_revision = ?, approved_revision = NULL,
                    updated_at = ? WHERE id = ?",
        )
        .bind(to.as_str())
        .bind(number)
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::sql("reopen a memorandum"))?;
        let details = serde_json::json!({ "from": memo.status.as_str(), "revision": number });
        append(&mut tx, Some(id), "reopened", actor, &details, &at).await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("reopen a memorandum"))?;
        Ok(row)
    }

    /// One memorandum.
    pub async fn memorandum(&self, id: i64) -> Result<MemoRow, StoreError> {
        get_in(&self.pool, id).await
    }

    /// One revision of a memorandum.
    pub async fn revision(&self, id: i64, number: i64) -> Result<RevisionRow, StoreError> {
        self.memorandum(id).await?;
        revision_in(&self.pool, id, number).await
    }

    /// Every revision of a memorandum, oldest first, without their documents.
    pub async fn revisions(&self, id: i64) -> Result<Vec<RevisionRow>, StoreError> {
        self.memorandum(id).await?;
        let rows = sqlx::query(
            "SELECT number, content_hash, '' AS document, author, created_at FROM revisions
             WHERE memorandum_id = ? ORDER BY number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("list revisions"))?;
        rows.iter().map(revision_row).collect()
    }

    /// A page of memorandums.
    pub async fn list(&self, query: &ListQuery) -> Result<Page, StoreError> {
        let fts = query.text.as_deref().and_then(fts_query);
        if query.text.is_some() && fts.is_none() {
            // Only punctuation was typed: nothing can match.
            return Ok(Page {
                rows: vec![],
                total: 0,
            });
        }
        let mut conditions = Vec::new();
        if fts.is_some() {
            // A registration number is found as typed, too (its punctuation is part of it).
            conditions.push(
                "(m.id IN (SELECT rowid FROM memorandum_search WHERE memorandum_search MATCH ?1) \
                 OR m.registration_number = ?6)",
            );
        }
        if query.expiring_between.is_some() {
            conditions.push("m.expires_on BETWEEN ?7 AND ?8");
        }
        if query.amends.is_some() {
            conditions.push("m.amends_id = ?9");
        }
        if query.status.is_some() {
            conditions.push("m.status = ?2");
        }
        if query.organisation.is_some() {
            conditions.push(
                "EXISTS (SELECT 1 FROM memorandum_parties mp WHERE mp.memorandum_id = m.id AND mp.organisation_id = ?3)",
            );
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let order = match query.sort {
            Sort::Updated => "m.updated_at DESC, m.id DESC",
            Sort::Date => "m.memo_date DESC, m.id DESC",
            Sort::Title => "m.title COLLATE NOCASE, m.id",
        };
        let sql = format!(
            "SELECT {MEMO_COLUMNS} FROM memorandums m {filter} ORDER BY {order} LIMIT ?4 OFFSET ?5"
        );
        let between = query
            .expiring_between
            .clone()
            .unwrap_or((String::new(), String::new()));
        let rows = bind_filters(sqlx::query(&sql), query, fts.as_deref())
            .bind(i64::from(query.limit.max(1)))
            .bind(i64::from(query.offset))
            .bind(query.text.as_deref().unwrap_or("").trim())
            .bind(between.0.as_str())
            .bind(between.1.as_str())
            .bind(query.amends.unwrap_or(0))
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::sql("list memorandums"))?;
        // A separate count: a window function over the page query would make SQLite visit
        // every row instead of stopping at the page.
        let total: i64 = if query.offset == 0 && (rows.len() as u32) < query.limit.max(1) {
            rows.len() as i64
        } else {
            sqlx::query_scalar(&format!(
                "SELECT count(*) FROM memorandums m {filter} LIMIT ?4 OFFSET ?5"
            ))
            .bind(fts.as_deref().unwrap_or(""))
            .bind(query.status.map(Status::as_str).unwrap_or(""))
            .bind(query.organisation.unwrap_or(0))
            .bind(1_i64)
            .bind(0_i64)
            .bind(query.text.as_deref().unwrap_or("").trim())
            .bind(between.0.as_str())
            .bind(between.1.as_str())
            .bind(query.amends.unwrap_or(0))
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::sql("count memorandums"))?
        };
        let rows = rows.iter().map(memo_row).collect::<Result<_, _>>()?;
        Ok(Page { rows, total })
    }
}

/// Binds `?1`–`?3` (search, status, organisation) of a list query.
fn bind_filters<'q>(
    q: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    query: &'q ListQuery,
    fts: Option<&'q str>,
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    q.bind(fts.unwrap_or(""))
        .bind(query.status.map(Status::as_str).unwrap_or(""))
        .bind(query.organisation.unwrap_or(0))
}

fn revision_row(row: &SqliteRow) -> Result<RevisionRow, StoreError> {
    let e = || StoreError::sql("read a revision");
    Ok(RevisionRow {
        number: row.try_get("number").map_err(e())?,
        content_hash: row.try_get("content_hash").map_err(e())?,
        document: row.try_get("document").map_err(e())?,
        author: row.try_get("author").map_err(e())?,
        created_at: row.try_get("created_at").map_err(e())?,
    })
}

/// One memorandum, read through the pool or inside a write transaction (`&mut *tx`).
pub(crate) async fn get_in<'e, E>(executor: E, id: i64) -> Result<MemoRow, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(&format!(
        "SELECT {MEMO_COLUMNS} FROM memorandums m WHERE m.id = ?"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await
    .map_err(StoreError::sql("read a memorandum"))?;
    match row {
        Some(row) => memo_row(&row),
        None => Err(StoreError::not_found(format!("memorandum {id}"))),
    }
}

/// One revision, read through the pool or inside a write transaction (`&mut *tx`).
async fn revision_in<'e, E>(executor: E, id: i64, number: i64) -> Result<RevisionRow, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(
        "SELECT number, content_hash, document, author, created_at FROM revisions
         WHERE memorandum_id = ? AND number = ?",
    )
    .bind(id)
    .bind(number)
    .fetch_optional(executor)
    .await
    .map_err(StoreError::sql("read a revision"))?;
    match row {
        Some(row) => revision_row(&row),
        None => Err(StoreError::not_found(format!(
            "revision {number} of memorandum {id}"
        ))),
    }
}

async fn insert_revision(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    number: i64,
    input: &RevisionInput,
    actor: &str,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO revisions (memorandum_id, number, content_hash, document, author, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(number)
    .bind(&input.content_hash)
    .bind(&input.document)
    .bind(actor)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::sql("save a revision"))?;
    Ok(())
}

/// Adds `input` as the next revision of `memo` and makes it current, with the memorandum's row,
/// its search entry and its derived columns; inside `tx`, without an audit entry (the caller
/// writes the one that says why) and without a workflow check (the caller's). The new number.
pub(crate) async fn revise_in(
    tx: &mut Transaction<'_, Sqlite>,
    memo: &MemoRow,
    input: &RevisionInput,
    actor: &str,
    at: &str,
) -> Result<i64, StoreError> {
    let (id, number) = (memo.id, memo.current_revision + 1);
    insert_revision(tx, id, number, input, actor, at).await?;
    sqlx::query(
        "UPDATE memorandums SET current_revision = ?, title = ?, memo_date = ?, languages = ?,
                parties = ?, updated_at = ? WHERE id = ?",
    )
    .bind(number)
    .bind(&input.title)
    .bind(&input.date)
    .bind(&input.languages)
    .bind(&input.party_names)
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::sql("update a memorandum"))?;
    index(tx, id, input, at).await?;
    set_derived(tx, id, input).await?;
    Ok(number)
}

/// The registration number and term dates derived from a revision.
async fn set_derived(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    input: &RevisionInput,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE memorandums SET registration_number = ? WHERE id = ?")
        .bind(&input.registration_number)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("update a memorandum"))?;
    crate::term::set_term_in(&mut **tx, id, &input.term).await
}

/// The search index and the parties' registry rows for a memorandum's latest revision.
async fn index(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    input: &RevisionInput,
    at: &str,
) -> Result<(), StoreError> {
    crate::search::index(tx, id, &input.search).await?;
    link_parties(tx, id, &input.organisations, at).await
}
