//! The HTTP client: [`Client`] and its builder. Every call goes through one
//! transport function that authenticates, paces under the rate limits,
//! retries what is safe to retry, classifies errors and logs one `tracing`
//! span per request. The typed calls live beside it: [`records`],
//! [`entries`], [`schema`], [`notes`], [`tasks`], [`comments`], [`webhooks`], and the untyped
//! [`Client::raw`].

mod api;
mod cache;
pub mod comments;
pub mod entries;
pub mod error;
mod handle;
mod items;
pub mod members;
pub mod notes;
pub mod pacing;
mod record_future;
pub mod records;
pub mod retry;
pub mod schema;
pub mod secret;
mod stats;
pub mod tasks;
mod transport;
pub mod webhooks;

pub use api::{AttioApi, BoxFuture};
pub use comments::{
    Comment, CommentKey, CommentedEntry, CommentedRecord, NewComment, Thread, ThreadKey,
};
pub use error::{AttioError, Error, ErrorKind};
pub use handle::{Client, ClientBuilder, SentRequest, API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
pub use members::{MemberAccessLevel, WorkspaceMember, WorkspaceMemberKey};
pub use notes::{Note, NoteFormat, NoteId};
pub use pacing::{Budget, RateLimits};
pub use reqwest::Method;
pub use retry::RetryPolicy;
pub use secret::{ApiKey, InvalidApiKey, WebhookSecret};
pub use stats::ClientStats;
pub use tasks::{Assignee, LinkedRecord, NewTask, Task, TaskKey, TaskQuery, TaskUpdate};
