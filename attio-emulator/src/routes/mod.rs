//! The HTTP surface: the router of every endpoint, with the gate every
//! request passes and the helpers the endpoints share.

mod attributes;
mod comments;
mod entries;
mod gate;
mod http;
mod items;
mod lists;
mod members;
mod notes;
mod objects;
mod parent;
mod records;
mod tasks;
mod webhooks;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use axum::Router;

use gate::{gatekeeper, unknown_route};
use http::Shared;

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
        .merge(entries::routes())
        .merge(notes::routes())
        .merge(tasks::routes())
        .merge(comments::routes())
        .merge(webhooks::routes())
        .fallback(unknown_route)
        // Attio takes text values of up to 10 MB; leave room for the JSON around them.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), gatekeeper))
        .with_state(state)
}
