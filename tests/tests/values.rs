//! Round trips of every attribute type: Attio's output value objects (as
//! attio-api.md §5 describes them, with `active_from`, `active_until`,
//! `created_by_actor` and `attribute_type`) decode into the typed values,
//! and writes encode to the exact JSON Attio accepts. Then the JSON of
//! filters, sorts, queries and write bodies (§6).

use attio_runtime::chrono::{DateTime, NaiveDate, TimeZone, Utc};
use attio_runtime::kind::{self, Kind};
use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::value::{
    ActorRef, ActorType, AnyObject, Currency, CurrencyCode, Domain, EmailAddress, Interaction,
    InteractionType, Location, PersonalName, PhoneNumber, Rating, RecordId, RecordRef,
};
use attio_runtime::{
    request, Assert, Attribute, AttributeValue, Decimal, DecodeError, EntryCreate, Filter, Query,
    Record, Unique, Values, Write,
};

const RECORD_ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";
const MEMBER_ID: &str = "67561dce-429b-4dc9-8b79-e0c42416a530";

/// An output value object: `fields` plus the metadata Attio adds to every value.
fn output(attribute_type: &str, fields: Value) -> Value {
    let mut value = Map::new();
    value.insert(
        "active_from".into(),
        json!("2025-04-19T00:46:57.041000000Z"),
    );
    value.insert("active_until".into(), Value::Null);
    value.insert(
        "created_by_actor".into(),
        json!({"type": "workspace-member", "id": MEMBER_ID}),
    );
    let Value::Object(fields) = fields else {
        panic!("fields must be an object")
    };
    value.extend(fields);
    // Attio puts `attribute_type` last.
    value.insert("attribute_type".into(), json!(attribute_type));
    Value::Object(value)
}

fn decode<K: Kind, T: AttributeValue<K>>(fields: Value) -> T {
    let value = output(K::NAME, fields);
    match T::decode(&value) {
        Ok(v) => v,
        Err(e) => panic!("{} did not decode: {e}\n{value:#}", K::NAME),
    }
}

fn decode_err<K: Kind, T: AttributeValue<K>>(fields: Value) -> DecodeError {
    match T::decode(&output(K::NAME, fields)) {
        Ok(_) => panic!("{} decoded, but should not have", K::NAME),
        Err(e) => e,
    }
}

fn encode<K: Kind, T: AttributeValue<K>>(value: &T) -> Value {
    value.encode()
}

#[test]
fn text() {
    let v: String = decode::<kind::Text, _>(json!({"value": "Acme"}));
    assert_eq!(v, "Acme");
    assert_eq!(encode::<kind::Text, _>(&v), json!("Acme"));
}

#[test]
fn number() {
    let v: f64 = decode::<kind::Number, _>(json!({"value": 42.5}));
    assert_eq!(v, 42.5);
    assert_eq!(encode::<kind::Number, _>(&v), json!(42.5));
    let v: i64 = decode::<kind::Number, _>(json!({"value": 42}));
    assert_eq!(v, 42);
    assert_eq!(encode::<kind::Number, _>(&v).to_string(), "42");
    decode_err::<kind::Number, i64>(json!({"value": 4.5}));
}

#[test]
fn checkbox() {
    let v: bool = decode::<kind::Checkbox, _>(json!({"value": true}));
    assert!(v);
    assert_eq!(encode::<kind::Checkbox, _>(&v), json!(true));
}

