use serde_json::{json, Value};

use super::*;

fn memo() -> Memorandum {
    crate::parse(include_str!("../../tests/fixtures/youth-volunteering.json")).unwrap()
}

fn edited(edits: &[Edit]) -> Edited {
    apply(&memo(), edits).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn refused(edits: &[Edit]) -> Vec<Problem> {
    apply(&memo(), edits).unwrap_err()
}

fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
    problems.iter().map(|p| (p.path.as_str(), p.code)).collect()
}

fn set(path: &str, value: Value) -> Edit {
    Edit::Set {
        path: path.into(),
        value,
    }
}

/// The document as JSON after edits that the validator of this format does not judge (annexes).
fn value_after(doc: Value, edits: &[Edit]) -> Value {
    apply_to_value(doc, edits)
        .unwrap_or_else(|p| panic!("{p:#?}"))
        .0
}

fn text(kk: &str, ru: &str) -> Value {
    json!({ "kk": kk, "ru": ru })
}

fn party(kind: &str, id: &str) -> Value {
    json!({
        "id": id, "kind": kind, "name": text("Қор", "Фонд"),
        "signatories": [{ "id": "head", "name": text("А. Б.", "А. Б."), "position": text("Төраға", "Председатель") }]
    })
}

fn with_table() -> Value {
    let mut doc = memo().to_value();
    doc["annexes"] = json!([{ "id": "plan", "title": text("Жоспар", "План"), "content": { "table": {
        "columns": [{ "heading": text("№", "№") }, { "heading": text("Іс-шара", "Мероприятие") }],
        "rows": [[text("1", "1"), text("а", "а")], [text("2", "2"), text("б", "б")]]
    }}}]);
    doc
}

#[test]
fn every_apply_marks_the_document_v2_and_a_plain_set_changes_one_text() {
    let mut v1 = memo();
    v1.format = crate::Format::V1;
    let out = apply(&v1, &[set("parties[1].name.ru", json!("Фонд «Жастар»"))]).unwrap();
    assert_eq!(out.memo.format, crate::Format::V2);
    assert_eq!(
        out.memo.parties[1].name[&crate::Language::Ru],
        "Фонд «Жастар»"
    );
    assert_eq!(
        out.memo.parties[1].name[&crate::Language::Kk],
        memo().parties[1].name[&crate::Language::Kk]
    );
    assert!(out.needs_translation.is_empty());
    assert_eq!(apply(&v1, &[]).unwrap().memo.format, crate::Format::V2);
}

#[test]
fn set_creates_missing_optional_objects_and_the_validator_judges_the_result() {
    let out = edited(&[set("parties[0].address", text("Астана", "Астана"))]);
    assert!(out.memo.parties[0].address.is_some());
    let doc = value_after(memo().to_value(), &[set("term.duration.years", json!(3))]);
    assert_eq!(doc["term"]["duration"]["years"], 3);
    // `term` is not known to this validator or lacks `starts`: either way a problem under term.
    let problems = refused(&[set("term.duration.years", json!(3))]);
    assert!(
        problems.iter().all(|p| p.path.starts_with("term")),
        "{problems:#?}"
    );
}

#[test]
fn set_refuses_paths_that_do_not_exist_or_belong_to_an_operation() {
    let p = refused(&[set("parties[5].name.ru", json!("x"))]);
    assert_eq!(codes(&p), [("parties[5]", "no_such_path")]);
    let p = refused(&[set("preface.kk", json!("x"))]);
    assert_eq!(codes(&p), [("preface", "no_such_path")]);
    let p = refused(&[set("parties[1", json!("x"))]);
    assert_eq!(codes(&p), [("parties[1", "bad_path")]);
    let p = refused(&[set("languages", json!(["kk"]))]);
    assert_eq!(codes(&p), [("languages", "use_operation")]);
    let p = refused(&[set("parties[2]", party("ngo", "x"))]);
    assert_eq!(codes(&p), [("parties[2]", "no_such_path")]);
}

#[test]
fn set_reports_what_the_validator_finds_with_its_path() {
    let p = refused(&[set("parties[0].bin", json!("123456789012"))]);
    assert_eq!(codes(&p), [("parties[0].bin", "bad_bin")]);
    let p = refused(&[set("title.ru", json!(""))]);
    assert_eq!(codes(&p), [("title.ru", "empty_text")]);
}

#[test]
fn refusals_of_several_edits_are_all_reported_with_the_edit_they_came_from() {
    let p = refused(&[
        set("nothing.kk", json!("x")),
        Edit::RemoveParty { id: "ghost".into() },
    ]);
    assert_eq!(
        codes(&p),
        [("nothing", "no_such_path"), ("parties", "no_such_id")]
    );
    assert!(p[1].params.contains(&("edit", "1".into())));
}

