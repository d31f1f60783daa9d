//! The one function every call goes through.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{ACCEPT, AUTHORIZATION, RETRY_AFTER};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tracing::{field, Instrument};

use super::failure::transport_error;
use super::pacing::Budget;
use super::retry::{retry_after, Idempotency};
use crate::{Client, Error, ErrorKind};

/// One API call, before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub method: Method,
    /// The path with its query string, e.g. `/v2/objects/people/records`.
    pub path: String,
    pub body: Option<Value>,
    pub budget: Budget,
    pub idempotency: Idempotency,
}

impl Call {
    /// A read: GET, retried after any failure.
    pub fn get(path: String) -> Call {
        Call {
            method: Method::GET,
            path,
            body: None,
            budget: Budget::Read,
            idempotency: Idempotency::Idempotent,
        }
    }

    /// A record or entry query (`POST …/records/query`, `…/entries/query`):
    /// a read, retried like one as it changes nothing, that also spends
    /// the query budget Attio keeps by score.
    pub fn query(path: String, body: Value) -> Call {
        Call {
            method: Method::POST,
            body: Some(body),
            budget: Budget::Query,
            ..Call::get(path)
        }
    }

    /// A read sent as a POST because its parameters are a body (record
    /// search): retried like a read, and spending the read budget only —
    /// Attio scores record and entry queries, not searches.
    pub fn post_read(path: String, body: Value) -> Call {
        Call {
            method: Method::POST,
            body: Some(body),
            ..Call::get(path)
        }
    }

    /// A write; `idempotency` says whether it may be repeated after an
    /// ambiguous failure.
    pub fn write(
        method: Method,
        path: String,
        body: Option<Value>,
        idempotency: Idempotency,
    ) -> Call {
        Call {
            method,
            path,
            body,
            budget: Budget::Write,
            idempotency,
        }
    }
}

/// What one attempt came to.
enum Attempt {
    /// Answered with this 2xx status and body.
    Done(u16, Vec<u8>),
    /// Failed; retry after the wait if the policy allows. `ambiguous`: the
    /// request may have been applied.
    Retry {
        error: Error,
        wait: Option<Duration>,
        ambiguous: bool,
        rate_limited: bool,
    },
    Fail(Error),
}

impl Client {
    /// Sends `call`, retrying as [`retry`](super::retry) describes, and
    /// returns the body of the successful response.
    pub(crate) async fn send(&self, call: Call) -> Result<Vec<u8>, Error> {
        self.send_for_status(call).await.map(|(_, body)| body)
    }

    /// [`send`](Self::send), with the success status too: for the calls
    /// whose 200 and 202 mean different things (a merge done or accepted).
    pub(crate) async fn send_for_status(&self, call: Call) -> Result<(u16, Vec<u8>), Error> {
        let span = tracing::info_span!(
            "attio.request",
            method = %call.method,
            path = %call.path,
            status = field::Empty,
            attempt = field::Empty,
            latency_ms = field::Empty,
        );
        let started = Instant::now();
        let result = self.send_with_retries(&call).instrument(span).await;
        // The one place a request ends, whatever its outcome.
        crate::telemetry::request_finished(
            call.method.as_str(),
            result.as_ref().map(|_| ()),
            started.elapsed(),
        );
        result
    }

    async fn send_with_retries(&self, call: &Call) -> Result<(u16, Vec<u8>), Error> {
        let policy = self.inner.retry;
        let mut waited = Duration::ZERO;
        // Whether an earlier attempt may have been applied.
        let mut maybe_applied = false;
        let mut attempt = 0;
        let started = Instant::now();
        loop {
            attempt += 1;
            let sent = self.inner.pacer.acquire(call.budget).await;
            self.inner.counters.attempt(call.budget, attempt);
            let outcome = self.attempt(call, attempt, maybe_applied).await;
            let (error, wait, ambiguous, rate_limited) = match outcome {
                Attempt::Done(status, body) => return Ok((status, body)),
                Attempt::Fail(error) => {
                    return Err(error
                        .with_request(call.method.as_str(), &call.path)
                        .with_attempts(attempt))
                }
                Attempt::Retry {
                    error,
                    wait,
                    ambiguous,
                    rate_limited,
                } => (
                    error.with_request(call.method.as_str(), &call.path),
                    wait,
                    ambiguous,
                    rate_limited,
                ),
            };
            if rate_limited {
                self.inner.counters.rate_limited();
                crate::telemetry::rate_limited();
            }
            let allowed = !ambiguous || call.idempotency == Idempotency::Idempotent;
            let unanswered = !self.inner.answered.load(Ordering::Relaxed);
            let wait = if error.kind() == ErrorKind::Connect && unanswered {
                // Most likely a wrong base URL: say so within seconds.
                policy.first_connect_wait(attempt, started.elapsed())
            } else {
                Some(wait.unwrap_or_else(|| policy.backoff(attempt)))
            };
            let wait = wait.filter(|wait| {
                allowed && attempt <= policy.max_retries && waited + *wait <= policy.max_total_wait
            });
            let Some(wait) = wait else {
                return Err(error.with_attempts(attempt));
            };
            maybe_applied |= ambiguous;
            crate::telemetry::request_retried();
            if rate_limited {
                // Hold back every request of this budget, not only this
                // one (a query: slow down queries, and only them).
                self.inner.pacer.throttled(call.budget, sent, wait);
            }
            tracing::warn!(
                attempt,
                wait_ms = wait.as_millis() as u64,
                error = %error,
                "attio request failed, retrying"
            );
            tokio::time::sleep(wait).await;
            waited += wait;
        }
    }

