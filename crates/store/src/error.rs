use std::path::PathBuf;

/// What can go wrong in storage. The `app` crate maps these to stable codes.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create or use the data folder {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot bring the database {} up to date: {source}", path.display())]
    Migrate {
        path: PathBuf,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("{what} does not exist")]
    NotFound { what: String },
    #[error("memorandum {id}: {refused}")]
    Refused {
        id: i64,
        refused: kelisim_core::workflow::Refused,
    },
    /// The memorandum moved on since the revision the change was made against.
    #[error("memorandum {id} is at revision {current}, not {expected}: it was changed meanwhile; reload it and try again")]
    Stale {
        id: i64,
        expected: i64,
        current: i64,
    },
    /// Something that must be unique is there already (a registration number, …).
    #[error("{what}: already taken, nothing was written")]
    Duplicate { what: String },
    #[error("database error while trying to {action}: {source}")]
    Sql {
        action: &'static str,
        #[source]
        source: sqlx::Error,
    },
}

impl StoreError {
    pub(crate) fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }

    /// `map_err` helper that names what we were doing.
    pub(crate) fn sql(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |source| StoreError::Sql { action, source }
    }
}
