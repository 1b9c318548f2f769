//! Verifying a folder: every `*.pdf` directly in it (any case), sorted by name, each verified
//! like [`Kelisim::verify_pdf`]; a file that cannot be read is a row with its error code, not
//! a failure of the whole folder. The report is written as CSV by [`FolderReport::to_csv`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::verify_with;
use crate::dto::{VerdictDto, VerificationDto};
use crate::error::ErrorCode;
use crate::files::{read_bytes, MAX_PDF_BYTES};
use crate::{AppError, Kelisim};

/// One file of a verified folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FolderRow {
    /// The file's name (without the folder).
    pub file: String,
    /// The verdict; `null` when the file could not be verified (see `error`).
    pub verdict: Option<VerdictDto>,
    /// Why the file could not be verified (`file` when it cannot be read).
    pub error: Option<ErrorCode>,
    pub signatures: u32,
    /// Each signer's name (the certificate's common name), in signing order.
    pub signers: Vec<String>,
    /// The stable codes of the findings (the document's and its signatures'), each once
    /// (`digest_mismatch`, `trust_no_path`, …), or the error's code.
    pub problem_codes: Vec<String>,
    /// What went wrong, in English: the document's findings, or the error's message. The CSV
    /// report is a log and archive format and stays in English whatever the interface
    /// language; the interface shows the findings' own texts.
    pub detail: String,
}

/// Every PDF of a folder, verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FolderReport {
    pub folder: String,
    /// Sorted by file name.
    pub rows: Vec<FolderRow>,
}

/// The header of [`FolderReport::to_csv`]; stable.
pub const FOLDER_CSV_HEADER: &str = "file,verdict,signatures,signers,detail";

/// A CSV field (RFC 4180), always quoted; a leading `=`, `+`, `-` or `@` is defused with a `'`
/// so that spreadsheets do not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The verdict as the CSV and the UI write it (`validUntrusted`), or `error`.
fn verdict_word(row: &FolderRow) -> String {
    row.verdict
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "error".to_owned())
}

