//! Computed numbering: never typed, always derived from the position of a section or clause.
//!
//! Plain style (the default in memorandums): sections «1.», clauses «1.1.», «1.1.1.». Article
//! style: headings «Статья 1» (ru), «1-бап» (kk), «Article 1» (en); clauses keep «1.1.».

use crate::ids::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberingStyle {
    #[default]
    Plain,
    Articles,
}

/// The label of the section at 0-based `index`.
pub fn section_label(index: usize, lang: Language, style: NumberingStyle) -> String {
    let n = index + 1;
    match (style, lang) {
        (NumberingStyle::Plain, _) => format!("{n}."),
        (NumberingStyle::Articles, Language::Ru) => format!("Статья {n}."),
        (NumberingStyle::Articles, Language::Kk) => format!("{n}-бап."),
        (NumberingStyle::Articles, Language::En) => format!("Article {n}."),
    }
}

/// The label of a clause from its 0-based path, section index first: `[0, 1]` → «1.2.».
pub fn clause_label(path: &[usize]) -> String {
    let mut out = String::with_capacity(path.len() * 3);
    for i in path {
        out.push_str(&(i + 1).to_string());
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbering_is_the_same_digits_in_every_language() {
        for lang in Language::ALL {
            assert_eq!(section_label(0, lang, NumberingStyle::Plain), "1.");
            assert_eq!(section_label(11, lang, NumberingStyle::Plain), "12.");
        }
        assert_eq!(clause_label(&[0, 0]), "1.1.");
        assert_eq!(clause_label(&[2, 9, 0]), "3.10.1.");
    }

    #[test]
    fn article_words_follow_each_language() {
        assert_eq!(
            section_label(0, Language::Ru, NumberingStyle::Articles),
            "Статья 1."
        );
        assert_eq!(
            section_label(4, Language::Kk, NumberingStyle::Articles),
            "5-бап."
        );
        assert_eq!(
            section_label(2, Language::En, NumberingStyle::Articles),
            "Article 3."
        );
    }
}
