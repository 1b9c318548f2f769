//! Verifying a PDF: every signature (through `kelisim-sign`), and for Kelisim PDFs the "what
//! you see is what was agreed" check — the first revision must be byte for byte what this
//! renderer makes of the embedded `memorandum.json`.

mod folder;

pub use folder::{FolderReport, FolderRow, FOLDER_CSV_HEADER};

use kelisim_core::Memorandum;
use kelisim_sign::{Modification, SignaturePlace, SignatureReport, Verdict, VerifyReport};
use kelisim_store::ApprovedRendering;

use crate::dto::{
    params_map, AgreementDto, AgreementStatus, FindingDto, ModificationDto, SignatureDto,
    VerdictDto, VerificationDto,
};
use crate::keys::utc;
use crate::memos::parse_document;
use crate::messages::Reason;
use crate::signing::signatories::field_name;
use crate::signing::{places_json, Place};
use crate::{AppError, Kelisim};

/// The memorandum embedded in the first revision of `pdf`, which must have `content_hash`
/// (a first revision known to be its rendering, whose pages are not rendered again).
pub(crate) fn embedded_memorandum(pdf: &[u8], content_hash: &str) -> Result<Memorandum, AppError> {
    let refused = |why: &str| {
        AppError::SignatureInvalid(Reason::new(
            "embedded_memorandum_unreadable",
            Vec::new(),
            format!("refused: {why}"),
        ))
    };
    let base = kelisim_sign::first_revision(pdf)
        .ok_or_else(|| refused("the file has no complete revision"))?;
    let content = kelisim_sign::read_attachment(base, ATTACHMENT)?
        .content
        .ok_or_else(|| refused("no embedded memorandum.json in the first revision"))?;
    let text =
        String::from_utf8(content).map_err(|_| refused("the embedded memorandum is not UTF-8"))?;
    let memo = parse_document(&text, "the embedded memorandum")?;
    if memo.content_hash() != content_hash {
        return Err(refused(
            "the embedded memorandum is not the one compared with the pages before",
        ));
    }
    Ok(memo)
}

/// The renderer whose renderings are remembered: the producer a Kelisim PDF names.
fn renderer_name() -> String {
    format!("Kelisim {}", kelisim_pdf::RENDERER_VERSION)
}

/// How many bytes of embedded memorandum one byte of its rendering may carry at most (see
/// [`agreement`]).
const MAX_MEMORANDUM_PER_RENDERING_BYTE: usize = 4;

/// The name of the memorandum attached to every Kelisim PDF.
const ATTACHMENT: &str = "memorandum.json";

/// A first revision this installation knows to be a faithful rendering, found by its SHA-256.
pub(crate) struct KnownRendering {
    pub source: KnownSource,
    /// Its length: the first revision and the line end after it.
    pub length: usize,
    /// Where it reserves the signatures.
    pub places: Vec<SignaturePlace>,
}

pub(crate) enum KnownSource {
    /// An approved PDF stored here (which this installation rendered).
    Approved(ApprovedRendering),
    /// A PDF from elsewhere whose first revision was rendered again here from its embedded
    /// memorandum by this renderer version and matched, at `at`.
    Rederived { at: String, content_hash: String },
}

/// The signature places of a rendering from their stored JSON (pages 1-based there, 0-based
/// here), `None` when it cannot be read.
pub(crate) fn signature_places(json: &str) -> Option<Vec<SignaturePlace>> {
    let places: Vec<Place> = serde_json::from_str(json)
        .map_err(|e| tracing::error!("stored signature places cannot be read: {e}"))
        .ok()?;
    places
        .into_iter()
        .map(|p| {
            Some(SignaturePlace {
                field_name: Some(field_name(&p.party_id, &p.signatory_id)),
                page: p.page.checked_sub(1)?,
                rect: p.rect,
            })
        })
        .collect()
}

