//! Importing a memorandum PDF from another party: the embedded memorandum must re-render to
//! the first revision (a PDF whose pages cannot be re-derived is refused), every signature must
//! verify against the trust store — intact, nothing but signatures after it, visible only in
//! the places the rendering reserved — be within the scope of the certificate that vouches for
//! it, and sit in its signatory's field (by BIN); then the memorandum is stored (or found by its content hash) with the
//! PDF and the status its signatures give. A PDF of a memorandum approved here with another
//! text (same date and parties) is a conflict: refused, never merged or added beside it.

use kelisim_core::workflow::Status;
use kelisim_core::Memorandum;
use kelisim_sign::{TrustAnchor, TrustScope, Verdict, VerifyReport};
use kelisim_store::{Approval, ImportTarget, ListQuery, MemoRow, PdfImport, SignedPdf, Sort};

use crate::dto::{AgreementStatus, MemoSummary, VerificationDto};
use crate::memos::{document_for_storage, revision_input, stored_document, summary};
use crate::messages::Reason;
use crate::render::sha256_hex;
use crate::signing::signatories::{self, Holder};
use crate::verify::{embedded_memorandum, verify_with, KnownSource, Verified};
use crate::{actor, AppError, Kelisim};

/// The approved rendering of a memorandum, as approving stores it.
struct Rendering {
    pdf: Vec<u8>,
    sha256: String,
    places: String,
}

fn render_approval(memo: &Memorandum) -> Result<Rendering, AppError> {
    let rendered = crate::render::render_with_places(memo, None)?;
    Ok(Rendering {
        sha256: sha256_hex(&rendered.pdf),
        places: crate::signing::places_json(&rendered.signature_fields)?,
        pdf: rendered.pdf,
    })
}

/// Whether some anchor's scope covers a signer: its very certificate trusted as itself, or a
/// CA trusted for the BIN it names. This does not replace the signing crate's path check
/// (which says *which* CA issued it); it keeps a CA trusted for one organisation from putting
/// a signer in another's seat here, whatever that check does.
fn within_scope(trust: &[TrustAnchor], der: &[u8], bin: Option<&str>) -> bool {
    trust.iter().any(|a| match &a.scope {
        TrustScope::ThisCertificate => a.certificate_der == der,
        TrustScope::Organisations(bins) => bin.is_some_and(|b| bins.iter().any(|x| x == b)),
    })
}

/// The signatories' fields that hold a verified signature by that signatory, within the scope
/// of the anchor that vouches for it; anything else is refused.
fn signed_fields(
    memo: &Memorandum,
    report: &VerifyReport,
    trust: &[TrustAnchor],
) -> Result<Vec<String>, AppError> {
    let seats = signatories::seats(memo);
    let mut signed = Vec::new();
    for s in &report.signatures {
        let Some(seat) = seats.iter().find(|seat| seat.field == s.field_name) else {
            return Err(AppError::SignatureInvalid(Reason::new(
                "signature_not_in_place",
                vec![("field", s.field_name.clone())],
                format!(
                    "the signature in field {:?} is not in a signatory's place",
                    s.field_name
                ),
            )));
        };
        let der = s.signer_certificate.as_deref().ok_or_else(|| {
            AppError::SignatureInvalid(Reason::new(
                "signature_without_certificate",
                vec![("field", s.field_name.clone())],
                format!(
                    "the signature in field {:?} carries no certificate",
                    s.field_name
                ),
            ))
        })?;
        let cert = kelisim_sign::certificate_info(der)?;
        if !within_scope(trust, der, cert.bin.as_deref()) {
            let bin = cert.bin.as_deref().unwrap_or("—");
            return Err(AppError::UntrustedSigner(Reason::new(
                "signer_out_of_scope",
                vec![
                    ("field", s.field_name.clone()),
                    ("signer", cert.subject.to_string()),
                    ("bin", bin.to_owned()),
                ],
                format!(
                    "the signature in field {:?} is by {} (BIN {bin}), whom no trusted \
                     certificate vouches for: a CA is trusted only for the BINs it was added with",
                    s.field_name, cert.subject,
                ),
            )));
        }
        let holder = Holder {
            name: cert.name.unwrap_or_default(),
            organisation: cert.organisation.unwrap_or_default(),
            bin: cert.bin,
        };
        if !signatories::matching(memo, &holder).contains(seat) {
            let place = signatories::describe(memo, seat);
            return Err(AppError::SignatureInvalid(Reason::new(
                "signature_by_someone_else",
                vec![
                    ("seat", place.clone()),
                    ("signer", cert.subject.to_string()),
                ],
                format!(
                    "the signature in the place of {place} was made by {}",
                    cert.subject
                ),
            )));
        }
        signed.push(seat.field.clone());
    }
    Ok(signed)
}

