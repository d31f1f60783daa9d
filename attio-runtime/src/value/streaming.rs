//! The decoder of output value objects: the pieces every implementation of
//! [`AttributeValue::deserialize_checked`](super::attribute_value::AttributeValue::deserialize_checked)
//! reads with, from JSON text or from a `serde_json::Value` alike.
//!
//! Each value type reads its output object into a small helper struct that
//! names only the keys it looks at (serde skips `active_from`,
//! `created_by_actor`, `attribute_type` …), each key held as a [`Scalar`]:
//! absent, `null`, a boolean, a number, a string, or something else. Its
//! checks then run on those scalars, so that no intermediate
//! `serde_json::Value` is built and strings are borrowed from the input
//! when they have no escapes.
//!
//! A value that is not an object reads as an object with no keys, so that
//! it fails on the first key a type requires (or, for the types that need
//! an object, on that check) rather than as malformed input.
//!
//! A key repeated inside one value object is the deserializer's error
//! (serde's derive refuses duplicate fields); Attio never sends one.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::error::DecodeError;

/// What one key of an output value object holds.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) enum Scalar<'de> {
    /// The key is absent (the helper structs' default).
    #[default]
    Missing,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, held as `serde_json` holds it so that its text is the same.
    Number(Number),
    /// A string, borrowed from the input when it has no escapes.
    Str(Cow<'de, str>),
    /// An array or an object (skipped: no value type reads one at a scalar key).
    Compound,
}

impl<'de> Scalar<'de> {
    /// The string, owned, without copying one the input could not lend.
    pub(crate) fn into_string(self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s.into_owned()),
            _ => None,
        }
    }

    /// The number as an `f64`, as `serde_json::Value::as_f64` reads it.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The number as an `i64`, when it is a whole number in range.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The boolean.
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor(std::marker::PhantomData))
    }
}

struct ScalarVisitor<'a>(std::marker::PhantomData<Scalar<'a>>);

impl<'de: 'a, 'a> Visitor<'de> for ScalarVisitor<'a> {
    type Value = Scalar<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar<'a>, E> {
        // As `serde_json::Value` does: a non-finite float becomes null.
        Ok(Number::from_f64(v).map_or(Scalar::Null, Scalar::Number))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'a>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'a>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Compound)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'a>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Compound)
    }
}

/// A JSON value read into `R` when it is an object; any other value is
/// skipped and reads as `R::default()` (an object with no keys).
#[derive(Debug, Default)]
pub(crate) struct Object<R> {
    /// The keys `R` names.
    pub(crate) fields: R,
    /// Whether the value was an object.
    pub(crate) is_object: bool,
}

impl<'de, R: Deserialize<'de> + Default> Deserialize<'de> for Object<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ObjectVisitor(std::marker::PhantomData))
    }
}

struct ObjectVisitor<R>(std::marker::PhantomData<fn() -> R>);

impl<R: Default> ObjectVisitor<R> {
    fn not_object<E>(self) -> Result<Object<R>, E> {
        Ok(Object {
            fields: R::default(),
            is_object: false,
        })
    }
}

impl<'de, R: Deserialize<'de> + Default> Visitor<'de> for ObjectVisitor<R> {
    type Value = Object<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<R>, A::Error> {
        Ok(Object {
            fields: R::deserialize(MapAccessDeserializer::new(map))?,
            is_object: true,
        })
    }
    fn visit_bool<E>(self, _: bool) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_i64<E>(self, _: i64) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_u64<E>(self, _: u64) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_f64<E>(self, _: f64) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_str<E>(self, _: &str) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_unit<E>(self) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_none<E>(self) -> Result<Object<R>, E> {
        self.not_object()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Object<R>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Object<R>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_object()
    }
}

/// Reads the keys `R` names from one output value object.
pub(crate) fn object<'de, R, D>(deserializer: D) -> Result<Object<R>, D::Error>
where
    R: Deserialize<'de> + Default,
    D: Deserializer<'de>,
{
    Object::deserialize(deserializer)
}

/// The `value` key of `{"value": …}` outputs (text, number, checkbox,
/// date, timestamp, rating).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct ValueKey<'a> {
    #[serde(default, borrow)]
    pub(crate) value: Scalar<'a>,
}

/// Reads the `value` key of one output value object.
pub(crate) fn value_key<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar<'de>, D::Error> {
    Ok(object::<ValueKey<'de>, D>(d)?.fields.value)
}

/// `{"title": …}`, the part of an option or a status that is read.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct TitleKey<'a> {
    #[serde(default, borrow)]
    pub(crate) title: Scalar<'a>,
}

/// The `value` of a `{"value": …}` output, which must be present (it may be `null`).
pub(crate) fn inner(value: Scalar<'_>) -> Result<Scalar<'_>, DecodeError> {
    match value {
        Scalar::Missing => Err(DecodeError::new(
            "",
            "expected an object with a `value` field",
        )),
        present => Ok(present),
    }
}

/// A required string field: absent and `null` are both "missing or null".
pub(crate) fn required_str<'a>(key: &str, value: Scalar<'a>) -> Result<Cow<'a, str>, DecodeError> {
    match value {
        Scalar::Missing | Scalar::Null => Err(DecodeError::new(key, "is missing or null")),
        Scalar::Str(s) => Ok(s),
        _ => Err(DecodeError::new(key, "expected a string")),
    }
}

/// An optional string field: absent and `null` are both `None`.
pub(crate) fn optional_string(key: &str, value: Scalar<'_>) -> Result<Option<String>, DecodeError> {
    match value {
        Scalar::Missing | Scalar::Null => Ok(None),
        Scalar::Str(s) => Ok(Some(s.into_owned())),
        _ => Err(DecodeError::new(key, "expected a string or null")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_borrow_plain_strings_and_own_escaped_ones() {
        let plain: Scalar<'_> = serde_json::from_str(r#""acme""#).unwrap();
        assert!(matches!(plain, Scalar::Str(Cow::Borrowed("acme"))));
        let escaped: Scalar<'_> = serde_json::from_str(r#""a\"b""#).unwrap();
        assert_eq!(escaped, Scalar::Str(Cow::Owned("a\"b".to_owned())));
        let n: Scalar<'_> = serde_json::from_str("4.99").unwrap();
        assert_eq!(n.as_f64(), Some(4.99));
        assert_eq!(
            serde_json::from_str::<Scalar<'_>>("[1, {\"a\": 2}]").unwrap(),
            Scalar::Compound
        );
        assert_eq!(
            serde_json::from_str::<Scalar<'_>>("null").unwrap(),
            Scalar::Null
        );
    }

    #[test]
    fn a_non_object_reads_as_an_object_with_no_keys() {
        let read =
            object::<ValueKey<'_>, _>(&mut serde_json::Deserializer::from_str("[1, 2]")).unwrap();
        assert!(!read.is_object);
        assert_eq!(read.fields.value, Scalar::Missing);
        let read = object::<ValueKey<'_>, _>(&mut serde_json::Deserializer::from_str(
            r#"{"value": null, "active_from": "x"}"#,
        ))
        .unwrap();
        assert!(read.is_object);
        assert_eq!(read.fields.value, Scalar::Null);
    }
}
