//! The query language end to end: filters and sorts parsed against the
//! default workspace and run over records written to it.

use serde_json::Value;

use super::evaluate::matches;
use super::parse::parse;
use super::sort::{parse_sorts, sort};
use crate::errors::ApiError;
use crate::store::default_members;
use crate::store::{Owner, Store};
use crate::write::{resolve_values, write, Mode};
use serde_json::json;

fn store() -> Store {
    let snapshot = attio_schema::Snapshot::from_slice(
        include_bytes!("../default_workspace.json"),
        "default_workspace.json",
    )
    .unwrap();
    Store::new(snapshot.workspace, default_members())
}

fn create(store: &mut Store, object: &str, values: Value) -> String {
    let owner = Owner::Object(store.object_index(object).unwrap());
    let resolved = resolve_values(store, owner.attributes(store), &values, &["values"]).unwrap();
    write(store, owner, None, resolved, Mode::Create, None)
        .unwrap()
        .id
}

fn query(store: &Store, object: &str, filter: Value) -> Result<Vec<String>, ApiError> {
    let owner = Owner::Object(store.object_index(object).unwrap());
    let filter = parse(store, owner, &filter)?;
    let collection = &store.records[&owner.id(store)];
    Ok(collection
        .ordered()
        .into_iter()
        .filter(|r| matches(store, r, &filter))
        .map(|r| r.id.clone())
        .collect())
}

fn seeded() -> (Store, String, String) {
    let mut s = store();
    let ada = create(
        &mut s,
        "people",
        json!({"name": "Lovelace, Ada", "email_addresses": ["Ada@Acme.com"], "job_title": "Engineer"}),
    );
    let alan = create(
        &mut s,
        "people",
        json!({"name": "Turing, Alan", "email_addresses": ["alan@bletchley.org"], "phone_numbers": ["+447700900123"]}),
    );
    (s, ada, alan)
}

#[test]
fn shorthand_compares_the_default_property() {
    let (s, ada, _) = seeded();
    assert_eq!(
        query(&s, "people", json!({"email_addresses": "ADA@acme.com"})).unwrap(),
        vec![ada.clone()]
    );
    assert_eq!(
        query(&s, "people", json!({"name": "Ada Lovelace"})).unwrap(),
        vec![ada]
    );
}

#[test]
fn text_operators_are_case_insensitive() {
    let (s, ada, alan) = seeded();
    let q = |f| query(&s, "people", f).unwrap();
    assert_eq!(
        q(json!({"name": {"full_name": {"$contains": "LOVE"}}})),
        vec![ada.clone()]
    );
    assert_eq!(
        q(json!({"name": {"last_name": {"$starts_with": "tur"}}})),
        vec![alan.clone()]
    );
    assert_eq!(
        q(json!({"email_addresses": {"email_domain": {"$ends_with": ".org"}}})),
        vec![alan.clone()]
    );
    assert_eq!(
        q(json!({"job_title": {"$not_empty": true}})),
        vec![ada.clone()]
    );
    assert_eq!(
        q(json!({"job_title": {"$not_empty": false}})),
        vec![alan.clone()]
    );
    assert_eq!(q(json!({"phone_numbers": "447700900123"})), vec![alan]);
}

#[test]
fn logical_operators_nest() {
    let (s, ada, alan) = seeded();
    let q = |f| query(&s, "people", f).unwrap();
    assert_eq!(
        q(
            json!({"$or": [{"email_addresses": "ada@acme.com"}, {"email_addresses": "alan@bletchley.org"}]})
        ),
        vec![ada.clone(), alan.clone()]
    );
    assert_eq!(
        q(json!({"$not": {"email_addresses": "ada@acme.com"}})),
        vec![alan.clone()]
    );
    assert_eq!(
        q(json!({"$and": [{"name": {"first_name": "Ada"}}, {"$not": {"job_title": "Engineer"}}]})),
        Vec::<String>::new()
    );
    assert_eq!(q(json!({"record_id": {"$in": [alan.clone()]}})), vec![alan]);
}

