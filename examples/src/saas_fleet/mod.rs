//! saas-fleet: a product that keeps each customer's Attio workspace in
//! sync — the "Connect Attio" button (`/install`), the OAuth callback
//! (`/oauth/callback`), one webhook endpoint for every workspace
//! (`/webhooks`), the fleet's status as JSON (`/status`) and as Prometheus
//! metrics per workspace (`/metrics`), and workers that
//! push each customer's accounts and process its webhook events, a lease
//! per workspace (see `attio_fleet`).
//!
//! [`router`] is the HTTP side, [`AccountsJob`] the work per workspace,
//! [`run`] wires them to an emulator and PostgreSQL.

mod job;
pub mod metrics;
mod run;
mod server;

pub use job::{accounts, AccountsJob};
pub use run::{run, Settings, Summary};
pub use server::{router, App};
