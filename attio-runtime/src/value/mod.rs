//! One Rust type per Attio attribute type, each decoding Attio's output
//! value objects and encoding to the write format Attio accepts.
//!
//! | Attio type | Rust type |
//! | --- | --- |
//! | text | `String` |
//! | (any, escape hatch) | `serde_json::Value` |

use serde_json::Value;

use crate::error::DecodeError;
use crate::kind::{self, Kind};

/// A Rust type that can hold one value of an attribute of kind `K`.
///
/// `decode` reads one element of a `values[slug]` array as Attio returns it
/// (with `active_from`, `created_by_actor`, `attribute_type` …); `encode`
/// produces one element in the format Attio accepts on writes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a value of this Attio attribute ({K})",
    label = "no `AttributeValue<{K}>` impl for this type",
    note = "the `attio_runtime::value` module lists the Rust type for each attribute type; `serde_json::Value` holds any"
)]
pub trait AttributeValue<K: Kind>: Sized {
    /// Decodes one output value object.
    fn decode(value: &Value) -> Result<Self, DecodeError>;
    /// Encodes to one element of the write format.
    fn encode(&self) -> Value;
}

/// Raw JSON holds any attribute: decoding keeps the whole value object,
/// encoding sends the JSON as given.
impl<K: Kind> AttributeValue<K> for Value {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
    fn encode(&self) -> Value {
        self.clone()
    }
}

/// The `value` field of an output value object, for the types whose output
/// is `{"value": …}`.
pub(crate) fn inner_value(value: &Value) -> Result<&Value, DecodeError> {
    value
        .get("value")
        .ok_or_else(|| DecodeError::new("", "expected an object with a `value` field"))
}

impl AttributeValue<kind::Text> for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        inner_value(value)?
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| DecodeError::new("value", "expected a string"))
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}

/// The title of a select option in an output value
/// (`{"option": {"title": …}}`), for option enums and `String`.
pub fn select_title(value: &Value) -> Result<&str, DecodeError> {
    value
        .get("option")
        .and_then(|o| o.get("title"))
        .and_then(Value::as_str)
        .ok_or_else(|| DecodeError::new("option.title", "expected a select option with a title"))
}

/// The title of a status in an output value (`{"status": {"title": …}}`),
/// for status enums and `String`.
pub fn status_title(value: &Value) -> Result<&str, DecodeError> {
    value
        .get("status")
        .and_then(|o| o.get("title"))
        .and_then(Value::as_str)
        .ok_or_else(|| DecodeError::new("status.title", "expected a status with a title"))
}

/// A select option held as its title; writes send the title.
impl AttributeValue<kind::Select> for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        select_title(value).map(str::to_owned)
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}

/// A status held as its title; writes send the title.
impl AttributeValue<kind::Status> for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        status_title(value).map(str::to_owned)
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}
