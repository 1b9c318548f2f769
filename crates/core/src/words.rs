//! The words Kelisim writes itself, in each language: dates, the authority a signatory acts
//! on, annex labels. The renderer, placeholders and the editor all take them from here, so the
//! PDF and the interface cannot word a thing differently.

use crate::ids::IsoDate;
use crate::model::{Authority, Memorandum};
use crate::Language;

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

/// A Kazakh month name in the locative-attributive form (`қазандағы`, «in October»), as a
/// date before a noun is written: «2026 жылғы 1 қазандағы № 12 сенімхат».
const KK_MONTHS_ATTRIBUTIVE: [&str; 12] = [
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
];

/// A date before a noun: kk «2026 жылғы 1 қазандағы», ru «от 1 октября 2026 года»,
/// en «of 1 October 2026».
pub fn date_attributive(date: &IsoDate, lang: Language) -> String {
    let (year, month, day) = date.parts();
    let m = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Language::Kk => format!("{year} жылғы {day} {}", KK_MONTHS_ATTRIBUTIVE[m]),
        Language::Ru => format!("от {}", format_date(date, lang)),
        Language::En => format!("of {}", format_date(date, lang)),
    }
}

/// The words for a signatory's authority: ru «действующий на основании доверенности № 12 от
/// 1 октября 2026 года», kk «2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін»,
/// en «acting under power of attorney No. 12 of 1 October 2026»; for an acting signatory
/// «исполняющий обязанности» / «міндетін атқарушы» / «acting»; any other wording as given.
pub fn authority_phrase(authority: &Authority, lang: Language) -> String {
    match authority {
        Authority::PowerOfAttorney { number, date } => {
            let on = date_attributive(date, lang);
            match lang {
                Language::Kk => format!("{on} № {number} сенімхат негізінде әрекет ететін"),
                Language::Ru => format!("действующий на основании доверенности № {number} {on}"),
                Language::En => format!("acting under power of attorney No. {number} {on}"),
            }
        }
        Authority::Acting => match lang {
            Language::Kk => "міндетін атқарушы".to_owned(),
            Language::Ru => "исполняющий обязанности".to_owned(),
            Language::En => "acting".to_owned(),
        },
        Authority::Other { text } => Memorandum::text_in(text, lang).to_owned(),
    }
}

/// An annex's label by its 1-based number: «Приложение 1», «1-қосымша», «Annex 1».
pub fn annex_label(number: usize, lang: Language) -> String {
    match lang {
        Language::Kk => format!("{number}-қосымша"),
        Language::Ru => format!("Приложение {number}"),
        Language::En => format!("Annex {number}"),
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

    #[test]
    fn a_power_of_attorney_is_worded_in_each_language() {
        let poa = Authority::PowerOfAttorney {
            number: "12".into(),
            date: date("2026-10-01"),
        };
        assert_eq!(
            authority_phrase(&poa, Language::Ru),
            "действующий на основании доверенности № 12 от 1 октября 2026 года"
        );
        assert_eq!(
            authority_phrase(&poa, Language::Kk),
            "2026 жылғы 1 қазандағы № 12 сенімхат негізінде әрекет ететін"
        );
        assert_eq!(
            authority_phrase(&poa, Language::En),
            "acting under power of attorney No. 12 of 1 October 2026"
        );
        assert_eq!(annex_label(2, Language::Kk), "2-қосымша");
    }
}
