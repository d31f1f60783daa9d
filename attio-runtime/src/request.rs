//! Request bodies and paths for writes, exactly as Attio accepts them.
//!
//! Pure builders with no I/O: the client sends what these produce.
//! Write bodies are wrapped in `{"data": …}`; query bodies
//! ([`Query`](crate::Query)) are not.

use std::fmt;

use serde_json::{json, Value};

use crate::attribute::{Attribute, IsUnique};
use crate::error::ValueError;
use crate::ids::RecordId;
use crate::kind::Kind;
use crate::record::{values_key, Entry, Model, Record, Target, Upsert, Values, Write};
use crate::value::RecordRef;

/// The body writing `values` to an item of `target`:
/// `{"data": {"values": {…}}}` for a record, `{"data": {"entry_values": {…}}}`
/// for an entry.
fn values_body(target: Target, values: &Values) -> Value {
    let key = values_key(target);
    json!({ "data": { key: values.as_map() } })
}

/// The body writing the values of a `M` (a record or an entry).
pub(crate) fn write_body<M: Model>(values: &Values) -> Value {
    values_body(M::TARGET, values)
}

/// The body creating or updating a record: `{"data": {"values": {…}}}`
/// (POST to create, PATCH to append to multiselect values, PUT to replace them).
///
/// Not part of the semver API: public for the workspace's tests, which
/// compare it with the body Attio documents.
pub fn create_body(values: &Values) -> Value {
    values_body(Target::Object, values)
}

/// `/v2/objects/{object}/records` or `/v2/lists/{list}/entries`: where the
/// items of `M`'s object or list live.
pub(crate) fn items_path<M: Model>() -> String {
    format!(
        "/v2/{}/{}/{}",
        M::TARGET.path_segment(),
        M::SLUG,
        M::TARGET.items_segment()
    )
}

/// `…/query` below [`items_path`]: query with POST.
pub(crate) fn items_query_path<M: Model>() -> String {
    format!("{}/query", items_path::<M>())
}

/// One item below [`items_path`], by its id's text: get, update, delete.
pub(crate) fn item_path<M: Model>(id: &str) -> String {
    format!("{}/{id}", items_path::<M>())
}

/// `/v2/objects/{object}/records`: create with POST.
pub(crate) fn records_path<R: Record>() -> String {
    items_path::<R>()
}

/// `/v2/objects/{object}/records/query`: query with POST.
pub(crate) fn records_query_path<R: Record>() -> String {
    items_query_path::<R>()
}

/// `/v2/objects/{object}/records/{record_id}`: get, update (PATCH/PUT), delete.
pub(crate) fn record_path<R: Record>(id: &RecordId) -> String {
    item_path::<R>(id.as_str())
}

/// `/v2/lists/{list}/entries`: create with POST, assert by parent with PUT.
pub(crate) fn entries_path<E: Entry>() -> String {
    items_path::<E>()
}

/// An assert (upsert) of a record of `R`, matched on a unique attribute:
/// `PUT /v2/objects/{object}/records?matching_attribute={slug}`.
///
/// Built only from an attribute marked unique, so matching on a
/// non-unique attribute does not compile. If a record matches, Attio
/// updates it and **replaces** every other multiselect attribute in the
/// write; values of the matching attribute are added.
///
/// ```
/// use attio_runtime::value::EmailAddress;
/// use attio_runtime::Assert;
/// # #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// # #[attio(object = "people")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// # struct Person { email_addresses: Vec<EmailAddress>, job_title: Option<String> }
///
/// // `Person` as generated for `people`, whose `email_addresses` is unique.
/// let write = Person::write()
///     .email_addresses([EmailAddress::new("ada@acme.com")?])
///     .job_title("CTO");
/// let assert = Assert::new(Person::EMAIL_ADDRESSES, write);
/// assert_eq!(
///     assert.path(),
///     "/v2/objects/people/records?matching_attribute=email_addresses"
/// );
/// assert!(assert.check().is_ok()); // the write has an address to match on
/// // Sent by `client.assert_record(assert).await?`, or in one step by
/// // `client.upsert_record(Person::EMAIL_ADDRESSES, write).await?`.
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
///
/// A job title is not unique, so it cannot be matched on:
///
/// ```compile_fail
/// # use attio_runtime::Assert;
/// # #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// # #[attio(object = "people")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// # struct Person { job_title: Option<String> }
/// let assert = Assert::new(Person::JOB_TITLE, Person::write().job_title("CTO"));
/// ```
pub struct Assert<R: Record> {
    matching_attribute: &'static str,
    kind: &'static str,
    write: R::Write,
}

impl<R: Record> Assert<R> {
    /// Asserts `write`, matching records on `attribute`.
    pub fn new<K: Kind, U: IsUnique>(attribute: Attribute<R, K, U>, write: R::Write) -> Self {
        Assert {
            matching_attribute: attribute.slug(),
            kind: K::NAME,
            write,
        }
    }

