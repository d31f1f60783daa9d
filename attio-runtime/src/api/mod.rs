//! Attio's REST API, one module per resource (records, entries, notes…):
//! each holds its calls, as `impl Client` methods, and the types they take and return.
//!
//! The calls are named `verb_noun` after the titles of Attio's operations
//! ("Create a record" is [`Client::create_record`](crate::Client::create_record), "List entries"
//! [`Client::query_entries`](crate::Client::query_entries) as it queries, "Get a task"
//! [`Client::get_task`](crate::Client::get_task)), so that a call can be guessed from Attio's
//! reference: `create_`, `get_`, `list_`, `update_` (PATCH, adds to
//! multiselect values), `overwrite_` (PUT, replaces them), `upsert_`
//! (create or update, safe to retry), `delete_`, and `query_` for the
//! filtered, paginated reads. A resource added later is one more module
//! here; a call that logic should be able to test with a double is also
//! listed once in [`AttioApi`](crate::AttioApi).

pub(crate) mod attio_api;
pub mod comments;
pub mod entries;
pub mod members;
pub mod notes;
pub mod records;
pub mod schema;
pub mod tasks;
pub mod webhooks;