/// The agreement check with what it found.
pub(crate) struct Agreement {
    pub dto: AgreementDto,
    /// Where the first revision reserves the signatures, when it is a known or re-derived
    /// rendering.
    pub places: Option<Vec<SignaturePlace>>,
    /// The places as JSON, when the first revision was rendered again now (to remember).
    pub places_json: Option<String>,
    /// The embedded memorandum, when it was rendered again to match the first revision (not
    /// when the first revision was recognised as a rendering stored here).
    pub memo: Option<Memorandum>,
    /// The length of the first revision.
    pub base_len: usize,
    /// The first revision was rendered again now and matched.
    pub rederived: bool,
}

/// What the agreement check found: a code of [`crate::messages::APP_FINDINGS`], the values its
/// sentence names and the English sentence.
struct Detail {
    code: &'static str,
    params: Vec<(&'static str, String)>,
    message: String,
}

impl Detail {
    fn new(code: &'static str, params: Vec<(&'static str, String)>, message: String) -> Detail {
        Detail {
            code,
            params,
            message,
        }
    }

    fn plain(code: &'static str, message: &str) -> Detail {
        Detail::new(code, Vec::new(), message.to_owned())
    }
}

fn agreement_dto(status: AgreementStatus, detail: Detail) -> AgreementDto {
    let mut dto = AgreementDto {
        status,
        producer: None,
        content_hash: None,
        detail: String::new(),
        code: String::new(),
        params: Default::default(),
        text: crate::messages::finding_text("", &[], ""),
    };
    set_detail(&mut dto, detail);
    dto
}

fn set_detail(dto: &mut AgreementDto, detail: Detail) {
    dto.text = crate::messages::finding_text(detail.code, &detail.params, &detail.message);
    dto.code = detail.code.to_owned();
    dto.params = params_map(&detail.params);
    dto.detail = detail.message;
}

/// The agreement of a first revision recognised by its SHA-256 (not rendered again).
fn known_agreement(known: &KnownRendering) -> Agreement {
    let dto = match &known.source {
        KnownSource::Approved(approved) => {
            let mut dto = agreement_dto(
                AgreementStatus::Matches,
                Detail::new(
                    "agreement_approved_here",
                    vec![
                        ("memorandum", approved.memorandum_id.to_string()),
                        ("revision", approved.revision.to_string()),
                    ],
                    format!(
                        "the first revision is the PDF approved on this installation \
                         (memorandum {}, revision {})",
                        approved.memorandum_id, approved.revision
                    ),
                ),
            );
            dto.content_hash = Some(approved.content_hash.clone());
            dto
        }
        KnownSource::Rederived { at, content_hash } => {
            let mut dto = agreement_dto(
                AgreementStatus::Matches,
                Detail::new(
                    "agreement_rederived_before",
                    vec![("at", at.clone())],
                    format!(
                        "the first revision is the rendering of the embedded memorandum \
                         (rendered again and compared on this installation at {at})"
                    ),
                ),
            );
            dto.producer = Some(renderer_name());
            dto.content_hash = Some(content_hash.clone());
            dto
        }
    };
    Agreement {
        dto,
        places: Some(known.places.clone()),
        places_json: None,
        memo: None,
        base_len: known.length,
        rederived: false,
    }
}

/// The agreement of a PDF with no first revision, or no memorandum attached to it, to compare.
fn no_rendering(status: AgreementStatus, detail: Detail) -> Agreement {
    Agreement {
        dto: agreement_dto(status, detail),
        places: None,
        places_json: None,
        memo: None,
        base_len: 0,
        rederived: false,
    }
}

