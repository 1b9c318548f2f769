//! Validation of the `kelisim.memorandum/2` fields: signatory `authority`, `annexes`, `term`,
//! `registration`, `amends`, the `/2` placeholders, and the rule that a `/1` document carries none
//! of them (`needs_v2`). Every problem here is reported with its JSON path and its params.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{index, join, Walker};
use crate::ids::{AnnexId, IsoDate};
use crate::model::FORMAT_V1;
use crate::placeholder::{Placeholder, AMENDS, TERM_FIELDS};

/// The most columns an annex table may have.
pub const MAX_COLUMNS: usize = 12;
/// The most rows an annex table may have.
pub const MAX_ROWS: usize = 5000;
/// The longest registration or power-of-attorney number, in characters.
pub const MAX_NUMBER_CHARS: usize = 64;

/// The document-level `/2` fields.
pub(super) const FIELDS: [&str; 4] = ["annexes", "term", "registration", "amends"];

/// What the `/2` pass learnt, for the placeholder pass.
#[derive(Default)]
pub(super) struct Seen {
    v1: bool,
    date: Option<IsoDate>,
    annexes: BTreeSet<String>,
    term: bool,
    renewal: bool,
    amends: bool,
}

fn params<const N: usize>(pairs: [(&'static str, String); N]) -> Vec<(&'static str, String)> {
    pairs.into()
}

/// Whether a placeholder is one `/2` added (handled by [`Walker::v2_placeholder`]).
pub(super) fn is_v2(p: &Placeholder<'_>, variables: &BTreeSet<String>) -> bool {
    match p {
        Placeholder::Variable(name) => *name == AMENDS && !variables.contains(AMENDS),
        Placeholder::Party { field, .. } => *field == "signatories",
        _ => true,
    }
}

impl Walker {
    /// Checks every `/2` field of the document; run after parties and sections.
    pub(super) fn v2(&mut self, doc: &Map<String, Value>) {
        self.v2.v1 = doc.get("format").and_then(Value::as_str) == Some(FORMAT_V1);
        self.v2.date = doc
            .get("date")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok());
        if self.v2.v1 {
            for key in FIELDS.into_iter().filter(|k| doc.contains_key(*k)) {
                self.needs_v2(key, key);
            }
        }
        if let Some(parties) = doc.get("parties").and_then(Value::as_array) {
            self.v2_parties(parties);
        }
        if let Some(v) = doc.get("annexes") {
            self.annexes(v);
        }
        if let Some(v) = doc.get("term") {
            self.term(v);
        }
        if let Some(v) = doc.get("registration") {
            self.registration(v);
        }
        if let Some(v) = doc.get("amends") {
            self.amends(v);
        }
    }

    fn needs_v2(&mut self, path: &str, field: &str) {
        self.report_with(
            path,
            "needs_v2",
            params([("field", field.to_owned())]),
            format!("{field} needs format \"kelisim.memorandum/2\"; this document is /1"),
        );
    }

    /// A `/2` memorandum has two or more parties; each signatory's authority is checked.
    fn v2_parties(&mut self, parties: &[Value]) {
        if !self.v2.v1 && parties.len() == 1 {
            self.report_with(
                "parties",
                "too_few_parties",
                params([("count", "1".to_owned()), ("min", "2".to_owned())]),
                "a memorandum needs at least two parties",
            );
        }
        for (i, party) in parties.iter().enumerate() {
            let Some(sigs) = party.get("signatories").and_then(Value::as_array) else {
                continue;
            };
            for (j, sig) in sigs.iter().enumerate() {
                if let Some(authority) = sig.get("authority") {
                    let path = join(
                        &index(&join(&index("parties", i), "signatories"), j),
                        "authority",
                    );
                    if self.v2.v1 {
                        self.needs_v2(&path, "authority");
                    }
                    self.authority(authority, &path);
                }
            }
        }
    }

    fn authority(&mut self, value: &Value, path: &str) {
        let kind = value.get("kind").and_then(Value::as_str);
        let fields: &[&str] = match kind {
            Some("power_of_attorney") => &["kind", "number", "date"],
            Some("acting") => &["kind"],
            Some("other") => &["kind", "text"],
            _ => &["kind"],
        };
        let Some(map) = self.object(value, path, "a signatory's authority", fields, &[]) else {
            return;
        };
        match (kind, map.get("kind")) {
            (Some("power_of_attorney"), _) => {
                if let Some(v) = map.get("number") {
                    self.document_number(
                        v,
                        &join(path, "number"),
                        "the power of attorney's number",
                    );
                }
                if let Some(date) = map
                    .get("date")
                    .and_then(|v| self.date(v, &join(path, "date")))
                {
                    if self.v2.date.as_ref().is_some_and(|memo| &date > memo) {
                        self.report_with(
                            &join(path, "date"),
                            "authority_after_date",
                            params([
                                ("date", date.to_string()),
                                ("memorandum_date", self.memo_date()),
                            ]),
                            "the power of attorney is dated after the memorandum",
                        );
                    }
                }
            }
            (Some("acting"), _) => {}
            (Some("other"), _) => {
                if let Some(v) = map.get("text") {
                    self.text(v, &join(path, "text"), "the signatory's authority");
                }
            }
            (_, Some(kind)) => self.report_with(
                &join(path, "kind"),
                "unknown_authority_kind",
                params([("kind", kind.as_str().unwrap_or("").to_owned())]),
                "unknown authority kind; expected power_of_attorney, acting or other",
            ),
            (_, None) => {}
        }
    }

    fn memo_date(&self) -> String {
        self.v2
            .date
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// A valid `YYYY-MM-DD` date, or a problem at `path`.
    fn date(&mut self, value: &Value, path: &str) -> Option<IsoDate> {
        let s = self.string(value, path, "a date")?;
        match s.parse::<IsoDate>() {
            Ok(date) => Some(date),
            Err(why) => {
                self.report_with(path, "bad_date", params([("value", s.to_owned())]), why);
                None
            }
        }
    }

    /// A registration or power-of-attorney number: 1–64 characters, no control characters.
    fn document_number(&mut self, value: &Value, path: &str, what: &str) {
        let Some(s) = self.string(value, path, what) else {
            return;
        };
        let length = s.chars().count();
        if s.trim().is_empty() {
            self.report_with(path, "empty_number", Vec::new(), format!("{what} is empty"));
        } else if length > MAX_NUMBER_CHARS {
            self.report_with(
                path,
                "number_too_long",
                params([
                    ("length", length.to_string()),
                    ("max", MAX_NUMBER_CHARS.to_string()),
                ]),
                format!("{what} has {length} characters; the limit is {MAX_NUMBER_CHARS}"),
            );
        } else if s.chars().any(char::is_control) {
            self.report_with(
                path,
                "number_control_character",
                Vec::new(),
                format!("{what} contains a control character (a line break or tab)"),
            );
        }
    }

    /// An integer in `min..=max`, or a problem `code` at `path`.
    fn bounded(
        &mut self,
        value: &Value,
        path: &str,
        code: &'static str,
        range: (u64, u64),
    ) -> Option<u64> {
        let (min, max) = range;
        let Some(n) = value.as_u64() else {
            self.report_with(path, "wrong_type", Vec::new(), "must be a whole number");
            return None;
        };
        if n < min || n > max {
            self.report_with(
                path,
                code,
                params([
                    ("value", n.to_string()),
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                ]),
                format!("{n} is outside {min}–{max}"),
            );
            return None;
        }
        Some(n)
    }
}

impl Walker {
    fn annexes(&mut self, value: &Value) {
        if self.too_many_clauses {
            return;
        }
        let Some(list) = self.array(value, "annexes", "\"annexes\"") else {
            return;
        };
        for (i, annex) in list.iter().enumerate() {
            let path = index("annexes", i);
            let Some(map) = self.object(annex, &path, "an annex", &["id", "title", "content"], &[])
            else {
                continue;
            };
            if let Some(id) = map.get("id") {
                self.annex_id(id, &join(&path, "id"));
            }
            if let Some(v) = map.get("title") {
                self.text(v, &join(&path, "title"), "the annex's title");
            }
            if let Some(v) = map.get("content") {
                self.annex_content(v, &join(&path, "content"));
            }
            if self.too_many_clauses {
                return;
            }
        }
    }

    fn annex_id(&mut self, value: &Value, path: &str) {
        let Some(id) = self.string(value, path, "an annex id") else {
            return;
        };
        if let Err(why) = id.parse::<AnnexId>() {
            self.report_with(path, "bad_id", params([("id", id.to_owned())]), why);
        } else if !self.v2.annexes.insert(id.to_owned()) {
            self.report_with(
                path,
                "duplicate_id",
                params([("id", id.to_owned())]),
                format!("another annex already has the id \"{id}\""),
            );
        }
    }

    fn annex_content(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(
            value,
            path,
            "an annex's content",
            &[],
            &["clauses", "table"],
        ) else {
            return;
        };
        if map.contains_key("clauses") == map.contains_key("table") {
            self.report_with(
                path,
                "annex_content",
                Vec::new(),
                "an annex's content is either \"clauses\" or \"table\", exactly one of them",
            );
        }
        if let Some(v) = map.get("clauses") {
            // Annex clauses count against MAX_CLAUSES like the sections' clauses.
            self.clauses(v, &join(path, "clauses"));
        }
        if let Some(v) = map.get("table") {
            self.table(v, &join(path, "table"));
        }
    }

    fn table(&mut self, value: &Value, path: &str) {
        let Some(map) = self.object(value, path, "a table", &["columns", "rows"], &[]) else {
            return;
        };
        let columns = map
            .get("columns")
            .map_or(0, |v| self.columns(v, &join(path, "columns")));
        let Some(rows) = map.get("rows") else { return };
        let rows_path = join(path, "rows");
        let Some(rows) = self.array(rows, &rows_path, "a table's rows") else {
            return;
        };
        if rows.len() > MAX_ROWS {
            self.report_with(
                &rows_path,
                "too_many_rows",
                params([
                    ("count", rows.len().to_string()),
                    ("max", MAX_ROWS.to_string()),
                ]),
                format!("the table has {} rows; the limit is {MAX_ROWS}", rows.len()),
            );
            return;
        }
        for (i, row) in rows.iter().enumerate() {
            let row_path = index(&rows_path, i);
            let Some(cells) = self.array(row, &row_path, "a table row") else {
                continue;
            };
            if columns > 0 && cells.len() != columns {
                self.report_with(
                    &row_path,
                    "row_cells",
                    params([
                        ("cells", cells.len().to_string()),
                        ("columns", columns.to_string()),
                    ]),
                    format!(
                        "the row has {} cells; the table has {columns} columns",
                        cells.len()
                    ),
                );
            }
            for (j, cell) in cells.iter().enumerate() {
                self.cell(cell, &index(&row_path, j));
            }
        }
    }

    /// The columns; returns how many there are (0 when they cannot be read).
    fn columns(&mut self, value: &Value, path: &str) -> usize {
        let Some(list) = self.array(value, path, "a table's columns") else {
            return 0;
        };
        if list.is_empty() || list.len() > MAX_COLUMNS {
            self.report_with(
                path,
                "table_columns",
                params([
                    ("count", list.len().to_string()),
                    ("max", MAX_COLUMNS.to_string()),
                ]),
                format!("a table has 1 to {MAX_COLUMNS} columns, not {}", list.len()),
            );
        }
        for (i, column) in list.iter().enumerate() {
            let path = index(path, i);
            let Some(map) = self.object(column, &path, "a column", &["heading"], &["width"]) else {
                continue;
            };
            if let Some(v) = map.get("heading") {
                self.text(v, &join(&path, "heading"), "the column heading");
            }
            if let Some(v) = map.get("width") {
                self.bounded(v, &join(&path, "width"), "bad_width", (1, 100));
            }
        }
        list.len()
    }

    /// A cell: a text in every language, where (unlike other texts) an empty string is allowed,
    /// since plan tables often leave cells blank.
    fn cell(&mut self, value: &Value, path: &str) {
        let mut filled = value.clone();
        if let Some(map) = filled.as_object_mut() {
            for text in map.values_mut() {
                if text.as_str().is_some_and(|s| s.trim().is_empty()) {
                    *text = Value::String("-".to_owned());
                }
            }
        }
        self.text(&filled, path, "the cell");
    }
}

impl Walker {
    fn term(&mut self, value: &Value) {
        let Some(map) = self.object(
            value,
            "term",
            "the term",
            &["starts", "duration"],
            &["renewal"],
        ) else {
            return;
        };
        self.v2.term = true;
        let start = map.get("starts").and_then(|v| self.term_start(v));
        let years = map
            .get("duration")
            .and_then(|v| self.duration(v, start.as_ref()));
        if let Some(v) = map.get("renewal") {
            self.v2.renewal = true;
            self.renewal(v, years);
        }
    }

    /// The start; returns its date when it starts on a date.
    fn term_start(&mut self, value: &Value) -> Option<IsoDate> {
        let on = value.get("on").and_then(Value::as_str);
        let fields: &[&str] = if on == Some("date") {
            &["on", "date"]
        } else {
            &["on"]
        };
        let map = self.object(value, "term.starts", "the term's start", fields, &[])?;
        match on {
            Some("date") => map
                .get("date")
                .and_then(|v| self.date(v, "term.starts.date")),
            Some("last_signature") => None,
            _ => {
                if let Some(on) = map.get("on") {
                    self.report_with(
                        "term.starts.on",
                        "unknown_term_start",
                        params([("on", on.as_str().unwrap_or("").to_owned())]),
                        "a term starts on \"last_signature\" or on a \"date\"",
                    );
                }
                None
            }
        }
    }

    /// The duration; returns its years when it is counted in years.
    fn duration(&mut self, value: &Value, start: Option<&IsoDate>) -> Option<u64> {
        let kind = value.get("kind").and_then(Value::as_str);
        let fields: &[&str] = match kind {
            Some("years") => &["kind", "years"],
            Some("until") => &["kind", "date"],
            _ => &["kind"],
        };
        let map = self.object(value, "term.duration", "the term's duration", fields, &[])?;
        match kind {
            Some("years") => map
                .get("years")
                .and_then(|v| self.bounded(v, "term.duration.years", "bad_term_years", (1, 99))),
            Some("until") => {
                let end = map
                    .get("date")
                    .and_then(|v| self.date(v, "term.duration.date"))?;
                self.term_end(&end, start);
                None
            }
            Some("indefinite") => None,
            _ => {
                if let Some(kind) = map.get("kind") {
                    self.report_with(
                        "term.duration.kind",
                        "unknown_duration_kind",
                        params([("kind", kind.as_str().unwrap_or("").to_owned())]),
                        "a duration is \"years\", \"until\" a date or \"indefinite\"",
                    );
                }
                None
            }
        }
    }

    /// An end date lies after the memorandum's date and after the start date.
    fn term_end(&mut self, end: &IsoDate, start: Option<&IsoDate>) {
        let path = "term.duration.date";
        if let Some(memo) = self.v2.date.clone().filter(|memo| end <= memo) {
            self.report_with(
                path,
                "term_ends_before_date",
                params([
                    ("end", end.to_string()),
                    ("memorandum_date", memo.to_string()),
                ]),
                format!("the term ends on {end}, not after the memorandum's date {memo}"),
            );
        }
        if let Some(start) = start.filter(|start| end <= *start) {
            self.report_with(
                path,
                "term_ends_before_start",
                params([("end", end.to_string()), ("start", start.to_string())]),
                format!("the term ends on {end}, not after it starts on {start}"),
            );
        }
    }

    fn renewal(&mut self, value: &Value, term_years: Option<u64>) {
        let path = "term.renewal";
        let Some(map) = self.object(value, path, "the renewal", &["years", "notice_days"], &[])
        else {
            return;
        };
        if let Some(v) = map.get("years") {
            self.bounded(v, "term.renewal.years", "bad_renewal_years", (1, 99));
        }
        let notice = map.get("notice_days").and_then(|v| {
            self.bounded(v, "term.renewal.notice_days", "bad_notice_days", (1, 3650))
        });
        if let (Some(days), Some(years)) = (notice, term_years) {
            // The shortest term of that many years: 365 days a year.
            if days >= years * 365 {
                self.report_with(
                    "term.renewal.notice_days",
                    "notice_too_long",
                    params([
                        ("notice_days", days.to_string()),
                        ("years", years.to_string()),
                    ]),
                    format!(
                        "a notice of {days} days is not shorter than the term of {years} years"
                    ),
                );
            }
        }
    }

    fn registration(&mut self, value: &Value) {
        let Some(map) = self.object(
            value,
            "registration",
            "the registration",
            &["number", "date"],
            &[],
        ) else {
            return;
        };
        if let Some(v) = map.get("number") {
            self.document_number(v, "registration.number", "the registration number");
        }
        if let Some(v) = map.get("date") {
            self.date(v, "registration.date");
        }
    }

    fn amends(&mut self, value: &Value) {
        let fields = ["date", "title", "content_hash"];
        let Some(map) = self.object(
            value,
            "amends",
            "the amended memorandum",
            &fields,
            &["number"],
        ) else {
            return;
        };
        self.v2.amends = true;
        if let Some(v) = map.get("number") {
            self.document_number(v, "amends.number", "the amended memorandum's number");
        }
        if let Some(date) = map.get("date").and_then(|v| self.date(v, "amends.date")) {
            if self.v2.date.as_ref().is_some_and(|memo| &date > memo) {
                self.report_with(
                    "amends.date",
                    "amends_after_date",
                    params([
                        ("date", date.to_string()),
                        ("memorandum_date", self.memo_date()),
                    ]),
                    "the amended memorandum is dated after this amendment",
                );
            }
        }
        if let Some(v) = map.get("title") {
            self.text(v, "amends.title", "the amended memorandum's title");
        }
        if let Some(hash) = map
            .get("content_hash")
            .and_then(|v| self.string(v, "amends.content_hash", "a content hash"))
        {
            if !is_content_hash(hash) {
                self.report_with(
                    "amends.content_hash",
                    "bad_content_hash",
                    params([("value", hash.chars().take(80).collect())]),
                    "a content hash is \"sha256:\" and 64 lowercase hexadecimal digits",
                );
            }
        }
    }

    /// A `/2` placeholder names something the document has.
    pub(super) fn v2_placeholder(&mut self, path: &str, found: Placeholder<'_>) {
        let (text, missing): (String, Option<(&'static str, &str)>) = match found {
            Placeholder::Annex(id) => (
                format!("annex.{id}"),
                (!self.v2.annexes.contains(id)).then_some(("unknown_annex", "no annex has that id")),
            ),
            Placeholder::Term(field) if !TERM_FIELDS.contains(&field) => {
                (format!("term.{field}"), Some(("unknown_term_field", "a term placeholder is term.starts, term.duration, term.renewal or term.notice_days")))
            }
            Placeholder::Term(field) => (
                format!("term.{field}"),
                if !self.v2.term {
                    Some(("missing_term", "the memorandum has no term"))
                } else if field == "notice_days" && !self.v2.renewal {
                    Some(("missing_renewal", "the term has no renewal, so no notice period"))
                } else {
                    None
                },
            ),
            Placeholder::Registration(field) => (
                format!("registration.{field}"),
                (field != "number").then_some(("unknown_registration_field", "a registration placeholder is registration.number")),
            ),
            Placeholder::Party { id, field } => (
                format!("party.{id}.{field}"),
                (!self.parties.contains_key(id)).then_some(("unknown_party", "no party has that id")),
            ),
            Placeholder::Variable(name) => (
                name.to_owned(),
                (!self.v2.amends).then_some(("missing_amends", "the memorandum amends no other memorandum")),
            ),
        };
        if self.v2.v1 {
            self.needs_v2(path, &format!("{{{{{text}}}}}"));
        }
        if let Some((code, why)) = missing {
            self.report_with(
                path,
                code,
                params([("placeholder", text.clone())]),
                format!("{{{{{text}}}}}: {why}"),
            );
        }
    }
}

fn is_content_hash(s: &str) -> bool {
    s.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
