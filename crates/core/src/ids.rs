//! Values that cannot hold a bad value: parsing checks them once, and every later use can rely on
//! them ("parse, don't validate").

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language a memorandum can be written in. Only languages Kelisim can render, hyphenate and
/// search are accepted; the tag is the BCP 47 one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Kk, Language::Ru, Language::En];

    pub fn tag(self) -> &'static str {
        match self {
            Language::Kk => "kk",
            Language::Ru => "ru",
            Language::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.tag() == tag)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Why a string is not a valid id, name, BIN or date: the value, what it should have been, and
/// what is wrong. Reads as «"98031" is not a valid BIN: a BIN has exactly 12 digits».
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not {what}: {problem}")]
pub struct InvalidValue {
    /// The string given.
    pub value: String,
    /// What it should have been («a valid BIN»).
    pub what: &'static str,
    /// What is wrong with it.
    pub problem: ValueProblem,
}

impl From<InvalidValue> for String {
    fn from(err: InvalidValue) -> String {
        err.to_string()
    }
}

/// What is wrong with a value (see [`InvalidValue`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueProblem {
    #[error("it is empty")]
    Empty,
    #[error("it is longer than 64 characters")]
    TooLong,
    #[error("it must start with a-z or _")]
    BadStart,
    /// A character outside the allowed set, which is named.
    #[error("{found:?} is not allowed (use {allowed})")]
    NotAllowed { found: char, allowed: &'static str },
    #[error("a BIN has exactly 12 digits")]
    NotTwelveDigits,
    #[error("its first 11 digits admit no check digit")]
    NoCheckDigit,
    #[error("the check digit is {found}, but the first 11 digits require {required}")]
    WrongCheckDigit { found: u8, required: u8 },
    #[error("write it as YYYY-MM-DD")]
    NotIsoDate,
    #[error("the year {0} is outside 1900–2999")]
    YearOutOfRange(u32),
    #[error("there is no month {0}")]
    NoSuchMonth(u32),
    #[error("month {month} of {year} has no day {day}")]
    NoSuchDay { year: u32, month: u32, day: u32 },
}

macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident, $check:expr, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(value: String) -> Result<Self, InvalidValue> {
                let check: fn(&str) -> Result<(), ValueProblem> = $check;
                match check(&value) {
                    Ok(()) => Ok($name(value)),
                    Err(problem) => Err(InvalidValue {
                        value,
                        what: $what,
                        problem,
                    }),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, InvalidValue> {
                $name::try_from(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn check_slug(s: &str) -> Result<(), ValueProblem> {
    if s.is_empty() {
        return Err(ValueProblem::Empty);
    }
    if s.len() > 64 {
        return Err(ValueProblem::TooLong);
    }
    match s
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        Some(found) => Err(ValueProblem::NotAllowed {
            found,
            allowed: "a-z, 0-9 and -",
        }),
        None => Ok(()),
    }
}

fn check_variable(s: &str) -> Result<(), ValueProblem> {
    let mut chars = s.chars();
    match chars.next() {
        None => return Err(ValueProblem::Empty),
        Some(c) if !(c.is_ascii_lowercase() || c == '_') => return Err(ValueProblem::BadStart),
        Some(_) => {}
    }
    if s.len() > 64 {
        return Err(ValueProblem::TooLong);
    }
    match chars.find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')) {
        Some(found) => Err(ValueProblem::NotAllowed {
            found,
            allowed: "a-z, 0-9 and _",
        }),
        None => Ok(()),
    }
}

string_newtype!(
    /// A party's id within a memorandum: `[a-z0-9-]+`, at most 64 characters.
    PartyId,
    check_slug,
    "a party id"
);
string_newtype!(
    /// A signatory's id within a party: `[a-z0-9-]+`, at most 64 characters.
    SignatoryId,
    check_slug,
    "a signatory id"
);
string_newtype!(
    /// An annex's id within a memorandum (`kelisim.memorandum/2`): `[a-z0-9-]+`, at most 64
    /// characters. Text refers to an annex by it (`{{annex.<id>}}`), so reordering annexes
    /// renumbers the references too.
    AnnexId,
    check_slug,
    "an annex id"
);
string_newtype!(
    /// A variable's name: `[a-z_][a-z0-9_]*`, at most 64 characters.
    VariableName,
    check_variable,
    "a variable name"
);
string_newtype!(
    /// A Kazakh business identification number: 12 digits whose last is a valid check digit.
    Bin,
    check_bin,
    "a valid BIN"
);
string_newtype!(
    /// A calendar date written `YYYY-MM-DD` (ISO 8601), years 1900–2999.
    IsoDate,
    check_date,
    "a date (YYYY-MM-DD)"
);

/// The check digit of a BIN or IIN from its first 11 digits, or `None` when the rule yields 10
/// twice (such numbers are never issued).
pub fn bin_check_digit(first11: &[u8; 11]) -> Option<u8> {
    let weighted = |weights: [u32; 11]| -> u32 {
        first11
            .iter()
            .zip(weights)
            .map(|(&d, w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    let first = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let digit = if first == 10 {
        weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
    } else {
        first
    };
    u8::try_from(digit).ok().filter(|d| *d < 10)
}

fn check_bin(s: &str) -> Result<(), ValueProblem> {
    if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueProblem::NotTwelveDigits);
    }
    let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    let mut first11 = [0u8; 11];
    first11.copy_from_slice(&digits[..11]);
    match bin_check_digit(&first11) {
        None => Err(ValueProblem::NoCheckDigit),
        Some(d) if d == digits[11] => Ok(()),
        Some(required) => Err(ValueProblem::WrongCheckDigit {
            found: digits[11],
            required,
        }),
    }
}

fn check_date(s: &str) -> Result<(), ValueProblem> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(ValueProblem::NotIsoDate);
    }
    let num = |r: std::ops::Range<usize>| -> u32 {
        s[r].bytes().fold(0, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1900..=2999).contains(&year) {
        return Err(ValueProblem::YearOutOfRange(year));
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(ValueProblem::NoSuchMonth(month)),
    };
    if day == 0 || day > days {
        return Err(ValueProblem::NoSuchDay { year, month, day });
    }
    Ok(())
}

impl IsoDate {
    /// Year, month and day.
    pub fn parts(&self) -> (u32, u32, u32) {
        let num = |r: std::ops::Range<usize>| -> u32 {
            self.0[r]
                .bytes()
                .fold(0, |n, c| n * 10 + u32::from(c.wrapping_sub(b'0')))
        };
        (num(0..4), num(5..7), num(8..10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_from_the_domain_notes_are_valid() {
        for bin in [
            "040540001230",
            "160940012344",
            "980310005674",
            "211140000425",
        ] {
            assert!(bin.parse::<Bin>().is_ok(), "{bin}");
        }
    }

    #[test]
    fn a_wrong_check_digit_is_named() {
        let err = "040540001231".parse::<Bin>().unwrap_err();
        assert_eq!(
            err.problem,
            ValueProblem::WrongCheckDigit {
                found: 1,
                required: 0
            }
        );
        let text = err.to_string();
        assert!(
            text.contains("check digit is 1") && text.contains("require 0"),
            "{text}"
        );
        assert!("04054000123".parse::<Bin>().is_err());
        assert!("04054000123a".parse::<Bin>().is_err());
    }

    #[test]
    fn the_second_weight_set_is_used_when_the_first_gives_ten() {
        // A 1 in the tenth place: the first weights give 1×10 = 10, the second 1×1 = 1.
        assert_eq!(bin_check_digit(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), Some(1));
        // A 1 in the first place with 9 in the tenth: 1 + 90 = 91 ≡ 3; no fallback needed.
        assert_eq!(bin_check_digit(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0]), Some(3));
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!("2026-10-06".parse::<IsoDate>().is_ok());
        assert!("2024-02-29".parse::<IsoDate>().is_ok());
        assert!("2026-02-29".parse::<IsoDate>().is_err());
        assert!("2026-13-01".parse::<IsoDate>().is_err());
        assert!("2026-1-01".parse::<IsoDate>().is_err());
        assert!("06.10.2026".parse::<IsoDate>().is_err());
        assert_eq!(
            "2026-10-06".parse::<IsoDate>().unwrap().parts(),
            (2026, 10, 6)
        );
    }

    #[test]
    fn ids_and_variable_names() {
        assert!("mvd".parse::<PartyId>().is_ok());
        assert!("deputy-minister-2".parse::<SignatoryId>().is_ok());
        assert!("MVD".parse::<PartyId>().is_err());
        assert!("".parse::<PartyId>().is_err());
        assert!("forum_2026".parse::<VariableName>().is_ok());
        assert!("2forum".parse::<VariableName>().is_err());
        assert!("forum-name".parse::<VariableName>().is_err());
    }
}