/// Refuses a first revision this build cannot render again: another Kelisim version's or
/// not Kelisim's at all.
fn refuse_unless_rederivable(producer: Option<&str>) -> Result<(), (AgreementStatus, Detail)> {
    let expected = renderer_name();
    match producer {
        Some(p) if p == expected => Ok(()),
        Some(p) if p.starts_with("Kelisim ") => Err((
            AgreementStatus::NotRederivable,
            Detail::new(
                "agreement_other_renderer",
                vec![("producer", p.to_owned()), ("renderer", expected.clone())],
                format!("made by {p}; this is {expected}, so the pages cannot be re-derived"),
            ),
        )),
        _ => Err((
            AgreementStatus::NotKelisim,
            Detail::plain("agreement_not_kelisim", "the producer is not Kelisim"),
        )),
    }
}

/// The embedded memorandum, if it is small enough for a first revision of `base_len` bytes
/// to be its rendering and it reads; otherwise why it differs.
fn memorandum_to_render(content: Vec<u8>, base_len: usize) -> Result<Memorandum, Detail> {
    // The pages carry the memorandum's text and the memorandum itself is attached to them, so a
    // rendering is never much smaller than its memorandum (about 1.2 times its size, more with
    // the fonts). A first revision far smaller than the memorandum it carries cannot be its
    // rendering, and is not rendered to find out: a small hostile PDF must not make the
    // verifier lay out a 20 MB memorandum.
    if content.len() > MAX_MEMORANDUM_PER_RENDERING_BYTE * base_len {
        return Err(Detail::new(
            "agreement_memorandum_too_large",
            vec![
                ("size", content.len().to_string()),
                ("base", base_len.to_string()),
            ],
            format!(
                "the embedded memorandum ({} bytes) is far larger than the first revision ({} \
                 bytes) that would be its rendering; it was not rendered",
                content.len(),
                base_len
            ),
        ));
    }
    let unreadable = |why: String| Detail::new("agreement_memorandum_unreadable", Vec::new(), why);
    let Ok(text) = String::from_utf8(content) else {
        return Err(unreadable("the embedded memorandum is not UTF-8".into()));
    };
    parse_document(&text, "the embedded memorandum").map_err(|e| unreadable(e.to_string()))
}

/// Checks that the first revision of `pdf` is the rendering of its embedded memorandum: by
/// rendering it again, or without rendering when `known` (found by the first revision's
/// SHA-256) is an approved PDF this installation rendered and stored, or a first revision it
/// rendered again and compared before.
/// Whether the PDF carries a draft's mark ([`kelisim_pdf::DRAFT_KEYWORD`] in its keywords).
pub(crate) fn is_draft(attachment: &kelisim_sign::Attachment) -> bool {
    attachment.keywords.as_deref().is_some_and(|k| {
        k.split(',')
            .any(|word| word.trim() == kelisim_pdf::DRAFT_KEYWORD)
    })
}

pub(crate) fn agreement(pdf: &[u8], known: Option<&KnownRendering>) -> Agreement {
    let Some(base) = kelisim_sign::first_revision(pdf) else {
        return no_rendering(
            AgreementStatus::NotKelisim,
            Detail::plain("agreement_no_revision", "the file has no complete revision"),
        );
    };
    // `known_rendering` matched the SHA-256 of exactly `pdf[..length]`.
    let known = known.filter(|k| k.length >= base.len() && k.length <= pdf.len());
    if let Some(known) = known {
        return known_agreement(known);
    }
    let attachment = match kelisim_sign::read_attachment(base, ATTACHMENT) {
        Ok(a) => a,
        Err(e) => {
            let detail = Detail::new("agreement_unreadable", Vec::new(), e.to_string());
            return no_rendering(AgreementStatus::NotKelisim, detail);
        }
    };
    let draft = is_draft(&attachment);
    let Some(content) = attachment.content else {
        return no_rendering(
            AgreementStatus::NotKelisim,
            Detail::plain(
                "agreement_no_memorandum",
                "no embedded memorandum.json in the first revision",
            ),
        );
    };
    let mut dto = agreement_dto(
        AgreementStatus::Differs,
        Detail::plain("agreement_differs", ""),
    );
    dto.producer = attachment.producer.clone();
    if draft {
        // Never the rendering of the memorandum inside it (the mark is on every page): said as
        // what it is rather than as pages that differ.
        set_detail(
            &mut dto,
            Detail::plain(
                "agreement_draft",
                "a draft PDF (ЖОБА / ПРОЕКТ / DRAFT on every page): never the agreed text",
            ),
        );
        return Agreement {
            dto,
            places: None,
            places_json: None,
            memo: None,
            base_len: base.len(),
            rederived: false,
        };
    }
    let with = |mut dto: AgreementDto, status, detail: Detail, memo| {
        dto.status = status;
        set_detail(&mut dto, detail);
        Agreement {
            dto,
            places: None,
            places_json: None,
            memo,
            base_len: base.len(),
            rederived: false,
        }
    };
    if let Err((status, detail)) = refuse_unless_rederivable(attachment.producer.as_deref()) {
        return with(dto, status, detail, None);
    }
    let memo = match memorandum_to_render(content, base.len()) {
        Ok(m) => m,
        Err(detail) => return with(dto, AgreementStatus::Differs, detail, None),
    };
    dto.content_hash = Some(memo.content_hash());
    rederive(pdf, memo, dto, with)
}

