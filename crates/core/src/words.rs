//! The words Kelisim writes itself, in each language: dates, the authority a signatory acts
//! on, annex labels. The renderer, placeholders and the editor all take them from here, so the
//! PDF and the interface cannot word a thing differently.

use crate::ids::IsoDate;
use crate::model::{Amends, Authority, Duration, Memorandum, Party, Renewal, TermStart};
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

/// Grammatical gender of the Russian noun a number counts (один год, одна неделя, одно место).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
    Neuter,
}

const RU_UNITS: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const RU_TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];
const KK_UNITS: [&str; 10] = [
    "",
    "бір",
    "екі",
    "үш",
    "төрт",
    "бес",
    "алты",
    "жеті",
    "сегіз",
    "тоғыз",
];
const KK_TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];
const EN_UNITS: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A cardinal number 1–999 in words, in the nominative (Russian in `gender`): ru «двадцать
/// одна», kk «жиырма бір», en «twenty-one», «one hundred and five». Outside 1–999 the digits.
pub fn number_words(n: u32, lang: Language, gender: Gender) -> String {
    if !(1..=999).contains(&n) {
        return n.to_string();
    }
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    match lang {
        Language::Ru => ru_words(h, t, u, gender),
        Language::Kk => kk_words(h, t, u),
        Language::En => en_words(h, t * 10 + u),
    }
}

fn ru_words(h: usize, t: usize, u: usize, gender: Gender) -> String {
    let unit = match (u, gender) {
        (1, Gender::Feminine) => "одна",
        (1, Gender::Neuter) => "одно",
        (2, Gender::Feminine) => "две",
        _ => RU_UNITS[u],
    };
    let parts = match t {
        1 => [RU_HUNDREDS[h], RU_TEENS[u], ""],
        _ => [RU_HUNDREDS[h], RU_TENS[t], unit],
    };
    join_words(&parts, " ")
}

fn kk_words(h: usize, t: usize, u: usize) -> String {
    // 100 is «жүз», 200 «екі жүз»: the way amounts are written out in Kazakh documents.
    let hundreds = match h {
        0 => String::new(),
        1 => "жүз".to_owned(),
        _ => format!("{} жүз", KK_UNITS[h]),
    };
    join_words(&[&hundreds, KK_TENS[t], KK_UNITS[u]], " ")
}

fn en_words(h: usize, rest: usize) -> String {
    let rest = match rest {
        0..=19 => EN_UNITS[rest].to_owned(),
        _ if rest.is_multiple_of(10) => EN_TENS[rest / 10].to_owned(),
        _ => format!("{}-{}", EN_TENS[rest / 10], EN_UNITS[rest % 10]),
    };
    match (h, rest.is_empty()) {
        (0, _) => rest,
        (_, true) => format!("{} hundred", EN_UNITS[h]),
        (_, false) => format!("{} hundred and {rest}", EN_UNITS[h]),
    }
}

fn join_words(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(sep)
}

/// The Russian noun form after the number `n`: `one` (1, 21: год), `few` (2–4, 22: года) or
/// `many` (5–20, 11–14, 25: лет).
pub fn ru_plural<'a>(n: u32, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// A unit a term is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Year,
    Day,
}

/// A count as contracts write it, digits then words: ru «3 (три) года», «30 (тридцать) дней»,
/// kk «3 (үш) жыл», «30 (отыз) күн», en «1 (one) year», «30 (thirty) days».
pub fn count(n: u32, unit: Unit, lang: Language) -> String {
    let words = number_words(n, lang, Gender::Masculine);
    let noun = match (lang, unit) {
        (Language::Ru, Unit::Year) => ru_plural(n, "год", "года", "лет"),
        (Language::Ru, Unit::Day) => ru_plural(n, "день", "дня", "дней"),
        // A Kazakh noun after a number stays singular.
        (Language::Kk, Unit::Year) => "жыл",
        (Language::Kk, Unit::Day) => "күн",
        (Language::En, Unit::Year) if n == 1 => "year",
        (Language::En, Unit::Year) => "years",
        (Language::En, Unit::Day) if n == 1 => "day",
        (Language::En, Unit::Day) => "days",
    };
    format!("{n} ({words}) {noun}")
}

/// Kazakh month names in the ablative, for «2026 жылғы 1 қарашадан бастап» (from 1 November).
const KK_MONTHS_ABLATIVE: [&str; 12] = [
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
];

/// Kazakh month names in the accusative, for «2029 жылғы 31 қазанды қоса алғанға дейін».
const KK_MONTHS_ACCUSATIVE: [&str; 12] = [
    "қаңтарды",
    "ақпанды",
    "наурызды",
    "сәуірді",
    "мамырды",
    "маусымды",
    "шілдені",
    "тамызды",
    "қыркүйекті",
    "қазанды",
    "қарашаны",
    "желтоқсанды",
];

