//! Signing: a PDF file (`kelisim sign`) or a stored memorandum into the field its rendering
//! reserved for the signatory (`kelisim memo sign`), which then moves the workflow; and what
//! the sign dialog shows before anything is unlocked ([`candidates`]), and who signs where
//! ([`signatories`]).
//!
//! Private keys stay in `kelisim-sign`; this module only passes passphrases through.

mod candidates;
pub(crate) mod signatories;

pub use candidates::{CandidateDto, NotSigningReason, SeatDto, SignCandidatesDto};

use std::path::{Path, PathBuf};

use kelisim_core::workflow::{transition, Action};
use kelisim_core::Memorandum;
use kelisim_sign::{
    prepare_signature, EmptyField, FieldState, KeyInfo, Keystore, OffsetDateTime, Passphrase,
    SignOptions, UnlockedKey,
};

use self::signatories::{Holder, Seat};
use crate::dto::{SignFileOptions, SignedDto, VerdictDto};
use crate::memos::stored_document;
use crate::messages::Reason;
use crate::render::sha256_hex;
use crate::{actor, AppError, Kelisim};

/// The widget of `kelisim sign` on a page: 240 × 70 pt, from the bottom-left corner, two
/// per row.
fn file_rect(existing: usize) -> [f32; 4] {
    let column = (existing % 2) as f32;
    let row = (existing / 2) as f32;
    let (x, y) = (40.0 + column * 260.0, 40.0 + row * 80.0);
    [x, y, x + 240.0, y + 70.0]
}

/// Name, position, date and time, and the certificate's short fingerprint.
fn appearance(info: &KeyInfo, at: OffsetDateTime) -> Vec<String> {
    let mut lines = vec![info.subject.name.clone()];
    if !info.subject.position.is_empty() {
        lines.push(info.subject.position.clone());
    }
    lines.push(format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    ));
    let short: Vec<&str> = info.fingerprint.split(' ').take(4).collect();
    lines.push(format!("SHA-256 {}", short.join(" ")));
    lines
}

/// Refuses to sign a Kelisim memorandum PDF as a plain file: its signatures belong only in the
/// places its rendering reserved for each signatory (a widget anywhere else makes verification
/// refuse it), which only `memo sign` knows.
fn refuse_kelisim_rendering(pdf: &[u8]) -> Result<(), AppError> {
    let Some(base) = kelisim_sign::first_revision(pdf) else {
        return Ok(());
    };
    let Ok(attachment) = kelisim_sign::read_attachment(base, "memorandum.json") else {
        return Ok(());
    };
    if crate::verify::is_draft(&attachment) {
        return Err(AppError::Refused(Reason::new(
            "draft_pdf_not_signed",
            Vec::new(),
            "this PDF is a draft (ЖОБА / ПРОЕКТ / DRAFT on every page): a draft is never signed; \
             approve the memorandum and sign the approved PDF",
        )));
    }
    match attachment.producer {
        Some(producer) if producer.starts_with("Kelisim ") && attachment.content.is_some() => {
            Err(AppError::Refused(Reason::new(
                "kelisim_pdf_signed_as_file",
                vec![("producer", producer.clone())],
                format!(
                    "this PDF is a Kelisim memorandum ({producer}): a signature goes only in the \
                     place its rendering reserved for the signatory, which signing a plain file \
                     cannot know; import it with `kelisim memo import FILE.pdf` and sign it with \
                     `kelisim memo sign ID --key LABEL`"
                ),
            )))
        }
        _ => Ok(()),
    }
}

/// Where rendering reserved one signatory's signature, as stored with the approved PDF.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Place {
    pub party_id: String,
    pub signatory_id: String,
    /// 1-based.
    pub page: u32,
    pub rect: [f32; 4],
}

/// The signature places of a rendering, as the JSON stored with the approved PDF.
pub(crate) fn places_json(fields: &[kelisim_pdf::SignatureField]) -> Result<String, AppError> {
    let places: Vec<Place> = fields
        .iter()
        .map(|f| Place {
            party_id: f.party_id.clone(),
            signatory_id: f.signatory_id.clone(),
            page: f.page,
            rect: f.rect,
        })
        .collect();
    serde_json::to_string(&places)
        .map_err(|e| AppError::Render(format!("the signature places cannot be stored: {e}")))
}

/// A key being unlocked (Argon2id, the slow part of signing) on its own thread while the
/// document is read, checked and laid out: started by [`Kelisim::memo_sign`], or by
/// [`Kelisim::start_unlock`] before the database is even opened (the command line).
pub struct Unlocking {
    label: String,
    task: UnlockTask,
}

