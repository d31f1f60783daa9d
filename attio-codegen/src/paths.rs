//! How the generated file names the snapshot for the derive: a path
//! relative to the manifest directory of the crate that compiles it, with
//! `/` separators, so that the output is the same on every machine.
//!
//! Not part of the semver API: shared with `cargo-attio-gen`.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use attio_schema::locate::{locate, SCHEMA_ENV};

/// `to` relative to the directory `from`, both absolute (or both relative
/// to the same directory), with `/` separators: `relative("/w/app",
/// "/w/schema/attio-schema.json")` is `../schema/attio-schema.json`.
/// `None` when no relative path exists (another drive on Windows).
///
/// ```
/// use attio_codegen::paths::relative;
/// use std::path::Path;
///
/// assert_eq!(relative(Path::new("/w/app"), Path::new("/w/app/attio-schema.json")).as_deref(), Some("attio-schema.json"));
/// assert_eq!(relative(Path::new("/w/app"), Path::new("/w/fixtures/s.json")).as_deref(), Some("../fixtures/s.json"));
/// ```
pub fn relative(from: &Path, to: &Path) -> Option<String> {
    let (from, to) = (normalize(from), normalize(to));
    if from.has_root() != to.has_root() {
        return None;
    }
    let from: Vec<&OsStr> = from.iter().collect();
    let to: Vec<&OsStr> = to.iter().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 && to.first().is_some_and(|c| Path::new(c).has_root()) {
        // Absolute paths with nothing in common: different Windows drives.
        return None;
    }
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    for part in &to[common..] {
        parts.push(part.to_str()?);
    }
    Some(parts.join("/"))
}

/// `path` without `.` components and with `..` applied where possible,
/// without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The `schema = "…"` the generated derives carry: none when the snapshot
/// is the derive's own default (`attio-schema.json` beside `Cargo.toml`, and
/// no `ATTIO_SCHEMA` that would make the derive look elsewhere), otherwise
/// the snapshot's path relative to `manifest_dir`.
pub fn schema_attribute(manifest_dir: &Path, snapshot: &Path, env_set: bool) -> Option<String> {
    // Where the derive looks when given neither a path nor `ATTIO_SCHEMA`.
    let (default, _) = locate(manifest_dir, None, None);
    match relative(manifest_dir, snapshot) {
        _ if !env_set && normalize(snapshot) == normalize(&default) => None,
        Some(rel) => Some(rel),
        None => Some(snapshot.display().to_string()),
    }
}

/// Whether [`SCHEMA_ENV`] names a snapshot (an empty value counts as
/// unset): then the derive looks there unless given a path, so the
/// generated derives must carry one.
pub fn schema_env_set() -> bool {
    std::env::var_os(SCHEMA_ENV).is_some_and(|v| !v.is_empty())
}

/// The nearest directory at or above `start` that holds a `Cargo.toml`:
/// the root of the crate a file in `start` belongs to. `start` is
/// normalized first, so that `a/../b` walks up from `b`, not from `a`.
pub fn manifest_dir_of(start: &Path) -> Option<PathBuf> {
    normalize(start)
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let rel = |a: &str, b: &str| relative(Path::new(a), Path::new(b));
        assert_eq!(rel("/w/app", "/w/app/s.json").as_deref(), Some("s.json"));
        assert_eq!(
            rel("/w/app/", "/w/app/./x/../s.json").as_deref(),
            Some("s.json")
        );
        assert_eq!(
            rel("/w/a/b", "/w/c/s.json").as_deref(),
            Some("../../c/s.json")
        );
        assert_eq!(rel("/", "/s.json").as_deref(), Some("s.json"));
        assert_eq!(
            rel("app", "schema/s.json").as_deref(),
            Some("../schema/s.json")
        );
    }

    #[test]
    fn the_crate_root_is_the_nearest_cargo_toml_above() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws/app");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(dir.path().join("ws/other")).unwrap();
        std::fs::write(dir.path().join("ws/Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(root.join("Cargo.toml"), "[package]\n").unwrap();
        assert_eq!(manifest_dir_of(&root.join("src")), Some(root.clone()));
        // Not `ws/other` and then `ws`: `..` is applied before walking up.
        assert_eq!(
            manifest_dir_of(&dir.path().join("ws/other/../app/src")),
            Some(root)
        );
        assert_eq!(
            manifest_dir_of(&dir.path().join("ws/other")),
            Some(dir.path().join("ws"))
        );
    }

    #[test]
    fn the_default_snapshot_needs_no_schema_attribute() {
        let dir = Path::new("/w/app");
        let default = Path::new("/w/app/attio-schema.json");
        assert_eq!(schema_attribute(dir, default, false), None);
        assert_eq!(
            schema_attribute(dir, default, true).as_deref(),
            Some("attio-schema.json")
        );
        assert_eq!(
            schema_attribute(dir, Path::new("/w/fixtures/attio-schema.json"), false).as_deref(),
            Some("../fixtures/attio-schema.json")
        );
    }
}
