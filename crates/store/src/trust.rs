//! The trust store: the certificates whose signatures this installation trusts, each with its
//! scope (for whom it vouches) and its origin. Only this table makes a certificate trusted; every
//! change is one transaction with its audit entry.

use sqlx::Row;

use crate::audit::append;
use crate::{now, Store, StoreError};

/// For whom a trusted certificate vouches, as stored (see migration 0006).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredScope {
    /// An end-entity certificate trusted as itself.
    ThisCertificate,
    /// A CA trusted for the organisations with these BINs.
    Organisations(Vec<String>),
}

/// Where a trusted certificate's trust came from.
pub mod origin {
    /// `trust add`.
    pub const ADDED: &str = "added";
    /// A key this installation created or restored.
    pub const OWN_KEY: &str = "own_key";
    /// The signer of a verified PDF, trusted from the verification view.
    pub const SIGNER: &str = "signer";
}

/// A certificate in the trust store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedCertificate {
    pub fingerprint: String,
    pub subject: String,
    pub certificate: Vec<u8>,
    pub is_ca: bool,
    pub added_at: String,
    /// `None` for a row stored before scopes were (the default scope applies).
    pub scope: Option<StoredScope>,
    /// One of [`origin`]'s constants.
    pub origin: String,
}

fn scope_columns(scope: Option<&StoredScope>) -> (Option<&'static str>, String) {
    match scope {
        None => (None, "[]".to_owned()),
        Some(StoredScope::ThisCertificate) => (Some("this_certificate"), "[]".to_owned()),
        Some(StoredScope::Organisations(bins)) => (
            Some("organisations"),
            serde_json::Value::from(bins.clone()).to_string(),
        ),
    }
}

fn trusted_row(row: &sqlx::sqlite::SqliteRow) -> Result<TrustedCertificate, StoreError> {
    let e = || StoreError::sql("read a trusted certificate");
    let scope: Option<String> = row.try_get("scope").map_err(e())?;
    let bins: String = row.try_get("bins").map_err(e())?;
    let scope = match scope.as_deref() {
        Some("this_certificate") => Some(StoredScope::ThisCertificate),
        Some(_) => Some(StoredScope::Organisations(
            serde_json::from_str(&bins).unwrap_or_default(),
        )),
        None => None,
    };
    Ok(TrustedCertificate {
        fingerprint: row.try_get("fingerprint").map_err(e())?,
        subject: row.try_get("subject").map_err(e())?,
        certificate: row.try_get("certificate").map_err(e())?,
        is_ca: row.try_get::<i64, _>("is_ca").map_err(e())? == 1,
        added_at: row.try_get("added_at").map_err(e())?,
        scope,
        origin: row.try_get("origin").map_err(e())?,
    })
}

impl Store {
    /// Adds a certificate to the trust store, or replaces the scope and origin of one there;
    /// the audit entry records the scope and origin.
    pub async fn trust_add(
        &self,
        cert: &TrustedCertificate,
        actor: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let at = now(&mut tx).await?;
        let (scope, bins) = scope_columns(cert.scope.as_ref());
        sqlx::query(
            "INSERT INTO trusted_certificates
                 (fingerprint, subject, certificate, is_ca, added_at, scope, bins, origin)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (fingerprint) DO UPDATE SET subject = excluded.subject,
                 is_ca = excluded.is_ca, scope = excluded.scope, bins = excluded.bins,
                 origin = excluded.origin",
        )
        .bind(&cert.fingerprint)
        .bind(&cert.subject)
        .bind(&cert.certificate)
        .bind(i64::from(cert.is_ca))
        .bind(&at)
        .bind(scope)
        .bind(&bins)
        .bind(&cert.origin)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::sql("add a trusted certificate"))?;
        let details = serde_json::json!({
            "fingerprint": cert.fingerprint,
            "subject": cert.subject,
            "is_ca": cert.is_ca,
            "scope": scope.unwrap_or("default"),
            "bins": serde_json::from_str::<serde_json::Value>(&bins).unwrap_or_default(),
            "origin": cert.origin,
        });
        append(&mut tx, None, "trusted", actor, &details, &at).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("add a trusted certificate"))
    }

    /// Every trusted certificate.
    pub async fn trust_list(&self) -> Result<Vec<TrustedCertificate>, StoreError> {
        let rows = sqlx::query(
            "SELECT fingerprint, subject, certificate, is_ca, added_at, scope, bins, origin
             FROM trusted_certificates ORDER BY added_at, fingerprint",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sql("list trusted certificates"))?;
        rows.iter().map(trusted_row).collect()
    }

    /// Removes a certificate from the trust store.
    pub async fn trust_remove(&self, fingerprint: &str, actor: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM trusted_certificates WHERE fingerprint = ?")
            .bind(fingerprint)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::sql("remove a trusted certificate"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!(
                "a trusted certificate with fingerprint {fingerprint}"
            )));
        }
        let at = now(&mut tx).await?;
        append(
            &mut tx,
            None,
            "untrusted",
            actor,
            &serde_json::json!({ "fingerprint": fingerprint }),
            &at,
        )
        .await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("remove a trusted certificate"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(fingerprint: &str, scope: Option<StoredScope>, origin: &str) -> TrustedCertificate {
        TrustedCertificate {
            fingerprint: fingerprint.into(),
            subject: format!("CN={fingerprint}"),
            certificate: vec![0x30, 0x00],
            is_ca: matches!(scope, Some(StoredScope::Organisations(_))),
            added_at: String::new(),
            scope,
            origin: origin.into(),
        }
    }

    #[tokio::test]
    async fn trust_scopes_and_origins_round_trip_and_are_audited() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).await.unwrap();
        let ca = StoredScope::Organisations(vec!["211140000425".into()]);
        store
            .trust_add(&cert("A", Some(ca.clone()), origin::ADDED), "t")
            .await
            .unwrap();
        store
            .trust_add(
                &cert("B", Some(StoredScope::ThisCertificate), origin::OWN_KEY),
                "t",
            )
            .await
            .unwrap();
        // A row as stored before migration 0006: no scope.
        sqlx::query(
            "INSERT INTO trusted_certificates (fingerprint, subject, certificate, is_ca, added_at)
             VALUES ('C', 'CN=C', X'3000', 0, 'z')",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        let list = store.trust_list().await.unwrap();
        let by = |f: &str| list.iter().find(|c| c.fingerprint == f).unwrap().clone();
        assert_eq!(by("A").scope, Some(ca));
        assert_eq!(by("A").origin, origin::ADDED);
        assert_eq!(by("B").scope, Some(StoredScope::ThisCertificate));
        assert_eq!(by("B").origin, origin::OWN_KEY);
        assert_eq!(by("C").scope, None);
        assert_eq!(by("C").origin, origin::ADDED);

        let details: Vec<String> =
            sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'trusted'")
                .fetch_all(&store.pool)
                .await
                .unwrap();
        assert_eq!(details.len(), 2);
        let first: serde_json::Value = serde_json::from_str(&details[0]).unwrap();
        assert_eq!(first["scope"], "organisations");
        assert_eq!(first["bins"], serde_json::json!(["211140000425"]));
        assert_eq!(first["origin"], "added");
        store.close().await;
    }
}
