//! The append-only audit log. Every row commits to the previous row's hash:
//!
//! `hash = sha256(JCS({seq, at, memorandum, action, actor, details, prev}))`
//!
//! and `audit_head` keeps the newest (seq, hash), written in the same transaction. Editing,
//! inserting or deleting any row — the newest included — breaks the chain, and
//! [`Store::verify_audit`] says where. (Someone who rewrites the whole chain and the head can
//! not be caught from inside the database; exporting the head hash elsewhere closes that gap.)

use kelisim_core::canonical::content_hash;
use serde_json::{json, Value};
use sqlx::{Row, Sqlite, Transaction};

use crate::{now, Store, StoreError};

/// The `prev` of the first row.
pub const GENESIS: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub memorandum_id: Option<i64>,
    pub action: String,
    pub actor: String,
    pub details: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub entries: i64,
    pub head: String,
    /// Empty when the chain is intact; otherwise each break, in order.
    pub problems: Vec<String>,
}

impl AuditReport {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

fn entry_hash(
    seq: i64,
    at: &str,
    memorandum: Option<i64>,
    action: &str,
    actor: &str,
    details: &Value,
    prev: &str,
) -> String {
    let value = json!({
        "seq": seq, "at": at, "memorandum": memorandum, "action": action,
        "actor": actor, "details": details, "prev": prev,
    });
    // Only integers far below 2^53 and strings here: canonicalisation cannot fail.
    content_hash(&value).unwrap_or_default()
}

/// Appends one entry inside the caller's write transaction.
pub(crate) async fn append(
    tx: &mut Transaction<'_, Sqlite>,
    memorandum: Option<i64>,
    action: &str,
    actor: &str,
    details: &Value,
    at: &str,
) -> Result<(), StoreError> {
    let head: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut **tx)
            .await
            .map_err(StoreError::sql("read the audit log"))?;
    let (prev_seq, prev) = head.unwrap_or((0, GENESIS.to_owned()));
    let seq = prev_seq + 1;
    let hash = entry_hash(seq, at, memorandum, action, actor, details, &prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, memorandum_id, action, actor, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(seq)
    .bind(at)
    .bind(memorandum)
    .bind(action)
    .bind(actor)
    .bind(details.to_string())
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::sql("append to the audit log"))?;
    sqlx::query("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
        .bind(seq)
        .bind(&hash)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("append to the audit log"))?;
    Ok(())
}

fn entry(row: &sqlx::sqlite::SqliteRow) -> Result<AuditEntry, StoreError> {
    let e = || StoreError::sql("read the audit log");
    let details: String = row.try_get("details").map_err(e())?;
    Ok(AuditEntry {
        seq: row.try_get("seq").map_err(e())?,
        at: row.try_get("at").map_err(e())?,
        memorandum_id: row.try_get("memorandum_id").map_err(e())?,
        action: row.try_get("action").map_err(e())?,
        actor: row.try_get("actor").map_err(e())?,
        // A details column that is not JSON is kept as a string, so verification flags it.
        details: serde_json::from_str(&details).unwrap_or(Value::String(details)),
        prev_hash: row.try_get("prev_hash").map_err(e())?,
        hash: row.try_get("hash").map_err(e())?,
    })
}

impl Store {
    /// Records something done outside the store (an export, …), about memorandum `id` or, with
    /// `None`, about the installation.
    pub async fn record(
        &self,
        id: Option<i64>,
        action: &str,
        actor: &str,
        details: &Value,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let at = now(&mut tx).await?;
        append(&mut tx, id, action, actor, details, &at).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("record in the audit log"))
    }

    /// A memorandum's history, oldest first (`None`: the whole log).
    pub async fn audit_entries(
        &self,
        memorandum: Option<i64>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = match memorandum {
            Some(id) => {
                sqlx::query("SELECT * FROM audit_log WHERE memorandum_id = ? ORDER BY seq").bind(id)
            }
            None => sqlx::query("SELECT * FROM audit_log ORDER BY seq"),
        }
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("read the audit log"))?;
        rows.iter().map(entry).collect()
    }

    /// Recomputes the whole chain and compares it with the stored hashes and the head.
    pub async fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let entries = self.audit_entries(None).await?;
        let mut problems = Vec::new();
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        for e in &entries {
            if e.seq != expected_seq {
                problems.push(format!(
                    "entry {} follows entry {}: {} missing",
                    e.seq,
                    expected_seq - 1,
                    if e.seq > expected_seq {
                        "entries are"
                    } else {
                        "the order is"
                    }
                ));
            }
            if e.prev_hash != prev {
                problems.push(format!(
                    "entry {} does not follow the entry before it (its prev hash differs)",
                    e.seq
                ));
            }
            let recomputed = entry_hash(
                e.seq,
                &e.at,
                e.memorandum_id,
                &e.action,
                &e.actor,
                &e.details,
                &e.prev_hash,
            );
            if recomputed != e.hash {
                problems.push(format!("entry {} was changed after it was written (its hash does not match its content)", e.seq));
            }
            prev = e.hash.clone();
            expected_seq = e.seq + 1;
        }
        let head: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(StoreError::sql("read the audit log"))?;
        let last_seq = entries.last().map_or(0, |e| e.seq);
        match head {
            None if !entries.is_empty() => problems.push("the audit head is missing".into()),
            Some((seq, hash)) if seq != last_seq || hash != prev => problems.push(format!(
                "the log ends at entry {last_seq}, but the head records entry {seq}: newest entries were removed or altered"
            )),
            _ => {}
        }
        Ok(AuditReport {
            entries: entries.len() as i64,
            head: prev,
            problems,
        })
    }
}
