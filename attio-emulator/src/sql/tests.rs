use std::time::Duration;

use serde_json::json;

use super::{Database, TIMEOUT};
use crate::write::testing::{create, object, store};

fn people_and_companies() -> Database {
    let mut store = store();
    let companies = object(&store, "companies");
    let people = object(&store, "people");
    let acme = create(
        &mut store,
        companies,
        json!({"name": "Acme", "domains": ["acme.com", "acme.org"]}),
    );
    create(&mut store, companies, json!({"name": "Globex"}));
    create(
        &mut store,
        people,
        json!({"name": "Lovelace, Ada", "email_addresses": ["ada@acme.com"],
            "company": [{"target_object": "companies", "target_record_id": acme}]}),
    );
    create(&mut store, people, json!({"name": "Hopper, Grace"}));
    Database::load(&store).unwrap()
}

#[test]
fn people_join_their_companies_through_the_reference() {
    let db = people_and_companies();
    let rows = db
        .query(
            "SELECT p.name AS person, c.name AS company FROM objects.people p \
             JOIN companies c ON c.record_id = p.company.entity_instance_id ORDER BY person",
            TIMEOUT,
        )
        .unwrap();
    assert_eq!(rows, [json!({"person": "Ada Lovelace", "company": "Acme"})]);
}

#[test]
fn values_keep_their_shape_and_arrays_unnest() {
    let db = people_and_companies();
    let rows = db
        .query(
            "SELECT company, email_addresses FROM people WHERE company IS NOT NULL",
            TIMEOUT,
        )
        .unwrap();
    assert!(
        rows[0]["company"]["entity_definition_id"].is_string(),
        "{rows:?}"
    );
    assert_eq!(rows[0]["email_addresses"], json!(["ada@acme.com"]));
    let rows = db
        .query(
            "SELECT value AS domain FROM companies, json_each(companies.domains) ORDER BY domain",
            TIMEOUT,
        )
        .unwrap();
    assert_eq!(
        rows,
        [json!({"domain": "acme.com"}), json!({"domain": "acme.org"})]
    );
}

#[test]
fn writes_and_unknown_tables_are_refused() {
    let db = people_and_companies();
    for sql in [
        "DELETE FROM people",
        "UPDATE people SET name = 'x'",
        "ATTACH DATABASE ':memory:' AS x",
        "/* sneaky */ INSERT INTO people (record_id) VALUES ('x')",
    ] {
        let error = db.query(sql, TIMEOUT).unwrap_err();
        assert_eq!(error.code, "filter_error", "{sql}");
        assert!(
            error.message.contains("Only SELECT"),
            "{sql}: {}",
            error.message
        );
    }
    let error = db.query("SELECT * FROM objects.nope", TIMEOUT).unwrap_err();
    assert_eq!(error.code, "filter_error");
    assert!(
        error.message.contains("\"objects.nope\" does not exist"),
        "{}",
        error.message
    );
    let error = db
        .query("SELECT 1; DELETE FROM people", TIMEOUT)
        .unwrap_err();
    assert_eq!(error.code, "filter_error");
}

#[test]
fn a_query_over_its_time_is_stopped() {
    let db = people_and_companies();
    let endless =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
    let error = db.query(endless, Duration::from_millis(50)).unwrap_err();
    assert!(error.message.contains("ran longer"), "{}", error.message);
}
