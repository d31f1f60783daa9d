//! `call-notetaker`: a notetaker service's export of the day's meetings
//! pushed into Attio — each meeting linked to the people and companies its
//! participants' emails and domains find (created when missing), its
//! recording with the transcript, the transcript as a file and as a note
//! taken in the meeting. Re-running the same export creates nothing.
//!
//! ```text
//! cargo run -p attio-examples --bin call-notetaker                 # the sample export, twice, on the emulator
//! cargo run -p attio-examples --bin call-notetaker -- --input day.json --once
//! ATTIO_API_KEY=… cargo run -p attio-examples --bin call-notetaker -- --attio --input day.json
//! ```

use std::path::PathBuf;

use anyhow::Context as _;
use attio_examples::call_notetaker::{export, push, report, CONTRACTS, SAMPLE_EXPORT};
use attio_examples::connect::{self, ConnectArgs, Connection};
use clap::Parser;

/// Pushes a day's meetings, recordings and transcripts from a notetaker
/// service's export into Attio, without duplicates on a re-run.
#[derive(Debug, Parser)]
#[command(name = "call-notetaker")]
struct Args {
    /// The export to read (JSON; see examples/data/notetaker-2026-12-07.json,
    /// which is read when this is not given).
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// On the emulator, push the export once rather than twice (the second
    /// run shows that nothing is created again).
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let (json, source) = match &args.input {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the export {}", path.display()))?;
            (json, path.display().to_string())
        }
        None => (SAMPLE_EXPORT.to_owned(), "the sample export".to_owned()),
    };
    // Read and checked before anything is sent.
    let day = export::parse(&json, &source)?;

    let connection = Connection::open(&args.connect, connect::emulator_builder()).await?;
    println!("{}", connection.banner());
    // Before any write: the structs it uses against the workspace.
    attio_examples::drift::refuse_on_drift(connection.client(), CONTRACTS).await?;

    // The in-process emulator starts empty, so a second run there is what
    // shows the program idempotent; against a workspace, run it again.
    let runs = if connection.emulator().is_some() && !args.once {
        2
    } else {
        1
    };
    for run in 1..=runs {
        if runs > 1 {
            println!(
                "\nrun {run} of {runs}: {} meeting(s) of {} from {source}",
                day.meetings.len(),
                day.date
            );
        }
        let outcome = push::push_day(connection.client(), &day).await?;
        print!("{}", report::render(&outcome));
    }
    connection.shutdown().await;
    Ok(())
}
