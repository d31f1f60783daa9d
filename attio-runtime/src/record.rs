//! The traits the derive implements ([`Model`], with [`Record`] or
//! [`Entry`]), the write model they share, and the read model of a stored
//! record or entry.

pub use attio_schema::Target;
use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Map, Value};

use crate::attribute::Attribute;
use crate::contract::Contract;
use crate::error::DecodeError;
use crate::kind::Kind;
use crate::value::{AttributeValue, OneObject, TargetObject};

/// A struct bound to an Attio object or list: what records and entries
/// share — the read model (`from_values`, `deserialize_values`) and the
/// write model (`Write`, `to_write`). Implemented by `#[derive(Record)]` and
/// `#[derive(Entry)]`, together with [`Record`] or [`Entry`].
pub trait Model: Sized {
    /// Whether the struct binds an object's records or a list's entries.
    const TARGET: Target;
    /// The api_slug of the object or list (the same as [`Record::OBJECT`]
    /// or [`Entry::LIST`]).
    const SLUG: &'static str;
    /// What the struct relies on in its object or list, for
    /// [`Client::verify`](crate::Client::verify). The derive emits it from
    /// the snapshot; a `Model` written by hand gets one that asks only that
    /// the object or list exists.
    const CONTRACT: &'static Contract = &Contract::unbound(Self::TARGET, Self::SLUG);
    /// The write model: one setter per writable field.
    type Write: Write<Target = Self>;
    /// Decodes the `values` map of a record (the `entry_values` of an entry).
    fn from_values(values: &Map<String, Value>) -> Result<Self, DecodeError>;
    /// Every writable field as a write (read-only fields are left out).
    fn to_write(&self) -> Self::Write;

    /// Deserializes the `values` (or `entry_values`) map straight from
    /// `deserializer`, with the same result as [`from_values`](Self::from_values)
    /// (a [`DecodeError`] becomes the deserializer's custom error, with the
    /// same message). [`Stored`](crate::Stored) and
    /// [`StoredEntry`](crate::StoredEntry) read values through it.
    ///
    /// The default reads a `Map<String, Value>` and calls `from_values`; the
    /// derive overrides it to read each value once, straight into the field,
    /// skipping the attributes the struct does not bind.
    ///
    /// ```
    /// use attio_runtime::Model;
    /// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Record, Target, Values, Write};
    /// # #[derive(Debug, PartialEq)]
    /// # struct Company { name: Option<String> }
    /// # #[derive(Default)] struct CompanyWrite(Values);
    /// # impl Write for CompanyWrite { type Target = Company;
    /// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
    /// #   fn into_values(self) -> Values { self.0 } }
    /// # impl Model for Company {
    /// #   const TARGET: Target = Target::Object; const SLUG: &'static str = "companies"; type Write = CompanyWrite;
    /// #   fn from_values(v: &Map<String, Value>) -> Result<Self, DecodeError> {
    /// #     Ok(Company { name: attio_runtime::__private::decode_optional::<attio_runtime::kind::Text, String>(v, "name")? }) }
    /// #   fn to_write(&self) -> CompanyWrite { CompanyWrite::default() } }
    /// # impl Record for Company { const OBJECT: &'static str = "companies"; }
    /// let json = r#"{"name": [{"value": "Acme", "attribute_type": "text"}], "domains": []}"#;
    /// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
    /// let company = Company::deserialize_values(&mut de)?;
    /// assert_eq!(company.name.as_deref(), Some("Acme"));
    /// # Ok::<(), attio_runtime::serde_json::Error>(())
    /// ```
    fn deserialize_values<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Map::<String, Value>::deserialize(deserializer)?;
        Self::from_values(&values).map_err(D::Error::custom)
    }
}

/// A struct bound to an Attio object. Implemented by `#[derive(Record)]`,
/// with [`Model`] (`TARGET` is [`Target::Object`]).
pub trait Record: Model {
    /// The object's api_slug (`"companies"`).
    const OBJECT: &'static str;
}

// References to a record type name its object; the value layer asks for it
// through its own traits, so that it does not depend on this module.
impl<R: Record> TargetObject for R {
    fn target_object() -> Option<&'static str> {
        Some(R::OBJECT)
    }
}

