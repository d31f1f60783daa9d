//! two-way-sync: a local SQLite table of customers kept in sync with
//! Attio's people both ways — webhooks in, upserts out — under an explicit
//! conflict policy, with no write loop.
//!
//! ```sh
//! # the demo (the default), on an in-process emulator
//! cargo run -p attio-examples --bin two-way-sync -- --policy field-owner
//! # the sync itself, on a table of your own, until Ctrl-C
//! ATTIO_API_KEY=… cargo run -p attio-examples --bin two-way-sync -- --attio \
//!     --serve --database customers.db --public-url https://sync.example.com/attio/webhooks \
//!     --listen 0.0.0.0:8080
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use attio_examples::connect::{self, ConnectArgs, Connection};
use attio_examples::two_way_sync::policy::{Owners, Policy};
use attio_examples::two_way_sync::server::{Options, TwoWaySync};
use attio_examples::two_way_sync::store::Store;
use attio_examples::two_way_sync::{demo, server};
use clap::{Parser, ValueEnum};

/// Keeps a local customers table and Attio's people in sync both ways.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How a field changed on both sides is settled.
    #[arg(long, value_enum, default_value_t = PolicyArg::LastWriterWins)]
    policy: PolicyArg,
    /// Run the sync on `--database` until Ctrl-C instead of the demo.
    #[arg(long, requires = "database")]
    serve: bool,
    /// The SQLite file holding the `customers` table (created if missing).
    #[arg(long)]
    database: Option<PathBuf>,
    /// Where the webhook receiver listens.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// The public URL Attio delivers webhooks to (required against Attio,
    /// which delivers only to `https://`); ends in `/attio/webhooks`.
    #[arg(long)]
    public_url: Option<String>,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum PolicyArg {
    /// The later change wins (the row's updated_at against Attio's value history).
    LastWriterWins,
    /// Name and job title are Attio's; the phone number is the table's.
    FieldOwner,
}

impl From<PolicyArg> for Policy {
    fn from(arg: PolicyArg) -> Policy {
        match arg {
            PolicyArg::LastWriterWins => Policy::LastWriterWins,
            PolicyArg::FieldOwner => Policy::FieldOwner(Owners::default()),
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // The demo's emulator delivers webhooks to the demo's receiver.
    let emulator = if args.serve {
        connect::emulator_builder()
    } else {
        connect::emulator_builder().webhook_delivery(demo::delivery())
    };
    let connection = Connection::open(&args.connect, emulator).await?;
    println!("{}", connection.banner());
    // Before any write: the structs it uses against the workspace.
    attio_examples::drift::refuse_on_drift(
        connection.client(),
        attio_examples::two_way_sync::CONTRACTS,
    )
    .await?;
    if args.serve {
        serve(&connection, &args).await?;
    } else {
        let emulator = connection.emulator().context(
            "the demo writes made-up people and runs on the in-process emulator only; \
             leave --attio out, or use --serve with your own table",
        )?;
        let client = connect::emulator_client(emulator).build()?;
        let report =
            demo::run(emulator, client, args.policy.into(), &mut std::io::stdout()).await?;
        println!(
            "writes to Attio: {} for the first push, {} to settle the edits; table and Attio {}",
            report.first_push_writes,
            report.settle_writes,
            if report.agree { "agree" } else { "DISAGREE" }
        );
    }
    connection.shutdown().await;
    Ok(())
}

async fn serve(connection: &Connection, args: &Args) -> anyhow::Result<()> {
    let path = args
        .database
        .as_deref()
        .context("--serve needs --database")?;
    if connection.emulator().is_none() && args.public_url.is_none() {
        anyhow::bail!(
            "Attio delivers webhooks to a public https:// URL; pass --public-url (ending in {})",
            server::WEBHOOK_PATH
        );
    }
    let store = Arc::new(Store::open(path)?);
    let mut options = Options::new(args.policy.into());
    options.listen = args.listen;
    options.public_url = args.public_url.clone();
    options.on_outcome = Arc::new(|outcome| println!("{outcome}"));
    let sync = TwoWaySync::start(connection.client().clone(), store, options).await?;
    println!("syncing {} until Ctrl-C", path.display());
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")?;
    sync.stop().await
}
