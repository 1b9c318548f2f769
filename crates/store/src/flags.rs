//! Translation flags: the texts that need translating, kept across revisions and restarts.
//! They change in the transaction that saves a revision ([`Store::save_revision`]) or when one
//! is dismissed (audited).

use kelisim_core::translation::{FlagChanges, FlagReason};
use sqlx::{Row, Sqlite, Transaction};

use crate::audit::append;
use crate::{now, Store, StoreError};

/// One open flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagRow {
    /// The JSON path of the text, e.g. `sections[0].clauses[1].text`.
    pub path: String,
    /// The language tag that needs translating.
    pub language: String,
    /// The revision that raised it.
    pub since_revision: i64,
    pub reason: FlagReason,
}

/// Applies a revision's flag changes inside its transaction: clears first, then raises (an
/// open flag keeps the revision that raised it).
pub(crate) async fn apply_changes(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    revision: i64,
    changes: &FlagChanges,
) -> Result<(), StoreError> {
    for (path, language) in &changes.clear {
        sqlx::query(
            "DELETE FROM translation_flags WHERE memorandum_id = ? AND path = ? AND language = ?",
        )
        .bind(id)
        .bind(path)
        .bind(language)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("clear a translation flag"))?;
    }
    for (path, language, reason) in &changes.raise {
        sqlx::query(
            "INSERT OR IGNORE INTO translation_flags
                 (memorandum_id, path, language, since_revision, reason) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(path)
        .bind(language)
        .bind(revision)
        .bind(reason.as_str())
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("raise a translation flag"))?;
    }
    Ok(())
}

fn flag_row(row: &sqlx::sqlite::SqliteRow) -> Result<FlagRow, StoreError> {
    let read = StoreError::sql("read a translation flag");
    let reason: String = row.try_get("reason").map_err(read)?;
    let get = |name: &str| -> Result<String, StoreError> {
        row.try_get(name)
            .map_err(StoreError::sql("read a translation flag"))
    };
    Ok(FlagRow {
        path: get("path")?,
        language: get("language")?,
        since_revision: row
            .try_get("since_revision")
            .map_err(StoreError::sql("read a translation flag"))?,
        reason: FlagReason::parse(&reason).ok_or_else(|| StoreError::Sql {
            action: "read a translation flag's reason",
            source: sqlx::Error::Decode(format!("unknown reason {reason:?}").into()),
        })?,
    })
}

impl Store {
    /// The open flags of a memorandum, by path then language.
    pub async fn translation_flags(&self, id: i64) -> Result<Vec<FlagRow>, StoreError> {
        self.memorandum(id).await?;
        let rows = sqlx::query(
            "SELECT path, language, since_revision, reason FROM translation_flags
             WHERE memorandum_id = ? ORDER BY since_revision, path, language",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("list translation flags"))?;
        rows.iter().map(flag_row).collect()
    }

    /// Dismisses one open flag, with its audit entry.
    pub async fn dismiss_translation_flag(
        &self,
        id: i64,
        path: &str,
        language: &str,
        actor: &str,
    ) -> Result<FlagRow, StoreError> {
        let mut tx = self.begin_write().await?;
        crate::memos::get_in(&mut *tx, id).await?;
        let row = sqlx::query(
            "DELETE FROM translation_flags WHERE memorandum_id = ? AND path = ? AND language = ?
             RETURNING path, language, since_revision, reason",
        )
        .bind(id)
        .bind(path)
        .bind(language)
        .fetch_optional(&mut *tx)
        .await
        .map_err(StoreError::sql("dismiss a translation flag"))?
        .ok_or_else(|| {
            StoreError::not_found(format!(
                "a translation flag on {path} ({language}) of memorandum {id}"
            ))
        })?;
        let flag = flag_row(&row)?;
        let at = now(&mut tx).await?;
        let details = serde_json::json!({
            "path": flag.path, "language": flag.language,
            "reason": flag.reason.as_str(), "since_revision": flag.since_revision,
        });
        append(
            &mut tx,
            Some(id),
            "translation_flag_dismissed",
            actor,
            &details,
            &at,
        )
        .await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("dismiss a translation flag"))?;
        Ok(flag)
    }
}
