//! The API key and webhook secrets, held so that they cannot leak by accident.
//!
//! Both elide themselves in `Debug` and `Display`. The one way to read
//! either is `expose_secret` (the name the `secrecy` crate gives the same
//! act, so that a reviewer can search for it), and the one way to
//! serialise either is [`exposed`](crate::client::exposed), named on the field that holds it.

use std::fmt;
use std::sync::{PoisonError, RwLock};

/// An Attio access token. `Debug` and `Display` print `ApiKey(…)` with the
/// key elided, so that the key never reaches a log line or an error
/// message; the [`Client`](crate::Client)'s transport reads it, to build
/// the `Authorization` header, and [`expose_secret`](ApiKey::expose_secret)
/// gives it to a program that must store it.
///
/// ```
/// use attio_runtime::ApiKey;
///
/// let key = ApiKey::new("0123456789abcdef").unwrap();
/// assert_eq!(format!("{key:?}"), "ApiKey(…)");
/// assert!(!format!("{key}").contains("0123"));
/// assert_eq!(key.expose_secret(), "0123456789abcdef");
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

    /// The key itself, to write to a secrets store. Every call is a place
    /// where the key leaves its wrapper: keep it out of logs and errors.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header value.
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

// Reading a key from configuration checks it as `ApiKey::new` does, and
// the error does not echo it; serializing is only through `exposed`.
impl<'de> serde::Deserialize<'de> for ApiKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        ApiKey::new(key).map_err(serde::de::Error::custom)
    }
}

/// Why a string is not a usable API key. Never contains the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}; create a key under Workspace settings → Developers in Attio")]
pub struct InvalidApiKey(&'static str);

/// The key a [`Client`](crate::Client) and all its clones send, replaceable
/// while they run ([`Client::set_api_key`](crate::Client::set_api_key)).
pub(crate) struct SharedKey(RwLock<ApiKey>);

impl SharedKey {
    pub(crate) fn new(key: ApiKey) -> SharedKey {
        SharedKey(RwLock::new(key))
    }

    /// The `Authorization` header value of the key in force now, read once
    /// per attempt, so that a replaced key applies from the next one.
    pub(crate) fn bearer(&self) -> String {
        // A poisoned lock still holds a whole key: a write is one assignment.
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .bearer()
    }

    pub(crate) fn replace(&self, key: ApiKey) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = key;
    }
}

impl fmt::Debug for SharedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// The secret Attio returns once, when a webhook is created, and signs
/// every delivery with. `Debug` and `Display` elide it, as [`ApiKey`]
/// does, so that it never reaches a log line or an error message; store it
/// with [`expose_secret`](WebhookSecret::expose_secret) or a field marked
/// `#[serde(with = "attio_runtime::client::exposed")]`.
///
/// [`ApiKey`]: crate::ApiKey
///
/// ```
/// use attio_runtime::webhooks::WebhookSecret;
///
/// let secret = WebhookSecret::new("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
/// assert_eq!(format!("{secret:?}"), "WebhookSecret(…)");
/// assert!(secret.expose_secret().starts_with("9f86d0"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Wraps a secret; surrounding whitespace (a trailing newline from a
    /// secrets file) is removed, as Attio's secrets never contain any.
    pub fn new(secret: impl Into<String>) -> WebhookSecret {
        WebhookSecret(secret.into().trim().to_owned())
    }

    /// The secret itself, to write to a secrets store. Every call is a
    /// place where the secret leaves its wrapper: keep it out of logs and
    /// errors.
    pub fn expose_secret(&self) -> &str {
        &self.0
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
// from the first moment; serializing is only through `exposed`.
impl<'de> serde::Deserialize<'de> for WebhookSecret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(WebhookSecret::new)
    }
}

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
        assert_eq!(key.expose_secret(), "secret-key-123");
        let shared = SharedKey::new(key);
        assert_eq!(format!("{shared:?}"), "ApiKey(…)");
    }

    #[test]
    fn unusable_keys_are_refused_without_being_echoed() {
        assert!(ApiKey::new("  ")
            .unwrap_err()
            .to_string()
            .starts_with("the API key is empty"));
        let error = ApiKey::new("abc déf").unwrap_err().to_string();
        assert!(!error.contains("abc"), "{error}");
        let error = serde_json::from_str::<ApiKey>(r#""abc déf""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("printable ASCII") && !error.contains("abc"),
            "{error}"
        );
    }

    #[test]
    fn a_replaced_key_is_the_one_sent_next() {
        let shared = SharedKey::new(ApiKey::new("old-key").unwrap());
        assert_eq!(shared.bearer(), "Bearer old-key");
        shared.replace(ApiKey::new("new-key").unwrap());
        assert_eq!(shared.bearer(), "Bearer new-key");
    }

    #[test]
    fn the_webhook_secret_is_never_printed_but_can_be_exposed() {
        let secret = WebhookSecret::new("whsec-123\n");
        assert_eq!(
            format!("{secret:?} {secret} {:?}", Some(&secret)),
            "WebhookSecret(…) WebhookSecret(…) Some(WebhookSecret(…))"
        );
        assert_eq!(secret.expose_secret(), "whsec-123");
    }
}
