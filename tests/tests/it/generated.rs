//! The bindings `build.rs` generates from the workspace fixture, used as an
//! application uses them: decoding records as Attio returns them, building
//! writes, creates and asserts, and typed filters — the awkward slugs
//! included.

use attio_runtime::serde_json::{self, json, Value};
use attio_runtime::value::{
    ActorRef, AnyObject, Currency, Domain, EmailAddress, PersonalName, Rating, RecordRef,
};
use attio_runtime::RecordId;
use attio_runtime::{
    Assert, Decimal, Entry, Filter, Model, Query, Record, Stored, StoredEntry, Write,
};
use attio_tests::workspace::*;

const WORKSPACE_ID: &str = "00000000-0000-4000-8000-000000000000";
const MEMBER_ID: &str = "67561dce-429b-4dc9-8b79-e0c42416a530";
const PERSON_ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";
const COMPANY_ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

/// One output value as Attio returns it: `fields` plus the metadata.
fn value(attribute_type: &str, fields: Value) -> Value {
    let mut v = json!({
        "active_from": "2025-04-19T00:46:57.041000000Z",
        "active_until": null,
        "created_by_actor": {"type": "api-token", "id": "9e5f7a8c-1b2d-4e3f-8a9b-0c1d2e3f4a5b"},
    });
    let map = v.as_object_mut().unwrap();
    map.extend(fields.as_object().unwrap().clone());
    map.insert("attribute_type".into(), attribute_type.into());
    v
}

fn record_body(object_id: &str, record_id: &str, values: Value) -> String {
    json!({
        "id": {"workspace_id": WORKSPACE_ID, "object_id": object_id, "record_id": record_id},
        "created_at": "2025-04-18T22:13:01.520000000Z",
        "web_url": format!("https://app.attio.com/acme/record/{record_id}"),
        "values": values,
    })
    .to_string()
}

fn option(title: &str) -> Value {
    json!({"option": {"id": {"workspace_id": WORKSPACE_ID, "object_id": "o", "attribute_id": "a",
        "option_id": "1f75d4e1-9457-4eeb-bbd2-6d84dfeec121"}, "title": title, "is_archived": false}})
}

fn status(title: &str) -> Value {
    json!({"status": {"id": {"workspace_id": WORKSPACE_ID, "object_id": "o", "attribute_id": "a",
        "status_id": "21a9f867-469d-4e1c-8c9a-c09a563b31d7"}, "title": title, "is_archived": false,
        "target_time_in_status": null, "celebration_enabled": false}})
}

#[test]
fn a_company_decodes_from_attio_output() {
    let body = record_body(
        "00000000-0001-4000-8000-000000000001",
        COMPANY_ID,
        json!({
            "name": [value("text", json!({"value": "Acme"}))],
            "domains": [value("domain", json!({"domain": "acme.com", "root_domain": "acme.com"}))],
            "categories": [value("select", option("B2B")), value("select", option("Quantum"))],
            "team": [value("record-reference", json!({"target_object": "people", "target_record_id": PERSON_ID}))],
            "employee_range": [value("select", option("11-50"))],
            "twitter_follower_count": [value("number", json!({"value": 1200}))],
            "created_by": [value("actor-reference", json!({"referenced_actor_type": "system", "referenced_actor_id": null}))],
            "first_email_interaction": [],
            "a_future_attribute": [value("text", json!({"value": "ignored"}))],
        }),
    );
    let company: Stored<Company> = serde_json::from_str(&body).unwrap();
    let c = &company.values;
    assert_eq!(c.name.as_deref(), Some("Acme"));
    assert_eq!(c.domains, [Domain::new("acme.com").unwrap()]);
    assert_eq!(
        c.categories,
        [
            CompanyCategory::B2b,
            CompanyCategory::Other("Quantum".into())
        ]
    );
    assert_eq!(c.team.len(), 1);
    assert_eq!(c.team[0].record_id().unwrap().as_str(), PERSON_ID);
    assert_eq!(c.employee_range, Some(CompanyEmployeeRange::N11_50));
    assert_eq!(c.twitter_follower_count, Some(1200.0));
    assert!(c.first_email_interaction.is_none());
    assert!(c.description.is_none(), "absent attributes decode as empty");

    // The same result through the map-based path.
    let values: Value = serde_json::from_str::<Value>(&body).unwrap()["values"].clone();
    assert_eq!(
        Company::from_values(values.as_object().unwrap()).unwrap(),
        company.values
    );
}

