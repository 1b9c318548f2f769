//! docs/format.md and docs/memorandum.schema.json kept true: the schema (checked by the
//! `jsonschema` crate, an independent validator) and `kelisim_core::validate` agree on every
//! shipped document and on a set of broken ones, and the rules the schema leaves to the validator
//! are the validator's alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use kelisim_core::templates::TEMPLATES;
use kelisim_core::validate::parse;
use serde_json::{json, Value};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repository().join("docs/memorandum.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::meta::validate(&schema).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

/// What the schema says about `doc`: every error with where it is.
fn schema_errors(schema: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    schema
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn validator_accepts(doc: &Value) -> bool {
    parse(&doc.to_string()).is_ok()
}

/// Every built-in template and every test fixture, with its name.
fn shipped_documents() -> Vec<(String, Value)> {
    let mut docs: Vec<(String, Value)> = TEMPLATES
        .iter()
        .map(|t| (format!("template {}", t.name), t.document().unwrap()))
        .collect();
    let templates_on_disk = std::fs::read_dir(repository().join("crates/core/templates"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("json".as_ref()))
        .count();
    assert_eq!(
        templates_on_disk,
        TEMPLATES.len(),
        "a template file is not built in"
    );
    for entry in std::fs::read_dir(repository().join("crates/core/tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() == Some("json".as_ref()) {
            let text = std::fs::read_to_string(&path).unwrap();
            docs.push((
                path.display().to_string(),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    assert!(docs.len() > TEMPLATES.len(), "no fixture was found");
    docs
}

/// A change that breaks a valid document.
type Breakage = fn(&mut Value);

fn example() -> Value {
    serde_json::from_str(include_str!("fixtures/youth-volunteering.json")).unwrap()
}

#[test]
fn every_template_and_fixture_passes_both_the_schema_and_the_validator() {
    let schema = schema();
    for (name, doc) in shipped_documents() {
        assert_eq!(schema_errors(&schema, &doc), Vec::<String>::new(), "{name}");
        assert!(
            validator_accepts(&doc),
            "{name}: {:?}",
            parse(&doc.to_string()).err()
        );
    }
}

#[test]
fn broken_documents_are_refused_by_both_the_schema_and_the_validator() {
    let schema = schema();
    let cases: &[(&str, Breakage)] = &[
        ("an unknown top-level field", |d| {
            d["colour"] = json!("blue")
        }),
        ("an unknown field in a party", |d| {
            d["parties"][0]["website"] = json!("x")
        }),
        ("an unknown field in a signatory", |d| {
            d["parties"][0]["signatories"][0]["email"] = json!("a@b")
        }),
        ("an unknown field in a clause", |d| {
            d["sections"][0]["clauses"][0]["number"] = json!("1.1")
        }),
        ("another format tag", |d| {
            d["format"] = json!("kelisim.memorandum/3")
        }),
        ("a language Kelisim does not support", |d| {
            d["languages"] = json!(["kk", "de"])
        }),
        ("a language listed twice", |d| {
            d["languages"] = json!(["kk", "kk"])
        }),
        ("no languages", |d| d["languages"] = json!([])),
        ("a text keyed by an unsupported language", |d| {
            d["title"]["de"] = json!("Titel")
        }),
        ("a layout that does not exist", |d| {
            d["layout"] = json!("columns")
        }),
        ("the single layout with two languages", |d| {
            d["layout"] = json!("single")
        }),
        ("the parallel layout with one language", |d| {
            d["languages"] = json!(["ru"]);
            d["layout"] = json!("parallel");
        }),
        ("no title", |d| {
            d.as_object_mut().unwrap().remove("title");
        }),
        ("no sections", |d| {
            d.as_object_mut().unwrap().remove("sections");
        }),
        ("an empty list of sections", |d| d["sections"] = json!([])),
        ("an empty list of parties", |d| d["parties"] = json!([])),
        ("a party without signatories", |d| {
            d["parties"][0]["signatories"] = json!([])
        }),
        ("a signatory without a position", |d| {
            d["parties"][0]["signatories"][0]
                .as_object_mut()
                .unwrap()
                .remove("position");
        }),
        ("a date not written YYYY-MM-DD", |d| {
            d["date"] = json!("06.10.2026")
        }),
        ("a year before 1900", |d| d["date"] = json!("1899-12-31")),
        ("a party id in capitals", |d| {
            d["parties"][0]["id"] = json!("MINISTRY")
        }),
        ("a party kind that does not exist", |d| {
            d["parties"][0]["kind"] = json!("bank")
        }),
        ("a BIN of 11 digits", |d| {
            d["parties"][0]["bin"] = json!("98031000567")
        }),
        ("a blank text", |d| d["title"]["kk"] = json!("   ")),
        ("a clause text that is a number", |d| {
            d["sections"][0]["clauses"][0]["text"]["kk"] = json!(7)
        }),
        ("a variable name with a capital", |d| {
            d["variables"] = json!({ "Forum": { "kk": "Форум", "ru": "Форум" } })
        }),
        ("a placeholder inside a variable", |d| {
            d["variables"] = json!({ "forum": { "kk": "{{year}}", "ru": "Форум" } })
        }),
        ("a document that is not an object", |d| {
            *d = json!(["kelisim.memorandum/1"])
        }),
    ];
    for (what, break_it) in cases {
        let mut doc = example();
        break_it(&mut doc);
        assert!(
            !schema_errors(&schema, &doc).is_empty(),
            "the schema accepts {what}"
        );
        assert!(!validator_accepts(&doc), "the validator accepts {what}");
    }
}

/// The rules docs/format.md lists as the validator's: the schema cannot relate one field to
/// another, so it accepts these documents and only the validator refuses them. If the schema
/// learns one of them, move the case to the test above.
#[test]
fn rules_between_fields_are_enforced_by_the_validator_alone() {
    let schema = schema();
    let cases: &[(&str, &str, Breakage)] = &[
        (
            "missing_translation",
            "a text without a declared language",
            |d| {
                d["title"].as_object_mut().unwrap().remove("ru");
            },
        ),
        (
            "undeclared_language",
            "a text in an undeclared language",
            |d| d["title"]["en"] = json!("Memorandum"),
        ),
        ("bad_bin", "a BIN with a wrong check digit", |d| {
            d["parties"][0]["bin"] = json!("980310005675")
        }),
        ("duplicate_bin", "two parties with one BIN", |d| {
            d["parties"][1]["bin"] = d["parties"][0]["bin"].clone()
        }),
        ("bad_date", "a day that does not exist", |d| {
            d["date"] = json!("2026-02-30")
        }),
        ("duplicate_id", "two parties with one id", |d| {
            d["parties"][1]["id"] = d["parties"][0]["id"].clone()
        }),
        (
            "unknown_variable",
            "a placeholder naming no variable",
            |d| d["preamble"]["kk"] = json!("{{forum}}"),
        ),
        ("unused_variable", "a variable nothing uses", |d| {
            d["variables"] = json!({ "forum": { "kk": "Форум", "ru": "Форум" } })
        }),
        ("unknown_party", "a placeholder naming no party", |d| {
            d["preamble"]["ru"] = json!("{{party.nobody.name}}")
        }),
        ("unbalanced_markup", "an odd number of **", |d| {
            d["preamble"]["ru"] = json!("**жирный")
        }),
    ];
    for (code, what, break_it) in cases {
        let mut doc = example();
        break_it(&mut doc);
        assert_eq!(
            schema_errors(&schema, &doc),
            Vec::<String>::new(),
            "the schema now refuses {what}: move it to the other test"
        );
        let codes: Vec<&str> = match parse(&doc.to_string()) {
            Ok(_) => vec![],
            Err(problems) => problems.iter().map(|p| p.code).collect(),
        };
        assert!(codes.contains(code), "{what}: {codes:?}");
    }
}

#[test]
fn empty_optional_members_are_left_out_of_the_canonical_form_and_the_content_hash() {
    let plain = parse(&example().to_string()).unwrap();
    let mut spelled_out = example();
    spelled_out["variables"] = json!({});
    spelled_out["sections"][0]["clauses"][0]["clauses"] = json!([]);
    let spelled_out = parse(&spelled_out.to_string()).unwrap();
    assert_eq!(spelled_out.content_hash(), plain.content_hash());
    assert!(!plain.canonical_json().contains("\"variables\""));
    // A section's clauses are always written, even when there are none.
    let mut no_clauses = example();
    no_clauses["sections"][0]["clauses"] = json!([]);
    let no_clauses = parse(&no_clauses.to_string()).unwrap();
    assert!(no_clauses.canonical_json().contains("\"clauses\":[]"));
}

fn v2_example() -> Value {
    serde_json::from_str(include_str!("fixtures/v2-amendment.json")).unwrap()
}

/// Breaks the `/2` example in ways both the schema and the validator refuse.
#[test]
fn broken_v2_fields_are_refused_by_both_the_schema_and_the_validator() {
    let schema = schema();
    let cases: &[(&str, Breakage)] = &[
        ("a /2 field in a /1 document", |d| {
            d["format"] = json!("kelisim.memorandum/1")
        }),
        ("a /2 document with one party", |d| {
            d["parties"].as_array_mut().unwrap().pop();
        }),
        ("an authority of an unknown kind", |d| {
            d["parties"][0]["signatories"][1]["authority"] = json!({ "kind": "deputy" })
        }),
        ("a power of attorney without a number", |d| {
            d["parties"][0]["signatories"][1]["authority"] =
                json!({ "kind": "power_of_attorney", "date": "2026-09-01" })
        }),
        ("a power of attorney number of 65 characters", |d| {
            d["parties"][0]["signatories"][1]["authority"]["number"] = json!("1".repeat(65))
        }),
        ("an annex with both clauses and a table", |d| {
            d["annexes"][1]["content"]["table"] = d["annexes"][0]["content"]["table"].clone()
        }),
        ("a table of 13 columns", |d| {
            let column = d["annexes"][0]["content"]["table"]["columns"][0].clone();
            d["annexes"][0]["content"]["table"]["columns"] = json!(vec![column; 13]);
        }),
        ("a column width of 0", |d| {
            d["annexes"][0]["content"]["table"]["columns"][0]["width"] = json!(0)
        }),
        ("a term of 100 years", |d| {
            d["term"]["duration"]["years"] = json!(100)
        }),
        ("a term starting on approval", |d| {
            d["term"]["starts"] = json!({ "on": "approval" })
        }),
        ("a notice of 3651 days", |d| {
            d["term"]["renewal"]["notice_days"] = json!(3651)
        }),
        ("a registration number with a line break", |d| {
            d["registration"]["number"] = json!("02-15\n123")
        }),
        ("an amended memorandum's hash in capitals", |d| {
            d["amends"]["content_hash"] = json!(format!("sha256:{}", "A".repeat(64)))
        }),
    ];
    for (what, break_it) in cases {
        let mut doc = v2_example();
        break_it(&mut doc);
        assert!(
            !schema_errors(&schema, &doc).is_empty(),
            "the schema accepts {what}"
        );
        assert!(!validator_accepts(&doc), "the validator accepts {what}");
    }
}

/// The `/2` rules that relate fields, which only the validator knows.
#[test]
fn v2_rules_between_fields_are_enforced_by_the_validator_alone() {
    let schema = schema();
    let cases: &[(&str, &str, Breakage)] = &[
        ("row_cells", "a table row with a missing cell", |d| {
            d["annexes"][0]["content"]["table"]["rows"][1]
                .as_array_mut()
                .unwrap()
                .pop();
        }),
        ("duplicate_id", "two annexes with one id", |d| {
            d["annexes"][1]["id"] = json!("plan")
        }),
        (
            "term_ends_before_start",
            "a term that ends before it starts",
            |d| d["term"]["duration"] = json!({ "kind": "until", "date": "2026-09-30" }),
        ),
        ("notice_too_long", "a notice as long as the term", |d| {
            d["term"]["renewal"]["notice_days"] = json!(3 * 365)
        }),
        (
            "authority_after_date",
            "a power of attorney dated later",
            |d| d["parties"][0]["signatories"][1]["authority"]["date"] = json!("2026-12-01"),
        ),
        ("unknown_annex", "a placeholder naming no annex", |d| {
            d["preamble"]["ru"] = json!("{{annex.nothing}}")
        }),
        ("missing_amends", "{{amends}} without amends", |d| {
            d.as_object_mut().unwrap().remove("amends");
        }),
    ];
    for (code, what, break_it) in cases {
        let mut doc = v2_example();
        break_it(&mut doc);
        assert_eq!(
            schema_errors(&schema, &doc),
            Vec::<String>::new(),
            "the schema now refuses {what}: move it to the other test"
        );
        let codes: Vec<&str> = match parse(&doc.to_string()) {
            Ok(_) => vec![],
            Err(problems) => problems.iter().map(|p| p.code).collect(),
        };
        assert!(codes.contains(code), "{what}: {codes:?}");
    }
}

/// Every JSON example in docs/format.md is a valid fragment: each ```json block that is a whole
/// document passes both checks, and each field example, put into the /2 example, too.
#[test]
fn the_json_examples_in_format_md_are_valid() {
    let schema = schema();
    let text = std::fs::read_to_string(repository().join("docs/format.md")).unwrap();
    let blocks: Vec<&str> = text
        .split("```json\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    let mut fields = 0;
    for block in blocks {
        let value: Value = serde_json::from_str(block)
            .unwrap_or_else(|e| panic!("a json block in format.md does not parse: {e}\n{block}"));
        let Some(map) = value.as_object() else {
            continue;
        };
        let mut doc = v2_example();
        if map.contains_key("format") {
            doc = value.clone();
        } else {
            for (key, v) in map {
                if key == "authority" {
                    doc["parties"][0]["signatories"][1]["authority"] = v.clone();
                } else {
                    doc[key] = v.clone();
                }
            }
            fields += 1;
        }
        assert_eq!(
            schema_errors(&schema, &doc),
            Vec::<String>::new(),
            "{block}"
        );
        assert!(
            validator_accepts(&doc),
            "{block}: {:?}",
            parse(&doc.to_string()).err()
        );
    }
    assert!(fields >= 5, "format.md shows an example of each /2 field");
}
