//! The commands over what the registry keeps besides the memorandums' text: a memorandum's
//! history (`memo history`), the organisations (`org list`), and verifying a folder of PDFs
//! (`verify DIR`). Arguments in, one `kelisim-app` call, printing out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kelisim_app::{
    ApiError, ErrorCode, FolderReport, Kelisim, MemoHistoryDto, OrganisationDto, VerdictDto,
};

use crate::output::{clip, json, raw, verdict_word};
use crate::signing::verify_exit_code;

pub fn history(as_json: bool, h: &MemoHistoryDto) -> Result<(), ApiError> {
    if as_json {
        return json(h);
    }
    let mut text = format!("history of memorandum {}\n", h.memorandum);
    for e in &h.entries {
        let mut what = e.action.clone();
        if let Some(r) = e.revision {
            what.push_str(&format!(" revision {r}"));
        }
        if let Some(s) = &e.signer {
            what.push_str(&format!(" by {s}"));
        }
        if let Some(sha) = &e.pdf_sha256 {
            what.push_str(&format!(" (pdf sha256 {sha})"));
        }
        text.push_str(&format!(
            "{:>5}  {}  {:<12}  {what}\n",
            e.seq, e.at, e.actor
        ));
    }
    if h.check.intact {
        text.push_str(&format!(
            "audit log intact: {} entries, head {}\n",
            h.check.entries, h.check.head
        ));
    } else {
        text.push_str("audit log BROKEN: this history cannot be relied on:\n");
        for p in &h.check.problems {
            text.push_str(&format!("  {p}\n"));
        }
    }
    raw(&text)
}

/// The party's name in the first language it has.
fn party_name(party: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(party).unwrap_or_default();
    ["kk", "ru", "en"]
        .iter()
        .find_map(|l| value["name"][l].as_str())
        .unwrap_or("?")
        .to_owned()
}

pub fn organisations(as_json: bool, list: &[OrganisationDto]) -> Result<(), ApiError> {
    if as_json {
        return json(&list);
    }
    let mut text = format!("{:>4}  {:<12}  {:<12}  {}\n", "ID", "BIN", "KIND", "NAME");
    for o in list {
        text.push_str(&format!(
            "{:>4}  {:<12}  {:<12}  {}\n",
            o.id,
            o.bin.as_deref().unwrap_or("-"),
            o.kind,
            clip(&party_name(&o.party), 80).trim_end()
        ));
    }
    raw(&text)
}

/// How bad an outcome is, for the folder's exit code: an invalid file is the worst, then one
/// that could not be read, then pages not re-derived, then an untrusted signer.
fn severity(exit: u8) -> u8 {
    match exit {
        0 => 0,
        4 => 1,
        7 => 2,
        1 => 4,
        _ => 3,
    }
}

/// The exit code of one row.
fn row_exit(verdict: Option<VerdictDto>, error: Option<ErrorCode>) -> u8 {
    match (verdict, error) {
        (Some(v), _) => verify_exit_code(v),
        (None, Some(code)) => crate::exit_code(code),
        (None, None) => 70,
    }
}

/// The worst row's exit code (0 for an empty folder).
pub fn folder_exit_code(report: &FolderReport) -> u8 {
    report
        .rows
        .iter()
        .map(|r| row_exit(r.verdict, r.error))
        .max_by_key(|&code| severity(code))
        .unwrap_or(0)
}

fn folder_text(report: &FolderReport) -> String {
    let mut text = String::new();
    for r in &report.rows {
        let verdict = match (r.verdict, r.error) {
            (Some(v), _) => verdict_word(v).to_owned(),
            (None, Some(code)) => format!("NOT VERIFIED [{}]", code.as_str()),
            (None, None) => "NOT VERIFIED".to_owned(),
        };
        text.push_str(&format!("{}: {verdict}\n", r.file));
        if !r.signers.is_empty() {
            text.push_str(&format!("  signers: {}\n", r.signers.join("; ")));
        }
        if !r.detail.is_empty() {
            text.push_str(&format!("  detail:  {}\n", r.detail));
        }
    }
    text.push_str(&format!(
        "{} PDF file{} in {}\n",
        report.rows.len(),
        if report.rows.len() == 1 { "" } else { "s" },
        report.folder
    ));
    text
}

/// `kelisim verify DIR [--csv FILE|-]`.
pub async fn verify_folder(
    as_json: bool,
    app: &Kelisim,
    dir: &Path,
    csv: Option<&PathBuf>,
) -> Result<ExitCode, ApiError> {
    let report = app.verify_folder(dir).await?;
    match csv {
        Some(path) if path.as_os_str() == "-" => raw(&report.to_csv())?,
        Some(path) => {
            crate::write_bytes(path, report.to_csv().as_bytes())?;
            if as_json {
                json(&report)?;
            } else {
                raw(&folder_text(&report))?;
                raw(&format!("wrote {}\n", path.display()))?;
            }
        }
        None if as_json => json(&report)?,
        None => raw(&folder_text(&report))?,
    }
    Ok(ExitCode::from(folder_exit_code(&report)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kelisim_app::FolderRow;

    fn row(verdict: Option<VerdictDto>, error: Option<ErrorCode>) -> FolderRow {
        FolderRow {
            file: "x.pdf".into(),
            verdict,
            error,
            signatures: 0,
            signers: Vec::new(),
            problem_codes: Vec::new(),
            detail: String::new(),
        }
    }

    #[test]
    fn the_folder_exits_with_its_worst_row() {
        let report = |rows| FolderReport {
            folder: ".".into(),
            rows,
        };
        let valid = || row(Some(VerdictDto::Valid), None);
        let untrusted = || row(Some(VerdictDto::ValidUntrusted), None);
        let unread = || row(None, Some(ErrorCode::File));
        let invalid = || row(Some(VerdictDto::ModifiedAfterSigning), None);
        assert_eq!(folder_exit_code(&report(vec![])), 0);
        assert_eq!(folder_exit_code(&report(vec![valid(), untrusted()])), 4);
        assert_eq!(folder_exit_code(&report(vec![untrusted(), unread()])), 6);
        assert_eq!(
            folder_exit_code(&report(vec![invalid(), unread(), valid()])),
            1
        );
    }
}