#[test]
fn awkward_slugs_have_usable_fields() {
    let values = json!({
        "2fa_enabled": [value("checkbox", json!({"value": true}))],
        "async": [value("checkbox", json!({"value": false}))],
        "größe": [value("number", json!({"value": 42.5}))],
        "type": [value("select", option("Webhook"))],
        "match": [value("text", json!({"value": "exact"}))],
        "dealValue": [value("currency", json!({"currency_value": 10, "currency_code": "EUR"}))],
        "deal_value": [value("currency", json!({"currency_value": 99.5, "currency_code": "USD"}))],
        "hologram": [value("hologram", json!({"value": {"x": 1}}))],
        "self": [value("record-reference", json!({"target_object": "integrations", "target_record_id": COMPANY_ID}))],
    });
    let i = Integration::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(i.n2fa_enabled, Some(true));
    assert_eq!(i.async_, Some(false));
    assert_eq!(i.grosse, Some(42.5));
    assert_eq!(i.type_, Some(IntegrationType::Webhook));
    assert_eq!(i.match_.as_deref(), Some("exact"));
    // The slug that is already a field name keeps it.
    assert_eq!(i.deal_value.unwrap().amount(), Decimal::new(995, 1));
    assert_eq!(i.deal_value_camel.unwrap().amount(), Decimal::from(10));
    assert_eq!(i.hologram.unwrap()["value"], json!({"x": 1}));
    let _: Option<RecordRef<Integration>> = i.self_;

    let write = Integration::write()
        .n2fa_enabled(true)
        .type_(IntegrationType::OAuthApp)
        .match_("prefix")
        .deal_value_camel(Currency::new(Decimal::from(10)).unwrap());
    assert_eq!(
        serde_json::to_value(write.values().as_map()).unwrap(),
        json!({
            "2fa_enabled": [true],
            "type": ["OAuth app"],
            "match": ["prefix"],
            "dealValue": [{"currency_value": 10}],
        })
    );
    assert_eq!(Integration::TYPE_.slug(), "type");
    assert_eq!(Integration::N2FA_ENABLED.slug(), "2fa_enabled");
    assert_eq!(N3plPartner::OBJECT, "3pl_partners");
    assert_eq!(Match::OBJECT, "match");
}

#[test]
fn create_takes_exactly_the_required_attributes() {
    // deals: name, owner and stage are required.
    let owner = ActorRef::workspace_member(MEMBER_ID).unwrap();
    let write = Deal::create(DealRequired {
        name: "Acme renewal".into(),
        owner,
        stage: DealStage::InProgress,
    })
    .value(Currency::new(Decimal::new(1_200_050, 2)).unwrap())
    .associated_people([RecordRef::<Person>::new(RecordId::new(PERSON_ID).unwrap())]);
    assert_eq!(
        attio_runtime::create_body(write.values()),
        json!({"data": {"values": {
            "name": ["Acme renewal"],
            "owner": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID}],
            "stage": ["In Progress"],
            "value": [{"currency_value": 12000.5}],
            "associated_people": [{"target_object": "people", "target_record_id": PERSON_ID}],
        }}})
    );

    // Objects without required attributes take no arguments.
    let person = Person::create()
        .name(PersonalName::new("Ada", "Lovelace"))
        .email_addresses([EmailAddress::new("Ada@Acme.com").unwrap()]);
    assert_eq!(
        person.values().get("email_addresses"),
        // Sent as typed: Attio keeps it as `original_email_address`.
        Some(&json!([{"email_address": "Ada@Acme.com"}]))
    );
}

#[test]
fn upserts_match_on_unique_attributes() {
    let write = Person::write()
        .email_addresses([EmailAddress::new("ada@acme.com").unwrap()])
        .job_title("CTO");
    let assert = Assert::new(Person::EMAIL_ADDRESSES, write);
    assert_eq!(
        assert.path(),
        "/v2/objects/people/records?matching_attribute=email_addresses"
    );
    assert!(assert.check().is_ok());
    assert_eq!(assert.body()["data"]["values"]["job_title"], json!(["CTO"]));

    let users = Assert::new(
        User::USER_ID,
        User::create(UserRequired {
            primary_email_address: EmailAddress::new("ada@acme.com").unwrap(),
            user_id: "u-1".into(),
        }),
    );
    assert_eq!(users.matching_attribute(), "user_id");
    // Without a value for the matching attribute there is nothing to match.
    assert!(Assert::new(Company::DOMAINS, Company::write().name("Acme"))
        .check()
        .is_err());
}

#[test]
fn filters_and_sorts_from_attribute_constants() {
    let query: Query<Company> = Query::new()
        .filter(Filter::and([
            Company::NAME.contains("Acme"),
            Company::CATEGORIES.eq(CompanyCategory::SaaS),
        ]))
        .sort(Company::NAME.asc())
        .limit(50);
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({
            "filter": {"$and": [
                {"name": {"$contains": "Acme"}},
                {"categories": {"$eq": "SaaS"}},
            ]},
            "sorts": [{"direction": "asc", "attribute": "name"}],
            "limit": 50,
        })
    );
    let deals = Deal::STAGE.eq(DealStage::Won).to_json();
    assert_eq!(deals, json!({"stage": {"$eq": "Won 🎉"}}));
    let ratings = Project::HEALTH.gte(Rating::new(3).unwrap()).to_json();
    assert_eq!(ratings, json!({"health": {"$gte": 3}}));
}

