//! The trust store: counterparties' certificates and CA certificates, by SHA-256 fingerprint,
//! each with the scope it vouches for (an end-entity certificate for itself; a CA for the
//! organisations named by BIN) and where its trust came from. It is the only source of trust:
//! this installation's own keys are recorded in it when created or restored.

use kelisim_core::Bin;
use kelisim_sign::{CertificateInfo, SignatureReport, TrustAnchor, TrustScope, Verdict};
use kelisim_store::{origin, StoredScope, TrustedCertificate};

use crate::dto::{
    TrustOriginDto, TrustScopeDto, TrustedCertificateDto, VerdictDto, VerificationDto,
};
use crate::messages::Reason;
use crate::verify::verify_with;
use crate::{actor, AppError, Kelisim};

/// The scope a stored row vouches for: its own, or for a row stored before scopes were, the
/// default one (an end-entity certificate for itself, a CA for the BIN its subject names).
fn scope_of(c: &TrustedCertificate) -> TrustScope {
    match &c.scope {
        Some(StoredScope::ThisCertificate) => TrustScope::ThisCertificate,
        Some(StoredScope::Organisations(bins)) => TrustScope::Organisations(bins.clone()),
        None => TrustAnchor::with_default_scope(c.certificate.clone())
            .map(|a| a.scope)
            // Unreadable as a certificate: it vouches for nobody.
            .unwrap_or(TrustScope::Organisations(Vec::new())),
    }
}

/// The trust anchor a stored row makes.
pub(crate) fn anchor(c: &TrustedCertificate) -> TrustAnchor {
    TrustAnchor {
        certificate_der: c.certificate.clone(),
        scope: scope_of(c),
    }
}

fn dto(c: TrustedCertificate) -> TrustedCertificateDto {
    let scope = match scope_of(&c) {
        TrustScope::ThisCertificate => TrustScopeDto::ThisCertificate,
        TrustScope::Organisations(bins) => TrustScopeDto::Organisations { bins },
    };
    let origin = match c.origin.as_str() {
        origin::OWN_KEY => TrustOriginDto::OwnKey,
        origin::SIGNER => TrustOriginDto::Signer,
        _ => TrustOriginDto::Added,
    };
    TrustedCertificateDto {
        fingerprint: c.fingerprint,
        subject: c.subject,
        is_ca: c.is_ca,
        added_at: c.added_at,
        scope,
        origin,
    }
}

/// The scope `trust add` gives a certificate: an end-entity certificate is trusted as itself
/// (`--for-bin` is refused for it); a CA for the BINs given, else for the BIN its own subject
/// names, and refused when it names none (it would vouch for nobody, or be mistaken for a CA
/// that vouches for everybody).
fn requested_scope(info: &CertificateInfo, bins: &[String]) -> Result<StoredScope, AppError> {
    let invalid = |message: String| AppError::InvalidInput {
        field: "for-bin".into(),
        message,
    };
    if !info.is_ca {
        if !bins.is_empty() {
            return Err(invalid(format!(
                "{} is not a CA certificate: it is trusted for its own signatures only, so \
                 --for-bin does not apply",
                info.subject
            )));
        }
        return Ok(StoredScope::ThisCertificate);
    }
    let mut wanted: Vec<String> = Vec::new();
    let mut bad = Vec::new();
    for bin in bins.iter().map(|b| b.trim()) {
        match bin.parse::<Bin>() {
            Ok(b) => wanted.push(b.to_string()),
            Err(e) => bad.push(format!("{bin:?}: {e}")),
        }
    }
    if !bad.is_empty() {
        return Err(invalid(bad.join("; ")));
    }
    if wanted.is_empty() {
        wanted.extend(info.bin.clone());
    }
    if wanted.is_empty() {
        return Err(invalid(format!(
            "the CA certificate {} names no organisation BIN: say which organisations it may \
             vouch for with --for-bin BIN (repeatable)",
            info.subject
        )));
    }
    wanted.sort();
    wanted.dedup();
    Ok(StoredScope::Organisations(wanted))
}

