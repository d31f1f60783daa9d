//! The one way to serialise an [`ApiKey`] or a [`WebhookSecret`]: name
//! this module on the field, `#[serde(with = "attio_runtime::client::exposed")]`, so that
//! writing a secret out is visible where it happens. Neither type
//! implements `Serialize`, so a secret inside a struct that is logged as
//! JSON, or sent somewhere, does not compile unless a field says so.
//!
//! ```
//! use attio_runtime::webhooks::WebhookSecret;
//! use serde::{Deserialize, Serialize};
//!
//! /// What a team keeps in its secrets store for one webhook.
//! #[derive(Serialize, Deserialize)]
//! struct StoredWebhook {
//!     webhook_id: String,
//!     #[serde(with = "attio_runtime::client::exposed")]
//!     secret: WebhookSecret,
//! }
//!
//! let stored = StoredWebhook {
//!     webhook_id: "302d7c78-e792-4964-a6c2-1c347385be92".into(),
//!     secret: WebhookSecret::new("2b9e7b3a5f0c4d1e"),
//! };
//! let json = serde_json::to_string(&stored)?;
//! assert!(json.contains(r#""secret":"2b9e7b3a5f0c4d1e""#));
//! let read: StoredWebhook = serde_json::from_str(&json)?;
//! assert_eq!(read.secret, stored.secret);
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Deserialize, Deserializer, Serializer};

use super::secret::{ApiKey, WebhookSecret};

/// A secret this module serialises: [`ApiKey`] and [`WebhookSecret`]. Sealed.
pub trait Secret: sealed::Exposed + for<'de> Deserialize<'de> {}

impl Secret for ApiKey {}
impl Secret for WebhookSecret {}

mod sealed {
    /// The secret as text; not nameable outside the crate, so that
    /// `Secret` is no second way out.
    pub trait Exposed {
        fn exposed(&self) -> &str;
    }

    impl Exposed for super::ApiKey {
        fn exposed(&self) -> &str {
            self.expose_secret()
        }
    }

    impl Exposed for super::WebhookSecret {
        fn exposed(&self) -> &str {
            self.expose_secret()
        }
    }
}

/// Writes the secret itself, as a string.
pub fn serialize<T: Secret, S: Serializer>(secret: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.exposed())
}

/// Reads a secret back as its type's `Deserialize` does (an API key is
/// checked, without echoing it on failure).
pub fn deserialize<'de, T: Secret, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize(deserializer)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Kept {
        #[serde(with = "crate::client::exposed")]
        key: ApiKey,
        #[serde(with = "crate::client::exposed")]
        secret: WebhookSecret,
    }

    fn kept() -> Kept {
        Kept {
            key: ApiKey::new("api-key-0123").unwrap(),
            secret: WebhookSecret::new("webhook-secret-4567"),
        }
    }

    #[test]
    fn secrets_round_trip_through_json_when_a_field_says_so() {
        let json = serde_json::to_value(kept()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"key": "api-key-0123", "secret": "webhook-secret-4567"})
        );
        assert_eq!(serde_json::from_value::<Kept>(json).unwrap(), kept());
    }

    #[test]
    fn debug_and_display_stay_redacted() {
        let kept = kept();
        let shown = format!("{kept:?} {} {}", kept.key, kept.secret);
        assert!(
            !shown.contains("api-key-0123") && !shown.contains("webhook-secret-4567"),
            "{shown}"
        );
    }

    #[test]
    fn a_stored_key_is_checked_when_read_back() {
        let error =
            serde_json::from_value::<Kept>(serde_json::json!({"key": "two words", "secret": "s"}))
                .unwrap_err()
                .to_string();
        assert!(
            error.contains("printable ASCII") && !error.contains("two words"),
            "{error}"
        );
    }
}
