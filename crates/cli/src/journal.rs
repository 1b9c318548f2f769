//! `kelisim journal`: the registration journal's list (text, JSON or CSV) and its settings.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use kelisim_app::{
    ApiError, AssignAtDto, JournalEntryDto, JournalPreviewDto, JournalSettingsDto, Kelisim,
};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum Journal {
    /// Every registration number assigned here, in order: number, date, memorandum id, title,
    /// status.
    List {
        /// Write CSV (number,date,memorandum_id,title,status) instead of a table.
        #[arg(long)]
        csv: bool,
        /// With --csv: write the CSV to FILE (atomically; the export is audit-logged) instead
        /// of standard output.
        #[arg(long, value_name = "FILE", requires = "csv")]
        output: Option<PathBuf>,
    },
    /// Show the journal's settings, or change them (only the options given change).
    Settings(SettingsArgs),
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Assign numbers (`--enable`) or stop assigning them (`--disable`).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    #[arg(long)]
    disable: bool,
    /// The prefix, e.g. 02-15/ (up to 32 characters).
    #[arg(long)]
    prefix: Option<String>,
    /// How a number is written: {prefix}, {counter} (required) and {year}, e.g.
    /// '{prefix}{counter}' or '{prefix}{counter}-{year}'.
    #[arg(long)]
    template: Option<String>,
    /// The counter's minimum number of digits, zero-padded (0–9).
    #[arg(long)]
    padding: Option<u32>,
    /// When a memorandum gets its number.
    #[arg(long, value_enum)]
    assign_at: Option<AssignAtArg>,
    /// Start the numbering at N (e.g. to continue a journal kept before); never at a number
    /// assigned or passed already.
    #[arg(long, value_name = "N")]
    next: Option<u32>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AssignAtArg {
    Approval,
    FirstSignature,
}

/// Runs a `journal` subcommand.
pub async fn journal(json: bool, app: &Kelisim, cmd: &Journal) -> Result<ExitCode, ApiError> {
    match cmd {
        Journal::List {
            csv: true,
            output: Some(path),
        } => {
            let done = app.export_journal_csv(path).await?;
            if json {
                output::json(&done)?;
            } else {
                output::raw(&format!(
                    "{} number(s) written to {}\n",
                    done.entries, done.path
                ))?;
            }
        }
        Journal::List { csv: true, .. } => output::raw(&app.journal_csv().await?)?,
        Journal::List { csv: false, .. } => list(json, &app.journal_list().await?)?,
        Journal::Settings(args) => {
            if let Some(next) = args.next {
                app.set_journal_next(next).await?;
            }
            let current = app.journal_settings().await?;
            let settings = if args.changes_nothing() {
                current
            } else {
                app.set_journal_settings(&args.apply(current)).await?
            };
            let next = app.journal_preview(&settings, None).await?;
            show_settings(json, &settings, &next)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

impl SettingsArgs {
    fn changes_nothing(&self) -> bool {
        !self.enable
            && !self.disable
            && self.prefix.is_none()
            && self.template.is_none()
            && self.padding.is_none()
            && self.assign_at.is_none()
    }

    fn apply(&self, mut s: JournalSettingsDto) -> JournalSettingsDto {
        if self.enable {
            s.enabled = true;
        }
        if self.disable {
            s.enabled = false;
        }
        if let Some(p) = &self.prefix {
            s.prefix = p.clone();
        }
        if let Some(t) = &self.template {
            s.template = t.clone();
        }
        if let Some(p) = self.padding {
            s.padding = p;
        }
        if let Some(a) = self.assign_at {
            s.assign_at = match a {
                AssignAtArg::Approval => AssignAtDto::Approval,
                AssignAtArg::FirstSignature => AssignAtDto::FirstSignature,
            };
        }
        s
    }
}

fn list(json: bool, entries: &[JournalEntryDto]) -> Result<(), ApiError> {
    if json {
        return output::json(&entries);
    }
    let mut text = format!(
        "{:<20} {:<10} {:>5}  {:<9} {}\n",
        "NUMBER", "DATE", "ID", "STATUS", "TITLE"
    );
    for e in entries {
        text.push_str(&format!(
            "{:<20} {:<10} {:>5}  {:<9} {}\n",
            e.number, e.date, e.memorandum_id, e.status, e.title
        ));
    }
    text.push_str(&format!("{} number(s)\n", entries.len()));
    output::raw(&text)
}

fn show_settings(
    json: bool,
    s: &JournalSettingsDto,
    next: &JournalPreviewDto,
) -> Result<(), ApiError> {
    if json {
        return output::json(s);
    }
    let at = match s.assign_at {
        AssignAtDto::Approval => "approval",
        AssignAtDto::FirstSignature => "first-signature",
    };
    output::raw(&format!(
        "journal:   {}\n  prefix:    {:?}\n  template:  {}\n  padding:   {}\n  assign at: {at}\n  next:      {}\n",
        if s.enabled { "on" } else { "off" },
        s.prefix,
        s.template,
        s.padding,
        next.number,
    ))
}
