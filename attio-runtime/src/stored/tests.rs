//! Unit tests of the read model, with record and entry types implemented by hand.

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
}

impl Model for Person {
    const TARGET: Target = Target::Object;
    const SLUG: &'static str = "people";
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
        err.to_string().starts_with(&format!(
            "`people` record `{RECORD_ID}`: cannot decode email_addresses[1].email_address: is missing or null"
        )),
        "{err}"
    );
}

/// A record type with a bare field, as the derive writes it for an
/// attribute required in the snapshot.
#[derive(Debug, Clone, PartialEq)]
struct Titled {
    job_title: String,
}

impl Record for Titled {
    const OBJECT: &'static str = "people";
}

impl Model for Titled {
    const TARGET: Target = Target::Object;
    const SLUG: &'static str = "people";
    type Write = TestWrite<Titled>;
    fn from_values(values: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Titled {
            job_title: crate::__private::decode_required::<kind::Text, _>(values, "job_title")?,
        })
    }
    fn to_write(&self) -> TestWrite<Titled> {
        TestWrite::default()
    }
}

const OTHER_ID: &str = "0a5d7c3e-8b1f-4e2a-9c6d-3f4e5a6b7c8d";

/// A page of two people, the second without a job title.
fn page() -> Value {
    let mut titled = body();
    titled["values"]["job_title"] = json!([meta(json!({"value": "Analyst"}), "text")]);
    let mut untitled = body();
    untitled["id"]["record_id"] = json!(OTHER_ID);
    json!({"data": [titled, untitled]})
}

#[test]
fn a_record_without_a_required_value_is_named_in_the_error() {
    let body = page().to_string();
    let error = crate::client::transport::decode_data::<Vec<Stored<Titled>>>(
        body.as_bytes(),
        &reqwest::Method::POST,
        "/v2/objects/people/records/query",
    )
    .unwrap_err();
    // Still a decode error, matchable as before.
    assert_eq!(error.kind(), crate::ErrorKind::Decode);
    let text = error.to_string();
    assert!(
        text.contains(&format!(
            "`people` record `{OTHER_ID}`: cannot decode job_title: has no value, but the field is not an Option; if the attribute is no longer required in Attio, pull the snapshot and declare the field `Option<…>`"
        )),
        "{text}"
    );
    // The position is given once, after the message.
    assert_eq!(text.matches(" at line ").count(), 1, "{text}");
}

#[test]
fn values_before_the_id_are_still_named() {
    let mut untitled = page()["data"][1].clone();
    let values = untitled.as_object_mut().unwrap().remove("values").unwrap();
    let text = format!(r#"{{"values": {values}, {}"#, &untitled.to_string()[1..]);
    let error = serde_json::from_str::<Stored<Titled>>(&text).unwrap_err();
    assert!(
        error.to_string().starts_with(&format!(
            "`people` record `{OTHER_ID}`: cannot decode job_title: has no value"
        )),
        "{error}"
    );
    // And a good record reads the same in that order.
    let mut titled = page()["data"][0].clone();
    let values = titled.as_object_mut().unwrap().remove("values").unwrap();
    let text = format!(r#"{{"values": {values}, {}"#, &titled.to_string()[1..]);
    let person = serde_json::from_str::<Stored<Titled>>(&text).unwrap();
    assert_eq!(person.values.job_title, "Analyst");
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
}

impl Model for Row {
    const TARGET: Target = Target::List;
    const SLUG: &'static str = "sales";
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
    let mut bad = body.clone();
    bad["entry_values"]["stage"] = json!([{"status": 7}]);
    let err = serde_json::from_str::<StoredEntry<Row>>(&bad.to_string()).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "entry `2e6e29ea-c4e0-4f44-842d-78a891f8c156` of list `sales`: cannot decode stage[0]"
        ),
        "{err}"
    );
    let mut missing = body;
    missing.as_object_mut().unwrap().remove("parent_record_id");
    let err = serde_json::from_str::<StoredEntry<Row>>(&missing.to_string()).unwrap_err();
    assert!(err.to_string().contains("missing field `parent_record_id`"));
}

#[test]
fn a_stored_record_is_a_reference_to_itself() {
    let person: Stored<Person> = serde_json::from_value(body()).unwrap();
    let typed = RecordRef::<Person>::from(&person);
    assert_eq!(typed.target_object(), "people");
    assert_eq!(typed.record_id(), Some(&person.id.record_id));
    // A reference of any object names the record type's object slug, not
    // the object id the record's `id` holds.
    let any = RecordRef::<AnyObject>::from(&person);
    assert_eq!(any.target_object(), "people");
    assert_eq!(any.record_id(), Some(&person.id.record_id));
    // A borrowed id makes the same reference as the owned one.
    assert_eq!(RecordRef::<Person>::from(&person.id.record_id), typed);
}

#[test]
fn a_reference_setter_takes_stored_records_and_borrowed_ids() {
    use crate::value::SeveralValues;

    let person: Stored<Person> = serde_json::from_value(body()).unwrap();
    // What a multiselect reference setter does with its argument.
    let refs: Vec<RecordRef<Person>> = [&person, &person].collect_values();
    assert_eq!(refs, vec![RecordRef::new(person.id.record_id.clone()); 2]);
    let refs: Vec<RecordRef<Person>> = [&person.id.record_id].collect_values();
    assert_eq!(refs[0].record_id(), Some(&person.id.record_id));
    // What a single reference setter takes (`IntoRecordRef`).
    let typed = RecordRef::<Person>::from(&person);
    assert_eq!(IntoRecordRef::<Person>::into_record_ref(&person), typed);
    assert_eq!(
        IntoRecordRef::<Person>::into_record_ref(&person.id.record_id),
        typed
    );
    assert_eq!(
        IntoRecordRef::<Person>::into_record_ref(person.id.record_id.clone()),
        typed
    );
    assert_eq!(typed.clone().into_record_ref(), typed);
    let any: RecordRef<AnyObject> = (&person).into_record_ref();
    assert_eq!(any.target_object(), "people");
}
