//! `memo set`, `memo party|signatory|annex|language` and `memo flags`: each one
//! `Kelisim::edit_memo` (or a translation-flag call) against the current revision.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use kelisim_app::{ApiError, EditDto, ErrorCode, Kelisim};
use serde_json::{json, Map, Value};

use crate::output;

/// The editing subcommands of `kelisim memo`.
#[derive(Debug, Subcommand)]
pub enum EditCommand {
    /// Set fields of a draft by JSON path: PATH=VALUE gives a string, PATH:=JSON any JSON value
    /// (httpie's convention), e.g. 'parties[1].name.ru=Фонд' 'term.duration.years:=3'. All in
    /// one new revision.
    Set {
        id: u32,
        #[arg(required = true, value_name = "PATH=VALUE | PATH:=JSON")]
        assignments: Vec<String>,
    },
    /// Add or remove a party.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Add or remove a signatory of a party.
    #[command(subcommand)]
    Signatory(SignatoryCommand),
    /// Add an annex.
    #[command(subcommand)]
    Annex(AnnexCommand),
    /// Add a language (every text copied from the first language and flagged) or remove one.
    #[command(subcommand)]
    Language(LanguageCommand),
    /// The texts that need translating; `flags dismiss ID PATH LANG` dismisses one.
    Flags(FlagsArgs),
}

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a party with its first signatory (or take the party from the registry by BIN).
    Add(PartyAdd),
    /// Remove a party (refused while a placeholder names it).
    Remove { id: u32, party: String },
}