    /// Asserts `write`, matching on the record type's declared upsert attribute.
    pub fn upsert(write: R::Write) -> Self
    where
        R: Upsert,
    {
        Assert {
            matching_attribute: R::MATCHING_ATTRIBUTE,
            kind: "matching attribute",
            write,
        }
    }

    /// The slug of the matching attribute.
    pub fn matching_attribute(&self) -> &'static str {
        self.matching_attribute
    }

    /// The request path, with the matching attribute as query parameter.
    pub fn path(&self) -> String {
        format!(
            "{}?matching_attribute={}",
            records_path::<R>(),
            self.matching_attribute
        )
    }

    /// The request body: `{"data": {"values": {…}}}`.
    pub fn body(&self) -> Value {
        create_body(self.write.values())
    }

    /// The write being asserted.
    pub fn write(&self) -> &R::Write {
        &self.write
    }

    /// Checks that the write sets the matching attribute to at least one
    /// value: without one there is nothing to match on.
    pub fn check(&self) -> Result<(), ValueError> {
        match self.write.values().get(self.matching_attribute) {
            Some(Value::Array(items)) if !items.is_empty() => Ok(()),
            Some(v) if !v.is_array() && !v.is_null() => Ok(()),
            _ => Err(ValueError::new(
                self.kind,
                self.matching_attribute,
                "an assert needs a value for its matching attribute, but the write sets none",
            )),
        }
    }
}

impl<R: Record> Clone for Assert<R>
where
    R::Write: Clone,
{
    fn clone(&self) -> Self {
        Assert {
            matching_attribute: self.matching_attribute,
            kind: self.kind,
            write: self.write.clone(),
        }
    }
}

impl<R: Record> fmt::Debug for Assert<R>
where
    R::Write: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Assert")
            .field("object", &R::OBJECT)
            .field("matching_attribute", &self.matching_attribute)
            .field("write", &self.write)
            .finish()
    }
}

/// A new entry of list `E` for a parent record:
/// `{"data": {"parent_record_id": …, "parent_object": …, "entry_values": {…}}}`.
///
/// POST it to [`path`](Self::path) to add an entry (a parent may have
/// several), or PUT it there to assert the parent's single entry.
pub struct EntryCreate<E: Entry> {
    parent_object: String,
    parent_record_id: RecordId,
    write: E::Write,
}

impl<E: Entry> EntryCreate<E> {
    /// An entry for the record `parent`. Fails if the list does not accept
    /// records of the parent's object, or if `parent` names its record by a
    /// matching attribute rather than by id.
    ///
    /// The list is the write model's (`EntryCreate::new(&acme, Pipeline::write()…)`
    /// needs no `::<Pipeline>`), which is why the write is generic here.
    pub fn new<T, W>(parent: &RecordRef<T>, write: W) -> Result<Self, ValueError>
    where
        W: Write<Target = E>,
        E: Entry<Write = W>,
    {
        let id = parent.record_id().cloned().ok_or_else(|| {
            ValueError::new(
                "record-reference",
                parent.target_object(),
                "an entry's parent must be given by record id",
            )
        })?;
        Self::for_object(parent.target_object(), id, write)
    }

    /// An entry for record `parent_record_id` of the object `parent_object`.
    pub fn for_object(
        parent_object: &str,
        parent_record_id: RecordId,
        write: E::Write,
    ) -> Result<Self, ValueError> {
        if !E::PARENT_OBJECTS.is_empty() && !E::PARENT_OBJECTS.contains(&parent_object) {
            return Err(ValueError::new(
                "record-reference",
                parent_object,
                format!(
                    "list `{}` holds records of {}, not of this object",
                    E::LIST,
                    E::PARENT_OBJECTS.join(", ")
                ),
            ));
        }
        Ok(EntryCreate {
            parent_object: parent_object.to_owned(),
            parent_record_id,
            write,
        })
    }

    /// `/v2/lists/{list}/entries`.
    pub fn path(&self) -> String {
        entries_path::<E>()
    }

    /// The request body.
    pub fn body(&self) -> Value {
        json!({ "data": {
            "parent_record_id": self.parent_record_id.as_str(),
            "parent_object": self.parent_object,
            "entry_values": self.write.values().as_map(),
        }})
    }

    /// The parent's object slug.
    pub fn parent_object(&self) -> &str {
        &self.parent_object
    }

    /// The parent record's id.
    pub fn parent_record_id(&self) -> &RecordId {
        &self.parent_record_id
    }

    /// The entry values being written.
    pub fn write(&self) -> &E::Write {
        &self.write
    }
}

impl<E: Entry> Clone for EntryCreate<E>
where
    E::Write: Clone,
{
    fn clone(&self) -> Self {
        EntryCreate {
            parent_object: self.parent_object.clone(),
            parent_record_id: self.parent_record_id.clone(),
            write: self.write.clone(),
        }
    }
}

