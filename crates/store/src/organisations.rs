//! The organisations registry: parties reused across memorandums, one row per organisation,
//! found again by BIN, or by its lower-cased name when it has none. Saving a revision records its
//! parties here (inside the revision's transaction) and links them to the memorandum, which is
//! what "memorandums with this organisation" filters on.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};

use crate::{Store, StoreError};

/// A party, to be recorded in (or matched against) the organisations registry.
#[derive(Debug, Clone)]
pub struct OrganisationInput {
    pub party_id: String,
    pub bin: Option<String>,
    /// Lower-cased name in the first language: the key when there is no BIN.
    pub name_key: String,
    pub kind: String,
    /// The party's JSON as used in this memorandum.
    pub party: String,
}

/// An organisation from the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRow {
    pub id: i64,
    pub bin: Option<String>,
    pub kind: String,
    pub party: String,
    pub updated_at: String,
}

impl Store {
    /// The organisations registry, most recently used first.
    pub async fn organisations(&self) -> Result<Vec<OrganisationRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, bin, kind, party, updated_at FROM organisations ORDER BY updated_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("list organisations"))?;
        rows.iter().map(organisation_row).collect()
    }

    /// The organisation with this BIN.
    pub async fn organisation_by_bin(&self, bin: &str) -> Result<OrganisationRow, StoreError> {
        let row =
            sqlx::query("SELECT id, bin, kind, party, updated_at FROM organisations WHERE bin = ?")
                .bind(bin)
                .fetch_optional(&self.pool)
                .await
                .map_err(StoreError::sql("find an organisation"))?;
        match row {
            Some(row) => organisation_row(&row),
            None => Err(StoreError::not_found(format!(
                "an organisation with BIN {bin}"
            ))),
        }
    }
}

fn organisation_row(row: &SqliteRow) -> Result<OrganisationRow, StoreError> {
    let e = || StoreError::sql("read an organisation");
    Ok(OrganisationRow {
        id: row.try_get("id").map_err(e())?,
        bin: row.try_get("bin").map_err(e())?,
        kind: row.try_get("kind").map_err(e())?,
        party: row.try_get("party").map_err(e())?,
        updated_at: row.try_get("updated_at").map_err(e())?,
    })
}

/// Records the parties of memorandum `id`'s latest revision in the registry and links them to
/// it, replacing the links of its earlier revision. Inside the caller's write transaction.
pub(crate) async fn link_parties(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    organisations: &[OrganisationInput],
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM memorandum_parties WHERE memorandum_id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("update the memorandum's parties"))?;
    for org in organisations {
        let org_id = upsert(tx, org, at).await?;
        sqlx::query(
            "INSERT OR REPLACE INTO memorandum_parties (memorandum_id, party_id, organisation_id) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(&org.party_id)
        .bind(org_id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::sql("link a party"))?;
    }
    Ok(())
}

/// The registry row of `org` (by BIN, else by name), updated to this use of it, or a new one.
async fn upsert(
    tx: &mut Transaction<'_, Sqlite>,
    org: &OrganisationInput,
    at: &str,
) -> Result<i64, StoreError> {
    let existing: Option<i64> = match &org.bin {
        Some(bin) => sqlx::query_scalar("SELECT id FROM organisations WHERE bin = ?").bind(bin),
        None => {
            sqlx::query_scalar("SELECT id FROM organisations WHERE bin IS NULL AND name_key = ?")
                .bind(&org.name_key)
        }
    }
    .fetch_optional(&mut **tx)
    .await
    .map_err(StoreError::sql("find an organisation"))?;
    match existing {
        Some(org_id) => {
            sqlx::query(
                "UPDATE organisations SET name_key = ?, kind = ?, party = ?, updated_at = ? WHERE id = ?",
            )
            .bind(&org.name_key)
            .bind(&org.kind)
            .bind(&org.party)
            .bind(at)
            .bind(org_id)
            .execute(&mut **tx)
            .await
            .map_err(StoreError::sql("update an organisation"))?;
            Ok(org_id)
        }
        None => sqlx::query_scalar(
            "INSERT INTO organisations (bin, name_key, kind, party, updated_at) VALUES (?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(&org.bin)
        .bind(&org.name_key)
        .bind(&org.kind)
        .bind(&org.party)
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::sql("add an organisation")),
    }
}