#[test]
fn currency() {
    let v: Currency =
        decode::<kind::Currency, _>(json!({"currency_value": 4.99, "currency_code": "USD"}));
    assert_eq!(v.amount(), Decimal::new(499, 2));
    assert_eq!(v.code(), Some(CurrencyCode::new("USD").unwrap()));
    // `currency_code` is inherited from the attribute and never written.
    assert_eq!(
        encode::<kind::Currency, _>(&v),
        json!({"currency_value": 4.99})
    );

    // The docs' example sends the amount as a string; it is read exactly.
    let v: Currency = decode::<kind::Currency, _>(
        json!({"currency_value": "1234567.8912", "currency_code": "EUR"}),
    );
    assert_eq!(v.amount(), Decimal::new(12_345_678_912, 4));
    assert_eq!(
        encode::<kind::Currency, _>(&v).to_string(),
        r#"{"currency_value":1234567.8912}"#
    );

    // Float-hostile amounts stay exact: 0.1 + 0.2 is 0.3.
    let a: Currency =
        decode::<kind::Currency, _>(json!({"currency_value": 0.1, "currency_code": "USD"}));
    let b: Currency =
        decode::<kind::Currency, _>(json!({"currency_value": 0.2, "currency_code": "USD"}));
    assert_eq!(a.amount() + b.amount(), Decimal::new(3, 1));

    let written = Currency::parse("10000").unwrap();
    assert_eq!(
        encode::<kind::Currency, _>(&written).to_string(),
        r#"{"currency_value":10000}"#
    );
    assert!(Currency::parse("0.00001").is_err());
    assert!(CurrencyCode::new("ABC").is_err());
}

#[test]
fn date() {
    let v: NaiveDate = decode::<kind::Date, _>(json!({"value": "2023-01-02"}));
    assert_eq!(v, NaiveDate::from_ymd_opt(2023, 1, 2).unwrap());
    assert_eq!(encode::<kind::Date, _>(&v), json!("2023-01-02"));
    decode_err::<kind::Date, NaiveDate>(json!({"value": "2023-02-30"}));
}

#[test]
fn timestamp() {
    let v: DateTime<Utc> =
        decode::<kind::Timestamp, _>(json!({"value": "2023-01-02T11:00:00.000000000Z"}));
    assert_eq!(v, Utc.with_ymd_and_hms(2023, 1, 2, 11, 0, 0).unwrap());
    assert_eq!(
        encode::<kind::Timestamp, _>(&v),
        json!("2023-01-02T11:00:00.000000000Z")
    );
    let v: DateTime<Utc> =
        decode::<kind::Timestamp, _>(json!({"value": "2025-03-04T11:11:12.345+01:00"}));
    assert_eq!(
        encode::<kind::Timestamp, _>(&v),
        json!("2025-03-04T10:11:12.345000000Z")
    );
}

#[test]
fn rating() {
    let v: Rating = decode::<kind::Rating, _>(json!({"value": 4}));
    assert_eq!(v.get(), 4);
    assert_eq!(encode::<kind::Rating, _>(&v), json!(4));
    assert!(Rating::new(6).is_err());
    decode_err::<kind::Rating, Rating>(json!({"value": 6}));
}

#[test]
fn status() {
    let v: String = decode::<kind::Status, _>(json!({"status": {
        "id": {"workspace_id": "6cc0b4a6-8a4e-4c39-9a36-1d0c4d1b2e3f", "object_id": "7e35c2b1-9f0a-4c3e-8d2b-5a6f7e8d9c0b",
               "attribute_id": "c842d1e0-3b4a-4f5e-9d8c-7b6a5f4e3d2c", "status_id": "21a9f867-469d-4e1c-8c9a-c09a563b31d7"},
        "title": "In Progress", "is_archived": false, "target_time_in_status": null, "celebration_enabled": false
    }}));
    assert_eq!(v, "In Progress");
    assert_eq!(encode::<kind::Status, _>(&v), json!("In Progress"));
}

#[test]
fn select() {
    let v: String = decode::<kind::Select, _>(json!({"option": {
        "id": {"workspace_id": "6cc0b4a6-8a4e-4c39-9a36-1d0c4d1b2e3f", "object_id": "7e35c2b1-9f0a-4c3e-8d2b-5a6f7e8d9c0b",
               "attribute_id": "c842d1e0-3b4a-4f5e-9d8c-7b6a5f4e3d2c", "option_id": "1f75d4e1-9457-4eeb-bbd2-6d84dfeec121"},
        "title": "Enterprise", "is_archived": false
    }}));
    assert_eq!(v, "Enterprise");
    assert_eq!(encode::<kind::Select, _>(&v), json!("Enterprise"));
}

// A record type, written by hand as the derive would generate it.
#[derive(Debug, Clone, PartialEq)]
struct Company;

#[derive(Debug, Clone, Default, PartialEq)]
struct CompanyWrite(Values);

