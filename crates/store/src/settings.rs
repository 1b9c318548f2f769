//! Key/value settings that survive a restart.

use crate::{Store, StoreError};

impl Store {
    /// The stored value of a setting, if it was ever set.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::sql("read a setting"))
    }

    /// Sets a setting, replacing any earlier value.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sql("save a setting"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[tokio::test]
    async fn settings_survive_reopening_and_are_replaced_not_duplicated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).await.unwrap();
        assert_eq!(store.setting("ui.language").await.unwrap(), None);
        store.set_setting("ui.language", "ru").await.unwrap();
        store.set_setting("ui.language", "kk").await.unwrap();
        store.close().await;

        let store = Store::open_in(dir.path()).await.unwrap();
        assert_eq!(
            store.setting("ui.language").await.unwrap().as_deref(),
            Some("kk")
        );
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM settings")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(rows, 1);
    }
}
