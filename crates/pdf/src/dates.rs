//! The fixed words of the document; dates are written by [`kelisim_core::words`].

use kelisim_core::Language;

pub use kelisim_core::words::format_date;

/// The seal mark under a signature.
pub(crate) fn seal_mark(lang: Language) -> &'static str {
    match lang {
        Language::Kk => "М.О.",
        Language::Ru => "М.П.",
        Language::En => "Seal",
    }
}

/// The heading of the signature block.
pub(crate) fn signatures_heading(lang: Language) -> &'static str {
    match lang {
        Language::Kk => "Тараптардың деректемелері мен қолтаңбалары",
        Language::Ru => "Реквизиты и подписи Сторон",
        Language::En => "Details and signatures of the Parties",
    }
}

/// The label of the business identification number.
pub(crate) fn bin_label(lang: Language) -> &'static str {
    match lang {
        Language::Kk => "БСН",
        Language::Ru => "БИН",
        Language::En => "BIN",
    }
}