#[test]
fn comparisons_order_numbers_and_dates() {
    let mut s = store();
    let small = create(
        &mut s,
        "deals",
        json!({"name": "Small", "stage": "Lead", "owner": "ada@emulator.attio.dev", "value": 100}),
    );
    let big = create(
        &mut s,
        "deals",
        json!({"name": "Big", "stage": "Won 🎉", "owner": "ada@emulator.attio.dev", "value": "2500.5"}),
    );
    let q = |f| query(&s, "deals", f).unwrap();
    assert_eq!(
        q(json!({"value": {"$gte": 100, "$lt": 2500}})),
        vec![small.clone()]
    );
    assert_eq!(
        q(json!({"value": {"currency_value": {"$gt": "1000"}}})),
        vec![big.clone()]
    );
    assert_eq!(q(json!({"stage": "Won 🎉"})), vec![big]);
    assert_eq!(
        q(json!({"created_at": {"$gte": "2000-01-01T00:00:00Z"}})).len(),
        2
    );
    assert_eq!(q(json!({"created_at": {"$lt": "2000"}})).len(), 0);
}

#[test]
fn errors_have_attio_codes() {
    let (s, _, _) = seeded();
    let code = |f| query(&s, "people", f).unwrap_err().code;
    assert_eq!(
        code(json!({"nickname": "x"})),
        "unknown_filter_attribute_slug"
    );
    assert_eq!(
        code(json!({"phone_numbers": {"original_phone_number": "x"}})),
        "invalid_filter_field"
    );
    assert_eq!(
        code(json!({"email_addresses": {"$gt": "a"}})),
        "invalid_filter_operator"
    );
    assert_eq!(
        code(json!({"email_addresses": {"$neq": "a"}})),
        "filter_error"
    );
    assert_eq!(code(json!({"$or": {}})), "filter_error");
    assert_eq!(code(json!([])), "filter_error");
    let deals = |f| query(&s, "deals", f).unwrap_err().code;
    assert_eq!(
        deals(json!({"stage": {"$in": ["Lead"]}})),
        "invalid_filter_operator"
    );
}

#[test]
fn paths_follow_record_references() {
    let mut s = store();
    let acme = create(
        &mut s,
        "companies",
        json!({"name": "Acme", "domains": ["acme.com"]}),
    );
    let other = create(
        &mut s,
        "companies",
        json!({"name": "Other", "domains": ["other.com"]}),
    );
    let ada = create(
        &mut s,
        "people",
        json!({"email_addresses": ["ada@acme.com"], "company": "acme.com"}),
    );
    create(
        &mut s,
        "people",
        json!({"email_addresses": ["bob@other.com"], "company": [{"target_object": "companies", "target_record_id": other}]}),
    );
    let q = |f| query(&s, "people", f).unwrap();
    assert_eq!(
        q(
            json!({"path": [["people", "company"], ["companies", "name"]], "constraints": {"value": "Acme"}})
        ),
        vec![ada.clone()]
    );
    assert_eq!(
        q(json!({"company": {"target_object": "companies", "target_record_id": acme}})),
        vec![ada]
    );
}

#[test]
fn sorts_apply_in_order_with_missing_values_last() {
    let mut s = store();
    let b = create(&mut s, "companies", json!({"name": "Beta"}));
    let a = create(&mut s, "companies", json!({"name": "Alpha"}));
    let none = create(&mut s, "companies", json!({}));
    let owner = Owner::Object(s.object_index("companies").unwrap());
    let sorts = parse_sorts(
        &s,
        owner,
        &json!([{"direction": "asc", "attribute": "name"}]),
    )
    .unwrap();
    let collection = &s.records[&owner.id(&s)];
    let mut records = collection.ordered();
    sort(&s, &mut records, &sorts);
    let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, vec![a.clone(), b.clone(), none.clone()]);
    let sorts = parse_sorts(
        &s,
        owner,
        &json!([{"direction": "desc", "attribute": "name"}]),
    )
    .unwrap();
    sort(&s, &mut records, &sorts);
    let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, vec![b, a, none]);
}
