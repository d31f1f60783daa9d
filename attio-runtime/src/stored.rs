//! The read model: records and entries as Attio returns them, with their
//! values decoded into a `#[derive(Record)]` / `#[derive(Entry)]` struct in
//! one pass over the JSON.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::record::{Entry, Record};
use crate::value::{parse_timestamp, RecordId};
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
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct EntryIdentity {
    /// The workspace's id.
    pub workspace_id: String,
    /// The list's id (a UUID, not the slug).
    pub list_id: String,
    /// The entry's id.
    pub entry_id: String,
}

/// A record as Attio returns it (the `data` of
/// `GET /v2/objects/{object}/records/{id}`, or one element of a query's
/// `data`), its `values` decoded into `T`.
///
/// Deserializing reads the body once: `values` goes straight through
/// [`Record::deserialize_values`], with no intermediate `serde_json::Value`,
/// and keys other than `id`, `created_at`, `web_url` and `values` are skipped.
///
/// ```
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Record, Values, Write};
/// # #[derive(Debug, PartialEq)]
/// # struct Company { name: Option<String> }
/// # #[derive(Default)] struct CompanyWrite(Values);
/// # impl Write for CompanyWrite { type Target = Company;
/// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
/// #   fn into_values(self) -> Values { self.0 } }
/// # impl Record for Company {
/// #   const OBJECT: &'static str = "companies"; type Write = CompanyWrite;
/// #   fn from_values(v: &Map<String, Value>) -> Result<Self, DecodeError> {
/// #     Ok(Company { name: attio_runtime::__private::decode_optional::<attio_runtime::kind::Text, String>(v, "name")? }) }
/// #   fn to_write(&self) -> CompanyWrite { CompanyWrite::default() } }
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
    /// The record's page in the Attio app. Absent from Attio's OpenAPI spec
    /// though present in its docs and live responses, so it is read
    /// leniently: missing or `null` is `None`.
    pub web_url: Option<String>,
    /// The attribute values.
    pub values: T,
}

/// A list entry as Attio returns it (the `data` of
/// `GET /v2/lists/{list}/entries/{entry_id}`, or one element of a query's
/// `data`), its `entry_values` decoded into `E` in one pass, like [`Stored`].
///
/// ```
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Entry, Values, Write};
/// # #[derive(Debug, PartialEq)]
/// # struct Row { notes: Option<String> }
/// # #[derive(Default)] struct RowWrite(Values);
/// # impl Write for RowWrite { type Target = Row;
/// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
/// #   fn into_values(self) -> Values { self.0 } }
/// # impl Entry for Row {
/// #   const LIST: &'static str = "pipeline"; const PARENT_OBJECTS: &'static [&'static str] = &["companies"];
/// #   type Write = RowWrite;
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

/// `values` through [`Record::deserialize_values`].
struct RecordValues<T>(PhantomData<fn() -> T>);

impl<'de, T: Record> DeserializeSeed<'de> for RecordValues<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_values(deserializer)
    }
}

/// `entry_values` through [`Entry::deserialize_values`].
struct EntryValues<E>(PhantomData<fn() -> E>);

impl<'de, E: Entry> DeserializeSeed<'de> for EntryValues<E> {
    type Value = E;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<E, D::Error> {
        E::deserialize_values(deserializer)
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

impl<'de, T: Record> Deserialize<'de> for Stored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StoredVisitor<T>(PhantomData<fn() -> T>);

        impl<'de, T: Record> Visitor<'de> for StoredVisitor<T> {
            type Value = Stored<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a `{}` record", T::OBJECT)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stored<T>, A::Error> {
                let mut id = None;
                let mut created_at = None;
                let mut web_url = None;
                let mut values = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "id" => once(&mut id, "id", map.next_value()?)?,
                        "created_at" => once(
                            &mut created_at,
                            "created_at",
                            map.next_value_seed(Timestamp)?,
                        )?,
                        "web_url" => {
                            once(&mut web_url, "web_url", map.next_value::<Option<String>>()?)?
                        }
                        "values" => once(
                            &mut values,
                            "values",
                            map.next_value_seed(RecordValues::<T>(PhantomData))?,
                        )?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Stored {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    created_at: created_at.ok_or_else(|| de::Error::missing_field("created_at"))?,
                    web_url: web_url.flatten(),
                    values: values.ok_or_else(|| de::Error::missing_field("values"))?,
                })
            }
        }

        deserializer.deserialize_map(StoredVisitor(PhantomData))
    }
}

