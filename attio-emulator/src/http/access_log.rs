//! One `tracing` event per request, after its answer: method, path, status
//! and latency — at `info` when it was served, at `warn` when it was
//! refused (any 4xx or 5xx: a wrong key, a missing scope, a rate limit, an
//! invalid body, an injected fault). Nothing prints unless the program
//! installed a subscriber (the `attio-emulator` binary does; a test that
//! starts the emulator as a library sees nothing).
//!
//! The path only: the query string and the headers (the bearer token) are
//! never logged.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Logs the request once `next` has answered it. The outermost layer, so
/// that the gate's refusals and injected faults are logged with the
/// status the client saw.
pub(crate) async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    // Milliseconds to the microsecond: the emulator answers in well under one.
    let latency_ms = format!("{:.3}", started.elapsed().as_secs_f64() * 1000.0);
    if response.status().is_client_error() || response.status().is_server_error() {
        tracing::warn!(%method, %path, status, %latency_ms, "refused");
    } else {
        tracing::info!(%method, %path, status, %latency_ms, "served");
    }
    response
}
