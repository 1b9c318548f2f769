//! Amendments (дополнительные соглашения): a draft linked to the memorandum it amends.

use kelisim_core::workflow::Status;

use crate::memos::{create_linked_in, get_in};
use crate::{MemoRow, RevisionInput, Store, StoreError};

impl Store {
    /// Creates a draft amendment of `base` with its first revision, in one transaction that
    /// checks the base is still signed or archived.
    pub async fn create_amendment(
        &self,
        base: i64,
        input: &RevisionInput,
        actor: &str,
    ) -> Result<MemoRow, StoreError> {
        let mut tx = self.begin_write().await?;
        let base_row = get_in(&mut *tx, base).await?;
        if !matches!(base_row.status, Status::Signed | Status::Archived) {
            return Err(StoreError::not_found(format!(
                "a signed memorandum {base} to amend (it is {})",
                base_row.status.as_str()
            )));
        }
        let id = create_linked_in(&mut tx, input, Some(base), actor, "amendment_created").await?;
        let row = get_in(&mut *tx, id).await?;
        tx.commit()
            .await
            .map_err(StoreError::sql("create an amendment"))?;
        Ok(row)
    }
}
