use serde_json::json;

use super::*;
use crate::store::{new_id, Note};
use crate::write::apply;
use crate::write::plan::Mode;
use crate::write::resolve;
use crate::write::testing::{create, keys, object, reference, resolved, store, NOW};

/// A write with all three phases, as `write::write` runs them.
fn write_both_sides(
    store: &mut Store,
    owner: Owner,
    existing: Option<&str>,
    values: serde_json::Value,
    mode: Mode,
) -> String {
    let r = resolved(store, owner, values);
    let plan = resolve::plan(store, owner, existing, r, &mode).unwrap();
    let relationships = changes(store, owner, &plan);
    let actor = store.token_actor();
    let written = apply::apply(store, owner, plan, None, NOW, &actor);
    mirror(store, owner, &written.id, &relationships, NOW, &actor);
    written.id
}

#[test]
fn a_new_reference_adds_the_other_side_and_removing_it_removes_it() {
    let mut s = store();
    let companies = object(&s, "companies");
    let people = object(&s, "people");
    let acme = create(&mut s, companies, json!({"domains": ["acme.com"]}));
    let ada = write_both_sides(
        &mut s,
        people,
        None,
        json!({"company": "acme.com"}),
        Mode::Create,
    );
    let ada_ref = reference(&s, people, &ada).match_key().into_owned();
    assert_eq!(keys(&s, companies, &acme, "team"), [ada_ref]);
    write_both_sides(
        &mut s,
        people,
        Some(&ada),
        json!({"company": null}),
        Mode::Put,
    );
    assert!(keys(&s, companies, &acme, "team").is_empty());
}

#[test]
fn a_single_valued_other_side_moves_and_leaves_its_old_target() {
    let mut s = store();
    let companies = object(&s, "companies");
    let people = object(&s, "people");
    let acme = create(&mut s, companies, json!({"domains": ["acme.com"]}));
    let beta = create(&mut s, companies, json!({"domains": ["beta.com"]}));
    let ada = write_both_sides(
        &mut s,
        people,
        None,
        json!({"company": "acme.com"}),
        Mode::Create,
    );
    let ada_ref = reference(&s, people, &ada).match_key().into_owned();
    // Writing Beta's team takes Ada from Acme: a person has one company.
    write_both_sides(
        &mut s,
        companies,
        Some(&beta),
        json!({"team": [{"target_object": "people", "target_record_id": ada}]}),
        Mode::Patch,
    );
    let beta_ref = reference(&s, companies, &beta).match_key().into_owned();
    assert_eq!(keys(&s, people, &ada, "company"), [beta_ref]);
    assert_eq!(keys(&s, companies, &beta, "team"), [ada_ref]);
    assert!(keys(&s, companies, &acme, "team").is_empty());
}

#[test]
fn entries_have_no_relationships_to_mirror() {
    let s = store();
    let plan = Plan {
        existing: None,
        changes: Vec::new(),
    };
    assert!(changes(&s, Owner::List(0), &plan).is_empty());
}

#[test]
fn forgetting_a_record_removes_every_reference_to_it_and_its_notes() {
    let mut s = store();
    let companies = object(&s, "companies");
    let people = object(&s, "people");
    let acme = create(&mut s, companies, json!({"domains": ["acme.com"]}));
    let ada = write_both_sides(
        &mut s,
        people,
        None,
        json!({"company": "acme.com"}),
        Mode::Create,
    );
    s.notes.push(Note {
        id: new_id(),
        parent_object_id: people.id(&s),
        parent_record_id: ada.clone(),
        title: "Call".into(),
        content_plaintext: String::new(),
        content_markdown: String::new(),
        created_by: Value::Null,
        created_at: NOW.into(),
        meeting_id: None,
    });
    let people_id = people.id(&s);
    s.records.get_mut(&people_id).unwrap().remove(&ada);
    forget_record(&mut s, &people_id, &ada);
    assert!(keys(&s, companies, &acme, "team").is_empty());
    assert!(s.notes.is_empty());
}
