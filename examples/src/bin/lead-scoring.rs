//! `lead-scoring`: scores people 0–100 by the rule set in
//! `attio_examples::lead_scoring::rules` and writes the score to
//! `people.lead_score` where it changed, then prints what it did and the
//! top leads with their reasons.
//!
//! ```text
//! cargo run -p attio-examples --bin lead-scoring              # emulator, seeded with demo data
//! cargo run -p attio-examples --bin lead-scoring -- --dry-run --filter-job-title VP
//! ATTIO_API_KEY=… cargo run -p attio-examples --bin lead-scoring -- --attio --with-email
//! ```

use anyhow::Context as _;
use attio_examples::connect::{self, ConnectArgs, Connection};
use attio_examples::lead_scoring::{report, scoring, seed};
use clap::Parser;

/// Scores people from their title, company, product role, activity and
/// plan, and writes the score back only where it changed.
#[derive(Debug, Parser)]
#[command(name = "lead-scoring")]
struct Args {
    /// Print the scores without writing any.
    #[arg(long)]
    dry_run: bool,
    /// Only people whose job title contains this text (any case).
    #[arg(long, value_name = "TEXT")]
    filter_job_title: Option<String>,
    /// Only people with an email address.
    #[arg(long)]
    with_email: bool,
    /// Write demo companies and people first (the default on the
    /// emulator; against Attio only when given).
    #[arg(long, conflicts_with = "no_seed_demo")]
    seed_demo: bool,
    /// Do not write demo data, even on the emulator.
    #[arg(long)]
    no_seed_demo: bool,
    /// How many of the highest scores to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let connection = Connection::open(&args.connect, connect::emulator_builder()).await?;
    println!("{}", connection.banner());
    // Before any write: the structs it uses against the workspace.
    attio_examples::drift::refuse_on_drift(
        connection.client(),
        attio_examples::lead_scoring::CONTRACTS,
    )
    .await?;
    let now = chrono::Utc::now();

    let seed = args.seed_demo || (connection.emulator().is_some() && !args.no_seed_demo);
    if seed {
        let seeded = seed::seed_demo(connection.client(), now)
            .await
            .context("cannot write the demo data (run with --no-seed-demo to skip it)")?;
        println!(
            "seeded {} companies, {} product accounts and {} people",
            seeded.companies, seeded.accounts, seeded.people
        );
    }

    let options = scoring::Options {
        filter: scoring::people_filter(args.with_email, args.filter_job_title.as_deref()),
        dry_run: args.dry_run,
        now,
    };
    let outcome = scoring::score_people(connection.client(), &options).await?;
    print!("{}", report::render(&outcome, args.top, args.dry_run));
    connection.shutdown().await;
    if outcome.failed() > 0 {
        anyhow::bail!("{} scores could not be written", outcome.failed());
    }
    Ok(())
}
