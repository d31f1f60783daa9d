//! `attio-emulator`: serves the in-memory Attio API v2 on 127.0.0.1.
//!
//! Logs one line per request on standard error (method, path, status,
//! latency; refusals as warnings); `RUST_LOG` filters them as
//! `tracing_subscriber::EnvFilter` reads it (`RUST_LOG=warn`: refusals only).

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::ExitCode;

use attio_emulator::{Emulator, OAuthApp, StartError};
use attio_schema::Snapshot;
use clap::Parser;
use tracing_subscriber::filter::{EnvFilter, LevelFilter};

/// An in-memory Attio REST API v2 for offline tests and demos.
#[derive(Debug, Parser)]
#[command(name = "attio-emulator", version)]
struct Args {
    /// Schema snapshot (attio-schema.json) to seed objects, attributes and
    /// lists from; without it, Attio's standard objects are served.
    #[arg(long)]
    schema: Option<PathBuf>,
    /// Records and entries to create at start (JSON:
    /// `{"records": [{"object", "values"}], "entries": [{"list", "parent", "entry_values"}]}`).
    #[arg(long)]
    seed: Option<PathBuf>,
    /// Port on 127.0.0.1 to listen on; 0 lets the OS choose.
    #[arg(long, default_value_t = 4010)]
    port: u16,
    /// The only bearer token accepted; without it any non-empty token is.
    #[arg(long)]
    api_key: Option<String>,
    /// Reads allowed per second.
    #[arg(long, default_value_t = 100)]
    reads_per_second: u32,
    /// Writes allowed per second.
    #[arg(long, default_value_t = 25)]
    writes_per_second: u32,
    /// Turn rate limiting off.
    #[arg(long)]
    no_rate_limits: bool,
    /// Serve Attio's OAuth endpoints (`/authorize`, `/oauth/token`,
    /// `/oauth/introspect`) for an app with this client id; consent is
    /// granted at once, each install into a new workspace (or the one
    /// named by `/authorize`'s extra `workspace_id`).
    #[arg(long, requires = "oauth_client_secret")]
    oauth_client_id: Option<String>,
    /// The OAuth app's client secret.
    #[arg(long, requires = "oauth_client_id")]
    oauth_client_secret: Option<String>,
}

/// The longest argument taken: a path's limit on Linux (`PATH_MAX`); keys
/// and ids are far shorter. A longer one is a mistake, and messages that
/// quote it would bury the rest.
const MAX_ARGUMENT: usize = 4096;

#[tokio::main]
async fn main() -> ExitCode {
    let too_long = std::env::args_os()
        .enumerate()
        .find(|(_, arg)| arg.len() > MAX_ARGUMENT);
    if let Some((i, arg)) = too_long {
        eprintln!(
            "error: argument {i} is {} bytes long, more than the {MAX_ARGUMENT} a path, key or \
             id may have; check the command line (a file's contents given for its name?)",
            arg.len()
        );
        return ExitCode::from(2);
    }
    let args = Args::parse();
    let filter = EnvFilter::builder()
        .with_default_directive(LevelFilter::INFO.into())
        .from_env_lossy();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let mut builder = Emulator::builder().port(args.port);
    if let Some(path) = &args.schema {
        match Snapshot::load(path) {
            Ok(snapshot) => builder = builder.schema(snapshot),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(path) = &args.seed {
        let seed = std::fs::read(path)
            .map_err(|e| {
                format!(
                    "{}; name a JSON file of records and entries (see --help)",
                    attio_schema::io_reason(&e)
                )
            })
            .and_then(|bytes| {
                serde_json::from_slice(&bytes).map_err(|e| {
                    attio_schema::elided(format!(
                        "not a seed: {e}; it is a JSON object with \"records\" and \"entries\" \
                         (see --help)"
                    ))
                })
            });
        match seed {
            Ok(seed) => builder = builder.seed(seed),
            Err(e) => {
                eprintln!("error: cannot read seed file {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(key) = args.api_key {
        builder = builder.api_key(key);
    }
    if let (Some(id), Some(secret)) = (args.oauth_client_id, args.oauth_client_secret) {
        builder = builder.oauth_app(OAuthApp::new(id, secret));
    }
    builder = if args.no_rate_limits {
        builder.without_rate_limits()
    } else {
        builder.rate_limits(args.reads_per_second, args.writes_per_second)
    };
    match builder.start().await {
        Ok(emulator) => {
            println!("attio-emulator listening on {}", emulator.base_url());
            emulator.serve_until_ctrl_c().await;
            ExitCode::SUCCESS
        }
        Err(StartError::Bind { addr, source }) if source.kind() == ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {} on 127.0.0.1 is taken by another program; choose another \
                 --port, or --port 0 to let the system choose a free one",
                addr.port()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
