//! An axum receiver (feature `axum`): verifies, deduplicates and queues a
//! delivery, answers at once, and processes the queue in the background —
//! Attio gives a delivery a few seconds, and a slow handler must not make
//! it retry.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use futures_util::FutureExt;
use sha2::{Digest, Sha256};
use std::panic::AssertUnwindSafe;

use super::queue::{Queue, Work};
use super::verify::check_headers;
use super::{DedupStore, Delivery, MemoryDedup, IDEMPOTENCY_KEY_HEADER};
use crate::client::secret::WebhookSecret;
use crate::telemetry::{self, WebhookDelivery};

/// What processes the queued events: any `Fn(Work) -> impl Future<Output =
/// Result<(), E>>`. An error is retried with backoff; after the last
/// attempt the work goes to the dead-letter callback.
pub trait Handler: Send + Sync + 'static {
    /// Why processing failed; shown to the dead-letter callback.
    type Error: std::fmt::Display + Send;
    /// Processes one work.
    fn handle(&self, work: Work) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

impl<F, Fut, E> Handler for F
where
    F: Fn(Work) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: std::fmt::Display + Send,
{
    type Error = E;
    fn handle(&self, work: Work) -> impl Future<Output = Result<(), E>> + Send {
        self(work)
    }
}

type DeadLetter = Arc<dyn Fn(Work, String) + Send + Sync>;

/// Settings of a receiver; [`router`](Receiver::router) starts it.
///
/// ```no_run
/// use attio_runtime::webhooks::{Receiver, Work};
///
/// # async fn run() -> std::io::Result<()> {
/// let secret = std::env::var("ATTIO_WEBHOOK_SECRET").unwrap_or_default();
/// let (app, _receiver) = Receiver::new(secret).router("/attio", |work: Work| async move {
///     for event in &work.events {
///         println!("{}", event.event_type());
///     }
///     Ok::<(), std::convert::Infallible>(())
/// });
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// axum::serve(listener, app).await
/// # }
/// ```
pub struct Receiver {
    secrets: Vec<WebhookSecret>,
    dedup: Arc<dyn DedupStore>,
    capacity: usize,
    workers: usize,
    coalesce: bool,
    attempts: u32,
    backoff: Duration,
    dead_letter: DeadLetter,
}

impl Receiver {
    /// A receiver of the webhook whose secret this is, with an in-memory
    /// deduplication store of 100,000 keys kept for three days, a queue of
    /// 10,000 works, 8 workers, coalescing, and 5 attempts per work from
    /// 100 ms of backoff.
    pub fn new(secret: impl Into<WebhookSecret>) -> Receiver {
        Receiver {
            secrets: vec![secret.into()],
            dedup: Arc::new(MemoryDedup::new(
                100_000,
                Duration::from_secs(3 * 24 * 3600),
            )),
            capacity: 10_000,
            workers: 8,
            coalesce: true,
            attempts: 5,
            backoff: Duration::from_millis(100),
            dead_letter: Arc::new(|work: Work, error: String| {
                tracing::error!(events = work.events.len(), %error, "webhook work failed after every attempt");
            }),
        }
    }

    /// Also accepts deliveries signed with `secret`: while an old webhook
    /// and its replacement overlap, a delivery verifies if any of the
    /// receiver's secrets signed it (each tried in constant time).
    ///
    /// To rotate a webhook's secret: create the replacement webhook
    /// ([`Client::create_webhook`](crate::Client::create_webhook)), store
    /// its secret, restart the receiver with both, delete the old webhook,
    /// then drop its secret at the next restart.
    ///
    /// ```
    /// use attio_runtime::webhooks::Receiver;
    ///
    /// let receiver = Receiver::new("the replacement webhook's secret")
    ///     .accept_secret("the old webhook's secret"); // until the old webhook is deleted
    /// ```
    pub fn accept_secret(mut self, secret: impl Into<WebhookSecret>) -> Receiver {
        self.secrets.push(secret.into());
        self
    }

    /// Where accepted `Idempotency-Key`s are remembered (e.g. a
    /// [`SqliteDedup`](super::SqliteDedup) that survives restarts).
    pub fn dedup(mut self, store: impl DedupStore + 'static) -> Receiver {
        self.dedup = Arc::new(store);
        self
    }

    /// How many works may wait; a delivery that does not fit is answered
    /// 503 so that Attio delivers it again later.
    pub fn capacity(mut self, works: usize) -> Receiver {
        self.capacity = works.max(1);
        self
    }

    /// How many works are processed at once.
    pub fn workers(mut self, workers: usize) -> Receiver {
        self.workers = workers.max(1);
        self
    }

    /// Whether waiting events of one record become one work (default: yes).
    pub fn coalesce(mut self, yes: bool) -> Receiver {
        self.coalesce = yes;
        self
    }

    /// Attempts per work, and the first backoff (doubled after each).
    pub fn retry(mut self, attempts: u32, backoff: Duration) -> Receiver {
        self.attempts = attempts.max(1);
        self.backoff = backoff;
        self
    }

    /// Called with a work that failed every attempt, and the last error.
    pub fn dead_letter(mut self, f: impl Fn(Work, String) + Send + Sync + 'static) -> Receiver {
        self.dead_letter = Arc::new(f);
        self
    }

    /// An axum router serving `POST path`, and a handle on the background
    /// processing. Must be called inside a Tokio runtime.
    pub fn router<H: Handler>(self, path: &str, handler: H) -> (Router, ReceiverHandle) {
        let queue = Arc::new(Queue::new(self.capacity, self.coalesce));
        let stats = Arc::new(Counters::default());
        let handler = Arc::new(handler);
        for _ in 0..self.workers {
            tokio::spawn(work_loop(
                queue.clone(),
                handler.clone(),
                stats.clone(),
                self.attempts,
                self.backoff,
                self.dead_letter.clone(),
            ));
        }
        let shared = Arc::new(Shared {
            secrets: self.secrets,
            dedup: self.dedup,
            queue: queue.clone(),
            stats: stats.clone(),
        });
        let router = Router::new().route(path, post(receive)).with_state(shared);
        (router, ReceiverHandle { queue, stats })
    }
}