#[derive(Debug, Args)]
pub struct PartyAdd {
    id: u32,
    /// state_body, ngo, company, international or other.
    #[arg(long, required_unless_present = "from_registry")]
    kind: Option<String>,
    /// The name per language: kk=…,ru=…
    #[arg(
        long,
        required_unless_present = "from_registry",
        value_name = "kk=…,ru=…"
    )]
    name: Option<String>,
    #[arg(long, value_name = "kk=…,ru=…")]
    short_name: Option<String>,
    #[arg(long)]
    bin: Option<String>,
    #[arg(long, value_name = "kk=…,ru=…")]
    address: Option<String>,
    /// The first signatory's name per language.
    #[arg(
        long,
        required_unless_present = "from_registry",
        value_name = "kk=…,ru=…"
    )]
    signatory_name: Option<String>,
    /// The first signatory's position per language.
    #[arg(
        long,
        required_unless_present = "from_registry",
        value_name = "kk=…,ru=…"
    )]
    position: Option<String>,
    /// Take the party (with its signatories) from the organisations registry.
    #[arg(long, value_name = "BIN")]
    from_registry: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SignatoryCommand {
    /// Add a signatory to a party.
    Add {
        id: u32,
        party: String,
        #[arg(long, value_name = "kk=…,ru=…")]
        name: String,
        #[arg(long, value_name = "kk=…,ru=…")]
        position: String,
        /// Signs under a power of attorney: its number and date.
        #[arg(long, value_name = "NUMBER:YYYY-MM-DD", conflicts_with = "acting")]
        poa: Option<String>,
        /// Signs as acting in the position (и.о.).
        #[arg(long)]
        acting: bool,
    },
    /// Remove a signatory (never a party's last one).
    Remove {
        id: u32,
        party: String,
        signatory: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnnexCommand {
    /// Add an annex holding a table (its columns) or clauses.
    Add {
        id: u32,
        #[arg(long, value_name = "kk=…,ru=…")]
        title: String,
        /// The columns as JSON: a list of headings ({"kk":…,"ru":…}) or of
        /// {"heading":…,"width":N}.
        #[arg(long, value_name = "COLUMNS_JSON", required_unless_present = "clauses")]
        table: Option<String>,
        /// The annex holds clauses (none yet).
        #[arg(long, conflicts_with = "table")]
        clauses: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LanguageCommand {
    /// Add a language: every text is copied (from the first language unless --copy-from).
    Add {
        id: u32,
        language: String,
        #[arg(long, value_name = "LANG")]
        copy_from: Option<String>,
    },
    /// Remove a language everywhere.
    Remove { id: u32, language: String },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FlagsArgs {
    #[command(subcommand)]
    action: Option<FlagsAction>,
    /// The memorandum whose flags to list.
    id: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum FlagsAction {
    /// Dismiss one flag (audited).
    Dismiss {
        id: u32,
        /// The text's path, e.g. sections[0].clauses[1].text
        path: String,
        language: String,
    },
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// Runs an editing subcommand.
pub async fn run(json: bool, app: &Kelisim, cmd: &EditCommand) -> Result<ExitCode, ApiError> {
    let (id, edits) = match cmd {
        EditCommand::Flags(args) => return flags(json, app, args).await,
        EditCommand::Set { id, assignments } => (*id, assignments_to_edits(assignments)?),
        EditCommand::Party(PartyCommand::Add(add)) => (add.id, vec![party_add(app, add).await?]),
        EditCommand::Party(PartyCommand::Remove { id, party }) => {
            (*id, vec![EditDto::RemoveParty { id: party.clone() }])
        }
        EditCommand::Signatory(cmd) => signatory(cmd)?,
        EditCommand::Annex(AnnexCommand::Add {
            id,
            title,
            table,
            clauses: _,
        }) => (*id, vec![annex_add(title, table.as_deref())?]),
        EditCommand::Language(LanguageCommand::Add {
            id,
            language,
            copy_from,
        }) => (
            *id,
            vec![EditDto::AddLanguage {
                language: language.clone(),
                copy_from: copy_from.clone(),
            }],
        ),
        EditCommand::Language(LanguageCommand::Remove { id, language }) => (
            *id,
            vec![EditDto::RemoveLanguage {
                language: language.clone(),
            }],
        ),
    };
    let current = app.show(id).await?.summary.current_revision;
    let summary = app.edit_memo(id, current, edits).await?;
    output::summary(json, "edited", &summary)?;
    Ok(ExitCode::SUCCESS)
}

/// `PATH=VALUE` (a string) or `PATH:=JSON` (any JSON value), each a `set`.
pub fn assignments_to_edits(assignments: &[String]) -> Result<Vec<EditDto>, ApiError> {
    assignments
        .iter()
        .map(|a| {
            let eq = a
                .find('=')
                .ok_or_else(|| invalid(format!("{a:?}: write PATH=VALUE or PATH:=JSON")))?;
            let (path, value) = match a[..eq].strip_suffix(':') {
                Some(path) => {
                    let value = serde_json::from_str(&a[eq + 1..]).map_err(|err| {
                        invalid(format!("{a:?}: the value after := is not JSON: {err}"))
                    })?;
                    (path, value)
                }
                None => (&a[..eq], Value::String(a[eq + 1..].to_owned())),
            };
            Ok(EditDto::Set {
                path: path.to_owned(),
                value,
            })
        })
        .collect()
}

/// `kk=…,ru=…` as a text. A comma belongs to the text unless a language tag and `=` follow it.
pub fn text_arg(arg: &str) -> Result<Value, ApiError> {
    let starts = |i: usize| {
        ["kk=", "ru=", "en="]
            .iter()
            .any(|t| arg[i..].starts_with(t))
    };
    let mut cuts: Vec<usize> = (0..arg.len())
        .filter(|&i| arg.is_char_boundary(i) && arg[i..].starts_with(',') && starts(i + 1))
        .collect();
    if !starts(0) {
        return Err(invalid(format!(
            "{arg:?}: write each language's text as kk=…,ru=…"
        )));
    }
    cuts.push(arg.len());
    let mut map = Map::new();
    let mut from = 0;
    for cut in cuts {
        let part = &arg[from..cut];
        let (lang, text) = part.split_at(2);
        map.insert(lang.to_owned(), Value::String(text[1..].to_owned()));
        from = cut + 1;
    }
    Ok(Value::Object(map))
}

fn opt_text(arg: Option<&str>) -> Result<Option<Value>, ApiError> {
    arg.map(text_arg).transpose()
}

async fn party_add(app: &Kelisim, add: &PartyAdd) -> Result<EditDto, ApiError> {
    if let Some(bin) = &add.from_registry {
        let orgs = app.organisations().await?;
        let org = orgs
            .iter()
            .find(|o| o.bin.as_deref() == Some(bin.as_str()))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("no organisation with the BIN {bin} in the registry"),
                )
            })?;
        let party: Value = serde_json::from_str(&org.party)
            .map_err(|err| invalid(format!("the registry's party {bin}: {err}")))?;
        return Ok(EditDto::AddParty { party, at: None });
    }
    let need = |v: &Option<String>, flag: &str| {
        v.clone()
            .ok_or_else(|| invalid(format!("--{flag} is required without --from-registry")))
    };
    let mut party = json!({
        "id": "",
        "kind": need(&add.kind, "kind")?,
        "name": text_arg(&need(&add.name, "name")?)?,
        "signatories": [{
            "id": "",
            "name": text_arg(&need(&add.signatory_name, "signatory-name")?)?,
            "position": text_arg(&need(&add.position, "position")?)?,
        }],
    });
    let extra = [
        ("short_name", opt_text(add.short_name.as_deref())?),
        ("address", opt_text(add.address.as_deref())?),
        ("bin", add.bin.clone().map(Value::String)),
    ];
    for (key, value) in extra {
        if let (Some(value), Some(map)) = (value, party.as_object_mut()) {
            map.insert(key.to_owned(), value);
        }
    }
    if let Some(sig) = party.pointer_mut("/signatories/0/id") {
        *sig = Value::String("signatory".into());
    }
    Ok(EditDto::AddParty { party, at: None })
}

fn signatory(cmd: &SignatoryCommand) -> Result<(u32, Vec<EditDto>), ApiError> {
    Ok(match cmd {
        SignatoryCommand::Add {
            id,
            party,
            name,
            position,
            poa,
            acting,
        } => {
            let mut signatory = json!({
                "id": "", "name": text_arg(name)?, "position": text_arg(position)?,
            });
            let authority = match (poa, acting) {
                (Some(poa), _) => {
                    let (number, date) = poa.rsplit_once(':').ok_or_else(|| {
                        invalid(format!("--poa {poa:?}: write NUMBER:YYYY-MM-DD"))
                    })?;
                    Some(json!({ "kind": "power_of_attorney", "number": number, "date": date }))
                }
                (None, true) => Some(json!({ "kind": "acting" })),
                (None, false) => None,
            };
            if let (Some(a), Some(map)) = (authority, signatory.as_object_mut()) {
                map.insert("authority".into(), a);
            }
            let edit = EditDto::AddSignatory {
                party: party.clone(),
                signatory,
                at: None,
            };
            (*id, vec![edit])
        }
        SignatoryCommand::Remove {
            id,
            party,
            signatory,
        } => (
            *id,
            vec![EditDto::RemoveSignatory {
                party: party.clone(),
                id: signatory.clone(),
            }],
        ),
    })
}

fn annex_add(title: &str, table: Option<&str>) -> Result<EditDto, ApiError> {
    let content = match table {
        None => json!({ "clauses": [] }),
        Some(columns) => {
            let list: Vec<Value> = serde_json::from_str(columns)
                .map_err(|err| invalid(format!("--table: not a JSON list of columns: {err}")))?;
            let columns: Vec<Value> = list
                .into_iter()
                .map(|c| match c.get("heading") {
                    Some(_) => c,
                    None => json!({ "heading": c }),
                })
                .collect();
            json!({ "table": { "columns": columns, "rows": [] } })
        }
    };
    Ok(EditDto::AddAnnex {
        annex: json!({ "id": "", "title": text_arg(title)?, "content": content }),
        at: None,
    })
}

async fn flags(json: bool, app: &Kelisim, args: &FlagsArgs) -> Result<ExitCode, ApiError> {
    let flags = match (&args.action, args.id) {
        (Some(FlagsAction::Dismiss { id, path, language }), _) => {
            app.dismiss_translation_flag(*id, path, language).await?
        }
        (None, Some(id)) => app.translation_flags(id).await?,
        (None, None) => return Err(invalid("memo flags: give the memorandum's ID".into())),
    };
    output::flags(json, &flags)?;
    Ok(ExitCode::SUCCESS)
}
