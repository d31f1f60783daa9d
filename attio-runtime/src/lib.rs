//! What applications link: Attio value types, the [`Record`] and [`Entry`]
//! traits with their derives, typed attribute constants, filters and sorts,
//! and the [`Client`] that sends them.
//!
//! A struct bound to an object is checked against the workspace's schema
//! snapshot when it compiles, and gets a write model (`Person::write()`),
//! typed attribute constants (`Person::EMAIL_ADDRESSES`) and filters.
//! `attio-codegen` generates one per object and list; a hand-written one
//! binds only the attributes a program needs:
//!
//! ```no_run
//! use attio_runtime::value::EmailAddress;
//! use attio_runtime::{Client, Query};
//! use futures_util::TryStreamExt;
//!
//! #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
//! #[attio(object = "people")] // checked against attio-schema.json beside Cargo.toml
//! # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
//! struct Person {
//!     email_addresses: Vec<EmailAddress>,
//!     job_title: Option<String>,
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), attio_runtime::Error> {
//!     let client = Client::from_env()?; // ATTIO_API_KEY, and ATTIO_BASE_URL if set
//!     let write = Person::write()
//!         .email_addresses([EmailAddress::new("ada@acme.com")?])
//!         .job_title("CTO");
//!     // Created, or updated if a person has the address: safe to retry.
//!     let ada = client.upsert_record(Person::EMAIL_ADDRESSES, write).await?;
//!     println!("{} is {:?}", ada.id.record_id, ada.values.job_title);
//!
//!     let ctos: Vec<_> = client
//!         .query_records(Query::<Person>::new().filter(Person::JOB_TITLE.eq("CTO")))
//!         .try_collect()
//!         .await?;
//!     println!("{} CTOs", ctos.len());
//!     Ok(())
//! }
//! ```
//!
//! Every call goes through one transport that paces requests under Attio's
//! rate limits, retries what is safe to retry and logs a `tracing` span per
//! request ([`client`]); its failures are one [`Error`]. The calls, one
//! module per Attio resource (records, entries, notes, tasks, comments,
//! webhooks, workspace members, the schema), are in [`api`], named after
//! the titles of Attio's operations (`create_record`, `list_tasks`…).
//! Beyond the calls: [`webhooks`] (verification, typed events, a receiver)
//! and bulk [`sync`].
//!
//! The crate root holds what every program uses; each resource's own types
//! are in its module of [`api`] only.
//!
//! # Features
//!
//! - `sqlite`: [`webhooks::SqliteDedup`], a webhook deduplication store in
//!   SQLite, and [`sync::SqliteState`], bulk sync's state in SQLite.
//! - `axum`: [`webhooks::Receiver`], an axum router that verifies webhook
//!   deliveries, deduplicates them and processes them in the background.
//! - `progress`: [`sync::progress_bar`], a terminal progress bar for bulk sync.
//! - `metrics`: counters and histograms through the [`metrics`] facade,
//!   for whichever recorder the program installs (e.g.
//!   `metrics-exporter-prometheus`); without a recorder they cost nearly
//!   nothing. Labels take only bounded values (never a path, an id or a
//!   key):
//!   - `attio_requests_total{method, outcome}` and
//!     `attio_request_duration_seconds{method, outcome}` (histogram), once
//!     per call after its retries; `outcome` is `success`,
//!     `client_error`, `server_error`, `rate_limited`, `connect_error` or
//!     `transport_error` (after [`ErrorKind`]);
//!   - `attio_request_retries_total`, `attio_rate_limited_total` (429s);
//!   - `attio_sync_inputs_total{outcome}`: bulk-sync inputs by
//!     [`sync::Outcome::name`];
//!   - `attio_webhook_deliveries_total{result}` (`accepted`,
//!     `deduplicated`), `attio_webhook_deliveries_refused_total{reason}`
//!     (`signature`, `unreadable`, `queue_full`, `dedup_store`) and the
//!     gauge `attio_webhook_queue_depth`, from [`webhooks::Receiver`].
//!
//! [`metrics`]: https://docs.rs/metrics
// Without a feature its items do not exist: the links above then point at
// this list, so that `cargo doc` of a crate that leaves a feature off has
// no broken link (docs.rs builds with every feature).
#![cfg_attr(
    not(feature = "sqlite"),
    doc = "[`webhooks::SqliteDedup`]: crate#features"
)]
#![cfg_attr(not(feature = "sqlite"), doc = "[`sync::SqliteState`]: crate#features")]
#![cfg_attr(not(feature = "axum"), doc = "[`webhooks::Receiver`]: crate#features")]
#![cfg_attr(
    not(feature = "progress"),
    doc = "[`sync::progress_bar`]: crate#features"
)]
#![deny(missing_docs)]
// Library code never panics on input: an `unwrap` or `expect` is allowed
// only on an invariant, under `#[allow]` with the reason it cannot fail
// (CI's `-D warnings` makes these errors; tests are exempt, clippy.toml).
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
mod attribute;
pub mod client;
pub mod contract;
mod error;
pub mod filter;
mod ids;
pub mod kind;
mod novelty;
mod record;
mod request;
#[cfg(feature = "sqlite")]
mod sqlite;
mod stored;
pub mod sync;
mod telemetry;
#[cfg(test)]
mod test_write;
pub mod value;
mod value_arrays;
pub mod webhooks;

pub use api::attio_api::{AttioApi, BoxFuture};
pub use attribute::{Attribute, IsUnique, NotUnique, Unique};
pub use client::error::{Error, ErrorKind};
pub use client::handle::{Client, ClientBuilder, SentRequest};
pub use client::pacing::RateLimits;
pub use client::retry::RetryPolicy;
pub use client::secret::ApiKey;
pub use error::{DecodeError, ValueError};
pub use filter::expression::Filter;
pub use filter::property::Property;
pub use filter::query::Query;
pub use filter::sort::{Direction, Sort};
pub use ids::{
    AttributeId, CommentId, EntryId, ListId, ObjectId, RecordId, TaskId, ThreadId, WebhookId,
    WorkspaceId, WorkspaceMemberId,
};
#[doc(hidden)]
pub use record::__private;
pub use record::{Entry, Model, Record, Target, Upsert, Values, Write};
#[doc(hidden)]
pub use request::create_body;
pub use request::{Assert, EntryCreate};
pub use reqwest::Method;
pub use stored::{EntryIdentity, RecordIdentity, Stored, StoredEntry};
pub use value::attribute_value::AttributeValue;
pub use value::option_title::OptionTitle;

/// Derives, re-exported like serde's.
pub use attio_macros::{Entry, Options, Record};

pub use chrono;
pub use rust_decimal::Decimal;
/// Re-exported for implementing [`AttributeValue`], whose decoder takes a
/// `serde::Deserializer`.
pub use serde;
pub use serde_json;
