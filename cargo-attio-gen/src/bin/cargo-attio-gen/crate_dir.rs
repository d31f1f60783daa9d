//! Which crate a command works for, and so where its snapshot is when
//! `--snapshot` is not given: the same answer for every command.
//!
//! The crate is the nearest directory at or above the working directory
//! that holds a `Cargo.toml`, as cargo finds it
//! (`attio_codegen::paths::manifest_dir_of`), and its snapshot is where the
//! `Builder` and the derive look (`attio_schema::locate`: `$ATTIO_SCHEMA`,
//! else `attio-schema.json` beside `Cargo.toml`). So `pull` run in `src/`
//! refreshes the crate's snapshot instead of writing a second one there.
//! A path given on the command line is relative to the working directory,
//! as in any command.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use attio_codegen::paths;
use attio_schema::locate::{locate, SCHEMA_ENV};
use attio_schema::{Snapshot, SnapshotError};

use crate::outcome::Failure;

/// The working directory.
pub fn cwd() -> Result<PathBuf, Failure> {
    std::env::current_dir().map_err(|e| {
        Failure::Usage(format!(
            "cannot read the working directory: {}; run the command from an existing folder",
            attio_schema::io_reason(&e)
        ))
    })
}

/// The root of the crate `dir` is in; `dir` itself outside any crate (a
/// snapshot can be pulled before `cargo init`).
pub fn enclosing_crate(dir: &Path) -> PathBuf {
    paths::manifest_dir_of(dir).unwrap_or_else(|| dir.to_path_buf())
}

/// The snapshot a command reads or writes: `explicit` as given, else the
/// default of the crate the working directory is in, as a path relative to
/// the working directory when it can be (`../attio-schema.json` from
/// `src/`), so that messages show it the way a user would type it.
pub fn snapshot(explicit: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let cwd = cwd()?;
    Ok(default_snapshot(
        &cwd,
        std::env::var_os(SCHEMA_ENV).as_deref(),
    ))
}

/// The snapshot a command reads, loaded: [`snapshot`]'s path and its
/// contents. A default that does not exist while the working directory is
/// in no crate says so, as the command was most likely run in the wrong
/// folder.
pub fn load(explicit: Option<&Path>) -> Result<(PathBuf, Snapshot), Failure> {
    let path = snapshot(explicit)?;
    match Snapshot::load(&path) {
        Ok(loaded) => Ok((path, loaded)),
        Err(error) if explicit.is_none() => Err(outside_a_crate(error)),
        Err(error) => Err(error.into()),
    }
}

/// `error` about a default snapshot, with where it was looked for when it
/// is missing and the working directory is in no crate (and
/// `$ATTIO_SCHEMA` is not set).
pub fn outside_a_crate(error: SnapshotError) -> Failure {
    let missing = matches!(&error, SnapshotError::Read { source, .. } if source.kind() == ErrorKind::NotFound);
    let cwd = match cwd() {
        Ok(cwd) if missing && std::env::var_os(SCHEMA_ENV).is_none() => cwd,
        _ => return error.into(),
    };
    if paths::manifest_dir_of(&cwd).is_some() {
        return error.into();
    }
    Failure::Usage(format!(
        "{error}; the working directory {} is in no crate (no Cargo.toml at or above it), so \
         the snapshot was looked for there: run the command in your crate's folder, or name \
         the snapshot with --snapshot FILE",
        cwd.display()
    ))
}

/// [`snapshot`]'s default, for the working directory `cwd` and the value
/// of `$ATTIO_SCHEMA`.
fn default_snapshot(cwd: &Path, env: Option<&std::ffi::OsStr>) -> PathBuf {
    let (path, _) = locate(&enclosing_crate(cwd), None, env);
    match paths::relative(cwd, &path) {
        Some(relative) => PathBuf::from(relative),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subfolder_finds_the_snapshot_of_its_crate() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("app");
        std::fs::create_dir_all(app.join("src/bin")).unwrap();
        std::fs::write(app.join("Cargo.toml"), "").unwrap();
        assert_eq!(
            default_snapshot(&app.join("src/bin"), None),
            Path::new("../../attio-schema.json")
        );
        assert_eq!(default_snapshot(&app, None), Path::new("attio-schema.json"));
        // `$ATTIO_SCHEMA` is relative to the crate, as for the derive.
        assert_eq!(
            default_snapshot(&app.join("src"), Some("schema/ws.json".as_ref())),
            Path::new("../schema/ws.json")
        );
        // Outside any crate: the working directory.
        let loose = dir.path().join("loose");
        std::fs::create_dir_all(&loose).unwrap();
        assert_eq!(
            default_snapshot(&loose, None),
            Path::new("attio-schema.json")
        );
    }
}
