//! form-intake: a contact form served over HTTP; each valid post upserts
//! the company (by domain) and the person (by email) in Attio, and a post
//! with invalid fields is answered with every field's error.
//!
//! ```sh
//! cargo run -p attio-examples --bin form-intake            # then open http://127.0.0.1:3000
//! curl -i 127.0.0.1:3000/submit -H 'content-type: application/json' \
//!   -d '{"name": "Ada Lovelace", "email": "ada@", "website": "acme"}'
//! ```
//!
//! `curl 127.0.0.1:3000/metrics` shows the client's requests, retries and
//! latencies in Prometheus's text format.
//!
//! It saves into an in-process emulator, which is gone when the program
//! stops (Ctrl-C); with `--attio`, into the workspace of `ATTIO_API_KEY`.

use std::net::SocketAddr;

use anyhow::Context as _;
use attio_examples::connect::{self, ConnectArgs, Connection};
use attio_examples::form_intake::http;
use clap::Parser;

/// Serve the contact form and save its posts to Attio.
#[derive(Debug, Parser)]
#[command(name = "form-intake")]
struct Args {
    /// The address to serve the form on.
    #[arg(long, default_value = "127.0.0.1:3000")]
    listen: SocketAddr,
    #[command(flatten)]
    connect: ConnectArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // Installed before the first request, so that every one is counted.
    // Buckets make the latency a Prometheus histogram (quantiles can then
    // be aggregated across instances) rather than the exporter's summary.
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .set_buckets(&[0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0])
        .context("the latency buckets must not be empty")?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    let connection = Connection::open(&args.connect, connect::emulator_builder()).await?;
    println!("{}", connection.banner());
    // Before any write: the structs it uses against the workspace.
    attio_examples::drift::refuse_on_drift(
        connection.client(),
        attio_examples::form_intake::CONTRACTS,
    )
    .await?;

    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}; choose another with --listen",
                args.listen
            )
        })?;
    let address = listener
        .local_addr()
        .context("cannot read the listening address")?;
    println!(
        "the form is at http://{address}/ (JSON posts go to http://{address}/submit); Ctrl-C stops"
    );

    // The exporter's own HTTP listener is left out (it would compile a
    // second server): the text is served beside the form.
    let app = http::router(connection.client().clone()).route(
        "/metrics",
        axum::routing::get(move || std::future::ready(metrics.render())),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // If Ctrl-C cannot be watched, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .context("the server stopped with an error")?;
    connection.shutdown().await;
    Ok(())
}
