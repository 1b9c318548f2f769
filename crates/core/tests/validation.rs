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

// ---- kelisim.memorandum/2 ----

const V2: &str = include_str!("fixtures/v2-amendment.json");

fn v2() -> Value {
    serde_json::from_str(V2).unwrap()
}

/// The problems of `doc` after `change`, as (path, code).
fn after(change: impl FnOnce(&mut Value)) -> Vec<(String, &'static str)> {
    let mut doc = v2();
    change(&mut doc);
    problems(&doc)
}

fn one(path: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(path.to_owned(), code)]
}

#[test]
fn a_v2_document_with_every_field_is_valid_and_round_trips() {
    let memo = parse(V2).unwrap();
    assert_eq!(memo.format, kelisim_core::Format::V2);
    assert_eq!(memo.annexes.len(), 2);
    assert!(!memo.fits_v1());
    let original = kelisim_core::canonical::canonicalize(&v2()).unwrap();
    assert_eq!(memo.canonical_json(), original);
    // Parsing the canonical text again gives the same document and hash.
    let again = parse(&memo.canonical_json()).unwrap();
    assert_eq!(again, memo);
    assert_eq!(again.content_hash(), memo.content_hash());
}

#[test]
fn a_v1_document_carrying_a_v2_field_needs_v2_at_that_field() {
    let got = after(|d| d["format"] = json!("kelisim.memorandum/1"));
    for path in [
        "parties[0].signatories[1].authority",
        "parties[1].signatories[0].authority",
        "annexes",
        "term",
        "registration",
        "amends",
        "preamble.kk",
        "sections[1].clauses[0].text.ru",
    ] {
        assert!(
            got.contains(&(path.to_owned(), "needs_v2")),
            "{path}: {got:?}"
        );
    }
    assert!(got.iter().all(|(_, code)| *code == "needs_v2"), "{got:?}");
    let mut doc = example();
    doc["term"] =
        json!({ "starts": { "on": "last_signature" }, "duration": { "kind": "indefinite" } });
    assert_eq!(problems(&doc), one("term", "needs_v2"));
}

#[test]
fn a_v1_document_with_one_party_stays_valid_but_v2_needs_two() {
    let mut doc = example();
    doc["parties"].as_array_mut().unwrap().pop();
    doc["preamble"] = json!({ "kk": "{{party.ministry.name}}", "ru": "{{party.ministry.name}}" });
    assert_eq!(problems(&doc), vec![]);
    doc["format"] = json!("kelisim.memorandum/2");
    assert_eq!(problems(&doc), one("parties", "too_few_parties"));
}

#[test]
fn an_authority_is_checked_by_its_kind() {
    let sig = "parties[0].signatories[1].authority";
    let set = |d: &mut Value, v: Value| d["parties"][0]["signatories"][1]["authority"] = v;
    assert_eq!(
        after(|d| set(d, json!({ "kind": "other", "text": { "ru": "по Уставу" } }))),
        one(&format!("{sig}.text.kk"), "missing_translation")
    );
    assert_eq!(
        after(|d| set(
            d,
            json!({ "kind": "power_of_attorney", "number": " ", "date": "2026-09-01" })
        )),
        one(&format!("{sig}.number"), "empty_number")
    );
    let long = "1".repeat(65);
    assert_eq!(
        after(|d| set(
            d,
            json!({ "kind": "power_of_attorney", "number": long, "date": "2026-09-01" })
        )),
        one(&format!("{sig}.number"), "number_too_long")
    );
    assert_eq!(
        after(|d| set(
            d,
            json!({ "kind": "power_of_attorney", "number": "12", "date": "2026-09-16" })
        )),
        one(&format!("{sig}.date"), "authority_after_date")
    );
    assert_eq!(
        after(|d| set(
            d,
            json!({ "kind": "power_of_attorney", "number": "12", "date": "2026-13-01" })
        )),
        one(&format!("{sig}.date"), "bad_date")
    );
    assert_eq!(
        after(|d| set(d, json!({ "kind": "power_of_attorney", "number": "12" }))),
        one(&format!("{sig}.date"), "missing_field")
    );
    assert_eq!(
        after(|d| set(d, json!({ "kind": "deputy" }))),
        one(&format!("{sig}.kind"), "unknown_authority_kind")
    );
    assert_eq!(
        after(|d| set(d, json!({ "kind": "acting", "number": "1" }))),
        one(&format!("{sig}.number"), "unknown_field")
    );
}

