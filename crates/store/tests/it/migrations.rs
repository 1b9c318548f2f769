//! Opening: the schema from nothing, and every later start.

use kelisim_store::{Store, StoreError, DATABASE_FILE};

use crate::{count, raw, revision};

fn migration_files() -> i64 {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("sql".as_ref()))
        .count() as i64
}

#[tokio::test]
async fn an_empty_folder_gets_every_migration_and_reopening_applies_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).await.unwrap();
    let memo = store
        .create_memorandum(&revision("Меморандум", "мәтін"), "test", "created")
        .await
        .unwrap();
    store.close().await;

    let path = dir.path().join(DATABASE_FILE);
    let mut conn = raw(&path).await;
    let applied: Vec<(i64, bool)> =
        sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(applied.len() as i64, migration_files());
    assert!(applied.iter().all(|(_, ok)| *ok), "{applied:?}");
    let installed_on_first_start: Vec<String> =
        sqlx::query_scalar("SELECT installed_on FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    drop(conn);

    for _ in 0..2 {
        let again = Store::open_in(dir.path()).await.unwrap();
        assert_eq!(again.memorandum(memo.id).await.unwrap(), memo);
        again.close().await;
    }
    let mut conn = raw(&path).await;
    assert_eq!(
        count(&mut conn, "_sqlx_migrations").await,
        migration_files()
    );
    let installed_now: Vec<String> =
        sqlx::query_scalar("SELECT installed_on FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(installed_now, installed_on_first_start);
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_kelisim_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    Store::open_in(dir.path()).await.unwrap().close().await;
    let path = dir.path().join(DATABASE_FILE);
    let mut conn = raw(&path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'from the future', 1, X'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    drop(conn);

    let err = Store::open_in(dir.path()).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Migrate { ref path, .. } if path.ends_with(DATABASE_FILE)),
        "{err:?}"
    );
}
