//! The registration journal: numbers this installation assigned, each to one memorandum, never
//! reused. A number is written in the same transaction as the revision that carries it in the
//! document and as the approval (or re-approval before the first signature) that renders it.
//!
//! The app formats a number from the counter's next value ([`Store::journal_next`]) before it
//! renders; the write then checks that the counter has not moved meanwhile (another approval
//! took that value), so a number is never given twice and nothing is half-written.

use sqlx::{Row, Sqlite, Transaction};

use crate::audit::append;
use crate::memos::{get_in, revise_in};
use crate::pdfs::{approve_in, insert_approved_in, Approval};
use crate::{now, MemoRow, RevisionInput, Store, StoreError};

/// A number to register, as the app formatted it from counter value `counter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub number: String,
    /// The counter value the number was made from: the counter's next value when it was read.
    pub counter: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// One row of the journal, with the memorandum's title and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRow {
    pub number: String,
    pub counter: i64,
    pub registered_on: String,
    pub memorandum_id: i64,
    pub title: String,
    pub status: String,
    pub created_at: String,
}

/// What a registration writes: the number, and the revision whose document carries it.
#[derive(Debug, Clone, Copy)]
pub struct Registering<'a> {
    pub registration: &'a NewRegistration,
    pub revision: &'a RevisionInput,
}

/// Records `r` for memorandum `memo` and adds its revision, inside `tx`: refuses a counter
/// that moved, a number or memorandum already in the journal. The new revision's number.
async fn register_in(
    tx: &mut Transaction<'_, Sqlite>,
    memo: &MemoRow,
    r: Registering<'_>,
    actor: &str,
) -> Result<i64, StoreError> {
    let reg = r.registration;
    let counter: i64 = sqlx::query_scalar("SELECT value FROM journal_counter WHERE id = 1")
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::sql("read the journal counter"))?;
    if counter + 1 != reg.counter {
        return Err(StoreError::Duplicate {
            what: format!(
                "journal counter value {} (another registration took it; the next is {})",
                reg.counter,
                counter + 1
            ),
        });
    }
    let at = now(tx).await?;
    sqlx::query(
        "INSERT INTO journal (number, counter, registered_on, memorandum_id, created_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&reg.number)
    .bind(reg.counter)
    .bind(&reg.date)
    .bind(memo.id)
    .bind(&at)
    .execute(&mut **tx)
    .await
    .map_err(|e| journal_conflict(e, &reg.number, memo.id))?;
    sqlx::query("UPDATE journal_counter SET value = ? WHERE id = 1")
        .bind(reg.counter)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("advance the journal counter"))?;
    let number = revise_in(tx, memo, r.revision, actor, &at).await?;
    let details = serde_json::json!({
        "number": reg.number, "date": reg.date, "revision": number,
        "content_hash": r.revision.content_hash,
    });
    append(tx, Some(memo.id), "registered", actor, &details, &at).await?;
    Ok(number)
}

/// A UNIQUE violation on the journal as the clear error it is.
fn journal_conflict(err: sqlx::Error, number: &str, id: i64) -> StoreError {
    let unique = err
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation());
    if !unique {
        return StoreError::Sql {
            action: "write the registration journal",
            source: err,
        };
    }
    let message = err.to_string();
    let what = if message.contains("journal.memorandum_id") {
        format!("a registration number for memorandum {id} (it has one in the journal)")
    } else if message.contains("journal.counter") {
        format!("journal counter value for {number:?}")
    } else {
        format!("registration number {number:?} (it is in the journal already; numbers are never reused)")
    };
    StoreError::Duplicate { what }
}

fn journal_row(row: &sqlx::sqlite::SqliteRow) -> Result<JournalRow, StoreError> {
    let e = || StoreError::sql("read the journal");
    Ok(JournalRow {
        number: row.try_get("number").map_err(e())?,
        counter: row.try_get("counter").map_err(e())?,
        registered_on: row.try_get("registered_on").map_err(e())?,
        memorandum_id: row.try_get("memorandum_id").map_err(e())?,
        title: row.try_get("title").map_err(e())?,
        status: row.try_get("status").map_err(e())?,
        created_at: row.try_get("created_at").map_err(e())?,
    })
}

