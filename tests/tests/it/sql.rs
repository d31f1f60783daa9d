//! `POST /v2/sql` end to end: the runtime's `query_sql` against the
//! emulator's SQLite engine — people joined to their companies through the
//! record reference, rows decoded into a caller's type, and Attio's
//! `filter_error` for a write statement and an unknown table.

use attio_emulator::Emulator;
use attio_runtime::serde::Deserialize;
use attio_runtime::value::PersonalName;
use attio_runtime::ErrorKind;
use attio_tests::support;
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

#[derive(Debug, PartialEq, Deserialize)]
#[serde(crate = "attio_runtime::serde")]
struct Employment {
    person: String,
    company: String,
}

#[tokio::test]
async fn people_join_companies_and_writes_are_refused() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    client
        .create_record::<Company>(Company::write().name("Globex"))
        .await
        .unwrap();
    for (first, last) in [("Ada", "Lovelace"), ("Alan", "Turing")] {
        client
            .create_record::<Person>(
                Person::write()
                    .name(PersonalName::new(first, last))
                    .company(&acme),
            )
            .await
            .unwrap();
    }
    client
        .create_record::<Person>(Person::write().name(PersonalName::new("Grace", "Hopper")))
        .await
        .unwrap();

    let join = "SELECT p.name AS person, c.name AS company FROM objects.people p \
                JOIN objects.companies c ON c.record_id = p.company.entity_instance_id \
                ORDER BY person";
    let rows = client.query_sql(join).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].get("company").unwrap(), "Acme");
    let typed: Vec<Employment> = client.query_sql_as(join).await.unwrap();
    assert_eq!(
        typed,
        [
            Employment {
                person: "Ada Lovelace".into(),
                company: "Acme".into()
            },
            Employment {
                person: "Alan Turing".into(),
                company: "Acme".into()
            },
        ]
    );
    let counted = client
        .query_sql("SELECT count(*) AS n FROM people WHERE company IS NULL")
        .await
        .unwrap();
    assert_eq!(counted[0].get("n").unwrap(), 1);

    let refused = client.query_sql("DELETE FROM people").await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation, "{refused}");
    assert_eq!(refused.code(), Some("filter_error"));
    let unknown = client
        .query_sql("SELECT * FROM lists.nope")
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some("filter_error"), "{unknown}");
    let people = client
        .query_sql("SELECT record_id FROM people")
        .await
        .unwrap();
    assert_eq!(people.len(), 3, "the refused DELETE changed nothing");
}
