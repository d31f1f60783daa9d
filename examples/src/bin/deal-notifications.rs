//! deal-notifications: announces deals reaching a stage (won, by default)
//! in Slack, on a channel per deal type, and gives each deal's owner an
//! onboarding task.
//!
//! By default it runs a demo on an in-process emulator: Slack is replaced
//! by a local endpoint that prints what it receives, and sample deals are
//! moved through their stages.
//!
//! ```sh
//! cargo run -p attio-examples --bin deal-notifications
//! ```
//!
//! With `--attio` it serves webhooks at `/attio/webhooks` until Ctrl-C,
//! for the workspace of `ATTIO_API_KEY`. Register a webhook in Attio for
//! `record.created` and `record.updated` pointing at it (through a tunnel
//! or proxy), and give its secret in `ATTIO_WEBHOOK_SECRET`:
//!
//! ```sh
//! ATTIO_API_KEY=… ATTIO_WEBHOOK_SECRET=… cargo run -p attio-examples --bin deal-notifications -- --attio \
//!   --channel "New business=https://hooks.slack.com/services/…" \
//!   --channel "https://hooks.slack.com/services/…" --listen 127.0.0.1:3000
//! ```

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use attio_examples::attio::DealStage;
use attio_examples::connect::{ConnectArgs, Connection};
use attio_examples::deal_notifications::notify::{Announcer, Outcome};
use attio_examples::deal_notifications::rules::{Channels, Route, Rules};
use attio_examples::deal_notifications::{demo, server};
use attio_runtime::chrono::TimeDelta;
use attio_runtime::{Decimal, RecordId};
use clap::Parser;

/// The environment variable holding the webhook's signing secret.
const SECRET_ENV: &str = "ATTIO_WEBHOOK_SECRET";

/// Announces deals reaching a stage in Slack and gives their owners a task.
#[derive(Debug, Parser)]
#[command(name = "deal-notifications")]
struct Args {
    /// The stage that is announced, as Attio titles it.
    #[arg(long, default_value = "Won 🎉")]
    stage: String,
    /// Only deals worth more than this (in the deal's currency).
    #[arg(long, default_value = "10000")]
    min_value: Decimal,
    /// `DEAL TYPE=URL` of a Slack incoming webhook, or a bare URL for the
    /// default channel; repeat for each type. Ignored by the demo.
    #[arg(long = "channel", value_name = "TYPE=URL")]
    channels: Vec<Route>,
    /// Days until the owner's onboarding task is due.
    #[arg(long, default_value_t = 3)]
    task_due_days: u16,
    /// Where to serve webhooks when running against Attio.
    #[arg(long, default_value = "127.0.0.1:3000")]
    listen: SocketAddr,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let connection = Connection::open(&args.connect, demo::emulator_builder()).await?;
    println!("{}", connection.banner());
    // Before any write: the structs it uses against the workspace.
    attio_examples::drift::refuse_on_drift(
        connection.client(),
        attio_examples::deal_notifications::CONTRACTS,
    )
    .await?;

    let stage = DealStage::from(args.stage.as_str());
    if let DealStage::Other(title) = &stage {
        println!("note: `{title}` is not a stage the bindings know; deals reaching it are announced if Attio has it");
    }
    let rules = Rules {
        stage,
        min_value: args.min_value,
        channels: Channels::new(args.channels)?,
        task_due_in: TimeDelta::days(args.task_due_days.into()),
    };

    match connection.emulator() {
        Some(emulator) => {
            let report = demo::run(connection.client(), emulator, rules).await?;
            println!();
            for line in report.deal_lines() {
                println!("{line}");
            }
            println!(
                "\n{} message(s) posted ({} duplicate deliveries dropped), {} onboarding task(s) created:",
                report.messages.len(),
                report.receiver.duplicates,
                report.tasks.len()
            );
            for task in &report.tasks {
                let due = task.deadline_at.map(|d| d.date_naive().to_string());
                println!(
                    "  {} (due {})",
                    task.content_plaintext,
                    due.unwrap_or_default()
                );
            }
        }
        None => serve(&connection, rules, args.listen).await?,
    }
    connection.shutdown().await;
    Ok(())
}

/// Serves webhooks from Attio until Ctrl-C.
async fn serve(connection: &Connection, rules: Rules, listen: SocketAddr) -> anyhow::Result<()> {
    anyhow::ensure!(
        !rules.channels.is_empty(),
        "no Slack channel is configured; give at least one `--channel TYPE=URL` (or a bare URL for every type)"
    );
    let secret = std::env::var(SECRET_ENV)
        .ok()
        .filter(|secret| !secret.trim().is_empty())
        .with_context(|| {
            format!("{SECRET_ENV} is not set; set it to the secret Attio showed when the webhook was created")
        })?;
    for channel in rules.channels.iter() {
        println!("channel {channel}");
    }
    let client = connection.client();
    let watch = server::stage_watch(client).await?;
    let announcer = Announcer::new(client.clone(), server::SlackWebhook::new()?, rules);
    let (app, receiver) = server::receiver(secret, watch, Arc::new(announcer), print_outcome);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}; is another program using it?"))?;
    println!(
        "serving webhooks at http://{listen}{} (Ctrl-C stops)",
        server::WEBHOOK_PATH
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the webhook server failed")?;
    receiver.idle().await;
    Ok(())
}

fn print_outcome(deal: &RecordId, outcome: &Outcome) {
    match outcome {
        Outcome::Announced { channel, task } => {
            println!("deal {deal}: announced on {channel}, task {task}")
        }
        Outcome::AlreadyAnnounced => println!("deal {deal}: already announced"),
        Outcome::Deleted => println!("deal {deal}: deleted"),
        Outcome::NotAnnounced(why) => println!("deal {deal}: not announced, {why}"),
    }
}
