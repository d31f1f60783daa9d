//! Which inputs each value type's decoder accepts and which it refuses, on
//! Attio-shaped outputs and on broken ones, read from JSON text as the
//! client reads them.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};

use crate::kind::{self, Kind};
use crate::value::*;

const RECORD_ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";
const MEMBER_ID: &str = "67561dce-429b-4dc9-8b79-e0c42416a530";

/// `fields` with the metadata Attio puts on every output value.
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
    match fields {
        Value::Object(fields) => value.extend(fields),
        other => return other,
    }
    value.insert("attribute_type".into(), json!(attribute_type));
    Value::Object(value)
}

/// Reads `value`'s JSON text through the decoder; panics on a deserializer
/// error, which well-formed JSON never is. Returns whether the value decoded.
fn reads<K: Kind, T: AttributeValue<K>>(value: &Value) -> bool {
    let text = value.to_string();
    let mut de = serde_json::Deserializer::from_str(&text);
    T::deserialize_checked(&mut de)
        .unwrap_or_else(|e| panic!("{}: well-formed JSON was refused: {e}\n{text}", K::NAME))
        .is_ok()
}

/// Each case through the decoder, checking which ones decode.
fn cases<K: Kind, T: AttributeValue<K>>(good: &[Value], bad: &[Value]) {
    for v in good {
        assert!(reads::<K, T>(&output(K::NAME, v.clone())), "{v}");
    }
    for v in bad {
        assert!(!reads::<K, T>(&output(K::NAME, v.clone())), "{v}");
    }
}

/// What is not an object, for every type.
fn non_objects() -> Vec<Value> {
    vec![
        json!(null),
        json!(1),
        json!("x"),
        json!(true),
        json!([]),
        json!([{"value": "x"}]),
    ]
}

#[test]
fn text() {
    let mut bad = vec![json!({}), json!({"value": 42}), json!({"value": null})];
    bad.extend(non_objects());
    cases::<kind::Text, String>(
        &[
            json!({"value": "Acme"}),
            json!({"value": "esc\"aped \u{e9}"}),
        ],
        &bad,
    );
}

#[test]
fn numbers_and_checkboxes() {
    let good = [
        json!({"value": 42.5}),
        json!({"value": 42}),
        json!({"value": -7}),
        json!({"value": 1e300}),
        json!({"value": u64::MAX}),
    ];
    let bad = [json!({"value": "42"}), json!({"value": null}), json!({})];
    cases::<kind::Number, f64>(&good, &bad);
    cases::<kind::Number, i64>(
        &[
            json!({"value": 42}),
            json!({"value": 42.0}),
            json!({"value": -3}),
        ],
        &[
            json!({"value": 42.5}),
            json!({"value": u64::MAX}),
            json!({"value": "1"}),
        ],
    );
    cases::<kind::Checkbox, bool>(
        &[json!({"value": true}), json!({"value": false})],
        &[json!({"value": "true"}), json!({"value": 1}), json!(null)],
    );
}

#[test]
fn currency() {
    cases::<kind::Currency, Currency>(
        &[
            json!({"currency_value": 4.99, "currency_code": "USD"}),
            json!({"currency_value": 0.3, "currency_code": "usd"}),
            json!({"currency_value": "1234.5678", "currency_code": null}),
            json!({"currency_value": 10000}),
            json!({"currency_value": 1e-3}),
        ],
        &[
            json!({"currency_value": true}),
            json!({"currency_value": null, "currency_code": "USD"}),
            json!({"currency_code": "USD"}),
            json!({"currency_value": 1, "currency_code": "DOLLARS"}),
            json!({"currency_value": 1, "currency_code": 840}),
            json!({"currency_value": "four"}),
            json!("4.99"),
        ],
    );
}

#[test]
fn dates_and_timestamps() {
    cases::<kind::Date, NaiveDate>(
        &[
            json!({"value": "2023-01-02"}),
            json!({"value": "2023-01-02T23:00:00-10:00"}),
        ],
        &[
            json!({"value": "2023-02-30"}),
            json!({"value": 20230102}),
            json!({"value": "yesterday"}),
            json!({}),
        ],
    );
    cases::<kind::Timestamp, DateTime<Utc>>(
        &[
            json!({"value": "2023-01-02T11:00:00.000000000Z"}),
            json!({"value": "2023-01-02T12:00:00+01:00"}),
        ],
        &[
            json!({"value": "2023-01-02"}),
            json!({"value": "10000-01-01T00:00:00Z"}),
            json!({"value": null}),
        ],
    );
}

#[test]
fn ratings() {
    cases::<kind::Rating, Rating>(
        &[json!({"value": 0}), json!({"value": 5})],
        &[
            json!({"value": 6}),
            json!({"value": -1}),
            json!({"value": 2.5}),
            json!({"value": "3"}),
        ],
    );
}

#[test]
fn selects_and_statuses() {
    let option = json!({"option": {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "x"},
                                   "title": "Enterprise", "is_archived": false}});
    cases::<kind::Select, String>(
        &[option],
        &[
            json!({"option": {"title": null}}),
            json!({"option": "Enterprise"}),
            json!({"option": {}}),
            json!({"status": {"title": "In Progress"}}),
        ],
    );
    let status = json!({"status": {"id": {"status_id": "s"}, "title": "In Progress", "is_archived": false,
                                   "target_time_in_status": null, "celebration_enabled": false}});
    cases::<kind::Status, String>(
        &[status],
        &[
            json!({"status": {"title": 3}}),
            json!({"status": null}),
            json!({"option": {"title": "In Progress"}}),
        ],
    );
}