#[test]
fn list_entries_decode_and_write() {
    let body = json!({
        "id": {"workspace_id": WORKSPACE_ID, "list_id": "00000000-0002-4000-8000-000000000001",
               "entry_id": "a6079366-73fd-4d5b-97a3-48838ec9cd03"},
        "parent_record_id": COMPANY_ID,
        "parent_object": "companies",
        "created_at": "2025-08-01T09:00:00.000000000Z",
        "entry_values": {
            "stage": [value("status", status("Negotiation"))],
            "priority": [value("select", option("🔥 Hot"))],
            "next_step": [value("text", json!({"value": "Send MSA"}))],
        },
    })
    .to_string();
    let entry: StoredEntry<EnterprisePipelineEntry> = serde_json::from_str(&body).unwrap();
    let e = &entry.entry_values;
    assert_eq!(e.stage, Some(EnterprisePipelineStage::Negotiation));
    assert_eq!(e.priority, Some(EnterprisePipelinePriority::Hot));
    assert_eq!(e.next_step.as_deref(), Some("Send MSA"));
    assert_eq!(EnterprisePipelineEntry::PARENT_OBJECTS, ["companies"]);

    let write = EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::ClosedWon);
    assert_eq!(
        write.values().get("stage"),
        Some(&json!(["Closed – won 🎉"]))
    );
    let parent = RecordRef::<Company>::new(RecordId::new(COMPANY_ID).unwrap());
    let create =
        attio_runtime::EntryCreate::<EnterprisePipelineEntry>::new(&parent, write).unwrap();
    assert_eq!(create.path(), "/v2/lists/enterprise_pipeline/entries");
    assert_eq!(create.body()["data"]["parent_object"], "companies");
}

#[test]
fn references_are_typed_by_their_target() {
    // `projects.related_record` may point to any object.
    let project = Project::write().related_record(RecordRef::<AnyObject>::to_object(
        "deals",
        RecordId::new(COMPANY_ID).unwrap(),
    ));
    assert_eq!(
        project.values().get("related_record"),
        Some(&json!([{"target_object": "deals", "target_record_id": COMPANY_ID}]))
    );
    // `people.company` points to companies only: its type says so.
    let person = Person::write().company(RecordRef::<Company>::new(
        RecordId::new(COMPANY_ID).unwrap(),
    ));
    assert_eq!(
        person.values().get("company"),
        Some(&json!([{"target_object": "companies", "target_record_id": COMPANY_ID}]))
    );
}

#[test]
fn reference_setters_take_stored_records_and_borrowed_ids() {
    let stored = |object_id: &str, record_id: &str| record_body(object_id, record_id, json!({}));
    let acme: Stored<Company> =
        serde_json::from_str(&stored("00000000-0001-4000-8000-000000000001", COMPANY_ID)).unwrap();
    let ada: Stored<Person> =
        serde_json::from_str(&stored("00000000-0001-4000-8000-000000000002", PERSON_ID)).unwrap();
    let to_acme = json!([{"target_object": "companies", "target_record_id": COMPANY_ID}]);

    // A stored company, or its id borrowed, is a reference to a company.
    let by_record = Person::write().company(&acme);
    let by_id = Person::write().company(&acme.id.record_id);
    assert_eq!(by_record.values().get("company"), Some(&to_acme));
    assert_eq!(by_id.values(), by_record.values());

    // A multiselect reference takes several stored records.
    let deal = Deal::write().associated_people([&ada, &ada]);
    let to_ada = json!({"target_object": "people", "target_record_id": PERSON_ID});
    assert_eq!(
        deal.values().get("associated_people"),
        Some(&json!([to_ada, to_ada]))
    );

    // A reference of any object takes the stored record's object slug.
    let project = Project::write().related_record(&acme);
    assert_eq!(project.values().get("related_record"), Some(&to_acme));
}

#[test]
fn read_only_and_archived_attributes_have_no_setters() {
    // Enriched attributes are readable fields, but `CompanyWrite` has no
    // `logo_url` setter (a compile error, covered by the UI tests); the
    // write model of a decoded record leaves them out.
    let values = json!({
        "logo_url": [value("text", json!({"value": "https://logo.example/acme.png"}))],
        "name": [value("text", json!({"value": "Acme"}))],
    });
    let company = Company::from_values(values.as_object().unwrap()).unwrap();
    assert!(company.logo_url.is_some());
    let write = company.to_write();
    assert!(write.values().get("logo_url").is_none());
    assert_eq!(write.values().get("name"), Some(&json!(["Acme"])));
    // Archived attributes are not generated by default.
    let source = include_str!(concat!(env!("OUT_DIR"), "/workspace.rs"));
    assert!(!source.contains("legacy_lead_score"));
    assert!(!source.contains("old_budget_code"));
}
