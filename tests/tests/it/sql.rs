//! `POST /v2/sql` end to end: the runtime's `query_sql` against the
//! emulator's SQLite engine — people joined to their companies through the
//! record reference, rows decoded into a caller's type and as generated
//! records (every attribute column turned back into its value), and Attio's
//! `filter_error` for a write statement and an unknown table.

use attio_emulator::Emulator;
use attio_runtime::serde::Deserialize;
use attio_runtime::value::{Domain, EmailAddress, PersonalName};
use attio_runtime::{AttioApi, ErrorKind};
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

#[tokio::test]
async fn rows_decode_as_generated_records() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme").domains([
            Domain::new("acme.com").unwrap(),
            Domain::new("acme.io").unwrap(),
        ]))
        .await
        .unwrap();
    let ada = client
        .create_record::<Person>(
            Person::write()
                .name(PersonalName::new("Ada", "Lovelace"))
                .email_addresses([EmailAddress::new("ada@acme.com").unwrap()])
                .company(&acme),
        )
        .await
        .unwrap();

    // Every column: a personal name, a multiselect, a record reference,
    // a timestamp and an actor decode as the struct's fields.
    let people: Vec<Person> = client
        .query_sql_records("SELECT * FROM people")
        .await
        .unwrap();
    assert_eq!(people.len(), 1);
    let person = &people[0];
    assert_eq!(person.name.as_ref().unwrap().full_name, "Ada Lovelace");
    assert_eq!(person.email_addresses, ada.values.email_addresses);
    assert_eq!(
        person.company.as_ref().unwrap().record_id(),
        Some(&acme.id.record_id)
    );
    assert_eq!(person.created_at, ada.values.created_at);
    assert_eq!(person.created_by, ada.values.created_by);

    // Some columns: the others are fields without a value. Through the
    // trait an integration is written against.
    let companies: Vec<Company> =
        AttioApi::query_sql_records(&client, "SELECT name, domains FROM objects.companies")
            .await
            .unwrap();
    assert_eq!(companies[0].name.as_deref(), Some("Acme"));
    assert_eq!(companies[0].domains, acme.values.domains);
    assert_eq!(companies[0].created_at, None);

    // A column that does not hold what the attribute's type does fails.
    let wrong = client
        .query_sql_records::<Person>("SELECT 'acme' AS company FROM people")
        .await
        .unwrap_err();
    assert_eq!(wrong.kind(), ErrorKind::Decode, "{wrong}");
}
