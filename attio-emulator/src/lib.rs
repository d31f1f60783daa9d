//! An in-memory emulator of Attio's REST API v2, for tests, examples and
//! demos that must run offline: a library that starts it inside a test, and
//! the `attio-emulator` binary that serves it from the command line.
//!
//! The emulator is seeded from an `attio-schema` snapshot (or, without one,
//! a workspace with Attio's standard objects), listens on 127.0.0.1 and
//! answers like Attio does: `{"data": …}` envelopes, Attio's error bodies and
//! codes, value validation and normalisation per attribute type, assert and
//! PATCH/PUT semantics, filters and sorts, per-second rate limits and
//! query scores ([`EmulatorBuilder::query_score_limit`]), a
//! deterministic fault plan ([`FaultPlan`]) and signed webhook delivery
//! ([`WebhookDelivery`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), attio_emulator::StartError> {
//! let emulator = attio_emulator::Emulator::builder()
//!     .api_key("test-key")
//!     .start()
//!     .await?;
//! println!("Attio emulated at {}", emulator.base_url());
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Cargo features
//!
//! - `cli` (default): the `attio-emulator` binary and its argument parser
//!   (`clap`); the library itself has no optional parts, so a test that only
//!   starts emulators may use `default-features = false`.
#![deny(missing_docs)]
// Library code never panics on input: an `unwrap` or `expect` is allowed
// only on an invariant, under `#[allow]` with the reason it cannot fail
// (CI's `-D warnings` makes these errors; tests are exempt, clippy.toml).
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod delivery;
mod errors;
mod events;
mod faults;
mod filter;
mod fleet;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod mailbox;
mod oauth;
mod query_score;
mod rate_limit;
mod relationships;
mod render;
mod routes;
mod running;
mod seed;
mod sql;
mod state;
mod store;
mod time;
mod values;
mod write;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};

/// The schema snapshot an emulator is seeded from ([`EmulatorBuilder::schema`]),
/// re-exported so that a test needs no other crate to load one.
pub use attio_schema::Snapshot;
use tokio::sync::oneshot;

pub use delivery::{WebhookDelivery, WebhookStats};
pub use faults::{Fault, FaultPlan, FaultRule, FaultStats};
pub use fleet::OAuthApp;
pub use mailbox::Email;
pub use rate_limit::RateLimits;
pub use running::RunningEmulator;
pub use seed::SeedError;

use crate::delivery::Deliverer;
use crate::faults::FaultInjector;
use crate::fleet::{Fleet, Template, Tenant};
use crate::query_score::{QueryScoreLimit, QueryScoreLimiter};
use crate::rate_limit::RateLimiter;
use crate::state::AppState;
use crate::store::{default_members, Member, Store};

/// The schema used when no snapshot is given: Attio's standard objects
/// (`companies`, `people`, `deals`, `users`, `workspaces`) with their standard
/// attributes, options and statuses.
const DEFAULT_WORKSPACE: &[u8] = include_bytes!("default_workspace.json");

/// Entry point: `Emulator::builder()`.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// A builder with the default workspace, any bearer token accepted and
    /// Attio's default rate limits (100 reads and 25 writes per second).
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}

/// Configures and starts an emulator.
pub struct EmulatorBuilder {
    snapshot: Option<Snapshot>,
    api_key: Option<String>,
    scopes: Option<Vec<String>>,
    rate_limits: Option<RateLimits>,
    query_score: Option<QueryScoreLimit>,
    members: Vec<Member>,
    port: u16,
    faults: Option<FaultPlan>,
    seed: Option<serde_json::Value>,
    webhooks: WebhookDelivery,
    merge_delay: Option<std::time::Duration>,
    oauth_app: Option<OAuthApp>,
    max_file_size: usize,
    emails: Vec<Email>,
    activity_attributes: HashMap<String, Vec<attio_schema::Attribute>>,
}

impl std::fmt::Debug for EmulatorBuilder {
    // The API key is left out: builders end up in test logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorBuilder")
            .field("schema", &self.snapshot.as_ref().map(|_| "snapshot"))
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("scopes", &self.scopes)
            .field("rate_limits", &self.rate_limits)
            .field("query_score", &self.query_score)
            .field("members", &self.members.len())
            .field("port", &self.port)
            .field("faults", &self.faults)
            .field("seed", &self.seed.is_some())
            .field("webhooks", &self.webhooks)
            .field("merge_delay", &self.merge_delay)
            .field("oauth_app", &self.oauth_app)
            .field("max_file_size", &self.max_file_size)
            .field("emails", &self.emails.len())
            .field("activity_attributes", &self.activity_attributes.len())
            .finish()
    }
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            snapshot: None,
            api_key: None,
            scopes: None,
            rate_limits: Some(RateLimits::default()),
            query_score: None,
            members: default_members(),
            port: 0,
            faults: None,
            seed: None,
            webhooks: WebhookDelivery::default(),
            merge_delay: None,
            oauth_app: None,
            max_file_size: store::DEFAULT_MAX_FILE_SIZE,
            emails: Vec::new(),
            activity_attributes: HashMap::new(),
        }
    }
}

