//! Reading and writing memorandum files for both surfaces: the 20 MB limit applied before
//! reading, UTF-8 checked, and writes that land whole or not at all (temp file + rename).

use std::io::{Read, Write};
use std::path::Path;

use crate::{AppError, MAX_DOCUMENT_BYTES};

fn file_error(path: &Path, reason: impl std::fmt::Display) -> AppError {
    AppError::File {
        what: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Reads a memorandum file, refusing anything over the limit without reading it all.
pub fn read_document(path: &Path) -> Result<String, AppError> {
    let file = std::fs::File::open(path).map_err(|e| file_error(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, e))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(file_error(path, "the file is larger than the 20 MB limit"));
    }
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
