//! Property tests: constructors and decoders never panic on any input, and
//! what is encoded decodes back to an equal value.

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::ids::RecordId;
use crate::kind;
use crate::value::*;

/// Wraps an encoded write element the way Attio echoes it in a read.
fn as_output(encoded: Value, attribute_type: &str) -> Value {
    let mut value = match encoded {
        Value::Object(map) => map,
        other => {
            let mut map = serde_json::Map::new();
            map.insert("value".into(), other);
            map
        }
    };
    value.insert("attribute_type".into(), json!(attribute_type));
    Value::Object(value)
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("value".to_owned()),
                    Just("currency_value".to_owned()),
                    Just("target_object".to_owned()),
                    Just("target_record_id".to_owned()),
                    Just("email_address".to_owned()),
                    Just("domain".to_owned()),
                    Just("interacted_at".to_owned()),
                    Just("latitude".to_owned()),
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn constructors_never_panic(s in "\\PC{0,40}") {
        let _ = EmailAddress::new(&s);
        let _ = Domain::new(&s);
        let _ = PhoneNumber::new(&s);
        let _ = PhoneNumber::national(&s, &s);
        let _ = Currency::parse(&s);
        let _ = CurrencyCode::new(&s);
        let _ = RecordId::new(&s);
        let _ = ActorRef::workspace_member(&s);
        let _ = parse_date(&s);
        let _ = parse_timestamp(&s);
        let _ = Location::new().with_coordinates(&s, &s);
        let _ = Location::new().with_country_code(&s);
    }

    #[test]
    fn decoders_never_panic(v in any_json()) {
        let _ = <f64 as AttributeValue<kind::Number>>::decode(&v);
        let _ = <i64 as AttributeValue<kind::Number>>::decode(&v);
        let _ = <Currency as AttributeValue<kind::Currency>>::decode(&v);
        let _ = <NaiveDate as AttributeValue<kind::Date>>::decode(&v);
        let _ = <DateTime<Utc> as AttributeValue<kind::Timestamp>>::decode(&v);
        let _ = <Rating as AttributeValue<kind::Rating>>::decode(&v);
        let _ = <RecordRef as AttributeValue<kind::RecordReference>>::decode(&v);
        let _ = <ActorRef as AttributeValue<kind::ActorReference>>::decode(&v);
        let _ = <Location as AttributeValue<kind::Location>>::decode(&v);
        let _ = <Domain as AttributeValue<kind::Domain>>::decode(&v);
        let _ = <EmailAddress as AttributeValue<kind::EmailAddress>>::decode(&v);
        let _ = <PhoneNumber as AttributeValue<kind::PhoneNumber>>::decode(&v);
        let _ = <Interaction as AttributeValue<kind::Interaction>>::decode(&v);
        let _ = <PersonalName as AttributeValue<kind::PersonalName>>::decode(&v);
    }

    #[test]
    fn currency_round_trips(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, scale in 0u32..=4) {
        let amount = Decimal::new(mantissa, scale);
        let currency = Currency::new(amount).unwrap();
        let encoded = AttributeValue::<kind::Currency>::encode(&currency);
        let decoded = <Currency as AttributeValue<kind::Currency>>::decode(&encoded).unwrap();
        prop_assert_eq!(decoded.amount(), amount.normalize());
    }

    #[test]
    fn dates_round_trip(days in 0i32..3_652_059) {
        let date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Duration::days(i64::from(days));
        let out = as_output(AttributeValue::<kind::Date>::encode(&date), "date");
        prop_assert_eq!(<NaiveDate as AttributeValue<kind::Date>>::decode(&out), Ok(date));
    }

    #[test]
    fn timestamps_round_trip(secs in 0i64..253_402_300_799, nanos in 0u32..1_000_000_000) {
        let at = DateTime::from_timestamp(secs, nanos).unwrap();
        let encoded = AttributeValue::<kind::Timestamp>::encode(&at);
        let text = encoded.as_str().unwrap_or_default();
        prop_assert_eq!(text.len(), 30, "{}", text);
        let out = as_output(encoded, "timestamp");
        prop_assert_eq!(<DateTime<Utc> as AttributeValue<kind::Timestamp>>::decode(&out), Ok(at));
    }

    #[test]
    fn valid_emails_round_trip(local in "[a-zA-Z0-9_+-]{1,20}", host in "[a-z0-9]{1,10}", tld in "(com|io|org|de)") {
        let email = EmailAddress::new(&format!("{local}@{host}.{tld}")).unwrap();
        let mut out = as_output(AttributeValue::<kind::EmailAddress>::encode(&email), "email-address");
        // Attio answers with the normalised address beside the original.
        out["original_email_address"] = json!(email.original());
        out["email_address"] = json!(email.as_str());
        let decoded = <EmailAddress as AttributeValue<kind::EmailAddress>>::decode(&out).unwrap();
        prop_assert_eq!(decoded.original(), email.original());
        prop_assert_eq!(decoded, email);
    }
}
