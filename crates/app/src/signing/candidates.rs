//! What the sign dialog shows before anything is unlocked: the document about to be signed
//! (its PDF hash and content hash), every signatory with their place and whether they have
//! signed, and each key of the keystore with the signatory it may sign for — or the reason it
//! may not.

use kelisim_core::placeholder::resolve;
use kelisim_core::workflow::Status;
use kelisim_core::Memorandum;
use serde::{Deserialize, Serialize};

use super::signatories::{self, Holder, Seat};
use crate::dto::{KeyDto, StatusDto};
use crate::keys::key_dto;
use crate::memos::stored_document;
use crate::render::sha256_hex;
use crate::{AppError, Kelisim};

/// One signatory of the memorandum and their signature place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SeatDto {
    /// The signature field, `kelisim:<party>:<signatory>`.
    pub field: String,
    /// The party's name, in the memorandum's first language.
    pub party: String,
    /// The signatory's name and position, in the memorandum's first language.
    pub name: String,
    pub position: String,
    /// The page (1-based) of the signature place, when it is known.
    pub page: Option<u32>,
    /// The field already holds a signature.
    pub signed: bool,
}

/// Why a key cannot sign this memorandum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum NotSigningReason {
    /// The certificate names nobody among the memorandum's signatories (name, and organisation
    /// or BIN, compared).
    NotSignatory,
    /// The signatory this certificate names has signed already.
    SignedAlready,
    /// A certificate authority key issues certificates; it does not sign documents.
    CaKey,
}

/// A key of the keystore, and what it may sign here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CandidateDto {
    pub key: KeyDto,
    /// The signature field this key would sign; `null` when it cannot sign.
    pub field: Option<String>,
    pub reason: Option<NotSigningReason>,
}

/// The sign dialog's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignCandidatesDto {
    pub memorandum: u32,
    pub status: StatusDto,
    /// The approved revision's content hash (`sha256:…`).
    pub content_hash: String,
    /// SHA-256 (hex) of the PDF that the next signature will sign: the newest stored one.
    pub pdf_sha256: String,
    pub signatories: Vec<SeatDto>,
    /// Every key; the ones with a `field` can sign.
    pub keys: Vec<CandidateDto>,
    /// Whether the memorandum can be signed at all in its status.
    pub signable: bool,
}

fn first_language(memo: &Memorandum) -> kelisim_core::Language {
    memo.languages
        .first()
        .copied()
        .unwrap_or(kelisim_core::Language::Ru)
}

fn seat_dto(memo: &Memorandum, seat: &Seat, signed: bool, page: Option<u32>) -> SeatDto {
    let lang = first_language(memo);
    let text = |t: &kelisim_core::Text| resolve(memo, Memorandum::text_in(t, lang), lang);
    let party = memo
        .parties
        .iter()
        .find(|p| p.id.to_string() == seat.party_id);
    let signatory = party.and_then(|p| {
        p.signatories
            .iter()
            .find(|s| s.id.to_string() == seat.signatory_id)
    });
    SeatDto {
        field: seat.field.clone(),
        party: party.map(|p| text(&p.name)).unwrap_or_default(),
        name: signatory.map(|s| text(&s.name)).unwrap_or_default(),
        position: signatory.map(|s| text(&s.position)).unwrap_or_default(),
        page,
        signed,
    }
}

impl Kelisim {
    /// The sign dialog's facts for memorandum `id` (see the module documentation). Renders the
    /// approved revision once to find the signature places: call it off the UI thread.
    pub async fn sign_candidates(&self, id: u32) -> Result<SignCandidatesDto, AppError> {
        let id64 = i64::from(id);
        let row = self.store.memorandum(id64).await?;
        let number = row.approved_revision.unwrap_or(row.current_revision);
        let rev = self.store.revision(id64, number).await?;
        let memo = stored_document(&rev.document, id64, number)?;
        let latest = self.store.latest_pdf(id64).await?.pdf;
        let fields = kelisim_sign::signature_fields(&latest)?;
        let is_signed = |seat: &Seat| fields.iter().any(|f| f.name == seat.field && f.signed);
        let places = kelisim_pdf::render(&memo, &kelisim_pdf::RenderOptions::default())
            .map(|r| r.signature_fields)
            .unwrap_or_default();
        let page = |seat: &Seat| {
            places
                .iter()
                .find(|f| f.party_id == seat.party_id && f.signatory_id == seat.signatory_id)
                .map(|f| f.page)
        };
        let seats = signatories::seats(&memo);
        let keys = self
            .keystore()?
            .list()?
            .into_iter()
            .map(|info| {
                let holder = Holder {
                    name: info.subject.name.clone(),
                    organisation: info.subject.organisation.clone(),
                    bin: info.subject.bin.clone(),
                };
                let is_ca = info.is_ca;
                let matching = signatories::matching(&memo, &holder);
                let free = matching.iter().find(|s| !is_signed(s));
                let (field, reason) = if is_ca {
                    (None, Some(NotSigningReason::CaKey))
                } else if let Some(seat) = free {
                    (Some(seat.field.clone()), None)
                } else if matching.is_empty() {
                    (None, Some(NotSigningReason::NotSignatory))
                } else {
                    (None, Some(NotSigningReason::SignedAlready))
                };
                CandidateDto {
                    key: key_dto(info),
                    field,
                    reason,
                }
            })
            .collect();
        Ok(SignCandidatesDto {
            memorandum: id,
            status: row.status.into(),
            content_hash: rev.content_hash,
            pdf_sha256: sha256_hex(&latest),
            signatories: seats
                .iter()
                .map(|s| seat_dto(&memo, s, is_signed(s), page(s)))
                .collect(),
            keys,
            signable: matches!(row.status, Status::Approved | Status::Signing),
        })
    }
}
