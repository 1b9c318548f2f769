//! Certificate path checking: from the signer up to a trust anchor, each certificate signed by
//! the next, every issuer a CA allowed to sign certificates (basicConstraints cA, keyUsage
//! keyCertSign, pathLenConstraint), no critical extension we do not understand, every
//! certificate valid at the signing time, and the anchor's scope enforced: a
//! [`TrustScope::ThisCertificate`] anchor trusts only signatures made with itself; an
//! [`TrustScope::Organisations`] anchor only signers whose subject names one of its BINs.
//!
//! Every reason a signature is not trusted is reported as a [`Finding`] with a stable code
//! (`trust_scope_bin_mismatch`, `trust_scope_no_bin`, `trust_no_path`, …).

use der::{Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use crate::finding::{Finding, FindingCode as C};
use crate::policy::{TrustAnchor, TrustScope};
use crate::{crypto, format_fingerprint, inspect, oids};

/// The outcome of a path check.
#[derive(Debug, Default)]
pub(crate) struct ChainCheck {
    /// A path to a trust anchor was found and the anchor's scope covers the signer.
    pub trusted: bool,
    /// The signer's certificate (and the path's) were valid at the time.
    pub valid_at_time: bool,
    /// What went wrong.
    pub problems: Vec<Finding>,
}

/// The most certificates taken from one CMS to build a path (more are refused, not searched).
pub(crate) const MAX_POOL: usize = 16;
/// The longest path, signer included.
const MAX_PATH: usize = 6;
/// The most certificate signatures checked while searching for a path.
const MAX_SIGNATURE_CHECKS: usize = 64;

fn problem(code: C, params: Vec<(&'static str, String)>, text: &str) -> Finding {
    Finding::new(code, params, text)
}

fn valid_at(cert: &Certificate, at: i64) -> bool {
    let v = &cert.tbs_certificate.validity;
    let nb = i64::try_from(v.not_before.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    let na = i64::try_from(v.not_after.to_unix_duration().as_secs()).unwrap_or(i64::MIN);
    nb <= at && at <= na
}

fn extension<'a, T: Decode<'a>>(
    cert: &'a Certificate,
    oid: der::asn1::ObjectIdentifier,
) -> Option<T> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oid)
        .and_then(|e| T::from_der(e.extn_value.as_bytes()).ok())
}

fn has_extension(cert: &Certificate, oid: der::asn1::ObjectIdentifier) -> bool {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .any(|e| e.extn_id == oid)
}

/// The first critical extension this checker does not process, by OID.
fn unknown_critical(cert: &Certificate) -> Option<String> {
    const KNOWN: [der::asn1::ObjectIdentifier; 6] = [
        oids::BASIC_CONSTRAINTS,
        oids::KEY_USAGE,
        oids::EXT_KEY_USAGE,
        oids::SUBJECT_ALT_NAME,
        oids::SUBJECT_KEY_IDENTIFIER,
        oids::AUTHORITY_KEY_IDENTIFIER,
    ];
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.critical && !KNOWN.contains(&e.extn_id))
        .map(|e| e.extn_id.to_string())
}

fn name_of(cert: &Certificate) -> String {
    cert.tbs_certificate.subject.to_string()
}

/// Why `cert` may not sign documents, if it may not: an unknown critical extension, or a
/// keyUsage without digitalSignature and nonRepudiation.
fn signer_refusal(cert: &Certificate) -> Option<Finding> {
    if let Some(oid) = unknown_critical(cert) {
        return Some(problem(
            C::CertificateUnknownCriticalExtension,
            vec![("certificate", inspect::display_name(cert)), ("extension", oid.clone())],
            &format!("the signer's certificate has the critical extension {oid}, which is not understood"),
        ));
    }
    let usage: Option<KeyUsage> = extension(cert, oids::KEY_USAGE);
    let malformed = usage.is_none() && has_extension(cert, oids::KEY_USAGE);
    if malformed || usage.is_some_and(|u| !u.digital_signature() && !u.non_repudiation()) {
        return Some(problem(
            C::SignerKeyUsage,
            Vec::new(),
            "the signer's certificate's key usage allows neither digitalSignature nor nonRepudiation",
        ));
    }
    None
}