/// A fingerprint as typed (any case, spaces or colons or none) in the stored form `3F2A 9C01 …`.
pub fn normalise_fingerprint(typed: &str) -> Result<String, AppError> {
    let hex: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::InvalidInput {
            field: "fingerprint".into(),
            message: "a SHA-256 fingerprint is 64 hexadecimal digits (spaces allowed)".into(),
        });
    }
    let groups: Vec<&str> = (0..16).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
    Ok(groups.join(" "))
}

/// A certificate given as PEM or DER.
pub(crate) fn read_certificate(bytes: &[u8]) -> Result<kelisim_sign::CertificateInfo, AppError> {
    kelisim_sign::certificate_info(bytes).map_err(|err| AppError::InvalidInput {
        field: "certificate".into(),
        message: format!("not an X.509 certificate in PEM or DER ({err})"),
    })
}

/// Refuses a signature that did not verify, naming why: its own verdict must be valid
/// (trusted or not), and the whole PDF must be neither invalid, nor modified after signing, nor
/// a Kelisim PDF whose pages differ from its memorandum.
fn signer_verified(dto: &VerificationDto, s: &SignatureReport) -> Result<(), AppError> {
    let own_ok = matches!(s.verdict, Some(Verdict::Valid | Verdict::ValidUntrusted));
    let whole_ok = !matches!(
        dto.verdict,
        VerdictDto::Invalid | VerdictDto::ModifiedAfterSigning | VerdictDto::ContentMismatch
    );
    if own_ok && whole_ok {
        return Ok(());
    }
    let mut why: Vec<String> = s.problems.iter().map(|p| p.message.clone()).collect();
    why.extend(s.modifications.iter().map(|m| match m.object {
        Some((n, g)) => format!("{} (object {n} {g}, {})", m.description, m.kind),
        None => format!("{} ({})", m.description, m.kind),
    }));
    why.extend(dto.problems.iter().map(|p| p.message.clone()));
    if why.is_empty() {
        why.push(format!("the PDF's verdict is {:?}", dto.verdict));
    }
    Err(AppError::SignatureInvalid(Reason::new(
        "signature_did_not_verify",
        vec![("field", s.field_name.clone())],
        format!(
            "refused: the signature in the field {:?} did not verify, so its signer is not \
             trusted from it ({})",
            s.field_name,
            why.join("; ")
        ),
    )))
}

impl Kelisim {
    /// The trust anchors: the trust store's certificates, each with its scope, and nothing
    /// else. A key file in the keystore is not a trust anchor by being there: the keys this
    /// installation creates or restores are recorded in the trust store when they are (see
    /// [`Kelisim::trust_own_key`]).
    pub(crate) async fn trust_anchors(&self) -> Result<Vec<TrustAnchor>, AppError> {
        Ok(self.store.trust_list().await?.iter().map(anchor).collect())
    }

    /// Adds a certificate (PEM or DER) to the trust store with the scope [`requested_scope`]
    /// gives it (`bins`: the organisations a CA may vouch for); its fingerprint is returned so
    /// the user can compare it with the owner's.
    pub async fn trust_add(
        &self,
        certificate: &[u8],
        bins: &[String],
    ) -> Result<TrustedCertificateDto, AppError> {
        let info = read_certificate(certificate)?;
        let scope = requested_scope(&info, bins)?;
        self.record_trust(info, scope, origin::ADDED).await
    }

    /// Trusts this installation's own key (created or restored here) as itself.
    pub(crate) async fn trust_own_key(
        &self,
        key: &kelisim_sign::KeyInfo,
    ) -> Result<TrustedCertificateDto, AppError> {
        let info = read_certificate(&key.certificate_der)?;
        self.record_trust(info, StoredScope::ThisCertificate, origin::OWN_KEY)
            .await
    }

