//! The registration journal: its settings (the number's format, when a number is assigned),
//! assigning a number at approval or just before the first signature, and the list (`journal
//! list [--csv]`). And the term dates the registry lists, derived by `kelisim_core::term`.
//!
//! A number goes into the document's `registration` (number and date) as a new revision before
//! the PDF is rendered, so it is printed on page 1 and is part of what is signed. The journal
//! is off until its format is set; a memorandum that already has a registration keeps it (a
//! reopened one keeps its number), and a number is never assigned twice.

use std::path::Path;

use kelisim_core::term::{term_dates, Ymd};
use kelisim_core::workflow::Status;
use kelisim_core::{IsoDate, Memorandum, Registration};
use kelisim_store::{Approval, JournalRow, MemoRow, NewRegistration, Registering, TermColumns};

use crate::dto::{
    AssignAtDto, JournalEntryDto, JournalExportDto, JournalPreviewDto, JournalSettingsDto,
};
use crate::memos::{revision_input, stored_document};
use crate::messages::Reason;
use crate::{actor, AppError, Kelisim};

const SETTINGS_KEY: &str = "journal.settings";

/// The longest prefix, in characters.
pub const MAX_PREFIX: usize = 32;

/// The header of `journal list --csv`.
pub const JOURNAL_CSV_HEADER: &str = "number,date,memorandum_id,title,status";

/// Today (UTC) from the system clock; `None` for a clock outside 1900–2999.
pub(crate) fn today_utc() -> Option<IsoDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ymd::from_day_number(i64::try_from(secs / 86_400).ok()?).to_iso()
}

/// `days` after `date`, `YYYY-MM-DD`.
pub(crate) fn days_after(date: &IsoDate, days: u32) -> String {
    let d = Ymd::of(date).add_days(i64::from(days));
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The term dates the store keeps for `memo`.
pub(crate) fn term_columns(
    memo: &Memorandum,
    last_signature: Option<&IsoDate>,
    today: &IsoDate,
) -> TermColumns {
    match term_dates(memo.term.as_ref(), last_signature, today) {
        None => TermColumns::default(),
        Some(t) => TermColumns {
            expires_on: Some(t.expires_on.to_string()),
            notice_by: t.notice_by.map(|d| d.to_string()),
            renews: t.renews,
        },
    }
}

/// Checks journal settings; the error names the field and words the reason in every
/// interface language.
pub(crate) fn check_settings(s: &JournalSettingsDto) -> Result<(), AppError> {
    let bad = |field: &str, reason: Reason| AppError::Rejected {
        field: format!("journal.{field}"),
        reason,
    };
    if s.prefix.chars().count() > MAX_PREFIX {
        return Err(bad(
            "prefix",
            Reason::new(
                "journal_prefix_too_long",
                vec![("max", MAX_PREFIX.to_string())],
                format!("at most {MAX_PREFIX} characters"),
            ),
        ));
    }
    if let Some(c) = s
        .prefix
        .chars()
        .find(|c| c.is_control() || matches!(c, '{' | '}'))
    {
        return Err(bad(
            "prefix",
            Reason::new(
                "journal_prefix_character",
                vec![("character", format!("{c:?}"))],
                format!("{c:?} cannot be part of a prefix"),
            ),
        ));
    }
    if s.padding > 9 {
        return Err(bad(
            "padding",
            Reason::new(
                "journal_padding_range",
                vec![("padding", s.padding.to_string())],
                format!("0 to 9 digits, not {}", s.padding),
            ),
        ));
    }
    check_template(&s.template).map_err(|r| bad("template", r))?;
    let longest = format_number(s, 999_999_999, 2999);
    if longest.chars().count() > 64 {
        return Err(bad(
            "template",
            Reason::new(
                "journal_number_too_long",
                vec![("number", longest.clone())],
                format!("a number would be longer than 64 characters ({longest:?})"),
            ),
        ));
    }
    Ok(())
}

/// A template holds `{counter}` once, `{prefix}` and `{year}` at most once, and no other
/// braces or control characters.
fn check_template(template: &str) -> Result<(), Reason> {
    let with_template =
        |key, message: String| Reason::new(key, vec![("template", template.to_owned())], message);
    let mut rest = template;
    let mut seen = Vec::new();
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(with_template(
                "journal_template_unpaired",
                format!("a '}}' without its '{{' in {template:?}"),
            ));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(with_template(
                "journal_template_unpaired",
                format!("a '{{' without its '}}' in {template:?}"),
            ));
        };
        let name = &rest[open + 1..open + close];
        let part = vec![("part", format!("{{{name}}}"))];
        if !matches!(name, "prefix" | "counter" | "year") {
            return Err(Reason::new(
                "journal_template_unknown_part",
                part,
                format!("unknown part {{{name}}}: write {{prefix}}, {{counter}} and {{year}}"),
            ));
        }
        if seen.contains(&name) {
            return Err(Reason::new(
                "journal_template_twice",
                part,
                format!("{{{name}}} appears twice"),
            ));
        }
        seen.push(name);
        rest = &rest[open + close + 1..];
    }
    if !seen.contains(&"counter") {
        return Err(with_template(
            "journal_template_no_counter",
            "it must contain {counter}, e.g. \"{prefix}{counter}\"".into(),
        ));
    }
    if let Some(c) = template.chars().find(|c| c.is_control()) {
        return Err(Reason::new(
            "journal_template_character",
            vec![("character", format!("{c:?}"))],
            format!("{c:?} cannot be part of a number"),
        ));
    }
    Ok(())
}

