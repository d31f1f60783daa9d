//! Attio's words for a missing item, and a query narrowed to a saved view
//! (`filter_view_id`).

use serde_json::{json, Value};

use attio_schema::Target;

use super::{not_found, run_query};
use crate::store::{default_members, Owner, Store};
use crate::write::{resolve_values, write, Mode};

#[test]
fn not_found_names_the_item_as_attio_does() {
    assert_eq!(
        not_found(Target::Object, "r1").message,
        "Record with ID \"r1\" not found."
    );
    assert_eq!(
        not_found(Target::List, "e1").message,
        "Entry with ID \"e1\" not found."
    );
}

fn store() -> Store {
    let snapshot = attio_schema::Snapshot::from_slice(
        include_bytes!("../../default_workspace.json"),
        "default_workspace.json",
    )
    .unwrap();
    Store::new(snapshot.workspace, default_members())
}

fn create(store: &mut Store, owner: Owner, values: Value) -> String {
    let resolved = resolve_values(store, owner.attributes(store), &values, &["values"]).unwrap();
    write(store, owner, None, resolved, Mode::Create, None)
        .unwrap()
        .id
}

fn names(store: &Store, owner: Owner, body: Value) -> Vec<String> {
    run_query(store, owner, &body)
        .unwrap()
        .into_iter()
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn a_view_narrows_a_query_and_an_unknown_view_is_not_found() {
    let mut s = store();
    let companies = Owner::Object(s.object_index("companies").unwrap());
    let acme = create(&mut s, companies, json!({"name": "Acme"}));
    let globex = create(&mut s, companies, json!({"name": "Globex"}));
    let owner_id = companies.id(&s);
    let view = s.add_view(
        &owner_id,
        "Ac…",
        Some(json!({"name": {"$starts_with": "Ac"}})),
    );
    let view = view.to_uppercase();
    assert_eq!(names(&s, companies, json!({})), [acme.clone(), globex]);
    assert_eq!(
        names(&s, companies, json!({"filter_view_id": view})),
        [acme]
    );
    // The view and the query's own filter both apply.
    assert!(names(
        &s,
        companies,
        json!({"filter_view_id": view, "filter": {"name": "Globex"}})
    )
    .is_empty());
    let people = Owner::Object(s.object_index("people").unwrap());
    let missing = run_query(&s, people, &json!({"filter_view_id": view})).unwrap_err();
    assert_eq!(missing.status.as_u16(), 404);
    assert_eq!(missing.code, "not_found");
    let wrong = run_query(&s, companies, &json!({"filter_view_id": 3})).unwrap_err();
    assert_eq!(wrong.status.as_u16(), 400);
}