#[test]
fn record_and_actor_references() {
    let reference = json!({"target_object": "companies", "target_record_id": RECORD_ID});
    let bad = [
        json!({"target_object": "companies", "target_record_id": "x"}),
        json!({"target_object": "companies"}),
        json!({"target_record_id": RECORD_ID}),
        json!({"target_object": 1, "target_record_id": RECORD_ID}),
    ];
    cases::<kind::RecordReference, RecordRef>(std::slice::from_ref(&reference), &bad);
    cases::<kind::RecordReference, RecordRef<AnyObject>>(
        &[json!({"target_object": "companies", "target_record_id": RECORD_ID.to_uppercase()})],
        &[],
    );
    cases::<kind::ActorReference, ActorRef>(
        &[
            json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID}),
            json!({"referenced_actor_type": "system", "referenced_actor_id": null}),
            json!({"referenced_actor_type": "api-token"}),
            // An actor type newer than this crate (the tolerant reader).
            json!({"referenced_actor_type": "robot", "referenced_actor_id": null}),
        ],
        &[
            json!({"referenced_actor_id": MEMBER_ID}),
            json!({"referenced_actor_type": "app", "referenced_actor_id": 7}),
        ],
    );
}

#[test]
fn domains_emails_and_phones() {
    cases::<kind::Domain, Domain>(
        &[
            json!({"domain": "app.acme.com", "root_domain": "acme.com"}),
            json!({"domain": "acme.com", "root_domain": null}),
        ],
        &[
            json!({"root_domain": "acme.com"}),
            json!({"domain": "acme.com", "root_domain": 1}),
        ],
    );
    cases::<kind::EmailAddress, EmailAddress>(
        &[
            json!({"original_email_address": "Ada@Acme.com", "email_address": "ada@acme.com",
                   "email_domain": "acme.com", "email_root_domain": "acme.com", "email_local_specifier": "ada"}),
            json!({"email_address": "ada@acme.com"}),
            json!({"email_address": "no-at-sign", "email_domain": null}),
        ],
        &[
            json!({"original_email_address": "Ada@Acme.com"}),
            json!({"email_address": "ada@acme.com", "email_domain": false}),
            json!({"email_address": "ada@acme.com", "email_local_specifier": []}),
        ],
    );
    cases::<kind::PhoneNumber, PhoneNumber>(
        &[
            json!({"original_phone_number": "+15558675309", "country_code": "US", "phone_number": "+15558675309"}),
            json!({"original_phone_number": "07700 900123", "country_code": "GB", "normalized_phone_number": "+447700900123"}),
            json!({"phone_number": "+15558675309"}),
            json!({"original_phone_number": "+15558675309", "phone_number": null}),
        ],
        &[
            json!({}),
            json!({"country_code": "US"}),
            json!({"phone_number": 15558675309u64}),
            json!({"original_phone_number": "+1", "country_code": 1}),
        ],
    );
}

#[test]
fn names_locations_and_interactions() {
    cases::<kind::PersonalName, PersonalName>(
        &[
            json!({"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}),
            json!({"first_name": "Ada", "last_name": null, "full_name": "Ada"}),
            json!({}),
        ],
        &[
            json!({"first_name": 1}),
            json!(null),
            json!("Ada"),
            json!([]),
        ],
    );
    cases::<kind::Location, Location>(
        &[
            json!({"line_1": "1 Main St", "line_2": null, "line_3": null, "line_4": null,
                   "locality": "Springfield", "region": "IL", "postcode": "62701",
                   "country_code": "US", "latitude": "39.7817", "longitude": "-89.6501"}),
            json!({"latitude": 39.78, "longitude": -89}),
        ],
        &[
            json!({"locality": 5}),
            json!({"line_1": {}}),
            json!("1 Main St"),
        ],
    );
    cases::<kind::Interaction, Interaction>(
        &[
            json!({"interaction_type": "email", "interacted_at": "2025-04-19T00:46:57.041000000Z",
                   "owner_actor": {"type": "workspace-member", "id": MEMBER_ID}}),
            json!({"interaction_type": "fax", "interacted_at": "2025-04-19T00:46:57Z", "owner_actor": null}),
            json!({"interaction_type": "activity", "interacted_at": "2026-10-01T09:00:00Z", "owner_actor": null}),
            // An actor type newer than this crate (the tolerant reader).
            json!({"interaction_type": "email", "interacted_at": "2025-04-19T00:46:57Z", "owner_actor": {"type": "ghost"}}),
        ],
        &[
            json!({"interaction_type": "email", "interacted_at": "yesterday"}),
            json!({"interaction_type": "email", "interacted_at": "2025-04-19T00:46:57Z", "owner_actor": {"id": MEMBER_ID}}),
            json!({"interaction_type": "email", "interacted_at": "2025-04-19T00:46:57Z", "owner_actor": "me"}),
            json!({"interacted_at": "2025-04-19T00:46:57Z"}),
        ],
    );
}

#[test]
fn malformed_json_is_the_deserializer_error() {
    let mut de = serde_json::Deserializer::from_str(r#"{"value": "Acme""#);
    assert!(<String as AttributeValue<kind::Text>>::deserialize_checked(&mut de).is_err());
}
