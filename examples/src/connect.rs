//! How every program starts: its logging, and its client — an in-process
//! emulator seeded with the package's own schema, or, only when the
//! command line says `--attio`, the Attio workspace of `ATTIO_API_KEY`.
//!
//! An exported `ATTIO_API_KEY` alone is not enough: README has users export
//! it for `cargo attio-gen`, and an example that then wrote its made-up
//! people into that workspace would be a bad surprise. A flag, unlike a
//! second variable, cannot stay exported by accident either: each run that
//! writes into a real workspace says so on its own command line.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! use attio_examples::connect::{self, ConnectArgs, Connection};
//! use clap::Parser;
//!
//! #[derive(Parser)]
//! struct Args {
//!     #[command(flatten)]
//!     connect: ConnectArgs,
//! }
//!
//! let args = Args::parse();
//! let connection = Connection::open(&args.connect, connect::emulator_builder()).await?;
//! println!("{}", connection.banner()); // always the program's first line
//! let client = connection.client();
//! // … the program's work …
//! connection.shutdown().await;
//! # Ok(()) }
//! ```

use anyhow::Context as _;
use attio_emulator::{Emulator, EmulatorBuilder, RunningEmulator};
use attio_runtime::client::{API_KEY_ENV, DEFAULT_BASE_URL};
use attio_runtime::{Client, ClientBuilder};
use attio_schema::Snapshot;
use tracing_subscriber::filter::{EnvFilter, LevelFilter};

/// The package's schema snapshot, embedded so that a program runs from any
/// directory; the same file `build.rs` generates [`crate::attio`] from.
pub const SCHEMA_JSON: &str = include_str!("../attio-schema.json");

/// The key [`emulator_builder`] makes the emulator require and
/// [`emulator_client`] sends: a fixed, non-secret value, so that a client
/// without it is refused as it would be by Attio.
pub const EMULATOR_API_KEY: &str = "attio-examples-emulator";

/// The schema in [`SCHEMA_JSON`].
pub fn schema() -> Snapshot {
    // The file is a compile-time constant whose parsing `tests/connect.rs`
    // checks, so a failure here is a bug in this package, not bad input.
    Snapshot::from_slice(SCHEMA_JSON.as_bytes(), "examples/attio-schema.json")
        .expect("the embedded examples/attio-schema.json is a valid snapshot")
}

/// An emulator builder seeded with [`schema`], requiring
/// [`EMULATOR_API_KEY`], at Attio's default rate limits (100 reads and 25
/// writes per second). Programs and tests share it; a test adds what it
/// needs (a fault plan, other rate limits, webhook delivery) before
/// starting it.
pub fn emulator_builder() -> EmulatorBuilder {
    Emulator::builder()
        .schema(schema())
        .api_key(EMULATOR_API_KEY)
}

/// A client builder pointed at `emulator`, with [`EMULATOR_API_KEY`] and
/// the client's defaults (Attio's rate limits, retries). Plain `http://`
/// needs no switch here: the emulator listens on 127.0.0.1.
pub fn emulator_client(emulator: &RunningEmulator) -> ClientBuilder {
    Client::builder(EMULATOR_API_KEY).base_url(emulator.base_url())
}

/// The command-line option every program shares: where it runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::Args)]
pub struct ConnectArgs {
    /// Run against the Attio workspace of ATTIO_API_KEY (ATTIO_BASE_URL
    /// names another server) instead of an in-process emulator; what the
    /// program writes goes into that workspace.
    #[arg(long)]
    pub attio: bool,
}

/// Where a program's requests go, as [`choose`] decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A new in-process emulator.
    Emulator {
        /// Whether `ATTIO_API_KEY` is set all the same (the banner says
        /// that it is not used).
        key_ignored: bool,
    },
    /// The workspace of `ATTIO_API_KEY`.
    Attio,
}

