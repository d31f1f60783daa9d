//! saas-fleet: one service keeping many customers' Attio workspaces in
//! sync, with PostgreSQL for installations, sync state, leases and the
//! webhook inbox (`attio-fleet`).
//!
//! ```sh
//! cargo run -p attio-examples --bin saas-fleet                       # 5 customers, 2 workers, then exit
//! cargo run -p attio-examples --bin saas-fleet -- --customers 50 --workers 4 --serve
//! cargo run -p attio-examples --bin saas-fleet -- status --database-url "host=… dbname=…"
//! cargo run -p attio-examples --bin saas-fleet -- rotate-key --database-url "host=… dbname=…"
//! ```
//!
//! `run` (the default) starts an in-process emulator with an OAuth app and
//! one workspace per customer, the product's HTTP server (`/install`,
//! `/oauth/callback`, `/webhooks`, `/status`, `/metrics`) and `--workers N`
//! workers; then each customer clicks "Connect Attio" (a browser that
//! follows the redirects), the workers push each customer's accounts, the
//! emulator's webhooks come back through the inbox, and the status is
//! printed.
//! Without `--database-url` it starts a throwaway PostgreSQL cluster (the
//! machine's `postgresql` package). Tokens are sealed with
//! `ATTIO_FLEET_KEY` (64 hex digits; a random one for this run when unset).
//!
//! `rotate-key` re-seals every token and webhook secret under
//! `ATTIO_FLEET_KEY`, opening them with the former keys of
//! `ATTIO_FLEET_OLD_KEYS`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use attio_examples::connect;
use attio_examples::saas_fleet::{run, Settings};
use attio_fleet::{Installations, Keyring, Scheduler, KEY_ENV};
use clap::{Parser, Subcommand};

/// Keeps many customers' Attio workspaces in sync.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Customers who connect their workspace.
    #[arg(long, default_value_t = 5)]
    customers: usize,
    /// Accounts pushed into each customer's workspace.
    #[arg(long, default_value_t = 40)]
    accounts: usize,
    /// Workers (each works on many workspaces at once, one lease each).
    #[arg(long, default_value_t = 2)]
    workers: usize,
    /// PostgreSQL connection string; a throwaway cluster when absent.
    #[arg(long)]
    database_url: Option<String>,
    /// Keep serving after the first sync, until Ctrl-C.
    #[arg(long)]
    serve: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Prints the fleet's status as JSON (per workspace: connected,
    /// pending, last sync, runs, failures, takeovers, 429s).
    Status,
    /// Re-seals every token and webhook secret under ATTIO_FLEET_KEY.
    RotateKey,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    connect::init_logging();
    match args.command {
        Some(Command::Status) => {
            let url = args.database_url.context("status needs --database-url")?;
            let db = Arc::new(attio_fleet::connect(&url).await?);
            let status = Scheduler::new(db, Duration::from_secs(30)).status().await?;
            println!("{}", serde_json::to_string_pretty(&status)?);
        }
        Some(Command::RotateKey) => {
            let url = args
                .database_url
                .context("rotate-key needs --database-url")?;
            let mut db = attio_fleet::connect(&url).await?;
            let shared = Arc::new(attio_fleet::connect(&url).await?);
            let resealed = Installations::new(shared, Keyring::from_env()?)
                .rotate_key(&mut db)
                .await?;
            println!("re-sealed {resealed} tokens and webhook secrets under {KEY_ENV}");
        }
        None => {
            // Before the first request, so that every one is counted.
            let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
                .install_recorder()
                .context("cannot install the metrics recorder")?;
            let settings = Settings {
                customers: args.customers,
                accounts: args.accounts,
                workers: args.workers,
                database_url: args.database_url,
                serve: args.serve,
                metrics: Some(metrics),
            };
            let summary = run(settings, |line| println!("{line}")).await?;
            println!("{summary}");
        }
    }
    Ok(())
}
