//! What the verifier found wrong, as a stable code with the values it names: the interface
//! writes its own sentence from the code and params (kk/ru/en in `kelisim-app`), the English
//! `message` stays the text of logs and CSV.

/// Declares [`FindingCode`] with its snake_case codes, `as_str` and `ALL`.
macro_rules! finding_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)*) => {
        /// A stable kind of verification finding; [`FindingCode::as_str`] is its snake_case
        /// code, which never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FindingCode {
            $($(#[$doc])* $variant,)*
        }

        impl FindingCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];

            /// The stable snake_case code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $code,)*
                }
            }
        }

        /// Every finding code the verifier can produce.
        pub const FINDING_CODES: &[&str] = &[$($code,)*];
    };
}

finding_codes! {
    // The file as a whole.
    /// No `%PDF-` header.
    NotAPdf => "not_a_pdf",
    /// Arrays or dictionaries nested too deeply to parse safely.
    PdfTooDeep => "pdf_too_deep",
    /// The PDF cannot be parsed (or the parser failed on it).
    PdfUnreadable => "pdf_unreadable",
    /// The strict structure reader refused the file (params: `structure_code`).
    PdfStructureRefused => "pdf_structure_refused",
    /// Verification could not start (no thread).
    VerificationNotStarted => "verification_not_started",
    /// Data after the last `%%EOF`.
    FileIncompleteRevision => "file_incomplete_revision",
    /// Objects the cross-reference table lists cannot be read (params: `count`, `object`).
    ObjectsUnreadable => "objects_unreadable",
    /// The PDF is encrypted.
    PdfEncrypted => "pdf_encrypted",
    /// More signatures than are verified (params: `count`, `limit`).
    TooManySignatures => "too_many_signatures",
    // One signature's dictionary and byte range.
    /// The field's `/V` is not a signature dictionary.
    SignatureNotDictionary => "signature_not_dictionary",
    /// `/Contents` is missing or empty.
    ContentsMissing => "contents_missing",
    /// `/ByteRange` is missing or malformed.
    ByteRangeMissing => "byte_range_missing",
    /// The byte range does not start at 0.
    ByteRangeNotFromStart => "byte_range_not_from_start",
    /// The byte range overlaps, runs backwards or leaves the file.
    ByteRangeOutOfBounds => "byte_range_out_of_bounds",
    /// The bytes the range leaves out are not a hex string.
    ByteRangeGapNotHex => "byte_range_gap_not_hex",
    /// The bytes the range leaves out are not the `/Contents` value.
    ByteRangeGapNotContents => "byte_range_gap_not_contents",
    /// The byte range does not end where a revision ends (params: `offset`).
    ByteRangeNotRevisionEnd => "byte_range_not_revision_end",
    /// Signature wrapping: the signed bytes are not this signature's.
    SignatureWrapping => "signature_wrapping",
    /// Two signatures carry the same signature value.
    SignatureDuplicated => "signature_duplicated",
    /// The revision a signature ends cannot be parsed on its own.
    SignedRevisionUnreadable => "signed_revision_unreadable",
    /// A DocMDP signature the catalog's `/Perms` does not name.
    DocmdpNotInPerms => "docmdp_not_in_perms",
    // The CMS.
    /// `/Contents` is not a CMS structure.
    ContentsNotCms => "contents_not_cms",
    /// Data after the CMS structure in `/Contents` (params: `offset`, `length`).
    ContentsTrailingData => "contents_trailing_data",
    /// The CMS is not a well-formed SignedData.
    CmsMalformed => "cms_malformed",
    /// The SignedData does not hold exactly one SignerInfo.
    CmsSignerCount => "cms_signer_count",
    /// The signature is not detached.
    CmsNotDetached => "cms_not_detached",
    /// The signer's certificate is not in the signature.
    SignerCertificateMissing => "signer_certificate_missing",
    /// The signer's certificate cannot be re-encoded.
    SignerCertificateUnreadable => "signer_certificate_unreadable",
    /// The digest algorithm is not one Kelisim supports.
    DigestAlgorithmUnsupported => "digest_algorithm_unsupported",
    /// No signed attributes.
    SignedAttributesMissing => "signed_attributes_missing",
    /// A signed attribute repeated or with several values (params: `attribute`).
    SignedAttributeRepeated => "signed_attribute_repeated",
    /// The content-type attribute is missing or not id-data.
    ContentTypeInvalid => "content_type_invalid",
    /// The digest of the signed bytes is not the signed message-digest.
    DigestMismatch => "digest_mismatch",
    /// No message-digest attribute.
    MessageDigestMissing => "message_digest_missing",
    /// No signing-certificate(-v2) attribute.
    SigningCertificateMissing => "signing_certificate_missing",
    /// The signing-certificate attribute cannot be read.
    SigningCertificateMalformed => "signing_certificate_malformed",
    /// The signing-certificate attribute names another certificate.
    SigningCertificateMismatch => "signing_certificate_mismatch",
    /// The signature value does not verify with the signer's key.
    SignatureDoesNotVerify => "signature_does_not_verify",
    /// The signature cannot be checked (malformed, or an algorithm or key not supported).
    SignatureUnverifiable => "signature_unverifiable",
    // The certificates and trust.
    /// A certificate was not valid at the signing time (params: `certificate`).
    CertificateNotValidAtSigningTime => "certificate_not_valid_at_signing_time",
    /// The signature carries too many certificates (params: `count`, `limit`).
    CertificatePoolTooLarge => "certificate_pool_too_large",
    /// A critical extension not understood (params: `certificate`, `extension`).
    CertificateUnknownCriticalExtension => "certificate_unknown_critical_extension",
    /// The signer's key usage allows no signing of documents.
    SignerKeyUsage => "signer_key_usage",
    /// An issuer is not a CA (params: `certificate`).
    ChainIssuerNotCa => "chain_issuer_not_ca",
    /// An issuer may not sign certificates (params: `certificate`).
    ChainIssuerKeyUsage => "chain_issuer_key_usage",
    /// An issuer's path length constraint is exceeded (params: `certificate`).
    ChainPathLengthExceeded => "chain_path_length_exceeded",
    /// A certificate trusted for its own signatures only (params: `fingerprint`).
    TrustScopeThisCertificate => "trust_scope_this_certificate",
    /// The signer's BIN is not one the anchor vouches for (params: `bin`, `bins`,
    /// `fingerprint`).
    TrustScopeBinMismatch => "trust_scope_bin_mismatch",
    /// The signer names no BIN and the anchor vouches by BIN (params: `fingerprint`).
    TrustScopeNoBin => "trust_scope_no_bin",
    /// Too many candidate issuers.
    TrustSearchExhausted => "trust_search_exhausted",
    /// No path to a trusted certificate.
    TrustNoPath => "trust_no_path",
}

