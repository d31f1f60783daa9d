//! product-sync: pushes a product's accounts and users into Attio as
//! companies (by domain), product accounts (by account id) and people (by
//! email, linked to their company), through the runtime's bulk sync.
//!
//! ```sh
//! cargo run -p attio-examples --bin product-sync                    # 500 users, 80 accounts
//! cargo run -p attio-examples --bin product-sync -- --mutate 5%     # then only what changed
//! ```
//!
//! By default against an in-process emulator that starts empty, with the
//! state in memory; there `--mutate` first syncs the unchanged dataset
//! (what an earlier run would have left in Attio), then the changed one, so
//! one command shows the second run sending only the changed users. With
//! `--attio`, against the workspace of `ATTIO_API_KEY`, the state in
//! `product-sync.sqlite` (`--state` moves it). Either way it first checks
//! that the workspace has every attribute it writes, and writes nothing
//! if one is missing.

use std::path::PathBuf;
use std::sync::Arc;

use attio_examples::connect::{self, ConnectArgs, Connection};
use attio_examples::product_sync::{
    run, run_with_state, Dataset, Settings, Share, DEFAULT_SEED, DEFAULT_USERS, STATE_FILE,
};
use attio_runtime::sync::MemoryState;
use attio_runtime::RateLimits;
use clap::Parser;

/// Syncs a seeded product dataset into Attio.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Users in the dataset (accounts: about one per six users).
    #[arg(long, default_value_t = DEFAULT_USERS)]
    users: usize,
    /// Seed of the dataset: the same seed gives the same data.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Changes this share of the users (e.g. `5%`) before syncing, as a
    /// day of product usage would; a run after an unchanged one sends only
    /// their writes.
    #[arg(long, value_name = "PERCENT")]
    mutate: Option<Share>,
    /// The SQLite file that remembers what was written; the dead-letter
    /// file `product-sync-failed.jsonl` goes beside it.
    #[arg(long, value_name = "PATH", default_value = STATE_FILE)]
    state: PathBuf,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let connection = Connection::open(&args.connect, connect::emulator_builder()).await?;
    println!("{}", connection.banner());

    let mut dataset = Dataset::generate(args.users, args.seed);
    println!(
        "dataset: {} users across {} accounts (seed {})",
        dataset.users.len(),
        dataset.accounts.len(),
        args.seed
    );
    // The client paces at Attio's default limits; the summary measures against them.
    let settings = Settings::new(&args.state).write_limit(RateLimits::default().writes_per_second);
    let client = connection.client();

    let summary = if connection.emulator().is_some() {
        println!(
            "state: in memory, as the in-process emulator starts empty (with --attio, \
             and ATTIO_BASE_URL for a standalone emulator, it is kept in {})",
            args.state.display()
        );
        let state = Arc::new(MemoryState::new());
        if let Some(share) = args.mutate {
            println!("first pass: the dataset as an earlier run left it in Attio");
            println!(
                "{}",
                run_with_state(client, &dataset, &settings, state.clone()).await?
            );
            let changed = dataset.mutate(share, args.seed);
            println!("second pass: {changed} users changed ({share}); only their writes are sent");
        }
        run_with_state(client, &dataset, &settings, state).await
    } else {
        println!("state: {}", args.state.display());
        if let Some(share) = args.mutate {
            let changed = dataset.mutate(share, args.seed);
            println!("{changed} users changed ({share})");
        }
        run(client, &dataset, &settings).await
    };
    connection.shutdown().await;
    println!("{}", summary?);
    Ok(())
}
