//! `cargo attio-gen diagram`: the snapshot as a Mermaid ER diagram, to
//! standard output or a file. Offline.

use std::io::Write as _;
use std::path::PathBuf;

use attio_schema::Snapshot;
use cargo_attio_gen::diagram::{render, DiagramOptions};
use clap::Args;

use crate::crate_dir;
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct DiagramArgs {
    /// The schema snapshot [default: `attio-schema.json` (or
    /// `$ATTIO_SCHEMA`) beside the crate's Cargo.toml].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Only this object or list and what is one reference away.
    #[arg(long, value_name = "SLUG")]
    around: Option<String>,
    /// Every attribute with its type, not only the record references.
    #[arg(long)]
    attributes: bool,
    /// Write the diagram to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn diagram(args: DiagramArgs) -> Result<Outcome, Failure> {
    let snapshot = Snapshot::load(crate_dir::snapshot(args.snapshot.as_deref())?)?;
    let options = DiagramOptions {
        around: args.around,
        attributes: args.attributes,
    };
    let text = render(&snapshot.workspace, &options).map_err(|e| Failure::Usage(e.to_string()))?;
    match &args.out {
        Some(out) => std::fs::write(out, text)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?,
        // A closed pipe (`| head`) is not an error worth reporting.
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    Ok(Outcome::Ok)
}
