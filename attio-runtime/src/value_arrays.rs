//! Reading the arrays of a `values` map straight from a deserializer: the
//! seeds the derive's `deserialize_values` uses, one per field cardinality.
//! They give the results and the errors of `__private::decode_many`,
//! `decode_optional` and `decode_required`, located the same way.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::DecodeError;
use crate::kind::Kind;
use crate::value::AttributeValue;

/// A key of a `values` map, borrowed from the input when it has no escapes,
/// so that matching it against the struct's slugs allocates nothing.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an attribute slug")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The error of `values[slug]` that is neither an array nor `null`.
fn not_an_array<E: Error>(slug: &str) -> E {
    E::custom(DecodeError::new(slug, "expected an array of values"))
}

/// The error of element `index` of `values[slug]`.
fn at<E: Error>(slug: &str, index: usize, error: DecodeError) -> E {
    E::custom(error.at(&format!("{slug}[{index}]")))
}

/// One element, through [`AttributeValue::deserialize_checked`].
struct Element<K, T>(PhantomData<fn() -> (K, T)>);

impl<'de, K: Kind, T: AttributeValue<K>> DeserializeSeed<'de> for Element<K, T> {
    type Value = Result<T, DecodeError>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::deserialize_checked(deserializer)
    }
}

/// `values[slug]` of a multiselect field: every element.
pub struct Many<K, T> {
    slug: &'static str,
    _types: PhantomData<fn() -> (K, T)>,
}

impl<K, T> Many<K, T> {
    /// The seed of `values[slug]`.
    pub const fn new(slug: &'static str) -> Self {
        Many {
            slug,
            _types: PhantomData,
        }
    }
}

/// `values[slug]` of a single-value field: the first element (the active
/// value), the others skipped unread as `decode_optional` skips them.
pub struct Optional<K, T> {
    slug: &'static str,
    _types: PhantomData<fn() -> (K, T)>,
}

impl<K, T> Optional<K, T> {
    /// The seed of `values[slug]`.
    pub const fn new(slug: &'static str) -> Self {
        Optional {
            slug,
            _types: PhantomData,
        }
    }
}

/// What a bare `T` field says of a record without a value. The derive
/// accepts a bare type only for an attribute required in the snapshot, so
/// this happens when it is no longer required in Attio.
pub(crate) const NO_VALUE: &str = "has no value, but the field is not an Option; if the attribute is no longer required in Attio, pull the snapshot and declare the field `Option<…>`";

/// The value of a bare `T` field: the error `decode_required` reports when
/// the attribute has no value (absent, `null` or `[]`).
pub fn required<T, E: Error>(value: Option<Option<T>>, slug: &str) -> Result<T, E> {
    value
        .flatten()
        .ok_or_else(|| E::custom(DecodeError::new(slug, NO_VALUE)))
}

/// Implements the non-array visits of an array seed: `null` is no value,
/// anything else is the `not_an_array` error.
macro_rules! not_arrays {
    () => {
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(not_an_array(self.slug))
        }
        fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(not_an_array(self.slug))
        }
        fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(not_an_array(self.slug))
        }
        fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(not_an_array(self.slug))
        }
        fn visit_str<E: Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(not_an_array(self.slug))
        }
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(not_an_array(self.slug))
        }
    };
}

impl<'de, K: Kind, T: AttributeValue<K>> DeserializeSeed<'de> for Many<K, T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, K: Kind, T: AttributeValue<K>> Visitor<'de> for Many<K, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of `{}` values", K::NAME)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(element) = seq.next_element_seed(Element::<K, T>(PhantomData))? {
            out.push(element.map_err(|e| at(self.slug, out.len(), e))?);
        }
        Ok(out)
    }
    not_arrays!();
}

impl<'de, K: Kind, T: AttributeValue<K>> DeserializeSeed<'de> for Optional<K, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, K: Kind, T: AttributeValue<K>> Visitor<'de> for Optional<K, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of `{}` values", K::NAME)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        let first = match seq.next_element_seed(Element::<K, T>(PhantomData))? {
            None => return Ok(None),
            Some(first) => first.map_err(|e| at(self.slug, 0, e))?,
        };
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(first))
    }
    not_arrays!();
}