/// Why `cert` may not issue the certificate below it, `below` certificates (the signer not
/// counted) standing between it and the signer, if it may not.
fn issuer_refusal(cert: &Certificate, below: usize) -> Option<Finding> {
    let who = name_of(cert);
    let named = || vec![("certificate", inspect::display_name(cert))];
    if let Some(oid) = unknown_critical(cert) {
        return Some(problem(
            C::CertificateUnknownCriticalExtension,
            vec![
                ("certificate", inspect::display_name(cert)),
                ("extension", oid.clone()),
            ],
            &format!("the issuing certificate {who} has the critical extension {oid}, which is not understood"),
        ));
    }
    let constraints: Option<BasicConstraints> = extension(cert, oids::BASIC_CONSTRAINTS);
    let Some(constraints) = constraints.filter(|c| c.ca) else {
        return Some(problem(
            C::ChainIssuerNotCa,
            named(),
            &format!("the issuing certificate {who} is not a certificate authority (basicConstraints cA)"),
        ));
    };
    let usage: Option<KeyUsage> = extension(cert, oids::KEY_USAGE);
    let malformed = usage.is_none() && has_extension(cert, oids::KEY_USAGE);
    if malformed || usage.is_some_and(|u| !u.key_cert_sign()) {
        return Some(problem(
            C::ChainIssuerKeyUsage,
            named(),
            &format!("the issuing certificate {who} may not sign certificates (keyUsage without keyCertSign)"),
        ));
    }
    if constraints
        .path_len_constraint
        .is_some_and(|n| usize::from(n) < below)
    {
        return Some(problem(
            C::ChainPathLengthExceeded,
            named(),
            &format!("the issuing certificate {who} allows fewer intermediate certificates below it than the path has"),
        ));
    }
    None
}

/// Whether `anchor` vouches for a signer naming `bin`; why not, if not.
fn scope_refusal(anchor: &TrustAnchor, bin: Option<&str>) -> Option<Finding> {
    let short = format_fingerprint(&anchor.certificate_der);
    let short = short.get(..19).unwrap_or(&short).to_owned();
    match (&anchor.scope, bin) {
        (TrustScope::ThisCertificate, _) => Some(problem(
            C::TrustScopeThisCertificate,
            vec![("fingerprint", format!("{short}…"))],
            &format!("the trusted certificate {short}… is trusted for its own signatures only, not as an issuer"),
        )),
        (TrustScope::Organisations(bins), Some(bin)) if bins.iter().any(|b| b == bin) => None,
        (TrustScope::Organisations(bins), Some(bin)) => {
            let bins = if bins.is_empty() {
                "—".to_owned()
            } else {
                bins.join(", ")
            };
            let text = format!(
                "the signer's certificate names BIN {bin}, but the trusted certificate {short}… vouches only for BIN {}",
                if bins == "—" { "(none)" } else { bins.as_str() }
            );
            Some(problem(
                C::TrustScopeBinMismatch,
                vec![
                    ("bin", bin.to_owned()),
                    ("bins", bins),
                    ("fingerprint", format!("{short}…")),
                ],
                &text,
            ))
        }
        (TrustScope::Organisations(_), None) => Some(problem(
            C::TrustScopeNoBin,
            vec![("fingerprint", format!("{short}…"))],
            &format!("the signer's certificate names no BIN, and the trusted certificate {short}… vouches only for organisations by BIN"),
        )),
    }
}

/// A certificate that may stand in a path: the signer, an anchor, or one from the CMS.
struct Node {
    cert: Certificate,
    der: Vec<u8>,
    /// Some anchor is this certificate.
    anchor: bool,
}

/// A depth-first search for a path from the signer (node 0) to an anchor, within budget.
struct Search<'a> {
    trust: &'a [TrustAnchor],
    nodes: Vec<Node>,
    signer_bin: Option<String>,
    budget: usize,
    reasons: Vec<Finding>,
}

