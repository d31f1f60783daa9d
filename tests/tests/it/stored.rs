//! The streaming read path of the derive: `Stored<T>` / `StoredEntry<E>`
//! read a whole record body in one pass through the derived
//! `deserialize_values`, with the same result and the same errors as
//! `from_values` on the body's `values`.

use attio_runtime::serde_json::{self, json, Map, Value};
use attio_runtime::value::{Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::{Entry, Model, Options, Record, Stored, StoredEntry};

#[derive(Debug, Clone, PartialEq, Eq, Options)]
#[attio(
    object = "companies",
    attribute = "categories",
    schema = "ui-tests/attio-schema.json"
)]
pub enum Category {
    #[attio(title = "B2B")]
    B2b,
    #[attio(title = "B2C")]
    B2c,
    Enterprise,
    #[attio(title = "SaaS")]
    Saas,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "companies", schema = "ui-tests/attio-schema.json")]
pub struct Company {
    pub name: Option<String>,
    pub domains: Vec<Domain>,
    pub categories: Vec<Category>,
    pub team: Vec<RecordRef<Person>>,
    #[attio(read_only)]
    pub logo_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "people", schema = "ui-tests/attio-schema.json")]
pub struct Person {
    pub name: Option<PersonalName>,
    pub email_addresses: Vec<EmailAddress>,
    pub company: Option<RecordRef<Company>>,
}

/// Bare types: `deals` requires `name`, so every deal must have one to
/// decode (and one without, from a workspace that changed since the
/// snapshot, is an error that names it).
#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "deals", schema = "ui-tests/attio-schema.json")]
pub struct Deal {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Entry)]
#[attio(list = "enterprise_pipeline", schema = "ui-tests/attio-schema.json")]
pub struct PipelineEntry {
    pub stage: Option<String>,
    pub deal_size: Option<f64>,
    #[attio(attribute = "notes")]
    pub comment: Option<String>,
}

const COMPANY_ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";
const PERSON_ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";
const OTHER_PERSON_ID: &str = "0a5d7c3e-8b1f-4e2a-9c6d-3f4e5a6b7c8d";

/// An output value: `fields` with the metadata Attio adds to every value.
fn value(attribute_type: &str, fields: Value) -> Value {
    let mut out = json!({
        "active_from": "2025-04-18T22:13:01.520000000Z",
        "active_until": null,
        "created_by_actor": {"type": "workspace-member", "id": "67561dce-429b-4dc9-8b79-e0c42416a530"},
    });
    if let (Value::Object(out), Value::Object(fields)) = (&mut out, fields) {
        out.extend(fields);
        out.insert("attribute_type".into(), json!(attribute_type));
    }
    out
}

fn record(object_id: &str, record_id: &str, values: Value) -> Value {
    json!({
        "id": {"workspace_id": "6cc0f9a4-1c2b-4d3e-8f9a-0b1c2d3e4f5a", "object_id": object_id, "record_id": record_id},
        "created_at": "2025-04-18T22:13:01.520000000Z",
        "web_url": format!("https://app.attio.com/acme/record/{record_id}"),
        "values": values,
    })
}

fn company_body() -> Value {
    record(
        "7e35a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3",
        COMPANY_ID,
        json!({
            "record_id": [value("text", json!({"value": COMPANY_ID}))],
            "created_at": [value("timestamp", json!({"value": "2025-04-18T22:13:01.520000000Z"}))],
            "created_by": [value("actor-reference", json!({"referenced_actor_type": "system", "referenced_actor_id": null}))],
            "name": [value("text", json!({"value": "Acme \"Rockets\" Ltd"}))],
            "domains": [
                value("domain", json!({"domain": "acme.com", "root_domain": "acme.com"})),
                value("domain", json!({"domain": "app.acme.com", "root_domain": "acme.com"})),
            ],
            "categories": [
                value("select", json!({"option": {"id": {"option_id": "1"}, "title": "B2B", "is_archived": false}})),
                value("select", json!({"option": {"id": {"option_id": "2"}, "title": "Fintech", "is_archived": false}})),
            ],
            "team": [
                value("record-reference", json!({"target_object": "people", "target_record_id": PERSON_ID})),
                value("record-reference", json!({"target_object": "people", "target_record_id": OTHER_PERSON_ID})),
            ],
            "logo_url": [],
            "description": [value("text", json!({"value": "Not bound by the struct"}))],
            "first_email_interaction": [value("interaction", json!({
                "interaction_type": "email", "interacted_at": "2025-04-19T00:46:57.041000000Z",
                "owner_actor": {"type": "workspace-member", "id": "67561dce-429b-4dc9-8b79-e0c42416a530"}}))],
        }),
    )
}

