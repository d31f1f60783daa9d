//! Filters, sorts and queries serialise to Attio's filter JSON.

use chrono::{TimeZone, Utc};
use serde_json::json;

use super::expression::Filter;
use super::query::Query;
use crate::attribute::Attribute;
use crate::ids::RecordId;
use crate::kind;
use crate::value::{AnyObject, RecordRef};

struct Person;
const NAME: Attribute<Person, kind::PersonalName> = Attribute::new("name");
const NOTES: Attribute<Person, kind::Text> = Attribute::new("notes");
const AGE: Attribute<Person, kind::Number> = Attribute::new("age");
const VIP: Attribute<Person, kind::Checkbox> = Attribute::new("vip");
const TIER: Attribute<Person, kind::Select> = Attribute::new("tier");
const COMPANY: Attribute<Person, kind::RecordReference> = Attribute::new("company");
const EMAILS: Attribute<Person, kind::EmailAddress> = Attribute::new("email_addresses");
const LAST_EMAIL: Attribute<Person, kind::Interaction> = Attribute::new("last_email_interaction");

const ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

#[test]
fn flat_combinators() {
    let f = NOTES.contains("a") & AGE.gt(1) & VIP.eq(true);
    assert_eq!(
        f.to_json(),
        json!({"$and": [{"notes": {"$contains": "a"}}, {"age": {"$gt": 1}}, {"vip": {"$eq": true}}]})
    );
    let g = (NOTES.eq("a") | NOTES.eq("b")) & !AGE.lt(3.5);
    assert_eq!(
        g.to_json(),
        json!({"$and": [
            {"$or": [{"notes": {"$eq": "a"}}, {"notes": {"$eq": "b"}}]},
            {"$not": {"age": {"$lt": 3.5}}}
        ]})
    );
    // A right-hand `$and` is nested, not merged: it is one operand.
    let h = AGE.eq(1) & (AGE.eq(2) & AGE.eq(3));
    assert_eq!(h.to_json()["$and"].as_array().map(Vec::len), Some(2));
}

#[test]
fn options_use_or() {
    assert_eq!(
        TIER.one_of(["Gold", "Silver"]).to_json(),
        json!({"$or": [{"tier": {"$eq": "Gold"}}, {"tier": {"$eq": "Silver"}}]})
    );
    let at = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        TIER.active_from().gte(at).to_json(),
        json!({"tier": {"active_from": {"$gte": "2025-01-01T00:00:00.000000000Z"}}})
    );
}

#[test]
fn references() {
    let id = RecordId::new(ID).unwrap();
    assert_eq!(
        COMPANY.eq(&id).to_json(),
        json!({"company": {"target_record_id": {"$eq": ID}}})
    );
    let r: RecordRef<AnyObject> = RecordRef::to_object("companies", id.clone());
    assert_eq!(
        COMPANY.eq(&r).to_json(),
        json!({"company": {"target_object": "companies", "target_record_id": ID}})
    );
    assert_eq!(
        COMPANY.is_in([&id]).to_json(),
        json!({"company": {"target_record_id": {"$in": [ID]}}})
    );
}

#[test]
fn properties_and_sorts() {
    assert_eq!(
        NAME.last_name().eq("Lovelace").to_json(),
        json!({"name": {"last_name": {"$eq": "Lovelace"}}})
    );
    assert_eq!(
        NAME.eq("Ada Lovelace").to_json(),
        json!({"name": {"$eq": "Ada Lovelace"}})
    );
    assert_eq!(
        EMAILS.email_domain().ends_with("acme.com").to_json(),
        json!({"email_addresses": {"email_domain": {"$ends_with": "acme.com"}}})
    );
    assert_eq!(
        LAST_EMAIL.owner_member_id().not_empty().to_json(),
        json!({"last_email_interaction": {"owner_member_id": {"$not_empty": true}}})
    );
    let q = Query::new()
        .filter(AGE.between(18, 65))
        .sort(NAME.last_name().asc())
        .sort(AGE.desc())
        .offset(10);
    assert_eq!(
        serde_json::to_value(&q).unwrap(),
        json!({
            "filter": {"age": {"$gte": 18, "$lte": 65}},
            "sorts": [
                {"direction": "asc", "attribute": "name", "field": "last_name"},
                {"direction": "desc", "attribute": "age"}
            ],
            "offset": 10
        })
    );
    assert_eq!(Query::<Person>::new().to_json(), json!({}));
}

#[test]
fn record_ids() {
    let id = RecordId::new(ID).unwrap();
    assert_eq!(
        Filter::<Person>::record_id(&id).to_json(),
        json!({"record_id": {"$eq": ID}})
    );
    assert_eq!(
        Filter::<Person>::record_id_in([&id, &id]).to_json(),
        json!({"record_id": {"$in": [ID, ID]}})
    );
}
