//! The language problems and errors are printed in: `--lang`, else the environment's locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`: `kk_KZ.UTF-8` → kk, `ru_RU` → ru), else English. The
//! sentences themselves come from Rust's one catalog, carried by the DTOs (`text`).

use std::sync::OnceLock;

use kelisim_app::{AgreementDto, ApiError, FindingDto, LocalizedDto, ModificationDto, ProblemDto};

/// An interface language of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Kk,
    Ru,
    En,
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Chooses the language once, at start: the flag, else the locale variables.
pub fn choose(flag: Option<Lang>) {
    let lang = flag.unwrap_or_else(|| from_locale(|name| std::env::var(name).ok()));
    let _ = CHOSEN.set(lang);
}

/// The language of a locale as the environment gives it: the first non-empty of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` decides.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let tag = locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match tag.as_str() {
        "kk" => Lang::Kk,
        "ru" => Lang::Ru,
        _ => Lang::En,
    }
}

/// The chosen language (English until [`choose`] runs).
pub fn chosen() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// The tag of the chosen language.
pub fn tag() -> &'static str {
    match chosen() {
        Lang::Kk => "kk",
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

fn pick(text: &LocalizedDto) -> Option<&str> {
    match chosen() {
        Lang::Kk => Some(&text.kk),
        Lang::Ru => Some(&text.ru),
        // English keeps the full log message, which names more than the catalog's sentence.
        Lang::En => None,
    }
}

/// A problem's sentence in the chosen language.
pub fn problem(p: &ProblemDto) -> &str {
    pick(&p.text).unwrap_or(&p.message)
}

/// A verification finding's sentence in the chosen language.
pub fn finding(f: &FindingDto) -> &str {
    pick(&f.text).unwrap_or(&f.message)
}

/// A change after signing in the chosen language.
pub fn modification(m: &ModificationDto) -> &str {
    pick(&m.text).unwrap_or(&m.description)
}

/// What the agreement check found, in the chosen language.
pub fn agreement(a: &AgreementDto) -> &str {
    pick(&a.text).unwrap_or(&a.detail)
}

/// An error's sentence in the chosen language.
pub fn error(e: &ApiError) -> &str {
    pick(&e.text).unwrap_or(&e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_locale_decides_in_posix_order() {
        assert_eq!(from_locale(env(&[("LANG", "kk_KZ.UTF-8")])), Lang::Kk);
        assert_eq!(from_locale(env(&[("LANG", "ru_RU")])), Lang::Ru);
        assert_eq!(from_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(from_locale(env(&[])), Lang::En);
        assert_eq!(
            from_locale(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "ru_RU.UTF-8"),
                ("LANG", "kk_KZ")
            ])),
            Lang::Ru
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "kk_KZ.UTF-8"), ("LANG", "ru_RU")])),
            Lang::Kk
        );
    }
}
