//! Each attribute type's output value decoded, and its write encoded.

use super::*;

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

    // By a unique attribute of the target
    // (https://docs.attio.com/rest-api/guides/linking-referenced-records).
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
