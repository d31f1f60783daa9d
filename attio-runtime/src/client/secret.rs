//! The API key, held so that it cannot leak by accident.

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
