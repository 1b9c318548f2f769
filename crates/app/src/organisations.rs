//! The organisations registry: every party of a stored memorandum, by BIN (or by name when it
//! has none), kept up to date as memorandums are saved.

use crate::dto::OrganisationDto;
use crate::memos::small;
use crate::{AppError, Kelisim};

impl Kelisim {
    /// The organisations registry, most recently used first.
    pub async fn organisations(&self) -> Result<Vec<OrganisationDto>, AppError> {
        Ok(self
            .store
            .organisations()
            .await?
            .into_iter()
            .map(|o| OrganisationDto {
                id: small(o.id),
                bin: o.bin,
                kind: o.kind,
                party: o.party,
                updated_at: o.updated_at,
            })
            .collect())
    }
}
