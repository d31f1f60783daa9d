//! Webhook delivery: each event POSTed to every subscribed webhook, signed
//! with the webhook's secret, with an `Idempotency-Key`, retried with
//! exponential back-off on failure, and — when configured — duplicated or
//! delayed so receivers can be tested against at-least-once, unordered
//! delivery.
//!
//! The emulator has no TLS client and no network: it delivers only to
//! `http://` targets on the loopback interface (which it accepts at
//! registration in addition to Attio's `https://`). Events for other
//! targets are counted as unsupported and dropped.

use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::events::{subscribers, Event};
use crate::faults::next_random;
use crate::store::{new_id, Store};

/// How the emulator delivers webhook events.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookDelivery {
    seed: u64,
    duplicate_probability: f64,
    max_extra_delay: Duration,
    max_attempts: u32,
    retry_base: Duration,
    timeout: Duration,
}

impl Default for WebhookDelivery {
    /// Attio's policy: up to 10 attempts with exponential back-off from one
    /// second, a 5-second response budget, no duplicates, no added delay.
    fn default() -> Self {
        WebhookDelivery {
            seed: 0,
            duplicate_probability: 0.0,
            max_extra_delay: Duration::ZERO,
            max_attempts: 10,
            retry_base: Duration::from_secs(1),
            timeout: Duration::from_secs(5),
        }
    }
}

impl WebhookDelivery {
    /// Seeds the random draws of duplicates and delays.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Delivers each message a second time (same `Idempotency-Key`) with
    /// this probability, as Attio's at-least-once delivery may.
    pub fn duplicate_probability(mut self, probability: f64) -> Self {
        self.duplicate_probability = probability.clamp(0.0, 1.0);
        self
    }

    /// Delays each delivery by a random time up to this long, so deliveries
    /// arrive out of order.
    pub fn max_extra_delay(mut self, delay: Duration) -> Self {
        self.max_extra_delay = delay;
        self
    }

    /// Attempts per message before the webhook is marked `degraded`.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first retry delay; each further retry doubles it.
    pub fn retry_base(mut self, delay: Duration) -> Self {
        self.retry_base = delay;
        self
    }

    /// How long a receiver has to answer before the attempt counts as failed.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// What webhook delivery did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookStats {
    /// Messages queued (one per event and subscribed webhook).
    pub messages: u64,
    /// POST attempts, retries and duplicates included.
    pub attempts: u64,
    /// Messages a receiver accepted with a 2xx.
    pub delivered: u64,
    /// Extra copies sent on purpose.
    pub duplicates: u64,
    /// Messages given up after the last attempt.
    pub abandoned: u64,
    /// Messages for targets the emulator cannot reach (not loopback `http://`).
    pub unsupported: u64,
}

/// The running side of a [`WebhookDelivery`].
#[derive(Debug)]
pub(crate) struct Deliverer {
    config: WebhookDelivery,
    rng: Mutex<u64>,
    stats: Mutex<WebhookStats>,
}

/// One message to one webhook.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    webhook_id: String,
    target_url: String,
    secret: String,
    body: String,
    idempotency_key: String,
}

/// Whether a URL is an `http://` URL on the loopback interface.
pub(crate) fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

