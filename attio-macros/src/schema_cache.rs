//! Loading the schema snapshot (found by `attio_schema::locate`'s rule),
//! each file parsed once per compiler process.
//!
//! rust-analyzer's proc-macro server and rustc expand many derives in one
//! process, so parsed snapshots are kept in a process-wide cache keyed by
//! canonical path; an entry is reused while the file's modification time and
//! length are unchanged, and re-read when the file changes. The expansion
//! tracks the file (and `ATTIO_SCHEMA`) so that cargo rebuilds on a change.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

use attio_schema::locate::{locate_from_env, SCHEMA_ENV};
use attio_schema::Snapshot;
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::errors::Errors;

/// A loaded snapshot and the absolute path it was read from.
pub struct Loaded {
    /// The parsed snapshot, shared with every other derive using the file.
    pub snapshot: Arc<Snapshot>,
    /// The canonical absolute path, for `include_bytes!`.
    pub path: PathBuf,
}

type Cache = Mutex<HashMap<PathBuf, (Stamp, Arc<Snapshot>)>>;

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: SystemTime,
    len: u64,
}

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// Loads the snapshot at `path`, from the cache when the file is unchanged.
/// The error is a complete, lower-case message.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let canonical = path.canonicalize().map_err(|e| {
        format!(
            "cannot read the Attio schema snapshot {}: {e}; create it with `cargo attio-gen pull`, \
             or point to one with `#[attio(schema = \"…\")]` or the `{SCHEMA_ENV}` environment variable",
            path.display()
        )
    })?;
    let metadata = std::fs::metadata(&canonical).map_err(|e| {
        format!(
            "cannot read the Attio schema snapshot {}: {e}",
            canonical.display()
        )
    })?;
    let stamp = Stamp {
        // Without a modification time (rare file systems) every load re-reads.
        modified: metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        len: metadata.len(),
    };
    // A panic while the lock was held cannot leave the map half-updated
    // (insert is the only mutation), so a poisoned lock is still usable.
    if let Some((cached, snapshot)) = cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&canonical)
    {
        if *cached == stamp && stamp.modified != SystemTime::UNIX_EPOCH {
            return Ok(Loaded {
                snapshot: Arc::clone(snapshot),
                path: canonical,
            });
        }
    }
    let snapshot = Arc::new(Snapshot::load(&canonical).map_err(|e| e.to_string())?);
    cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(canonical.clone(), (stamp, Arc::clone(&snapshot)));
    Ok(Loaded {
        snapshot,
        path: canonical,
    })
}

/// Finds and loads the snapshot for an item, reporting failure at the
/// `schema = "…"` literal (or at the derive, when the path was implied).
pub fn load_snapshot(schema: Option<&syn::LitStr>, errors: &mut Errors) -> Option<Loaded> {
    let attr = schema.map(syn::LitStr::value);
    let (path, source) = locate_from_env(attr.as_deref().map(Path::new));
    match load(&path) {
        Ok(loaded) => Some(loaded),
        Err(message) => {
            let message = format!("{message}{}", source.explain());
            match schema {
                Some(lit) => errors.at(lit, message),
                None => errors.at_span(Span::call_site(), message),
            }
            None
        }
    }
}

/// `include_bytes!` of the snapshot, so that a change to it recompiles the
/// crate, and `option_env!` of `ATTIO_SCHEMA`, so that rustc records the
/// variable in its dep-info and cargo rebuilds when it changes (a proc
/// macro's own `std::env::var` is invisible to cargo).
///
/// Emitted by the first derive of this process that uses the file, and
/// `None` for the others: rustc compiles one crate per process and loads the
/// proc macro into it afresh, and one mention puts the file in the crate's
/// dep-info as well as hundreds do. Each mention costs the whole file: rustc
/// reads it, registers it in its source map and makes a constant of its
/// bytes, and a constant item's value is written into the crate's metadata
/// (`.rmeta`) — 70 derives over a 61 MB snapshot wrote a 4.9 GB `.rmeta` on
/// every `cargo check`. So the bytes are a local of a function that nothing
/// calls: checked, never evaluated, and not in the metadata.
pub fn track(path: &Path) -> Option<TokenStream> {
    static TRACKED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let first = TRACKED
        .get_or_init(Mutex::default)
        .lock()
        // Insert is the only mutation: a poisoned set is still whole.
        .unwrap_or_else(PoisonError::into_inner)
        .insert(path.to_path_buf());
    first.then(|| track_tokens(path)).flatten()
}