#[test]
fn remove_takes_optional_fields_and_variables_only() {
    let out = edited(&[Edit::Remove {
        path: "parties[0].short_name".into(),
    }]);
    assert!(out.memo.parties[0].short_name.is_none());
    // Absent already: nothing to do.
    edited(&[Edit::Remove {
        path: "parties[0].address".into(),
    }]);
    let p = refused(&[Edit::Remove {
        path: "parties[0].name".into(),
    }]);
    assert_eq!(codes(&p), [("parties[0].name", "required_field")]);
    let p = refused(&[Edit::Remove {
        path: "parties[0]".into(),
    }]);
    assert_eq!(codes(&p), [("parties[0]", "use_operation")]);
    let mut with_var = memo().to_value();
    with_var["variables"] = json!({ "city": text("Астана", "Астана") });
    let doc = value_after(
        with_var,
        &[Edit::Remove {
            path: "variables.city".into(),
        }],
    );
    assert_eq!(doc["variables"], json!({}));
}

#[test]
fn add_party_chooses_a_fresh_id_from_its_kind_when_empty_or_taken() {
    let out = edited(&[
        Edit::AddParty {
            party: party("ngo", ""),
            at: None,
        },
        Edit::AddParty {
            party: party("ngo", "fund"),
            at: Some(0),
        },
        Edit::AddParty {
            party: party("state_body", "akimat"),
            at: None,
        },
    ]);
    let ids: Vec<&str> = out.memo.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ngo-2", "ministry", "fund", "ngo", "akimat"]);
    let p = refused(&[Edit::AddParty {
        party: party("ngo", "x"),
        at: Some(9),
    }]);
    assert_eq!(codes(&p), [("parties", "bad_position")]);
    let p = refused(&[Edit::AddParty {
        party: json!("a party"),
        at: None,
    }]);
    assert_eq!(codes(&p), [("parties", "wrong_type")]);
    let mut nameless = party("ngo", "");
    nameless.as_object_mut().unwrap().remove("name");
    let p = refused(&[Edit::AddParty {
        party: nameless,
        at: None,
    }]);
    assert_eq!(codes(&p), [("parties[2].name", "missing_field")]);
}

#[test]
fn remove_party_is_refused_while_a_placeholder_names_it() {
    let p = refused(&[Edit::RemoveParty { id: "fund".into() }]);
    assert!(!p.is_empty());
    assert!(p.iter().all(|p| p.code == "party_in_use"), "{p:#?}");
    assert!(p.iter().any(|p| p.path.ends_with(".kk")) && p.iter().any(|p| p.path.ends_with(".ru")));
    let out = edited(&[
        Edit::AddParty {
            party: party("company", "firm"),
            at: None,
        },
        Edit::RemoveParty { id: "firm".into() },
    ]);
    assert_eq!(out.memo.parties.len(), 2);
}

#[test]
fn move_party_reorders_and_refuses_a_position_outside() {
    let out = edited(&[Edit::MoveParty {
        id: "fund".into(),
        to: 0,
    }]);
    assert_eq!(out.memo.parties[0].id.as_str(), "fund");
    let p = refused(&[Edit::MoveParty {
        id: "fund".into(),
        to: 2,
    }]);
    assert_eq!(codes(&p), [("parties", "bad_position")]);
}

#[test]
fn signatories_are_added_moved_and_removed_but_never_the_last() {
    let deputy = json!({ "id": "", "name": text("В. Г.", "В. Г."), "position": text("Орынбасар", "Заместитель"),
        "authority": { "kind": "power_of_attorney", "number": "12", "date": "2026-10-01" } });
    let doc = value_after(
        memo().to_value(),
        &[Edit::AddSignatory {
            party: "ministry".into(),
            signatory: deputy.clone(),
            at: None,
        }],
    );
    assert_eq!(doc["parties"][0]["signatories"][1]["id"], "signatory");
    let plain = json!({ "id": "minister", "name": text("В. Г.", "В. Г."), "position": text("Орынбасар", "Заместитель") });
    let out = edited(&[
        Edit::AddSignatory {
            party: "ministry".into(),
            signatory: plain,
            at: Some(0),
        },
        Edit::MoveSignatory {
            party: "ministry".into(),
            id: "minister".into(),
            to: 0,
        },
        Edit::RemoveSignatory {
            party: "ministry".into(),
            id: "signatory".into(),
        },
    ]);
    let ids: Vec<&str> = out.memo.parties[0]
        .signatories
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["minister"]);
    let p = refused(&[Edit::RemoveSignatory {
        party: "ministry".into(),
        id: "minister".into(),
    }]);
    assert_eq!(codes(&p), [("parties[0].signatories", "last_signatory")]);
    let p = refused(&[Edit::RemoveSignatory {
        party: "nobody".into(),
        id: "minister".into(),
    }]);
    assert_eq!(codes(&p), [("parties", "no_such_id")]);
}