/// The rule: Attio only when `--attio` asks for it (`attio`), and then
/// only with a key (`key_set`); otherwise the emulator, key or not.
pub fn choose(attio: bool, key_set: bool) -> anyhow::Result<Choice> {
    match (attio, key_set) {
        (true, true) => Ok(Choice::Attio),
        (true, false) => anyhow::bail!(
            "--attio runs against the workspace of {API_KEY_ENV}, which is not set; \
             export the workspace's access token (Workspace settings → Developers), \
             or leave --attio out to run on an in-process emulator"
        ),
        (false, key_set) => Ok(Choice::Emulator {
            key_ignored: key_set,
        }),
    }
}

/// The filter of [`init_logging`] when `RUST_LOG` is not set: `info`, but
/// the in-process emulator's line per request is left out (`RUST_LOG=info`
/// shows it), as a demo sends hundreds; its refusals (`warn`) show.
pub const DEFAULT_LOG_FILTER: &str = "info,attio_emulator=warn";

/// Installs the process's `tracing` subscriber, on standard error (the
/// programs' reports go to standard output): [`DEFAULT_LOG_FILTER`], or
/// what `RUST_LOG` says (`tracing_subscriber::EnvFilter`'s syntax, e.g.
/// `RUST_LOG=attio_runtime=debug`). [`Connection::open`] calls it, so it
/// runs once per program; a second call keeps the first subscriber.
pub fn init_logging() {
    let filter = match std::env::var_os(EnvFilter::DEFAULT_ENV) {
        Some(_) => EnvFilter::builder()
            .with_default_directive(LevelFilter::INFO.into())
            .from_env_lossy(),
        None => EnvFilter::new(DEFAULT_LOG_FILTER),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Where a client with `base_url` sends its requests, in words: Attio at
/// its own URL, an emulator on a loopback address (`attio-emulator` started
/// by hand, say), and any other URL as it is, since it may be a proxy.
pub fn destination(base_url: &str) -> String {
    let url = reqwest::Url::parse(base_url).ok();
    // An IPv6 host comes in brackets: `[::1]`.
    let host = url.as_ref().and_then(|url| url.host_str()).unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if base_url.trim_end_matches('/') == DEFAULT_BASE_URL {
        format!("Attio ({DEFAULT_BASE_URL})")
    } else if loopback {
        format!("an emulator at {base_url} (a loopback address, not Attio)")
    } else {
        base_url.to_owned()
    }
}

/// A client and, when it talks to an in-process emulator, the emulator,
/// kept alive for as long as the connection is.
#[derive(Debug)]
pub struct Connection {
    client: Client,
    emulator: Option<RunningEmulator>,
    /// The workspace's name, as `GET /v2/self` gave it.
    workspace: Option<String>,
    /// Whether `ATTIO_API_KEY` is set but not used.
    key_ignored: bool,
}

impl Connection {
    /// How every program starts: [`init_logging`], then the connection
    /// [`choose`] picks. With `--attio`, Attio ([`Client::from_env`], which
    /// also reads `ATTIO_BASE_URL`), whose workspace is identified before
    /// anything else is sent; otherwise `emulator`, started.
    pub async fn open(args: &ConnectArgs, emulator: EmulatorBuilder) -> anyhow::Result<Connection> {
        init_logging();
        let key_set = std::env::var_os(API_KEY_ENV).is_some();
        match choose(args.attio, key_set)? {
            Choice::Emulator { key_ignored } => {
                let mut connection = Connection::start_emulator(emulator).await?;
                connection.key_ignored = key_ignored;
                Ok(connection)
            }
            Choice::Attio => {
                let client = Client::from_env().context("cannot set up the Attio client")?;
                let identity = client.identify().await.with_context(|| {
                    format!(
                        "cannot identify the workspace of {API_KEY_ENV} at {}",
                        client.base_url()
                    )
                })?;
                anyhow::ensure!(
                    identity.active,
                    "the token in {API_KEY_ENV} is not active (revoked or expired); \
                     create another in Workspace settings → Developers"
                );
                let mut connection = Connection::attio(client);
                connection.workspace = identity.workspace_name;
                Ok(connection)
            }
        }
    }

    /// Starts `builder` and connects to it with [`emulator_client`]'s
    /// defaults. The builder must accept [`EMULATOR_API_KEY`] (any builder
    /// from [`emulator_builder`] does); for another key or client settings,
    /// start the emulator yourself and use [`Connection::emulated`].
    pub async fn start_emulator(builder: EmulatorBuilder) -> anyhow::Result<Connection> {
        let emulator = builder
            .start()
            .await
            .context("cannot start the in-process Attio emulator")?;
        let client = emulator_client(&emulator)
            .build()
            .context("cannot set up a client of the in-process emulator")?;
        Ok(Connection::emulated(emulator, client))
    }

    /// A connection to an emulator already running, through `client`
    /// (e.g. `emulator_client(&emulator).rate_limits(…).build()?`).
    pub fn emulated(emulator: RunningEmulator, client: Client) -> Connection {
        Connection {
            client,
            emulator: Some(emulator),
            workspace: None,
            key_ignored: false,
        }
    }

    /// A connection through `client` alone, to Attio or whatever its base
    /// URL names (an emulator in another process, a proxy).
    pub fn attio(client: Client) -> Connection {
        Connection {
            client,
            emulator: None,
            workspace: None,
            key_ignored: false,
        }
    }

    /// The client every request goes through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The in-process emulator, if the connection has one (for its fault
    /// and webhook statistics).
    pub fn emulator(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// The line a program prints first, saying where its requests go: the
    /// in-process emulator (and that `ATTIO_API_KEY` is not used, when it
    /// is set), or the workspace by name and its server.
    pub fn banner(&self) -> String {
        match (&self.emulator, &self.workspace) {
            (Some(emulator), _) if self.key_ignored => format!(
                "running against an in-process emulator at {}; {API_KEY_ENV} is set but not \
                 used (pass --attio to run against its workspace)",
                emulator.base_url()
            ),
            (Some(emulator), _) => format!(
                "running against an in-process emulator at {} (nothing is sent to Attio)",
                emulator.base_url()
            ),
            (None, Some(name)) => format!(
                "running against the workspace \"{name}\" at {}",
                self.client.base_url()
            ),
            (None, None) => format!("running against {}", destination(self.client.base_url())),
        }
    }

    /// Stops the emulator, if any, once its in-flight requests are answered.
    pub async fn shutdown(self) {
        if let Some(emulator) = self.emulator {
            emulator.shutdown().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_alone_does_not_leave_the_emulator() {
        assert_eq!(
            choose(false, true).unwrap(),
            Choice::Emulator { key_ignored: true }
        );
        assert_eq!(
            choose(false, false).unwrap(),
            Choice::Emulator { key_ignored: false }
        );
        assert_eq!(choose(true, true).unwrap(), Choice::Attio);
        let error = choose(true, false).unwrap_err().to_string();
        assert!(error.contains("ATTIO_API_KEY, which is not set"), "{error}");
    }

    #[test]
    fn the_default_log_filter_parses_whole() {
        // `EnvFilter::new` skips a directive it cannot parse; this does not.
        let filter = EnvFilter::try_new(DEFAULT_LOG_FILTER).unwrap();
        let mut directives: Vec<_> = filter.to_string().split(',').map(str::to_owned).collect();
        directives.sort();
        assert_eq!(directives, ["attio_emulator=warn", "info"]);
    }

    #[test]
    fn a_loopback_url_is_an_emulator_not_attio() {
        assert_eq!(
            destination("https://api.attio.com"),
            "Attio (https://api.attio.com)"
        );
        for url in [
            "http://127.0.0.1:4010",
            "http://localhost:4010/",
            "http://[::1]:4010",
        ] {
            assert_eq!(
                destination(url),
                format!("an emulator at {url} (a loopback address, not Attio)")
            );
        }
        assert_eq!(
            destination("https://proxy.example.com"),
            "https://proxy.example.com"
        );
    }
}