impl EmulatorBuilder {
    /// Puts an email in the workspace's mailbox, for `GET /v2/emails`
    /// (Attio's API creates none: they come from connected mailboxes).
    pub fn email(mut self, email: Email) -> Self {
        self.emails.push(email);
        self
    }

    /// Declares an attribute of the activity whose `api_slug` is
    /// `activity`: an activity created with that slug (`POST
    /// /v2/activities`) has it, besides the system attributes of a record,
    /// and its records' values are validated against it. Attio's REST API
    /// has no route that creates or lists an activity's attributes (they
    /// come with the activity's definition in Attio's app), so this is how a
    /// test gives one some. The attribute's ids are replaced by the
    /// activity's own when it is created.
    pub fn activity_attribute(
        mut self,
        activity: &str,
        attribute: attio_schema::Attribute,
    ) -> Self {
        self.activity_attributes
            .entry(activity.to_owned())
            .or_default()
            .push(attribute);
        self
    }

    /// The largest file upload accepted, in bytes (default 50 MB, Attio's
    /// limit); a larger one is answered `413`. Uploaded files are kept in
    /// memory.
    pub fn max_file_size(mut self, bytes: usize) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// Seeds objects, attributes, options, statuses and lists from a snapshot.
    pub fn schema(mut self, snapshot: Snapshot) -> Self {
        self.snapshot = Some(snapshot);
        self
    }

    /// Accepts only `Authorization: Bearer <key>`; without it any non-empty
    /// bearer token is accepted (a missing one is still refused).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Grants the token only these scopes (`"record_permission:read-write"`,
    /// `"object_configuration:read"` …; read-write includes read), so that a
    /// request needing another is refused with 403, as Attio refuses a
    /// token created without it. By default every scope is granted.
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the read and write budgets per second.
    pub fn rate_limits(mut self, reads_per_second: u32, writes_per_second: u32) -> Self {
        self.rate_limits = Some(RateLimits {
            reads_per_second,
            writes_per_second,
        });
        self
    }

    /// Turns the per-second rate limits off (benchmarks, bulk seeding); a
    /// query-score limit set with [`query_score_limit`](Self::query_score_limit)
    /// stays.
    pub fn without_rate_limits(mut self) -> Self {
        self.rate_limits = None;
        self
    }

    /// Limits record and entry queries (`POST …/records/query`,
    /// `POST …/entries/query`) by score, as Attio does on top of the
    /// per-second limits: the scores of the queries of the last `window`
    /// (Attio's is 10 s; a test may shorten it) may sum to `budget`, across
    /// every token. A query scores `1 + filter conditions + sorts` (the
    /// emulator's formula: Attio publishes neither its formula nor its
    /// budget). Over the budget the query is refused with a 429 whose
    /// `Retry-After` is when enough score has left the window; a query that
    /// costs more than `budget` on its own is refused as too complex. Every
    /// query answered carries its score in `x-attio-record-query-score`.
    ///
    /// Off by default: Attio's budget is not published, so any default
    /// would be a guess that tests came to rely on without saying so.
    pub fn query_score_limit(mut self, budget: u32, window: std::time::Duration) -> Self {
        self.query_score = Some(QueryScoreLimit { budget, window });
        self
    }

