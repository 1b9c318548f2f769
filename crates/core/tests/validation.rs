//! Validation of whole documents: every problem at once, each at its JSON path.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use kelisim_core::validate::{parse, MAX_BYTES, MAX_CLAUSES};
use kelisim_core::{Language, Memorandum};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("fixtures/youth-volunteering.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

/// (path, code) of every problem, in order.
fn problems(doc: &Value) -> Vec<(String, &'static str)> {
    match parse(&doc.to_string()) {
        Ok(_) => vec![],
        Err(problems) => problems.into_iter().map(|p| (p.path, p.code)).collect(),
    }
}

#[test]
fn the_shared_example_is_valid_and_round_trips() {
    let memo = parse(EXAMPLE).unwrap();
    assert_eq!(memo.languages, vec![Language::Kk, Language::Ru]);
    assert_eq!(
        memo.parties[0].bin.as_ref().unwrap().as_str(),
        "980310005674"
    );
    // Serialising the typed model gives back the same canonical document.
    let original = kelisim_core::canonical::canonicalize(&example()).unwrap();
    assert_eq!(memo.canonical_json(), original);
    assert!(memo.content_hash().starts_with("sha256:"));
    assert_eq!(memo.content_hash().len(), "sha256:".len() + 64);
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let mut doc = example();
    doc["languages"] = json!(["kk", "ru", "de"]);
    doc["layout"] = json!("columns");
    doc["title"]["kk"] = json!("  ");
    doc["date"] = json!("2026-02-30");
    doc["colour"] = json!("blue");
    doc["variables"] = json!({ "forum": { "kk": "Форум", "ru": "Форум" } });
    doc["parties"][0]["bin"] = json!("980310005675");
    doc["parties"][1]["id"] = json!("ministry");
    doc["parties"][1]["signatories"] = json!([]);
    doc["sections"][1]["clauses"][0]["text"] =
        json!({ "kk": "{{party.nobody.name}} және {{year}}" });
    let got = problems(&doc);
    let want: Vec<(String, &str)> = [
        ("colour", "unknown_field"),
        ("languages[2]", "unknown_language"),
        ("title.kk", "empty_text"),
        ("date", "bad_date"),
        ("parties[0].bin", "bad_bin"),
        ("parties[1].id", "duplicate_id"),
        ("parties[1].signatories", "no_signatories"),
        ("sections[1].clauses[0].text.ru", "missing_translation"),
        ("layout", "unknown_layout"),
        // The second party lost its id "fund", so the preamble's {{party.fund.name}} dangles.
        ("preamble.kk", "unknown_party"),
        ("preamble.ru", "unknown_party"),
        ("sections[1].clauses[0].text.kk", "unknown_party"),
        ("sections[1].clauses[0].text.kk", "unknown_variable"),
        ("variables.forum", "unused_variable"),
    ]
    .into_iter()
    .map(|(p, c)| (p.to_owned(), c))
    .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want;
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted, "got {got:#?}");
}

#[test]
fn messages_are_plain_and_name_what_is_wrong() {
    let mut doc = example();
    doc["parties"][0]["bin"] = json!("980310005675");
    let err = parse(&doc.to_string()).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].to_string(),
        "parties[0].bin: \"980310005675\" is not a valid BIN: the check digit is 5, but the first 11 digits require 4"
    );
}

#[test]
fn malformed_json_names_its_line_and_column() {
    let text = "{\n  \"format\": \"kelisim.memorandum/1\",\n  \"languages\": [\"kk\" \"ru\"]\n}";
    let err = parse(text).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code, "malformed_json");
    assert_eq!((err[0].line, err[0].column), (Some(3), Some(22)));
    assert!(
        err[0]
            .message
            .starts_with("malformed JSON at line 3, column 22"),
        "{}",
        err[0].message
    );
}

#[test]
fn a_translation_in_an_undeclared_language_and_a_single_layout_with_two_languages() {
    let mut doc = example();
    doc["layout"] = json!("single");
    doc["place"]["en"] = json!("Astana");
    let got = problems(&doc);
    assert!(
        got.contains(&("layout".into(), "layout_languages")),
        "{got:?}"
    );
    assert!(
        got.contains(&("place.en".into(), "undeclared_language")),
        "{got:?}"
    );
}

#[test]
fn party_placeholders_need_the_field_to_exist() {
    let mut doc = example();
    doc["preamble"]["ru"] = json!("{{party.fund.address}} и {{party.fund.phone}}");
    let got = problems(&doc);
    assert_eq!(
        got,
        vec![
            ("preamble.ru".into(), "missing_party_field"),
            ("preamble.ru".into(), "unknown_party_field")
        ]
    );
}

#[test]
fn a_document_over_20_mb_is_refused_before_parsing() {
    let huge = " ".repeat(MAX_BYTES + 1);
    let err = parse(&huge).unwrap_err();
    assert_eq!(err[0].code, "too_large");
}

#[test]
fn a_document_over_50000_clauses_is_refused_without_reading_past_the_limit() {
    let mut doc = example();
    let clause = json!({ "text": { "kk": "а", "ru": "а" } });
    // Every clause past the limit is broken: had the walk gone on, each would be reported.
    let broken = json!({ "text": { "kk": "а" }, "colour": "red" });
    let mut clauses = vec![clause; MAX_CLAUSES];
    clauses.extend(std::iter::repeat_n(broken, 1000));
    doc["sections"][0]["clauses"] = Value::Array(clauses);
    // And so is every section after the one that went over.
    doc["sections"][1]["heading"] = json!({ "kk": "" });
    let err = parse(&doc.to_string()).unwrap_err();
    let codes: Vec<(&str, &str)> = err.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(codes, vec![("sections", "too_many_clauses")]);
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = parse(&text).unwrap_err();
    assert_eq!(err[0].code, "malformed_json");
}

#[test]
fn typed_model_rejects_unknown_fields_too() {
    let mut doc = example();
    doc["sections"][0]["clauses"][0]["note"] = json!("x");
    assert!(serde_json::from_value::<Memorandum>(doc.clone()).is_err());
    assert_eq!(
        problems(&doc),
        vec![("sections[0].clauses[0].note".into(), "unknown_field")]
    );
}
