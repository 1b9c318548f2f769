//! Where a word may be hyphenated at a line end.
//!
//! Russian and English use the Knuth–Liang patterns of the `hypher` crate. Kazakh has no pattern
//! set, so it is split by syllables: Kazakh syllables are V, CV, VC, CVC and CVCC (one consonant at
//! most before the vowel), so between two vowels a single consonant starts the next syllable, two
//! consonants are split, and of three or more only the last starts the next syllable — except a
//! loanword onset such as «ст» or «тр» after three consonants («Қазақ-стан»). «у» next to a vowel is
//! the consonant [w] («қа-уіп»); «ь» and «ъ» stay with the consonant before them. No break leaves
//! fewer than [`LEFT_MIN`] letters before it or [`RIGHT_MIN`] after it.

use kelisim_core::Language;

/// The fewest letters before a hyphenation point.
pub(crate) const LEFT_MIN: usize = 2;
/// The fewest letters after a hyphenation point.
pub(crate) const RIGHT_MIN: usize = 3;

/// Byte offsets inside `word` (a run of letters) where it may be broken with a hyphen, for text in
/// `lang`. A word in another script than its language's uses that script's rules: a Latin word in
/// a Kazakh text is hyphenated as English; a Cyrillic word in an English text as Russian.
pub(crate) fn points(word: &str, lang: Language) -> Vec<usize> {
    let letters = word.chars().count();
    if letters < LEFT_MIN + RIGHT_MIN {
        return Vec::new();
    }
    // Abbreviations and words set in capitals (МЕМОРАНДУМ, ҚР, UNESCO) are not hyphenated.
    if word.chars().filter(|c| c.is_lowercase()).count() < 2 {
        return Vec::new();
    }
    let cyrillic = word.chars().all(is_cyrillic);
    let latin = word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || is_latin_extended(c));
    if cyrillic {
        match lang {
            Language::Kk => kazakh(word),
            Language::Ru | Language::En => patterns(word, hypher::Lang::Russian),
        }
    } else if latin {
        patterns(word, hypher::Lang::English)
    } else {
        Vec::new()
    }
}

/// Whether `c` is a letter, with a fast path for the Latin and Cyrillic letters of our languages.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c) || ('\u{0500}'..='\u{052F}').contains(&c)
}

fn is_latin_extended(c: char) -> bool {
    ('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic()
}

fn patterns(word: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut syllables = hypher::hyphenate_bounded(word, lang, LEFT_MIN, RIGHT_MIN).peekable();
    while let Some(syllable) = syllables.next() {
        at += syllable.len();
        if syllables.peek().is_some() {
            out.push(at);
        }
    }
    out
}

fn is_kazakh_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я'
    )
}

/// Loanword onsets kept together when three consonants meet.
const ONSETS: [&str; 16] = [
    "ст", "тр", "пр", "кр", "гр", "бр", "др", "фр", "вр", "пл", "кл", "бл", "гл", "сп", "ск", "шт",
];

/// Syllable boundaries of a Kazakh word, as byte offsets.
fn kazakh(word: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = word
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let n = chars.len();
    let mut vowel: Vec<bool> = chars.iter().map(|&(_, c)| is_kazakh_vowel(c)).collect();
    // «у» beside a vowel is the consonant [w]: «қауіп», «ауыл», «уақыт».
    for i in 0..n {
        if chars[i].1 == 'у' {
            let before = i > 0 && vowel[i - 1] && chars[i - 1].1 != 'у';
            let after = i + 1 < n && is_kazakh_vowel(chars[i + 1].1) && chars[i + 1].1 != 'у';
            if before || after {
                vowel[i] = false;
            }
        }
    }
    let vowels: Vec<usize> = (0..n).filter(|&i| vowel[i]).collect();
    let mut out = Vec::new();
    for pair in vowels.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let consonants = b - a - 1;
        // The index of the first letter of the next syllable.
        let start = match consonants {
            0 => b,
            1 => b - 1,
            2 => b - 1,
            _ => {
                let onset: String = [chars[b - 2].1, chars[b - 1].1].iter().collect();
                if consonants == 3 && ONSETS.contains(&onset.as_str()) {
                    b - 2
                } else {
                    b - 1
                }
            }
        };
        // A soft or hard sign never starts a syllable.
        if matches!(chars[start].1, 'ь' | 'ъ') {
            continue;
        }
        if start >= LEFT_MIN && n - start >= RIGHT_MIN {
            out.push(chars[start].0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(word: &str, lang: Language) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in points(word, lang) {
            out.push_str(&word[last..p]);
            out.push('-');
            last = p;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn kazakh_words_split_by_syllables() {
        for (word, want) in [
            ("ынтымақтастық", "ын-ты-мақ-тас-тық"),
            ("мемлекеттік", "мем-ле-кет-тік"),
            ("қауіпсіздік", "қа-уіп-сіз-дік"),
            ("Қазақстан", "Қа-зақ-стан"),
            ("министрлігі", "ми-нистр-лігі"),
            ("бағдарламалар", "бағ-дар-ла-ма-лар"),
            ("әлеуметтік", "әлеу-мет-тік"),
            ("Тараптардың", "Та-рап-тар-дың"),
            ("ұйымдармен", "ұйым-дар-мен"),
            ("азаматтық", "аза-мат-тық"),
            ("Меморандум", "Ме-мо-ран-дум"),
            ("ақпараттық", "ақ-па-рат-тық"),
        ] {
            assert_eq!(show(word, Language::Kk), want, "{word}");
        }
    }

    #[test]
    fn kazakh_never_leaves_a_single_letter_or_breaks_before_a_sign() {
        assert_eq!(show("ауыл", Language::Kk), "ауыл");
        assert_eq!(show("әріптестік", Language::Kk), "әріп-тес-тік");
        assert_eq!(show("мультфильм", Language::Kk), "мульт-фильм");
        for word in ["ынтымақтастық", "әріптестік", "оқу", "Ә"] {
            for p in points(word, Language::Kk) {
                assert!(word[..p].chars().count() >= LEFT_MIN);
                assert!(word[p..].chars().count() >= RIGHT_MIN);
            }
        }
    }

    #[test]
    fn russian_uses_patterns() {
        let s = show("сотрудничество", Language::Ru);
        assert!(s.contains('-'), "{s}");
        assert_eq!(s.replace('-', ""), "сотрудничество");
        for p in points("взаимодействия", Language::Ru) {
            assert!(p >= 2 * 2);
        }
        assert!(!show("Меморандума", Language::Ru).starts_with("М-"));
    }

    #[test]
    fn english_uses_patterns_and_latin_words_in_kazakh_text_too() {
        assert_eq!(show("cooperation", Language::En), "co-op-er-a-tion");
        assert_eq!(show("cooperation", Language::Kk), "co-op-er-a-tion");
    }

    #[test]
    fn capitals_and_short_words_are_left_whole() {
        assert!(points("МЕМОРАНДУМ", Language::Ru).is_empty());
        assert!(points("UNESCO", Language::En).is_empty());
        assert!(points("және", Language::Kk).is_empty());
    }
}