enum UnlockTask {
    Running(std::thread::JoinHandle<Result<UnlockedKey, AppError>>),
    /// No thread could start: unlocked when asked.
    Later(PathBuf, Passphrase),
}

/// Opens the keystore of `keys` without creating it (a folder without one has no key to
/// unlock) and unlocks `label`.
fn unlock_in(keys: &Path, label: &str, passphrase: &Passphrase) -> Result<UnlockedKey, AppError> {
    if !keys.is_dir() {
        return Err(kelisim_sign::SignError::KeyNotFound(label.to_owned()).into());
    }
    let keystore = Keystore::open(keys)?.with_kdf_params(crate::keys::kdf_params());
    Ok(keystore.unlock(label, passphrase)?)
}

impl Unlocking {
    fn start(keys: PathBuf, label: &str, passphrase: &Passphrase) -> Unlocking {
        let (l, p, k) = (label.to_owned(), passphrase.clone(), keys.clone());
        let task = match std::thread::Builder::new()
            .name("kelisim-unlock".into())
            .spawn(move || unlock_in(&k, &l, &p))
        {
            Ok(handle) => UnlockTask::Running(handle),
            Err(_) => UnlockTask::Later(keys, passphrase.clone()),
        };
        Unlocking {
            label: label.to_owned(),
            task,
        }
    }

    fn finish(self) -> Result<UnlockedKey, AppError> {
        match self.task {
            UnlockTask::Running(handle) => match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            UnlockTask::Later(keys, passphrase) => unlock_in(&keys, &self.label, &passphrase),
        }
    }
}

/// The seats of `memo` the key's holder may sign; refuses when the holder is none of its
/// signatories.
fn seats_for_key_holder(
    memo: &Memorandum,
    info: &KeyInfo,
    label: &str,
    id: u32,
) -> Result<Vec<Seat>, AppError> {
    let holder = Holder {
        name: info.subject.name.clone(),
        organisation: info.subject.organisation.clone(),
        bin: info.subject.bin.clone(),
    };
    let candidates = signatories::matching(memo, &holder);
    if candidates.is_empty() {
        let all: Vec<String> = signatories::seats(memo)
            .iter()
            .map(|s| signatories::describe(memo, s))
            .collect();
        let signer = if info.subject.organisation.is_empty() {
            info.subject.name.clone()
        } else {
            format!("{} ({})", info.subject.name, info.subject.organisation)
        };
        return Err(AppError::Refused(Reason::new(
            "not_a_signatory",
            vec![
                ("label", label.to_string()),
                ("signer", signer.clone()),
                ("id", id.to_string()),
                ("signatories", all.join(", ")),
            ],
            format!(
                "the key {label:?} is for {signer}, who is not a signatory of memorandum {id}; \
                 its signatories are {}",
                all.join(", ")
            ),
        )));
    }
    Ok(candidates)
}

/// The first of the holder's `candidates` whose field is not signed yet; refuses when the
/// holder has signed every one.
fn first_unsigned_seat(
    memo: &Memorandum,
    candidates: &[Seat],
    fields: &[FieldState],
    id: u32,
) -> Result<Seat, AppError> {
    let is_signed = |seat: &Seat| fields.iter().any(|f| f.name == seat.field && f.signed);
    let Some(seat) = candidates.iter().find(|s| !is_signed(s)).cloned() else {
        let signer = candidates
            .iter()
            .map(|s| signatories::describe(memo, s))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(AppError::Refused(Reason::new(
            "signed_already",
            vec![("signer", signer.clone()), ("id", id.to_string())],
            format!("{signer} has signed memorandum {id} already"),
        )));
    };
    Ok(seat)
}

