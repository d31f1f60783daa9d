//! Signature verification: `Attio-Signature` is the lower-case hex
//! HMAC-SHA256 of the raw request body, keyed with the webhook secret, with
//! no timestamp scheme (<https://docs.attio.com/rest-api/guides/webhooks>,
//! "Authenticating").

use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha256;

use crate::client::secret::WebhookSecret;

/// The header Attio signs deliveries in.
pub const SIGNATURE_HEADER: &str = "Attio-Signature";

/// The same signature under its older name; Attio sends both.
pub const LEGACY_SIGNATURE_HEADER: &str = "X-Attio-Signature";

/// Hex digits in a SHA-256 HMAC.
const SIGNATURE_LEN: usize = 64;

/// Why a delivery's signature was refused. Never contains the secret, the
/// expected signature or the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Neither `Attio-Signature` nor `X-Attio-Signature` was present.
    #[error("the request has no Attio-Signature or X-Attio-Signature header: it was not sent by an Attio webhook (or a proxy dropped the header)")]
    Missing,
    /// The header is not 64 characters long.
    #[error("the signature header has {len} characters, not the 64 hex digits of an HMAC-SHA256: it was truncated or is not Attio's")]
    Length {
        /// How many characters it has.
        len: usize,
    },
    /// The header has a character that is not a hex digit.
    #[error("the signature header is not hex: it is not an Attio signature")]
    NotHex,
    /// The header is upper-case hex; Attio signs in lower case, so this is
    /// not a signature Attio produced (something rewrote it).
    #[error("the signature header is upper-case hex, but Attio sends lower case: something between Attio and this receiver rewrote it")]
    UpperCase,
    /// A well-formed signature that does not match the body.
    #[error("the signature does not match the body: the secret is not this webhook's, or the body was changed (verify the raw bytes as received, before any parsing)")]
    Mismatch,
}

/// Checks `signature` (the value of `Attio-Signature`, or `None` when the
/// request had none) against the raw body, in constant time.
///
/// `secret` is what Attio returned when the webhook was created, as a
/// `&str` or a [`WebhookSecret`]. Verify the bytes as received: a body
/// parsed and serialised again has other bytes and does not verify.
///
/// ```
/// use attio_runtime::webhooks::{verify, SignatureError};
///
/// let secret = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";
/// let body = br#"{"webhook_id":"302d7c78-e792-4964-a6c2-1c347385be92","events":[]}"#;
/// let signature = attio_runtime::webhooks::sign(secret, body);
/// assert_eq!(verify(secret, body, Some(&signature)), Ok(()));
/// assert_eq!(verify(secret, b"{}", Some(&signature)), Err(SignatureError::Mismatch));
/// assert_eq!(verify(secret, body, None), Err(SignatureError::Missing));
/// ```
pub fn verify(
    secret: impl Into<WebhookSecret>,
    raw_body: &[u8],
    signature: Option<&str>,
) -> Result<(), SignatureError> {
    check(&[secret.into()], raw_body, signature)
}

/// [`verify`] with several secrets, any of which may have signed the
/// delivery: while an old webhook and its replacement both deliver (a
/// rotated secret), a receiver accepts the signatures of both. Every
/// secret is tried, each in constant time, so that the time taken says
/// neither whether nor which one matched.
///
/// ```
/// use attio_runtime::webhooks::{sign, verify_any, SignatureError, WebhookSecret};
///
/// let secrets = [WebhookSecret::new("the-old-webhook's-secret"), WebhookSecret::new("its-replacement's")];
/// let body = br#"{"webhook_id":"302d7c78-e792-4964-a6c2-1c347385be92","events":[]}"#;
/// assert_eq!(verify_any(&secrets, body, Some(&sign(&secrets[0], body))), Ok(()));
/// assert_eq!(verify_any(&secrets, body, Some(&sign(&secrets[1], body))), Ok(()));
/// assert_eq!(verify_any(&secrets, body, Some(&sign("another", body))), Err(SignatureError::Mismatch));
/// ```
pub fn verify_any(
    secrets: &[WebhookSecret],
    raw_body: &[u8],
    signature: Option<&str>,
) -> Result<(), SignatureError> {
    check(secrets, raw_body, signature)
}

/// What every `verify` function does: the signature's form first, then
/// each secret.
fn check(
    secrets: &[WebhookSecret],
    raw_body: &[u8],
    signature: Option<&str>,
) -> Result<(), SignatureError> {
    let signature = signature.ok_or(SignatureError::Missing)?.trim();
    if signature.len() != SIGNATURE_LEN {
        return Err(SignatureError::Length {
            len: signature.chars().count(),
        });
    }
    if !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SignatureError::NotHex);
    }
    if signature.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(SignatureError::UpperCase);
    }
    let expected = hex::decode(signature).map_err(|_| SignatureError::NotHex)?;
    // `verify_slice` compares in constant time; no secret is skipped once
    // one matched.
    let matched = secrets.iter().fold(false, |matched, secret| {
        mac(secret, raw_body).verify_slice(&expected).is_ok() | matched
    });
    if matched {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// [`verify`] with the signature taken from the request's headers:
/// `Attio-Signature`, else `X-Attio-Signature` (names in any case).
///
/// ```
/// use attio_runtime::webhooks::{sign, verify_headers};
/// use http::{HeaderMap, HeaderValue};
///
/// let secret = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";
/// let body = br#"{"webhook_id":"302d7c78-e792-4964-a6c2-1c347385be92","events":[]}"#;
/// let mut headers = HeaderMap::new();
/// headers.insert("x-attio-signature", HeaderValue::from_str(&sign(secret, body))?);
/// assert!(verify_headers(secret, body, &headers).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_headers(
    secret: impl Into<WebhookSecret>,
    raw_body: &[u8],
    headers: &HeaderMap,
) -> Result<(), SignatureError> {
    check_headers(&[secret.into()], raw_body, headers)
}

