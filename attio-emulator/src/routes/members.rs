//! `/v2/self` and `/v2/workspace_members`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Extension;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::fleet::Preauthorized;
use crate::http::{data, lock, ApiResult, Shared};
use crate::render;
use crate::state::AppState;

/// The scopes the emulator grants every token: everything it serves.
const SCOPES: &str = "object_configuration:read-write record_permission:read-write \
list_configuration:read-write list_entry:read-write user_management:read note:read-write webhook:read-write";

/// `GET /v2/self`. Not wrapped in `data`: the spec's response is the bare
/// token introspection object — for an OAuth token, the app's.
pub(crate) async fn get_self(
    State(state): State<Shared>,
    grant: Option<Extension<Preauthorized>>,
) -> ApiResult {
    let body = match grant {
        Some(Extension(grant)) => oauth_self_body(&state, &grant),
        None => self_body(&state),
    };
    Ok((StatusCode::OK, axum::Json(body)).into_response())
}

/// The token introspection object of a token an OAuth app was issued: the
/// app's client id (also the audience) where a workspace API key has its
/// own id, and when the token was issued.
pub(crate) fn oauth_self_body(state: &AppState, grant: &Preauthorized) -> Value {
    let mut body = self_body(state);
    if let Some(client_id) = &grant.client_id {
        body["client_id"] = json!(client_id);
        body["aud"] = json!(client_id);
    }
    body["iat"] = json!(grant.issued_at);
    body
}

/// The token introspection object of a workspace's token: `/v2/self` and
/// `/oauth/introspect` answer it.
pub(crate) fn self_body(state: &AppState) -> Value {
    let scope = state
        .scopes
        .as_ref()
        .map_or_else(|| SCOPES.to_owned(), |granted| granted.join(" "));
    let store = lock(state);
    let now = chrono::Utc::now().timestamp();
    json!({
        "active": true,
        "scope": scope,
        "client_id": store.info.token_id,
        "token_type": "Bearer",
        "exp": null,
        "iat": now,
        "sub": store.info.id,
        "aud": store.info.token_id,
        "iss": "attio.com",
        "authorized_by_workspace_member_id": store.members.first().map(|m| m.id.clone()),
        "workspace_id": store.info.id,
        "workspace_name": store.info.name,
        "workspace_slug": store.info.slug,
        "workspace_logo_url": null,
        // Not in Attio's 2025 OpenAPI document; the live API says which kind
        // of token this is, and every emulator token is a workspace API key.
        "token_level": "workspace",
    })
}

/// `GET /v2/workspace_members`.
pub(crate) async fn list(State(state): State<Shared>) -> ApiResult {
    let store = lock(&state);
    let members: Vec<Value> = store
        .members
        .iter()
        .map(|m| render::member(&store, m))
        .collect();
    Ok(data(Value::Array(members)))
}

/// `GET /v2/workspace_members/{member}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let member = store.member(&id).ok_or_else(|| {
        ApiError::not_found(format!("Workspace member with ID \"{id}\" not found."))
    })?;
    Ok(data(render::member(&store, member)))
}