impl<'de, E: Entry> Deserialize<'de> for StoredEntry<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<E>(PhantomData<fn() -> E>);

        impl<'de, E: Entry> Visitor<'de> for EntryVisitor<E> {
            type Value = StoredEntry<E>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an entry of list `{}`", E::LIST)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StoredEntry<E>, A::Error> {
                let mut id = None;
                let mut parent_record_id = None;
                let mut parent_object = None;
                let mut created_at = None;
                let mut entry_values = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "id" => once(&mut id, "id", map.next_value()?)?,
                        "parent_record_id" => {
                            once(&mut parent_record_id, "parent_record_id", map.next_value()?)?
                        }
                        "parent_object" => {
                            once(&mut parent_object, "parent_object", map.next_value()?)?
                        }
                        "created_at" => once(
                            &mut created_at,
                            "created_at",
                            map.next_value_seed(Timestamp)?,
                        )?,
                        "entry_values" => once(
                            &mut entry_values,
                            "entry_values",
                            map.next_value_seed(EntryValues::<E>(PhantomData))?,
                        )?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let missing = de::Error::missing_field;
                Ok(StoredEntry {
                    id: id.ok_or_else(|| missing("id"))?,
                    parent_record_id: parent_record_id
                        .ok_or_else(|| missing("parent_record_id"))?,
                    parent_object: parent_object.ok_or_else(|| missing("parent_object"))?,
                    created_at: created_at.ok_or_else(|| missing("created_at"))?,
                    entry_values: entry_values.ok_or_else(|| missing("entry_values"))?,
                })
            }
        }

        deserializer.deserialize_map(EntryVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::*;
    use crate::error::DecodeError;
    use crate::kind;
    use crate::test_write::TestWrite;
    use crate::value::{EmailAddress, PersonalName};

    const RECORD_ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";

    /// A record type implemented by hand, with the trait's default
    /// `deserialize_values` (through `from_values`).
    #[derive(Debug, Clone, PartialEq)]
    struct Person {
        name: Option<PersonalName>,
        email_addresses: Vec<EmailAddress>,
    }

    type PersonWrite = TestWrite<Person>;

    impl Record for Person {
        const OBJECT: &'static str = "people";
        type Write = PersonWrite;
        fn from_values(values: &Map<String, Value>) -> Result<Self, DecodeError> {
            use crate::__private::{decode_many, decode_optional};
            Ok(Person {
                name: decode_optional::<kind::PersonalName, _>(values, "name")?,
                email_addresses: decode_many::<kind::EmailAddress, _>(values, "email_addresses")?,
            })
        }
        fn to_write(&self) -> PersonWrite {
            PersonWrite::default()
        }
    }

    fn meta(fields: Value, attribute_type: &str) -> Value {
        let mut value = json!({
            "active_from": "2025-04-18T22:13:01.520000000Z",
            "active_until": null,
            "created_by_actor": {"type": "api-token", "id": "8b3f2c4e-2a6d-4c1e-9f0a-5d7e8c9b1a2f"},
        });
        if let (Value::Object(v), Value::Object(f)) = (&mut value, fields) {
            v.extend(f);
            v.insert("attribute_type".into(), json!(attribute_type));
        }
        value
    }

    fn body() -> Value {
        json!({
            "id": {"workspace_id": "6cc0f9a4-1c2b-4d3e-8f9a-0b1c2d3e4f5a",
                   "object_id": "7e35a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3",
                   "record_id": RECORD_ID},
            "created_at": "2025-04-18T22:13:01.520000000Z",
            "web_url": format!("https://app.attio.com/acme/person/{RECORD_ID}"),
            "values": {
                "record_id": [meta(json!({"value": RECORD_ID}), "text")],
                "created_at": [meta(json!({"value": "2025-04-18T22:13:01.520000000Z"}), "timestamp")],
                "created_by": [meta(json!({"referenced_actor_type": "system", "referenced_actor_id": null}), "actor-reference")],
                "name": [meta(json!({"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}), "personal-name")],
                "email_addresses": [
                    meta(json!({"original_email_address": "Ada@Acme.com", "email_address": "ada@acme.com",
                                "email_domain": "acme.com", "email_root_domain": "acme.com",
                                "email_local_specifier": "ada"}), "email-address"),
                    meta(json!({"email_address": "ada@lovelace.org"}), "email-address"),
                ],
                "phone_numbers": [],
                "job_title": [],
            },
        })
    }

    #[test]
    fn a_full_record_body() {
        let text = body().to_string();
        let person: Stored<Person> = serde_json::from_str(&text).unwrap();
        assert_eq!(person.id.record_id.as_str(), RECORD_ID);
        assert_eq!(person.id.object_id, "7e35a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3");
        assert_eq!(
            person.created_at,
            parse_timestamp("2025-04-18T22:13:01.52Z").unwrap()
        );
        assert_eq!(
            person.web_url.as_deref(),
            Some("https://app.attio.com/acme/person/e54b1781-560f-4aea-baf3-c2e5bbc58c79")
        );
        let body = body();
        let values = body["values"].as_object().unwrap();
        assert_eq!(person.values, Person::from_values(values).unwrap());
        assert_eq!(person.values.email_addresses.len(), 2);
        assert_eq!(
            person.values.name.map(|n| n.full_name).as_deref(),
            Some("Ada Lovelace")
        );
    }

    #[test]
    fn web_url_may_be_absent_or_null_and_other_keys_are_skipped() {
        let mut body = body();
        body["web_url"] = Value::Null;
        body["extra"] = json!({"nested": [1, 2, 3]});
        let person: Stored<Person> = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(person.web_url, None);
        body.as_object_mut().unwrap().remove("web_url");
        let person: Stored<Person> = serde_json::from_str(&body.to_string()).unwrap();
        assert_eq!(person.web_url, None);
    }

    #[test]
    fn missing_and_invalid_parts_are_errors() {
        for key in ["id", "created_at", "values"] {
            let mut body = body();
            body.as_object_mut().unwrap().remove(key);
            let err = serde_json::from_str::<Stored<Person>>(&body.to_string()).unwrap_err();
            assert!(
                err.to_string().contains(&format!("missing field `{key}`")),
                "{err}"
            );
        }
        let mut bad = body();
        bad["created_at"] = json!("yesterday");
        let err = serde_json::from_str::<Stored<Person>>(&bad.to_string()).unwrap_err();
        assert!(err.to_string().contains("RFC 3339"), "{err}");
        let mut bad = body();
        bad["id"]["record_id"] = json!("rec_1");
        assert!(serde_json::from_str::<Stored<Person>>(&bad.to_string()).is_err());
        // A value error reads as `from_values` reports it.
        let mut bad = body();
        bad["values"]["email_addresses"][1] = json!({"email_domain": "acme.com"});
        let err = serde_json::from_str::<Stored<Person>>(&bad.to_string()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot decode email_addresses[1].email_address: is missing or null"),
            "{err}"
        );
    }

    /// An entry type implemented by hand.
    #[derive(Debug, Clone, PartialEq)]
    struct Row {
        stage: Option<String>,
    }

    type RowWrite = TestWrite<Row>;

    impl Entry for Row {
        const LIST: &'static str = "sales";
        const PARENT_OBJECTS: &'static [&'static str] = &["companies"];
        type Write = RowWrite;
        fn from_values(values: &Map<String, Value>) -> Result<Self, DecodeError> {
            Ok(Row {
                stage: crate::__private::decode_optional::<kind::Status, _>(values, "stage")?,
            })
        }
        fn to_write(&self) -> RowWrite {
            RowWrite::default()
        }
    }

    #[test]
    fn a_full_entry_body() {
        // The shape of Attio's OpenAPI example for GET /v2/lists/{list}/entries/{entry_id}.
        let body = json!({
            "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
                   "list_id": "33ebdbe9-e529-47c9-b894-0ba25e9c15c0",
                   "entry_id": "2e6e29ea-c4e0-4f44-842d-78a891f8c156"},
            "parent_record_id": "891dcbfc-9141-415d-9b2a-2238a6cc012d",
            "parent_object": "companies",
            "created_at": "2022-11-21T13:22:49.061281000Z",
            "entry_values": {
                "stage": [meta(json!({"status": {"id": {"status_id": "527def35-7994-4ef7-9584-80ef8de352a8"},
                                                "title": "In Progress", "is_archived": false,
                                                "target_time_in_status": null, "celebration_enabled": false}}), "status")],
                "created_at": [meta(json!({"value": "2023-01-01T15:00:00.000000000Z"}), "timestamp")],
            },
        });
        let entry: StoredEntry<Row> = serde_json::from_str(&body.to_string()).unwrap();
        assert_eq!(entry.id.entry_id, "2e6e29ea-c4e0-4f44-842d-78a891f8c156");
        assert_eq!(entry.id.list_id, "33ebdbe9-e529-47c9-b894-0ba25e9c15c0");
        assert_eq!(
            entry.parent_record_id.as_str(),
            "891dcbfc-9141-415d-9b2a-2238a6cc012d"
        );
        assert_eq!(entry.parent_object, "companies");
        assert_eq!(entry.entry_values.stage.as_deref(), Some("In Progress"));
        let mut missing = body;
        missing.as_object_mut().unwrap().remove("parent_record_id");
        let err = serde_json::from_str::<StoredEntry<Row>>(&missing.to_string()).unwrap_err();
        assert!(err.to_string().contains("missing field `parent_record_id`"));
    }
}
