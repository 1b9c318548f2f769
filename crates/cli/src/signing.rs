//! The signing commands: `key`, `trust`, `sign`, `verify`, `memo sign`, and `memo import`
//! of a PDF. Arguments in, one `kelisim-app` call, printing out.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kelisim_app::{
    read_file_bytes, ApiError, ErrorCode, Kelisim, MemoSummary, NewKeyRequest, NotSigningReason,
    SignCandidatesDto, SignFileOptions, VerdictDto, MAX_PDF_BYTES, MAX_SMALL_FILE_BYTES,
};

use crate::passphrase::{self, BACKUP_PASSPHRASE_ENV, CA_PASSPHRASE_ENV, PASSPHRASE_ENV};
use crate::{output, write_bytes};

#[derive(Debug, Subcommand)]
pub enum Key {
    /// Create a signing key with a certificate naming you (self-signed, or issued by a CA key
    /// of this keystore with --issuer). The passphrase comes from KELISIM_PASSPHRASE or is
    /// asked twice.
    New(KeyNewArgs),
    /// Organisation certificate authorities.
    #[command(subcommand)]
    Ca(KeyCa),
    /// List the keys with their fingerprints.
    List,
    /// Trust one of your keys (its certificate, as itself) after its passphrase opens it: for
    /// keys created before this version, which did not record them in the trust store.
    Trust { label: String },
    /// Write a key's certificate (PEM) to give to the other parties.
    Certificate {
        label: String,
        #[arg(long, value_name = "FILE.pem")]
        out: Option<PathBuf>,
    },
    /// Encrypted key backups.
    #[command(subcommand)]
    Backup(KeyBackup),
}

