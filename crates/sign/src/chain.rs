//! Certificate path checking: from the signer up to a trust anchor, each certificate signed by
//! the next, issuers marked as CAs, every certificate valid at the signing time.

use der::{Decode, Encode};
use x509_cert::ext::pkix::BasicConstraints;
use x509_cert::Certificate;

use crate::crypto;
use crate::oids;
use crate::policy::TrustAnchor;

/// The outcome of a path check.
#[derive(Debug, Default)]
pub(crate) struct ChainCheck {
    /// A path to a trust anchor was found.
    pub trusted: bool,
    /// The signer's certificate (and the path's) were valid at the time.
    pub valid_at_time: bool,
    /// What went wrong.
    pub problems: Vec<String>,
}

fn valid_at(cert: &Certificate, at: i64) -> bool {
    let v = &cert.tbs_certificate.validity;
    let nb = i64::try_from(v.not_before.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    let na = i64::try_from(v.not_after.to_unix_duration().as_secs()).unwrap_or(i64::MIN);
    nb <= at && at <= na
}

fn is_ca(cert: &Certificate) -> bool {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oids::BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|bc| bc.ca)
}

const MAX_PATH: usize = 6;

/// Checks `signer` against the `trust` anchors (DER), using `pool` (the CMS certificates) for
/// intermediates, at Unix time `at`.
pub(crate) fn check(
    signer: &Certificate,
    pool: &[Certificate],
    trust: &[TrustAnchor],
    at: i64,
) -> ChainCheck {
    // TODO(scope): the anchors' scopes are not enforced yet.
    let trust: Vec<Vec<u8>> = trust.iter().map(|a| a.certificate_der.clone()).collect();
    let mut out = ChainCheck {
        valid_at_time: valid_at(signer, at),
        ..ChainCheck::default()
    };
    if !out.valid_at_time {
        out.problems
            .push("the signer's certificate was not valid at the signing time".into());
    }
    let anchors: Vec<Certificate> = trust
        .iter()
        .filter_map(|d| crypto::parse_certificate(d))
        .collect();
    let der_of = |c: &Certificate| c.to_der().ok();
    let is_anchor = |c: &Certificate| {
        let d = der_of(c);
        d.is_some() && trust.iter().any(|t| Some(t) == d.as_ref())
    };
    if is_anchor(signer) {
        out.trusted = true;
        return out;
    }
    let mut current = signer.clone();
    for _ in 0..MAX_PATH {
        let issuer = anchors.iter().chain(pool.iter()).find(|cand| {
            cand.tbs_certificate.subject == current.tbs_certificate.issuer
                && der_of(cand) != der_of(&current)
                && is_ca(cand)
                && crypto::verify_certificate(&current, cand).is_ok()
        });
        let Some(issuer) = issuer.cloned() else {
            break;
        };
        if !valid_at(&issuer, at) {
            out.valid_at_time = false;
            out.problems
                .push("an issuing certificate was not valid at the signing time".into());
        }
        if is_anchor(&issuer) || anchors.iter().any(|a| der_of(a) == der_of(&issuer)) {
            out.trusted = true;
            return out;
        }
        current = issuer;
    }
    out.problems
        .push("no path from the signer's certificate to a trusted certificate".into());
    out
}