impl<R: Record> OneObject for R {
    fn object_slug() -> &'static str {
        R::OBJECT
    }
}

/// A struct bound to an Attio list's entry attributes. Implemented by
/// `#[derive(Entry)]`, with [`Model`] (`TARGET` is [`Target::List`]).
///
/// ```
/// use attio_runtime::{Entry, Model};
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Target, Values, Write};
/// # #[derive(Debug, PartialEq)]
/// # struct Row { notes: Option<String> }
/// # #[derive(Default)] struct RowWrite(Values);
/// # impl Write for RowWrite { type Target = Row;
/// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
/// #   fn into_values(self) -> Values { self.0 } }
/// # impl Model for Row {
/// #   const TARGET: Target = Target::List; const SLUG: &'static str = "pipeline"; type Write = RowWrite;
/// #   fn from_values(v: &Map<String, Value>) -> Result<Self, DecodeError> {
/// #     Ok(Row { notes: attio_runtime::__private::decode_optional::<attio_runtime::kind::Text, String>(v, "notes")? }) }
/// #   fn to_write(&self) -> RowWrite { RowWrite::default() } }
/// # impl Entry for Row { const LIST: &'static str = "pipeline"; const PARENT_OBJECTS: &'static [&'static str] = &["deals"]; }
/// let json = r#"{"notes": [{"value": "Call back", "attribute_type": "text"}]}"#;
/// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
/// assert_eq!(Row::deserialize_values(&mut de)?.notes.as_deref(), Some("Call back"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
pub trait Entry: Model {
    /// The list's api_slug.
    const LIST: &'static str;
    /// Slugs of the objects whose records can be entries of the list.
    const PARENT_OBJECTS: &'static [&'static str];
}

/// The key of the values in a body of `target`: `values` (records) or
/// `entry_values` (entries), in writes and in what Attio returns.
pub(crate) fn values_key(target: Target) -> &'static str {
    match target {
        Target::Object => "values",
        Target::List => "entry_values",
    }
}

/// A record type whose struct names the attribute an upsert matches on
/// (`#[attio(upsert = "email_addresses")]`, accepted only for unique attributes).
///
/// ```
/// use attio_runtime::value::Domain;
/// use attio_runtime::{Assert, Upsert};
///
/// #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// #[attio(object = "companies", upsert = "domains")] // `domains` is unique
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// struct Company {
///     domains: Vec<Domain>,
///     name: Option<String>,
/// }
///
/// let write = Company::write().domains([Domain::new("acme.com")?]).name("Acme");
/// let upsert = Assert::<Company>::upsert(write); // sent by `client.assert_record(upsert).await?`
/// assert_eq!(upsert.matching_attribute(), Company::MATCHING_ATTRIBUTE);
/// assert_eq!(upsert.path(), "/v2/objects/companies/records?matching_attribute=domains");
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
pub trait Upsert: Record {
    /// The api_slug of the unique matching attribute.
    const MATCHING_ATTRIBUTE: &'static str;
}

/// Attribute values to write, keyed by api_slug, each in Attio's write
/// format and always as an array (Attio accepts one-element arrays for
/// single-value attributes and requires arrays for multiselect ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(Map<String, Value>);

impl Values {
    /// No values.
    pub fn new() -> Self {
        Values::default()
    }

    /// Sets a single value.
    pub fn set<K: Kind, T: AttributeValue<K>>(&mut self, slug: &str, value: &T) {
        self.0
            .insert(slug.to_owned(), Value::Array(vec![value.encode()]));
    }

    /// Sets a multiselect value to exactly these elements (PUT) or adds them (PATCH).
    pub fn set_many<'a, K: Kind, T: AttributeValue<K> + 'a>(
        &mut self,
        slug: &str,
        values: impl IntoIterator<Item = &'a T>,
    ) {
        let array = values.into_iter().map(AttributeValue::encode).collect();
        self.0.insert(slug.to_owned(), Value::Array(array));
    }

    /// Sets an attribute to raw JSON in the write format, for attributes the
    /// snapshot does not know yet.
    pub fn set_raw(&mut self, slug: impl Into<String>, value: Value) {
        self.0.insert(slug.into(), value);
    }

    /// Clears an attribute (writes `[]`).
    pub fn clear(&mut self, slug: &str) {
        self.0.insert(slug.to_owned(), Value::Array(Vec::new()));
    }

