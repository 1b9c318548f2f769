//! The memorandum's date as each language writes it, and the fixed words of the document.

use kelisim_core::{IsoDate, Language};

const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// kk «2026 жылғы 6 қазан», ru «6 октября 2026 года», en «6 October 2026».
pub fn format_date(date: &IsoDate, lang: Language) -> String {
    let (year, month, day) = date.parts();
    let m = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Language::Kk => format!("{year} жылғы {day} {}", KK_MONTHS[m]),
        Language::Ru => format!("{day} {} {year} года", RU_MONTHS[m]),
        Language::En => format!("{day} {} {year}", EN_MONTHS[m]),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> IsoDate {
        IsoDate::try_from(s.to_owned()).unwrap()
    }

    #[test]
    fn each_language_writes_its_own_date() {
        let d = date("2026-10-06");
        assert_eq!(format_date(&d, Language::Kk), "2026 жылғы 6 қазан");
        assert_eq!(format_date(&d, Language::Ru), "6 октября 2026 года");
        assert_eq!(format_date(&d, Language::En), "6 October 2026");
        let d = date("2027-01-31");
        assert_eq!(format_date(&d, Language::Kk), "2027 жылғы 31 қаңтар");
        assert_eq!(format_date(&d, Language::Ru), "31 января 2027 года");
    }
}
