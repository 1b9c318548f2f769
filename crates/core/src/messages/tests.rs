use super::*;

/// True when `text` has a Cyrillic letter (Kazakh letters included).
fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Fails for an entry whose kk or ru text is the English one or has no Cyrillic letter.
pub(crate) fn check_table(name: &str, table: &[Entry]) {
    let mut seen = std::collections::BTreeSet::new();
    for (code, [kk, ru, en]) in table {
        assert!(seen.insert(*code), "{name}: {code} is listed twice");
        assert!(!en.trim().is_empty(), "{name}: {code} has no English text");
        for (tag, text) in [("kk", kk), ("ru", ru)] {
            assert!(!text.trim().is_empty(), "{name}: {code} has no {tag} text");
            assert_ne!(
                text, en,
                "{name}: {code}: the {tag} text is the English one"
            );
            assert!(
                cyrillic(text),
                "{name}: {code}: the {tag} text has no Cyrillic letter"
            );
        }
    }
}

#[test]
fn every_problem_and_reason_is_written_in_kk_ru_and_en() {
    check_table("PROBLEMS", PROBLEMS);
    check_table("REASONS", REASONS);
}

/// The string literal passed as the code (second argument) of every `report(`, `report_with(`,
/// `problem(` and `problem_with(` call and every `code: "…"` field in `source`.
fn codes_in(source: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for call in ["report(", "report_with(", "problem(", "problem_with("] {
        for (at, _) in source.match_indices(call) {
            let args = &source[at + call.len()..];
            if let Some(code) = second_argument(args) {
                codes.push(code);
            }
        }
    }
    for (at, _) in source.match_indices("code: \"") {
        let rest = &source[at + 7..];
        if let Some(end) = rest.find('"') {
            codes.push(rest[..end].to_owned());
        }
    }
    codes
}

fn second_argument(args: &str) -> Option<String> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut prev = ' ';
    for (i, c) in args.char_indices() {
        match c {
            '"' if prev != '\\' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ',' if !in_string && depth == 0 => {
                let rest = args[i + 1..].trim_start();
                let literal = rest.strip_prefix('"')?;
                let end = literal.find('"')?;
                return Some(literal[..end].to_owned());
            }
            _ => {}
        }
        prev = c;
    }
    None
}

fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_emitted_code_is_in_the_catalog() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![std::fs::read_to_string(root.join("src/validate.rs")).unwrap()];
    sources(&root.join("src/validate"), &mut texts);
    sources(&root.join("../pdf/src"), &mut texts);
    let codes: std::collections::BTreeSet<String> =
        texts.iter().flat_map(|t| codes_in(t)).collect();
    // The scan must see the walker's checks, else it proves nothing.
    for known in [
        "missing_translation",
        "bad_bin",
        "wrong_type",
        "missing_glyph",
    ] {
        assert!(codes.contains(known), "the scan missed {known}: {codes:?}");
    }
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| lookup(PROBLEMS, c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without kk/ru/en text: {missing:?}"
    );
}

#[test]
fn a_bad_check_digit_reads_in_kazakh_with_its_digits() {
    let doc = include_str!("../../templates/state-ngo-kk-ru.json");
    let mut value: serde_json::Value = serde_json::from_str(doc).unwrap();
    value["parties"][0]["bin"] = serde_json::json!("211140000426");
    let problems = crate::validate::check(&value);
    let bad = problems.iter().find(|p| p.code == "bad_bin").unwrap();
    let kk = problem_text(bad, UiLanguage::Kk);
    assert!(kk.contains("БСН бақылау саны дұрыс емес"), "{kk}");
    assert!(kk.contains("211140000426"), "{kk}");
    let ru = problem_text(bad, UiLanguage::Ru);
    assert!(ru.contains("контрольная цифра"), "{ru}");
}

#[test]
fn a_missing_translation_names_the_language_in_each_interface_language() {
    let problem = crate::validate::problem_with(
        "sections[0].heading.ru",
        "missing_translation",
        vec![("language", "ru".into())],
        "the section heading has no Russian text".into(),
    );
    assert_eq!(
        problem_text(&problem, UiLanguage::Kk),
        "Аударма жоқ: орыс тіліндегі мәтін берілмеген"
    );
    assert_eq!(
        problem_text(&problem, UiLanguage::Ru),
        "Нет перевода: отсутствует текст на русском языке"
    );
    assert_eq!(
        problem_text(&problem, UiLanguage::En),
        "no translation: the Russian text is missing"
    );
}

#[test]
fn braces_are_literal_and_unknown_codes_keep_the_english_message() {
    let params = vec![("name", "forum".to_owned())];
    assert_eq!(fill("{{{name}}} x", &params, UiLanguage::Kk), "{forum} x");
    let problem = crate::validate::problem_with("a", "not_in_catalog", vec![], "as is".into());
    assert_eq!(problem_text(&problem, UiLanguage::Kk), "as is");
}
