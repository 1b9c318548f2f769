//! `memo set`, `memo party|signatory|annex|language` and `memo flags`, run as a user would.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

mod common;

use std::path::Path;

use common::{code, fixture, kelisim};
use serde_json::Value;

fn json(data: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let out = kelisim(data, &args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn document(data: &Path, id: &str) -> Value {
    serde_json::from_slice(&kelisim(data, &["memo", "document", id]).stdout).unwrap()
}

/// A data folder holding the fixture as memorandum 1.
fn draft() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let created = json(dir.path(), &["memo", "import", &fixture()]);
    (dir, created["memorandum"]["id"].to_string())
}

fn error(out: &std::process::Output) -> Value {
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"].clone()
}

#[test]
fn memo_set_takes_strings_and_raw_json_in_one_revision() {
    let (dir, id) = draft();
    let d = dir.path();
    let saved = json(
        d,
        &[
            "memo",
            "set",
            &id,
            "parties[1].name.ru=Фонд, «Жастар»",
            "parties[0].address:={\"kk\":\"Астана\",\"ru\":\"Астана\"}",
        ],
    );
    assert_eq!(saved["currentRevision"], 2);
    let doc = document(d, &id);
    assert_eq!(doc["format"], "kelisim.memorandum/2");
    assert_eq!(doc["parties"][1]["name"]["ru"], "Фонд, «Жастар»");
    assert_eq!(doc["parties"][0]["address"]["kk"], "Астана");

    let out = kelisim(d, &["memo", "set", &id, "parties[0].bin=123", "--json"]);
    assert_eq!(code(&out), 1, "{out:?}");
    let err = error(&out);
    assert_eq!(err["code"], "validation_failed");
    assert_eq!(err["problems"][0]["path"], "parties[0].bin");
    let out = kelisim(d, &["memo", "set", &id, "title.ru:={oops", "--json"]);
    assert_eq!(error(&out)["code"], "invalid_input");
    let out = kelisim(d, &["memo", "set", &id, "no-equals-sign"]);
    assert_ne!(code(&out), 0);
    assert_eq!(
        json(d, &["memo", "show", &id])["summary"]["currentRevision"],
        2
    );
}

#[test]
fn memo_party_and_signatory_add_and_remove() {
    let (dir, id) = draft();
    let d = dir.path();
    json(
        d,
        &[
            "memo",
            "party",
            "add",
            &id,
            "--kind",
            "state_body",
            "--name",
            "kk=Астана қаласының әкімдігі,ru=Акимат города Астаны",
            "--signatory-name",
            "kk=А. Б. Сәрсенов,ru=А. Б. Сарсенов",
            "--position",
            "kk=Әкім,ru=Аким",
        ],
    );
    let doc = document(d, &id);
    assert_eq!(doc["parties"][2]["id"], "state-body");
    assert_eq!(doc["parties"][2]["name"]["ru"], "Акимат города Астаны");
    let poa = [
        "memo",
        "signatory",
        "add",
        &id,
        "ministry",
        "--name",
        "kk=В. Г.,ru=В. Г.",
        "--position",
        "kk=Вице-министр,ru=Вице-министр",
        "--poa",
        "12:2099-10-01",
        "--json",
    ];
    // A power of attorney dated after the memorandum is refused at its date's path.
    let out = kelisim(d, &poa);
    assert_eq!(code(&out), 1, "{out:?}");
    let err = error(&out);
    assert_eq!(err["code"], "validation_failed", "{err}");
    assert_eq!(
        err["problems"][0]["path"], "parties[0].signatories[1].authority.date",
        "{err}"
    );
    let poa: Vec<&str> = poa
        .iter()
        .map(|a| {
            if *a == "12:2099-10-01" {
                "12:2020-10-01"
            } else {
                a
            }
        })
        .collect();
    let out = kelisim(d, &poa);
    assert!(out.status.success(), "{out:?}");
    let doc = document(d, &id);
    let deputy = &doc["parties"][0]["signatories"][1];
    assert_eq!(deputy["authority"]["kind"], "power_of_attorney", "{doc}");
    assert_eq!(deputy["authority"]["number"], "12");
    assert_eq!(deputy["authority"]["date"], "2020-10-01");
    let sig = deputy["id"].as_str().unwrap().to_owned();
    json(d, &["memo", "signatory", "remove", &id, "ministry", &sig]);
    json(
        d,
        &[
            "memo",
            "signatory",
            "add",
            &id,
            "ministry",
            "--name",
            "kk=В. Г.,ru=В. Г.",
            "--position",
            "kk=Вице-министр,ru=Вице-министр",
        ],
    );
    let doc = document(d, &id);
    let deputy = &doc["parties"][0]["signatories"][1];
    assert_eq!(deputy["name"]["ru"], "В. Г.");
    let sig = deputy["id"].as_str().unwrap().to_owned();
    json(d, &["memo", "signatory", "remove", &id, "ministry", &sig]);
    let out = kelisim(
        d,
        &[
            "memo",
            "signatory",
            "remove",
            &id,
            "ministry",
            "minister",
            "--json",
        ],
    );
    assert_eq!(error(&out)["problems"][0]["code"], "last_signatory");
    json(d, &["memo", "party", "remove", &id, "state-body"]);
    let out = kelisim(d, &["memo", "party", "remove", &id, "fund", "--json"]);
    assert_eq!(error(&out)["problems"][0]["code"], "party_in_use");
    assert_eq!(document(d, &id)["parties"].as_array().unwrap().len(), 2);

    // From the registry: the fund again, under a fresh id.
    let out = kelisim(
        d,
        &[
            "memo",
            "party",
            "add",
            &id,
            "--from-registry",
            "000000000000",
        ],
    );
    assert_eq!(code(&out), 3, "{out:?}");
}

#[test]
fn memo_annex_add_reaches_the_validator_with_its_path() {
    let (dir, id) = draft();
    let d = dir.path();
    let out = kelisim(
        d,
        &[
            "memo",
            "annex",
            "add",
            &id,
            "--title",
            "kk=Жоспар,ru=План",
            "--table",
            r#"[{"kk":"№","ru":"№"},{"heading":{"kk":"Іс-шара","ru":"Мероприятие"},"width":3}]"#,
            "--json",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let doc = document(d, &id);
    assert_eq!(
        doc["annexes"][0]["content"]["table"]["columns"][1]["width"],
        3
    );
    let out = kelisim(
        d,
        &[
            "memo",
            "annex",
            "add",
            &id,
            "--title",
            "kk=Ж,ru=П",
            "--table",
            "nope",
        ],
    );
    assert_ne!(code(&out), 0);
}

#[test]
fn memo_language_add_flags_every_copied_text_until_translated_and_approval_waits() {
    let (dir, id) = draft();
    let d = dir.path();
    json(
        d,
        &["memo", "language", "add", &id, "en", "--copy-from", "ru"],
    );
    let doc = document(d, &id);
    assert_eq!(doc["languages"], serde_json::json!(["kk", "ru", "en"]));
    assert_eq!(doc["title"]["en"], doc["title"]["ru"]);
    let flags = json(d, &["memo", "flags", &id]);
    let flags = flags.as_array().unwrap();
    assert!(flags
        .iter()
        .all(|f| f["reason"] == "new_language" && f["language"] == "en"));
    assert!(flags.iter().any(|f| f["path"] == "title"));

    let out = kelisim(d, &["memo", "approve", &id, "--json"]);
    assert_eq!(code(&out), 1, "{out:?}");
    let err = error(&out);
    assert!(err["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["path"] == "title.en"));

    // Translating the title clears its flag; the others stay, across a new process each time.
    json(
        d,
        &["memo", "set", &id, "title.en=Memorandum of cooperation"],
    );
    let left = json(d, &["memo", "flags", &id]);
    assert_eq!(left.as_array().unwrap().len(), flags.len() - 1);
    assert!(!left
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"] == "title"));

    json(d, &["memo", "language", "remove", &id, "en"]);
    assert!(json(d, &["memo", "flags", &id])
        .as_array()
        .unwrap()
        .is_empty());
    json(d, &["memo", "approve", &id]);
}

#[test]
fn memo_set_on_one_language_flags_the_other_until_dismissed() {
    let (dir, id) = draft();
    let d = dir.path();
    json(
        d,
        &[
            "memo",
            "set",
            &id,
            "preamble.ru=Стороны договорились о нижеследующем.",
        ],
    );
    let flags = json(d, &["memo", "flags", &id]);
    assert_eq!(flags[0]["path"], "preamble");
    assert_eq!(flags[0]["language"], "kk");
    assert_eq!(flags[0]["reason"], "drift");
    assert_eq!(flags[0]["sinceRevision"], 2);
    let shown = json(d, &["memo", "show", &id]);
    assert_eq!(shown["translationFlags"], flags);
    let diff = json(d, &["memo", "diff", &id, "--from", "1", "--to", "2"]);
    assert_eq!(diff["translationFlags"], flags);

    let left = json(d, &["memo", "flags", "dismiss", &id, "preamble", "kk"]);
    assert!(left.as_array().unwrap().is_empty());
    let out = kelisim(
        d,
        &["memo", "flags", "dismiss", &id, "preamble", "kk", "--json"],
    );
    assert_eq!(code(&out), 3);
    let history = String::from_utf8(kelisim(d, &["memo", "history", &id]).stdout).unwrap();
    assert!(history.contains("translation_flag_dismissed"), "{history}");
}

/// `memo pdf --draft` writes a draft PDF of a draft (which has no stored PDF): poppler reads
/// «ПРОЕКТ» and the revision on its first page; `kelisim verify` names it a draft and refuses it.
#[test]
fn memo_pdf_draft_writes_a_marked_pdf_that_does_not_verify() {
    let (dir, id) = draft();
    let data = dir.path();
    let out = dir.path().join("draft.pdf");
    let run = kelisim(
        data,
        &[
            "memo",
            "pdf",
            &id,
            "--draft",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{run:?}");
    let text = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("ПРОЕКТ") && text.contains("DRAFT #1 · "),
        "{text}"
    );
    let verified = kelisim(data, &["verify", out.to_str().unwrap()]);
    assert_ne!(code(&verified), 0);
    assert!(
        String::from_utf8_lossy(&verified.stdout).contains("[agreement_draft]"),
        "{verified:?}"
    );
    // A revision is only chosen for a draft.
    let bad = kelisim(
        data,
        &[
            "memo",
            "pdf",
            &id,
            "--revision",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_ne!(code(&bad), 0);
}