#[test]
fn annexes_are_added_with_fresh_ids_moved_and_removed() {
    let annex = json!({ "id": "", "title": text("Жоспар", "План"), "content": { "clauses": [] } });
    let doc = value_after(
        memo().to_value(),
        &[
            Edit::AddAnnex {
                annex: annex.clone(),
                at: None,
            },
            Edit::AddAnnex {
                annex: annex.clone(),
                at: None,
            },
            Edit::MoveAnnex {
                id: "annex-2".into(),
                to: 0,
            },
        ],
    );
    let ids: Vec<&Value> = doc["annexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["id"])
        .collect();
    assert_eq!(ids, [&json!("annex-2"), &json!("annex")]);
    let doc = value_after(
        doc,
        &[
            Edit::RemoveAnnex { id: "annex".into() },
            Edit::RemoveAnnex {
                id: "annex-2".into(),
            },
        ],
    );
    assert!(
        doc.get("annexes").is_none(),
        "no annexes left: the field goes"
    );
}

#[test]
fn remove_annex_is_refused_while_a_placeholder_names_it() {
    let mut doc = with_table();
    doc["preamble"]["ru"] = json!("см. {{annex.plan}}");
    let p = apply_to_value(doc, &[Edit::RemoveAnnex { id: "plan".into() }]).unwrap_err();
    assert_eq!(codes(&p), [("preamble.ru", "annex_in_use")]);
}

#[test]
fn table_rows_are_added_moved_and_removed() {
    let doc = value_after(
        with_table(),
        &[
            Edit::AddRow {
                annex: "plan".into(),
                row: vec![text("3", "3"), text("в", "в")],
                at: Some(0),
            },
            Edit::MoveRow {
                annex: "plan".into(),
                index: 0,
                to: 2,
            },
            Edit::RemoveRow {
                annex: "plan".into(),
                index: 0,
            },
        ],
    );
    let rows = &doc["annexes"][0]["content"]["table"]["rows"];
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0][0]["ru"], "2");
    assert_eq!(rows[1][0]["ru"], "3");
    let p = apply_to_value(
        with_table(),
        &[Edit::AddRow {
            annex: "plan".into(),
            row: vec![text("x", "x")],
            at: None,
        }],
    )
    .unwrap_err();
    assert_eq!(
        codes(&p),
        [("annexes[0].content.table.rows", "wrong_cell_count")]
    );
    let p = apply_to_value(
        with_table(),
        &[Edit::RemoveRow {
            annex: "plan".into(),
            index: 2,
        }],
    )
    .unwrap_err();
    assert_eq!(
        codes(&p),
        [("annexes[0].content.table.rows", "bad_position")]
    );
}

#[test]
fn table_columns_are_added_with_their_cells_and_removed_but_never_the_last() {
    let column = json!({ "heading": text("Мерзімі", "Срок"), "width": 2 });
    let doc = value_after(
        with_table(),
        &[Edit::AddColumn {
            annex: "plan".into(),
            column: column.clone(),
            cells: None,
            at: Some(1),
        }],
    );
    let table = &doc["annexes"][0]["content"]["table"];
    assert_eq!(table["columns"][1], column);
    assert_eq!(
        table["rows"][1][1],
        text("", ""),
        "empty cells, which the validator names"
    );
    assert_eq!(table["rows"][1][2]["ru"], "б");
    let doc = value_after(
        doc,
        &[
            Edit::RemoveColumn {
                annex: "plan".into(),
                index: 0,
            },
            Edit::RemoveColumn {
                annex: "plan".into(),
                index: 0,
            },
        ],
    );
    let p = apply_to_value(
        doc,
        &[Edit::RemoveColumn {
            annex: "plan".into(),
            index: 0,
        }],
    )
    .unwrap_err();
    assert_eq!(
        codes(&p),
        [("annexes[0].content.table.columns", "last_column")]
    );
    let p = apply_to_value(
        with_table(),
        &[Edit::AddColumn {
            annex: "plan".into(),
            column,
            cells: Some(vec![]),
            at: None,
        }],
    )
    .unwrap_err();
    assert_eq!(
        codes(&p),
        [("annexes[0].content.table.rows", "wrong_cell_count")]
    );
}