/// Renders `memo` again and compares it with the first revision of `pdf`; `with` makes the
/// agreement of the status found.
fn rederive(
    pdf: &[u8],
    memo: Memorandum,
    dto: AgreementDto,
    with: impl Fn(AgreementDto, AgreementStatus, Detail, Option<Memorandum>) -> Agreement,
) -> Agreement {
    match crate::render::render_with_places(&memo, None) {
        Ok(rendered) if kelisim_sign::is_first_revision(pdf, &rendered.pdf) => {
            let json = places_json(&rendered.signature_fields).ok();
            Agreement {
                base_len: rendered.pdf.len(),
                rederived: true,
                places: json.as_deref().and_then(signature_places),
                places_json: json,
                ..with(
                    dto,
                    AgreementStatus::Matches,
                    Detail::plain(
                        "agreement_matches",
                        "the first revision is the rendering of the embedded memorandum",
                    ),
                    Some(memo),
                )
            }
        }
        Ok(_) => with(
            dto,
            AgreementStatus::Differs,
            Detail::plain(
                "agreement_differs",
                "the first revision is not the rendering of the embedded memorandum",
            ),
            None,
        ),
        Err(e) => {
            let detail = Detail::new("agreement_render_failed", Vec::new(), e.to_string());
            with(dto, AgreementStatus::Differs, detail, None)
        }
    }
}

fn verdict(v: Verdict) -> VerdictDto {
    match v {
        Verdict::Valid => VerdictDto::Valid,
        Verdict::ValidUntrusted => VerdictDto::ValidUntrusted,
        Verdict::Invalid => VerdictDto::Invalid,
        Verdict::ModifiedAfterSigning => VerdictDto::ModifiedAfterSigning,
        Verdict::NoSignatures => VerdictDto::NoSignatures,
    }
}

fn modification(m: Modification) -> ModificationDto {
    let object = m.object.map(|(n, g)| format!("{n} {g}"));
    ModificationDto {
        text: crate::messages::modification_text(&m.kind, object.as_deref(), &m.description),
        object,
        kind: m.kind,
        description: m.description,
    }
}

/// The findings of the verifier as the DTOs carry them.
fn findings(problems: &[kelisim_sign::Finding]) -> Vec<FindingDto> {
    problems.iter().map(FindingDto::from).collect()
}

/// A finding of the agreement check that names no value.
fn app_finding(code: &str, message: &str) -> FindingDto {
    FindingDto {
        code: code.to_owned(),
        params: Default::default(),
        text: crate::messages::finding_text(code, &[], message),
        message: message.to_owned(),
    }
}

