//! The HTTP plumbing every endpoint shares: the state handle, the gate every
//! request passes, the access log, the `{"data"}` envelope, request readers
//! and publishing.

mod access_log;
mod gate;
mod request;

pub(crate) use access_log::access_log;
pub(crate) use gate::{gatekeeper, unknown_route};
pub(crate) use request::*;

use std::collections::HashMap;
use std::sync::{Arc, MutexGuard};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use attio_schema::Target;

use crate::delivery::dispatch;
use crate::errors::ApiError;
use crate::events::Event;
use crate::state::AppState;
use crate::store::Store;

/// Shared state handle given to every handler.
pub(crate) type Shared = Arc<AppState>;

/// Query-string parameters.
pub(crate) type Params = HashMap<String, String>;

/// The result of a handler.
pub(crate) type ApiResult = Result<Response, ApiError>;

/// Queues webhook deliveries for the events of a successful write. The
/// events are only built when some webhook is registered, so writes pay
/// nothing for webhooks otherwise.
pub(crate) fn publish(state: &Shared, store: &Store, events: impl FnOnce() -> Vec<Event>) {
    if store.webhooks.is_empty() {
        return;
    }
    let messages = state.webhooks.messages(store, &events());
    dispatch(state, messages);
}

/// The store, locked for the rest of the request.
pub(crate) fn lock(state: &AppState) -> MutexGuard<'_, Store> {
    // Handlers never leave the store half-written (they validate before they
    // mutate), so the data behind a poisoned lock is still consistent.
    state.store.lock().unwrap_or_else(|e| e.into_inner())
}

/// `200 {"data": …}`.
pub(crate) fn data(value: Value) -> Response {
    (StatusCode::OK, axum::Json(json!({ "data": value }))).into_response()
}

/// `200 {}`, Attio's answer to a DELETE.
pub(crate) fn empty() -> Response {
    (StatusCode::OK, axum::Json(json!({}))).into_response()
}

/// The `objects` or `lists` of a path: handlers that objects and lists
/// share take it as a type parameter, so that the router's table names the
/// handler of each endpoint (`attributes::list::<Objects>`).
pub(crate) trait PathTarget {
    /// The target the path segment names.
    const TARGET: Target;
}

/// `/v2/objects/{object}/…`.
pub(crate) enum Objects {}

impl PathTarget for Objects {
    const TARGET: Target = Target::Object;
}

/// `/v2/lists/{list}/…`.
pub(crate) enum Lists {}

impl PathTarget for Lists {
    const TARGET: Target = Target::List;
}