/// The params each code's sentence may name; every finding of a code carries exactly these.
pub fn finding_params(code: FindingCode) -> &'static [&'static str] {
    use FindingCode as C;
    match code {
        C::PdfStructureRefused => &["structure_code"],
        C::ObjectsUnreadable => &["count", "object"],
        C::TooManySignatures | C::CertificatePoolTooLarge => &["count", "limit"],
        C::ByteRangeNotRevisionEnd => &["offset"],
        C::ContentsTrailingData => &["offset", "length"],
        C::SignedAttributeRepeated => &["attribute"],
        C::CertificateUnknownCriticalExtension => &["certificate", "extension"],
        C::CertificateNotValidAtSigningTime
        | C::ChainIssuerNotCa
        | C::ChainIssuerKeyUsage
        | C::ChainPathLengthExceeded => &["certificate"],
        C::TrustScopeThisCertificate | C::TrustScopeNoBin => &["fingerprint"],
        C::TrustScopeBinMismatch => &["bin", "bins", "fingerprint"],
        _ => &[],
    }
}

/// One thing the verifier found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// The values the sentence names (object numbers, certificate names, offsets), by name.
    pub params: Vec<(&'static str, String)>,
    /// The English sentence, for logs and CSV.
    pub message: String,
}

impl Finding {
    /// A finding with its code, params and English sentence.
    pub fn new(
        code: FindingCode,
        params: Vec<(&'static str, String)>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            params,
            message: message.into(),
        }
    }

    /// A finding whose sentence names no value.
    pub fn plain(code: FindingCode, message: impl Into<String>) -> Finding {
        Finding::new(code, Vec::new(), message)
    }

    /// The value of the param `name`, when there is one.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

/// Every modification kind the verifier can report ([`crate::Modification::kind`]).
pub const MODIFICATION_KINDS: &[&str] = &[
    "catalog_replaced",
    "catalog_changed",
    "info_changed",
    "encrypted_later",
    "form_changed",
    "page_changed",
    "page_content_changed",
    "object_changed",
    "object_removed",
    "dangling_reference_filled",
    "direct_dictionary",
    "list_rewritten",
    "annotation_added",
    "annotation_moved",
    "signature_widget_malformed",
    "unsigned_signature_field",
    "visible_signature_field_after_certification",
    "visible_signature_outside_place",
    "signature_place_taken",
    "several_widgets_for_one_signature",
    "signature_field_fill_changed",
    "unaccounted_object",
    "extensions_changed",
    "certification_changed",
    "metadata_changed",
    "certified_no_changes",
    "base_unreadable",
    "unreferenced_update",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        for list in [FINDING_CODES, MODIFICATION_KINDS] {
            let set: std::collections::HashSet<&str> = list.iter().copied().collect();
            assert_eq!(set.len(), list.len(), "a code is listed twice");
            for code in list {
                let snake = code.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                assert!(snake, "{code}");
            }
        }
        assert_eq!(FINDING_CODES.len(), FindingCode::ALL.len());
        for (code, s) in FindingCode::ALL.iter().zip(FINDING_CODES) {
            assert_eq!(code.as_str(), *s);
        }
    }

    #[test]
    fn every_revision_kind_is_listed() {
        for kind in crate::revisions::Kind::ALL {
            assert!(MODIFICATION_KINDS.contains(&kind.code()), "{kind:?}");
        }
        assert_eq!(
            MODIFICATION_KINDS.len(),
            crate::revisions::Kind::ALL.len() + 2
        );
    }
}
