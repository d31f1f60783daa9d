//! `cargo attio-gen diff OLD NEW`: two snapshot files compared offline.

use std::path::PathBuf;

use attio_schema::Snapshot;
use clap::Args;

use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct DiffArgs {
    /// The older snapshot.
    old: PathBuf,
    /// The newer snapshot.
    new: PathBuf,
}

pub fn diff(args: DiffArgs) -> Result<Outcome, Failure> {
    let old = Snapshot::load(&args.old)?;
    let new = Snapshot::load(&args.new)?;
    let changes = attio_schema::diff::diff(&old.workspace, &new.workspace);
    print!("{changes}");
    Ok(if changes.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Drift
    })
}