/// A change after the rendering (the unsigned base) that is not a signature.
fn changed_after_rendering(change: Modification) -> FindingDto {
    let message = format!(
        "changed after rendering: {} ({})",
        change.description, change.kind
    );
    let change = modification(change);
    let mut params = vec![("kind", change.kind.clone())];
    params.extend(change.object.clone().map(|o| ("object", o)));
    FindingDto {
        code: "changed_after_rendering".into(),
        text: crate::messages::wrapping("changed_after_rendering", &params, &change.text, &message),
        params: params_map(&params),
        message,
    }
}

fn signature(s: SignatureReport) -> SignatureDto {
    SignatureDto {
        verdict: s.verdict.map_or(VerdictDto::Invalid, verdict),
        field: s.field_name,
        signer: s.signer_subject,
        fingerprint: s.signer_fingerprint,
        signed_at: s.signing_time.map(utc),
        algorithm: s.algorithm.map(|a| a.to_string()),
        certification: s.certification.and_then(|c| u32::try_from(c).ok()),
        integrity: s.byte_range_ok && s.digest_ok,
        signature_valid: s.signature_ok,
        certificate_valid: s.certificate_valid_at_signing_time,
        trusted: s.trusted,
        covers_whole_file: s.covers_whole_file,
        modifications: s.modifications.into_iter().map(modification).collect(),
        problems: findings(&s.problems),
    }
}

/// What [`verify_with`] found.
pub(crate) struct Verified {
    pub dto: VerificationDto,
    pub report: VerifyReport,
    /// The embedded memorandum, when the PDF is a faithful Kelisim rendering of it.
    pub memo: Option<Memorandum>,
    /// The length of the first revision and its signature places (JSON) when it was rendered
    /// again now and matched (to be remembered with [`Kelisim::remember_rederived`]).
    pub rederived: Option<(usize, String)>,
}

/// Verifies `pdf` against `trust`, with the agreement check: a first revision that is a
/// rendering (known or re-derived) is the base the rest is compared with, and its reserved
/// signature places are the only places a visible signature may take.
pub(crate) fn verify_with(
    pdf: &[u8],
    trust: &[kelisim_sign::TrustAnchor],
    known: Option<&KnownRendering>,
) -> Verified {
    let mut agreed = agreement(pdf, known);
    let rederived = agreed
        .rederived
        .then(|| agreed.places_json.clone().map(|j| (agreed.base_len, j)))
        .flatten();
    let matches = agreed.dto.status == AgreementStatus::Matches;
    let options = kelisim_sign::VerifyOptions {
        trust,
        base_len: matches.then_some(agreed.base_len),
        places: if matches {
            agreed.places.as_deref()
        } else {
            None
        },
    };
    let report = kelisim_sign::verify_pdf(pdf, &options);
    let mut problems = findings(&report.problems);
    if matches {
        let changes = report.base_changes.clone().unwrap_or_default();
        if report.signatures.is_empty() && pdf.len() != agreed.base_len {
            problems.push(app_finding(
                "appended_without_signature",
                "data was appended to the rendering without a signature",
            ));
        }
        problems.extend(changes.into_iter().map(changed_after_rendering));
        if problems.len() > report.problems.len() {
            agreed.dto.status = AgreementStatus::Differs;
            agreed.memo = None;
            set_detail(
                &mut agreed.dto,
                Detail::plain(
                    "agreement_changed_after",
                    "the first revision is the rendering of the embedded memorandum, but the \
                     file was changed afterwards other than by signatures",
                ),
            );
        }
    }
    let overall = overall_verdict(verdict(report.verdict), agreed.dto.status);
    let dto = VerificationDto {
        verdict: overall,
        signatures: report.signatures.iter().cloned().map(signature).collect(),
        problems,
        agreement: agreed.dto,
    };
    Verified {
        dto,
        report,
        memo: agreed.memo,
        rederived,
    }
}

