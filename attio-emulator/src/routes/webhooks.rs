//! Webhook registration: list, create, get, update and delete. The
//! emulator records subscriptions but does not deliver events.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Map, Value};

use crate::delivery::is_loopback_http;
use crate::errors::ApiError;
use crate::http::{
    data, data_object, empty, lock, number_param, parse_body, required, ApiResult, Params, Shared,
};
use crate::store::{new_id, Store, Webhook};
use crate::time;

/// The event types of Attio's October 2026 OpenAPI document. The emulator
/// publishes every one but `activity-attribute.*` (Attio's REST API has no
/// route that changes an activity's attributes); a subscription to them is
/// kept all the same.
const EVENT_TYPES: [&str; 34] = [
    "comment.created",
    "comment.resolved",
    "comment.unresolved",
    "comment.deleted",
    "list.created",
    "list.updated",
    "list.deleted",
    "list-attribute.created",
    "list-attribute.updated",
    "list-entry.created",
    "list-entry.updated",
    "list-entry.deleted",
    "object-attribute.created",
    "object-attribute.updated",
    "note.created",
    "note.updated",
    "note.deleted",
    "note-content.updated",
    "call-recording.created",
    "activity.created",
    "activity.updated",
    "activity.deleted",
    "activity-attribute.created",
    "activity-attribute.updated",
    "activity-record.created",
    "activity-record.deleted",
    "record.created",
    "record.merged",
    "record.updated",
    "record.deleted",
    "task.created",
    "task.updated",
    "task.deleted",
    "workspace-member.created",
];

fn render(store: &Store, webhook: &Webhook, with_secret: bool) -> Value {
    let mut out = json!({
        "target_url": webhook.target_url,
        "subscriptions": webhook.subscriptions,
        "id": {"workspace_id": store.info.id, "webhook_id": webhook.id},
        "status": webhook.status,
        "created_at": webhook.created_at,
    });
    // The secret is shown once, in the create response, as in Attio.
    if with_secret {
        out["secret"] = json!(webhook.secret);
    }
    out
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Webhook with ID \"{id}\" not found."))
}

fn issue(path: &[Value], message: &str) -> ApiError {
    let mut full = vec![json!("data")];
    full.extend_from_slice(path);
    ApiError::body_issue(full, message)
}

fn target_url(value: &Value) -> Result<String, ApiError> {
    match value.as_str() {
        Some(url) if url.starts_with("https://") && url.len() > "https://".len() => {
            Ok(url.to_owned())
        }
        // Not in Attio: local receivers in tests cannot serve TLS, so the
        // emulator also takes plain http on the loopback interface.
        Some(url) if is_loopback_http(url) => Ok(url.to_owned()),
        _ => Err(issue(&[json!("target_url")], "Expected an https:// URL.")),
    }
}

/// Checks a subscription list: known event types, and filters that are
/// null or `{"$and"|"$or": [{field, operator: equals|not_equals, value}]}`.
fn subscriptions(value: &Value) -> Result<Vec<Value>, ApiError> {
    let Value::Array(items) = value else {
        return Err(issue(&[json!("subscriptions")], "Expected array."));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |key: &str| [json!("subscriptions"), json!(i), json!(key)];
        let event_type = item.get("event_type").and_then(Value::as_str);
        if !event_type.is_some_and(|e| {
            EVENT_TYPES.contains(&e) || super::call_recordings::EVENT_TYPES.contains(&e)
        }) {
            return Err(issue(&at("event_type"), "Expected a known event type."));
        }
        let Some(filter) = item.get("filter") else {
            return Err(issue(&at("filter"), "Required"));
        };
        if !filter.is_null() && !valid_filter(filter) {
            return Err(issue(&at("filter"), "Invalid webhook filter."));
        }
        out.push(json!({"event_type": event_type, "filter": filter}));
    }
    Ok(out)
}

fn valid_filter(filter: &Value) -> bool {
    let Some(map) = filter.as_object() else {
        return false;
    };
    let (Some((key, conditions)), 1) = (map.iter().next(), map.len()) else {
        return false;
    };
    (key == "$and" || key == "$or")
        && conditions.as_array().is_some_and(|items| {
            items.iter().all(|c| {
                c.get("field").is_some_and(Value::is_string)
                    && c.get("value").is_some_and(Value::is_string)
                    && matches!(
                        c.get("operator").and_then(Value::as_str),
                        Some("equals" | "not_equals")
                    )
            })
        })
}

/// A subscription already registered for the same URL is a conflict.
fn check_duplicates(
    store: &Store,
    except: Option<&str>,
    url: &str,
    subs: &[Value],
) -> Result<(), ApiError> {
    for webhook in store
        .webhooks
        .iter()
        .filter(|w| Some(w.id.as_str()) != except && w.target_url == url)
    {
        if subs.iter().any(|s| webhook.subscriptions.contains(s)) {
            return Err(ApiError::conflict(
                "uniqueness_conflict",
                "A webhook with the same target URL and subscription already exists.",
            ));
        }
    }
    Ok(())
}

/// 64 hex characters; two v4 UUIDs give 244 random bits, plenty for a test secret.
fn new_secret() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// `GET /v2/webhooks`.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let limit = number_param(&params, "limit")?.unwrap_or(10);
    if !(10..=100).contains(&limit) {
        return Err(ApiError::bad_request(
            "validation_type",
            "Query parameter \"limit\" must be between 10 and 100.",
        ));
    }
    let offset = number_param(&params, "offset")?.unwrap_or(0);
    let items: Vec<Value> = store
        .webhooks
        .iter()
        .skip(offset)
        .take(limit)
        .map(|w| render(&store, w, false))
        .collect();
    Ok(data(Value::Array(items)))
}

/// `POST /v2/webhooks`: the only answer that shows the secret.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    let url = target_url(required(data_in, "target_url")?)?;
    let subs = subscriptions(required(data_in, "subscriptions")?)?;
    check_duplicates(&store, None, &url, &subs)?;
    let webhook = Webhook {
        id: new_id(),
        target_url: url,
        subscriptions: subs,
        status: "active",
        secret: new_secret(),
        created_at: time::now_string(),
    };
    let rendered = render(&store, &webhook, true);
    store.webhooks.push(webhook);
    Ok(data(rendered))
}

/// `GET /v2/webhooks/{webhook}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let webhook = store
        .webhooks
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| not_found(&id))?;
    Ok(data(render(&store, webhook, false)))
}

/// `PATCH /v2/webhooks/{webhook}`.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = store
        .webhooks
        .iter()
        .position(|w| w.id == id)
        .ok_or_else(|| not_found(&id))?;
    let data_in: &Map<String, Value> = data_object(&body)?;
    let mut webhook = store.webhooks[index].clone();
    if let Some(url) = data_in.get("target_url") {
        webhook.target_url = target_url(url)?;
    }
    if let Some(subs) = data_in.get("subscriptions") {
        webhook.subscriptions = subscriptions(subs)?;
    }
    check_duplicates(
        &store,
        Some(&id),
        &webhook.target_url,
        &webhook.subscriptions,
    )?;
    let rendered = render(&store, &webhook, false);
    store.webhooks[index] = webhook;
    Ok(data(rendered))
}

/// `DELETE /v2/webhooks/{webhook}`.
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let before = store.webhooks.len();
    store.webhooks.retain(|w| w.id != id);
    if store.webhooks.len() == before {
        return Err(not_found(&id));
    }
    Ok(empty())
}