fn signer_list(report: &VerifyReport) -> String {
    report
        .signatures
        .iter()
        .filter(|s| !s.trusted)
        .map(|s| {
            format!(
                "{} [{}]",
                s.signer_subject.as_deref().unwrap_or("?"),
                s.signer_fingerprint.as_deref().unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Refuses a PDF whose signatures do not all verify, or whose signers are not all trusted.
fn refuse_unless_signatures_trusted(
    report: &VerifyReport,
    dto: &VerificationDto,
) -> Result<(), AppError> {
    match report.verdict {
        Verdict::Valid | Verdict::NoSignatures => Ok(()),
        Verdict::ValidUntrusted => Err(AppError::UntrustedSigner(Reason::new(
            "signers_untrusted",
            vec![("signers", signer_list(report))],
            format!(
                "the signatures verify but these signers are not trusted: {}; \
                 compare the fingerprint with the signer and add their certificate with \
                 `kelisim trust add`",
                signer_list(report)
            ),
        ))),
        Verdict::Invalid | Verdict::ModifiedAfterSigning => {
            let mut why: Vec<String> = dto.problems.iter().map(|p| p.message.clone()).collect();
            for s in &dto.signatures {
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
                "pdf_refused",
                vec![("verdict", report.verdict.code().to_owned())],
                format!(
                    "refused: {} ({})",
                    report.verdict.code().replace('_', " "),
                    why.join("; ")
                ),
            )))
        }
    }
}

/// Whether the PDF adds a signature to the `latest` one held; refuses a PDF that was signed
/// apart from it rather than continuing it.
fn refuse_unless_continues(
    latest: &[u8],
    pdf: &[u8],
    signed: &[String],
    held: Option<&MemoRow>,
) -> Result<bool, AppError> {
    if latest == pdf || signed.is_empty() || latest.starts_with(pdf) {
        // Nothing new (or an older version of what we hold).
        Ok(false)
    } else if pdf.starts_with(latest) {
        Ok(true)
    } else {
        let which = held.map_or_else(
            || "the memorandum".to_owned(),
            |row| format!("memorandum {}", row.id),
        );
        Err(AppError::Refused(Reason::new(
            "not_continued",
            vec![("which", which.to_string())],
            format!(
                "{which} holds a signed PDF that this one does not continue (the two were \
                 signed separately); sign in turn, each on the other's latest PDF"
            ),
        )))
    }
}

/// Who made the last signature, as the signed PDF's record names them.
fn last_signer(report: &VerifyReport) -> String {
    report
        .signatures
        .last()
        .map(|s| {
            format!(
                "{} ({})",
                s.signer_subject.as_deref().unwrap_or("?"),
                s.signer_fingerprint.as_deref().unwrap_or("?")
            )
        })
        .unwrap_or_default()
}

impl Kelisim {
    /// Imports a memorandum PDF (see the module documentation).
    pub async fn import_pdf(&self, pdf: &[u8], source: &str) -> Result<MemoSummary, AppError> {
        let trust = self.trust_anchors().await?;
        let known = self.known_rendering(pdf).await?;
        let verified = verify_with(pdf, &trust, known.as_ref());
        self.remember_rederived(pdf, &verified).await;
        let Verified {
            dto, report, memo, ..
        } = verified;
        let memo = self
            .rederivable_memorandum(pdf, &dto, memo, known.map(|k| k.source))
            .await?;
        refuse_unless_signatures_trusted(&report, &dto)?;
        let signed = signed_fields(&memo, &report, &trust)?;
        let complete = signed.len() == signatories::seats(&memo).len();
        let held = self.held_without_conflict(&memo).await?;
        // Everything is decided before anything is written: the writes are one transaction.
        // A memorandum not held yet is stored as every document is (checked, then parsed back).
        let new = match &held {
            None => Some(document_for_storage(&memo.canonical_json(), source)?),
            Some(_) => None,
        };
        let revision = new.as_ref().map(revision_input);
        let approval = self.approval_to_store(held.as_ref(), new.as_ref()).await?;
        let latest = match (&approval, &held) {
            (Some((_, rendered)), _) => rendered.pdf.clone(),
            (None, Some(row)) => self.store.latest_pdf(row.id).await?.pdf,
            (None, None) => Vec::new(),
        };
        let adds_signature = refuse_unless_continues(&latest, pdf, &signed, held.as_ref())?;
        if approval.is_none() && !adds_signature {
            if let Some(row) = held {
                return Ok(summary(row));
            }
        }
        let signer = last_signer(&report);
        let pdf_sha256 = sha256_hex(pdf);
        let actor = actor();
        let import = PdfImport {
            target: match (&held, &revision) {
                (Some(row), _) => ImportTarget::Existing(row.id),
                (None, Some(revision)) => ImportTarget::New {
                    revision,
                    action: "imported",
                },
                (None, None) => {
                    return Err(AppError::Refused(Reason::new(
                        "nothing_to_import_into",
                        Vec::new(),
                        "nothing to import the PDF into",
                    )))
                }
            },
            approval: approval.as_ref().map(|(number, r)| Approval {
                revision: *number,
                pdf: &r.pdf,
                sha256: &r.sha256,
                signature_places: &r.places,
                renderer: kelisim_pdf::RENDERER_VERSION,
            }),
            signed: adds_signature.then_some(SignedPdf {
                pdf,
                sha256: &pdf_sha256,
                signer: &signer,
                complete,
            }),
            actor: &actor,
        };
        let row = self.store.import_pdf(&import).await?;
        // Its term's dates (expiry, notice), from the signature just stored when it completes
        // the memorandum: the registry filters and sorts by them.
        let today = self.today().await?;
        self.update_term(row.id, &today).await?;
        Ok(summary(self.store.memorandum(row.id).await?))
    }

    /// The memorandum whose rendering the PDF's first revision is (re-derived now, or known
    /// here); refuses a PDF whose pages are not, or cannot be checked to be, that rendering.
    async fn rederivable_memorandum(
        &self,
        pdf: &[u8],
        dto: &VerificationDto,
        memo: Option<Memorandum>,
        known: Option<KnownSource>,
    ) -> Result<Memorandum, AppError> {
        Ok(match (dto.agreement.status, memo, known) {
            (AgreementStatus::Matches, Some(memo), _) => memo,
            // The first revision is an approved PDF of ours: its memorandum is stored here.
            (AgreementStatus::Matches, None, Some(KnownSource::Approved(k))) => {
                let rev = self.store.revision(k.memorandum_id, k.revision).await?;
                stored_document(&rev.document, k.memorandum_id, k.revision)?
            }
            // Rendered again and compared here before: the memorandum is the embedded one.
            (AgreementStatus::Matches, None, Some(KnownSource::Rederived { content_hash, .. })) => {
                embedded_memorandum(pdf, &content_hash)?
            }
            (status, _, _) => {
                let mut why = vec![dto.agreement.detail.clone()];
                why.extend(dto.problems.iter().map(|p| p.message.clone()));
                let what = match status {
                    AgreementStatus::NotRederivable | AgreementStatus::NotKelisim => {
                        "not re-derivable: the pages cannot be checked against the memorandum \
                         the PDF carries (not a Kelisim rendering, or another renderer version)"
                    }
                    _ => "the pages are not the rendering of the memorandum the PDF carries",
                };
                return Err(AppError::SignatureInvalid(Reason::new(
                    "pages_not_rederived",
                    Vec::new(),
                    format!("refused: {what} ({})", why.join("; ")),
                )));
            }
        })
    }

    /// The stored memorandum with the PDF's text, if any; refuses one approved here with
    /// another text for the same date and parties.
    async fn held_without_conflict(&self, memo: &Memorandum) -> Result<Option<MemoRow>, AppError> {
        Ok(match self.find_by_hash(memo).await? {
            Found::Same(id) => Some(self.store.memorandum(i64::from(id)).await?),
            Found::Conflict { id, here } => {
                return Err(AppError::Refused(Reason::new(
                    "different_approved_text",
                    vec![("id", id.to_string())],
                    format!(
                        "conflict: memorandum {id} here has the same parties and date but a \
                         different approved text ({here} here, {} in the PDF); nothing was \
                         imported. Compare the two texts with the other party and agree on one \
                         before signing",
                        memo.content_hash()
                    ),
                )))
            }
            Found::None => None,
        })
    }

    /// The revision to approve with the import and its rendering: a held draft's current
    /// revision, or a new memorandum's first; none when the held one is past draft.
    async fn approval_to_store(
        &self,
        held: Option<&MemoRow>,
        new: Option<&Memorandum>,
    ) -> Result<Option<(i64, Rendering)>, AppError> {
        Ok(match (held, new) {
            (Some(row), _) if row.status != Status::Draft => None,
            (Some(row), _) => {
                let rev = self.store.revision(row.id, row.current_revision).await?;
                let here = stored_document(&rev.document, row.id, rev.number)?;
                Some((row.current_revision, render_approval(&here)?))
            }
            (None, Some(new)) => Some((1, render_approval(new)?)),
            (None, None) => None,
        })
    }

    /// The stored memorandum whose current (or approved) revision has `memo`'s content hash;
    /// or, when none has, an approved one among those with the same title words that has the
    /// same date and parties (the same memorandum with another text: a conflict).
    async fn find_by_hash(&self, memo: &Memorandum) -> Result<Found, AppError> {
        let hash = memo.content_hash();
        let lang = memo
            .languages
            .first()
            .copied()
            .unwrap_or(kelisim_core::Language::Ru);
        let title =
            kelisim_core::placeholder::resolve(memo, Memorandum::text_in(&memo.title, lang), lang);
        let wanted = identity(memo);
        let mut conflict = None;
        // Candidates by title words first; everything when that finds none.
        for text in [Some(title), None] {
            let by_title = text.is_some();
            let mut offset = 0;
            loop {
                let page = self
                    .store
                    .list(&ListQuery {
                        status: None,
                        text: text.clone(),
                        organisation: None,
                        sort: Sort::Updated,
                        limit: 500,
                        offset,
                        ..ListQuery::default()
                    })
                    .await?;
                for row in &page.rows {
                    let number = row.approved_revision.unwrap_or(row.current_revision);
                    let rev = self.store.revision(row.id, number).await?;
                    if rev.content_hash == hash {
                        return Ok(u32::try_from(row.id).map_or(Found::None, Found::Same));
                    }
                    if by_title && conflict.is_none() && row.approved_revision.is_some() {
                        let here = stored_document(&rev.document, row.id, number)?;
                        if identity(&here) == wanted {
                            conflict = u32::try_from(row.id).ok().map(|id| Found::Conflict {
                                id,
                                here: rev.content_hash.clone(),
                            });
                        }
                    }
                }
                if page.rows.len() < 500 {
                    break;
                }
                offset += 500;
            }
        }
        Ok(conflict.unwrap_or(Found::None))
    }
}

/// What the registry holds of an imported memorandum.
enum Found {
    /// This memorandum, with the same text.
    Same(u32),
    /// The same date and parties, approved here with another text.
    Conflict {
        id: u32,
        here: String,
    },
    None,
}

/// What makes two texts the same memorandum: its date and its parties (by BIN, else by name).
fn identity(memo: &Memorandum) -> (String, Vec<String>) {
    let mut parties: Vec<String> = memo
        .parties
        .iter()
        .map(|p| match &p.bin {
            Some(bin) => bin.to_string(),
            None => memo
                .languages
                .first()
                .map(|l| Memorandum::text_in(&p.name, *l).to_owned())
                .unwrap_or_default(),
        })
        .collect();
    parties.sort();
    (memo.date.to_string(), parties)
}