#[derive(Debug, Subcommand)]
pub enum KeyCa {
    /// Create an organisation CA key (it issues keys with `key new --issuer LABEL`).
    New(KeyCaArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeyBackup {
    /// Write an encrypted backup of a key, under a backup passphrase
    /// (KELISIM_BACKUP_PASSPHRASE, or asked twice).
    Export {
        label: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a backup as LABEL, re-encrypted under a new passphrase (KELISIM_PASSPHRASE, or
    /// asked twice).
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        label: String,
    },
}

#[derive(Debug, Args)]
pub struct KeyNewArgs {
    /// The key's label, e.g. aigerim.
    label: String,
    /// Your name as the memorandum writes it (in any of its languages).
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    position: String,
    #[arg(long, default_value = "")]
    organisation: String,
    /// The organisation's 12-digit BIN.
    #[arg(long)]
    bin: Option<String>,
    /// Validity in days.
    #[arg(long, default_value_t = 1095)]
    days: u32,
    /// The CA key that issues the certificate (its passphrase: KELISIM_CA_PASSPHRASE, else
    /// KELISIM_PASSPHRASE, else asked).
    #[arg(long, value_name = "CA")]
    issuer: Option<String>,
}

#[derive(Debug, Args)]
pub struct KeyCaArgs {
    label: String,
    /// The CA's name, e.g. "Fund CA".
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    organisation: String,
    #[arg(long)]
    bin: Option<String>,
    #[arg(long, default_value_t = 3650)]
    days: u32,
}

#[derive(Debug, Subcommand)]
pub enum Trust {
    /// Trust a certificate (PEM or DER file); prints its fingerprint to compare with its owner.
    /// An end-entity certificate is trusted for its own signatures only. A CA certificate is
    /// trusted only for the organisations given with --for-bin, or, without it, for the BIN its
    /// own subject names (refused when it names none).
    Add {
        #[arg(value_name = "CERT")]
        file: PathBuf,
        /// A BIN (12 digits) of an organisation whose certificates this CA may vouch for.
        /// Repeatable; CA certificates only.
        #[arg(long = "for-bin", value_name = "BIN")]
        for_bin: Vec<String>,
    },
    /// Trust the signer of one signature of a PDF, as that certificate only, after comparing
    /// its fingerprint with its owner. Refused unless that signature verifies (intact, nothing
    /// but signatures after it) and its certificate is not a CA's.
    SignerOf {
        #[arg(value_name = "FILE.pdf")]
        file: PathBuf,
        /// The signature field, e.g. kelisim:ministry:minister.
        #[arg(long)]
        field: String,
    },
    /// List the trusted certificates with their scope and origin.
    List,
    /// Stop trusting a certificate, by fingerprint (spaces optional).
    Remove { fingerprint: Vec<String> },
}

#[derive(Debug, Args)]
pub struct SignArgs {
    #[arg(value_name = "FILE.pdf")]
    file: PathBuf,
    /// The key's label.
    #[arg(long)]
    key: String,
    #[arg(long, value_name = "OUT.pdf")]
    out: PathBuf,
    /// Certify (DocMDP P=2: only further signatures allowed); only as the first signature.
    #[arg(long)]
    certify: bool,
    #[arg(long)]
    reason: Option<String>,
    #[arg(long)]
    location: Option<String>,
    /// The page of the visible signature.
    #[arg(long, default_value_t = 1)]
    page: u32,
}

#[derive(Debug, Args)]
pub struct MemoSignArgs {
    id: u32,
    /// The key's label.
    #[arg(long)]
    key: String,
    /// Do not certify (by default the first signature certifies: DocMDP P=2).
    #[arg(long)]
    no_certify: bool,
    #[arg(long)]
    reason: Option<String>,
    #[arg(long)]
    location: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A PDF, or a folder: every *.pdf directly in it, sorted by name (links out of the
    /// folder are not followed).
    #[arg(value_name = "FILE.pdf | DIR")]
    file: PathBuf,
    /// Also trust this certificate (PEM or DER). Repeatable; one PDF only.
    #[arg(long = "trust", value_name = "CERT")]
    trust: Vec<PathBuf>,
    /// With a folder: write the summary as CSV (file, verdict, signatures, signers, detail)
    /// to FILE, or to standard output with -.
    #[arg(long, value_name = "FILE|-")]
    csv: Option<PathBuf>,
}

fn key_passphrase(label: &str) -> Result<kelisim_app::Passphrase, ApiError> {
    passphrase::existing(&[PASSPHRASE_ENV], &format!("Passphrase of key {label:?}: "))
}

pub async fn key(json: bool, app: &Kelisim, key: &Key) -> Result<ExitCode, ApiError> {
    match key {
        Key::New(a) => {
            let request = NewKeyRequest {
                label: a.label.clone(),
                name: a.name.clone(),
                position: a.position.clone(),
                organisation: a.organisation.clone(),
                bin: a.bin.clone(),
                validity_days: a.days,
                issuer: a.issuer.clone(),
                is_ca: false,
            };
            let pass = passphrase::new(PASSPHRASE_ENV, "New passphrase for the key: ")?;
            let ca_pass = match &a.issuer {
                Some(ca) => Some(passphrase::existing(
                    &[CA_PASSPHRASE_ENV, PASSPHRASE_ENV],
                    &format!("Passphrase of CA key {ca:?}: "),
                )?),
                None => None,
            };
            output::key(
                json,
                "created",
                &app.key_new(&request, &pass, ca_pass.as_ref()).await?,
            )?;
        }
        Key::Ca(KeyCa::New(a)) => {
            let request = NewKeyRequest {
                label: a.label.clone(),
                name: a.name.clone(),
                position: String::new(),
                organisation: a.organisation.clone(),
                bin: a.bin.clone(),
                validity_days: a.days,
                issuer: None,
                is_ca: true,
            };
            let pass = passphrase::new(PASSPHRASE_ENV, "New passphrase for the CA key: ")?;
            output::key(json, "created", &app.key_new(&request, &pass, None).await?)?;
        }
        Key::List => output::keys(json, &app.key_list()?)?,
        Key::Trust { label } => {
            let pass = key_passphrase(label)?;
            output::trusted(json, &app.key_trust(label, &pass).await?)?;
        }
        Key::Certificate { label, out } => {
            let pem = app.key_certificate(label)?;
            match out {
                Some(path) => {
                    write_bytes(path, pem.as_bytes())?;
                    output::wrote(json, path, pem.as_bytes())?;
                }
                None => output::raw(&pem)?,
            }
        }
        Key::Backup(KeyBackup::Export { label, out }) => {
            let pass = key_passphrase(label)?;
            let backup_pass = passphrase::new(
                BACKUP_PASSPHRASE_ENV,
                "New passphrase for the backup file: ",
            )?;
            let bytes = app.key_backup_export(label, &pass, &backup_pass)?;
            write_bytes(out, &bytes)?;
            output::wrote(json, out, &bytes)?;
        }
        Key::Backup(KeyBackup::Import { file, label }) => {
            let bytes = read_file_bytes(file, MAX_SMALL_FILE_BYTES)?;
            let backup_pass =
                passphrase::existing(&[BACKUP_PASSPHRASE_ENV], "Passphrase of the backup file: ")?;
            let pass = passphrase::new(PASSPHRASE_ENV, "New passphrase for the key: ")?;
            let dto = app
                .key_backup_import(&bytes, &backup_pass, label, &pass)
                .await?;
            output::key(json, "imported", &dto)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn trust(json: bool, app: &Kelisim, trust: &Trust) -> Result<ExitCode, ApiError> {
    match trust {
        Trust::Add { file, for_bin } => {
            let bytes = read_file_bytes(file, MAX_SMALL_FILE_BYTES)?;
            output::trusted(json, &app.trust_add(&bytes, for_bin).await?)?;
        }
        Trust::SignerOf { file, field } => {
            let pdf = read_file_bytes(file, MAX_PDF_BYTES)?;
            output::trusted(json, &app.trust_signer_of(&pdf, field).await?)?;
        }
        Trust::List => output::trust_list(json, &app.trust_list().await?)?,
        Trust::Remove { fingerprint } => {
            app.trust_remove(&fingerprint.join(" ")).await?;
            if json {
                output::json(&serde_json::json!({ "removed": fingerprint.join(" ") }))?;
            } else {
                output::raw("removed from the trust store\n")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sign(json: bool, app: &Kelisim, a: &SignArgs) -> Result<ExitCode, ApiError> {
    let pdf = read_file_bytes(&a.file, MAX_PDF_BYTES)?;
    let options = SignFileOptions {
        certify: a.certify,
        reason: a.reason.clone(),
        location: a.location.clone(),
    };
    let pass = key_passphrase(&a.key)?;
    let (signed, dto) = app.sign_file(&pdf, &a.key, &pass, a.page, &options)?;
    write_bytes(&a.out, &signed)?;
    output::signed(json, Some(&a.out), &dto)?;
    Ok(ExitCode::SUCCESS)
}

/// A key whose unlocking started before the database was opened.
pub struct EarlyUnlock {
    unlocking: kelisim_app::Unlocking,
}

/// Asks for the key's passphrase (or takes it from the environment) and starts unlocking the
/// key, before the database is opened.
pub fn start_unlock(data_dir: &Path, a: &MemoSignArgs) -> Result<EarlyUnlock, ApiError> {
    let pass = key_passphrase(&a.key)?;
    Ok(EarlyUnlock {
        unlocking: Kelisim::start_unlock(data_dir, &a.key, &pass),
    })
}

/// `memo sign`, with the key's unlocking started early, or started now.
pub async fn memo_sign(
    json: bool,
    app: &Kelisim,
    a: &MemoSignArgs,
    early: Option<EarlyUnlock>,
) -> Result<ExitCode, ApiError> {
    let options = SignFileOptions {
        certify: !a.no_certify,
        reason: a.reason.clone(),
        location: a.location.clone(),
    };
    let dto = match early {
        Some(EarlyUnlock { unlocking }) => {
            app.memo_sign_unlocking(a.id, unlocking, &options).await?
        }
        None => {
            let pass = key_passphrase(&a.key)?;
            app.memo_sign(a.id, &a.key, &pass, &options).await?
        }
    };
    output::signed(json, None, &dto)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn verify(json: bool, app: &Kelisim, a: &VerifyArgs) -> Result<ExitCode, ApiError> {
    if a.file.is_dir() {
        if !a.trust.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "--trust: a folder is verified against the trust store only (add the \
                 certificate with `kelisim trust add`)",
            ));
        }
        return crate::registry::verify_folder(json, app, &a.file, a.csv.as_ref()).await;
    }
    if a.csv.is_some() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "--csv: goes with a folder, not a single PDF",
        ));
    }
    let pdf = read_file_bytes(&a.file, MAX_PDF_BYTES)?;
    let trust = a
        .trust
        .iter()
        .map(|p| read_file_bytes(p, MAX_SMALL_FILE_BYTES))
        .collect::<Result<Vec<_>, _>>()?;
    let report = app.verify_pdf(&pdf, &trust).await?;
    output::verification(json, &a.file, &report)?;
    Ok(ExitCode::from(verify_exit_code(report.verdict)))
}

/// `kelisim verify`'s exit code for a verdict (documented in `--help`).
pub fn verify_exit_code(verdict: VerdictDto) -> u8 {
    match verdict {
        VerdictDto::Valid => 0,
        VerdictDto::ValidUntrusted => 4,
        VerdictDto::NotRederived => 7,
        VerdictDto::Invalid
        | VerdictDto::ModifiedAfterSigning
        | VerdictDto::ContentMismatch
        | VerdictDto::NoSignatures => 1,
    }
}

/// Whether the file starts with `%PDF-`.
pub fn is_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"%PDF-"
}

pub async fn import_pdf(app: &Kelisim, file: &Path) -> Result<MemoSummary, ApiError> {
    let pdf = read_file_bytes(file, MAX_PDF_BYTES)?;
    Ok(app.import_pdf(&pdf, &file.display().to_string()).await?)
}

/// `memo sign-candidates`: the sign dialog's facts.
pub fn candidates(json: bool, c: &SignCandidatesDto) -> Result<(), ApiError> {
    if json {
        return output::json(c);
    }
    let mut text = format!(
        "memorandum {} ({}), pdf sha256 {}\nsignatories:\n",
        c.memorandum,
        if c.signable {
            "can be signed"
        } else {
            "cannot be signed now"
        },
        c.pdf_sha256
    );
    for s in &c.signatories {
        text.push_str(&format!(
            "  {}  {}, {} ({}){}\n",
            s.field,
            s.name,
            s.position,
            s.party,
            if s.signed { ": signed" } else { "" }
        ));
    }
    text.push_str("keys:\n");
    for k in &c.keys {
        let what = match (&k.field, k.reason) {
            (Some(field), _) => format!("may sign {field}"),
            (None, Some(NotSigningReason::NotSignatory)) => {
                "cannot sign: its certificate names none of the signatories".to_owned()
            }
            (None, Some(NotSigningReason::SignedAlready)) => {
                "cannot sign: its signatory has signed already".to_owned()
            }
            (None, Some(NotSigningReason::CaKey)) => "cannot sign: a CA key".to_owned(),
            (None, None) => "cannot sign".to_owned(),
        };
        text.push_str(&format!("  {:<16} {what}\n", k.key.label));
    }
    output::raw(&text)
}
