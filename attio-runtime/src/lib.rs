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
//!     let ada = client.upsert(Person::EMAIL_ADDRESSES, write).await?;
//!     println!("{} is {:?}", ada.id.record_id, ada.values.job_title);
//!
//!     let ctos: Vec<_> = client
//!         .query(Query::<Person>::new().filter(Person::JOB_TITLE.eq("CTO")))
//!         .try_collect()
//!         .await?;
//!     println!("{} CTOs", ctos.len());
//!     Ok(())
//! }
//! ```
//!
//! Every call goes through one transport that paces requests under Attio's
//! rate limits, retries what is safe to retry and logs a `tracing` span per
//! request ([`client`]); its failures are one [`Error`]. Beyond records:
//! list entries ([`Entry`], [`EntryCreate`]), [`webhooks`] (verification,
//! typed events, an axum receiver) and bulk [`sync`].
#![deny(missing_docs)]

pub mod attribute;
pub mod client;
pub mod error;
pub mod filter;
mod ids;
pub mod kind;
mod record;
pub mod request;
#[cfg(feature = "sqlite")]
mod sqlite;
mod stored;
pub mod sync;
#[cfg(test)]
mod test_write;
pub mod value;
mod value_arrays;
pub mod webhooks;

pub use attribute::{Attribute, IsUnique, NotUnique, Unique};
/// Typed task calls and their builders ([`NewTask`], [`TaskQuery`], [`TaskUpdate`]).
pub use client::tasks;
pub use client::tasks::{NewTask, Task, TaskQuery, TaskUpdate};
pub use client::{
    ApiKey, AttioApi, Client, ClientBuilder, Error, ErrorKind, Method, Note, NoteFormat,
    RateLimits, RetryPolicy, SentRequest,
};
pub use client::{MemberAccessLevel, WorkspaceMember};
pub use error::{DecodeError, ValueError};
pub use filter::{Direction, Filter, Property, Query, Sort};
pub use ids::{
    AttributeId, CommentId, EntryId, ListId, ObjectId, RecordId, TaskId, ThreadId, WebhookId,
    WorkspaceId, WorkspaceMemberId,
};
#[doc(hidden)]
pub use record::__private;
pub use record::{Entry, Model, Record, Target, Upsert, Values, Write};
pub use request::{Assert, EntryCreate};
pub use stored::{EntryIdentity, RecordIdentity, Stored, StoredEntry};
pub use value::{AttributeValue, OptionTitle};

/// Derives, re-exported like serde's.
pub use attio_macros::{Entry, Options, Record};

pub use chrono;
pub use rust_decimal::Decimal;
/// Re-exported for implementing [`AttributeValue`], whose decoder takes a
/// `serde::Deserializer`.
pub use serde;
pub use serde_json;
