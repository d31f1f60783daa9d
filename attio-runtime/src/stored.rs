//! The read model: records and entries as Attio returns them, with their
//! values decoded into a `#[derive(Record)]` / `#[derive(Entry)]` struct in
//! one pass over the JSON.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::ids::EntryId;
use crate::ids::RecordId;
use crate::record::{values_key, Entry, Model, Record, Target};
use crate::value::{parse_timestamp, AnyObject, IntoRecordRef, RecordRef};
use crate::value_arrays::Key;

/// The `id` of a record: the workspace, the object and the record.
///
/// ```
/// use attio_runtime::RecordIdentity;
///
/// let id: RecordIdentity = attio_runtime::serde_json::from_str(r#"{
///     "workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///     "object_id": "97052eb9-e65e-443f-a297-f2d9a4a7f795",
///     "record_id": "bf071e1f-6035-429d-b874-d83ea64ea13b"}"#)?;
/// assert_eq!(id.record_id.as_str(), "bf071e1f-6035-429d-b874-d83ea64ea13b");
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RecordIdentity {
    /// The workspace's id.
    pub workspace_id: String,
    /// The object's id (a UUID, not the slug).
    pub object_id: String,
    /// The record's id.
    pub record_id: RecordId,
}

/// The `id` of a list entry: the workspace, the list and the entry.
///
/// ```
/// use attio_runtime::EntryIdentity;
///
/// let id: EntryIdentity = attio_runtime::serde_json::from_str(r#"{
///     "workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///     "list_id": "33ebdbe9-e529-47c9-b894-0ba25e9c15c0",
///     "entry_id": "2e6e29ea-c4e0-4f44-842d-78a891f8c156"}"#)?;
/// assert_eq!(id.entry_id, "2e6e29ea-c4e0-4f44-842d-78a891f8c156");
/// assert!(attio_runtime::serde_json::from_str::<EntryIdentity>(r#"{
///     "workspace_id": "w", "list_id": "l", "entry_id": "ent_1"}"#).is_err());
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct EntryIdentity {
    /// The workspace's id.
    pub workspace_id: String,
    /// The list's id (a UUID, not the slug).
    pub list_id: String,
    /// The entry's id.
    pub entry_id: EntryId,
}

/// A record as Attio returns it (the `data` of
/// `GET /v2/objects/{object}/records/{id}`, or one element of a query's
/// `data`), its `values` decoded into `T`.
///
/// Deserializing reads the body once: `values` goes straight through
/// [`Model::deserialize_values`], with no intermediate `serde_json::Value`,
/// and keys other than `id`, `created_at`, `web_url` and `values` are skipped.
///
/// ```
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Model, Record, Target, Values, Write};
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
/// use attio_runtime::Stored;
///
/// let body = r#"{
///     "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///            "object_id": "97052eb9-e65e-443f-a297-f2d9a4a7f795",
///            "record_id": "bf071e1f-6035-429d-b874-d83ea64ea13b"},
///     "created_at": "2025-04-18T22:13:01.520000000Z",
///     "web_url": "https://app.attio.com/acme/company/bf071e1f-6035-429d-b874-d83ea64ea13b",
///     "values": {"name": [{"active_from": "2025-04-18T22:13:01.520000000Z", "active_until": null,
///                          "created_by_actor": {"type": "system", "id": null},
///                          "value": "Acme", "attribute_type": "text"}]}}"#;
/// let company: Stored<Company> = attio_runtime::serde_json::from_str(body)?;
/// assert_eq!(company.values.name.as_deref(), Some("Acme"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    /// Workspace, object and record ids.
    pub id: RecordIdentity,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// The record's page in the Attio app,
    /// `https://app.attio.com/<workspace slug>/<object>/<record id>`. Attio
    /// sends it on every record answer (its October 2026 OpenAPI document
    /// requires it); the 2025 document lacked it, so it is read leniently:
    /// missing or `null` is `None`.
    pub web_url: Option<String>,
    /// The attribute values.
    pub values: T,
}

/// A stored record is a reference to itself, so a reference setter takes
/// it as is: `Person::write().company(&acme)`.
impl<T: Record> From<&Stored<T>> for RecordRef<T> {
    fn from(record: &Stored<T>) -> Self {
        RecordRef::new(record.id.record_id.clone())
    }
}

/// A stored record as a reference of any object: to the record, in `T`'s
/// object (`Project::write().related_record(&acme)`).
impl<T: Record> From<&Stored<T>> for RecordRef<AnyObject> {
    fn from(record: &Stored<T>) -> Self {
        RecordRef::to_object(T::OBJECT, record.id.record_id.clone())
    }
}

/// A reference setter takes a stored record of its object as is.
impl<T: Record> IntoRecordRef<T> for &Stored<T> {
    fn into_record_ref(self) -> RecordRef<T> {
        self.into()
    }
}