    async fn attempt(&self, call: &Call, attempt: u32, maybe_applied: bool) -> Attempt {
        let span = tracing::Span::current();
        span.record("attempt", attempt);
        if let Some(observer) = &self.inner.observer {
            (observer.0)(&crate::SentRequest {
                method: &call.method,
                path: &call.path,
                body: call.body.as_ref(),
                attempt,
            });
        }
        let url = format!("{}{}", self.inner.base_url, call.path);
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .header(AUTHORIZATION, self.inner.key.bearer())
            .header(ACCEPT, "application/json");
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = request.send().await;
        let response = match response {
            Ok(response) => response,
            Err(e) => return self.transport_failure(e),
        };
        self.inner.counters.answered(started.elapsed());
        self.inner.answered.store(true, Ordering::Relaxed);
        let status = response.status().as_u16();
        let wait = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry_after(v, SystemTime::now()));
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            // Attio answered, so the request was processed (or not) already.
            Err(e) => return self.transport_failure(e),
        };
        span.record("status", status);
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        match status {
            200..=299 => Attempt::Done(status, body),
            // A DELETE repeated after an ambiguous failure finds the record
            // gone: the first attempt deleted it.
            404 if call.method == Method::DELETE && maybe_applied => {
                Attempt::Done(200, b"{}".to_vec())
            }
            429 => Attempt::Retry {
                error: Error::from_response(status, &body),
                wait: Some(wait.unwrap_or(Duration::from_secs(1))),
                ambiguous: false,
                rate_limited: true,
            },
            500..=599 => Attempt::Retry {
                error: Error::from_response(status, &body),
                wait: None,
                ambiguous: true,
                rate_limited: false,
            },
            _ => Attempt::Fail(Error::from_response(status, &body)),
        }
    }

    /// A request that got no (complete) answer. Only a failed connect is
    /// known not to have reached Attio.
    fn transport_failure(&self, e: reqwest::Error) -> Attempt {
        let error = transport_error(e, &self.inner.base_url);
        Attempt::Retry {
            ambiguous: error.kind() != ErrorKind::Connect,
            error,
            wait: None,
            rate_limited: false,
        }
    }
}

/// `{"data": …}`, the envelope of every success body.
#[derive(serde::Deserialize)]
struct Data<T> {
    data: T,
}

/// Decodes a success body of `method path`, classifying a mismatch as
/// [`ErrorKind::Decode`] of that request.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
    method: &Method,
    path: &str,
) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::undecodable(body, e, method.as_str(), path))
}

/// The `data` of a success body of `method path`.
pub(crate) fn decode_data<T: DeserializeOwned>(
    body: &[u8],
    method: &Method,
    path: &str,
) -> Result<T, Error> {
    decode::<Data<T>>(body, method, path).map(|d| d.data)
}

impl Client {
    /// Sends `call` and decodes the `data` of the answer.
    pub(crate) async fn call<T: DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let (method, path) = (call.method.clone(), call.path.clone());
        let body = self.send(call).await?;
        decode_data(&body, &method, &path)
    }

    /// Any call, untyped: for objects, attributes and endpoints the
    /// bindings do not cover (created after the snapshot). `path` starts
    /// with `/v2/`. It goes through the same pacing, retries and errors as
    /// the typed calls: a POST counts as a write and is not repeated after
    /// an ambiguous failure, unless it is a query (`…/query`), which counts
    /// as a read and spends the query budget as the typed queries do.
    /// Returns the whole answer, `data` envelope included.
    ///
    /// ```no_run
    /// # async fn run(client: &attio_runtime::Client) -> Result<(), attio_runtime::Error> {
    /// use attio_runtime::serde_json::json;
    ///
    /// let created = client
    ///     .raw(attio_runtime::Method::POST, "/v2/objects/vehicles/records",
    ///          Some(json!({"data": {"values": {"plate": ["AB-123"]}}})))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Error> {
        let call = if method == Method::GET {
            Call::get(path.to_owned())
        } else if method == Method::POST && path.ends_with("/query") {
            Call::query(path.to_owned(), body.unwrap_or_else(|| json!({})))
        } else {
            let idempotency = if method == Method::POST {
                Idempotency::NotIdempotent
            } else {
                Idempotency::Idempotent
            };
            Call::write(method, path.to_owned(), body, idempotency)
        };
        let method = call.method.clone();
        let bytes = self.send(call).await?;
        decode(&bytes, &method, path)
    }
}

#[cfg(test)]
mod tests;