impl Write for CompanyWrite {
    type Target = Company;
    fn values(&self) -> &Values {
        &self.0
    }
    fn values_mut(&mut self) -> &mut Values {
        &mut self.0
    }
    fn into_values(self) -> Values {
        self.0
    }
}

impl Record for Company {
    const OBJECT: &'static str = "companies";
}

impl attio_runtime::Model for Company {
    const TARGET: attio_runtime::Target = attio_runtime::Target::Object;
    const SLUG: &'static str = "companies";
    type Write = CompanyWrite;
    fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Company)
    }
    fn to_write(&self) -> CompanyWrite {
        CompanyWrite::default()
    }
}

impl Company {
    const NAME: Attribute<Company, kind::Text> = Attribute::new("name");
    const DOMAINS: Attribute<Company, kind::Domain, Unique> = Attribute::new("domains");
    const EMPLOYEES: Attribute<Company, kind::Number> = Attribute::new("employee_count");
    const FOUNDED: Attribute<Company, kind::Date> = Attribute::new("foundation_date");
    const ARR: Attribute<Company, kind::Currency> = Attribute::new("arr");
    const SCORE: Attribute<Company, kind::Rating> = Attribute::new("score");
    const UPDATED: Attribute<Company, kind::Timestamp> = Attribute::new("updated_at");
    const ACTIVE: Attribute<Company, kind::Checkbox> = Attribute::new("active");
    const TIER: Attribute<Company, kind::Select> = Attribute::new("tier");
    const STAGE: Attribute<Company, kind::Status> = Attribute::new("stage");
    const PARENT: Attribute<Company, kind::RecordReference> = Attribute::new("parent_company");
    const OWNER: Attribute<Company, kind::ActorReference> = Attribute::new("owner");
    const LOCATION: Attribute<Company, kind::Location> = Attribute::new("primary_location");
    const PHONES: Attribute<Company, kind::PhoneNumber> = Attribute::new("phone_numbers");
    const EMAILS: Attribute<Company, kind::EmailAddress> = Attribute::new("email_addresses");
    const CONTACT: Attribute<Company, kind::PersonalName> = Attribute::new("contact_name");
    const LAST_EMAIL: Attribute<Company, kind::Interaction> =
        Attribute::new("last_email_interaction");
}

#[test]
fn record_reference() {
    let fields = json!({"target_object": "companies", "target_record_id": RECORD_ID});
    let any: RecordRef<AnyObject> = decode::<kind::RecordReference, _>(fields.clone());
    assert_eq!(any.target_object(), "companies");
    assert_eq!(any.record_id().map(RecordId::as_str), Some(RECORD_ID));
    assert_eq!(encode::<kind::RecordReference, _>(&any), fields);

    let typed: RecordRef<Company> = decode::<kind::RecordReference, _>(fields.clone());
    assert_eq!(typed, RecordRef::new(RecordId::new(RECORD_ID).unwrap()));
    assert_eq!(encode::<kind::RecordReference, _>(&typed), fields);

    let err = decode_err::<kind::RecordReference, RecordRef<Company>>(
        json!({"target_object": "people", "target_record_id": RECORD_ID}),
    );
    assert_eq!(err.path, "target_object");
    assert!(err.message.contains("`companies`"), "{err}");

    // By a unique attribute of the target (§5.3).
    let by_domain =
        RecordRef::<Company>::matching(Company::DOMAINS, &Domain::new("acme.com").unwrap());
    assert_eq!(
        encode::<kind::RecordReference, _>(&by_domain),
        json!({"target_object": "companies", "domains": [{"domain": "acme.com"}]})
    );
}

#[test]
fn actor_reference() {
    let v: ActorRef = decode::<kind::ActorReference, _>(
        json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID}),
    );
    assert_eq!(v.actor_type(), Some(ActorType::WorkspaceMember));
    assert_eq!(v.id(), Some(MEMBER_ID));
    assert_eq!(
        encode::<kind::ActorReference, _>(&v),
        json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID})
    );
    assert_eq!(v, ActorRef::workspace_member(MEMBER_ID).unwrap());

    let system: ActorRef = decode::<kind::ActorReference, _>(
        json!({"referenced_actor_type": "system", "referenced_actor_id": null}),
    );
    assert_eq!(system.actor_type(), Some(ActorType::System));
    assert_eq!(system.id(), None);

    let by_email = ActorRef::workspace_member_email(EmailAddress::new("ada@acme.com").unwrap());
    assert_eq!(
        encode::<kind::ActorReference, _>(&by_email),
        json!({"workspace_member_email_address": "ada@acme.com"})
    );
}

