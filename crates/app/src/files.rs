//! Reading and writing files for both surfaces: ONE reader that applies a size limit before
//! reading (memorandum JSON, PDFs, certificates and key backups each have theirs), UTF-8
//! checked for documents, and writes that land whole or not at all (temp file + rename).

use std::io::{Read, Write};
use std::path::Path;

use crate::{AppError, MAX_DOCUMENT_BYTES};

/// The largest PDF read (a 20 MB memorandum plus its signatures).
pub const MAX_PDF_BYTES: usize = 64 * 1024 * 1024;

/// The largest certificate or key backup file read.
pub const MAX_SMALL_FILE_BYTES: usize = 1024 * 1024;

fn file_error(path: &Path, reason: impl std::fmt::Display) -> AppError {
    AppError::File {
        what: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Reads a whole file, refusing it when larger than `limit` without reading it all.
pub fn read_bytes(path: &Path, limit: usize) -> Result<Vec<u8>, AppError> {
    let file = std::fs::File::open(path).map_err(|e| file_error(path, e))?;
    // Sized from the file's length up front: growing by doubling would hold two copies at once.
    let size = file
        .metadata()
        .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let mut bytes = Vec::with_capacity(size.min(limit).saturating_add(1));
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, e))?;
    if bytes.len() > limit {
        return Err(file_error(
            path,
            format!(
                "the file is larger than the {} MB limit",
                limit / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// Reads a memorandum file: at most 20 MB, UTF-8 text.
pub fn read_document(path: &Path) -> Result<String, AppError> {
    let bytes = read_bytes(path, MAX_DOCUMENT_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        file_error(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| file_error(path, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| file_error(path, e))?;
    tmp.persist(path).map_err(|e| file_error(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_and_a_missing_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_DOCUMENT_BYTES as u64 + 10).unwrap();
        let err = read_document(&big).unwrap_err().to_string();
        assert!(err.contains("big.json") && err.contains("20 MB"), "{err}");
        let err = read_document(&dir.path().join("none.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("none.json"), "{err}");
    }

    #[test]
    fn each_kind_of_file_has_its_own_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cert.pem");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_SMALL_FILE_BYTES as u64 + 1)
            .unwrap();
        let err = read_bytes(&path, MAX_SMALL_FILE_BYTES).unwrap_err();
        assert!(err.to_string().contains("1 MB limit"), "{err}");
        assert_eq!(
            read_bytes(&path, MAX_PDF_BYTES).unwrap().len(),
            MAX_SMALL_FILE_BYTES + 1
        );
    }

    #[test]
    fn a_document_that_is_not_utf8_is_refused_with_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.json");
        std::fs::write(&path, b"{\"a\": \"\xe9\"}").unwrap();
        let err = read_document(&path).unwrap_err().to_string();
        assert!(err.contains("offset 7"), "{err}");
    }

    #[test]
    fn writes_replace_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left behind"
        );
    }
}
