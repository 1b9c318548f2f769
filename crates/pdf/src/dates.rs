//! The fixed words of the document; dates are written by [`kelisim_core::words`].

use kelisim_core::words::{annex_label, date_attributive};
use kelisim_core::{IsoDate, Language};

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

/// The registration number under the place and date: ru and kk «№ 02-15/123», en «No. 02-15/123».
pub(crate) fn registration_line(number: &str, lang: Language) -> String {
    match lang {
        Language::Kk | Language::Ru => format!("№ {number}"),
        Language::En => format!("No. {number}"),
    }
}

/// An annex's heading by its 1-based number, the memorandum's date and its registration number:
/// ru «Приложение 1 к Меморандуму о сотрудничестве от 6 октября 2026 года № 02-15/123», kk «2026
/// жылғы 6 қазандағы № 02-15/123 ынтымақтастық туралы меморандумға 1-қосымша», en «Annex 1 to the
/// Memorandum of Cooperation of 6 October 2026 No. 02-15/123»; without a number, no number part.
pub(crate) fn annex_heading(
    n: usize,
    date: &IsoDate,
    number: Option<&str>,
    lang: Language,
) -> String {
    let label = annex_label(n, lang);
    let on = date_attributive(date, lang);
    let no = number
        .map(|number| format!(" {}", registration_line(number, lang)))
        .unwrap_or_default();
    match lang {
        Language::Kk => format!("{on}{no} ынтымақтастық туралы меморандумға {label}"),
        Language::Ru => format!("{label} к Меморандуму о сотрудничестве {on}{no}"),
        Language::En => format!("{label} to the Memorandum of Cooperation {on}{no}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_headings_name_the_memorandum_in_each_language() {
        let date = IsoDate::try_from("2026-10-06".to_owned()).unwrap_or_else(|e| panic!("{e}"));
        let number = Some("02-15/123");
        assert_eq!(
            annex_heading(1, &date, number, Language::Ru),
            "Приложение 1 к Меморандуму о сотрудничестве от 6 октября 2026 года № 02-15/123"
        );
        assert_eq!(
            annex_heading(1, &date, number, Language::Kk),
            "2026 жылғы 6 қазандағы № 02-15/123 ынтымақтастық туралы меморандумға 1-қосымша"
        );
        assert_eq!(
            annex_heading(2, &date, None, Language::En),
            "Annex 2 to the Memorandum of Cooperation of 6 October 2026"
        );
    }
}
