use serde_json::{json, Map, Value};

use attio_schema::{Attribute, AttributeId, AttributeType};

use super::form::Issues;
use super::location::LOCATION_KEYS;
use super::normalize::normalize_plain;
use super::payload::Payload;

fn attr(t: &str) -> Attribute {
    let id = AttributeId {
        workspace_id: "w".into(),
        object_id: "o".into(),
        attribute_id: "a".into(),
    };
    let mut attribute = Attribute::new(id, "t", "T", AttributeType::parse(t));
    attribute.config.currency.default_currency_code = Some("EUR".into());
    attribute
}

fn norm(t: &str, raw: Value) -> Result<Map<String, Value>, Issues> {
    match normalize_plain(&attr(t), &raw).unwrap() {
        Ok(Payload::Fields(f)) => Ok(f),
        Ok(other) => panic!("unexpected payload {other:?}"),
        Err(e) => Err(e),
    }
}

#[test]
fn emails_are_lower_cased_and_split() {
    let f = norm("email-address", json!("Ada.Lovelace@Mail.Acme.co.uk")).unwrap();
    assert_eq!(f["original_email_address"], "Ada.Lovelace@Mail.Acme.co.uk");
    assert_eq!(f["email_address"], "ada.lovelace@mail.acme.co.uk");
    assert_eq!(f["email_domain"], "mail.acme.co.uk");
    assert_eq!(f["email_root_domain"], "acme.co.uk");
    assert_eq!(f["email_local_specifier"], "ada.lovelace");
    assert!(norm("email-address", json!({"email_address": "ada@acme.com"})).is_ok());
}

#[test]
fn bad_and_reserved_emails_are_rejected() {
    for bad in [
        "ada",
        "ada@",
        "@acme.com",
        "ada@acme",
        "ada@acme.test",
        "a..b@acme.com",
        "ada@-x.com",
    ] {
        assert!(norm("email-address", json!(bad)).is_err(), "{bad}");
    }
}

#[test]
fn domains_are_stripped_to_the_host() {
    let f = norm("domain", json!("https://App.Acme.com:8080/path?q=1")).unwrap();
    assert_eq!(f["domain"], "app.acme.com");
    assert_eq!(f["root_domain"], "acme.com");
    let f = norm("domain", json!({"domain": "shop.example.co.uk"})).unwrap();
    assert_eq!(f["root_domain"], "example.co.uk");
    assert!(norm("domain", json!("not a domain")).is_err());
}

#[test]
fn phones_become_e164_with_a_country() {
    let f = norm("phone-number", json!("+1 (555) 867-5309")).unwrap();
    assert_eq!(f["phone_number"], "+15558675309");
    assert_eq!(f["country_code"], "US");
    let f = norm(
        "phone-number",
        json!({"original_phone_number": "07700 900123", "country_code": "GB"}),
    )
    .unwrap();
    assert_eq!(f["phone_number"], "+447700900123");
    assert_eq!(f["original_phone_number"], "07700 900123");
    assert!(norm("phone-number", json!("5558675309")).is_err());
    assert!(norm("phone-number", json!("+1555")).is_err());
    assert!(norm("phone-number", json!("+1 555 867 530x")).is_err());
}

#[test]
fn phones_and_domains_follow_the_world_s_rules_as_the_runtime_does() {
    use attio_runtime_free::*;
    for (input, country, e164, region) in [
        ("+49 (0)421 6960-4417", None, "+4942169604417", "DE"),
        ("(415) 555-0132", Some("US"), "+14155550132", "US"),
        ("01 42 68 53 00", Some("FR"), "+33142685300", "FR"),
        ("+65 6123 4567", None, "+6561234567", "SG"),
    ] {
        let f = norm("phone-number", phone(input, country)).unwrap();
        assert_eq!(
            (f["phone_number"].as_str(), f["country_code"].as_str()),
            (Some(e164), Some(region)),
            "{input}"
        );
    }
    // Suffixes no hand-written table had: the public suffix list's.
    for (host, root) in [
        ("www.city.kawasaki.jp", "city.kawasaki.jp"),
        ("shop.acme.com.ar", "acme.com.ar"),
        ("docs.acme.gitlab.io", "acme.gitlab.io"),
    ] {
        assert_eq!(
            norm("domain", json!(host)).unwrap()["root_domain"],
            root,
            "{host}"
        );
    }
}

