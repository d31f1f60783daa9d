//! The HTTP client's machinery: the [`Client`](crate::Client) handle and its
//! builder, and the one transport every call goes through. It authenticates,
//! paces requests under Attio's rate limits, retries what is safe to retry,
//! classifies errors and logs one `tracing` span per request. The calls
//! themselves, one file per Attio resource, are in [`crate::api`];
//! [`Client::raw`](crate::Client::raw) sends anything else.
//!
//! [`Client`](crate::Client), [`ClientBuilder`](crate::ClientBuilder),
//! [`Error`](crate::Error) and the configuration types are at the crate root;
//! this module holds the rest of what the client's signatures name.

pub(crate) mod adaptive;
mod cache;
pub(crate) mod error;
mod failure;
pub(crate) mod handle;
pub(crate) mod items;
pub(crate) mod pacing;
mod record_future;
pub(crate) mod retry;
pub(crate) mod secret;
mod stats;
mod streaming;
pub(crate) mod transport;

// Public as a module because `#[serde(with = "…")]` names a module.
pub mod exposed;

pub use error::AttioError;
pub use handle::{API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
pub use items::DEFAULT_PAGE_SIZE;
pub use record_future::RecordFuture;
pub use secret::InvalidApiKey;
pub use stats::ClientStats;
