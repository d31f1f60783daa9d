//! `cargo attio-gen check`: is the snapshot still the workspace's schema?

use std::path::PathBuf;

use clap::Args;

use crate::crate_dir;
use crate::live::{self, LiveArgs};
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct CheckArgs {
    /// The committed snapshot [default: `attio-schema.json` (or `$ATTIO_SCHEMA`)
    /// beside the Cargo.toml of the crate the working directory is in].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    #[command(flatten)]
    live: LiveArgs,
}

pub fn check(args: CheckArgs) -> Result<Outcome, Failure> {
    // A missing or broken snapshot is reported before any request.
    let (path, snapshot) = crate_dir::load(args.snapshot.as_deref())?;
    let (source, workspace) = live::fetch(&args.live)?;
    let changes = attio_schema::diff::diff(&snapshot.workspace, &workspace);
    let ids_only = changes
        .changes
        .iter()
        .filter(|c| !c.kind.alters_generated_code())
        .count();
    if changes.changes.len() == ids_only {
        eprintln!(
            "{} matches the workspace at {}",
            path.display(),
            source.base_url()
        );
        if ids_only > 0 {
            // Not drift: the bindings would be generated the same. Said so
            // that a reader of `diff` is not surprised by these lines.
            eprintln!(
                "note: {ids_only} object(s), list(s) or attribute(s) have other ids than the \
                 snapshot records, created anew under the same slugs (as `apply` does); \
                 `cargo attio-gen pull --snapshot {}` records the new ids",
                path.display(),
            );
        }
        return Ok(Outcome::Ok);
    }
    print!("{changes}");
    let breaking = changes.breaking().count();
    eprintln!(
        "{} is out of date: the workspace at {} has {} breaking and {} additive change(s); \
         run `cargo attio-gen pull --snapshot {}`, review and commit it",
        path.display(),
        source.base_url(),
        breaking,
        changes.changes.len() - breaking,
        path.display(),
    );
    Ok(Outcome::Drift)
}
