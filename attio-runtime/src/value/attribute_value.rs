//! The [`AttributeValue`] trait: one decoder per value type, read straight
//! from a deserializer, and the write format it encodes to.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

use crate::error::DecodeError;
use crate::kind::{self, Kind};
use crate::novelty;

/// A Rust type that can hold one value of an attribute of kind `K`.
///
/// A value type implements two methods:
/// [`deserialize_checked`](Self::deserialize_checked) reads one element of
/// a `values[slug]` array as Attio returns it (with `active_from`,
/// `created_by_actor`, `attribute_type` …), and [`encode`](Self::encode)
/// produces one element in the format Attio accepts on writes. Reading from
/// an already parsed `serde_json::Value` ([`decode`](Self::decode)) and the
/// plain-error form ([`deserialize_value`](Self::deserialize_value)) are
/// provided on top, so each type has exactly one decoder.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a value of this Attio attribute ({K})",
    label = "no `AttributeValue<{K}>` impl for this type",
    note = "the `attio_runtime::value` module lists the Rust type for each attribute type; `serde_json::Value` holds any"
)]
pub trait AttributeValue<K: Kind>: Sized {
    /// Deserializes one output value object, keeping a value that is
    /// well-formed JSON but not one this type holds apart, as `Ok(Err(_))`,
    /// so that the caller can say where it was (the derive prefixes
    /// `slug[i]`, as `Record::from_values` does). `Err` is the
    /// deserializer's own error (malformed input).
    ///
    /// The value types of [`attio_runtime::value`](crate::value) read only
    /// the keys they need, borrowing strings from the input when they can.
    ///
    /// ```
    /// use attio_runtime::{kind, AttributeValue};
    ///
    /// let json = r#"{"value": 42, "attribute_type": "text"}"#;
    /// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
    /// let read = <String as AttributeValue<kind::Text>>::deserialize_checked(&mut de)?;
    /// assert_eq!(read.unwrap_err().to_string(), "cannot decode value: expected a string");
    /// # Ok::<(), attio_runtime::serde_json::Error>(())
    /// ```
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error>;

    /// Encodes to one element of the write format.
    fn encode(&self) -> Value;

    /// Decodes one output value object that is already a `serde_json::Value`.
    ///
    /// A `&Value` is itself a deserializer, so this runs
    /// [`deserialize_checked`](Self::deserialize_checked) over it: the same
    /// checks and the same errors as reading the JSON text.
    ///
    /// ```
    /// use attio_runtime::{kind, serde_json::json, AttributeValue};
    ///
    /// let name = <String as AttributeValue<kind::Text>>::decode(&json!({"value": "Acme"}))?;
    /// assert_eq!(name, "Acme");
    /// # Ok::<(), attio_runtime::DecodeError>(())
    /// ```
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        Self::deserialize_checked(value)
            .unwrap_or_else(|e| Err(DecodeError::new("", e.to_string())))
    }

    /// Deserializes one output value object straight from `deserializer`;
    /// a value this type does not hold is the deserializer's custom error
    /// carrying the [`DecodeError`]'s message.
    ///
    /// ```
    /// use attio_runtime::{kind, AttributeValue};
    ///
    /// let json = r#"{"active_from": "2025-04-19T00:46:57.041000000Z", "active_until": null,
    ///     "value": "Acme", "attribute_type": "text"}"#;
    /// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
    /// let name = <String as AttributeValue<kind::Text>>::deserialize_value(&mut de)?;
    /// assert_eq!(name, "Acme");
    /// # Ok::<(), attio_runtime::serde_json::Error>(())
    /// ```
    fn deserialize_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_checked(deserializer)?.map_err(D::Error::custom)
    }
}

/// Raw JSON holds any attribute: decoding keeps the whole value object,
/// encoding sends the JSON as given. It is what the generator gives an
/// attribute of a type this version does not know ([`kind::Unknown`]):
/// reading one warns once of its `attribute_type`.
impl<K: Kind> AttributeValue<K> for Value {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if K::NAME == kind::Unknown::NAME {
            let name = value.get("attribute_type").and_then(Value::as_str);
            novelty::unknown("attribute type", name.unwrap_or(kind::Unknown::NAME));
        }
        Ok(Ok(value))
    }
    fn encode(&self) -> Value {
        self.clone()
    }
}