/// The verdict on the whole PDF from the signatures' and the agreement check's: pages that
/// differ from the embedded memorandum are a content mismatch; signatures that verify on pages
/// that could not be re-derived (not a Kelisim rendering, or another renderer version) are
/// [`VerdictDto::NotRederived`], never valid. A broken signature or a change after signing
/// stays what it is, and a PDF without signatures stays unsigned.
fn overall_verdict(signatures: VerdictDto, agreement: AgreementStatus) -> VerdictDto {
    let signed_ok = matches!(signatures, VerdictDto::Valid | VerdictDto::ValidUntrusted);
    match agreement {
        AgreementStatus::Matches => signatures,
        AgreementStatus::Differs if signed_ok || signatures == VerdictDto::NoSignatures => {
            VerdictDto::ContentMismatch
        }
        AgreementStatus::NotRederivable | AgreementStatus::NotKelisim if signed_ok => {
            VerdictDto::NotRederived
        }
        _ => signatures,
    }
}

impl Kelisim {
    /// Verifies a PDF against the trust store and the `extra_trust` certificates (PEM or DER).
    pub async fn verify_pdf(
        &self,
        pdf: &[u8],
        extra_trust: &[Vec<u8>],
    ) -> Result<VerificationDto, AppError> {
        let mut trust = self.trust_anchors().await?;
        for cert in extra_trust {
            let der = crate::trust::read_certificate(cert)?.der;
            trust.push(kelisim_sign::TrustAnchor::with_default_scope(der)?);
        }
        let known = self.known_rendering(pdf).await?;
        let verified = verify_with(pdf, &trust, known.as_ref());
        self.remember_rederived(pdf, &verified).await;
        Ok(verified.dto)
    }

    /// Remembers a first revision that was rendered again and matched, so that verifying the
    /// same PDF again does not render it again. Verification stands without it: a failure to
    /// write is logged, not reported.
    pub(crate) async fn remember_rederived(&self, pdf: &[u8], verified: &Verified) {
        use sha2::{Digest, Sha256};
        let (Some((len, places)), Some(content_hash)) =
            (&verified.rederived, &verified.dto.agreement.content_hash)
        else {
            return;
        };
        let len = *len;
        let Some(first) = pdf.get(..len) else {
            return;
        };
        let sha = hex::encode(Sha256::digest(first));
        let renderer = renderer_name();
        if let Err(e) = self
            .store
            .remember_rederived(&sha, &renderer, content_hash, places)
            .await
        {
            tracing::warn!("a re-derived rendering could not be remembered: {e}");
        }
    }

