//! Attio's OAuth 2.0 endpoints for an app installed in many workspaces:
//! `GET /authorize`, `POST /oauth/token` and `POST /oauth/introspect`
//! (<https://docs.attio.com/docs/oauth/authorize>,
//! <https://docs.attio.com/docs/oauth/token>,
//! <https://docs.attio.com/docs/oauth/introspect>).
//!
//! The emulator grants consent at once: `/authorize` redirects straight back
//! with a code. Where the docs leave it open, the emulator guesses: the
//! error bodies of the OAuth endpoints are Attio's API error bodies, and
//! `/authorize` takes an extra `workspace_id` parameter (a test's stand-in
//! for the user picking a workspace on the consent screen; without it a
//! new workspace is created and consents).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde_json::json;

use crate::errors::ApiError;
use crate::fleet::{bearer, Fleet};
use crate::routes::{oauth_self_body, self_body};

/// `GET /authorize`: checks the app and the redirect URI, then redirects
/// (302) to `redirect_uri` with `code` and, when given, `state`.
pub(crate) async fn authorize(
    State(fleet): State<Arc<Fleet>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let Some(app) = fleet
        .app
        .as_ref()
        .filter(|a| a.client_id == get("client_id"))
    else {
        return ApiError::bad_request(
            "validation_type",
            "Unknown client_id: no app is registered with it.",
        )
        .into_response();
    };
    if get("response_type") != "code" {
        return ApiError::bad_request("validation_type", "response_type must be \"code\".")
            .into_response();
    }
    let redirect = get("redirect_uri");
    let registered =
        app.redirect_uris.is_empty() || app.redirect_uris.iter().any(|u| u == redirect);
    if redirect.is_empty() || !registered {
        return ApiError::bad_request(
            "validation_type",
            "redirect_uri must exactly match one of the app's registered redirect URLs.",
        )
        .into_response();
    }
    let workspace_id = match params.get("workspace_id") {
        Some(id) if fleet.tenant(id).is_some() => id.clone(),
        Some(_) => {
            return ApiError::bad_request("validation_type", "Unknown workspace_id.")
                .into_response()
        }
        None => {
            let n = fleet.lock().workspaces.len() + 1;
            fleet.create_workspace(&format!("Workspace {n}"))
        }
    };
    let code = uuid::Uuid::new_v4().simple().to_string();
    fleet.lock().codes.insert(code.clone(), workspace_id);
    let mut location = format!(
        "{redirect}{}code={code}",
        if redirect.contains('?') { '&' } else { '?' }
    );
    if let Some(state) = params.get("state") {
        location.push_str("&state=");
        location.push_str(&percent_encode(state));
    }
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// The form of `POST /oauth/token`.
#[derive(serde::Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: String,
}

/// `POST /oauth/token` (form-encoded): a code for a token, answered as
/// `access_token` and `token_type` only — no refresh token, no expiry.
pub(crate) async fn token(
    State(fleet): State<Arc<Fleet>>,
    Form(form): Form<TokenForm>,
) -> Response {
    let client_ok = fleet
        .app
        .as_ref()
        .is_some_and(|a| a.client_id == form.client_id && a.client_secret == form.client_secret);
    if !client_ok {
        return ApiError::unauthorized("Invalid client_id or client_secret.").into_response();
    }
    if form.grant_type != "authorization_code" {
        return ApiError::bad_request(
            "validation_type",
            "grant_type must be \"authorization_code\".",
        )
        .into_response();
    }
    let workspace = fleet.lock().codes.remove(&form.code);
    let token = workspace.and_then(|w| fleet.issue_token(&w));
    match token {
        Some(token) => (
            StatusCode::OK,
            axum::Json(json!({"access_token": token, "token_type": "Bearer"})),
        )
            .into_response(),
        None => ApiError::bad_request(
            "validation_type",
            "Unknown or already used authorization code.",
        )
        .into_response(),
    }
}

/// `POST /oauth/introspect`, the token in the `Authorization` header: the
/// body of `/v2/self` for an active token, `{"active": false}` otherwise.
pub(crate) async fn introspect(State(fleet): State<Arc<Fleet>>, headers: HeaderMap) -> Response {
    let inactive = || (StatusCode::OK, axum::Json(json!({"active": false}))).into_response();
    let Some(token) = bearer(&headers) else {
        return inactive();
    };
    let grant = fleet.lock().tokens.get(token).cloned();
    let body = match grant {
        Some(grant) if grant.active => {
            let Some(tenant) = fleet.tenant(&grant.workspace_id) else {
                return inactive();
            };
            oauth_self_body(&tenant.state, &fleet.preauthorized(&grant))
        }
        Some(_) => return inactive(),
        // The default workspace's API key, when one is set.
        None if fleet.default.state.key().as_deref() == Some(token) => {
            self_body(&fleet.default.state)
        }
        None => return inactive(),
    };
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_unreserved_characters_only() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