impl<E: Entry> fmt::Debug for EntryCreate<E>
where
    E::Write: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryCreate")
            .field("list", &E::LIST)
            .field("parent_object", &self.parent_object)
            .field("parent_record_id", &self.parent_record_id)
            .field("write", &self.write)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Map;

    use super::*;
    use crate::error::DecodeError;
    use crate::kind;
    use crate::test_write::TestWrite;
    use crate::value::EmailAddress;
    use crate::Unique;

    #[derive(Debug)]
    struct Person;
    type PersonWrite = TestWrite<Person>;
    type PipelineWrite = TestWrite<Pipeline>;
    impl Model for Person {
        const TARGET: Target = Target::Object;
        const SLUG: &'static str = "people";
        type Write = PersonWrite;
        fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
            Ok(Person)
        }
        fn to_write(&self) -> PersonWrite {
            PersonWrite::default()
        }
    }
    impl Record for Person {
        const OBJECT: &'static str = "people";
    }
    const EMAILS: Attribute<Person, kind::EmailAddress, Unique> = Attribute::new("email_addresses");

    #[derive(Debug)]
    struct Pipeline;
    impl Model for Pipeline {
        const TARGET: Target = Target::List;
        const SLUG: &'static str = "hiring";
        type Write = PipelineWrite;
        fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
            Ok(Pipeline)
        }
        fn to_write(&self) -> PipelineWrite {
            PipelineWrite::default()
        }
    }
    impl Entry for Pipeline {
        const LIST: &'static str = "hiring";
        const PARENT_OBJECTS: &'static [&'static str] = &["people"];
    }

    const ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";

    #[test]
    fn assert_body_and_path() {
        let mut write = PersonWrite::default();
        let email = EmailAddress::new("ada@acme.com").unwrap();
        write
            .values_mut()
            .set_many::<kind::EmailAddress, _>("email_addresses", [&email]);
        let assert = Assert::new(EMAILS, write);
        assert_eq!(assert.matching_attribute(), "email_addresses");
        assert_eq!(
            assert.path(),
            "/v2/objects/people/records?matching_attribute=email_addresses"
        );
        assert_eq!(
            assert.body(),
            json!({"data": {"values": {"email_addresses": [{"email_address": "ada@acme.com"}]}}})
        );
        assert!(assert.check().is_ok());
        let empty = Assert::new(EMAILS, PersonWrite::default());
        let err = empty.check().unwrap_err();
        assert_eq!(err.kind, "email-address");
    }

    #[test]
    fn entries() {
        let id = RecordId::new(ID).unwrap();
        let mut write = PipelineWrite::default();
        write.values_mut().set_raw("stage", json!(["Screen"]));
        let entry =
            EntryCreate::<Pipeline>::new(&RecordRef::<Person>::new(id.clone()), write.clone())
                .unwrap();
        assert_eq!(entry.path(), "/v2/lists/hiring/entries");
        assert_eq!(
            entry.body(),
            json!({"data": {"parent_record_id": ID, "parent_object": "people", "entry_values": {"stage": ["Screen"]}}})
        );
        let err = EntryCreate::<Pipeline>::for_object("companies", id, write.clone()).unwrap_err();
        assert!(err.reason.contains("hiring"), "{err}");
        let by_email =
            RecordRef::<Person>::matching(EMAILS, &EmailAddress::new("ada@acme.com").unwrap());
        assert!(EntryCreate::<Pipeline>::new(&by_email, write.clone()).is_err());
        assert_eq!(
            write_body::<Pipeline>(write.values()),
            json!({"data": {"entry_values": {"stage": ["Screen"]}}})
        );
    }

    #[test]
    fn record_bodies_and_paths() {
        let mut values = Values::new();
        values.set::<kind::Text, String>("name", &"Acme".to_owned());
        assert_eq!(
            create_body(&values),
            json!({"data": {"values": {"name": ["Acme"]}}})
        );
        assert_eq!(records_path::<Person>(), "/v2/objects/people/records");
        assert_eq!(
            records_query_path::<Person>(),
            "/v2/objects/people/records/query"
        );
        assert_eq!(
            record_path::<Person>(&RecordId::new(ID).unwrap()),
            format!("/v2/objects/people/records/{ID}")
        );
        assert_eq!(
            items_query_path::<Pipeline>(),
            "/v2/lists/hiring/entries/query"
        );
    }

    #[test]
    fn records_and_entries_share_one_path_and_body_shape() {
        const ENTRY: &str = "2e6e29ea-c4e0-4f44-842d-78a891f8c156";
        let entry = crate::EntryId::new(ENTRY).unwrap();
        assert_eq!(entries_path::<Pipeline>(), "/v2/lists/hiring/entries");
        assert_eq!(
            item_path::<Pipeline>(entry.as_str()),
            format!("/v2/lists/hiring/entries/{ENTRY}")
        );
        assert_eq!(
            item_path::<Person>(ID),
            format!("/v2/objects/people/records/{ID}")
        );
        let mut values = Values::new();
        values.set_raw("stage", json!(["Screen"]));
        assert_eq!(
            write_body::<Pipeline>(&values),
            json!({"data": {"entry_values": {"stage": ["Screen"]}}})
        );
        assert_eq!(write_body::<Person>(&values), create_body(&values));
    }
}