#[test]
fn a_table_edit_on_clauses_is_refused() {
    let mut doc = memo().to_value();
    doc["annexes"] = json!([{ "id": "a", "title": text("А", "А"), "content": { "clauses": [] } }]);
    let p = apply_to_value(
        doc,
        &[Edit::RemoveRow {
            annex: "a".into(),
            index: 0,
        }],
    )
    .unwrap_err();
    assert_eq!(codes(&p), [("annexes[0].content", "not_a_table")]);
}

#[test]
fn add_language_copies_every_text_reports_it_and_makes_single_parallel() {
    let out = edited(&[Edit::AddLanguage {
        language: "en".into(),
        copy_from: Some("ru".into()),
    }]);
    let en = crate::Language::En;
    assert_eq!(out.memo.languages.last(), Some(&en));
    assert_eq!(out.memo.title[&en], memo().title[&crate::Language::Ru]);
    let all = texts(&out.memo.to_value());
    assert_eq!(out.needs_translation.len(), all.len());
    assert!(out.needs_translation.contains(&"title.en".to_owned()));
    assert!(out
        .needs_translation
        .contains(&"parties[1].signatories[0].position.en".to_owned()));

    let single = edited(&[Edit::RemoveLanguage {
        language: "kk".into(),
    }]);
    assert_eq!(single.memo.layout, crate::Layout::Single);
    assert!(!single.memo.title.contains_key(&crate::Language::Kk));
    let back = apply(
        &single.memo,
        &[Edit::AddLanguage {
            language: "kk".into(),
            copy_from: None,
        }],
    )
    .unwrap();
    assert_eq!(back.memo.layout, crate::Layout::Parallel);
    assert_eq!(
        back.memo.title[&crate::Language::Kk],
        memo().title[&crate::Language::Ru]
    );
}

#[test]
fn language_edits_refuse_what_cannot_be() {
    let p = refused(&[Edit::AddLanguage {
        language: "ru".into(),
        copy_from: None,
    }]);
    assert_eq!(codes(&p), [("languages", "duplicate_language")]);
    let p = refused(&[Edit::AddLanguage {
        language: "de".into(),
        copy_from: None,
    }]);
    assert_eq!(codes(&p), [("languages", "unknown_language")]);
    let p = refused(&[Edit::AddLanguage {
        language: "en".into(),
        copy_from: Some("en".into()),
    }]);
    assert_eq!(codes(&p), [("languages", "unknown_language")]);
    let p = refused(&[Edit::RemoveLanguage {
        language: "en".into(),
    }]);
    assert_eq!(codes(&p), [("languages", "no_such_language")]);
    let p = refused(&[
        Edit::RemoveLanguage {
            language: "kk".into(),
        },
        Edit::RemoveLanguage {
            language: "ru".into(),
        },
    ]);
    assert_eq!(codes(&p), [("languages", "last_language")]);
}

#[test]
fn set_layout_is_checked_against_the_languages() {
    let out = edited(&[Edit::SetLayout {
        layout: "sequential".into(),
    }]);
    assert_eq!(out.memo.layout, crate::Layout::Sequential);
    let p = refused(&[Edit::SetLayout {
        layout: "single".into(),
    }]);
    assert_eq!(codes(&p), [("layout", "layout_languages")]);
}

#[test]
fn edits_read_from_json_by_their_op() {
    let edits: Vec<Edit> = serde_json::from_value(json!([
        { "op": "set", "path": "title.ru", "value": "М" },
        { "op": "add_language", "language": "en" },
        { "op": "move_party", "id": "fund", "to": 0 }
    ]))
    .unwrap();
    assert_eq!(
        edits[1],
        Edit::AddLanguage {
            language: "en".into(),
            copy_from: None
        }
    );
    assert!(serde_json::from_value::<Edit>(json!({ "op": "explode" })).is_err());
}

#[test]
fn a_new_partys_signatories_without_ids_get_fresh_ones() {
    let mut p = party("state_body", "");
    let signatory =
        json!({ "id": "", "name": text("А. Б.", "А. Б."), "position": text("Әкім", "Аким") });
    p["signatories"] = json!([signatory.clone(), signatory]);
    let out = edited(&[Edit::AddParty { party: p, at: None }]);
    let added = out.memo.parties.last().unwrap();
    let ids: Vec<&str> = added.signatories.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["signatory", "signatory-2"]);
}