impl Search<'_> {
    /// Whether the signer's certificate is itself an anchor covering it: trusted as itself,
    /// or an organisation's CA signing directly for one of its BINs.
    fn signer_is_anchor(&mut self) -> bool {
        let der = &self.nodes[0].der;
        let mut reasons = Vec::new();
        let mut trusted = false;
        for anchor in self.trust.iter().filter(|a| &a.certificate_der == der) {
            match &anchor.scope {
                TrustScope::ThisCertificate => trusted = true,
                TrustScope::Organisations(_) => {
                    match scope_refusal(anchor, self.signer_bin.as_deref()) {
                        None => trusted = true,
                        Some(why) => reasons.push(why),
                    }
                }
            }
        }
        for why in reasons {
            self.note(why);
        }
        trusted
    }

    /// Whether an anchor that is node `i` vouches for the signer; the reasons noted if not.
    fn anchor_covers(&mut self, i: usize) -> bool {
        let der = &self.nodes[i].der;
        let reasons: Vec<Option<Finding>> = self
            .trust
            .iter()
            .filter(|a| &a.certificate_der == der)
            .map(|a| match a.scope {
                TrustScope::ThisCertificate => scope_refusal(a, None),
                TrustScope::Organisations(_) => scope_refusal(a, self.signer_bin.as_deref()),
            })
            .collect();
        if reasons.iter().any(Option::is_none) {
            return true;
        }
        for why in reasons.into_iter().flatten() {
            self.note(why);
        }
        false
    }

    fn note(&mut self, reason: Finding) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// Extends `path` (node indices, the signer first) until an anchor covering the signer is
    /// reached; `true` when one was.
    fn extend(&mut self, path: &mut Vec<usize>) -> bool {
        if path.len() >= MAX_PATH {
            return false;
        }
        let current = path.last().copied().unwrap_or(0);
        for i in 1..self.nodes.len() {
            let (cur, cand) = (&self.nodes[current], &self.nodes[i]);
            if path.contains(&i)
                || cand.cert.tbs_certificate.subject != cur.cert.tbs_certificate.issuer
            {
                continue;
            }
            if self.budget == 0 {
                self.note(problem(
                    C::TrustSearchExhausted,
                    Vec::new(),
                    "too many candidate issuers to check",
                ));
                return false;
            }
            self.budget -= 1;
            if crypto::verify_certificate(&cur.cert, &cand.cert).is_err() {
                continue;
            }
            if let Some(why) = issuer_refusal(&cand.cert, path.len() - 1) {
                self.note(why);
                continue;
            }
            path.push(i);
            if self.nodes[i].anchor {
                if self.anchor_covers(i) {
                    return true;
                }
            } else if self.extend(path) {
                return true;
            }
            path.pop();
        }
        false
    }
}

/// Checks `signer` against the `trust` anchors, using `pool` (the CMS certificates, at most
/// [`MAX_POOL`]) for intermediates, at Unix time `at`.
pub(crate) fn check(
    signer: &Certificate,
    pool: &[Certificate],
    trust: &[TrustAnchor],
    at: i64,
) -> ChainCheck {
    let mut out = ChainCheck {
        valid_at_time: valid_at(signer, at),
        ..ChainCheck::default()
    };
    if !out.valid_at_time {
        out.problems.push(problem(
            C::CertificateNotValidAtSigningTime,
            vec![("certificate", inspect::display_name(signer))],
            "the signer's certificate was not valid at the signing time",
        ));
    }
    if pool.len() > MAX_POOL {
        out.problems.push(problem(
            C::CertificatePoolTooLarge,
            vec![
                ("count", pool.len().to_string()),
                ("limit", MAX_POOL.to_string()),
            ],
            &format!(
                "the signature carries {} certificates; at most {MAX_POOL} are considered",
                pool.len()
            ),
        ));
        return out;
    }
    if let Some(why) = signer_refusal(signer) {
        out.problems.push(why);
        return out;
    }
    let Ok(signer_der) = signer.to_der() else {
        out.problems.push(problem(
            C::SignerCertificateUnreadable,
            Vec::new(),
            "the signer's certificate cannot be re-encoded",
        ));
        return out;
    };
    let signer_bin = inspect::bin_of(signer);
    let mut search = Search {
        trust,
        nodes: vec![Node {
            cert: signer.clone(),
            der: signer_der,
            anchor: false,
        }],
        signer_bin,
        budget: MAX_SIGNATURE_CHECKS,
        reasons: Vec::new(),
    };
    if search.signer_is_anchor() {
        out.trusted = true;
        return out;
    }
    add_nodes(&mut search, pool);
    let mut path = vec![0];
    if search.extend(&mut path) {
        out.trusted = true;
        for &i in &path[1..] {
            let issuer = &search.nodes[i].cert;
            if !valid_at(issuer, at) {
                out.valid_at_time = false;
                let text = format!(
                    "the issuing certificate {} was not valid at the signing time",
                    name_of(issuer)
                );
                out.problems.push(problem(
                    C::CertificateNotValidAtSigningTime,
                    vec![("certificate", inspect::display_name(issuer))],
                    &text,
                ));
            }
        }
        return out;
    }
    if search.reasons.is_empty() {
        search.note(problem(
            C::TrustNoPath,
            Vec::new(),
            "no path from the signer's certificate to a trusted certificate",
        ));
    }
    out.problems.extend(search.reasons);
    out
}

