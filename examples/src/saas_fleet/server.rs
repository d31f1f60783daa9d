//! The product's HTTP side of the fleet: install, callback, webhooks, status.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use attio_fleet::oauth::OAuthClient;
use attio_fleet::{Inbox, Installations, Received, Scheduler};
use attio_runtime::api::webhooks::CreatedWebhook;
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::{ApiKey, Client};
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use metrics_exporter_prometheus::PrometheusHandle;
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
    /// The product's own objects and attributes, ensured in every workspace
    /// at install (added where missing, never changed or removed).
    pub schema: Arc<attio_schema::Workspace>,
    /// `state` values of installs in progress. (One process here; a
    /// fleet of web servers keeps them in the user's session instead.)
    pub pending: Arc<Mutex<HashSet<String>>>,
    /// The process's metrics recorder (the clients' requests, retries,
    /// 429s, the sync's inputs), served before the fleet's own families;
    /// `None` serves the fleet's alone.
    pub metrics: Option<PrometheusHandle>,
}

/// `/install`, `/oauth/callback`, `/webhooks`, `/status` and `/metrics`.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/install", get(install))
        .route("/oauth/callback", get(callback))
        .route("/webhooks", post(webhook))
        .route("/status", get(status))
        .route("/metrics", get(metrics))
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

/// Attio sends the user back here: check `state`, exchange the code, add
/// the product's attributes where the workspace lacks them, register the
/// workspace's webhook, store the installation. Every Attio write of the
/// install comes before the installation is stored: storing it requests
/// the first sync, and from then on only the worker holding the
/// workspace's lease writes to it (after a second for the install's
/// writes, see `Installations::install`).
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
        let webhook = set_up_workspace(&app, &token).await?;
        app.installations
            .install(&workspace_id, &name, &token)
            .await?;
        let webhook_id = webhook.webhook.id.webhook_id.as_str();
        app.installations
            .set_webhook(&workspace_id, webhook_id, &webhook.secret)
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

/// Prometheus' text format: this process's client metrics, then the
/// fleet's per workspace (from the database, so any replica answers the
/// same).
async fn metrics(State(app): State<App>) -> Response {
    let work = app.scheduler.status().await;
    let backlog = app.inbox.backlog().await;
    match (work, backlog) {
        (Ok(work), Ok(backlog)) => {
            let mut text = app
                .metrics
                .as_ref()
                .map(PrometheusHandle::render)
                .unwrap_or_default();
            text.push_str(&super::metrics::render(&work, &backlog));
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
        }
        (Err(e), _) | (_, Err(e)) => {
            (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response()
        }
    }
}

/// The install's writes, with one client so that one pacer spaces them:
/// the product's objects and attributes the workspace lacks (schema as
/// code, additive only: `cargo_attio_gen::migrate::ensure`), then the
/// webhook. `ensure`'s future is not `Send`, so this runs on a runtime of
/// its own in a blocking thread.
async fn set_up_workspace(
    app: &App,
    token: &ApiKey,
) -> Result<CreatedWebhook, attio_fleet::FleetError> {
    let mut builder = Client::builder(token.expose_secret());
    if let Some(base) = &app.api_base {
        builder = builder
            .base_url(base)
            .allow_insecure_http(base.starts_with("http://"));
    }
    let client = builder.build()?;
    let schema = app.schema.clone();
    let target = app.webhook_url.clone();
    let failed =
        |e: String| attio_fleet::FleetError::Config(format!("setting up the workspace: {e}"));
    let work = move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async {
            let options = cargo_attio_gen::migrate::PlanOptions::default();
            cargo_attio_gen::migrate::ensure(&client, &schema, &options)
                .await
                .map_err(|e| e.to_string())?;
            let events = [
                Subscription::new("record.created"),
                Subscription::new("record.updated"),
            ];
            client
                .create_webhook(&target, &events)
                .await
                .map_err(|e| e.to_string())
        })
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| failed(e.to_string()))?
        .map_err(failed)
}
