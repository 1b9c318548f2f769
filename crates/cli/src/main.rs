//! `kelisim`: the command line. Every command calls `kelisim-app`, the same API the desktop app
//! uses, and every command can answer in JSON (`--json`).

mod editing;
mod journal;
mod lang;
mod output;
mod passphrase;
mod registry;
mod signing;
mod timings;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use kelisim_app::{
    resolve_data_dir, ApiError, Assignment, ErrorCode, Kelisim, LanguageDto, ListParams,
    NewMemoRequest, OrganisationRef, PartyChoice, SortDto, StatusDto, VariableDto, DATA_DIR_ENV,
};

const EXIT_CODES: &str = "\
Exit codes:
  0   success (verify: every signature valid and trusted, the pages as agreed)
  1   the input failed a check: an invalid memorandum (validation_failed, invalid_input),
      a broken audit chain, a wrong passphrase (wrong_passphrase), a key file whose
      Argon2id costs are below the floor (kdf_too_weak), a signed PDF refused on
      import (signature_invalid, untrusted_signer); verify: a signature is invalid, the
      document was modified after signing, or its pages are not the embedded memorandum
  2   the command line was wrong (usage)
  3   the memorandum, revision, organisation or key does not exist (not_found), or the
      action is not allowed in its current state (conflict)
  4   verify only: every signature is valid, but a signer is not trusted
  5   the data folder or database cannot be used (data_dir_unavailable,
      database_unavailable, database)
  6   a file could not be read or written (file); verify DIR: a file in the folder
      could not be read (and none was invalid)
  7   verify only: the signatures verify, but the pages were not re-derived: not a
      Kelisim rendering, or made by another renderer version, so what they say was
      not checked against a memorandum
  70  an internal error (internal); please report it

`kelisim verify` answers with the verdict on the PDF (verify DIR: on its worst file,
invalid first, then unreadable, not re-derived, untrusted):
  0   every signature is intact, verifies and is trusted; nothing but signatures was added
      after any of them; a Kelisim PDF's pages are the rendering of its embedded memorandum
      (valid)
  1   a signature is invalid, the document was modified after signing, the pages differ
      from the embedded memorandum, or it has no signatures (invalid,
      modifiedAfterSigning, contentMismatch, noSignatures)
  4   every signature is valid but a signer is not trusted (add it with `kelisim trust add`
      or `--trust CERT`), on pages that are the rendering of the embedded memorandum
      (validUntrusted)
  7   the signatures verify, but the pages could not be re-derived (no embedded Kelisim
      memorandum, or made by another version of Kelisim whose renderer this one does not
      have); never treat this as valid (notRederived)

