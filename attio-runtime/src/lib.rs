//! What applications link: Attio value types, the [`Record`] and [`Entry`]
//! traits with their derives, typed attribute constants, filters and sorts,
//! and the [`Client`] that sends them.
#![deny(missing_docs)]

pub mod attribute;
pub mod client;
pub mod error;
pub mod filter;
mod ids;
pub mod kind;
mod record;
pub mod request;
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
