//! The stored form of a value, and the key two values are compared by.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// One value of an attribute as the store keeps it: what Attio returns for
/// the value minus the per-value metadata (`active_from`, `active_until`,
/// `created_by_actor`, `attribute_type`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Payload {
    /// The value's own fields, rendered as they are (`{"value": "Acme"}`,
    /// `{"email_address": …, "email_domain": …}` …).
    Fields(Map<String, Value>),
    /// A select option, by option id; rendered with the option's current
    /// title, so renaming an option shows on existing values as in Attio.
    Option(String),
    /// A status, by status id; rendered like options.
    Status(String),
    /// A record reference, by ids; the object slug is rendered at read time.
    RecordRef {
        /// Target object UUID.
        object_id: String,
        /// Target record UUID.
        record_id: String,
    },
}

impl Payload {
    /// The string two values of one attribute are compared by: for
    /// uniqueness, assert matching and multiselect de-duplication. Borrowed
    /// where possible, because writes compare it against every record.
    pub(crate) fn match_key(&self) -> Cow<'_, str> {
        match self {
            Payload::Fields(fields) => {
                // The main (normalised) property of each type; emails are
                // already lower-cased, so this compares them case-insensitively.
                for key in [
                    "email_address",
                    "domain",
                    "phone_number",
                    "currency_value",
                    "value",
                ] {
                    if let Some(v) = fields.get(key) {
                        return canonical_scalar(v);
                    }
                }
                Cow::Owned(Value::Object(fields.clone()).to_string())
            }
            Payload::Option(id) | Payload::Status(id) => Cow::Borrowed(id),
            Payload::RecordRef {
                object_id,
                record_id,
            } => Cow::Owned(format!("{object_id}/{record_id}")),
        }
    }
}

/// Numbers compare by value (so `1` and `1.0` are the same), everything else
/// by its JSON text.
fn canonical_scalar(v: &Value) -> Cow<'_, str> {
    match v {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => Cow::Owned(n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string())),
        other => Cow::Owned(other.to_string()),
    }
}