/// [`verify_headers`] with several secrets, any of which may have signed
/// the delivery (see [`verify_any`]).
pub fn verify_headers_any(
    secrets: &[WebhookSecret],
    raw_body: &[u8],
    headers: &HeaderMap,
) -> Result<(), SignatureError> {
    check_headers(secrets, raw_body, headers)
}

/// What the receiver calls on every delivery.
pub(crate) fn check_headers(
    secrets: &[WebhookSecret],
    raw_body: &[u8],
    headers: &HeaderMap,
) -> Result<(), SignatureError> {
    let value = headers
        .get(SIGNATURE_HEADER)
        .or_else(|| headers.get(LEGACY_SIGNATURE_HEADER));
    let signature = match value {
        None => None,
        Some(value) => Some(value.to_str().map_err(|_| SignatureError::NotHex)?),
    };
    check(secrets, raw_body, signature)
}

/// The signature Attio would send for `raw_body`: for tests, emulators and
/// forwarding proxies that re-sign.
pub fn sign(secret: impl Into<WebhookSecret>, raw_body: &[u8]) -> String {
    hex::encode(mac(&secret.into(), raw_body).finalize().into_bytes())
}

fn mac(secret: &WebhookSecret, raw_body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.expose_secret().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(raw_body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const SECRET: &str = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";
    const BODY: &[u8] = br#"{"webhook_id":"302d7c78-e792-4964-a6c2-1c347385be92","events":[{"event_type":"record.created"}]}"#;

    fn headers(name: &'static str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn rfc_4231_case_2() {
        // HMAC-SHA256 test vector: key "Jefe".
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn accepts_both_headers_and_the_secret_type() {
        let signature = sign(SECRET, BODY);
        for name in [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER] {
            assert_eq!(
                verify_headers(SECRET, BODY, &headers(name, &signature)),
                Ok(())
            );
        }
        let secret = WebhookSecret::new(SECRET);
        assert_eq!(verify(&secret, BODY, Some(&signature)), Ok(()));
    }

    #[test]
    fn each_bad_signature_has_its_error() {
        let good = sign(SECRET, BODY);
        let other_secret = sign("another secret", BODY);
        assert_eq!(
            verify(SECRET, BODY, Some(&other_secret)),
            Err(SignatureError::Mismatch)
        );
        let mut tampered = BODY.to_vec();
        tampered[20] ^= 1;
        assert_eq!(
            verify(SECRET, &tampered, Some(&good)),
            Err(SignatureError::Mismatch)
        );
        // The same JSON with other bytes: parsed and serialised again.
        let value: serde_json::Value = serde_json::from_slice(BODY).unwrap();
        let reserialised = serde_json::to_vec_pretty(&value).unwrap();
        assert_eq!(
            verify(SECRET, &reserialised, Some(&good)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, BODY, Some(&good[..40])),
            Err(SignatureError::Length { len: 40 })
        );
        assert_eq!(verify(SECRET, BODY, None), Err(SignatureError::Missing));
        assert_eq!(
            verify_headers(SECRET, BODY, &HeaderMap::new()),
            Err(SignatureError::Missing)
        );
        let not_hex = format!("{}zz", &good[..62]);
        assert_eq!(
            verify(SECRET, BODY, Some(&not_hex)),
            Err(SignatureError::NotHex)
        );
        assert_eq!(
            verify(SECRET, BODY, Some(&good.to_ascii_uppercase())),
            Err(SignatureError::UpperCase)
        );
    }

    #[test]
    fn while_a_secret_is_rotated_both_verify_and_a_third_does_not() {
        let old = WebhookSecret::new(SECRET);
        let new = WebhookSecret::new("5d41402abc4b2a76b9719d911017c592");
        let secrets = [old.clone(), new.clone()];
        for secret in [&old, &new] {
            let signature = sign(secret, BODY);
            assert_eq!(verify_any(&secrets, BODY, Some(&signature)), Ok(()));
            assert_eq!(
                verify_headers_any(&secrets, BODY, &headers(SIGNATURE_HEADER, &signature)),
                Ok(())
            );
        }
        let third = sign("a third webhook's secret", BODY);
        assert_eq!(
            verify_any(&secrets, BODY, Some(&third)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_any(&[], BODY, Some(&sign(&old, BODY))),
            Err(SignatureError::Mismatch)
        );
        // The form is checked before any secret.
        assert_eq!(
            verify_any(&secrets, BODY, Some("abc")),
            Err(SignatureError::Length { len: 3 })
        );
    }

    #[test]
    fn errors_never_show_the_secret_or_the_signature() {
        let good = sign(SECRET, BODY);
        let errors = [
            SignatureError::Missing,
            SignatureError::Length { len: 3 },
            SignatureError::NotHex,
            SignatureError::UpperCase,
            SignatureError::Mismatch,
        ];
        for error in errors {
            let text = format!("{error} {error:?}");
            assert!(!text.contains(SECRET) && !text.contains(&good), "{text}");
        }
        assert!(!format!("{:?}", WebhookSecret::new(SECRET)).contains(SECRET));
    }
}
