//! `cargo attio-gen pull`: the live workspace's schema into the snapshot.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use attio_schema::Snapshot;
use attio_schema::SnapshotError;
use cargo_attio_gen::fetch::Summary;
use clap::Args;

use crate::crate_dir;
use crate::live::{self, LiveArgs};
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct PullArgs {
    /// The snapshot file to write [default: `attio-schema.json` (or
    /// `$ATTIO_SCHEMA`) beside the Cargo.toml of the crate the working
    /// directory is in].
    #[arg(long, visible_alias = "out", value_name = "FILE")]
    snapshot: Option<PathBuf>,
    #[command(flatten)]
    live: LiveArgs,
}

pub fn pull(args: PullArgs) -> Result<Outcome, Failure> {
    let path = crate_dir::snapshot(args.snapshot.as_deref())?;
    // Everything that would make the write fail is checked before the
    // requests, so a typo in the path costs no API calls.
    let previous = read_previous(&path)?;
    let (source, workspace) = live::fetch(&args.live)?;
    let snapshot = Snapshot::new(workspace);
    let file = snapshot.canonical_file();
    eprintln!(
        "pulled {} from {}",
        Summary::of(&snapshot.workspace),
        source.base_url()
    );

    // An unchanged file keeps its modification time: the derive tracks the
    // snapshot, and touching it would recompile every crate using it.
    if previous.as_deref() == Some(file.text.as_bytes()) {
        eprintln!("{} is up to date", path.display());
        return Ok(Outcome::Ok);
    }
    attio_schema::write_atomically(&path, file.text.as_bytes()).map_err(|source| {
        SnapshotError::Write {
            path: path.clone(),
            source,
        }
    })?;
    eprintln!("wrote {} ({})", path.display(), file.fingerprint);
    let Some(previous) = previous else {
        eprintln!("(new snapshot)");
        return Ok(Outcome::Ok);
    };
    match Snapshot::from_slice(&previous, &path) {
        Ok(old) => {
            let changes = attio_schema::diff::diff(&old.workspace, &snapshot.workspace);
            if changes.is_empty() {
                // Ids, timestamps or properties the diff does not compare
                // (defaults, currency settings) changed.
                eprintln!("no schema changes since the previous snapshot that affect the bindings");
            } else {
                eprint!("Since the previous snapshot:\n{changes}");
            }
        }
        // Overwriting a broken file (say, with merge conflict markers) is
        // what pull is for; only the comparison is lost.
        Err(e) => eprintln!("the previous snapshot was not comparable: {e}"),
    }
    Ok(Outcome::Ok)
}

/// The current contents of the snapshot, `None` if there is none yet; an
/// error if the file could not be written.
fn read_previous(path: &Path) -> Result<Option<Vec<u8>>, Failure> {
    let cannot_write = |why: String| {
        Failure::Usage(format!(
            "cannot write Attio schema snapshot {}: {why}; nothing was fetched or written",
            path.display()
        ))
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if dir.is_file() {
        return Err(cannot_write(format!(
            "{} is a file, not a directory; choose another --snapshot",
            dir.display()
        )));
    }
    if !dir.is_dir() {
        return Err(cannot_write(format!(
            "the directory {} does not exist; create it or choose another --snapshot",
            dir.display()
        )));
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot_write(attio_schema::io_reason(&e))),
    }
}
