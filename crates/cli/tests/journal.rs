//! `kelisim journal list|settings`, `memo list --expiring`, `memo amend`: the real binary on a
//! fresh data folder each.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{fixture, Party};

#[test]
fn the_journal_numbers_approvals_and_lists_them_as_a_table_json_and_csv() {
    let root = tempfile::tempdir().unwrap();
    let p = Party::new(root.path(), "ministry");
    let off = p.ok(&["journal", "settings"]);
    assert!(off.contains("journal:   off"), "{off}");
    let on = p.ok(&[
        "journal",
        "settings",
        "--enable",
        "--prefix",
        "02-15/",
        "--template",
        "{prefix}{counter}",
        "--assign-at",
        "approval",
    ]);
    assert!(on.contains("next:      02-15/1\n"), "{on}");
    let created = p.json(&["memo", "import", &fixture()]);
    let id = created["memorandum"]["id"].to_string();
    let approved = p.json(&["memo", "approve", &id]);
    assert_eq!(approved["registrationNumber"], "02-15/1");

    let table = p.ok(&["journal", "list"]);
    assert!(
        table.contains("02-15/1") && table.contains("approved"),
        "{table}"
    );
    let csv = p.ok(&["journal", "list", "--csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("number,date,memorandum_id,title,status"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("02-15/1,") && row.contains(&format!(",{id},")),
        "{row}"
    );
    let json = p.json(&["journal", "list"]);
    assert_eq!(json[0]["number"], "02-15/1");
    // The same CSV into a file, as the desktop's "Export CSV…" writes it.
    let file = root.path().join("journal.csv");
    let said = p.ok(&[
        "journal",
        "list",
        "--csv",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(said.contains("1 number(s) written to"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);

    // Found by its number.
    let found = p.json(&["memo", "list", "--query", "02-15/1"]);
    assert_eq!(found["total"], 1);
}

#[test]
fn the_numbering_starts_where_it_is_told_and_never_goes_back() {
    let root = tempfile::tempdir().unwrap();
    let p = Party::new(root.path(), "ministry");
    let set = p.ok(&["journal", "settings", "--enable", "--next", "40"]);
    assert!(set.contains("next:      40\n"), "{set}");
    let (code, err) = p.fails(&["journal", "settings", "--next", "39"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("journal.next") && err.contains("40"), "{err}");
    assert!(p.ok(&["journal", "settings"]).contains("next:      40\n"));
}

#[test]
fn a_bad_journal_format_exits_1_naming_the_field_and_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let p = Party::new(root.path(), "ministry");
    let (code, err) = p.fails(&["journal", "settings", "--enable", "--template", "{prefix}"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("journal.template") && err.contains("{counter}"),
        "{err}"
    );
    let (code, err) = p.fails(&["journal", "settings", "--padding", "12"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("journal.padding"), "{err}");
    assert!(p.ok(&["journal", "settings"]).contains("journal:   off"));
}

#[test]
fn memo_list_expiring_and_memo_amend_refuse_or_filter_clearly() {
    let root = tempfile::tempdir().unwrap();
    let p = Party::new(root.path(), "ministry");
    let created = p.json(&["memo", "import", &fixture()]);
    let id = created["memorandum"]["id"].to_string();
    // The fixture has no term: nothing expires.
    let page = p.json(&["memo", "list", "--expiring", "60"]);
    assert_eq!(page["total"], 0);
    assert_eq!(p.json(&["memo", "list"])["total"], 1);
    // A draft cannot be amended (exit 3, conflict).
    let (code, err) = p.fails(&["memo", "amend", &id]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("signed"), "{err}");
}