/// A reference setter of any object takes a stored record of any object.
impl<T: Record> IntoRecordRef<AnyObject> for &Stored<T> {
    fn into_record_ref(self) -> RecordRef<AnyObject> {
        self.into()
    }
}

/// A list entry as Attio returns it (the `data` of
/// `GET /v2/lists/{list}/entries/{entry_id}`, or one element of a query's
/// `data`), its `entry_values` decoded into `E` in one pass, like [`Stored`].
///
/// ```
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Entry, Model, Target, Values, Write};
/// # #[derive(Debug, PartialEq)]
/// # struct Row { notes: Option<String> }
/// # #[derive(Default)] struct RowWrite(Values);
/// # impl Write for RowWrite { type Target = Row;
/// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
/// #   fn into_values(self) -> Values { self.0 } }
/// # impl Entry for Row { const LIST: &'static str = "pipeline"; const PARENT_OBJECTS: &'static [&'static str] = &["companies"]; }
/// # impl Model for Row {
/// #   const TARGET: Target = Target::List; const SLUG: &'static str = "pipeline"; type Write = RowWrite;
/// #   fn from_values(v: &Map<String, Value>) -> Result<Self, DecodeError> {
/// #     Ok(Row { notes: attio_runtime::__private::decode_optional::<attio_runtime::kind::Text, String>(v, "notes")? }) }
/// #   fn to_write(&self) -> RowWrite { RowWrite::default() } }
/// use attio_runtime::StoredEntry;
///
/// let body = r#"{
///     "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///            "list_id": "33ebdbe9-e529-47c9-b894-0ba25e9c15c0",
///            "entry_id": "2e6e29ea-c4e0-4f44-842d-78a891f8c156"},
///     "parent_record_id": "891dcbfc-9141-415d-9b2a-2238a6cc012d",
///     "parent_object": "companies",
///     "created_at": "2022-11-21T13:22:49.061281000Z",
///     "entry_values": {"notes": [{"value": "Call back", "attribute_type": "text"}]}}"#;
/// let row: StoredEntry<Row> = attio_runtime::serde_json::from_str(body)?;
/// assert_eq!(row.parent_object, "companies");
/// assert_eq!(row.entry_values.notes.as_deref(), Some("Call back"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntry<E> {
    /// Workspace, list and entry ids.
    pub id: EntryIdentity,
    /// The record the entry is about.
    pub parent_record_id: RecordId,
    /// The slug (or id) of the parent record's object.
    pub parent_object: String,
    /// When the entry was created.
    pub created_at: DateTime<Utc>,
    /// The list attribute values (not the parent record's).
    pub entry_values: E,
}

/// A timestamp in any RFC 3339 form (Attio sends nine fractional digits).
struct Timestamp;

impl<'de> DeserializeSeed<'de> for Timestamp {
    type Value = DateTime<Utc>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_timestamp(&text).map_err(de::Error::custom)
    }
}

/// `values` (or `entry_values`) through [`Model::deserialize_values`].
struct ModelValues<M>(PhantomData<fn() -> M>);

impl<'de, M: Model> DeserializeSeed<'de> for ModelValues<M> {
    type Value = M;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<M, D::Error> {
        M::deserialize_values(deserializer)
    }
}

/// Sets a field once; a second occurrence of the key is an error, as in
/// derived `Deserialize` impls.
fn once<T, E: de::Error>(slot: &mut Option<T>, key: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(key));
    }
    *slot = Some(value);
    Ok(())
}

/// A stored record or entry, as one reader sees both: the keys they share
/// (`id`, `created_at`, the values) are read by [`StoredVisitor`], the keys
/// of one kind only by its impl.
trait Envelope: Sized {
    /// The struct the values decode into.
    type Model: Model;
    /// The `id` object.
    type Id: serde::de::DeserializeOwned;
    /// The keys only this kind has, as read so far.
    type Own: Default;