#[test]
fn annexes_need_unique_ids_titles_and_one_kind_of_content() {
    assert_eq!(
        after(|d| d["annexes"][1]["id"] = json!("plan")),
        vec![
            ("annexes[1].id".to_owned(), "duplicate_id"),
            // {{annex.plan}} still resolves; nothing else breaks.
        ]
    );
    assert_eq!(
        after(|d| d["annexes"][1]["title"] = json!({ "kk": "", "ru": "Контакты" })),
        one("annexes[1].title.kk", "empty_text")
    );
    assert_eq!(
        after(|d| d["annexes"][1]["content"]["table"] = d["annexes"][0]["content"]["table"].clone()),
        one("annexes[1].content", "annex_content")
    );
    assert_eq!(
        after(
            |d| d["annexes"][1]["content"]["clauses"][0]["clauses"][0]["text"] =
                json!({ "kk": "x" })
        ),
        one(
            "annexes[1].content.clauses[0].clauses[0].text.ru",
            "missing_translation"
        )
    );
    assert_eq!(
        after(|d| d["annexes"][0]["id"] = json!("План")),
        vec![
            ("annexes[0].id".to_owned(), "bad_id"),
            ("sections[1].clauses[3].text.kk".to_owned(), "unknown_annex"),
            ("sections[1].clauses[3].text.ru".to_owned(), "unknown_annex"),
        ]
    );
}

#[test]
fn a_table_row_with_a_missing_cell_is_reported_at_the_row() {
    let table = "annexes[0].content.table";
    assert_eq!(
        after(|d| {
            d["annexes"][0]["content"]["table"]["rows"][1]
                .as_array_mut()
                .unwrap()
                .pop();
        }),
        one(&format!("{table}.rows[1]"), "row_cells")
    );
    assert_eq!(
        after(|d| d["annexes"][0]["content"]["table"]["rows"][0][2] = json!({ "kk": "қараша" })),
        one(&format!("{table}.rows[0][2].ru"), "missing_translation")
    );
    assert_eq!(
        after(|d| d["annexes"][0]["content"]["table"]["columns"][1]["width"] = json!(101)),
        one(&format!("{table}.columns[1].width"), "bad_width")
    );
    assert_eq!(
        after(|d| d["annexes"][0]["content"]["table"]["columns"][1]["width"] = json!(0)),
        one(&format!("{table}.columns[1].width"), "bad_width")
    );
    let columns: Vec<Value> = (0..13)
        .map(|_| json!({ "heading": { "kk": "a", "ru": "a" } }))
        .collect();
    let rows: Vec<Value> = (0..2)
        .map(|_| json!(vec![json!({ "kk": "", "ru": "" }); 13]))
        .collect();
    assert_eq!(
        after(|d| d["annexes"][0]["content"]["table"] = json!({ "columns": columns, "rows": rows })),
        one(&format!("{table}.columns"), "table_columns")
    );
    let row = json!(vec![json!({ "kk": "", "ru": "" }); 4]);
    let rows = vec![row; 5001];
    assert_eq!(
        after(|d| d["annexes"][0]["content"]["table"]["rows"] = json!(rows)),
        one(&format!("{table}.rows"), "too_many_rows")
    );
}

#[test]
fn a_term_that_ends_before_it_starts_is_refused() {
    let until = |date: &str| json!({ "kind": "until", "date": date });
    assert_eq!(
        after(|d| {
            d["term"]["duration"] = until("2026-09-30");
            d["term"].as_object_mut().unwrap().remove("renewal");
            d["sections"][1]["clauses"][3]["text"] =
                json!({ "kk": "{{annex.plan}}", "ru": "{{annex.plan}}" });
        }),
        one("term.duration.date", "term_ends_before_start")
    );
    let got = after(|d| d["term"]["duration"] = until("2026-09-01"));
    assert!(
        got.contains(&("term.duration.date".to_owned(), "term_ends_before_date")),
        "{got:?}"
    );
    assert!(
        got.contains(&("term.duration.date".to_owned(), "term_ends_before_start")),
        "{got:?}"
    );
    assert_eq!(
        after(|d| d["term"]["duration"]["years"] = json!(100)),
        one("term.duration.years", "bad_term_years")
    );
    assert_eq!(
        after(|d| d["term"]["duration"]["years"] = json!(0)),
        one("term.duration.years", "bad_term_years")
    );
    assert_eq!(
        after(|d| d["term"]["starts"] = json!({ "on": "approval" })),
        one("term.starts.on", "unknown_term_start")
    );
    assert_eq!(
        after(|d| d["term"]["duration"] = json!({ "kind": "forever" })),
        one("term.duration.kind", "unknown_duration_kind")
    );
}

