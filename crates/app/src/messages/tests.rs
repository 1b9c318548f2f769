use super::*;
use crate::ErrorCode;

fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

#[test]
fn every_error_text_is_written_in_kk_ru_and_en() {
    let mut seen = std::collections::BTreeSet::new();
    for (key, [kk, ru, en]) in ERRORS {
        assert!(seen.insert(*key), "{key} is listed twice");
        assert!(!en.trim().is_empty(), "{key} has no English text");
        for (tag, text) in [("kk", kk), ("ru", ru)] {
            assert_ne!(text, en, "{key}: the {tag} text is the English one");
            assert!(
                cyrillic(text),
                "{key}: the {tag} text has no Cyrillic letter"
            );
        }
    }
}

#[test]
fn every_error_code_has_its_text() {
    for code in ErrorCode::ALL {
        assert!(
            lookup(ERRORS, code.as_str()).is_some(),
            "{} has no text",
            code.as_str()
        );
    }
}

#[test]
fn every_signing_error_has_its_text() {
    use kelisim_sign::SignError;
    let all = [
        SignError::WrongPassphrase,
        SignError::KeyNotFound("k".into()),
        SignError::KeyExists("k".into()),
        SignError::InvalidLabel("/".into()),
        SignError::NotACertificateAuthority("k".into()),
        SignError::InvalidSubject("x".into()),
        SignError::InvalidKeyFile("x".into()),
        SignError::UnsupportedVersion(9),
        SignError::Certificate("x".into()),
        SignError::InvalidPdf("x".into()),
        SignError::InvalidOptions("x".into()),
        SignError::SignatureTooLarge {
            needed: 2,
            reserved: 1,
        },
        SignError::Cms("x".into()),
        SignError::KdfTooWeak {
            m_cost_kib: 8,
            t_cost: 1,
        },
        SignError::Io(std::io::Error::other("x")),
    ];
    for err in all {
        let (key, _) = crate::AppError::from(err).reason();
        assert!(lookup(ERRORS, key).is_some(), "{key} has no text");
    }
}

/// Every `Reason::new("key", …)` in the crate's sources names a key of the catalog.
#[test]
fn every_reason_a_use_case_gives_has_its_text() {
    fn walk(dir: &std::path::Path, keys: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, keys);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("messages/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("Reason::new(") {
                    let rest = text[at + 12..].trim_start();
                    if let Some(lit) = rest.strip_prefix('"') {
                        keys.push(lit[..lit.find('"').unwrap()].to_owned());
                    }
                }
            }
        }
    }
    let mut keys = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut keys,
    );
    assert!(keys.len() > 15, "the scan found too few reasons: {keys:?}");
    for key in keys {
        assert!(lookup(ERRORS, &key).is_some(), "{key} has no text");
    }
}

#[test]
fn a_refusal_reads_in_kazakh_with_its_values() {
    let err = crate::AppError::Refused(Reason::new(
        "signed_already",
        vec![
            ("signer", "Ә. Сейітов (mvd/minister)".into()),
            ("id", "7".into()),
        ],
        "Ә. Сейітов (mvd/minister) has signed memorandum 7 already",
    ));
    let api = err.to_api();
    assert_eq!(api.reason, "signed_already");
    assert_eq!(api.params.get("id").map(String::as_str), Some("7"));
    assert_eq!(
        api.text.kk,
        "Ә. Сейітов (mvd/minister) № 7 меморандумға қол қойып қойған"
    );
    assert!(api.message.contains("has signed memorandum 7 already"));
}

#[test]
fn a_workflow_refusal_reads_in_kazakh_without_an_english_word() {
    use kelisim_core::workflow::{Action, Status};
    for from in Status::ALL {
        for action in [
            Action::Edit,
            Action::Approve,
            Action::Reopen,
            Action::Sign,
            Action::CompleteSigning,
            Action::Archive,
        ] {
            let params = vec![
                ("id", "7".to_owned()),
                ("action", action.as_str().to_owned()),
                ("status", from.as_str().to_owned()),
            ];
            let text = localized("workflow_refused", &params, "fallback");
            for (tag, sentence) in [("kk", &text.kk), ("ru", &text.ru)] {
                assert!(
                    !sentence.chars().any(|c| c.is_ascii_alphabetic()),
                    "{tag}: {sentence}"
                );
            }
            let en = |table, value| lookup(table, value).unwrap()[2];
            assert!(
                text.en.contains(en(ACTION_WORDS, action.as_str()))
                    && text.en.contains(en(STATUS_WORDS, from.as_str())),
                "{}",
                text.en
            );
        }
    }
    let params = vec![
        ("id", "3".to_owned()),
        ("action", "approve".to_owned()),
        ("status", "signed".to_owned()),
    ];
    let text = localized("workflow_refused", &params, "");
    assert_eq!(
        text.kk,
        "№ 3 меморандум: «қол қойылған» күйінде «бекіту» әрекетіне рұқсат жоқ"
    );
    assert_eq!(
        text.ru,
        "Меморандум № 3: в состоянии «подписан» действие «утверждение» не разрешено"
    );
}

#[test]
fn every_status_and_action_has_its_words() {
    use kelisim_core::workflow::{Action, Status};
    for s in Status::ALL {
        assert!(lookup(STATUS_WORDS, s.as_str()).is_some(), "{}", s.as_str());
    }
    for a in [
        Action::Edit,
        Action::Approve,
        Action::Reopen,
        Action::Sign,
        Action::CompleteSigning,
        Action::Archive,
    ] {
        assert!(lookup(ACTION_WORDS, a.as_str()).is_some(), "{}", a.as_str());
    }
}