fn kk_date_in(date: &IsoDate, months: &[&str; 12]) -> String {
    let (year, month, day) = date.parts();
    let m = (month.clamp(1, 12) - 1) as usize;
    format!("{year} жылғы {day} {}", months[m])
}

/// `{{term.starts}}`: ru «со дня подписания его последней из Сторон» / «с 1 ноября 2026 года»,
/// kk «Тараптардың соңғысы қол қойған күннен бастап» / «2026 жылғы 1 қарашадан бастап»,
/// en «on the date of its signature by the last of the Parties» / «on 1 November 2026».
pub fn term_starts(starts: &TermStart, lang: Language) -> String {
    match (starts, lang) {
        (TermStart::LastSignature, Language::Kk) => {
            "Тараптардың соңғысы қол қойған күннен бастап".to_owned()
        }
        (TermStart::LastSignature, Language::Ru) => {
            "со дня подписания его последней из Сторон".to_owned()
        }
        (TermStart::LastSignature, Language::En) => {
            "on the date of its signature by the last of the Parties".to_owned()
        }
        (TermStart::Date { date }, Language::Kk) => {
            format!("{} бастап", kk_date_in(date, &KK_MONTHS_ABLATIVE))
        }
        (TermStart::Date { date }, Language::Ru) => format!("с {}", format_date(date, lang)),
        (TermStart::Date { date }, Language::En) => format!("on {}", format_date(date, lang)),
    }
}

/// `{{term.duration}}`, to follow «действует» / «қолданылады» / «remains in force»:
/// ru «3 (три) года», «до 31 октября 2029 года включительно», «бессрочно»; kk «3 (үш) жыл бойы»,
/// «2029 жылғы 31 қазанды қоса алғанға дейін», «мерзімсіз»; en «for 3 (three) years»,
/// «until 31 October 2029 inclusive», «indefinitely».
pub fn term_duration(duration: &Duration, lang: Language) -> String {
    match (duration, lang) {
        (Duration::Years { years }, Language::Kk) => {
            format!("{} бойы", count(*years, Unit::Year, lang))
        }
        (Duration::Years { years }, Language::Ru) => count(*years, Unit::Year, lang),
        (Duration::Years { years }, Language::En) => {
            format!("for {}", count(*years, Unit::Year, lang))
        }
        (Duration::Until { date }, Language::Kk) => format!(
            "{} қоса алғанға дейін",
            kk_date_in(date, &KK_MONTHS_ACCUSATIVE)
        ),
        (Duration::Until { date }, Language::Ru) => {
            format!("до {} включительно", format_date(date, lang))
        }
        (Duration::Until { date }, Language::En) => {
            format!("until {} inclusive", format_date(date, lang))
        }
        (Duration::Indefinite, Language::Kk) => "мерзімсіз".to_owned(),
        (Duration::Indefinite, Language::Ru) => "бессрочно".to_owned(),
        (Duration::Indefinite, Language::En) => "indefinitely".to_owned(),
    }
}

/// `{{term.renewal}}`: the whole sentence of automatic renewal.
pub fn term_renewal(renewal: &Renewal, lang: Language) -> String {
    let period = count(renewal.years, Unit::Year, lang);
    let notice = count(renewal.notice_days, Unit::Day, lang);
    match lang {
        Language::Kk => format!(
            "Егер Тараптардың ешқайсысы Меморандумның қолданылу мерзімі аяқталғанға дейін кемінде \
             {notice} бұрын басқа Тараптарды оның қолданылуын тоқтату туралы жазбаша хабардар \
             етпесе, Меморандумның қолданылу мерзімі әрбір келесі {period}ға автоматты түрде \
             ұзартылады."
        ),
        Language::Ru => format!(
            "Срок действия Меморандума автоматически продлевается на каждые последующие \
             {period}, если ни одна из Сторон не уведомит письменно другие Стороны о его \
             прекращении не позднее чем за {notice} до истечения срока его действия."
        ),
        Language::En => format!(
            "The term of this Memorandum is automatically extended for successive periods of \
             {period} each unless a Party notifies the other Parties in writing of its \
             termination at least {notice} before the term expires."
        ),
    }
}