#[test]
fn a_renewal_needs_sane_years_and_a_notice_shorter_than_the_term() {
    assert_eq!(
        after(|d| d["term"]["renewal"]["years"] = json!(0)),
        one("term.renewal.years", "bad_renewal_years")
    );
    assert_eq!(
        after(|d| d["term"]["renewal"]["notice_days"] = json!(3651)),
        one("term.renewal.notice_days", "bad_notice_days")
    );
    assert_eq!(
        after(|d| {
            d["term"]["duration"]["years"] = json!(1);
            d["term"]["renewal"]["notice_days"] = json!(365);
        }),
        one("term.renewal.notice_days", "notice_too_long")
    );
    assert_eq!(
        after(|d| d["term"]["renewal"]["notice_days"] = json!("30")),
        one("term.renewal.notice_days", "wrong_type")
    );
}

#[test]
fn registration_and_amends_are_checked_field_by_field() {
    assert_eq!(
        after(|d| d["registration"]["number"] = json!("02-15\n123")),
        one("registration.number", "number_control_character")
    );
    assert_eq!(
        after(|d| d["registration"]["date"] = json!("20.09.2026")),
        one("registration.date", "bad_date")
    );
    assert_eq!(
        after(|d| d["amends"]["content_hash"] = json!(format!("sha256:{}", "A".repeat(64)))),
        one("amends.content_hash", "bad_content_hash")
    );
    assert_eq!(
        after(|d| d["amends"]["content_hash"] = json!("sha256:abc")),
        one("amends.content_hash", "bad_content_hash")
    );
    assert_eq!(
        after(|d| d["amends"]["date"] = json!("2026-09-16")),
        one("amends.date", "amends_after_date")
    );
    assert_eq!(
        after(|d| d["amends"]["number"] = json!("")),
        one("amends.number", "empty_number")
    );
    assert_eq!(
        after(|d| d["amends"]["title"] = json!({ "ru": "Меморандум" })),
        one("amends.title.kk", "missing_translation")
    );
}

#[test]
fn v2_placeholders_need_their_target() {
    let got = after(|d| {
        d.as_object_mut().unwrap().remove("amends");
        d["term"].as_object_mut().unwrap().remove("renewal");
    });
    assert_eq!(
        got,
        vec![
            ("preamble.kk".to_owned(), "missing_amends"),
            ("preamble.ru".to_owned(), "missing_amends"),
            (
                "sections[1].clauses[3].text.kk".to_owned(),
                "missing_renewal"
            ),
            (
                "sections[1].clauses[3].text.ru".to_owned(),
                "missing_renewal"
            ),
        ]
    );
    let got = after(|d| {
        d.as_object_mut().unwrap().remove("term");
        d["sections"][0]["clauses"][0]["text"]["ru"] =
            json!("{{term.end}} {{registration.date}} {{party.nobody.signatories}} {{annex.}}");
    });
    let codes: Vec<&str> = got.iter().map(|(_, c)| *c).collect();
    for code in [
        "missing_term",
        "unknown_term_field",
        "unknown_registration_field",
        "unknown_party",
        "bad_placeholder",
    ] {
        assert!(codes.contains(&code), "{code}: {got:?}");
    }
    // A missing registration is not a problem: the number is assigned at approval.
    assert_eq!(
        after(|d| {
            d.as_object_mut().unwrap().remove("registration");
        }),
        vec![]
    );
}

#[test]
fn new_problems_carry_their_params() {
    let mut doc = v2();
    doc["annexes"][0]["content"]["table"]["rows"][1]
        .as_array_mut()
        .unwrap()
        .pop();
    let problems = parse(&doc.to_string()).unwrap_err();
    assert_eq!(problems[0].code, "row_cells");
    assert_eq!(
        problems[0].params,
        vec![("cells", "3".to_owned()), ("columns", "4".to_owned())]
    );
}