/// The number for counter value `counter` in `year`.
pub fn format_number(s: &JournalSettingsDto, counter: i64, year: u32) -> String {
    let width = s.padding as usize;
    s.template
        .replace("{prefix}", &s.prefix)
        .replace("{year}", &year.to_string())
        .replace("{counter}", &format!("{counter:0width$}"))
}

fn entry_dto(row: JournalRow) -> JournalEntryDto {
    JournalEntryDto {
        number: row.number,
        date: row.registered_on,
        memorandum_id: crate::memos::small(row.memorandum_id),
        title: row.title,
        status: row.status,
    }
}

/// One CSV field, quoted when it needs to be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `entries` as CSV (header [`JOURNAL_CSV_HEADER`]).
fn csv_of(entries: &[JournalEntryDto]) -> String {
    let mut out = format!("{JOURNAL_CSV_HEADER}\n");
    for e in entries {
        let fields = [
            csv_field(&e.number),
            e.date.clone(),
            e.memorandum_id.to_string(),
            csv_field(&e.title),
            e.status.clone(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// When a number is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    Approval,
    FirstSignature,
}

impl Kelisim {
    /// The journal's settings (off, with the default format, until set).
    pub async fn journal_settings(&self) -> Result<JournalSettingsDto, AppError> {
        let Some(json) = self.store.setting(SETTINGS_KEY).await? else {
            return Ok(JournalSettingsDto::default());
        };
        serde_json::from_str(&json).map_err(|e| AppError::InvalidInput {
            field: SETTINGS_KEY.into(),
            message: format!("the stored journal settings cannot be read: {e}"),
        })
    }

    /// Sets the journal's settings, refusing a bad format with the field it is in.
    pub async fn set_journal_settings(
        &self,
        settings: &JournalSettingsDto,
    ) -> Result<JournalSettingsDto, AppError> {
        check_settings(settings)?;
        let json = serde_json::to_string(settings).map_err(|e| AppError::InvalidInput {
            field: "journal".into(),
            message: e.to_string(),
        })?;
        self.store.set_setting(SETTINGS_KEY, &json).await?;
        self.journal_settings().await
    }

    /// Every number assigned here, in order, with its memorandum's title and status.
    pub async fn journal_list(&self) -> Result<Vec<JournalEntryDto>, AppError> {
        Ok(self
            .store
            .journal()
            .await?
            .into_iter()
            .map(entry_dto)
            .collect())
    }

    /// The journal as CSV (header [`JOURNAL_CSV_HEADER`]).
    pub async fn journal_csv(&self) -> Result<String, AppError> {
        Ok(csv_of(&self.journal_list().await?))
    }

    /// The number the journal would assign next with `settings` (checked as saving them
    /// would be), today: from the counter's next value, or from `next` when the numbering is to
    /// start there (checked as [`Kelisim::set_journal_next`] would).
    pub async fn journal_preview(
        &self,
        settings: &JournalSettingsDto,
        next: Option<u32>,
    ) -> Result<JournalPreviewDto, AppError> {
        check_settings(settings)?;
        let counter = self.checked_next(next).await?;
        let year = parse_date(&self.store.today().await?)?.parts().0;
        Ok(JournalPreviewDto {
            number: format_number(settings, i64::from(counter), year),
            counter,
            year,
        })
    }

    /// Starts the numbering at `next` (e.g. continuing a paper journal), audit-logged; refused
    /// when a number at or after `next` has been assigned (numbers are never reused). The
    /// counter's next value.
    pub async fn set_journal_next(&self, next: u32) -> Result<u32, AppError> {
        let lowest = self.checked_next(None).await?;
        let next = self.checked_next(Some(next)).await?;
        if next != lowest {
            self.store
                .raise_journal_counter(i64::from(next), &actor())
                .await?;
        }
        Ok(next)
    }

    /// `next`, when no number at or after it is taken; the counter's next value for `None`.
    async fn checked_next(&self, next: Option<u32>) -> Result<u32, AppError> {
        let stored = self.store.journal_next().await?;
        let lowest = u32::try_from(stored).map_err(|_| AppError::InvalidInput {
            field: "journal.next".into(),
            message: format!("the counter {stored} is out of range"),
        })?;
        match next {
            None => Ok(lowest),
            Some(n) if n >= lowest => Ok(n),
            Some(n) => Err(AppError::Rejected {
                field: "journal.next".into(),
                reason: Reason::new(
                    "journal_next_taken",
                    vec![("next", n.to_string()), ("lowest", lowest.to_string())],
                    format!("{n} is taken or passed already; the next can be {lowest} or more"),
                ),
            }),
        }
    }

    /// Writes the journal's CSV ([`Kelisim::journal_csv`]) to `path`, atomically, and records
    /// the export in the audit log.
    pub async fn export_journal_csv(&self, path: &Path) -> Result<JournalExportDto, AppError> {
        let list = self.journal_list().await?;
        let csv = csv_of(&list);
        crate::files::write_atomically(path, csv.as_bytes())?;
        let entries = list.len();
        self.store
            .record(
                None,
                "journal_exported",
                &actor(),
                &serde_json::json!({
                    "entries": entries,
                    "sha256": crate::render::sha256_hex(csv.as_bytes()),
                    "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
                }),
            )
            .await?;
        Ok(JournalExportDto {
            path: path.display().to_string(),
            entries: u32::try_from(entries).unwrap_or(u32::MAX),
        })
    }

    /// The registration `memo` (memorandum `id`) gets at `moment`: its journal entry when it
    /// has one and the document lost it (a reopened draft edited), a new number when the
    /// journal assigns one now and it has none; `None` when nothing changes. With the document
    /// carrying it, upgraded to `/2`, and whether it is a new number.
    pub(crate) async fn registration_for(
        &self,
        id: i64,
        memo: &Memorandum,
        moment: Moment,
    ) -> Result<Option<(Memorandum, Option<NewRegistration>)>, AppError> {
        if let Some(entry) = self.store.journal_entry(id).await? {
            let kept = Registration {
                number: entry.number.clone(),
                date: parse_date(&entry.registered_on)?,
            };
            if memo.registration.as_ref() == Some(&kept) {
                return Ok(None);
            }
            return Ok(Some((with_registration(memo, kept)?, None)));
        }
        let settings = self.journal_settings().await?;
        let now = match settings.assign_at {
            AssignAtDto::Approval => Moment::Approval,
            AssignAtDto::FirstSignature => Moment::FirstSignature,
        };
        if !settings.enabled || now != moment || memo.registration.is_some() {
            return Ok(None);
        }
        let counter = self.store.journal_next().await?;
        let today = parse_date(&self.store.today().await?)?;
        let number = format_number(&settings, counter, today.parts().0);
        let registration = Registration {
            number: number.clone(),
            date: today.clone(),
        };
        let doc = with_registration(memo, registration)?;
        let new = NewRegistration {
            number,
            counter,
            date: today.to_string(),
        };
        Ok(Some((doc, Some(new))))
    }

    /// For the journal that assigns numbers at the first signature: registers approved
    /// memorandum `row`, which nobody has signed yet and has no number, renders its approved
    /// PDF again with the number and stores both (one transaction). The new approved revision
    /// and its document, or `None` when nothing was registered.
    pub(crate) async fn register_before_first_signature(
        &self,
        row: &MemoRow,
    ) -> Result<Option<(i64, Memorandum)>, AppError> {
        let (id, Some(approved)) = (row.id, row.approved_revision) else {
            return Ok(None);
        };
        if row.status != Status::Approved {
            return Ok(None);
        }
        let rev = self.store.revision(id, approved).await?;
        let memo = stored_document(&rev.document, id, rev.number)?;
        let Some((doc, Some(registration))) = self
            .registration_for(id, &memo, Moment::FirstSignature)
            .await?
        else {
            return Ok(None);
        };
        let rendered = crate::render::render_with_places(&doc, None)?;
        let sha = crate::render::sha256_hex(&rendered.pdf);
        let places = crate::signing::places_json(&rendered.signature_fields)?;
        let approval = Approval {
            revision: approved,
            pdf: &rendered.pdf,
            sha256: &sha,
            signature_places: &places,
            renderer: kelisim_pdf::RENDERER_VERSION,
        };
        let revision = revision_input(&doc);
        let registering = Registering {
            registration: &registration,
            revision: &revision,
        };
        let row = self
            .store
            .register_before_signing(id, registering, &approval, &actor())
            .await?;
        Ok(Some((row.current_revision, doc)))
    }

    /// Today's local date.
    pub(crate) async fn today(&self) -> Result<IsoDate, AppError> {
        parse_date(&self.store.today().await?)
    }

    /// Brings forward the stored dates of renewing terms whose period has passed; today.
    pub(crate) async fn refresh_terms(&self) -> Result<IsoDate, AppError> {
        let today = self.today().await?;
        for id in self.store.terms_to_refresh(today.as_str()).await? {
            self.update_term(id, &today).await?;
        }
        Ok(today)
    }

    /// Recomputes memorandum `id`'s term dates from its current revision and last signature.
    pub(crate) async fn update_term(&self, id: i64, today: &IsoDate) -> Result<(), AppError> {
        let row = self.store.memorandum(id).await?;
        let rev = self.store.revision(id, row.current_revision).await?;
        let memo = stored_document(&rev.document, id, rev.number)?;
        let signed = match self.store.last_signature_on(id).await? {
            Some(d) if matches!(row.status, kelisim_core::workflow::Status::Signed) => {
                Some(parse_date(&d)?)
            }
            _ => None,
        };
        let columns = term_columns(&memo, signed.as_ref(), today);
        self.store.set_term(id, &columns).await?;
        Ok(())
    }
}

fn parse_date(s: &str) -> Result<IsoDate, AppError> {
    s.parse().map_err(|e| AppError::InvalidInput {
        field: "date".into(),
        message: format!("{s:?}: {e}"),
    })
}

/// `memo` with `registration`, as `/2`, checked by the validator (a number the journal's
/// format made is checked like any other).
fn with_registration(
    memo: &Memorandum,
    registration: Registration,
) -> Result<Memorandum, AppError> {
    let mut doc = memo.clone();
    doc.registration = Some(registration);
    doc.upgrade();
    let checked =
        kelisim_core::parse(&doc.canonical_json()).map_err(|problems| AppError::Invalid {
            what: "the memorandum with its registration number".into(),
            problems,
        })?;
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(prefix: &str, template: &str, padding: u32) -> JournalSettingsDto {
        JournalSettingsDto {
            enabled: true,
            prefix: prefix.into(),
            template: template.into(),
            padding,
            assign_at: AssignAtDto::Approval,
        }
    }

    #[test]
    fn numbers_follow_the_template() {
        assert_eq!(
            format_number(&settings("02-15/", "{prefix}{counter}", 0), 123, 2026),
            "02-15/123"
        );
        assert_eq!(
            format_number(&settings("02-15/", "{prefix}{counter}-{year}", 4), 7, 2026),
            "02-15/0007-2026"
        );
        assert_eq!(
            format_number(&settings("", "№{counter}", 3), 1234, 2026),
            "№1234"
        );
    }

    #[test]
    fn a_bad_format_is_refused_naming_its_field() {
        let cases = [
            (
                settings("A", "{prefix}", 0),
                "journal.template",
                "{counter}",
            ),
            (
                settings("A", "{prefix}{counter}{counter}", 0),
                "journal.template",
                "twice",
            ),
            (
                settings("A", "{prefix}{count}", 0),
                "journal.template",
                "{count}",
            ),
            (
                settings("A", "{prefix}{counter", 0),
                "journal.template",
                "without",
            ),
            (
                settings("A{", "{prefix}{counter}", 0),
                "journal.prefix",
                "'{'",
            ),
            (settings("A", "{counter}", 12), "journal.padding", "12"),
            (
                settings(&"x".repeat(33), "{counter}", 0),
                "journal.prefix",
                "32",
            ),
        ];
        for (s, field, words) in cases {
            match check_settings(&s) {
                Err(AppError::Rejected { field: f, reason }) => {
                    assert_eq!(f, field, "{s:?}");
                    assert!(reason.message.contains(words), "{}", reason.message);
                }
                other => panic!("{s:?}: {other:?}"),
            }
        }
        check_settings(&settings("02-15/", "{prefix}{counter}-{year}", 3)).unwrap();
    }

    #[test]
    fn dates_after_cross_month_and_leap_day() {
        let d: IsoDate = "2028-02-28".parse().unwrap();
        assert_eq!(days_after(&d, 1), "2028-02-29");
        assert_eq!(days_after(&d, 2), "2028-03-01");
        assert_eq!(days_after(&d, 0), "2028-02-28");
    }
}
