use serde_json::json;

use crate::write::plan::Mode;
use crate::write::testing::{attribute_id, create, keys, object, store, write, NOW};

#[test]
fn create_stores_the_values_and_the_system_values() {
    let mut s = store();
    let companies = object(&s, "companies");
    let written = write(
        &mut s,
        companies,
        None,
        json!({"name": "Acme", "domains": ["acme.com"]}),
        Mode::Create,
    )
    .unwrap();
    assert!(written.created);
    let name = attribute_id(&s, companies, "name");
    assert!(written.changed.contains(&name));
    assert_eq!(
        keys(&s, companies, &written.id, "record_id"),
        [written.id.as_str()]
    );
    assert_eq!(keys(&s, companies, &written.id, "created_at"), [NOW]);
    assert_eq!(keys(&s, companies, &written.id, "name"), ["Acme"]);
    let record = &companies.collection(&s).unwrap().items[&written.id];
    assert_eq!(record.created_at, NOW);
    assert!(record.history.is_empty());
    // The unique index knows the new record.
    let domains = attribute_id(&s, companies, "domains");
    let holders = companies
        .collection(&s)
        .unwrap()
        .holders(&domains, "acme.com");
    assert_eq!(holders, Some(&[written.id.clone()][..]));
}

#[test]
fn patch_prepends_multiselect_values_and_replaces_single_ones() {
    let mut s = store();
    let companies = object(&s, "companies");
    let acme = create(
        &mut s,
        companies,
        json!({"name": "Acme", "domains": ["acme.com"]}),
    );
    let written = write(
        &mut s,
        companies,
        Some(&acme),
        json!({"name": "Acme Inc", "domains": ["beta.com", "acme.com"]}),
        Mode::Patch,
    )
    .unwrap();
    assert!(!written.created);
    assert_eq!(
        keys(&s, companies, &acme, "domains"),
        ["beta.com", "acme.com"]
    );
    assert_eq!(keys(&s, companies, &acme, "name"), ["Acme Inc"]);
    let record = &companies.collection(&s).unwrap().items[&acme];
    let name = attribute_id(&s, companies, "name");
    assert_eq!(record.history[&name].len(), 1, "the old name is history");
    let domains = attribute_id(&s, companies, "domains");
    assert!(
        !record.history.contains_key(&domains),
        "nothing was removed"
    );
}

#[test]
fn put_replaces_the_list_and_closes_the_removed_values() {
    let mut s = store();
    let companies = object(&s, "companies");
    let acme = create(
        &mut s,
        companies,
        json!({"domains": ["acme.com", "beta.com"]}),
    );
    write(
        &mut s,
        companies,
        Some(&acme),
        json!({"domains": ["gamma.com"]}),
        Mode::Put,
    )
    .unwrap();
    assert_eq!(keys(&s, companies, &acme, "domains"), ["gamma.com"]);
    let domains = attribute_id(&s, companies, "domains");
    let collection = companies.collection(&s).unwrap();
    let closed = &collection.items[&acme].history[&domains];
    assert_eq!(closed.len(), 2);
    assert!(closed
        .iter()
        .all(|v| v.active_until.as_deref() == Some(NOW)));
    assert_eq!(collection.holders(&domains, "acme.com"), Some(&[][..]));
}

#[test]
fn assert_update_appends_to_the_matching_attribute_only() {
    let mut s = store();
    let people = object(&s, "people");
    let ada = create(
        &mut s,
        people,
        json!({"email_addresses": ["ada@acme.com"], "phone_numbers": ["+15558675309"]}),
    );
    let matching_attribute_id = attribute_id(&s, people, "email_addresses");
    write(
        &mut s,
        people,
        Some(&ada),
        json!({"email_addresses": ["ada@beta.com"], "phone_numbers": ["+447700900123"]}),
        Mode::AssertUpdate {
            matching_attribute_id,
        },
    )
    .unwrap();
    assert_eq!(
        keys(&s, people, &ada, "email_addresses"),
        ["ada@beta.com", "ada@acme.com"]
    );
    assert_eq!(keys(&s, people, &ada, "phone_numbers"), ["+447700900123"]);
}

#[test]
fn an_unchanged_value_keeps_its_version() {
    let mut s = store();
    let companies = object(&s, "companies");
    let acme = create(&mut s, companies, json!({"name": "Acme"}));
    let name = attribute_id(&s, companies, "name");
    let before = companies.collection(&s).unwrap().items[&acme].values(&name)[0].clone();
    let written = write(
        &mut s,
        companies,
        Some(&acme),
        json!({"name": "Acme"}),
        Mode::Put,
    )
    .unwrap();
    assert!(written.changed.is_empty());
    let after = &companies.collection(&s).unwrap().items[&acme].values(&name)[0];
    assert_eq!(after.active_from, before.active_from);
    assert!(companies.collection(&s).unwrap().items[&acme]
        .history
        .is_empty());
}
