//! The refusals of the revision analysis, each with a stable code.

/// Why a change between two revisions is not one a signer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The trailer's `/Root` names another catalog.
    CatalogReplaced,
    /// A catalog entry other than `/AcroForm`, `/Extensions` or `/Perms` changed.
    CatalogChanged,
    /// The trailer's `/Info` names another object (or appeared, or went away).
    InfoChanged,
    /// Encryption was added.
    EncryptedLater,
    /// The AcroForm changed other than by `/Fields` growing and `/SigFlags 3`.
    FormChanged,
    /// A page dictionary changed other than by `/Annots` growing.
    PageChanged,
    /// A page's content stream changed.
    PageContentChanged,
    /// Any other object of the earlier revision changed.
    ObjectChanged,
    /// An object of the earlier revision is gone.
    ObjectRemoved,
    /// An object the earlier revision referred to without having it was added.
    DanglingReferenceFilled,
    /// A dictionary written directly inside `/Annots` or `/Fields`.
    DirectDictionary,
    /// Entries of `/Annots` or `/Fields` were removed, replaced or reordered.
    ListRewritten,
    /// Something that is not a signature widget was added to `/Annots` or `/Fields`.
    AnnotationAdded,
    /// An object of the earlier revision was added to `/Annots` or `/Fields`.
    AnnotationMoved,
    /// A new signature widget is not shaped as a signer writes one.
    MalformedWidget,
    /// A signature field whose value is not a signature that ends this update and verifies, or
    /// an empty field outside the certifier's own update.
    UnsignedSignatureField,
    /// A new visible signature widget after certification.
    VisibleSignatureFieldAfterCertification,
    /// A visible signature widget outside the places reserved for signatures.
    VisibleOutsidePlace,
    /// A second widget in a place reserved for one signature.
    PlaceTaken,
    /// One signature with several widgets.
    SeveralWidgetsForOneSignature,
    /// Filling an empty signature field changed more than `/V`, `/AP` and `/F`.
    FieldFillChanged,
    /// A new object no allowed addition reaches.
    UnaccountedObject,
    /// `/Extensions` changed other than by the ISO 32002 developer extension.
    ExtensionsChanged,
    /// `/Perms` changed other than by the certifier naming its own signature.
    CertificationChanged,
    /// The catalog's `/Metadata` changed other than by a signer's new XMP stream that
    /// nothing else refers to.
    MetadataChanged,
    /// The document is certified with no changes allowed (DocMDP P=1) but was changed.
    CertifiedNoChanges,
}

impl Kind {
    /// Every kind.
    #[cfg(test)]
    pub(crate) const ALL: [Kind; 26] = [
        Kind::CatalogReplaced,
        Kind::CatalogChanged,
        Kind::InfoChanged,
        Kind::EncryptedLater,
        Kind::FormChanged,
        Kind::PageChanged,
        Kind::PageContentChanged,
        Kind::ObjectChanged,
        Kind::ObjectRemoved,
        Kind::DanglingReferenceFilled,
        Kind::DirectDictionary,
        Kind::ListRewritten,
        Kind::AnnotationAdded,
        Kind::AnnotationMoved,
        Kind::MalformedWidget,
        Kind::UnsignedSignatureField,
        Kind::VisibleSignatureFieldAfterCertification,
        Kind::VisibleOutsidePlace,
        Kind::PlaceTaken,
        Kind::SeveralWidgetsForOneSignature,
        Kind::FieldFillChanged,
        Kind::UnaccountedObject,
        Kind::ExtensionsChanged,
        Kind::CertificationChanged,
        Kind::MetadataChanged,
        Kind::CertifiedNoChanges,
    ];

    /// The stable snake_case code (`Modification::kind`).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::CatalogReplaced => "catalog_replaced",
            Kind::CatalogChanged => "catalog_changed",
            Kind::InfoChanged => "info_changed",
            Kind::EncryptedLater => "encrypted_later",
            Kind::FormChanged => "form_changed",
            Kind::PageChanged => "page_changed",
            Kind::PageContentChanged => "page_content_changed",
            Kind::ObjectChanged => "object_changed",
            Kind::ObjectRemoved => "object_removed",
            Kind::DanglingReferenceFilled => "dangling_reference_filled",
            Kind::DirectDictionary => "direct_dictionary",
            Kind::ListRewritten => "list_rewritten",
            Kind::AnnotationAdded => "annotation_added",
            Kind::AnnotationMoved => "annotation_moved",
            Kind::MalformedWidget => "signature_widget_malformed",
            Kind::UnsignedSignatureField => "unsigned_signature_field",
            Kind::VisibleSignatureFieldAfterCertification => {
                "visible_signature_field_after_certification"
            }
            Kind::VisibleOutsidePlace => "visible_signature_outside_place",
            Kind::PlaceTaken => "signature_place_taken",
            Kind::SeveralWidgetsForOneSignature => "several_widgets_for_one_signature",
            Kind::FieldFillChanged => "signature_field_fill_changed",
            Kind::UnaccountedObject => "unaccounted_object",
            Kind::ExtensionsChanged => "extensions_changed",
            Kind::CertificationChanged => "certification_changed",
            Kind::MetadataChanged => "metadata_changed",
            Kind::CertifiedNoChanges => "certified_no_changes",
        }
    }
}
