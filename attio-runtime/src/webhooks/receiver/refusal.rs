//! The warning a refused delivery leaves on the server. A wrong secret is
//! the commonest set-up mistake, and the sender (Attio) is the only one
//! told in the answer; the log says it where the receiver runs.
//!
//! A line names the webhook the body claims to come from and the state of
//! the signature headers, never the secret, the signature or the body.

use axum::http::HeaderMap;
use serde::Deserialize;

use super::super::verify::{SignatureError, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};
use super::super::{DeliveryError, IDEMPOTENCY_KEY_HEADER};

/// Logs a delivery refused for its signature.
pub(super) fn bad_signature(headers: &HeaderMap, body: &[u8], error: &SignatureError) {
    tracing::warn!(
        webhook_id = %claimed_webhook_id(body),
        signature_header = signature_header(headers),
        idempotency_key = %idempotency_key(headers),
        body_bytes = body.len(),
        %error,
        "webhook delivery refused (401): check that the receiver's secret is the one \
         Attio returned when this webhook was created"
    );
}

/// Logs a delivery whose signature verified but whose body is not a
/// delivery. Only where it went wrong: serde's message may quote a value
/// of the body, which the answer to the sender carries instead.
pub(super) fn unreadable(headers: &HeaderMap, body: &[u8], error: &DeliveryError) {
    tracing::warn!(
        webhook_id = %claimed_webhook_id(body),
        idempotency_key = %idempotency_key(headers),
        body_bytes = body.len(),
        at = %error.path,
        "webhook delivery refused (400): its body is not a webhook delivery"
    );
}

/// The `webhook_id` the body claims, as a printable id: the body is not
/// verified, so only what looks like an id is repeated, never free text.
fn claimed_webhook_id(body: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Claim {
        webhook_id: Option<String>,
    }
    serde_json::from_slice::<Claim>(body)
        .ok()
        .and_then(|claim| claim.webhook_id)
        .filter(|id| is_id(id))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Which signature header came, and whether its value has the shape of a
/// signature (64 hex digits).
fn signature_header(headers: &HeaderMap) -> &'static str {
    let shape = |name: &str| {
        headers.get(name).map(|value| {
            let value = value.to_str().unwrap_or_default().trim();
            value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
        })
    };
    match (shape(SIGNATURE_HEADER), shape(LEGACY_SIGNATURE_HEADER)) {
        (Some(true), _) => "Attio-Signature (64 hex digits)",
        (Some(false), _) => "Attio-Signature (malformed)",
        (None, Some(true)) => "X-Attio-Signature only (64 hex digits)",
        (None, Some(false)) => "X-Attio-Signature only (malformed)",
        (None, None) => "none",
    }
}

/// The `Idempotency-Key`, when it has the shape of one, to find the
/// delivery in Attio's logs; `none` otherwise.
fn idempotency_key(headers: &HeaderMap) -> &str {
    headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|key| is_id(key))
        .unwrap_or("none")
}

/// Letters, digits, `-` and `_`, at most 64: an id, not a message.
fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn only_an_id_shaped_webhook_id_is_repeated() {
        let claim = |body: &str| claimed_webhook_id(body.as_bytes());
        assert_eq!(
            claim(r#"{"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": []}"#),
            "302d7c78-e792-4964-a6c2-1c347385be92"
        );
        assert_eq!(claim(r#"{"webhook_id": "a\nforged log line"}"#), "unknown");
        assert_eq!(claim(r#"{"events": []}"#), "unknown");
        assert_eq!(claim("not json"), "unknown");
    }

    #[test]
    fn the_header_state_says_which_header_came_and_its_shape() {
        let mut headers = HeaderMap::new();
        assert_eq!(signature_header(&headers), "none");
        headers.insert(LEGACY_SIGNATURE_HEADER, HeaderValue::from_static("abc"));
        assert_eq!(
            signature_header(&headers),
            "X-Attio-Signature only (malformed)"
        );
        headers.insert(
            SIGNATURE_HEADER,
            HeaderValue::from_str(&"ab".repeat(32)).unwrap(),
        );
        assert_eq!(
            signature_header(&headers),
            "Attio-Signature (64 hex digits)"
        );
        assert_eq!(idempotency_key(&headers), "none");
        headers.insert(IDEMPOTENCY_KEY_HEADER, HeaderValue::from_static("key one"));
        assert_eq!(idempotency_key(&headers), "none");
    }
}
