//! Where a crate's snapshot is found: the one rule the derive, the
//! build.rs `Builder` and `cargo attio-gen` share.
//!
//! An explicit path (`#[attio(schema = "…")]`, `Builder::snapshot`) first,
//! then the `ATTIO_SCHEMA` environment variable, then `attio-schema.json`
//! beside the crate's `Cargo.toml`. Relative paths are resolved against the
//! crate root (`CARGO_MANIFEST_DIR`), never against a working directory,
//! which differs between cargo, workspaces and rust-analyzer.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::DEFAULT_FILE_NAME;

/// The environment variable naming a snapshot when no path is given.
pub const SCHEMA_ENV: &str = "ATTIO_SCHEMA";

/// Which step of the rule chose a snapshot, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotSource {
    /// A path given in code (`#[attio(schema = "…")]`, `Builder::snapshot`).
    Explicit,
    /// The [`SCHEMA_ENV`] environment variable.
    Env,
    /// [`DEFAULT_FILE_NAME`] beside `Cargo.toml`.
    Default,
}

impl SnapshotSource {
    /// What to add to a message about the file, so that the reader knows
    /// why that file was looked at: empty for an explicit path.
    pub fn explain(self) -> String {
        match self {
            SnapshotSource::Explicit => String::new(),
            SnapshotSource::Env => format!(" (from the `{SCHEMA_ENV}` environment variable)"),
            SnapshotSource::Default => " (the default location, beside Cargo.toml)".to_owned(),
        }
    }
}

/// The snapshot of the crate rooted at `crate_root`, by the rule above;
/// `env` is the value of [`SCHEMA_ENV`] (an empty value counts as unset).
///
/// ```
/// use std::path::Path;
/// use attio_schema::locate::{locate, SnapshotSource};
///
/// let root = Path::new("/src/app");
/// assert_eq!(locate(root, None, None), (root.join("attio-schema.json"), SnapshotSource::Default));
/// assert_eq!(locate(root, Some("schema/ws.json".as_ref()), None).0, root.join("schema/ws.json"));
/// assert_eq!(locate(root, None, Some("/abs/ws.json".as_ref())).1, SnapshotSource::Env);
/// ```
pub fn locate(
    crate_root: &Path,
    explicit: Option<&Path>,
    env: Option<&OsStr>,
) -> (PathBuf, SnapshotSource) {
    let (path, source) = match (explicit, env) {
        (Some(path), _) => (path.to_path_buf(), SnapshotSource::Explicit),
        (None, Some(env)) if !env.is_empty() => (PathBuf::from(env), SnapshotSource::Env),
        (None, _) => (PathBuf::from(DEFAULT_FILE_NAME), SnapshotSource::Default),
    };
    (crate_root.join(path), source)
}

/// [`locate`] with the crate root and [`SCHEMA_ENV`] read from the
/// environment cargo gives build scripts and proc macros
/// (`CARGO_MANIFEST_DIR`; the working directory when it is unset).
pub fn locate_from_env(explicit: Option<&Path>) -> (PathBuf, SnapshotSource) {
    let crate_root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let env = std::env::var_os(SCHEMA_ENV);
    locate(&crate_root, explicit, env.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_beats_env_beats_default() {
        let root = Path::new("/r");
        let env = Some(OsStr::new("env.json"));
        assert_eq!(
            locate(root, Some(Path::new("a.json")), env),
            (root.join("a.json"), SnapshotSource::Explicit)
        );
        assert_eq!(
            locate(root, None, env),
            (root.join("env.json"), SnapshotSource::Env)
        );
        assert_eq!(
            locate(root, None, Some(OsStr::new(""))),
            (root.join(DEFAULT_FILE_NAME), SnapshotSource::Default)
        );
    }

    #[test]
    fn absolute_paths_stay_absolute() {
        let (path, _) = locate(Path::new("/r"), None, Some(OsStr::new("/abs/s.json")));
        assert_eq!(path, Path::new("/abs/s.json"));
    }
}