impl Kelisim {
    /// Signs a PDF file's bytes with a visible signature on `page` (1-based).
    pub fn sign_file(
        &self,
        pdf: &[u8],
        label: &str,
        passphrase: &Passphrase,
        page: u32,
        options: &SignFileOptions,
    ) -> Result<(Vec<u8>, SignedDto), AppError> {
        refuse_kelisim_rendering(pdf)?;
        let info = self.keystore()?.info(label)?;
        let unlocking = Unlocking::start(self.data_dir.join("keys"), label, passphrase);
        let fields = kelisim_sign::signature_fields(pdf)?;
        let existing = fields.iter().filter(|f| f.signed).count();
        let field = (1..)
            .map(|n| format!("Signature{n}"))
            .find(|name| !fields.iter().any(|f| &f.name == name))
            .unwrap_or_else(|| "Signature".to_owned());
        let now = OffsetDateTime::now_utc();
        let sign_options = SignOptions {
            field_name: field.clone(),
            page,
            rect: file_rect(existing),
            certify: options.certify,
            reason: options.reason.clone(),
            location: options.location.clone(),
            signing_time: now,
            appearance_text: appearance(&info, now),
            empty_fields: Vec::new(),
        };
        let prepared = prepare_signature(pdf, &info, &sign_options)?;
        let unlocked = unlocking.finish()?;
        let signed = prepared.sign(&unlocked)?;
        let dto = SignedDto {
            memorandum: None,
            field,
            signer: info.subject.name.clone(),
            fingerprint: info.fingerprint.clone(),
            certified: options.certify,
            complete: false,
            sha256: sha256_hex(&signed),
        };
        Ok((signed, dto))
    }

    /// Signs the memorandum's newest stored PDF as the signatory the key's certificate names,
    /// stores the result and moves the workflow (approved → signing → signed). The first
    /// signature certifies the document (DocMDP P=2) when `options.certify`, and lays out
    /// empty fields for every other signatory.
    pub async fn memo_sign(
        &self,
        id: u32,
        label: &str,
        passphrase: &Passphrase,
        options: &SignFileOptions,
    ) -> Result<SignedDto, AppError> {
        let unlocking = Self::start_unlock(&self.data_dir, label, passphrase);
        self.memo_sign_unlocking(id, unlocking, options).await
    }

    /// Starts unlocking key `label` of the keystore in `data_dir` on its own thread, for
    /// [`Kelisim::memo_sign_unlocking`]: the command line starts it before opening the
    /// database, so the derivation overlaps everything else signing does.
    pub fn start_unlock(data_dir: &Path, label: &str, passphrase: &Passphrase) -> Unlocking {
        Unlocking::start(data_dir.join("keys"), label, passphrase)
    }

    /// [`Kelisim::memo_sign`] with the key's unlocking already under way. The signature is
    /// laid out and hashed while the key is unlocked; only the private-key operation waits
    /// for it.
    pub async fn memo_sign_unlocking(
        &self,
        id: u32,
        unlocking: Unlocking,
        options: &SignFileOptions,
    ) -> Result<SignedDto, AppError> {
        let id64 = i64::from(id);
        let label = unlocking.label.clone();
        let row = self.store.memorandum(id64).await?;
        transition(row.status, Action::Sign)
            .map_err(|refused| kelisim_store::StoreError::Refused { id: id64, refused })?;
        let info = self.keystore()?.info(&label)?;
        // A refusal below drops the unlocking key unused (it zeroises on drop).
        let number = row.approved_revision.unwrap_or(row.current_revision);
        let rev = self.store.revision(id64, number).await?;
        let memo = stored_document(&rev.document, id64, number)?;

        let candidates = seats_for_key_holder(&memo, &info, &label, id)?;
        // The journal may assign the number now (before anyone has signed, to a signatory):
        // the approved PDF is rendered again with it, and that is what is signed.
        let (number, memo) = match self.register_before_first_signature(&row).await? {
            Some((revision, registered)) => (revision, registered),
            None => (number, memo),
        };
        let latest = self.store.latest_pdf(id64).await?.pdf;
        let fields = kelisim_sign::signature_fields(&latest)?;
        let is_signed = |seat: &Seat| fields.iter().any(|f| f.name == seat.field && f.signed);
        let seat = first_unsigned_seat(&memo, &candidates, &fields, id)?;
        let seats = signatories::seats(&memo);
        let any_signed = fields.iter().any(|f| f.signed);
        if any_signed {
            self.verify_before_signing(id, &latest).await?;
        }
        let laid_out = fields.iter().any(|f| f.name == seat.field);
        let (page, rect, empty_fields) = if laid_out {
            (1, [0.0; 4], Vec::new())
        } else {
            let places = self.reserved_places(id64, number, &memo, &latest).await?;
            reserved_fields(&places, &seat, &seats, &fields)?
        };
        let certify = options.certify && !any_signed;

        let now = OffsetDateTime::now_utc();
        let sign_options = SignOptions {
            field_name: seat.field.clone(),
            page,
            rect,
            certify,
            reason: options.reason.clone(),
            location: options.location.clone(),
            signing_time: now,
            appearance_text: appearance(&info, now),
            empty_fields,
        };
        let prepared = prepare_signature(&latest, &info, &sign_options)?;
        let unlocked = unlocking.finish()?;
        let signed = prepared.sign(&unlocked)?;
        let complete = seats.iter().all(|s| s.field == seat.field || is_signed(s));
        let sha = sha256_hex(&signed);
        let signer = format!("{} ({})", info.subject.name, info.fingerprint);
        let mut row = self
            .store
            .add_signed_pdf(id64, &signed, &sha, &signer, complete, &actor())
            .await?;
        if complete {
            // A term that starts on the last signature starts today.
            if let Some(today) = crate::journal::today_utc() {
                self.update_term(id64, &today).await?;
                row = self.store.memorandum(id64).await?;
            }
        }
        Ok(SignedDto {
            memorandum: Some(crate::memos::summary(row)),
            field: seat.field,
            signer: info.subject.name,
            fingerprint: info.fingerprint,
            certified: certify,
            complete,
            sha256: sha,
        })
    }