    /// Stores a certificate in the trust store (audit-logged with its scope and origin).
    pub(crate) async fn record_trust(
        &self,
        info: CertificateInfo,
        scope: StoredScope,
        origin: &str,
    ) -> Result<TrustedCertificateDto, AppError> {
        let cert = TrustedCertificate {
            fingerprint: info.fingerprint.clone(),
            subject: info.subject,
            certificate: info.der,
            is_ca: info.is_ca,
            added_at: String::new(),
            scope: Some(scope),
            origin: origin.to_owned(),
        };
        self.store.trust_add(&cert, &actor()).await?;
        self.trust_list()
            .await?
            .into_iter()
            .find(|c| c.fingerprint == info.fingerprint)
            .ok_or_else(|| AppError::Render("the certificate was not stored".into()))
    }

    /// Trusts the signer of the signature in `field` of a PDF (after the user compared its
    /// fingerprint with its owner's) as that certificate only. Refused unless the signature
    /// verified — intact, made with a certificate valid then, nothing but signatures changed
    /// after it, and a Kelisim PDF's pages as agreed — and unless the certificate is an
    /// end-entity one: a CA is never trusted from a PDF (add it with its BINs in the trust
    /// panel or with `kelisim trust add --for-bin`).
    pub async fn trust_signer_of(
        &self,
        pdf: &[u8],
        field: &str,
    ) -> Result<TrustedCertificateDto, AppError> {
        let trust = self.trust_anchors().await?;
        let known = self.known_rendering(pdf).await?;
        let verified = verify_with(pdf, &trust, known.as_ref());
        self.remember_rederived(pdf, &verified).await;
        let signature = verified
            .report
            .signatures
            .iter()
            .find(|s| s.field_name == field)
            .ok_or_else(|| AppError::InvalidInput {
                field: "field".into(),
                message: format!("the PDF has no signature in the field {field:?}"),
            })?;
        signer_verified(&verified.dto, signature)?;
        let certificate = signature.signer_certificate.as_deref().ok_or_else(|| {
            AppError::SignatureInvalid(Reason::new(
                "signature_without_certificate",
                vec![("field", field.to_string())],
                format!("the signature in the field {field:?} carries no certificate"),
            ))
        })?;
        let info = read_certificate(certificate)?;
        if info.is_ca {
            return Err(AppError::Refused(Reason::new(
                "ca_from_pdf",
                vec![("field", field.to_string())],
                format!(
                    "refused: the signature in the field {field:?} was made with a CA \
                     certificate ({}); a CA is never trusted from a PDF: add it with `kelisim \
                     trust add --for-bin BIN` naming the organisations it may vouch for",
                    info.subject
                ),
            )));
        }
        self.record_trust(info, StoredScope::ThisCertificate, origin::SIGNER)
            .await
    }

    /// Every trusted certificate.
    pub async fn trust_list(&self) -> Result<Vec<TrustedCertificateDto>, AppError> {
        Ok(self
            .store
            .trust_list()
            .await?
            .into_iter()
            .map(dto)
            .collect())
    }

    /// Removes a certificate from the trust store by its fingerprint.
    pub async fn trust_remove(&self, fingerprint: &str) -> Result<(), AppError> {
        let fingerprint = normalise_fingerprint(fingerprint)?;
        Ok(self.store.trust_remove(&fingerprint, &actor()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_accepted_in_any_spelling() {
        let canonical =
            "3F2A 9C01 0000 1111 2222 3333 4444 5555 6666 7777 8888 9999 AAAA BBBB CCCC DDDD";
        let squashed = canonical.replace(' ', "").to_lowercase();
        assert_eq!(normalise_fingerprint(&squashed).unwrap(), canonical);
        assert_eq!(normalise_fingerprint(canonical).unwrap(), canonical);
        assert!(normalise_fingerprint("3F2A").is_err());
    }
}