#[test]
fn location() {
    let fields = json!({
        "line_1": "1 Main St", "line_2": null, "line_3": null, "line_4": null,
        "locality": "Springfield", "region": "IL", "postcode": "62701", "country_code": "US",
        "latitude": "39.7817", "longitude": "-89.6501"
    });
    let v: Location = decode::<kind::Location, _>(fields.clone());
    assert_eq!(v.locality(), Some("Springfield"));
    assert_eq!(v.latitude(), Some("39.7817"));
    assert_eq!(encode::<kind::Location, _>(&v), fields);
    let built = Location::new()
        .with_line_1("1 Main St")
        .with_locality("Springfield")
        .with_region("IL")
        .with_postcode("62701")
        .with_country_code("us")
        .and_then(|l| l.with_coordinates("39.7817", "-89.6501"))
        .unwrap();
    assert_eq!(built, v);
    assert!(Location::new().with_coordinates("90.1", "0").is_err());
    assert!(Location::new().with_coordinates("0", "180.5").is_err());
}

#[test]
fn domain() {
    let v: Domain =
        decode::<kind::Domain, _>(json!({"domain": "app.acme.com", "root_domain": "acme.com"}));
    assert_eq!(v.as_str(), "app.acme.com");
    assert_eq!(v.root_domain(), Some("acme.com"));
    assert_eq!(
        encode::<kind::Domain, _>(&v),
        json!({"domain": "app.acme.com"})
    );
    let built = Domain::new("https://APP.acme.com/pricing?utm=x").unwrap();
    assert_eq!(built, v);
    assert_eq!(
        encode::<kind::Domain, _>(&built),
        json!({"domain": "app.acme.com"})
    );
}

#[test]
fn email_address() {
    let v: EmailAddress = decode::<kind::EmailAddress, _>(json!({
        "original_email_address": "Ada@Acme.com", "email_address": "ada@acme.com",
        "email_domain": "acme.com", "email_root_domain": "acme.com", "email_local_specifier": "ada"
    }));
    assert_eq!(v.as_str(), "ada@acme.com");
    assert_eq!(v.original(), "Ada@Acme.com");
    assert_eq!(v.domain(), "acme.com");
    assert_eq!(v.root_domain(), Some("acme.com"));
    assert_eq!(v.local_specifier(), Some("ada"));
    assert_eq!(
        encode::<kind::EmailAddress, _>(&v),
        json!({"email_address": "Ada@Acme.com"})
    );
    assert_eq!(v, EmailAddress::new("ada@ACME.com").unwrap());
    assert!(EmailAddress::new("ada@acme.test").is_err());
    assert!(EmailAddress::new("not an email").is_err());
}

#[test]
fn phone_number() {
    let v: PhoneNumber = decode::<kind::PhoneNumber, _>(json!({
        "original_phone_number": "07700900123", "country_code": "GB", "phone_number": "+447700900123"
    }));
    assert_eq!(v.e164(), Some("+447700900123"));
    assert_eq!(v.country_code(), Some("GB"));
    assert_eq!(
        encode::<kind::PhoneNumber, _>(&v),
        json!({"original_phone_number": "07700900123", "country_code": "GB"})
    );
    // The docs page's older field name.
    let old: PhoneNumber = decode::<kind::PhoneNumber, _>(json!({
        "original_phone_number": "+447700900123", "country_code": "GB", "normalized_phone_number": "+447700900123"
    }));
    assert_eq!(old, v);
    let intl = PhoneNumber::new("+15558675309").unwrap();
    assert_eq!(
        encode::<kind::PhoneNumber, _>(&intl),
        json!({"original_phone_number": "+15558675309", "country_code": null})
    );
    let national = PhoneNumber::national("07700900123", "GB").unwrap();
    assert_eq!(
        encode::<kind::PhoneNumber, _>(&national),
        json!({"original_phone_number": "07700900123", "country_code": "GB"})
    );
    assert!(PhoneNumber::new("5558675309").is_err());
}

