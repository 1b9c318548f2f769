//! Verifying PDF files, one or a folder, and the folder's summary as CSV.

use std::path::Path;

use kelisim_app::{ApiError, AppError, VerificationDto};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::{blocking, read_pdf, PdfBytes};
use crate::AppState;

/// Verifies a PDF file: every signature, and whether its pages are its embedded memorandum.
#[tauri::command]
#[specta::specta]
pub async fn verify_pdf_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<VerificationDto, ApiError> {
    let app = state.kelisim()?;
    blocking(move || async move { app.verify_pdf(&read_pdf(&path)?, &[]).await }).await
}

/// The PDF files directly inside a folder, sorted by name, for verifying a folder.
#[tauri::command]
#[specta::specta]
pub async fn list_pdf_files(path: String) -> Result<Vec<String>, ApiError> {
    blocking(move || async move {
        let dir = Path::new(&path);
        let err = |e: std::io::Error| AppError::File {
            what: dir.display().to_string(),
            reason: e.to_string(),
        };
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map_err(err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        Ok(files)
    })
    .await
}

/// Writes a verification summary as CSV (one row per file) to the file chosen in the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_verification_csv(
    rows: Vec<VerificationRow>,
    path: String,
) -> Result<(), ApiError> {
    blocking(move || async move {
        kelisim_app::files::write_atomically(Path::new(&path), verification_csv(&rows).as_bytes())
    })
    .await
}

/// A PDF file's bytes, to show the file being verified.
#[tauri::command]
#[specta::specta]
pub async fn read_pdf_file(path: String) -> Result<PdfBytes, ApiError> {
    blocking(move || async move { read_pdf(&path) })
        .await
        .map(PdfBytes)
}

/// One verified file, as the folder summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VerificationRow {
    pub file: String,
    /// `valid`, `validUntrusted`, … or `error`.
    pub verdict: String,
    pub signatures: u32,
    pub signers: String,
    pub detail: String,
}

fn csv_field(s: &str) -> String {
    // Quote every field; a leading = + - @ would make spreadsheets run a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn verification_csv(rows: &[VerificationRow]) -> String {
    let mut out = String::from("file,verdict,signatures,signers,detail\r\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            csv_field(&r.file),
            csv_field(&r.verdict),
            r.signatures,
            csv_field(&r.signers),
            csv_field(&r.detail)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_quotes_every_field_and_defuses_formulas() {
        let csv = verification_csv(&[VerificationRow {
            file: "a \"b\".pdf".into(),
            verdict: "valid".into(),
            signatures: 2,
            signers: "=HYPERLINK(\"x\")".into(),
            detail: String::new(),
        }]);
        assert_eq!(
            csv,
            "file,verdict,signatures,signers,detail\r\n\"a \"\"b\"\".pdf\",\"valid\",2,\"'=HYPERLINK(\"\"x\"\")\",\"\"\r\n"
        );
    }
}