impl FolderReport {
    /// The report as CSV: a header row, then one row per file; lines end with CRLF.
    pub fn to_csv(&self) -> String {
        let mut out = format!("{FOLDER_CSV_HEADER}\r\n");
        for r in &self.rows {
            out.push_str(&format!(
                "{},{},{},{},{}\r\n",
                csv_field(&r.file),
                csv_field(&verdict_word(r)),
                r.signatures,
                csv_field(&r.signers.join("; ")),
                csv_field(&r.detail)
            ));
        }
        out
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn error_row(file: String, err: &AppError) -> FolderRow {
    let api = err.to_api();
    FolderRow {
        file,
        verdict: None,
        error: Some(api.code),
        signatures: 0,
        signers: Vec::new(),
        problem_codes: vec![api.code.as_str().to_owned()],
        detail: api.message,
    }
}

fn verified_row(file: String, dto: &VerificationDto, signers: Vec<String>) -> FolderRow {
    let all = dto
        .problems
        .iter()
        .chain(dto.signatures.iter().flat_map(|s| s.problems.iter()));
    let mut codes: Vec<String> = Vec::new();
    for code in all.map(|p| p.code.as_str()) {
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    }
    FolderRow {
        file,
        verdict: Some(dto.verdict),
        error: None,
        signatures: u32::try_from(dto.signatures.len()).unwrap_or(u32::MAX),
        signers,
        problem_codes: codes,
        detail: dto
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A file of the folder: its name, and the path to read or why it is not read.
type Entry = (String, Result<PathBuf, AppError>);

/// What is in the folder to verify: the `*.pdf` entries (any case), sorted by name, each with
/// the path to read or why it is not read. A symbolic link is read only when it leads to a
/// regular file in the same folder; a folder named `x.pdf` is not a file and is left out.
fn pdf_entries(dir: &Path) -> Result<Vec<Entry>, AppError> {
    let folder_error = |e: std::io::Error| AppError::File {
        what: dir.display().to_string(),
        reason: e.to_string(),
    };
    let canonical = dir.canonicalize().map_err(folder_error)?;
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(folder_error)? {
        let entry = entry.map_err(folder_error)?;
        let path = entry.path();
        let name = file_name(&path);
        let is_pdf = Path::new(&name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("pdf"));
        if !is_pdf {
            continue;
        }
        let refuse = |reason: &str| AppError::File {
            what: path.display().to_string(),
            reason: reason.to_owned(),
        };
        // The entry's own type: a link is not followed here.
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                entries.push((name, Err(refuse(&e.to_string()))));
                continue;
            }
        };
        let target = if kind.is_dir() {
            continue;
        } else if kind.is_symlink() {
            match path.canonicalize() {
                Ok(t) if t.is_dir() => continue,
                Ok(t) if t.parent() == Some(canonical.as_path()) && t.is_file() => Ok(t),
                Ok(_) => Err(refuse(
                    "a link to a file outside the folder, which is not followed",
                )),
                Err(e) => Err(refuse(&format!("a link that leads nowhere ({e})"))),
            }
        } else if kind.is_file() {
            Ok(path.clone())
        } else {
            // A pipe or a device would block or never end.
            Err(refuse("not a regular file"))
        };
        entries.push((name, target));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

impl Kelisim {
    /// Verifies every PDF directly in `dir` against the trust store (see the module
    /// documentation). Fails only when the folder itself cannot be read.
    pub async fn verify_folder(&self, dir: &Path) -> Result<FolderReport, AppError> {
        let entries = pdf_entries(dir)?;
        let trust = self.trust_anchors().await?;
        let mut rows = Vec::with_capacity(entries.len());
        for (name, target) in entries {
            let pdf = match target.and_then(|path| read_bytes(&path, MAX_PDF_BYTES)) {
                Ok(pdf) => pdf,
                Err(err) => {
                    rows.push(error_row(name, &err));
                    continue;
                }
            };
            let known = match self.known_rendering(&pdf).await {
                Ok(known) => known,
                Err(err) => {
                    rows.push(error_row(name, &err));
                    continue;
                }
            };
            let verified = verify_with(&pdf, &trust, known.as_ref());
            self.remember_rederived(&pdf, &verified).await;
            let signers = verified
                .report
                .signatures
                .iter()
                .map(|s| {
                    s.signer_certificate
                        .as_deref()
                        .and_then(|der| kelisim_sign::certificate_info(der).ok())
                        .and_then(|c| c.name)
                        .or_else(|| s.signer_subject.clone())
                        .unwrap_or_default()
                })
                .collect();
            rows.push(verified_row(name, &verified.dto, signers));
        }
        Ok(FolderReport {
            folder: dir.display().to_string(),
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, verdict: Option<VerdictDto>, signers: &[&str], detail: &str) -> FolderRow {
        FolderRow {
            file: file.into(),
            verdict,
            error: verdict.is_none().then_some(ErrorCode::File),
            signatures: u32::try_from(signers.len()).unwrap(),
            signers: signers.iter().map(|s| (*s).to_owned()).collect(),
            problem_codes: Vec::new(),
            detail: detail.into(),
        }
    }

    #[test]
    fn the_csv_quotes_every_field_and_defuses_formulas() {
        let report = FolderReport {
            folder: "/tmp".into(),
            rows: vec![
                row(
                    "a \"b\".pdf",
                    Some(VerdictDto::Valid),
                    &["=HYPERLINK(\"x\")", "Ә"],
                    "",
                ),
                row("c.pdf", Some(VerdictDto::ValidUntrusted), &[], "+1; @x"),
                row("d.pdf", None, &[], "-no\r\nway"),
            ],
        };
        assert_eq!(
            report.to_csv(),
            "file,verdict,signatures,signers,detail\r\n\
             \"a \"\"b\"\".pdf\",\"valid\",2,\"'=HYPERLINK(\"\"x\"\"); Ә\",\"\"\r\n\
             \"c.pdf\",\"validUntrusted\",0,\"\",\"'+1; @x\"\r\n\
             \"d.pdf\",\"error\",0,\"\",\"'-no\r\nway\"\r\n"
        );
    }
}