/// Lowercase hex of HMAC-SHA256(`key`, `message`) (RFC 2104), as Attio
/// puts in `Attio-Signature`.
pub(crate) fn signature(key: &[u8], message: &[u8]) -> String {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

impl Deliverer {
    pub(crate) fn new(config: WebhookDelivery) -> Self {
        Deliverer {
            rng: Mutex::new(config.seed),
            config,
            stats: Mutex::new(WebhookStats::default()),
        }
    }

    fn stats_mut(&self) -> std::sync::MutexGuard<'_, WebhookStats> {
        // Plain counters: still meaningful after a panic elsewhere.
        self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn random(&self) -> f64 {
        next_random(&mut self.rng.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The counters so far.
    pub(crate) fn stats(&self) -> WebhookStats {
        *self.stats_mut()
    }

    /// The messages the events give, one per event and subscribed webhook.
    /// Runs under the store lock; sending happens in [`dispatch`].
    pub(crate) fn messages(&self, store: &Store, events: &[Event]) -> Vec<Message> {
        let mut messages = Vec::new();
        for event in events {
            for webhook in subscribers(store, event) {
                let body = json!({"webhook_id": webhook.id, "events": [event.body]}).to_string();
                messages.push(Message {
                    webhook_id: webhook.id.clone(),
                    target_url: webhook.target_url.clone(),
                    secret: webhook.secret.clone(),
                    body,
                    idempotency_key: new_id(),
                });
            }
        }
        messages
    }
}

/// What delivery needs of the running emulator: its deliverer, and the store
/// in which a webhook that keeps failing is marked degraded. A trait, because
/// the emulator's state holds a [`Deliverer`]: naming that state here would
/// make the two modules depend on each other.
pub(crate) trait DeliveryHost: Send + Sync + 'static {
    /// The deliverer of this emulator.
    fn deliverer(&self) -> &Deliverer;
    /// The workspace.
    fn store(&self) -> &Mutex<Store>;
}

/// Sends messages in the background, each on its own task: delivery order
/// is not guaranteed, as with Attio.
pub(crate) fn dispatch<H: DeliveryHost>(state: &Arc<H>, messages: Vec<Message>) {
    let deliverer = state.deliverer();
    for message in messages {
        let mut stats = deliverer.stats_mut();
        stats.messages += 1;
        if !is_loopback_http(&message.target_url) {
            stats.unsupported += 1;
            continue;
        }
        drop(stats);
        let extra_delay = deliverer.config.max_extra_delay.mul_f64(deliverer.random());
        let duplicate = deliverer.random() < deliverer.config.duplicate_probability;
        let weak = Arc::downgrade(state);
        tokio::spawn(deliver(weak, message, extra_delay, duplicate));
    }
}

async fn deliver<H: DeliveryHost>(
    state: Weak<H>,
    message: Message,
    extra_delay: Duration,
    duplicate: bool,
) {
    tokio::time::sleep(extra_delay).await;
    let Some(config) = state.upgrade().map(|s| s.deliverer().config.clone()) else {
        return;
    };
    let count = |update: fn(&mut WebhookStats)| {
        if let Some(state) = state.upgrade() {
            update(&mut state.deliverer().stats_mut());
        }
    };
    let mut delay = config.retry_base;
    for attempt in 0..config.max_attempts {
        count(|s| s.attempts += 1);
        if post(&message, config.timeout).await {
            count(|s| s.delivered += 1);
            if duplicate {
                count(|s| {
                    s.attempts += 1;
                    s.duplicates += 1;
                });
                let _ = post(&message, config.timeout).await;
            }
            return;
        }
        if attempt + 1 < config.max_attempts {
            tokio::time::sleep(delay).await;
            delay = delay.saturating_mul(2);
        }
    }
    count(|s| s.abandoned += 1);
    // Retries exhausted: Attio marks the webhook degraded (still delivered to).
    if let Some(state) = state.upgrade() {
        let mut store = state.store().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(webhook) = store
            .webhooks
            .iter_mut()
            .find(|w| w.id == message.webhook_id)
        {
            webhook.status = "degraded";
        }
    }
}

/// One POST over a fresh HTTP/1.1 connection; true on a 2xx answer within
/// the timeout.
async fn post(message: &Message, timeout: Duration) -> bool {
    tokio::time::timeout(timeout, post_once(message))
        .await
        .ok()
        .and_then(Result::ok)
        .is_some_and(|status| (200..300).contains(&status))
}

async fn post_once(message: &Message) -> std::io::Result<u16> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, what.to_owned());
    let rest = message
        .target_url
        .strip_prefix("http://")
        .ok_or_else(|| invalid("not an http URL"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let address = if authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| port.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let signature = signature(message.secret.as_bytes(), message.body.as_bytes());
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nAttio-Signature: {signature}\r\nX-Attio-Signature: {signature}\r\n\
         Idempotency-Key: {}\r\nConnection: close\r\n\r\n{}",
        message.body.len(),
        message.idempotency_key,
        message.body
    );
    let mut stream = TcpStream::connect(address).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    let mut chunk = [0u8; 512];
    while !response.windows(2).any(|w| w == b"\r\n") {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..n]);
    }
    // "HTTP/1.1 200 OK"
    let status_line = String::from_utf8_lossy(&response);
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid("no HTTP status line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block size is hashed first.
        assert_eq!(
            signature(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn only_loopback_http_targets_are_reachable() {
        assert!(is_loopback_http("http://127.0.0.1:8080/hook"));
        assert!(is_loopback_http("http://localhost/hook"));
        assert!(is_loopback_http("http://[::1]:9000/"));
        assert!(!is_loopback_http("https://127.0.0.1/hook"));
        assert!(!is_loopback_http("http://hooks.example.org/hook"));
        assert!(!is_loopback_http("http://127.0.0.1.example.org/"));
    }
}
