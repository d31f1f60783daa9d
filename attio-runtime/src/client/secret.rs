//! The API key and webhook secrets, held so that they cannot leak by accident.

use std::fmt;

/// An Attio access token. `Debug` and `Display` print `ApiKey(…)` with the
/// key elided, so that the key never reaches a log line or an error
/// message; only [`Client`](crate::Client)'s transport reads it, to build
/// the `Authorization` header.
///
/// ```
/// use attio_runtime::ApiKey;
///
/// let key = ApiKey::new("0123456789abcdef").unwrap();
/// assert_eq!(format!("{key:?}"), "ApiKey(…)");
/// assert!(!format!("{key}").contains("0123"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key. Surrounding whitespace (a trailing newline from a
    /// secrets file) is removed; an empty key, or one with characters an
    /// HTTP header cannot carry, is refused — without echoing it.
    pub fn new(key: impl Into<String>) -> Result<ApiKey, InvalidApiKey> {
        let key = key.into();
        let key = key.trim();
        if key.is_empty() {
            return Err(InvalidApiKey("the API key is empty"));
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(InvalidApiKey(
                "the API key contains spaces or characters other than printable ASCII",
            ));
        }
        Ok(ApiKey(key.to_owned()))
    }

    /// The `Authorization` header value. Crate-private: nothing outside the
    /// transport sees the key.
    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// Why a string is not a usable API key. Never contains the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}; create a key under Workspace settings → Developers in Attio")]
pub struct InvalidApiKey(&'static str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_printed() {
        let key = ApiKey::new(" secret-key-123\n").unwrap();
        assert_eq!(
            format!("{key:?} {key} {:?}", Some(&key)),
            "ApiKey(…) ApiKey(…) Some(ApiKey(…))"
        );
        assert_eq!(key.bearer(), "Bearer secret-key-123");
    }

    #[test]
    fn unusable_keys_are_refused_without_being_echoed() {
        assert!(ApiKey::new("  ")
            .unwrap_err()
            .to_string()
            .starts_with("the API key is empty"));
        let error = ApiKey::new("abc déf").unwrap_err().to_string();
        assert!(!error.contains("abc"), "{error}");
    }
}

/// The secret Attio returns once, when a webhook is created, and signs
/// every delivery with. `Debug` and `Display` elide it, as [`ApiKey`]
/// does, so that it never reaches a log line or an error message.
///
/// [`ApiKey`]: crate::ApiKey
///
/// ```
/// use attio_runtime::webhooks::WebhookSecret;
///
/// let secret = WebhookSecret::new("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
/// assert_eq!(format!("{secret:?}"), "WebhookSecret(…)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Wraps a secret; surrounding whitespace (a trailing newline from a
    /// secrets file) is removed, as Attio's secrets never contain any.
    pub fn new(secret: impl Into<String>) -> WebhookSecret {
        WebhookSecret(secret.into().trim().to_owned())
    }

    /// The key bytes of the HMAC. Crate-private: only verification reads it.
    pub(crate) fn key(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl From<&str> for WebhookSecret {
    fn from(secret: &str) -> WebhookSecret {
        WebhookSecret::new(secret)
    }
}

impl From<String> for WebhookSecret {
    fn from(secret: String) -> WebhookSecret {
        WebhookSecret::new(secret)
    }
}

impl From<&WebhookSecret> for WebhookSecret {
    fn from(secret: &WebhookSecret) -> WebhookSecret {
        secret.clone()
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

impl fmt::Display for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

// Deserializing (the create response carries the secret) keeps it wrapped
// from the first moment; serializing is deliberately not offered.
impl<'de> serde::Deserialize<'de> for WebhookSecret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(WebhookSecret::new)
    }
}
