//! How every program gets its client: Attio when `ATTIO_API_KEY` is set,
//! otherwise an in-process emulator seeded with the package's own schema.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! use attio_examples::connect::Connection;
//!
//! let connection = Connection::from_env().await?;
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
}

impl Connection {
    /// Attio when `ATTIO_API_KEY` is set ([`Client::from_env`], which also
    /// reads `ATTIO_BASE_URL`), otherwise a new emulator from
    /// [`emulator_builder`]. A set but empty key is an error rather than a
    /// silent fall-back to the emulator.
    pub async fn from_env() -> anyhow::Result<Connection> {
        if std::env::var_os(API_KEY_ENV).is_some() {
            let client = Client::from_env().context("cannot set up the Attio client")?;
            Ok(Connection::attio(client))
        } else {
            Connection::start_emulator(emulator_builder()).await
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
        }
    }

    /// A connection through `client` alone, to Attio or whatever its base
    /// URL names (an emulator in another process, a proxy).
    pub fn attio(client: Client) -> Connection {
        Connection {
            client,
            emulator: None,
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

    /// The line a program prints first, saying where its requests go:
    /// `running against an in-process emulator at <url> (ATTIO_API_KEY is
    /// not set)`, or for a client of its own [`destination`]'s words.
    pub fn banner(&self) -> String {
        match &self.emulator {
            Some(emulator) => format!(
                "running against an in-process emulator at {} ({API_KEY_ENV} is not set)",
                emulator.base_url()
            ),
            None => format!("running against {}", destination(self.client.base_url())),
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
    use super::destination;

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
