//! The languages of the application's interface (not of a memorandum's text).

use std::fmt;
use std::str::FromStr;

/// A language the interface can be shown in. Parsing accepts only the tags listed here,
/// so a value of this type is always one we have strings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum UiLanguage {
    /// Kazakh, the state language.
    Kk,
    /// Russian.
    Ru,
    /// English; the default until the user chooses.
    #[default]
    En,
}

impl UiLanguage {
    /// Every interface language, in the order the switcher shows them.
    pub const ALL: [UiLanguage; 3] = [UiLanguage::Kk, UiLanguage::Ru, UiLanguage::En];

    /// The BCP 47 tag, as stored and as used by the UI.
    pub fn tag(self) -> &'static str {
        match self {
            UiLanguage::Kk => "kk",
            UiLanguage::Ru => "ru",
            UiLanguage::En => "en",
        }
    }
}

impl fmt::Display for UiLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The tag given is not an interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownUiLanguage(pub String);

impl fmt::Display for UnknownUiLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown interface language {:?}: expected one of kk, ru, en",
            self.0
        )
    }
}

impl std::error::Error for UnknownUiLanguage {}

impl FromStr for UiLanguage {
    type Err = UnknownUiLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UiLanguage::ALL
            .into_iter()
            .find(|l| l.tag() == s)
            .ok_or_else(|| UnknownUiLanguage(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for lang in UiLanguage::ALL {
            assert_eq!(lang.tag().parse::<UiLanguage>(), Ok(lang));
        }
    }

    #[test]
    fn unknown_tags_are_refused_with_the_tag_named() {
        let err = "de".parse::<UiLanguage>().unwrap_err();
        assert_eq!(err, UnknownUiLanguage("de".into()));
        assert!(err.to_string().contains("\"de\""));
        // Tags are case-sensitive as stored: we never write "KK".
        assert!("KK".parse::<UiLanguage>().is_err());
    }
}
