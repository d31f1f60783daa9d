//! Requests whose body or answer is a stream of bytes (file uploads and
//! downloads), beside the JSON transport: paced and classified the same
//! way, but sent once, because a stream cannot be sent twice.

use std::sync::atomic::Ordering;
use std::time::Instant;

use reqwest::header::AUTHORIZATION;
use reqwest::{Method, RequestBuilder, Response};
use tracing::Instrument;

use super::failure::transport_error;
use super::pacing::Budget;
use crate::{Client, Error};

impl Client {
    /// Sends `method path`, its body set by `build`, once, and returns the
    /// successful answer unread; an error answer is read and classified as
    /// the JSON transport does (redirects are followed by the HTTP client).
    pub(crate) async fn send_streaming(
        &self,
        method: Method,
        path: &str,
        budget: Budget,
        build: impl FnOnce(RequestBuilder) -> RequestBuilder,
    ) -> Result<Response, Error> {
        let span =
            tracing::info_span!("attio.request", method = %method, path = %path, attempt = 1);
        let started = Instant::now();
        let result = async {
            self.inner.pacer.acquire(budget).await;
            self.inner.counters.attempt(budget, 1);
            let url = format!("{}{path}", self.inner.base_url);
            let request = self
                .inner
                .http
                .request(method.clone(), url)
                .header(AUTHORIZATION, self.inner.key.bearer());
            let response = build(request)
                .send()
                .await
                .map_err(|e| transport_error(e, &self.inner.base_url))?;
            self.inner.answered.store(true, Ordering::Relaxed);
            let status = response.status().as_u16();
            if response.status().is_success() {
                return Ok(response);
            }
            let body = response
                .bytes()
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            Err(Error::from_response(status, &body))
        }
        .instrument(span)
        .await
        .map_err(|e: Error| e.with_request(method.as_str(), path).with_attempts(1));
        crate::telemetry::request_finished(
            method.as_str(),
            result.as_ref().map(|_| ()),
            started.elapsed(),
        );
        result
    }
}