    /// Adds a workspace member that actor-reference values can point at
    /// (by email or id). The workspace always has the member
    /// `ada@emulator.attio.dev`.
    pub fn member(mut self, first_name: &str, last_name: &str, email: &str) -> Self {
        self.members.push(Member {
            id: store::new_id(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email: email.to_owned(),
            access_level: "member",
            created_at: time::now_string(),
        });
        self
    }

    /// Injects faults per a deterministic plan (see [`FaultPlan`]).
    pub fn faults(mut self, plan: FaultPlan) -> Self {
        self.faults = Some(plan);
        self
    }

    /// Records, entries and saved views to create at start, validated like
    /// API writes: `{"records": [{"object", "values"}], "entries": [{"list",
    /// "parent", "entry_values"}], "views": [{"object" or "list", "title",
    /// "filter"}]}`, values in the API's write format, records created in
    /// order (so later ones can reference earlier ones), an entry's `parent`
    /// given as a record-reference value, and a view's filter in the query
    /// language (every object and list also has its "All …" view). A
    /// refused item fails [`EmulatorBuilder::start`] with [`StartError::Seed`].
    pub fn seed(mut self, seed: serde_json::Value) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Configures webhook delivery (retries, duplicates, delays). Events are
    /// delivered to registered webhooks whose target is an `http://` URL on
    /// the loopback interface; see [`WebhookDelivery`].
    pub fn webhook_delivery(mut self, delivery: WebhookDelivery) -> Self {
        self.webhooks = delivery;
        self
    }

    /// Answers every record merge with `202 Accepted`, as Attio answers a
    /// large merge, and keeps the merged record unreadable (`404
    /// merge_in_progress`) for `delay`; without it every merge is done
    /// when answered (`200`).
    pub fn slow_merges(mut self, delay: std::time::Duration) -> Self {
        self.merge_delay = Some(delay);
        self
    }

    /// Registers an OAuth app, so that `/authorize`, `/oauth/token` and
    /// `/oauth/introspect` install it in workspaces: each install issues a
    /// token that reaches its own workspace (see
    /// [`RunningEmulator::create_workspace`]).
    pub fn oauth_app(mut self, app: OAuthApp) -> Self {
        self.oauth_app = Some(app);
        self
    }

    /// Listens on this port instead of one chosen by the OS.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Binds 127.0.0.1 and starts serving in the background.
    pub async fn start(self) -> Result<RunningEmulator, StartError> {
        let workspace = match self.snapshot {
            Some(snapshot) => snapshot.workspace,
            // The bundled file is checked by a unit test, so it always parses;
            // an empty workspace is a safe fallback all the same.
            None => Snapshot::from_slice(DEFAULT_WORKSPACE, "default_workspace.json")
                .map(|s| s.workspace)
                .unwrap_or_default(),
        };
        let template = Template {
            workspace: workspace.clone(),
            members: self.members.clone(),
            rate_limits: self.rate_limits,
            query_score: self.query_score,
            merge_delay: self.merge_delay,
            webhooks: self.webhooks.clone(),
        };
        let mut store = Store::new(workspace, self.members);
        store.files.max_size = self.max_file_size;
        store.mail.emails = self.emails;
        store.activity_attributes = self.activity_attributes;
        if let Some(seed) = &self.seed {
            seed::apply(&mut store, seed)?;
        }
        let state = Arc::new(AppState {
            store: Mutex::new(store),
            api_key: RwLock::new(self.api_key),
            scopes: self.scopes,
            limiter: RateLimiter::new(self.rate_limits),
            merges: RateLimiter::new(self.rate_limits.map(|_| rate_limit::MERGES)),
            query_scores: QueryScoreLimiter::new(self.query_score),
            faults: self.faults.map(FaultInjector::new),
            webhooks: Deliverer::new(self.webhooks),
            merge_delay: self.merge_delay,
        });
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let local = listener.local_addr().map_err(StartError::LocalAddr)?;
        let (stop, stopped) = oneshot::channel::<()>();
        let default = Tenant {
            state: state.clone(),
            router: routes::router(state.clone()),
        };
        let fleet = Arc::new(Fleet::new(default, self.oauth_app, template));
        let app = axum::Router::new()
            .route("/authorize", axum::routing::get(oauth::authorize))
            .route("/oauth/token", axum::routing::post(oauth::token))
            .route("/oauth/introspect", axum::routing::post(oauth::introspect))
            .fallback(fleet::dispatch)
            .with_state(fleet.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(RunningEmulator {
            state,
            fleet,
            addr: local,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The listening socket could not be bound.
    #[error("cannot bind the emulator to {addr}: {source}")]
    Bind {
        /// The address that was tried.
        addr: std::net::SocketAddr,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The seed data was refused.
    #[error(transparent)]
    Seed(#[from] SeedError),
    /// The bound socket's address could not be read.
    #[error("cannot read the emulator's local address: {0}")]
    LocalAddr(#[source] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_api_key() {
        let builder = Emulator::builder().api_key("sekrit-key");
        assert!(!format!("{builder:?}").contains("sekrit-key"));
    }

    #[tokio::test]
    async fn a_running_emulator_debug_prints_neither_key_nor_store() {
        let emulator = Emulator::builder()
            .api_key("sekrit-key")
            .start()
            .await
            .unwrap();
        let printed = format!("{emulator:?}");
        assert!(!printed.contains("sekrit-key"), "{printed}");
        assert!(!printed.contains("email_addresses"), "{printed}");
        emulator.shutdown().await;
    }

    #[test]
    fn the_default_workspace_has_the_standard_objects() {
        let snapshot = Snapshot::from_slice(DEFAULT_WORKSPACE, "default_workspace.json").unwrap();
        let slugs: Vec<_> = snapshot
            .workspace
            .objects
            .iter()
            .map(|o| o.api_slug.as_str())
            .collect();
        for slug in ["companies", "people", "deals", "users", "workspaces"] {
            assert!(slugs.contains(&slug), "{slug}");
        }
    }
}
