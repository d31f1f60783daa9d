//! The HTTP surface: routing, authentication, rate limiting, the `{"data"}`
//! envelope and request-body parsing shared by every endpoint.

mod attributes;
mod lists;
mod members;
mod notes;
mod objects;
mod records;
mod webhooks;

use std::collections::HashMap;
use std::sync::{Arc, MutexGuard};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::Utc;
use serde_json::{json, Map, Value};

use crate::delivery::dispatch;
use crate::errors::ApiError;
use crate::events::Event;
use crate::faults::fault_response;
use crate::rate_limit::budget_for;
use crate::state::AppState;
use crate::store::Store;

/// Shared state handle given to every handler.
pub(crate) type Shared = Arc<AppState>;

/// Query-string parameters.
pub(crate) type Params = HashMap<String, String>;

/// The result of a handler.
pub(crate) type ApiResult = Result<Response, ApiError>;

/// Largest accepted request body.
const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Every route of the emulated API.
pub(crate) fn router(state: Shared) -> Router {
    Router::new()
        .route("/v2/self", get(members::get_self))
        .route("/v2/workspace_members", get(members::list))
        .route("/v2/workspace_members/{member}", get(members::get_one))
        .merge(objects::routes())
        .merge(attributes::routes())
        .merge(records::routes())
        .merge(lists::routes())
        .merge(notes::routes())
        .merge(webhooks::routes())
        .fallback(unknown_route)
        // Attio takes text values of up to 10 MB; leave room for the JSON around them.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), gatekeeper))
        .with_state(state)
}

async fn unknown_route(method: Method, uri: Uri) -> ApiError {
    ApiError::no_endpoint(method.as_str(), uri.path())
}

/// Authentication, then rate limiting, then the handler; also turns the
/// router's 405 (known path, other method) into Attio's 404 and stamps
/// `x-attio-execution-id` on every response.
async fn gatekeeper(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = match check_request(&state, &request) {
        Err(error) => error.into_response(),
        Ok(()) => {
            let decision = state
                .faults
                .as_ref()
                .map(|f| f.decide(&method, &path))
                .unwrap_or_default();
            if !decision.delay.is_zero() {
                tokio::time::sleep(decision.delay).await;
            }
            match decision.outcome {
                Some((fault, false)) => fault_response(fault),
                outcome => {
                    let response = next.run(request).await;
                    let mut response = attio_error_body(response, &method, &path);
                    if let Some((fault, true)) = outcome {
                        if response.status().is_success() {
                            if let Some(faults) = &state.faults {
                                faults.record_applied();
                            }
                        }
                        response = fault_response(fault);
                    }
                    response
                }
            }
        }
    };
    if let Ok(id) = HeaderValue::from_str(&crate::store::new_id()) {
        response.headers_mut().insert("x-attio-execution-id", id);
    }
    response
}

/// Rejections produced by axum itself (a known path with another method, a
/// body over the size limit, an undecodable path or query) come as plain
/// text; clients expect Attio's JSON error body on every failure.
fn attio_error_body(response: Response, method: &Method, path: &str) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        return ApiError::no_endpoint(method.as_str(), path).into_response();
    }
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::body_issue(vec![], "The request body is too large.")
    } else {
        ApiError::bad_request("validation_type", format!("Invalid request ({status})."))
    };
    error.into_response()
}

fn check_request(state: &AppState, request: &Request) -> Result<(), ApiError> {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // The auth scheme is case-insensitive (RFC 9110 §11.1).
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|t| !t.is_empty());
    let authorized = match (token, &state.api_key) {
        (Some(token), Some(key)) => token == key,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if !authorized {
        return Err(ApiError::unauthorized(
            "Authentication failed: provide a valid access token as \"Authorization: Bearer <token>\".",
        ));
    }
    if let Some(granted) = &state.scopes {
        let path = request.uri().path();
        for scope in attio_schema::scopes::required(request.method().as_str(), path) {
            if !granted.iter().any(|g| scope.granted_by(g)) {
                return Err(ApiError::missing_scope(&scope.to_string()));
            }
        }
    }
    let budget = budget_for(request.method(), request.uri().path());
    state
        .limiter
        .check(budget, Utc::now())
        .map_err(ApiError::rate_limited)
}

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

/// Parses a JSON body; an empty body counts as `{}` (query endpoints take an
/// optional body), anything unparseable is Attio's body validation error.
pub(crate) fn parse_body(bytes: &Bytes) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::body_issue(vec![], format!("Invalid JSON body: {e}.")))
}

/// The object under `data` in a write body.
pub(crate) fn data_object(body: &Value) -> Result<&Map<String, Value>, ApiError> {
    match body.get("data") {
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(ApiError::body_issue(
            vec![json!("data")],
            "Expected object.",
        )),
        None => Err(ApiError::body_issue(vec![json!("data")], "Required")),
    }
}

/// A required member of `data`.
pub(crate) fn required<'a>(data: &'a Map<String, Value>, key: &str) -> Result<&'a Value, ApiError> {
    data.get(key)
        .ok_or_else(|| ApiError::body_issue(vec![json!("data"), json!(key)], "Required"))
}

/// A required string member of `data`.
pub(crate) fn required_str<'a>(
    data: &'a Map<String, Value>,
    key: &str,
) -> Result<&'a str, ApiError> {
    required(data, key)?
        .as_str()
        .ok_or_else(|| ApiError::body_issue(vec![json!("data"), json!(key)], "Expected string."))
}

/// An optional boolean query parameter (`true`/`false`).
pub(crate) fn flag(params: &Params, name: &str) -> Result<bool, ApiError> {
    match params.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"{name}\" must be true or false, not \"{other}\"."),
        )),
    }
}

/// An optional non-negative integer query parameter.
pub(crate) fn number_param(params: &Params, name: &str) -> Result<Option<usize>, ApiError> {
    params
        .get(name)
        .map(|v| {
            v.parse::<usize>().map_err(|_| {
                ApiError::bad_request(
                    "validation_type",
                    format!("Query parameter \"{name}\" must be a non-negative integer."),
                )
            })
        })
        .transpose()
}

/// `offset` and `limit` applied to a list.
pub(crate) fn paginate<T>(items: Vec<T>, offset: usize, limit: Option<usize>) -> Vec<T> {
    let iter = items.into_iter().skip(offset);
    match limit {
        Some(limit) => iter.take(limit).collect(),
        None => iter.collect(),
    }
}