/// `{{party.<id>.signatories}}`: each signatory's position and name with their authority,
/// joined by «; ». Kazakh puts a power of attorney or other wording before the position, as a
/// Kazakh participle clause goes («… сенімхат негізінде әрекет ететін вице-министр Б. Б.
/// Бекова», «Жарғы негізінде әрекет ететін директор …») and «міндетін атқарушы» after it;
/// Russian and English put the authority after the name, after a comma.
pub fn signatories(party: &Party, lang: Language) -> String {
    party
        .signatories
        .iter()
        .map(|s| {
            let position = Memorandum::text_in(&s.position, lang);
            let name = Memorandum::text_in(&s.name, lang);
            match (&s.authority, lang) {
                (None, _) => format!("{position} {name}"),
                (Some(a @ Authority::Acting), Language::Kk) => {
                    format!("{position} {} {name}", authority_phrase(a, lang))
                }
                (Some(a), Language::Kk) => {
                    format!("{} {position} {name}", authority_phrase(a, lang))
                }
                (Some(a), _) => format!("{position} {name}, {}", authority_phrase(a, lang)),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `{{amends}}`, in the case «Дополнительное соглашение к …» / «… қосымша келісім» need:
/// ru «Меморандуму о сотрудничестве от 6 октября 2026 года № 02-15/123», kk «2026 жылғы 6
/// қазандағы № 02-15/123 ынтымақтастық туралы меморандумға», en «the Memorandum of Cooperation
/// of 6 October 2026 No. 02-15/123».
pub fn amends_reference(amends: &Amends, lang: Language) -> String {
    let on = date_attributive(&amends.date, lang);
    let number = amends.number.as_deref();
    match (lang, number) {
        (Language::Kk, Some(n)) => format!("{on} № {n} ынтымақтастық туралы меморандумға"),
        (Language::Kk, None) => format!("{on} ынтымақтастық туралы меморандумға"),
        (Language::Ru, Some(n)) => format!("Меморандуму о сотрудничестве {on} № {n}"),
        (Language::Ru, None) => format!("Меморандуму о сотрудничестве {on}"),
        (Language::En, Some(n)) => format!("the Memorandum of Cooperation {on} No. {n}"),
        (Language::En, None) => format!("the Memorandum of Cooperation {on}"),
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

    #[test]
    fn numbers_are_written_out_in_each_language() {
        let ru = |n| number_words(n, Language::Ru, Gender::Masculine);
        let kk = |n| number_words(n, Language::Kk, Gender::Masculine);
        let en = |n| number_words(n, Language::En, Gender::Masculine);
        assert_eq!(ru(1), "один");
        assert_eq!(ru(12), "двенадцать");
        assert_eq!(ru(30), "тридцать");
        assert_eq!(ru(99), "девяносто девять");
        assert_eq!(ru(111), "сто одиннадцать");
        assert_eq!(ru(240), "двести сорок");
        assert_eq!(ru(999), "девятьсот девяносто девять");
        assert_eq!(
            number_words(21, Language::Ru, Gender::Feminine),
            "двадцать одна"
        );
        assert_eq!(number_words(2, Language::Ru, Gender::Feminine), "две");
        assert_eq!(number_words(1, Language::Ru, Gender::Neuter), "одно");
        assert_eq!(kk(1), "бір");
        assert_eq!(kk(11), "он бір");
        assert_eq!(kk(30), "отыз");
        assert_eq!(kk(45), "қырық бес");
        assert_eq!(kk(100), "жүз");
        assert_eq!(kk(365), "үш жүз алпыс бес");
        assert_eq!(kk(900), "тоғыз жүз");
        assert_eq!(en(13), "thirteen");
        assert_eq!(en(21), "twenty-one");
        assert_eq!(en(100), "one hundred");
        assert_eq!(en(105), "one hundred and five");
        assert_eq!(en(999), "nine hundred and ninety-nine");
        assert_eq!(ru(0), "0");
        assert_eq!(ru(1000), "1000");
    }

    #[test]
    fn russian_nouns_agree_with_the_number() {
        let years = |n| count(n, Unit::Year, Language::Ru);
        assert_eq!(years(1), "1 (один) год");
        assert_eq!(years(3), "3 (три) года");
        assert_eq!(years(5), "5 (пять) лет");
        assert_eq!(years(11), "11 (одиннадцать) лет");
        assert_eq!(years(21), "21 (двадцать один) год");
        assert_eq!(years(22), "22 (двадцать два) года");
        assert_eq!(years(112), "112 (сто двенадцать) лет");
        let days = |n| count(n, Unit::Day, Language::Ru);
        assert_eq!(days(1), "1 (один) день");
        assert_eq!(days(3), "3 (три) дня");
        assert_eq!(days(30), "30 (тридцать) дней");
        assert_eq!(days(14), "14 (четырнадцать) дней");
        assert_eq!(count(30, Unit::Day, Language::Kk), "30 (отыз) күн");
        assert_eq!(count(3, Unit::Year, Language::Kk), "3 (үш) жыл");
        assert_eq!(count(1, Unit::Year, Language::En), "1 (one) year");
        assert_eq!(count(30, Unit::Day, Language::En), "30 (thirty) days");
    }
}
