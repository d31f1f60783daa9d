//! Attio's REST API, one module per resource (records, entries, notes…): each
//! holds its calls, as methods of [`Client`](crate::Client), and the types they take and return.
//!
//! The calls are named `verb_noun` after the titles of Attio's operations, so
//! that a call can be guessed from Attio's reference: "Create a record" is
//! [`create_record`](crate::Client::create_record), "Get a task"
//! [`get_task`](crate::Client::get_task), "List tasks"
//! [`list_tasks`](crate::Client::list_tasks). The verbs: `create_`, `get_`,
//! `list_`, `update_` (PATCH: adds to multiselect values), `overwrite_` (PUT:
//! replaces them), `upsert_` (create or update, safe to retry), `delete_`, and
//! `query_` for the filtered, paginated reads Attio titles "List records" and
//! "List entries". A resource added later is one more module here; a call that
//! business logic should be able to replace with a test double is also listed
//! once in [`AttioApi`](crate::AttioApi).
//!
//! Calls of operations Attio marks beta (record search and merge, value
//! history written) say so under a `# Stability` heading: Attio serves
//! them to every workspace, so the client has them without a feature
//! flag, and their docs warn that their shape may change.

pub mod activities;
pub(crate) mod attio_api;
pub mod call_recordings;
pub mod comments;
mod cursor;
pub mod emails;
pub mod entries;
pub mod files;
pub mod history;
pub mod identity;
pub mod meetings;
pub mod members;
pub mod notes;
pub mod records;
pub mod schema;
pub mod search;
pub mod sql;
pub mod tasks;
pub mod views;
pub mod webhooks;