#[test]
fn v2_placeholders_resolve_in_each_language() {
    use kelisim_core::placeholder::resolve;
    let memo = parse(V2).unwrap();
    let ru = |t: &str| resolve(&memo, t, Language::Ru);
    let kk = |t: &str| resolve(&memo, t, Language::Kk);
    assert_eq!(ru("{{annex.contacts}}"), "Приложение 2");
    assert_eq!(kk("{{annex.plan}}"), "1-қосымша");
    assert_eq!(ru("{{term.starts}}"), "с 1 октября 2026 года");
    assert_eq!(kk("{{term.starts}}"), "2026 жылғы 1 қазаннан бастап");
    assert_eq!(ru("{{term.duration}}"), "3 (три) года");
    assert_eq!(kk("{{term.duration}}"), "3 (үш) жыл бойы");
    assert_eq!(ru("{{term.notice_days}}"), "30 (тридцать) дней");
    assert_eq!(
        ru("{{term.renewal}}"),
        "Срок действия Меморандума автоматически продлевается на каждые последующие 1 (один) год, \
         если ни одна из Сторон не уведомит письменно другие Стороны о его прекращении не позднее \
         чем за 30 (тридцать) дней до истечения срока его действия."
    );
    assert!(
        kk("{{term.renewal}}").contains("әрбір келесі 1 (бір) жылға автоматты түрде ұзартылады")
    );
    assert_eq!(ru("{{registration.number}}"), "02-15/123");
    assert_eq!(
        ru("{{amends}}"),
        "Меморандуму о сотрудничестве от 10 июня 2025 года № 02-15/101"
    );
    assert_eq!(
        kk("{{amends}}"),
        "2025 жылғы 10 маусымдағы № 02-15/101 ынтымақтастық туралы меморандумға"
    );
    assert_eq!(
        ru("{{party.ministry.signatories}}"),
        "Министр Ж. К. Абенова; вице-министр Б. Б. Бекова, действующий на основании доверенности № 12 от 1 сентября 2026 года"
    );
    assert_eq!(
        kk("{{party.ministry.signatories}}"),
        "Министр Ж. К. Әбенова; 2026 жылғы 1 қыркүйектегі № 12 сенімхат негізінде әрекет ететін вице-министр Б. Б. Бекова"
    );
    assert!(kk("{{party.fund.signatories}}").contains(" міндетін атқарушы "));
    let en = |memo: &Memorandum, t: &str| resolve(memo, t, Language::En);
    let mut open_ended = memo.clone();
    open_ended.term = Some(kelisim_core::Term {
        starts: kelisim_core::TermStart::LastSignature,
        duration: kelisim_core::Duration::Until {
            date: "2029-10-31".parse().unwrap(),
        },
        renewal: None,
    });
    assert_eq!(
        resolve(&open_ended, "{{term.duration}}", Language::Ru),
        "до 31 октября 2029 года включительно"
    );
    assert_eq!(
        resolve(&open_ended, "{{term.duration}}", Language::Kk),
        "2029 жылғы 31 қазанды қоса алғанға дейін"
    );
    assert_eq!(
        resolve(&open_ended, "{{term.starts}}", Language::Ru),
        "со дня подписания его последней из Сторон"
    );
    assert_eq!(
        en(&open_ended, "{{term.duration}}"),
        "until 31 October 2029 inclusive"
    );
    assert_eq!(en(&open_ended, "[{{term.renewal}}]"), "[]");
    open_ended.registration = None;
    assert_eq!(en(&open_ended, "{{registration.number}}"), "________");
}

#[test]
fn a_v1_variable_named_amends_keeps_its_meaning() {
    let mut doc = example();
    doc["variables"] = json!({ "amends": { "kk": "А", "ru": "Б" } });
    doc["preamble"]["ru"] = json!("{{amends}}");
    doc["preamble"]["kk"] = json!("{{amends}}");
    let memo = parse(&doc.to_string()).unwrap();
    assert_eq!(
        kelisim_core::placeholder::resolve(&memo, "{{amends}}", Language::Ru),
        "Б"
    );
}

#[test]
fn annex_clauses_count_against_the_clause_limit() {
    let mut doc = v2();
    let clause = json!({ "text": { "kk": "а", "ru": "а" } });
    // Memorandum::clauses walks the sections only, at every depth.
    let in_sections = parse(V2).unwrap().clauses().len();
    // One clause in the contacts annex already; fill the plan annex up to the limit and past it.
    let room = MAX_CLAUSES - in_sections - 1;
    doc["annexes"][0]["content"] = json!({ "clauses": vec![clause.clone(); room] });
    doc["annexes"][1]["content"]["clauses"][0]["clauses"] = json!([]);
    doc["sections"][0]["clauses"][0]["text"] =
        json!({ "kk": "{{annex.plan}}", "ru": "{{annex.plan}}" });
    assert_eq!(problems(&doc), vec![]);
    doc["annexes"][1]["content"]["clauses"]
        .as_array_mut()
        .unwrap()
        .push(clause);
    assert_eq!(problems(&doc), one("sections", "too_many_clauses"));
}
