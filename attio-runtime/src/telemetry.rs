//! Metrics through the `metrics` facade (feature `metrics`); the names are
//! listed at the crate root. Without the feature every function here is
//! empty, so callers need no `cfg` of their own.
//!
//! Labels take only bounded values (a method, an outcome, a reason): never
//! a path, an id or a key.

use std::time::Duration;

use crate::{Error, ErrorKind};

/// The outcome label of a finished request: `success`, `client_error`,
/// `server_error`, `rate_limited`, `connect_error` or `transport_error`.
#[cfg_attr(not(feature = "metrics"), allow(dead_code))]
pub(crate) fn request_outcome(result: Result<(), &Error>) -> &'static str {
    let Err(error) = result else {
        return "success";
    };
    match error.kind() {
        ErrorKind::RateLimited => "rate_limited",
        ErrorKind::Server => "server_error",
        ErrorKind::Connect => "connect_error",
        ErrorKind::Transport => "transport_error",
        // An answer we could not read is the server's fault, not the caller's.
        ErrorKind::Decode => "server_error",
        ErrorKind::Validation
        | ErrorKind::Auth
        | ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::Conflict
        | ErrorKind::Unprocessable
        | ErrorKind::Config
        | ErrorKind::InsecureHttp => "client_error",
    }
}

/// A request has ended (after its retries): `attio_requests_total` and
/// `attio_request_duration_seconds`, by method and outcome.
#[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
pub(crate) fn request_finished(method: &str, result: Result<(), &Error>, elapsed: Duration) {
    #[cfg(feature = "metrics")]
    {
        let labels = [
            ("method", method.to_owned()),
            ("outcome", request_outcome(result).to_owned()),
        ];
        ::metrics::counter!("attio_requests_total", &labels).increment(1);
        ::metrics::histogram!("attio_request_duration_seconds", &labels)
            .record(elapsed.as_secs_f64());
    }
}

/// An attempt failed and is retried: `attio_request_retries_total`.
pub(crate) fn request_retried() {
    #[cfg(feature = "metrics")]
    ::metrics::counter!("attio_request_retries_total").increment(1);
}

/// Attio answered 429: `attio_rate_limited_total`.
pub(crate) fn rate_limited() {
    #[cfg(feature = "metrics")]
    ::metrics::counter!("attio_rate_limited_total").increment(1);
}

/// A bulk-sync input has its outcome: `attio_sync_inputs_total{outcome}`
/// (`created`, `updated`, `unchanged`, `failed`).
#[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
pub(crate) fn sync_input(outcome: &'static str) {
    #[cfg(feature = "metrics")]
    ::metrics::counter!("attio_sync_inputs_total", "outcome" => outcome).increment(1);
}

/// What the webhook receiver did with one delivery.
#[cfg(feature = "axum")]
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "metrics"), allow(dead_code))]
pub(crate) enum WebhookDelivery {
    Accepted,
    Deduplicated,
    /// Refused, with the reason: `signature`, `unreadable`, `queue_full`,
    /// `dedup_store`.
    Refused(&'static str),
}

/// `attio_webhook_deliveries_total{result}` (`accepted`, `deduplicated`),
/// or `attio_webhook_deliveries_refused_total{reason}`.
#[cfg(feature = "axum")]
#[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
pub(crate) fn webhook_delivery(delivery: WebhookDelivery) {
    #[cfg(feature = "metrics")]
    match delivery {
        WebhookDelivery::Accepted => {
            ::metrics::counter!("attio_webhook_deliveries_total", "result" => "accepted")
                .increment(1)
        }
        WebhookDelivery::Deduplicated => {
            ::metrics::counter!("attio_webhook_deliveries_total", "result" => "deduplicated")
                .increment(1)
        }
        WebhookDelivery::Refused(reason) => {
            ::metrics::counter!("attio_webhook_deliveries_refused_total", "reason" => reason)
                .increment(1)
        }
    }
}

/// Works waiting in the webhook receiver's queue:
/// `attio_webhook_queue_depth`.
#[cfg(feature = "axum")]
#[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
pub(crate) fn webhook_queue_depth(waiting: usize) {
    #[cfg(feature = "metrics")]
    ::metrics::gauge!("attio_webhook_queue_depth").set(waiting as f64);
}

#[cfg(all(test, feature = "metrics"))]
pub(crate) mod tests;