Passphrases are never given on the command line: they come from KELISIM_PASSPHRASE (the
key's), KELISIM_BACKUP_PASSPHRASE (a backup file's), KELISIM_CA_PASSPHRASE (an issuing CA
key's, else KELISIM_PASSPHRASE), or are asked on the terminal without echo.

With --json, results go to standard output as JSON; an error is {\"error\":{\"code\",\"message\"}}.";

/// Kelisim: bilingual memorandums of cooperation — drafted, signed and verified offline.
#[derive(Debug, Parser)]
#[command(name = "kelisim", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// The data folder holding the database [default: $KELISIM_DATA_DIR, else the OS's data
    /// folder joined with kz.kelisim.desktop — the same folder the desktop app uses].
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print results and errors as JSON on standard output.
    #[arg(long, global = true)]
    json: bool,

    /// The language of problems and errors [default: from LC_ALL, LC_MESSAGES or LANG
    /// (kk_KZ.UTF-8 → kk, ru_RU → ru), else en]. With --json, each problem and error keeps its
    /// code, params and English message, and carries its text in kk, ru and en.
    #[arg(long, global = true, value_enum, value_name = "kk|ru|en")]
    lang: Option<lang::Lang>,

    /// Print how long each stage took (unlock, prepare, sign, verify, render…) to standard
    /// error, one `timing:` line per stage.
    #[arg(long, global = true)]
    timings: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the version, the data folder and the database file (creating them if missing).
    Info,
    /// List the built-in templates (languages: own, then every one it can be made in), or
    /// print one template's document as JSON.
    Templates {
        /// A template's name: print its document.
        name: Option<String>,
    },
    /// Draft, import, export, compare, approve and reopen memorandums.
    #[command(subcommand)]
    Memo(Memo),
    /// The registration journal: numbers assigned at approval or at the first signature.
    #[command(subcommand)]
    Journal(journal::Journal),
    /// The hash-chained audit log.
    #[command(subcommand)]
    Audit(Audit),
    /// The organisations registry: every party of a stored memorandum.
    #[command(subcommand)]
    Org(Org),
    /// Signing keys and their certificates (kept encrypted in the data folder's keys/).
    #[command(subcommand)]
    Key(signing::Key),
    /// The certificates of counterparties and CAs that verification trusts.
    #[command(subcommand)]
    Trust(signing::Trust),
    /// Sign a PDF file with a visible signature.
    Sign(signing::SignArgs),
    /// Verify every signature of a PDF, or of every PDF directly in a folder; exit 0 valid and
    /// trusted, 1 invalid or modified, 4 valid but a signer is not trusted, 7 signatures verify
    /// but the pages were not re-derived (not a Kelisim rendering, or another renderer
    /// version); a folder exits with its worst file's code (6 for a file that cannot be read).
    Verify(signing::VerifyArgs),
    /// Render a stored memorandum (by ID) or a memorandum JSON file to archival PDF/A.
    Render {
        /// A memorandum ID, or a path to a memorandum JSON file.
        #[arg(value_name = "ID | FILE.json")]
        source: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Override the memorandum's layout.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// With an ID: render this revision instead of the current one.
        #[arg(long, value_name = "N")]
        revision: Option<u32>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    Parallel,
    Sequential,
    Single,
}

#[derive(Debug, Subcommand)]
enum Memo {
    /// A new draft from a built-in template (see `kelisim templates`), in the languages and
    /// layout chosen, with parties from the organisations registry; checked before it is stored.
    #[command(visible_alias = "create")]
    New(NewArgs),
    /// New drafts from memorandum JSON files, one per file; each is reported as soon as it is
    /// stored (with --json: one JSON object per line). A signed memorandum PDF (from another
    /// party) is verified and stored with its signatures and status, or added to the
    /// memorandum already held.
    Import {
        #[arg(required = true, value_name = "FILE.json | FILE.pdf")]
        files: Vec<PathBuf>,
    },
    /// Save a JSON file as the next revision of a draft.
    Update {
        id: u32,
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Write a revision's JSON (the current one by default) to standard output or a file.
    Export {
        id: u32,
        #[arg(long, value_name = "N")]
        revision: Option<u32>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// A memorandum's status, hash and revisions.
    Show { id: u32 },
    /// Print a revision's JSON (the current one by default) without recording an export.
    Document {
        id: u32,
        #[arg(long, value_name = "N")]
        revision: Option<u32>,
    },
    /// What happened to a memorandum, from the audit log, with the whole log's check.
    History { id: u32 },
    /// Save an earlier revision's text as the next revision of a draft.
    Restore {
        id: u32,
        #[arg(value_name = "REVISION")]
        revision: u32,
    },
    /// List memorandums, optionally filtered by status and full-text query.
    List(ListArgs),
    /// Compare two revisions clause by clause, per language.
    Diff {
        id: u32,
        #[arg(long, value_name = "N")]
        from: u32,
        #[arg(long, value_name = "M")]
        to: u32,
    },
    /// Freeze a draft's text for signing.
    Approve { id: u32 },
    /// Return an approved memorandum to draft, as a new revision.
    Reopen { id: u32 },
    /// A draft amendment (дополнительное соглашение) of a signed or archived memorandum,
    /// linked to it: same parties, signatories, languages and layout, one clause to edit.
    Amend { id: u32 },
    /// Write the memorandum's newest stored PDF (the approved one, or its latest signed version),
    /// or with `--draft` a revision marked as a draft on every page (to circulate; never signed).
    Pdf {
        id: u32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// A draft of the current revision (or `--revision N`), at any status.
        #[arg(long)]
        draft: bool,
        /// With `--draft`: the revision to render.
        #[arg(long, requires = "draft")]
        revision: Option<u32>,
    },
    /// Sign the memorandum's latest PDF as the signatory that the key's certificate names.
    Sign(signing::MemoSignArgs),
    /// Who signs where, who has signed, and which keys of the keystore may sign (or why not).
    SignCandidates { id: u32 },
    /// Check a memorandum JSON file and list every problem; stores nothing.
    Validate {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    #[command(flatten)]
    Edit(editing::EditCommand),
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The template's name (see `kelisim templates`).
    #[arg(long)]
    template: String,
    /// The languages, comma-separated (kk,ru,en); a language the template lacks comes from a
    /// template of its family [default: the template's own].
    #[arg(
        long = "languages",
        value_enum,
        value_delimiter = ',',
        value_name = "LANG,…"
    )]
    languages: Vec<LangArg>,
    /// The layout [default: parallel for two or more languages, single for one].
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// The memorandum's date, YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// Fill a template party's seat from the organisations registry (see `kelisim org list`):
    /// SEAT=BIN, or SEAT=id:N for a registry id, e.g. ngo=160940012344. Repeatable.
    #[arg(long = "party", visible_alias = "org", value_name = "SEAT=BIN")]
    parties: Vec<String>,
    /// Set one field: PATH=VALUE, e.g. 'parties[0].name.ru=Министерство культуры', or with the
    /// party's seat, 'ngo.name.en=Open Roads Foundation'. Repeatable; applied last.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    sets: Vec<Assignment>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Kk,
    Ru,
    En,
}

impl NewArgs {
    fn request(&self) -> Result<NewMemoRequest, ApiError> {
        let parties = self
            .parties
            .iter()
            .map(|p| {
                let bad = || {
                    ApiError::new(
                        ErrorCode::InvalidInput,
                        format!(
                            "--party {p:?}: write SEAT=BIN or SEAT=id:N, e.g. ngo=160940012344"
                        ),
                    )
                };
                let (seat, org) = p.split_once('=').ok_or_else(bad)?;
                let organisation = match org.trim().strip_prefix("id:") {
                    Some(id) => OrganisationRef::Id(id.trim().parse().map_err(|_| bad())?),
                    None => OrganisationRef::Bin(org.trim().to_owned()),
                };
                Ok(PartyChoice {
                    seat: seat.trim().to_owned(),
                    organisation,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        Ok(NewMemoRequest {
            template: self.template.clone(),
            languages: self
                .languages
                .iter()
                .map(|l| match l {
                    LangArg::Kk => LanguageDto::Kk,
                    LangArg::Ru => LanguageDto::Ru,
                    LangArg::En => LanguageDto::En,
                })
                .collect(),
            layout: self.layout.map(layout_dto),
            date: self.date.clone(),
            parties,
            variables: self
                .sets
                .iter()
                .map(|a| VariableDto {
                    path: a.path.clone(),
                    value: a.value.clone(),
                })
                .collect(),
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatusArg {
    Draft,
    Approved,
    Signing,
    Signed,
    Archived,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    Updated,
    Date,
    Title,
}

#[derive(Debug, Args)]
struct ListArgs {
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Words to find in titles, parties and clauses, in any language and case.
    #[arg(long)]
    query: Option<String>,
    /// Only memorandums whose term's current period ends within N days from today.
    #[arg(long, value_name = "DAYS")]
    expiring: Option<u32>,
    #[arg(long, value_enum, default_value = "updated")]
    sort: SortArg,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

#[derive(Debug, Subcommand)]
enum Org {
    /// List the organisations, most recently used first, with the id and BIN that
    /// `memo new --party SEAT=BIN` (or SEAT=id:N) takes.
    List,
}

#[derive(Debug, Subcommand)]
enum Audit {
    /// Recompute the whole chain; exit 1 if any entry was edited, inserted or deleted.
    Verify,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    lang::choose(cli.lang);
    timings::install(cli.timings);

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            return report(
                cli.json,
                &ApiError::new(
                    ErrorCode::Internal,
                    format!("cannot start the runtime: {err}"),
                ),
            )
        }
    };
    match runtime.block_on(run(&cli)) {
        Ok(code) => code,
        Err(err) => report(cli.json, &err),
    }
}

fn data_dir(cli: &Cli) -> Result<std::path::PathBuf, ApiError> {
    let env = std::env::var_os(DATA_DIR_ENV);
    Ok(resolve_data_dir(cli.data_dir.as_deref(), env.as_deref())?)
}

async fn run(cli: &Cli) -> Result<ExitCode, ApiError> {
    // Validation needs no database.
    if let Command::Memo(Memo::Validate { file }) = &cli.command {
        let report = kelisim_app::validate_text(&read_document(file)?);
        output::validation(cli.json, file, &report)?;
        return Ok(if report.valid {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    if let Command::Render {
        source,
        out,
        layout,
        revision: None,
    } = &cli.command
    {
        if source.parse::<u32>().is_err() {
            let pdf = kelisim_app::render_file(Path::new(source), layout.map(layout_dto))?;
            write_bytes(out, &pdf)?;
            output::wrote(cli.json, out, &pdf)?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let data_dir = data_dir(cli)?;
    // `memo sign`: the key's passphrase derivation (Argon2id) starts before the database is
    // opened and runs while the memorandum is read and its signature laid out.
    let unlocking = match &cli.command {
        Command::Memo(Memo::Sign(args)) => Some(signing::start_unlock(&data_dir, args)?),
        _ => None,
    };
    let app = Kelisim::open(&data_dir).await?;
    let result = dispatch(cli, &app, unlocking).await;
    app.close().await;
    result
}

async fn dispatch(
    cli: &Cli,
    app: &Kelisim,
    unlocking: Option<signing::EarlyUnlock>,
) -> Result<ExitCode, ApiError> {
    let json = cli.json;
    match &cli.command {
        Command::Info => output::about(json, &app.about())?,
        Command::Templates { name: None } => output::templates(json, &app.templates())?,
        Command::Templates { name: Some(name) } => {
            output::raw(&(app.template_document(name)? + "\n"))?;
        }
        Command::Org(Org::List) => registry::organisations(json, &app.organisations().await?)?,
        Command::Memo(memo) => return memo_command(json, app, memo, unlocking).await,
        Command::Render {
            source,
            out,
            layout,
            revision,
        } => {
            let id = source.parse::<u32>().map_err(|_| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("--revision goes with a memorandum ID, not a file ({source})"),
                )
            })?;
            let pdf = app
                .render_memo(id, *revision, layout.map(layout_dto))
                .await?;
            write_bytes(out, &pdf)?;
            output::wrote(json, out, &pdf)?;
        }
        Command::Journal(cmd) => return journal::journal(json, app, cmd).await,
        Command::Key(key) => return signing::key(json, app, key).await,
        Command::Trust(trust) => return signing::trust(json, app, trust).await,
        Command::Sign(args) => return signing::sign(json, app, args),
        Command::Verify(args) => return signing::verify(json, app, args).await,
        Command::Audit(Audit::Verify) => {
            let check = app.verify_audit().await?;
            output::audit(json, &check)?;
            if !check.intact {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn memo_command(
    json: bool,
    app: &Kelisim,
    memo: &Memo,
    unlocking: Option<signing::EarlyUnlock>,
) -> Result<ExitCode, ApiError> {
    match memo {
        Memo::New(args) => {
            let created = app.new_memo(&args.request()?).await?;
            output::summary(json, "created", &created)?;
        }
        Memo::Import { files } => return import(json, app, files).await,
        Memo::Edit(cmd) => return editing::run(json, app, cmd).await,
        Memo::Update { id, file } => {
            let text = read_document(file)?;
            let updated = app.update(*id, &text, &file.display().to_string()).await?;
            output::summary(json, "saved", &updated)?;
        }
        Memo::Export { id, revision, out } => {
            let text = app.export(*id, *revision).await?;
            match out {
                Some(path) => write_file(path, &text)?,
                None => output::raw(&text)?,
            }
        }
        Memo::Show { id } => output::detail(json, &app.show(*id).await?)?,
        Memo::Document { id, revision } => output::raw(&app.document(*id, *revision).await?)?,
        Memo::History { id } => registry::history(json, &app.memo_history(*id).await?)?,
        Memo::Restore { id, revision } => {
            output::summary(json, "restored", &app.restore(*id, *revision).await?)?;
        }
        Memo::SignCandidates { id } => {
            signing::candidates(json, &app.sign_candidates(*id).await?)?;
        }
        Memo::List(args) => {
            let params = ListParams {
                status: args.status.map(|s| match s {
                    StatusArg::Draft => StatusDto::Draft,
                    StatusArg::Approved => StatusDto::Approved,
                    StatusArg::Signing => StatusDto::Signing,
                    StatusArg::Signed => StatusDto::Signed,
                    StatusArg::Archived => StatusDto::Archived,
                }),
                query: args.query.clone(),
                organisation: None,
                expiring_within_days: args.expiring,
                sort: match args.sort {
                    SortArg::Updated => SortDto::Updated,
                    SortArg::Date => SortDto::Date,
                    SortArg::Title => SortDto::Title,
                },
                limit: Some(args.limit),
                offset: Some(args.offset),
            };
            output::page(json, &app.list(&params).await?)?;
        }
        Memo::Diff { id, from, to } => output::diff(json, &app.diff(*id, *from, *to).await?)?,
        Memo::Approve { id } => output::summary(json, "approved", &app.approve(*id).await?)?,
        Memo::Reopen { id } => output::summary(json, "reopened", &app.reopen(*id).await?)?,
        Memo::Amend { id } => {
            output::summary(json, "created amendment", &app.new_amendment(*id).await?)?;
        }
        Memo::Pdf {
            id,
            out,
            draft: false,
            ..
        } => {
            let pdf = app.latest_pdf(*id).await?;
            write_bytes(out, &pdf)?;
            output::wrote(json, out, &pdf)?;
        }
        Memo::Pdf {
            id,
            out,
            draft: true,
            revision,
        } => {
            let done = app
                .export_draft_pdf_to_file(*id, *revision, None, out)
                .await?;
            output::wrote_sha(json, out, done.bytes, &done.sha256)?;
        }
        Memo::Sign(args) => return signing::memo_sign(json, app, args, unlocking).await,
        Memo::Validate { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports each file in turn and reports it at once, so that a caller can rely on every reported
/// memorandum being stored even if the process is stopped later.
async fn import(json: bool, app: &Kelisim, files: &[PathBuf]) -> Result<ExitCode, ApiError> {
    let mut worst: Option<ErrorCode> = None;
    for file in files {
        let result = if signing::is_pdf(file) {
            signing::import_pdf(app, file).await
        } else {
            match read_document(file) {
                Ok(text) => app
                    .import(&text, &file.display().to_string())
                    .await
                    .map_err(ApiError::from),
                Err(err) => Err(err),
            }
        };
        match &result {
            Ok(_) => {}
            Err(err) => {
                worst = Some(match worst {
                    Some(w) if exit_code(w) >= exit_code(err.code) => w,
                    _ => err.code,
                })
            }
        }
        output::imported(json, file, &result)?;
    }
    Ok(match worst {
        None => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(exit_code(code)),
    })
}

fn read_document(path: &Path) -> Result<String, ApiError> {
    Ok(kelisim_app::files::read_document(path)?)
}

fn write_file(path: &Path, text: &str) -> Result<(), ApiError> {
    write_bytes(path, text.as_bytes())
}

pub(crate) fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    Ok(kelisim_app::files::write_atomically(path, bytes)?)
}

fn layout_dto(layout: LayoutArg) -> kelisim_app::LayoutDto {
    match layout {
        LayoutArg::Parallel => kelisim_app::LayoutDto::Parallel,
        LayoutArg::Sequential => kelisim_app::LayoutDto::Sequential,
        LayoutArg::Single => kelisim_app::LayoutDto::Single,
    }
}

fn report(json: bool, err: &ApiError) -> ExitCode {
    if json {
        let body = serde_json::json!({
            "error": err,
            "lang": lang::tag(),
            "text": lang::error(err),
        });
        println!("{body}");
    } else {
        eprintln!(
            "kelisim: error: {} [{}]",
            lang::error(err),
            err.code.as_str()
        );
        for p in &err.problems {
            let at = if p.path.is_empty() {
                "(document)"
            } else {
                &p.path
            };
            eprintln!("  {at}: {}", lang::problem(p));
        }
    }
    ExitCode::from(exit_code(err.code))
}

pub(crate) fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput
        | ErrorCode::ValidationFailed
        | ErrorCode::WrongPassphrase
        | ErrorCode::SignatureInvalid
        | ErrorCode::UntrustedSigner
        | ErrorCode::KdfTooWeak => 1,
        ErrorCode::NotFound | ErrorCode::Conflict => 3,
        ErrorCode::File => 6,
        ErrorCode::DataDirUnavailable | ErrorCode::DatabaseUnavailable | ErrorCode::Database => 5,
        ErrorCode::Internal => 70,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kelisim_app::VerdictDto;

    /// The codes named in parentheses in each numbered paragraph of a section of the help.
    fn documented(section: &str) -> Vec<(u8, String)> {
        let mut out = Vec::new();
        let mut number = None;
        let mut text = String::new();
        let mut flush = |number: Option<u8>, text: &mut String| {
            if let Some(n) = number {
                for group in text.split('(').skip(1).filter_map(|g| g.split(')').next()) {
                    for word in group.split([',', ' ', '\n']).filter(|w| !w.is_empty()) {
                        out.push((n, word.to_owned()));
                    }
                }
            }
            text.clear();
        };
        for line in section.lines() {
            let head = line.trim_start();
            let starts_number = line.starts_with("  ") && !line.starts_with("      ");
            match head.split_whitespace().next().map(str::parse::<u8>) {
                Some(Ok(n)) if starts_number => {
                    flush(number, &mut text);
                    number = Some(n);
                }
                _ => {}
            }
            text.push_str(line);
            text.push('\n');
        }
        flush(number, &mut text);
        out
    }

    fn section(title: &str) -> &'static str {
        let start = EXIT_CODES.find(title).unwrap();
        let rest = &EXIT_CODES[start..];
        &rest[..rest.find("\n\n").unwrap_or(rest.len())]
    }

    #[test]
    fn every_error_code_is_documented_with_its_exit_code() {
        let docs = documented(section("Exit codes:"));
        for &code in ErrorCode::ALL {
            let said: Vec<u8> = docs
                .iter()
                .filter(|(_, w)| w == code.as_str())
                .map(|(n, _)| *n)
                .collect();
            assert_eq!(said, [exit_code(code)], "{} in --help", code.as_str());
        }
    }

    #[test]
    fn every_verdict_is_documented_with_its_exit_code() {
        let docs = documented(section("`kelisim verify` answers"));
        for verdict in [
            VerdictDto::Valid,
            VerdictDto::ValidUntrusted,
            VerdictDto::Invalid,
            VerdictDto::ModifiedAfterSigning,
            VerdictDto::ContentMismatch,
            VerdictDto::NotRederived,
            VerdictDto::NoSignatures,
        ] {
            let word = serde_json::to_value(verdict).unwrap();
            let said: Vec<u8> = docs
                .iter()
                .filter(|(_, w)| Some(w.as_str()) == word.as_str())
                .map(|(n, _)| *n)
                .collect();
            assert_eq!(
                said,
                [signing::verify_exit_code(verdict)],
                "{word} in --help"
            );
        }
    }
}
