//! One service keeping many customers' Attio workspaces in sync: OAuth
//! installs, installations with encrypted tokens, the bulk sync's state,
//! per-workspace leases for workers on many machines and a deduplicating
//! webhook inbox, all in PostgreSQL.
//!
//! The pieces, in the order a team builds them:
//!
//! 1. [`oauth::OAuthClient`]: the "Connect Attio" button's authorize URL,
//!    the callback that checks `state` and exchanges the code, and
//!    introspection (the workspace's id and name).
//! 2. [`Installations`]: one row per workspace, its token sealed with
//!    [`Keyring`] (XChaCha20-Poly1305, key from `ATTIO_FLEET_KEY`), its
//!    webhook id and secret, connected or disconnected.
//! 3. [`Scheduler`] and [`Worker`]: a lease per workspace (heartbeat,
//!    expiry, takeover), so that exactly one worker of the fleet spends a
//!    workspace's 25 writes/s at a time; least recently served first, so a
//!    long backfill does not hold the others back.
//! 4. [`PgState`]: the runtime's bulk-sync [`StateStore`](attio_runtime::sync::StateStore)
//!    per workspace, so that a workspace taken over resumes where it stopped.
//! 5. [`Inbox`]: webhook deliveries of every workspace at one endpoint,
//!    verified with the secret the delivery's webhook id picks, stored once
//!    per idempotency key across receiver replicas.
//!
//! # Why `FOR UPDATE SKIP LOCKED` over tokio-postgres
//!
//! graphile_worker's Rust port runs a named queue serially, which would
//! give a queue per workspace, but its jobs are one-shot payloads: a
//! workspace's sync is a long, resumable task that must keep a lease alive
//! and be taken over when its worker dies, and a queue per workspace gives
//! no say in which workspace goes next. apalis is a general job framework
//! over sqlx with its own storage schema, worker model and a large
//! dependency tree. What the fleet needs is one table row per workspace,
//! claimed with `UPDATE … WHERE workspace_id = (SELECT … ORDER BY
//! last_started_at FOR UPDATE SKIP LOCKED LIMIT 1)`, a heartbeat that
//! extends it and an expiry that frees it: a few statements, over
//! tokio-postgres, which is smaller to build than sqlx and needs no
//! database at compile time.
//!
//! # Cargo features
//!
//! - `local-postgres` (off): [`local_postgres::LocalPostgres`], a throwaway
//!   PostgreSQL cluster started from the machine's server package, for
//!   tests and demos.
#![deny(missing_docs)]
// Library code never panics on input: an `unwrap` or `expect` is allowed
// only on an invariant, under `#[allow]` with the reason it cannot fail
// (CI's `-D warnings` makes these errors; tests are exempt, clippy.toml).
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod crypto;
mod error;
mod governor;
mod inbox;
mod installations;
mod lease;
#[cfg(feature = "local-postgres")]
#[cfg_attr(docsrs, doc(cfg(feature = "local-postgres")))]
pub mod local_postgres;
pub mod oauth;
mod schema;
mod state;
mod worker;

pub use crypto::{Keyring, KEY_ENV, OLD_KEYS_ENV};
pub use error::FleetError;
pub use inbox::{Batch, Delivery, Inbox, Received, Refusal};
pub use installations::{Installation, Installations, Status};
pub use lease::{Lease, Scheduler, WorkStatus};
pub use schema::{connect, migrate};
pub use state::PgState;
pub use worker::{Job, JobContext, JobError, JobFuture, Slice, Worker, WorkerConfig};