const JOURNAL_SELECT: &str =
    "SELECT j.number, j.counter, j.registered_on, j.memorandum_id, m.title, m.status, j.created_at
     FROM journal j JOIN memorandums m ON m.id = j.memorandum_id";

impl Store {
    /// The counter's next value: what the next number will be made from.
    pub async fn journal_next(&self) -> Result<i64, StoreError> {
        let value: i64 = sqlx::query_scalar("SELECT value FROM journal_counter WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::sql("read the journal counter"))?;
        Ok(value + 1)
    }

    /// Starts the numbering at `next` (continuing a journal kept before): the counter becomes
    /// `next - 1` and the change is audit-logged, in one transaction. Refused (nothing written)
    /// unless `next` is above every value already taken: a number is never reused.
    pub async fn raise_journal_counter(&self, next: i64, actor: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE journal_counter SET value = ?1 WHERE id = 1 AND value < ?1")
            .bind(next - 1)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::sql("set the journal counter"))?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Duplicate {
                what: format!("journal counter value {next} (it or a later one is taken already)"),
            });
        }
        let at = now(&mut tx).await?;
        let details = serde_json::json!({ "next": next });
        append(&mut tx, None, "journal_counter_set", actor, &details, &at).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("set the journal counter"))
    }

    /// The journal, in the order numbers were assigned.
    pub async fn journal(&self) -> Result<Vec<JournalRow>, StoreError> {
        let rows = sqlx::query(&format!("{JOURNAL_SELECT} ORDER BY j.counter"))
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::sql("read the journal"))?;
        rows.iter().map(journal_row).collect()
    }

    /// Memorandum `id`'s entry in the journal, if this installation registered it.
    pub async fn journal_entry(&self, id: i64) -> Result<Option<JournalRow>, StoreError> {
        let row = sqlx::query(&format!("{JOURNAL_SELECT} WHERE j.memorandum_id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::sql("read the journal"))?;
        row.as_ref().map(journal_row).transpose()
    }

    /// Approves draft `id` as [`Store::approve_with_pdf`] does, first saving `registering`'s
    /// revision (the document with its registration) when given, in one transaction; the
    /// approval renders that revision (`approval.revision` is the revision it follows).
    pub async fn approve_registered(
        &self,
        id: i64,
        registering: Option<Registering<'_>>,
        approval: &Approval<'_>,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut approval = *approval;
        if let Some(r) = registering {
            let memo = get_in(&mut *tx, id).await?;
            kelisim_core::workflow::transition(
                memo.status,
                kelisim_core::workflow::Action::Approve,
            )
            .map_err(|refused| StoreError::Refused { id, refused })?;
            if memo.current_revision != approval.revision {
                return Err(StoreError::not_found(format!(
                    "revision {} as the current revision of memorandum {id} (it is now {})",
                    approval.revision, memo.current_revision
                )));
            }
            approval.revision = register_in(&mut tx, &memo, r, actor).await?;
        }
        approve_in(&mut tx, id, &approval, actor).await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("approve a memorandum"))?;
        Ok(row)
    }

    /// Registers approved memorandum `id`, which nobody has signed yet, just before its first
    /// signature: saves `registering`'s revision and the approved PDF rendered from it (which
    /// replaces the one approved at `approval.revision`), in one transaction.
    pub async fn register_before_signing(
        &self,
        id: i64,
        registering: Registering<'_>,
        approval: &Approval<'_>,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let memo = get_in(&mut *tx, id).await?;
        let signed: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM memorandum_pdfs WHERE memorandum_id = ? AND kind = 'signed'",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::sql("read a memorandum's signatures"))?;
        if memo.status != kelisim_core::workflow::Status::Approved
            || signed > 0
            || memo.approved_revision != Some(approval.revision)
        {
            return Err(StoreError::not_found(format!(
                "memorandum {id} approved at revision {} with no signature (it is {}, approved \
                 revision {:?}, {signed} signature(s))",
                approval.revision,
                memo.status.as_str(),
                memo.approved_revision
            )));
        }
        let revision = register_in(&mut tx, &memo, registering, actor).await?;
        let approval = Approval {
            revision,
            ..*approval
        };
        insert_approved_in(&mut tx, id, &approval, actor).await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("register a memorandum"))?;
        Ok(row)
    }
}