    /// Refuses to add a signature to a stored signed PDF that does not verify now (broken,
    /// changed after a signature, pages not the approved rendering, or not re-derivable): one
    /// never signs under a document one cannot vouch for. An untrusted earlier signer is not a
    /// refusal here (the PDF was verified when it was imported).
    async fn verify_before_signing(&self, id: u32, latest: &[u8]) -> Result<(), AppError> {
        let trust = self.trust_anchors().await?;
        let known = self.known_rendering(latest).await?;
        let verified = crate::verify::verify_with(latest, &trust, known.as_ref());
        if matches!(
            verified.dto.verdict,
            VerdictDto::Valid | VerdictDto::ValidUntrusted
        ) {
            return Ok(());
        }
        let mut why: Vec<String> = verified
            .dto
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        for s in &verified.dto.signatures {
            why.extend(
                s.problems
                    .iter()
                    .map(|p| format!("{}: {}", s.field, p.message)),
            );
            why.extend(
                s.modifications
                    .iter()
                    .map(|m| format!("{}: {}", s.field, m.description)),
            );
        }
        Err(AppError::SignatureInvalid(Reason::new(
            "stored_pdf_does_not_verify",
            vec![("id", id.to_string())],
            format!(
                "refused: the stored PDF of memorandum {id} does not verify ({:?}: {}); nothing \
                 was signed",
                verified.dto.verdict,
                why.join("; ")
            ),
        )))
    }

    /// Where the approved PDF reserves the signatures: stored with it at approval, or, for a
    /// PDF approved before places were stored, found by rendering the approved revision again
    /// (which must give the stored PDF's first revision).
    async fn reserved_places(
        &self,
        id: i64,
        revision: i64,
        memo: &kelisim_core::Memorandum,
        latest: &[u8],
    ) -> Result<Vec<Place>, AppError> {
        if let Some(json) = self.store.signature_places(id, revision).await? {
            return serde_json::from_str(&json).map_err(|e| {
                AppError::Render(format!(
                    "the stored signature places of memorandum {id} cannot be read: {e}"
                ))
            });
        }
        let rendered = kelisim_pdf::render(memo, &kelisim_pdf::RenderOptions::default())
            .map_err(|e| AppError::Render(e.to_string()))?;
        if !kelisim_sign::is_first_revision(latest, &rendered.pdf) {
            return Err(AppError::Refused(Reason::new(
                "other_renderer",
                Vec::new(),
                "the stored PDF was rendered by another version of Kelisim, so the signature \
                 places cannot be found",
            )));
        }
        serde_json::from_str(&places_json(&rendered.signature_fields)?)
            .map_err(|e| AppError::Render(e.to_string()))
    }
}

/// The page and rectangle reserved for `seat`, and empty fields for the other signatories not
/// laid out yet.
fn reserved_fields(
    places: &[Place],
    seat: &Seat,
    seats: &[Seat],
    fields: &[kelisim_sign::FieldState],
) -> Result<(u32, [f32; 4], Vec<EmptyField>), AppError> {
    let place = |s: &Seat| {
        places
            .iter()
            .find(|f| f.party_id == s.party_id && f.signatory_id == s.signatory_id)
    };
    let mine = place(seat).ok_or_else(|| {
        AppError::Render(format!(
            "no signature place was reserved for {}",
            seat.field
        ))
    })?;
    let empty = seats
        .iter()
        .filter(|s| s.field != seat.field && !fields.iter().any(|f| f.name == s.field))
        .filter_map(|s| {
            place(s).map(|f| EmptyField {
                name: s.field.clone(),
                page: f.page,
                rect: f.rect,
            })
        })
        .collect();
    Ok((mine.page, mine.rect, empty))
}