struct Shared {
    /// The current webhook's first; any of them verifies a delivery.
    secrets: Vec<WebhookSecret>,
    dedup: Arc<dyn DedupStore>,
    queue: Arc<Queue>,
    stats: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    accepted: AtomicU64,
    duplicates: AtomicU64,
    refused: AtomicU64,
    full: AtomicU64,
    processed: AtomicU64,
    retries: AtomicU64,
    dead_lettered: AtomicU64,
}

/// What a receiver has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReceiverStats {
    /// Deliveries verified and queued.
    pub accepted: u64,
    /// Deliveries acknowledged without processing: already accepted.
    pub duplicates: u64,
    /// Deliveries refused: bad signature or unreadable body.
    pub refused: u64,
    /// Deliveries answered 503 because the queue was full.
    pub full: u64,
    /// Works processed successfully.
    pub processed: u64,
    /// Failed attempts that were retried.
    pub retries: u64,
    /// Works given to the dead-letter callback.
    pub dead_lettered: u64,
}

/// A handle on a receiver's background processing.
#[derive(Clone)]
pub struct ReceiverHandle {
    queue: Arc<Queue>,
    stats: Arc<Counters>,
}

impl ReceiverHandle {
    /// The counts so far.
    pub fn stats(&self) -> ReceiverStats {
        let c = &self.stats;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        ReceiverStats {
            accepted: get(&c.accepted),
            duplicates: get(&c.duplicates),
            refused: get(&c.refused),
            full: get(&c.full),
            processed: get(&c.processed),
            retries: get(&c.retries),
            dead_lettered: get(&c.dead_lettered),
        }
    }

    /// Works waiting now.
    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// Waits until every accepted work is processed (or dead-lettered).
    pub async fn idle(&self) {
        self.queue.idle().await;
    }

    /// Stops the workers once the queue is empty.
    pub fn close(&self) {
        self.queue.close();
    }
}

fn answer(status: StatusCode, message: impl Into<String>) -> Response {
    (status, message.into()).into_response()
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let count = |a: &AtomicU64| a.fetch_add(1, Ordering::Relaxed);
    if let Err(e) = check_headers(&shared.secrets, &body, &headers) {
        count(&shared.stats.refused);
        telemetry::webhook_delivery(WebhookDelivery::Refused("signature"));
        refusal::bad_signature(&headers, &body, &e);
        return answer(StatusCode::UNAUTHORIZED, e.to_string());
    }
    let delivery = match Delivery::from_slice(&body) {
        Ok(delivery) => delivery,
        Err(e) => {
            // Non-2xx, so that Attio delivers it again after a fix.
            count(&shared.stats.refused);
            telemetry::webhook_delivery(WebhookDelivery::Refused("unreadable"));
            refusal::unreadable(&headers, &body, &e);
            return answer(StatusCode::BAD_REQUEST, e.to_string());
        }
    };
    let key = match headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        Some(key) => key.to_owned(),
        // Attio always sends one; without it, the same bytes are the same delivery.
        None => hex::encode(Sha256::digest(&body)),
    };
    match shared.dedup.claim(&key) {
        Ok(true) => {}
        Ok(false) => {
            count(&shared.stats.duplicates);
            telemetry::webhook_delivery(WebhookDelivery::Deduplicated);
            return answer(StatusCode::OK, "already accepted");
        }
        Err(e) => {
            telemetry::webhook_delivery(WebhookDelivery::Refused("dedup_store"));
            return answer(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        }
    }
    if shared.queue.push(delivery.events).is_err() {
        // Forget the key, or Attio's retry would be taken for a duplicate.
        let _ = shared.dedup.release(&key);
        count(&shared.stats.full);
        telemetry::webhook_delivery(WebhookDelivery::Refused("queue_full"));
        let mut response = answer(
            StatusCode::SERVICE_UNAVAILABLE,
            "the queue is full; deliver again later",
        );
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from_static("1"));
        return response;
    }
    count(&shared.stats.accepted);
    telemetry::webhook_delivery(WebhookDelivery::Accepted);
    telemetry::webhook_queue_depth(shared.queue.len());
    answer(StatusCode::OK, "accepted")
}

async fn work_loop<H: Handler>(
    queue: Arc<Queue>,
    handler: Arc<H>,
    stats: Arc<Counters>,
    attempts: u32,
    backoff: Duration,
    dead_letter: DeadLetter,
) {
    while let Some(work) = queue.pop().await {
        telemetry::webhook_queue_depth(queue.len());
        let mut delay = backoff;
        let mut attempt = 1;
        loop {
            // A panicking handler is a failed attempt, not a lost worker.
            let attempt_once = async {
                handler
                    .handle(work.clone())
                    .await
                    .map_err(|e| e.to_string())
            };
            let outcome = AssertUnwindSafe(attempt_once)
                .catch_unwind()
                .await
                .unwrap_or_else(|_| Err("the handler panicked".to_owned()));
            match outcome {
                Ok(()) => {
                    stats.processed.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                Err(e) if attempt >= attempts => {
                    stats.dead_lettered.fetch_add(1, Ordering::Relaxed);
                    dead_letter(work.clone(), e);
                    break;
                }
                Err(_) => {
                    stats.retries.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(30));
                    attempt += 1;
                }
            }
        }
        queue.done(&work);
    }
}

mod refusal;
#[cfg(test)]
mod tests;
