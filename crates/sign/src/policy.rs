//! What a verification is asked to hold a PDF to: which certificates are trusted and for whom,
//! and where the rendering reserved room for signatures.

use crate::error::SignError;
use crate::inspect::certificate_info;

/// For whom a trust anchor vouches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustScope {
    /// Only signatures made with this very certificate (an end-entity certificate trusted as
    /// itself; it vouches for no other certificate).
    ThisCertificate,
    /// Certificates issued under this anchor (directly or through intermediates) whose subject
    /// names one of these organisations by BIN (12 digits). A certificate without a BIN, or with
    /// another one, is not trusted through this anchor.
    Organisations(Vec<String>),
}

/// A certificate the user trusts, and for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    /// The certificate, DER.
    pub certificate_der: Vec<u8>,
    /// For whom it vouches.
    pub scope: TrustScope,
}

impl TrustAnchor {
    /// An anchor with the default scope: a CA whose subject names a BIN for that organisation;
    /// any other certificate (an end-entity certificate, or a CA naming no BIN, which could
    /// vouch for no organisation) for its own signatures only.
    pub fn with_default_scope(certificate_der: Vec<u8>) -> Result<Self, SignError> {
        let info = certificate_info(&certificate_der)?;
        let scope = match info.bin {
            Some(bin) if info.is_ca => TrustScope::Organisations(vec![bin]),
            _ => TrustScope::ThisCertificate,
        };
        Ok(TrustAnchor {
            certificate_der,
            scope,
        })
    }

    /// A CA anchor trusted for exactly these organisations (BINs).
    pub fn for_organisations(certificate_der: Vec<u8>, bins: Vec<String>) -> Self {
        TrustAnchor {
            certificate_der,
            scope: TrustScope::Organisations(bins),
        }
    }

    /// An end-entity certificate trusted as itself.
    pub fn this_certificate(certificate_der: Vec<u8>) -> Self {
        TrustAnchor {
            certificate_der,
            scope: TrustScope::ThisCertificate,
        }
    }
}

/// A place the rendering reserved for one signature: a visible signature widget must lie
/// inside one of these, one signature per place.
#[derive(Debug, Clone, PartialEq)]
pub struct SignaturePlace {
    /// The signature field's name the place is for (`kelisim:<party>:<signatory>`), when known:
    /// a widget in this place must carry that name.
    pub field_name: Option<String>,
    /// The page, 0-based.
    pub page: u32,
    /// `[x0, y0, x1, y1]` in PDF points, in the page's default user space.
    pub rect: [f32; 4],
}

/// What [`crate::verify_pdf`] holds a PDF to.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerifyOptions<'a> {
    /// The trusted certificates and for whom each vouches.
    pub trust: &'a [TrustAnchor],
    /// The unsigned revision `pdf[..base_len]` the signatures were added to (a rendering that
    /// was compared with its memorandum): the final file is compared with it too, and the
    /// report's `base_changes` says what else changed.
    pub base_len: Option<usize>,
    /// The places the rendering reserved for signatures. When given, every visible signature
    /// widget must lie inside one of them (one signature per place); when not, a visible
    /// widget may only fill an empty field that the revision before it already had.
    pub places: Option<&'a [SignaturePlace]>,
}

impl<'a> VerifyOptions<'a> {
    /// Options trusting `trust`, with no base revision and no reserved places.
    pub fn trusting(trust: &'a [TrustAnchor]) -> Self {
        VerifyOptions {
            trust,
            ..VerifyOptions::default()
        }
    }
}
