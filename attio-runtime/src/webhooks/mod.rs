//! Receiving Attio's webhooks: signature verification, typed events,
//! deduplication by `Idempotency-Key` (in memory, or in SQLite with feature
//! `sqlite`), and (feature `axum`) a receiver that acknowledges at once and
//! processes in the background, coalescing waiting events of one record.
//!
//! ```
//! use attio_runtime::webhooks::{sign, verify, Delivery, Event};
//!
//! let secret = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";
//! let body = br#"{"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [{
//!     "event_type": "task.created",
//!     "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "task_id": "2e6e29ea-c4e0-4f44-842d-78a891f8c156"},
//!     "actor": {"type": "api-token", "id": "67562b1c-1f2e-4d3a-8b9c-0d1e2f3a4b5c"}}]}"#;
//! let signature = sign(secret, body); // what Attio puts in `Attio-Signature`
//!
//! verify(secret, body, Some(&signature))?; // the raw bytes, before parsing
//! for event in Delivery::from_slice(body)?.events {
//!     if let Event::TaskCreated(task) = event {
//!         println!("task {} created", task.id.task_id);
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dedup;
#[cfg(feature = "sqlite")]
mod dedup_sqlite;
mod event;
mod latest;
#[cfg(feature = "axum")]
mod queue;
#[cfg(feature = "axum")]
mod receiver;
mod verify;

pub use dedup::{DedupError, DedupStore, MemoryDedup, IDEMPOTENCY_KEY_HEADER};
#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
pub use dedup_sqlite::SqliteDedup;
pub use event::{
    ActivityEvent, CallRecordingEvent, CommentEvent, Delivery, DeliveryError, EntryAttributeKey,
    EntryEvent, EntryKey, EntryUpdated, Event, ListAttributeEvent, ListAttributeKey, ListEvent,
    ListKey, NoteEvent, ObjectAttributeEvent, ObjectAttributeKey, RecordAttributeKey, RecordEvent,
    RecordKey, RecordMerged, RecordUpdated, TaskEvent, WorkspaceMemberEvent,
};
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use queue::Work;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use receiver::{Handler, Receiver, ReceiverHandle, ReceiverStats};

pub use latest::{Fetched, Latest};

pub use crate::client::secret::WebhookSecret;
pub use verify::{
    sign, verify, verify_any, verify_headers, verify_headers_any, SignatureError,
    LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER,
};
