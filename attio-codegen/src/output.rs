//! Writing generated files: only when their bytes change, and never half.
//!
//! Not part of the semver API: shared with `cargo-attio-gen`.

use std::path::Path;

use crate::Error;

/// Writes `bytes` to `path` unless the file already holds them, so that an
/// unchanged output keeps its modification time and cargo does not
/// recompile what includes it; atomically, so a failure leaves the old file
/// whole. Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|current| current == bytes) {
        return Ok(false);
    }
    attio_schema::write_atomically(path, bytes).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_output_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attio.rs");
        assert!(write_if_changed(&path, b"a").unwrap());
        assert!(!write_if_changed(&path, b"a").unwrap());
        assert!(write_if_changed(&path, b"b").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"b");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/attio.rs");
        let error = write_if_changed(&path, b"a").unwrap_err().to_string();
        assert!(
            error.starts_with("cannot write generated bindings "),
            "{error}"
        );
        assert!(error.contains("missing/attio.rs"), "{error}");
    }
}