/// Phone values as a form would post them.
mod attio_runtime_free {
    use serde_json::{json, Value};

    pub(super) fn phone(input: &str, country: Option<&str>) -> Value {
        json!({"original_phone_number": input, "country_code": country})
    }
}

#[test]
fn ratings_are_integers_from_zero_to_five() {
    assert_eq!(norm("rating", json!(5)).unwrap()["value"], 5);
    assert!(norm("rating", json!(6)).is_err());
    assert!(norm("rating", json!(2.5)).is_err());
    assert!(norm("rating", json!(-1)).is_err());
}

#[test]
fn numbers_accept_numeric_strings_and_limit_decimals() {
    assert_eq!(norm("number", json!("42")).unwrap()["value"], 42);
    assert_eq!(norm("number", json!(3.25)).unwrap()["value"], 3.25);
    assert!(norm("number", json!(1.23456)).is_err());
    assert!(norm("number", json!("x")).is_err());
}

#[test]
fn currency_takes_its_code_from_config() {
    let f = norm("currency", json!("4.99")).unwrap();
    assert_eq!(f["currency_value"], 4.99);
    assert_eq!(f["currency_code"], "EUR");
    assert!(norm(
        "currency",
        json!({"currency_value": 1, "currency_code": "USD"})
    )
    .is_err());
}

#[test]
fn checkboxes_accept_boolean_strings() {
    assert_eq!(norm("checkbox", json!("true")).unwrap()["value"], true);
    assert_eq!(
        norm("checkbox", json!({"value": false})).unwrap()["value"],
        false
    );
    assert!(norm("checkbox", json!("yes")).is_err());
}

#[test]
fn dates_and_timestamps_are_normalised() {
    assert_eq!(norm("date", json!("2023")).unwrap()["value"], "2023-01-01");
    assert_eq!(
        norm("timestamp", json!({"value": "2023-01-02T12:00:00+01:00"})).unwrap()["value"],
        "2023-01-02T11:00:00.000000000Z"
    );
    assert!(norm("date", json!("02/01/2023")).is_err());
}

#[test]
fn personal_names_need_all_three_parts() {
    let f = norm("personal-name", json!("Lovelace, Ada")).unwrap();
    assert_eq!(f["first_name"], "Ada");
    assert_eq!(f["last_name"], "Lovelace");
    assert_eq!(f["full_name"], "Ada Lovelace");
    let issues = norm("personal-name", json!({"first_name": "Ada"})).unwrap_err();
    let paths: Vec<_> = issues.iter().map(|i| i.path.clone()).collect();
    assert_eq!(
        paths,
        vec![vec![json!("last_name")], vec![json!("full_name")]]
    );
}

#[test]
fn locations_need_all_ten_keys_and_valid_coordinates() {
    let mut full: Map<String, Value> = LOCATION_KEYS
        .iter()
        .map(|k| ((*k).into(), Value::Null))
        .collect();
    full.insert("latitude".into(), json!("51.5"));
    full.insert("longitude".into(), json!("-0.12"));
    assert!(norm("location", Value::Object(full.clone())).is_ok());
    full.insert("latitude".into(), json!("91"));
    assert!(norm("location", Value::Object(full.clone())).is_err());
    full.remove("line_4");
    full.insert("latitude".into(), json!("1"));
    assert!(norm("location", Value::Object(full)).is_err());
    let f = norm("location", json!("1 Main St, Springfield, IL, 62701, US")).unwrap();
    assert_eq!(f["line_1"], "1 Main St");
    assert_eq!(f["locality"], "Springfield");
    assert_eq!(f["region"], "IL");
    assert_eq!(f["postcode"], "62701");
    assert_eq!(f["country_code"], "US");
}

#[test]
fn match_keys_compare_normalised_values() {
    let a = normalize_plain(&attr("email-address"), &json!("ADA@acme.com"))
        .unwrap()
        .unwrap();
    let b = normalize_plain(&attr("email-address"), &json!("ada@ACME.com"))
        .unwrap()
        .unwrap();
    assert_eq!(a.match_key(), b.match_key());
    let x = normalize_plain(&attr("number"), &json!(1))
        .unwrap()
        .unwrap();
    let y = normalize_plain(&attr("number"), &json!("1.0"))
        .unwrap()
        .unwrap();
    assert_eq!(x.match_key(), y.match_key());
}