#[test]
fn interaction() {
    let fields = json!({
        "interaction_type": "calendar-event",
        "interacted_at": "2025-04-19T00:46:57.041000000Z",
        "owner_actor": {"type": "workspace-member", "id": MEMBER_ID}
    });
    let v: Interaction = decode::<kind::Interaction, _>(fields.clone());
    assert_eq!(v.interaction_type, InteractionType::CalendarEvent);
    assert_eq!(v.interacted_at.timestamp_subsec_millis(), 41);
    assert_eq!(
        v.owner_actor.as_ref().and_then(|a| a.id.as_deref()),
        Some(MEMBER_ID)
    );
    // Read-only: the encoding reproduces the output shape, never a write.
    assert_eq!(encode::<kind::Interaction, _>(&v), fields);
}

#[test]
fn personal_name() {
    let fields = json!({"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"});
    let v: PersonalName = decode::<kind::PersonalName, _>(fields.clone());
    assert_eq!(v, PersonalName::new("Ada", "Lovelace"));
    assert_eq!(encode::<kind::PersonalName, _>(&v), fields);
}

#[test]
fn raw_json_holds_anything() {
    let value = output("text", json!({"value": "Acme"}));
    let v = <Value as AttributeValue<kind::Unknown>>::decode(&value).unwrap();
    assert_eq!(v, value);
}

// ── filters (§6.2) ──────────────────────────────────────────────────────

#[test]
fn text_filters() {
    assert_eq!(
        Company::NAME.eq("Acme").to_json(),
        json!({"name": {"$eq": "Acme"}})
    );
    assert_eq!(
        Company::NAME.is_in(["Acme", "Globex"]).to_json(),
        json!({"name": {"$in": ["Acme", "Globex"]}})
    );
    assert_eq!(
        Company::NAME.contains("acm").to_json(),
        json!({"name": {"$contains": "acm"}})
    );
    assert_eq!(
        Company::NAME.starts_with("Ac").to_json(),
        json!({"name": {"$starts_with": "Ac"}})
    );
    assert_eq!(
        Company::NAME.ends_with("me").to_json(),
        json!({"name": {"$ends_with": "me"}})
    );
}

#[test]
fn comparison_filters() {
    assert_eq!(
        Company::EMPLOYEES.eq(10).to_json(),
        json!({"employee_count": {"$eq": 10}})
    );
    assert_eq!(
        Company::EMPLOYEES.gt(10).to_json(),
        json!({"employee_count": {"$gt": 10}})
    );
    assert_eq!(
        Company::EMPLOYEES.gte(2.5).to_json(),
        json!({"employee_count": {"$gte": 2.5}})
    );
    assert_eq!(
        Company::EMPLOYEES.lt(100).to_json(),
        json!({"employee_count": {"$lt": 100}})
    );
    assert_eq!(
        Company::EMPLOYEES.lte(100).to_json(),
        json!({"employee_count": {"$lte": 100}})
    );
    assert_eq!(
        Company::ARR.gte(Decimal::new(1_000_050, 2)).to_json(),
        json!({"arr": {"$gte": 10000.5}})
    );
    assert_eq!(
        Company::ARR.lt(10_000).to_json(),
        json!({"arr": {"$lt": 10000}})
    );
    let day = NaiveDate::from_ymd_opt(2020, 1, 31).unwrap();
    assert_eq!(
        Company::FOUNDED.lt(day).to_json(),
        json!({"foundation_date": {"$lt": "2020-01-31"}})
    );
    let at = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        Company::UPDATED.gte(at).to_json(),
        json!({"updated_at": {"$gte": "2025-01-01T00:00:00.000000000Z"}})
    );
    assert_eq!(
        Company::SCORE.gte(Rating::new(3).unwrap()).to_json(),
        json!({"score": {"$gte": 3}})
    );
    assert_eq!(Company::SCORE.eq(5).to_json(), json!({"score": {"$eq": 5}}));
    assert_eq!(
        Company::EMPLOYEES.between(100, 200).to_json(),
        json!({"employee_count": {"$gte": 100, "$lte": 200}})
    );
}

