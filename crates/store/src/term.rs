//! Each memorandum's term dates (`expires_on`, `notice_by`), derived by the app with
//! `kelisim_core::term` and kept here so the registry can list and filter by them; the local
//! date; and the day of a memorandum's last signature (when a term starts then).

use sqlx::Sqlite;

use crate::{Store, StoreError, TermColumns};

/// Sets memorandum `id`'s term dates, through the pool or inside a transaction.
pub(crate) async fn set_term_in<'e, E>(
    executor: E,
    id: i64,
    term: &TermColumns,
) -> Result<(), StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    sqlx::query(
        "UPDATE memorandums SET expires_on = ?, notice_by = ?, term_renews = ? WHERE id = ?",
    )
    .bind(&term.expires_on)
    .bind(&term.notice_by)
    .bind(i64::from(term.renews))
    .bind(id)
    .execute(executor)
    .await
    .map_err(StoreError::sql("save a memorandum's term"))?;
    Ok(())
}

impl Store {
    /// Replaces memorandum `id`'s term dates (after its last signature, or when a renewing
    /// period has passed).
    pub async fn set_term(&self, id: i64, term: &TermColumns) -> Result<(), StoreError> {
        set_term_in(&self.pool, id, term).await
    }

    /// Today's date on this computer's clock, `YYYY-MM-DD`.
    pub async fn today(&self) -> Result<String, StoreError> {
        sqlx::query_scalar("SELECT date('now', 'localtime')")
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::sql("read the clock"))
    }

    /// The memorandums whose dates are stale on `today`: a term that renews and whose current
    /// period ended before `today`.
    pub async fn terms_to_refresh(&self, today: &str) -> Result<Vec<i64>, StoreError> {
        sqlx::query_scalar(
            "SELECT id FROM memorandums WHERE term_renews = 1 AND expires_on < ? ORDER BY id",
        )
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("find terms to bring forward"))
    }

    /// The local date of memorandum `id`'s last stored signature, if it has one.
    pub async fn last_signature_on(&self, id: i64) -> Result<Option<String>, StoreError> {
        let date: Option<Option<String>> = sqlx::query_scalar(
            "SELECT date(max(created_at), 'localtime') FROM memorandum_pdfs
             WHERE memorandum_id = ? AND kind = 'signed'",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::sql("read a memorandum's signatures"))?;
        Ok(date.flatten())
    }
}