    /// Reads the value of `key` into `own` when `key` is one of this kind's
    /// own; `false` (nothing read) otherwise.
    fn read_own<'de, A: MapAccess<'de>>(
        own: &mut Self::Own,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The record or entry in an error message: "`people` record `…`".
    fn describe(id: &Self::Id) -> String;

    /// The whole, once the map is read; a missing key of its own is an error.
    fn assemble<E: de::Error>(
        id: Self::Id,
        created_at: DateTime<Utc>,
        values: Self::Model,
        own: Self::Own,
    ) -> Result<Self, E>;
}

/// Reads any [`Envelope`] in one pass, skipping unknown keys.
struct StoredVisitor<S>(PhantomData<fn() -> S>);

impl<'de, S: Envelope> Visitor<'de> for StoredVisitor<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slug = <S::Model as Model>::SLUG;
        match <S::Model as Model>::TARGET {
            Target::Object => write!(f, "a `{slug}` record"),
            Target::List => write!(f, "an entry of list `{slug}`"),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S, A::Error> {
        let values_key = values_key(<S::Model as Model>::TARGET);
        let mut id = None;
        let mut created_at = None;
        let mut values = None;
        // `values` seen before `id` (Attio sends `id` first): kept as JSON
        // and decoded once the id is known, so that its error names it.
        let mut early_values = None;
        let mut own = S::Own::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "id" => once(&mut id, "id", map.next_value()?)?,
                "created_at" => once(
                    &mut created_at,
                    "created_at",
                    map.next_value_seed(Timestamp)?,
                )?,
                key if key == values_key => match &id {
                    Some(id) => {
                        let decoded = map
                            .next_value_seed(ModelValues::<S::Model>(PhantomData))
                            .map_err(|e| naming::<S, A::Error>(id, &e))?;
                        once(&mut values, values_key, decoded)?;
                    }
                    None => once(
                        &mut early_values,
                        values_key,
                        map.next_value::<Map<String, Value>>()?,
                    )?,
                },
                key => {
                    if !S::read_own(&mut own, key, &mut map)? {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
        }
        let missing = de::Error::missing_field;
        let id = id.ok_or_else(|| missing("id"))?;
        if let Some(early) = early_values {
            let decoded = <S::Model as Model>::from_values(&early)
                .map_err(|e| naming::<S, A::Error>(&id, &e))?;
            once(&mut values, values_key, decoded)?;
        }
        S::assemble(
            id,
            created_at.ok_or_else(|| missing("created_at"))?,
            values.ok_or_else(|| missing(values_key))?,
            own,
        )
    }
}

/// A decode error of the values, prefixed with the record or entry it is
/// about, so that one bad record of a page can be found. The inner error's
/// position (serde_json's "at line … column …") is dropped: the outer error
/// gets its own when the deserializer returns it.
fn naming<S: Envelope, E: de::Error>(id: &S::Id, error: &dyn fmt::Display) -> E {
    let message = error.to_string();
    E::custom(format_args!(
        "{}: {}",
        S::describe(id),
        without_position(&message)
    ))
}

/// `message` without a trailing ` at line 1 column 52`.
fn without_position(message: &str) -> &str {
    let Some(at) = message.rfind(" at line ") else {
        return message;
    };
    let numbers = message[at + " at line ".len()..].split_once(" column ");
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match numbers {
        Some((line, column)) if is_number(line) && is_number(column) => &message[..at],
        _ => message,
    }
}

impl<T: Record> Envelope for Stored<T> {
    type Model = T;
    type Id = RecordIdentity;
    /// `web_url`, present or not (and then `null` or not).
    type Own = Option<Option<String>>;

    fn read_own<'de, A: MapAccess<'de>>(
        web_url: &mut Self::Own,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        if key != "web_url" {
            return Ok(false);
        }
        once(web_url, "web_url", map.next_value::<Option<String>>()?)?;
        Ok(true)
    }

    fn describe(id: &RecordIdentity) -> String {
        format!("`{}` record `{}`", T::OBJECT, id.record_id.as_str())
    }

    fn assemble<E: de::Error>(
        id: RecordIdentity,
        created_at: DateTime<Utc>,
        values: T,
        web_url: Self::Own,
    ) -> Result<Self, E> {
        Ok(Stored {
            id,
            created_at,
            web_url: web_url.flatten(),
            values,
        })
    }
}

/// The keys only an entry has.
#[derive(Default)]
struct Parent {
    record_id: Option<RecordId>,
    object: Option<String>,
}

impl<E: Entry> Envelope for StoredEntry<E> {
    type Model = E;
    type Id = EntryIdentity;
    type Own = Parent;

    fn read_own<'de, A: MapAccess<'de>>(
        parent: &mut Parent,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "parent_record_id" => {
                once(&mut parent.record_id, "parent_record_id", map.next_value()?)?
            }
            "parent_object" => once(&mut parent.object, "parent_object", map.next_value()?)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn describe(id: &EntryIdentity) -> String {
        format!("entry `{}` of list `{}`", id.entry_id, E::LIST)
    }

    fn assemble<Er: de::Error>(
        id: EntryIdentity,
        created_at: DateTime<Utc>,
        entry_values: E,
        parent: Parent,
    ) -> Result<Self, Er> {
        Ok(StoredEntry {
            id,
            parent_record_id: parent
                .record_id
                .ok_or_else(|| Er::missing_field("parent_record_id"))?,
            parent_object: parent
                .object
                .ok_or_else(|| Er::missing_field("parent_object"))?,
            created_at,
            entry_values,
        })
    }
}

impl<'de, T: Record> Deserialize<'de> for Stored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StoredVisitor(PhantomData))
    }
}

impl<'de, E: Entry> Deserialize<'de> for StoredEntry<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StoredVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests;