#[test]
fn equality_filters() {
    assert_eq!(
        Company::ACTIVE.eq(true).to_json(),
        json!({"active": {"$eq": true}})
    );
    assert_eq!(
        Company::TIER.eq("Enterprise").to_json(),
        json!({"tier": {"$eq": "Enterprise"}})
    );
    assert_eq!(
        Company::STAGE
            .one_of(["Won", "Lost".to_owned().as_str()])
            .to_json(),
        json!({"$or": [{"stage": {"$eq": "Won"}}, {"stage": {"$eq": "Lost"}}]})
    );
    let id = RecordId::new(RECORD_ID).unwrap();
    assert_eq!(
        Company::PARENT
            .eq(RecordRef::<Company>::new(id.clone()))
            .to_json(),
        json!({"parent_company": {"target_object": "companies", "target_record_id": RECORD_ID}})
    );
    assert_eq!(
        Company::PARENT.eq(&id).to_json(),
        json!({"parent_company": {"target_record_id": {"$eq": RECORD_ID}}})
    );
    assert_eq!(
        Company::PARENT.is_in([&id]).to_json(),
        json!({"parent_company": {"target_record_id": {"$in": [RECORD_ID]}}})
    );
    assert_eq!(
        Company::OWNER.eq_workspace_member(MEMBER_ID).to_json(),
        json!({"owner": {"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID}})
    );
    assert_eq!(
        Filter::<Company>::record_id_in([&id]).to_json(),
        json!({"record_id": {"$in": [RECORD_ID]}})
    );
}

#[test]
fn property_filters() {
    let email = EmailAddress::new("Ada@Acme.com").unwrap();
    assert_eq!(
        Company::EMAILS.eq(&email).to_json(),
        json!({"email_addresses": {"$eq": "ada@acme.com"}})
    );
    assert_eq!(
        Company::EMAILS.email_domain().eq("acme.com").to_json(),
        json!({"email_addresses": {"email_domain": {"$eq": "acme.com"}}})
    );
    assert_eq!(
        Company::DOMAINS.root_domain().not_empty().to_json(),
        json!({"domains": {"root_domain": {"$not_empty": true}}})
    );
    assert_eq!(
        Company::DOMAINS.not_empty().to_json(),
        json!({"domains": {"$not_empty": true}})
    );
    assert_eq!(
        Company::DOMAINS
            .eq(&Domain::new("acme.com").unwrap())
            .to_json(),
        json!({"domains": {"$eq": "acme.com"}})
    );
    assert_eq!(
        Company::PHONES.phone_number().starts_with("+44").to_json(),
        json!({"phone_numbers": {"phone_number": {"$starts_with": "+44"}}})
    );
    assert_eq!(
        Company::PHONES.country_code().not_empty().to_json(),
        json!({"phone_numbers": {"country_code": {"$not_empty": true}}})
    );
    assert_eq!(
        Company::CONTACT.last_name().contains("love").to_json(),
        json!({"contact_name": {"last_name": {"$contains": "love"}}})
    );
    assert_eq!(
        Company::CONTACT.eq("Ada Lovelace").to_json(),
        json!({"contact_name": {"$eq": "Ada Lovelace"}})
    );
    assert_eq!(
        Company::LOCATION.country_code().starts_with("G").to_json(),
        json!({"primary_location": {"country_code": {"$starts_with": "G"}}})
    );
    assert_eq!(
        Company::LOCATION.locality().eq("London").to_json(),
        json!({"primary_location": {"locality": {"$eq": "London"}}})
    );
    assert_eq!(
        Company::LAST_EMAIL.interaction_type().eq("email").to_json(),
        json!({"last_email_interaction": {"interaction_type": {"$eq": "email"}}})
    );
}

#[test]
fn combinators_and_query() {
    let f =
        Company::NAME.contains("Acme") & (Company::TIER.eq("Gold") | !Company::ACTIVE.eq(false));
    assert_eq!(
        f.to_json(),
        json!({"$and": [
            {"name": {"$contains": "Acme"}},
            {"$or": [{"tier": {"$eq": "Gold"}}, {"$not": {"active": {"$eq": false}}}]}
        ]})
    );
    assert_eq!(
        Filter::or([Company::NAME.eq("a"), Company::NAME.eq("b")]).to_json(),
        json!({"$or": [{"name": {"$eq": "a"}}, {"name": {"$eq": "b"}}]})
    );
    assert_eq!(
        Filter::not(Company::NAME.eq("a")).to_json(),
        json!({"$not": {"name": {"$eq": "a"}}})
    );
    let q = Query::new()
        .filter(Filter::and([
            Company::EMPLOYEES.gte(10),
            Company::ACTIVE.eq(true),
        ]))
        .sort(Company::CONTACT.last_name().asc())
        .sort(Company::NAME.desc())
        .limit(100)
        .offset(200);
    assert_eq!(
        attio_runtime::serde_json::to_value(&q).unwrap(),
        json!({
            "filter": {"$and": [{"employee_count": {"$gte": 10}}, {"active": {"$eq": true}}]},
            "sorts": [
                {"direction": "asc", "attribute": "contact_name", "field": "last_name"},
                {"direction": "desc", "attribute": "name"}
            ],
            "limit": 100,
            "offset": 200
        })
    );
}

// ── write bodies (§6.1, §6.3, §7.2) ─────────────────────────────────────

#[test]
fn write_bodies() {
    let mut write = CompanyWrite::default();
    write
        .values_mut()
        .set::<kind::Text, String>("name", &"Acme".to_owned());
    let domains = [Domain::new("acme.com").unwrap()];
    write
        .values_mut()
        .set_many::<kind::Domain, _>("domains", &domains);
    write
        .values_mut()
        .set::<kind::Currency, _>("arr", &Currency::parse("1200.5").unwrap());
    assert_eq!(
        request::create_body(write.values()),
        json!({"data": {"values": {
            "name": ["Acme"],
            "domains": [{"domain": "acme.com"}],
            "arr": [{"currency_value": 1200.5}]
        }}})
    );
    let assert = Assert::new(Company::DOMAINS, write);
    assert_eq!(assert.matching_attribute(), "domains");
    assert_eq!(
        assert.path(),
        "/v2/objects/companies/records?matching_attribute=domains"
    );
    assert!(assert.check().is_ok());
}

struct Pipeline;

#[derive(Debug, Clone, Default)]
struct PipelineWrite(Values);

impl Write for PipelineWrite {
    type Target = Pipeline;
    fn values(&self) -> &Values {
        &self.0
    }
    fn values_mut(&mut self) -> &mut Values {
        &mut self.0
    }
    fn into_values(self) -> Values {
        self.0
    }
}

impl attio_runtime::Entry for Pipeline {
    const LIST: &'static str = "enterprise_pipeline";
    const PARENT_OBJECTS: &'static [&'static str] = &["companies"];
}

impl attio_runtime::Model for Pipeline {
    const TARGET: attio_runtime::Target = attio_runtime::Target::List;
    const SLUG: &'static str = "enterprise_pipeline";
    type Write = PipelineWrite;
    fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Pipeline)
    }
    fn to_write(&self) -> PipelineWrite {
        PipelineWrite::default()
    }
}

#[test]
fn entry_bodies() {
    let mut write = PipelineWrite::default();
    write
        .values_mut()
        .set::<kind::Status, String>("stage", &"In Progress".to_owned());
    let parent = RecordRef::<Company>::new(RecordId::new(RECORD_ID).unwrap());
    let entry = EntryCreate::<Pipeline>::new(&parent, write).unwrap();
    assert_eq!(entry.path(), "/v2/lists/enterprise_pipeline/entries");
    assert_eq!(
        entry.body(),
        json!({"data": {
            "parent_record_id": RECORD_ID,
            "parent_object": "companies",
            "entry_values": {"stage": ["In Progress"]}
        }})
    );
    let person = RecordRef::to_object("people", RecordId::new(RECORD_ID).unwrap());
    assert!(EntryCreate::<Pipeline>::new(&person, PipelineWrite::default()).is_err());
}
