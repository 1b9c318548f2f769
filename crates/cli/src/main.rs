//! `kelisim`: the command line. Every command calls `kelisim-app`, the same API the desktop app
//! uses, and every command can answer in JSON (`--json`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kelisim_app::{resolve_data_dir, ApiError, ErrorCode, Kelisim, DATA_DIR_ENV};

const EXIT_CODES: &str = "\
Exit codes:
  0   success
  1   the input was refused (invalid_input)
  2   the command line was wrong (usage)
  5   the data folder or database cannot be used (data_dir_unavailable, database_unavailable, database)
  70  an internal error (internal); please report it";

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

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the version, the data folder and the database file (creating them if missing).
    Info,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
        )
        .init();

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
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(cli.json, &err),
    }
}

async fn run(cli: &Cli) -> Result<(), ApiError> {
    let env = std::env::var_os(DATA_DIR_ENV);
    let data_dir = resolve_data_dir(cli.data_dir.as_deref(), env.as_deref())?;
    let app = Kelisim::open(&data_dir).await?;
    let result = match cli.command {
        Command::Info => {
            let about = app.about();
            if cli.json {
                print_json(&about)
            } else {
                println!("Kelisim {}", about.version);
                println!("data folder: {}", about.data_dir);
                println!("database:    {}", about.database);
                Ok(())
            }
        }
    };
    app.close().await;
    result
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| ApiError::new(ErrorCode::Internal, format!("cannot write JSON: {err}")))?;
    println!("{text}");
    Ok(())
}

fn report(json: bool, err: &ApiError) -> ExitCode {
    if json {
        let body = serde_json::json!({ "error": err });
        println!("{body}");
    } else {
        eprintln!("kelisim: error: {} [{}]", err.message, err.code.as_str());
    }
    ExitCode::from(exit_code(err.code))
}

fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput => 1,
        ErrorCode::DataDirUnavailable | ErrorCode::DatabaseUnavailable | ErrorCode::Database => 5,
        ErrorCode::Internal => 70,
    }
}
