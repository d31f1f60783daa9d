use serde_json::json;

use super::*;
use crate::write::testing::{attribute_id, count, create, object, resolved, store};

#[test]
fn an_unknown_attribute_is_refused() {
    let s = store();
    let people = object(&s, "people");
    let e = resolve_values(
        &s,
        people.attributes(&s),
        &json!({"nickname": "Ada"}),
        &["values"],
    )
    .unwrap_err();
    assert_eq!(e.code, "value_not_found");
    assert!(e.message.contains("nickname"), "{}", e.message);
    assert_eq!(count(&s, people), 0);
}

#[test]
fn a_read_only_attribute_and_a_list_for_a_single_value_are_refused() {
    let s = store();
    let people = object(&s, "people");
    let attributes = people.attributes(&s);
    let e = resolve_values(&s, attributes, &json!({"avatar_url": "x"}), &["values"]).unwrap_err();
    assert!(e.message.contains("not writable"), "{}", e.message);
    let e = resolve_values(
        &s,
        attributes,
        &json!({"job_title": ["a", "b"]}),
        &["values"],
    )
    .unwrap_err();
    assert_eq!(e.validation_errors.unwrap()[0].code, "too_big");
}

#[test]
fn multiselect_values_are_normalised_and_deduplicated() {
    let s = store();
    let companies = object(&s, "companies");
    let r = resolved(
        &s,
        companies,
        json!({"domains": ["Acme.com", "https://acme.com/x", "beta.com"]}),
    );
    let keys: Vec<_> = r[0].payloads.iter().map(|p| p.match_key()).collect();
    assert_eq!(keys, ["acme.com", "beta.com"]);
}

#[test]
fn a_duplicate_unique_value_is_refused_and_nothing_is_stored() {
    let mut s = store();
    let companies = object(&s, "companies");
    let acme = create(&mut s, companies, json!({"domains": ["acme.com"]}));
    let again = resolved(&s, companies, json!({"domains": ["ACME.com"]}));
    let e = plan(&s, companies, None, again, &Mode::Create).unwrap_err();
    assert_eq!(e.code, "uniqueness_conflict");
    assert!(e.message.contains(&acme), "{}", e.message);
    assert_eq!(count(&s, companies), 1);
    // The record holding the value may write it again.
    let same = resolved(&s, companies, json!({"domains": ["acme.com"]}));
    assert!(plan(&s, companies, Some(&acme), same, &Mode::Put).is_ok());
}

#[test]
fn a_missing_required_attribute_is_refused() {
    let mut s = store();
    let users = object(&s, "users");
    let partial = resolved(&s, users, json!({"user_id": "u1"}));
    let e = plan(&s, users, None, partial, &Mode::Create).unwrap_err();
    assert_eq!(e.code, "missing_value");
    assert!(
        e.message
            .contains(&attribute_id(&s, users, "primary_email_address")),
        "{}",
        e.message
    );
    assert_eq!(count(&s, users), 0);
    let user = create(
        &mut s,
        users,
        json!({"user_id": "u1", "primary_email_address": "u1@acme.com"}),
    );
    let emptied = resolved(&s, users, json!({"user_id": null}));
    let e = plan(&s, users, Some(&user), emptied, &Mode::Patch).unwrap_err();
    assert_eq!(e.code, "missing_value");
}

#[test]
fn an_unknown_record_to_update_is_not_found() {
    let s = store();
    let people = object(&s, "people");
    let e = plan(&s, people, Some("nope"), Vec::new(), &Mode::Patch).unwrap_err();
    assert_eq!(e.code, "not_found");
}

#[test]
fn references_resolve_by_id_and_by_unique_value() {
    let mut s = store();
    let companies = object(&s, "companies");
    let people = object(&s, "people");
    let acme = create(&mut s, companies, json!({"domains": ["acme.com"]}));
    let by_shorthand = resolved(&s, people, json!({"company": "acme.com"}));
    let by_id = resolved(
        &s,
        people,
        json!({"company": {"target_object": "companies", "target_record_id": acme}}),
    );
    assert_eq!(by_shorthand[0].payloads, by_id[0].payloads);
    let e = resolve_values(
        &s,
        people.attributes(&s),
        &json!({"company": "beta.com"}),
        &["values"],
    )
    .unwrap_err();
    assert_eq!(e.code, "value_not_found");
}

#[test]
fn a_plan_names_the_record_and_only_the_touched_attributes() {
    let mut s = store();
    let deals = object(&s, "deals");
    let values = json!({"name": "Big", "owner": "ada@emulator.attio.dev", "stage": "Lead"});
    let r = resolved(&s, deals, values);
    let planned = plan(&s, deals, None, r, &Mode::Create).unwrap();
    assert!(planned.existing.is_none());
    assert_eq!(planned.changes.len(), 3);
    let deal = create(
        &mut s,
        deals,
        json!({"name": "Big", "owner": "ada@emulator.attio.dev", "stage": "Lead"}),
    );
    let r = resolved(&s, deals, json!({"name": "Bigger"}));
    let planned = plan(&s, deals, Some(&deal), r, &Mode::Patch).unwrap();
    assert_eq!(planned.existing.as_deref(), Some(deal.as_str()));
    assert_eq!(planned.changes.len(), 1);
}