    /// The JSON to be written for `slug`, if any.
    pub fn get(&self, slug: &str) -> Option<&Value> {
        self.0.get(slug)
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `values` (or `entry_values`) object of a write body.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The `values` object, owned.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

/// The write model of a record or entry type: a typed builder over [`Values`].
///
/// The derive makes `X::write()` and one setter per writable field (a
/// multiselect setter takes several values); this trait adds what every
/// write model shares: clearing an attribute, and raw JSON for attributes
/// the snapshot does not know yet.
///
/// ```
/// use attio_runtime::serde_json::json;
/// use attio_runtime::value::EmailAddress;
/// use attio_runtime::Write;
///
/// #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// #[attio(object = "people")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// struct Person {
///     email_addresses: Vec<EmailAddress>,
///     job_title: Option<String>,
/// }
///
/// let write = Person::write()
///     .email_addresses([EmailAddress::new("ada@acme.com")?])
///     .clear(Person::JOB_TITLE) // sends `[]`: no job title any more
///     .set_raw("nickname", json!(["Ada"])); // an attribute newer than the snapshot
/// let values = write.values().as_map();
/// assert_eq!(values["email_addresses"], json!([{"email_address": "ada@acme.com"}]));
/// assert_eq!(values["job_title"], json!([]));
/// // Sent by `client.create_record(write)`, `update_record` or `upsert_record`.
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
pub trait Write: Sized {
    /// The record or entry type written.
    type Target;
    /// The values set so far.
    fn values(&self) -> &Values;
    /// The values set so far, mutably.
    fn values_mut(&mut self) -> &mut Values;
    /// The values, owned.
    fn into_values(self) -> Values;

    /// Clears an attribute (sends `[]`).
    fn clear<K, U>(mut self, attribute: Attribute<Self::Target, K, U>) -> Self {
        self.values_mut().clear(attribute.slug());
        self
    }

    /// Sets an attribute to raw JSON in Attio's write format: the escape
    /// hatch for attributes created after the snapshot.
    fn set_raw(mut self, slug: impl Into<String>, value: Value) -> Self {
        self.values_mut().set_raw(slug, value);
        self
    }
}

/// Support for the derive's generated code. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json::{Map, Value};

    use super::*;
    pub use crate::value_arrays::{required, Key, Many, Optional};

    fn elements<'a>(
        values: &'a Map<String, Value>,
        slug: &str,
    ) -> Result<&'a [Value], DecodeError> {
        match values.get(slug) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(DecodeError::new(slug, "expected an array of values")),
        }
    }

    /// Decodes an optional single-value attribute (the first active value).
    pub fn decode_optional<K: Kind, T: AttributeValue<K>>(
        values: &Map<String, Value>,
        slug: &str,
    ) -> Result<Option<T>, DecodeError> {
        match elements(values, slug)?.first() {
            None => Ok(None),
            Some(v) => T::decode(v)
                .map(Some)
                .map_err(|e| e.at(&format!("{slug}[0]"))),
        }
    }

    /// Decodes a single-value attribute that must be present.
    pub fn decode_required<K: Kind, T: AttributeValue<K>>(
        values: &Map<String, Value>,
        slug: &str,
    ) -> Result<T, DecodeError> {
        decode_optional(values, slug)?
            .ok_or_else(|| DecodeError::new(slug, crate::value_arrays::NO_VALUE))
    }

    /// Decodes a multiselect attribute.
    pub fn decode_many<K: Kind, T: AttributeValue<K>>(
        values: &Map<String, Value>,
        slug: &str,
    ) -> Result<Vec<T>, DecodeError> {
        elements(values, slug)?
            .iter()
            .enumerate()
            .map(|(i, v)| T::decode(v).map_err(|e| e.at(&format!("{slug}[{i}]"))))
            .collect()
    }

    /// Writes an optional single value: `[v]`, or `[]` to clear.
    pub fn set_optional<K: Kind, T: AttributeValue<K>>(
        values: &mut Values,
        slug: &str,
        v: &Option<T>,
    ) {
        match v {
            Some(v) => values.set::<K, T>(slug, v),
            None => values.clear(slug),
        }
    }
}
