//! The product's HTTP side of the fleet: install, callback, webhooks, status.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use attio_fleet::oauth::OAuthClient;
use attio_fleet::{Inbox, Installations, Received, Scheduler};
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::RateLimits;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

/// What the endpoints share.
#[derive(Debug, Clone)]
pub struct App {
    /// The app's OAuth settings.
    pub oauth: OAuthClient,
    /// The installations table.
    pub installations: Installations,
    /// The webhook inbox.
    pub inbox: Inbox,
    /// The leases, for requesting work and the status.
    pub scheduler: Scheduler,
    /// Where Attio should deliver webhooks (this server's `/webhooks`).
    pub webhook_url: String,
    /// Attio's API base URL for the clients; `None` for Attio.
    pub api_base: Option<String>,
    /// `state` values of installs in progress. (One process here; a
    /// fleet of web servers keeps them in the user's session instead.)
    pub pending: Arc<Mutex<HashSet<String>>>,
}

/// `/install`, `/oauth/callback`, `/webhooks` and `/status`.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/install", get(install))
        .route("/oauth/callback", get(callback))
        .route("/webhooks", post(webhook))
        .route("/status", get(status))
        .with_state(app)
}

/// The "Connect Attio" button: a fresh `state`, then Attio's consent page.
/// (`workspace_id` is passed on for the emulator, whose consent page picks
/// that workspace; Attio ignores it.)
async fn install(
    State(app): State<App>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let state = OAuthClient::new_state();
    lock(&app.pending).insert(state.clone());
    let mut url = app.oauth.authorize_url(&state);
    if let Some(id) = q.get("workspace_id") {
        url.push_str(&format!("&workspace_id={id}"));
    }
    (StatusCode::FOUND, [(header::LOCATION, url)]).into_response()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Attio sends the user back here: check `state`, exchange the code,
/// store the installation, register the workspace's webhook.
async fn callback(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let state = reqwest::Url::parse(&format!("http://x/?{query}"))
        .ok()
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "state")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    // A state is used once, whatever the outcome.
    if !lock(&app.pending).remove(&state) {
        return (
            StatusCode::BAD_REQUEST,
            "unknown or used state: start again from /install",
        )
            .into_response();
    }
    let installed = async {
        let (token, workspace_id, name) = app.oauth.complete(&query, &state).await?;
        app.installations
            .install(&workspace_id, &name, &token)
            .await?;
        let client = app
            .installations
            .client(
                &workspace_id,
                app.api_base.as_deref(),
                RateLimits::default(),
            )
            .await?;
        let events = [
            Subscription::new("record.created"),
            Subscription::new("record.updated"),
        ];
        app.installations
            .register_webhook(&workspace_id, &client, &app.webhook_url, &events)
            .await?;
        Ok::<_, attio_fleet::FleetError>(name)
    };
    match installed.await {
        Ok(name) => (StatusCode::OK, format!("Attio workspace {name} connected")).into_response(),
        Err(error) => (
            StatusCode::BAD_GATEWAY,
            format!("the install failed: {error}"),
        )
            .into_response(),
    }
}

/// Every workspace's deliveries: verified, stored once, acknowledged; the
/// workspace's worker processes them.
async fn webhook(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    match app.inbox.receive(&headers, &body).await {
        Ok(Ok(Received::Stored { workspace_id })) => {
            let _ = app.scheduler.request(&workspace_id).await;
            StatusCode::OK.into_response()
        }
        Ok(Ok(Received::Duplicate { .. })) => StatusCode::OK.into_response(),
        Ok(Err(refusal)) => (StatusCode::UNAUTHORIZED, refusal.to_string()).into_response(),
        // Attio retries a 5xx: nothing is lost while the database is down.
        Err(error) => (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response(),
    }
}

/// Per workspace: connected or not, pending, last sync, runs, failures,
/// takeovers, 429s, and the inbox's backlog.
async fn status(State(app): State<App>) -> Response {
    let work = app.scheduler.status().await;
    let backlog = app.inbox.backlog().await;
    match (work, backlog) {
        (Ok(work), Ok(backlog)) => {
            let backlog: serde_json::Map<String, serde_json::Value> =
                backlog.into_iter().map(|(w, n)| (w, json!(n))).collect();
            Json(json!({"workspaces": work, "inbox_backlog": backlog})).into_response()
        }
        (Err(e), _) | (_, Err(e)) => {
            (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response()
        }
    }
}