fn person_body() -> Value {
    record(
        "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
        PERSON_ID,
        json!({
            "name": [value("personal-name", json!({"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}))],
            "email_addresses": [value("email-address", json!({
                "original_email_address": "Ada@Acme.com", "email_address": "ada@acme.com",
                "email_domain": "acme.com", "email_root_domain": "acme.com", "email_local_specifier": "ada"}))],
            "company": [value("record-reference", json!({"target_object": "companies", "target_record_id": COMPANY_ID}))],
            "job_title": [value("text", json!({"value": "Analyst"}))],
        }),
    )
}

fn values_of(body: &Value) -> &Map<String, Value> {
    body["values"].as_object().expect("values is an object")
}

/// Both read paths on a record body: (streamed, from_values). The
/// streamed error names the record; that prefix is checked and cut.
fn both<T: Record>(body: &Value) -> (Result<Stored<T>, String>, Result<T, String>) {
    let record = format!(
        "`{}` record `{}`: ",
        T::OBJECT,
        body["id"]["record_id"].as_str().unwrap()
    );
    let streamed = serde_json::from_str::<Stored<T>>(&body.to_string()).map_err(|e| {
        let e = e.to_string();
        match e.strip_prefix(&record) {
            Some(rest) => rest.to_owned(),
            None => panic!("the error does not name the record ({record}): {e}"),
        }
    });
    let old = T::from_values(values_of(body)).map_err(|e| e.to_string());
    (streamed, old)
}

#[test]
fn a_company_reads_the_same_both_ways() {
    let body = company_body();
    let (streamed, old) = both::<Company>(&body);
    let streamed = streamed.unwrap();
    assert_eq!(streamed.values, old.unwrap());
    assert_eq!(streamed.id.record_id.as_str(), COMPANY_ID);
    assert_eq!(
        streamed.web_url.as_deref(),
        Some("https://app.attio.com/acme/record/b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e")
    );
    let company = streamed.values;
    assert_eq!(company.name.as_deref(), Some("Acme \"Rockets\" Ltd"));
    assert_eq!(company.domains[1].root_domain(), Some("acme.com"));
    assert_eq!(
        company.categories,
        [Category::B2b, Category::Other("Fintech".into())]
    );
    assert_eq!(company.team.len(), 2);
    assert_eq!(company.logo_url, None);
}

#[test]
fn a_person_reads_the_same_both_ways() {
    let body = person_body();
    let (streamed, old) = both::<Person>(&body);
    let person = streamed.unwrap().values;
    assert_eq!(person, old.unwrap());
    assert_eq!(person.name.unwrap().full_name, "Ada Lovelace");
    assert_eq!(person.email_addresses[0].original(), "Ada@Acme.com");
    assert_eq!(
        person
            .company
            .and_then(|c| c.record_id().cloned())
            .map(String::from)
            .as_deref(),
        Some(COMPANY_ID)
    );
}

#[test]
fn unknown_slugs_are_skipped_whatever_they_hold() {
    let mut body = person_body();
    let values = body["values"].as_object_mut().unwrap();
    values.insert(
        "added_after_the_snapshot".into(),
        json!([{"deeply": {"nested": [1, 2, {"x": null}]}}]),
    );
    values.insert("not_even_an_array".into(), json!("surprise"));
    let (streamed, old) = both::<Person>(&body);
    assert_eq!(streamed.unwrap().values, old.unwrap());
}

fn deal_body() -> Value {
    record(
        "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
        DEAL_ID,
        json!({"name": [value("text", json!({"value": "Acme renewal"}))]}),
    )
}

const DEAL_ID: &str = "5f4e3d2c-1b0a-4987-a6b5-c4d3e2f1a0b9";

#[test]
fn a_missing_required_field_is_the_error_from_values_reports() {
    let (streamed, old) = both::<Deal>(&deal_body());
    assert_eq!(streamed.unwrap().values, old.unwrap());
    for name in [None, Some(json!(null)), Some(json!([]))] {
        let mut body = deal_body();
        let values = body["values"].as_object_mut().unwrap();
        match name {
            None => {
                values.remove("name");
            }
            Some(v) => {
                values.insert("name".into(), v);
            }
        }
        let (streamed, old) = both::<Deal>(&body);
        let old = old.unwrap_err();
        assert_eq!(
            old,
            "cannot decode name: has no value, but the field is not an Option; if the attribute is no longer required in Attio, pull the snapshot and declare the field `Option<…>`"
        );
        let streamed = streamed.unwrap_err();
        assert!(streamed.starts_with(&old), "{streamed}");
    }
}

#[test]
fn bad_values_are_the_errors_from_values_reports() {
    let cases: [(&str, Value); 5] = [
        (
            "email_addresses",
            json!([value("email-address", json!({"email_domain": "acme.com"}))]),
        ),
        ("email_addresses", json!({"email_address": "ada@acme.com"})),
        (
            "company",
            json!([value(
                "record-reference",
                json!({"target_object": "deals", "target_record_id": COMPANY_ID})
            )]),
        ),
        (
            "company",
            json!([value(
                "record-reference",
                json!({"target_object": "companies", "target_record_id": "x"})
            )]),
        ),
        (
            "name",
            json!([value("personal-name", json!({"first_name": 7}))]),
        ),
    ];
    for (slug, bad) in cases {
        let mut body = person_body();
        body["values"][slug] = bad;
        let (streamed, old) = both::<Person>(&body);
        let old = old.unwrap_err();
        let streamed = streamed.unwrap_err();
        assert!(streamed.starts_with(&old), "{streamed} / {old}");
    }
    // The exact path, as `from_values` gives it.
    let mut body = person_body();
    body["values"]["email_addresses"] = json!([
        value("email-address", json!({"email_address": "ada@acme.com"})),
        value("email-address", json!({"email_address": 42})),
    ]);
    let (streamed, _) = both::<Person>(&body);
    assert!(streamed
        .unwrap_err()
        .starts_with("cannot decode email_addresses[1].email_address: expected a string"));
}

#[test]
fn only_the_first_value_of_a_single_value_attribute_is_read() {
    let mut body = company_body();
    body["values"]["name"] = json!([
        value("text", json!({"value": "Acme"})),
        value("text", json!({"value": 42})),
    ]);
    let (streamed, old) = both::<Company>(&body);
    assert_eq!(streamed.unwrap().values.name.as_deref(), Some("Acme"));
    assert_eq!(old.unwrap().name.as_deref(), Some("Acme"));
}

#[test]
fn a_query_page_reads_as_a_vec() {
    let page = json!({"data": [person_body(), person_body()]});
    // A query answers `{"data": [record, …]}`; its array reads as a Vec.
    let people: Vec<Stored<Person>> = serde_json::from_str(&page["data"].to_string()).unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!(
        people[1].values.name.as_ref().map(|n| n.full_name.as_str()),
        Some("Ada Lovelace")
    );
}

#[test]
fn an_entry_reads_the_same_both_ways() {
    let body = json!({
        "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
               "list_id": "33ebdbe9-e529-47c9-b894-0ba25e9c15c0",
               "entry_id": "2e6e29ea-c4e0-4f44-842d-78a891f8c156"},
        "parent_record_id": COMPANY_ID,
        "parent_object": "companies",
        "created_at": "2022-11-21T13:22:49.061281000Z",
        "entry_values": {
            "stage": [value("status", json!({"status": {"id": {"status_id": "527def35-7994-4ef7-9584-80ef8de352a8"},
                "title": "In Progress", "is_archived": false, "target_time_in_status": null, "celebration_enabled": false}}))],
            "deal_size": [value("number", json!({"value": 125000.5}))],
            "notes": [],
            "created_at": [value("timestamp", json!({"value": "2023-01-01T15:00:00.000000000Z"}))],
        },
    });
    let entry: StoredEntry<PipelineEntry> = serde_json::from_str(&body.to_string()).unwrap();
    let old = PipelineEntry::from_values(body["entry_values"].as_object().unwrap()).unwrap();
    assert_eq!(entry.entry_values, old);
    assert_eq!(entry.entry_values.stage.as_deref(), Some("In Progress"));
    assert_eq!(entry.entry_values.deal_size, Some(125000.5));
    assert_eq!(entry.parent_record_id.as_str(), COMPANY_ID);
}

/// Binds no attribute: every slug is skipped.
#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "people", schema = "ui-tests/attio-schema.json")]
pub struct Nothing {}

/// Raw JSON fields keep the whole value object, as `from_values` does.
#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "people", schema = "ui-tests/attio-schema.json")]
pub struct Raw {
    #[attio(attribute = "name")]
    pub raw_name: Option<Value>,
    #[attio(attribute = "email_addresses")]
    pub raw_emails: Vec<Value>,
}

#[test]
fn empty_and_raw_structs_read_the_same_both_ways() {
    let body = person_body();
    let (streamed, old) = both::<Nothing>(&body);
    assert_eq!(streamed.unwrap().values, old.unwrap());
    let (streamed, old) = both::<Raw>(&body);
    let raw = streamed.unwrap().values;
    assert_eq!(raw, old.unwrap());
    assert_eq!(raw.raw_name.unwrap()["full_name"], "Ada Lovelace");
}