    /// The approved PDF stored here that is `pdf`'s first revision, if any: found by the
    /// SHA-256 of the first revision with the line ends a rendering may close with.
    pub(crate) async fn known_rendering(
        &self,
        pdf: &[u8],
    ) -> Result<Option<KnownRendering>, AppError> {
        use sha2::{Digest, Sha256};
        let Some(base) = kelisim_sign::first_revision(pdf) else {
            return Ok(None);
        };
        // Only the line ends that really follow the first revision in `pdf`; the length of
        // the stored PDF is the length of the variant whose SHA-256 it has (reading the
        // length from the database would read the stored PDF).
        let hasher = Sha256::new_with_prefix(base);
        let after = &pdf[base.len()..];
        let variants: Vec<(String, usize)> = [&b""[..], b"\n", b"\r\n", b"\r"]
            .iter()
            .filter(|end| after.starts_with(end))
            .map(|end| {
                let sha = hex::encode(hasher.clone().chain_update(end).finalize());
                (sha, base.len() + end.len())
            })
            .collect();
        let sha256s: Vec<String> = variants.iter().map(|(sha, _)| sha.clone()).collect();
        let length_of = |found: &str| {
            variants
                .iter()
                .find(|(sha, _)| sha == found)
                .map(|(_, length)| *length)
        };
        // An approved PDF stored before its places were (or whose places cannot be read) is
        // not recognised: it is rendered again, which finds them.
        if let Some(rendering) = self.store.approved_rendering(&sha256s).await? {
            let places = rendering
                .signature_places
                .as_deref()
                .and_then(signature_places);
            if let (Some(length), Some(places)) = (length_of(&rendering.sha256), places) {
                return Ok(Some(KnownRendering {
                    length,
                    places,
                    source: KnownSource::Approved(rendering),
                }));
            }
        }
        let found = self.store.rederived(&sha256s, &renderer_name()).await?;
        Ok(found.and_then(|r| {
            Some(KnownRendering {
                length: length_of(&r.sha256)?,
                places: signature_places(&r.signature_places)?,
                source: KnownSource::Rederived {
                    at: r.verified_at,
                    content_hash: r.content_hash,
                },
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixture_memo as memo;

    #[test]
    fn stored_places_become_zero_based_places_with_their_field_names() {
        let json = r#"[{"party_id":"ministry","signatory_id":"minister","page":2,
                        "rect":[10.0,20.0,250.0,90.0]}]"#;
        let places = signature_places(json).unwrap();
        assert_eq!(
            places,
            vec![SignaturePlace {
                field_name: Some("kelisim:ministry:minister".into()),
                page: 1,
                rect: [10.0, 20.0, 250.0, 90.0],
            }]
        );
        // Page 0 cannot be a 1-based page: the places are not used.
        assert!(signature_places(&json.replace("\"page\":2", "\"page\":0")).is_none());
        assert!(signature_places("not json").is_none());
    }

    #[test]
    fn signatures_on_pages_not_rederived_are_never_valid() {
        use AgreementStatus as A;
        use VerdictDto as V;
        assert_eq!(overall_verdict(V::Valid, A::NotKelisim), V::NotRederived);
        assert_eq!(
            overall_verdict(V::ValidUntrusted, A::NotRederivable),
            V::NotRederived
        );
        assert_eq!(overall_verdict(V::Valid, A::Matches), V::Valid);
        assert_eq!(overall_verdict(V::Valid, A::Differs), V::ContentMismatch);
        assert_eq!(
            overall_verdict(V::NoSignatures, A::Differs),
            V::ContentMismatch
        );
        assert_eq!(
            overall_verdict(V::NoSignatures, A::NotKelisim),
            V::NoSignatures
        );
        assert_eq!(
            overall_verdict(V::ModifiedAfterSigning, A::NotKelisim),
            V::ModifiedAfterSigning
        );
        assert_eq!(overall_verdict(V::Invalid, A::Matches), V::Invalid);
    }

    #[test]
    fn a_memorandum_far_larger_than_its_pages_is_not_rendered() {
        // As stored: the canonical form (what the PDF attaches).
        let stored = kelisim_core::parse(&memo().canonical_json()).unwrap();
        let pdf = crate::render::render_pdf(&stored, None).unwrap();
        let honest = agreement(&pdf, None);
        assert_eq!(
            honest.dto.status,
            AgreementStatus::Matches,
            "{}",
            honest.dto.detail
        );

        // The same pages carrying a memorandum padded to many times their size (compressed, so
        // the file stays small).
        let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
        let (_, attached) = doc
            .objects
            .iter_mut()
            .find(|(_, o)| {
                o.as_stream()
                    .is_ok_and(|s| s.dict.has_type(b"EmbeddedFile"))
            })
            .unwrap();
        let stream = attached.as_stream_mut().unwrap();
        let json = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
        let padded = format!("{}{json}", " ".repeat(5 * pdf.len()));
        stream.set_plain_content(padded.into_bytes());
        stream.compress().unwrap();
        let mut hostile = Vec::new();
        doc.save_to(&mut hostile).unwrap();

        let refused = agreement(&hostile, None);
        assert_eq!(refused.dto.status, AgreementStatus::Differs);
        assert_eq!(refused.dto.code, "agreement_memorandum_too_large");
        assert!(refused
            .dto
            .text
            .ru
            .contains("намного больше первой редакции"));
        assert!(
            refused
                .dto
                .detail
                .contains("far larger than the first revision"),
            "{}",
            refused.dto.detail
        );
    }
}
