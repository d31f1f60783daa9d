//! One Rust type per Attio attribute type, each decoding Attio's output
//! value objects and encoding to the write format Attio accepts.
//!
//! | Attio type | Rust type | write format |
//! | --- | --- | --- |
//! | text | `String` | `"Acme"` |
//! | number | `f64`, `i64` | `42.5` |
//! | checkbox | `bool` | `true` |
//! | currency | [`Currency`] (decimal amount + [`CurrencyCode`]) | `{"currency_value": 4.99}` |
//! | date | [`chrono::NaiveDate`] | `"2023-01-02"` |
//! | timestamp | [`chrono::DateTime<Utc>`](chrono::DateTime) | `"2023-01-02T11:00:00.000000000Z"` |
//! | rating | [`Rating`] (0–5) | `4` |
//! | status | `String` (title) or a generated enum | `"In Progress"` |
//! | select | `String` (title) or a generated enum | `"Enterprise"` |
//! | record-reference | [`RecordRef<T>`] (`T` a record type or [`AnyObject`]) | `{"target_object": …, "target_record_id": …}` |
//! | actor-reference | [`ActorRef`] | `{"referenced_actor_type": "workspace-member", "referenced_actor_id": …}` |
//! | location | [`Location`] | all ten keys, nulls included |
//! | domain | [`Domain`] | `{"domain": "acme.com"}` |
//! | email-address | [`EmailAddress`] | `{"email_address": "ada@acme.com"}` |
//! | phone-number | [`PhoneNumber`] | `{"original_phone_number": …, "country_code": …}` |
//! | interaction | [`Interaction`] (read-only) | never written |
//! | personal-name | [`PersonalName`] | `{"first_name", "last_name", "full_name"}` |
//! | (any, escape hatch) | `serde_json::Value` | as given |
//!
//! Types with rules Attio enforces validate on construction, so that an
//! invalid value is a [`ValueError`](crate::ValueError) before any request:
//!
//! ```
//! use attio_runtime::value::{EmailAddress, Rating};
//!
//! assert!(Rating::new(6).is_err());
//! assert!(EmailAddress::new("ada@acme.test").is_err());
//! assert_eq!(EmailAddress::new("Ada@Acme.com")?.as_str(), "ada@acme.com");
//! # Ok::<(), attio_runtime::ValueError>(())
//! ```

pub(crate) mod checks;
mod currency;
mod date_time;
mod domain;
mod email;
mod interaction;
mod location;
mod number;
mod personal_name;
mod phone;
mod rating;
mod reference;
#[cfg(test)]
mod round_trip_tests;
mod streaming;
#[cfg(test)]
mod streaming_tests;

/// Titles of select options and statuses, for filters (also at the crate root).
pub use crate::filter::OptionTitle;
pub(crate) use currency::decimal_to_json as currency_json;
pub use currency::{Currency, CurrencyCode};
pub use date_time::{format_timestamp, parse_date, parse_timestamp};
pub use domain::Domain;
pub use email::EmailAddress;
pub use interaction::{Interaction, InteractionType};
pub use location::Location;
pub use personal_name::PersonalName;
pub use phone::PhoneNumber;
pub use rating::Rating;
pub use reference::{Actor, ActorRef, ActorType, AnyObject, RecordId, RecordRef, TargetObject};

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

use crate::error::DecodeError;
use crate::kind::{self, Kind};
use streaming::{inner, object, value_key, TitleKey};

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

    /// Deserializes one output value object straight from `deserializer`,
    /// accepting exactly what [`decode`](Self::decode) accepts; a value
    /// `decode` rejects is the deserializer's custom error carrying the
    /// [`DecodeError`]'s message.
    ///
    /// Provided on top of [`deserialize_checked`](Self::deserialize_checked),
    /// which is the method to override.
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

    /// Deserializes one output value object, keeping a value that is
    /// well-formed JSON but that [`decode`](Self::decode) rejects apart, as
    /// `Ok(Err(_))`, so that the caller can say where it was (the derive
    /// prefixes `slug[i]`, as `Record::from_values` does). `Err` is the
    /// deserializer's own error (malformed input).
    ///
    /// The default reads a `serde_json::Value` and calls `decode`. The value
    /// types of [`attio_runtime::value`](crate::value) override it to read
    /// only the keys they need, with the same checks and errors as `decode`.
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
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Self::decode(&value))
    }
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
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Value::deserialize(deserializer).map(Ok)
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
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v| {
            v.into_string()
                .ok_or_else(|| DecodeError::new("value", "expected a string"))
        }))
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