/// The tracking items of [`track`], whether or not emitted before.
fn track_tokens(path: &Path) -> Option<TokenStream> {
    let path = path.to_str()?;
    let env = SCHEMA_ENV;
    Some(quote! {
        const _: () = {
            #[allow(dead_code)]
            fn track_attio_schema() {
                let _ = ::core::include_bytes!(#path);
                let _ = ::core::option_env!(#env);
            }
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use attio_schema::locate::{locate, SnapshotSource as Source};
    use std::ffi::OsStr;

    const MINIMAL: &str = r#"{"format_version": 1, "objects": [], "lists": []}"#;

    #[test]
    fn attribute_wins_over_env_which_wins_over_default() {
        let dir = Path::new("/crate");
        assert_eq!(
            locate(
                dir,
                Some(Path::new("s/a.json")),
                Some(OsStr::new("/abs/b.json"))
            ),
            (PathBuf::from("/crate/s/a.json"), Source::Explicit)
        );
        assert_eq!(
            locate(dir, None, Some(OsStr::new("/abs/b.json"))),
            (PathBuf::from("/abs/b.json"), Source::Env)
        );
        assert_eq!(
            locate(dir, None, Some(OsStr::new("rel/b.json"))),
            (PathBuf::from("/crate/rel/b.json"), Source::Env)
        );
        assert_eq!(
            locate(dir, None, Some(OsStr::new(""))),
            (PathBuf::from("/crate/attio-schema.json"), Source::Default)
        );
        assert_eq!(
            locate(dir, None, None),
            (PathBuf::from("/crate/attio-schema.json"), Source::Default)
        );
    }

    #[test]
    fn an_unchanged_file_is_parsed_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attio-schema.json");
        std::fs::write(&path, MINIMAL).unwrap();
        let first = load(&path).unwrap();
        let second = load(&dir.path().join(".").join("attio-schema.json")).unwrap();
        assert!(Arc::ptr_eq(&first.snapshot, &second.snapshot));
        assert!(first.path.is_absolute());
        assert_eq!(first.path, second.path);
    }

    #[test]
    fn a_changed_file_is_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attio-schema.json");
        std::fs::write(&path, MINIMAL).unwrap();
        let first = load(&path).unwrap();
        assert!(first.snapshot.workspace.objects.is_empty());

        let changed = r#"{"format_version": 1, "objects": [{"id": {"workspace_id": "w", "object_id": "o"},
            "api_slug": "people", "singular_noun": "Person", "plural_noun": "People"}], "lists": []}"#;
        std::fs::write(&path, changed).unwrap();
        // Length differs, so the change is seen even within one mtime tick.
        let second = load(&path).unwrap();
        assert!(!Arc::ptr_eq(&first.snapshot, &second.snapshot));
        assert_eq!(second.snapshot.workspace.objects[0].api_slug, "people");
    }

    #[test]
    fn errors_name_the_file_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load(&dir.path().join("nope.json")).err().unwrap();
        assert!(
            missing.starts_with("cannot read the Attio schema snapshot"),
            "{missing}"
        );
        assert!(
            missing.contains("nope.json") && missing.contains("ATTIO_SCHEMA"),
            "{missing}"
        );

        let path = dir.path().join("bad.json");
        std::fs::write(&path, r#"{"format_version": 7}"#).unwrap();
        let invalid = load(&path).err().unwrap();
        assert!(invalid.contains("format version 7"), "{invalid}");
    }
}
