//! Bulk sync: a stream of typed writes pushed into Attio at the rate limit,
//! each accounted for once, unchanged ones skipped, resumable from a state store.
//!
//! [`BulkSync`] runs it: records matched on a unique attribute
//! ([`BulkSync::upsert`]) or list entries matched on their parent
//! ([`BulkSync::upsert_entries`]). Every input ends as one [`Outcome`]; the
//! [`Report`] counts them. A [`StateStore`] ([`MemoryState`], or
//! `SqliteState` with feature `sqlite`) remembers the canonical hash of what
//! was written per key, so an unchanged input sends nothing and a killed
//! run resumes, and is bound to the workspace it was written for;
//! [`BulkSync::reconcile`] compares with what Attio holds now instead, for
//! records edited or deleted there. A [`DeadLetter`] file keeps the failed
//! inputs to feed back in. For syncs from Attio
//! outward, [`AttioApi::query_records`](crate::AttioApi::query_records) pages through a
//! query as a stream of typed records.
//!
//! ```no_run
//! # use attio_runtime::{Record, Write, Attribute, kind, Unique};
//! # async fn run<P: Record + Send + 'static>(client: &attio_runtime::Client, email: Attribute<P, kind::EmailAddress, Unique>, people: Vec<P::Write>)
//! # -> Result<(), attio_runtime::sync::SyncError> where P::Write: Clone + Send {
//! use attio_runtime::sync::BulkSync;
//!
//! // e.g. `Person::EMAIL_ADDRESSES`, and `Person::write()…` per user of the product
//! let report = BulkSync::new(client).upsert(email, futures_util::stream::iter(people)).await?;
//! assert_eq!(report.done, report.created + report.updated + report.unchanged + report.failed);
//! # Ok(()) }
//! ```

mod canonical;
mod dead_letter;
mod engine;
mod input;
mod keys;
mod outcome;
#[cfg(feature = "progress")]
mod progress_bar;
mod run;
mod state;
#[cfg(feature = "sqlite")]
mod state_sqlite;
#[cfg(test)]
mod tests;

pub use dead_letter::{DeadLetter, DeadLetterError};
pub use input::{SyncInput, Written};
pub use outcome::{Outcome, Report};
#[cfg(feature = "progress")]
#[cfg_attr(docsrs, doc(cfg(feature = "progress")))]
pub use progress_bar::progress_bar;
pub use run::{BulkSync, Outcomes, SyncError, DEFAULT_CONCURRENCY};
pub use state::{MemoryState, StateError, StateStore, Synced};
#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
pub use state_sqlite::SqliteState;