/// The `option` key of a select output value.
#[derive(Default, serde::Deserialize)]
struct OptionKey<'a> {
    #[serde(default, borrow)]
    option: streaming::Object<TitleKey<'a>>,
}

/// The `status` key of a status output value.
#[derive(Default, serde::Deserialize)]
struct StatusKey<'a> {
    #[serde(default, borrow)]
    status: streaming::Object<TitleKey<'a>>,
}

/// [`select_title`] read straight from a deserializer: the title of the
/// select option in one output value object, borrowed from the input when
/// it can be. `Ok(Err(_))` is the error `select_title` reports; `Err`, the
/// deserializer's own. For option enums' streaming decode.
///
/// ```
/// let json = r#"{"option": {"title": "B2B", "is_archived": false}, "attribute_type": "select"}"#;
/// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
/// let title = attio_runtime::value::deserialize_select_title(&mut de)?;
/// assert_eq!(title.as_deref(), Ok("B2B"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
pub fn deserialize_select_title<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Result<std::borrow::Cow<'de, str>, DecodeError>, D::Error> {
    let option = object::<OptionKey<'de>, D>(deserializer)?.fields.option;
    Ok(match option.fields.title {
        streaming::Scalar::Str(title) => Ok(title),
        _ => Err(DecodeError::new(
            "option.title",
            "expected a select option with a title",
        )),
    })
}

/// [`status_title`] read straight from a deserializer, like
/// [`deserialize_select_title`].
///
/// ```
/// let json = r#"{"status": {"title": "In Progress"}, "attribute_type": "status"}"#;
/// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
/// let title = attio_runtime::value::deserialize_status_title(&mut de)?;
/// assert_eq!(title.as_deref(), Ok("In Progress"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
pub fn deserialize_status_title<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Result<std::borrow::Cow<'de, str>, DecodeError>, D::Error> {
    let status = object::<StatusKey<'de>, D>(deserializer)?.fields.status;
    Ok(match status.fields.title {
        streaming::Scalar::Str(title) => Ok(title),
        _ => Err(DecodeError::new(
            "status.title",
            "expected a status with a title",
        )),
    })
}

/// A select option held as its title; writes send the title.
impl AttributeValue<kind::Select> for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        select_title(value).map(str::to_owned)
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Ok(deserialize_select_title(deserializer)?.map(std::borrow::Cow::into_owned))
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
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Ok(deserialize_status_title(deserializer)?.map(std::borrow::Cow::into_owned))
    }
}

/// A required field of an output value object.
pub(crate) fn field<'a>(value: &'a Value, key: &str) -> Result<&'a Value, DecodeError> {
    match value.get(key) {
        Some(v) if !v.is_null() => Ok(v),
        _ => Err(DecodeError::new(key, "is missing or null")),
    }
}

/// A required string field of an output value object.
pub(crate) fn str_field<'a>(value: &'a Value, key: &str) -> Result<&'a str, DecodeError> {
    field(value, key)?
        .as_str()
        .ok_or_else(|| DecodeError::new(key, "expected a string"))
}

/// An optional string field: absent and `null` are both `None`.
pub(crate) fn opt_str_field(value: &Value, key: &str) -> Result<Option<String>, DecodeError> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DecodeError::new(key, "expected a string or null")),
    }
}

/// `Some(s)` as a JSON string, `None` as `null`.
pub(crate) fn opt_json(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_owned()))
}