/// The anchors (each once) and then the CMS certificates that are neither the signer nor an
/// anchor, as candidate issuers. A CMS certificate equal to an anchor is that anchor.
fn add_nodes(search: &mut Search<'_>, pool: &[Certificate]) {
    let trust = search.trust;
    for anchor in trust {
        if search.nodes.iter().any(|n| n.der == anchor.certificate_der) {
            continue;
        }
        if let Some(cert) = crypto::parse_certificate(&anchor.certificate_der) {
            search.nodes.push(Node {
                cert,
                der: anchor.certificate_der.clone(),
                anchor: true,
            });
        }
    }
    for cert in pool {
        let Ok(der) = cert.to_der() else { continue };
        if search.nodes.iter().any(|n| n.der == der) {
            continue;
        }
        search.nodes.push(Node {
            cert: cert.clone(),
            der,
            anchor: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certs::DalekKey;
    use ed25519_dalek::SigningKey;
    use rcgen::{CertificateParams, CustomExtension, DnType, IsCa, Issuer, KeyUsagePurpose};

    const AT: i64 = 1_768_471_200;
    const BIN: &str = "211140000425";

    /// Parameters for a certificate named `cn` naming `BIN`.
    fn params(cn: &str, is_ca: IsCa, usages: Vec<KeyUsagePurpose>) -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.distinguished_name.push(
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            rcgen::DnValue::PrintableString(format!("BIN{BIN}").try_into().unwrap()),
        );
        p.is_ca = is_ca;
        p.key_usages = usages;
        p.serial_number = Some(rcgen::SerialNumber::from_slice(cn.as_bytes()));
        p
    }

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    /// `subject` (with key `subject_key`) issued by `issuer` (with key `issuer_key`).
    fn issue(
        subject: &CertificateParams,
        subject_key: &SigningKey,
        issuer: &CertificateParams,
        issuer_key: &SigningKey,
    ) -> Certificate {
        let issuer_key = DalekKey::new(issuer_key);
        let issuer = Issuer::from_params(issuer, &issuer_key);
        let der = subject
            .signed_by(&DalekKey::new(subject_key), &issuer)
            .unwrap()
            .der()
            .to_vec();
        Certificate::from_der(&der).unwrap()
    }

    fn ca_usages() -> Vec<KeyUsagePurpose> {
        vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ]
    }

    fn signer_params() -> CertificateParams {
        params(
            "Signer",
            IsCa::ExplicitNoCa,
            vec![KeyUsagePurpose::DigitalSignature],
        )
    }

    fn anchor(cert: &Certificate) -> TrustAnchor {
        TrustAnchor::for_organisations(cert.to_der().unwrap(), vec![BIN.into()])
    }

    fn has(check: &ChainCheck, code: &str) -> bool {
        check.problems.iter().any(|p| p.code.as_str() == code)
    }

    /// root → intermediate → signer, the root's pathLenConstraint `root_len`.
    fn three_levels(root_len: rcgen::BasicConstraints) -> ChainCheck {
        let root = params("Root", IsCa::Ca(root_len), ca_usages());
        let mid = params(
            "Mid",
            IsCa::Ca(rcgen::BasicConstraints::Unconstrained),
            ca_usages(),
        );
        let root_cert = issue(&root, &key(1), &root, &key(1));
        let mid_cert = issue(&mid, &key(2), &root, &key(1));
        let signer = issue(&signer_params(), &key(3), &mid, &key(2));
        check(
            &signer,
            &[signer.clone(), mid_cert],
            &[anchor(&root_cert)],
            AT,
        )
    }

    #[test]
    fn a_path_longer_than_the_roots_path_length_is_refused() {
        let ok = three_levels(rcgen::BasicConstraints::Unconstrained);
        assert!(ok.trusted, "{:?}", ok.problems);
        let refused = three_levels(rcgen::BasicConstraints::Constrained(0));
        assert!(!refused.trusted);
        assert!(
            has(&refused, "chain_path_length_exceeded"),
            "{:?}",
            refused.problems
        );
    }

    #[test]
    fn an_issuer_without_key_cert_sign_is_refused() {
        let root = params(
            "Root",
            IsCa::Ca(rcgen::BasicConstraints::Unconstrained),
            vec![KeyUsagePurpose::DigitalSignature],
        );
        let root_cert = issue(&root, &key(1), &root, &key(1));
        let signer = issue(&signer_params(), &key(3), &root, &key(1));
        let result = check(&signer, &[], &[anchor(&root_cert)], AT);
        assert!(!result.trusted);
        assert!(
            has(&result, "chain_issuer_key_usage"),
            "{:?}",
            result.problems
        );
    }

    #[test]
    fn an_issuer_that_is_not_a_ca_is_refused() {
        let root = params("Root", IsCa::ExplicitNoCa, ca_usages());
        let root_cert = issue(&root, &key(1), &root, &key(1));
        let signer = issue(&signer_params(), &key(3), &root, &key(1));
        let result = check(&signer, &[], &[anchor(&root_cert)], AT);
        assert!(!result.trusted);
        assert!(has(&result, "chain_issuer_not_ca"), "{:?}", result.problems);
    }

    #[test]
    fn unknown_critical_extensions_and_wrong_key_usage_are_refused() {
        let root = params(
            "Root",
            IsCa::Ca(rcgen::BasicConstraints::Unconstrained),
            ca_usages(),
        );
        let root_cert = issue(&root, &key(1), &root, &key(1));
        let mut odd = signer_params();
        let mut ext = CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], vec![5, 0]);
        ext.set_criticality(true);
        odd.custom_extensions.push(ext);
        let signer = issue(&odd, &key(3), &root, &key(1));
        let result = check(&signer, &[], &[anchor(&root_cert)], AT);
        assert!(!result.trusted);
        assert!(
            has(&result, "certificate_unknown_critical_extension"),
            "{:?}",
            result.problems
        );

        let mut encipher = signer_params();
        encipher.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
        let signer = issue(&encipher, &key(3), &root, &key(1));
        let result = check(&signer, &[], &[anchor(&root_cert)], AT);
        assert!(!result.trusted);
        assert!(has(&result, "signer_key_usage"), "{:?}", result.problems);
    }

    #[test]
    fn more_than_sixteen_certificates_are_not_searched() {
        let root = params(
            "Root",
            IsCa::Ca(rcgen::BasicConstraints::Unconstrained),
            ca_usages(),
        );
        let root_cert = issue(&root, &key(1), &root, &key(1));
        let signer = issue(&signer_params(), &key(3), &root, &key(1));
        let pool = vec![signer.clone(); MAX_POOL + 1];
        let result = check(&signer, &pool, &[anchor(&root_cert)], AT);
        assert!(!result.trusted);
        assert!(
            has(&result, "certificate_pool_too_large"),
            "{:?}",
            result.problems
        );
        assert!(check(&signer, &pool[..MAX_POOL], &[anchor(&root_cert)], AT).trusted);
    }
}
