//! The emulator's behaviour seen over HTTP, one module per area of the API
//! (plus the binary run as a process); `support` starts emulators and calls them.

mod assert;
#[cfg(feature = "cli")]
mod binary;
mod concurrency;
mod core_2026;
mod core_2026_schema;
mod entries;
mod faults;
mod newer_api;
mod notes_and_webhooks;
mod protocol;
mod query;
mod rate_limits;
mod records;
mod schema;
mod scopes;
mod support;
mod tasks;
mod webhook_delivery;
