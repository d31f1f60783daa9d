//! The client end to end: the generated fixture bindings against an
//! emulator seeded with the same fixture snapshot, over real HTTP on
//! 127.0.0.1.

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::serde_json;
use attio_runtime::value::{ActorRef, Domain, EmailAddress, PersonalName, RecordId, RecordRef};
use attio_runtime::{
    Client, EntryCreate, ErrorKind, Filter, Method, NoteFormat, Query, RateLimits, Stored,
};
use attio_tests::support::{self, fixture, MEMBER_ID};
use attio_tests::workspace::*;
use futures_util::TryStreamExt;

const KEY: &str = "emulator-test-key-0123456789";

async fn start() -> (RunningEmulator, Client) {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits::unlimited())
        .build()
        .expect("a loopback URL is accepted");
    (emulator, client)
}

fn email(address: &str) -> EmailAddress {
    EmailAddress::new(address).unwrap()
}

fn person(first: &str, last: &str, address: &str) -> PersonWrite {
    Person::write()
        .name(PersonalName::new(first, last))
        .email_addresses([email(address)])
}

fn emails(p: &Stored<Person>) -> Vec<&str> {
    p.values
        .email_addresses
        .iter()
        .map(EmailAddress::as_str)
        .collect()
}

#[tokio::test]
async fn create_get_update_overwrite_delete() {
    let (emulator, client) = start().await;
    let ada = client
        .create::<Person>(person("Ada", "Lovelace", "ada@acme.com").job_title("Analyst"))
        .await
        .unwrap();
    let id = ada.id.record_id.clone();
    assert_eq!(ada.values.job_title.as_deref(), Some("Analyst"));
    assert_eq!(client.get::<Person>(&id).await.unwrap().values, ada.values);

    // PATCH adds to multiselect values, in front, without repeating.
    let patched = client
        .update::<Person>(
            &id,
            Person::write().email_addresses([email("ada@lovelace.org"), email("ADA@acme.com")]),
        )
        .await
        .unwrap();
    assert_eq!(emails(&patched), ["ada@lovelace.org", "ada@acme.com"]);
    assert_eq!(
        patched.values.job_title.as_deref(),
        Some("Analyst"),
        "untouched"
    );

    // PUT replaces them exactly.
    let put = client
        .overwrite::<Person>(
            &id,
            Person::write().email_addresses([email("countess@acme.com")]),
        )
        .await
        .unwrap();
    assert_eq!(emails(&put), ["countess@acme.com"]);

    client.delete::<Person>(&id).await.unwrap();
    let gone = client.get::<Person>(&id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    assert_eq!(gone.status(), Some(404));
    assert!(gone.to_string().starts_with(&format!(
        "GET /v2/objects/people/records/{id} failed with 404"
    )));
    emulator.shutdown().await;
}

#[tokio::test]
async fn upsert_creates_then_updates_the_same_record() {
    let (emulator, client) = start().await;
    let first = client
        .upsert(
            Person::EMAIL_ADDRESSES,
            person("Grace", "Hopper", "grace@navy.mil").job_title("Rear admiral"),
        )
        .await
        .unwrap();
    let second = client
        .upsert(
            Person::EMAIL_ADDRESSES,
            Person::write()
                .email_addresses([email("grace@navy.mil")])
                .job_title("Admiral"),
        )
        .await
        .unwrap();
    assert_eq!(first.id.record_id, second.id.record_id);
    assert_eq!(second.values.job_title.as_deref(), Some("Admiral"));
    assert_eq!(
        second.values.name, first.values.name,
        "omitted attributes are untouched"
    );

    // Nothing to match on: refused before any request.
    let refused = client
        .upsert(Person::EMAIL_ADDRESSES, Person::write().job_title("x"))
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
    assert_eq!(refused.attempts(), 0);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_unique_value_held_elsewhere_is_a_conflict() {
    let (emulator, client) = start().await;
    client
        .create::<Person>(person("A", "One", "same@acme.com"))
        .await
        .unwrap();
    let error = client
        .create::<Person>(person("B", "Two", "same@acme.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Conflict);
    assert_eq!(error.code(), Some("uniqueness_conflict"));
    assert!(!error.is_retryable());
    emulator.shutdown().await;
}

#[tokio::test]
async fn queries_filter_sort_and_paginate() {
    let (emulator, client) = start().await;
    for (i, title) in [
        "CTO", "CEO", "Engineer", "Engineer", "Designer", "CFO", "Engineer",
    ]
    .iter()
    .enumerate()
    {
        client
            .create::<Person>(
                person(&format!("P{i}"), "Test", &format!("p{i}@acme.com")).job_title(*title),
            )
            .await
            .unwrap();
    }
    // Pages of 2: four requests for seven records.
    let all: Vec<Stored<Person>> = client
        .query(
            Query::<Person>::new()
                .sort(Person::EMAIL_ADDRESSES.asc())
                .limit(2),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
    let first_emails: Vec<&str> = all.iter().map(|p| emails(p)[0]).collect();
    assert_eq!(first_emails[0], "p0@acme.com");

    let engineers: Vec<Stored<Person>> = client
        .query(Query::new().filter(Person::JOB_TITLE.eq("Engineer")))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(engineers.len(), 3);

    let chiefs: Vec<Stored<Person>> = client
        .query(Query::new().filter(Filter::or([
            Person::JOB_TITLE.starts_with("C"),
            Person::JOB_TITLE.contains("sign"),
        ])))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(chiefs.len(), 4);

    let ids: Vec<RecordId> = all
        .iter()
        .rev()
        .take(3)
        .map(|p| p.id.record_id.clone())
        .collect();
    let many = client.get_many::<Person>(&ids).await.unwrap();
    let got: Vec<&RecordId> = many.iter().map(|p| &p.id.record_id).collect();
    assert_eq!(got, ids.iter().collect::<Vec<_>>());
    emulator.shutdown().await;
}

#[tokio::test]
async fn deals_need_their_required_attributes_and_reference_companies() {
    let (emulator, client) = start().await;
    let acme = client
        .create::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let owner = ActorRef::workspace_member(MEMBER_ID).unwrap();
    let deal = client
        .create::<Deal>(
            Deal::create(DealRequired {
                name: "Acme renewal".into(),
                owner,
                stage: DealStage::InProgress,
            })
            .associated_company(RecordRef::<Company>::new(acme.id.record_id.clone())),
        )
        .await
        .unwrap();
    assert_eq!(deal.values.stage, Some(DealStage::InProgress));
    let company = deal.values.associated_company.as_ref().unwrap();
    assert_eq!(company.record_id(), Some(&acme.id.record_id));

    let won: Vec<Stored<Deal>> = client
        .query(Query::new().filter(Deal::STAGE.eq(DealStage::InProgress)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(won.len(), 1);
    emulator.shutdown().await;
}

#[tokio::test]
async fn list_entries_round_trip() {
    let (emulator, client) = start().await;
    let acme = client
        .create::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let parent = RecordRef::<Company>::new(acme.id.record_id.clone());
    let entry = client
        .add_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write()
                    .stage(EnterprisePipelineStage::DiscoveryCall)
                    .next_step("Book a demo"),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let entry_id = entry.id.entry_id.clone();
    assert_eq!(entry.parent_object, "companies");

    let updated = client
        .update_entry::<EnterprisePipelineEntry>(
            &entry_id,
            EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::Negotiation),
        )
        .await
        .unwrap();
    assert_eq!(
        updated.entry_values.stage,
        Some(EnterprisePipelineStage::Negotiation)
    );
    assert_eq!(
        updated.entry_values.next_step.as_deref(),
        Some("Book a demo")
    );

    // Assert by parent: the single entry is updated, not duplicated.
    let asserted = client
        .upsert_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::ClosedWon),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(asserted.id.entry_id, entry_id);

    let entries: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    client
        .delete_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap();
    let error = client
        .get_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_schema_read_back_matches_the_snapshot() {
    let (emulator, client) = start().await;
    let workspace = client.workspace_schema().await.unwrap();
    let changes = attio_schema::diff::diff(&fixture().workspace, &workspace);
    assert!(changes.is_empty(), "{changes}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_says_what_to_check_and_never_shows_the_key() {
    let (emulator, _) = start().await;
    let client = Client::builder("wrong-key-abcdef")
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let error = client.objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Auth);
    let message = error.to_string();
    assert!(message.contains("check ATTIO_API_KEY"), "{message}");
    assert!(!message.contains("wrong-key-abcdef"), "{message}");
    assert!(!format!("{error:?}").contains("wrong-key-abcdef"));
    emulator.shutdown().await;
}

#[tokio::test]
async fn notes_on_a_record() {
    let (emulator, client) = start().await;
    let ada = client
        .create::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    let note = client
        .create_note::<Person>(
            id,
            "Call",
            "Talked about **engines**.",
            NoteFormat::Markdown,
        )
        .await
        .unwrap();
    assert_eq!(note.parent_object, "people");
    assert_eq!(&note.parent_record_id, id);
    assert_eq!(note.title, "Call");
    for i in 0..55 {
        client
            .create_note::<Person>(id, &format!("Note {i}"), "x", NoteFormat::Plaintext)
            .await
            .unwrap();
    }
    // Two pages of 50.
    assert_eq!(client.notes::<Person>(id).await.unwrap().len(), 56);
    client.delete_note(&note.id.note_id).await.unwrap();
    assert_eq!(client.notes::<Person>(id).await.unwrap().len(), 55);
    emulator.shutdown().await;
}

#[tokio::test]
async fn raw_calls_reach_what_the_bindings_do_not_cover() {
    let (emulator, client) = start().await;
    let created = client
        .raw(
            Method::POST,
            "/v2/objects/people/records",
            Some(serde_json::json!({"data": {"values": {"job_title": ["Pilot"]}}})),
        )
        .await
        .unwrap();
    assert_eq!(created["data"]["values"]["job_title"][0]["value"], "Pilot");
    let queried = client
        .raw(Method::POST, "/v2/objects/people/records/query", None)
        .await
        .unwrap();
    assert_eq!(queried["data"].as_array().unwrap().len(), 1);
    let error = client
        .raw(Method::GET, "/v2/objects/spaceships", None)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_record_cache_answers_repeated_lookups() {
    // An empty fault plan only counts the requests.
    let emulator = support::emulator(
        Emulator::builder()
            .without_rate_limits()
            .faults(attio_emulator::FaultPlan::new(0)),
        KEY,
    )
    .await;
    let client = support::client(&emulator, KEY)
        .cache_records(std::time::Duration::from_secs(60))
        .build()
        .unwrap();
    let requests = || emulator.fault_stats().requests;
    let ada = client
        .create::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    assert_eq!(requests(), 1);
    // The create's answer is cached: no request for the lookups.
    for _ in 0..3 {
        assert_eq!(client.get::<Person>(id).await.unwrap().values, ada.values);
    }
    assert_eq!(requests(), 1);
    // A write through the client refreshes the entry.
    client
        .update::<Person>(id, Person::write().job_title("Countess"))
        .await
        .unwrap();
    let read = client.get::<Person>(id).await.unwrap();
    assert_eq!(read.values.job_title.as_deref(), Some("Countess"));
    assert_eq!(requests(), 2);
    // A delete drops it.
    client.delete::<Person>(id).await.unwrap();
    assert_eq!(
        client.get::<Person>(id).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(requests(), 4);
    emulator.shutdown().await;
}

/// Projects with a number, a date, a rating, a checkbox, a select, a
/// status and a reference, for the filter families.
async fn projects(client: &Client) -> (Stored<Company>, Vec<Stored<Project>>) {
    let acme = client
        .create::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let mut created = Vec::new();
    for (i, (hours, deadline, health, billable)) in [
        (10.0, "2025-01-15", 2, true),
        (40.0, "2025-03-01", 4, false),
        (80.0, "2025-06-30", 5, true),
    ]
    .into_iter()
    .enumerate()
    {
        let mut write = Project::create(ProjectRequired {
            code: format!("P-{i}"),
            name: format!("Project {i}"),
            phase: ProjectPhase::InProgress,
        })
        .budget_hours(hours)
        .deadline(
            deadline
                .parse::<attio_runtime::chrono::NaiveDate>()
                .unwrap(),
        )
        .health(attio_runtime::value::Rating::new(health).unwrap())
        .billable(billable)
        .priority(if i == 0 {
            ProjectPriority::P1High
        } else {
            ProjectPriority::P2Normal
        });
        if i > 0 {
            write = write.client(RecordRef::<Company>::new(acme.id.record_id.clone()));
        }
        created.push(client.create::<Project>(write).await.unwrap());
    }
    (acme, created)
}

#[tokio::test]
async fn every_filter_family_selects_what_it_says() {
    let (emulator, client) = start().await;
    let (acme, projects) = projects(&client).await;
    let codes = |found: Vec<Stored<Project>>| -> Vec<String> {
        let mut codes: Vec<String> = found.into_iter().filter_map(|p| p.values.code).collect();
        codes.sort();
        codes
    };
    let run = |filter: Filter<Project>| {
        let client = &client;
        async move {
            let found: Vec<Stored<Project>> = client
                .query(Query::new().filter(filter))
                .try_collect()
                .await
                .unwrap();
            codes(found)
        }
    };
    use attio_runtime::chrono::NaiveDate;
    let date = |s: &str| s.parse::<NaiveDate>().unwrap();
    // Comparisons: number, date, rating.
    assert_eq!(run(Project::BUDGET_HOURS.gte(40.0)).await, ["P-1", "P-2"]);
    assert_eq!(run(Project::BUDGET_HOURS.lt(40.0)).await, ["P-0"]);
    assert_eq!(
        run(Project::DEADLINE.between(date("2025-02-01"), date("2025-06-30"))).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::HEALTH.gt(attio_runtime::value::Rating::new(4).unwrap())).await,
        ["P-2"]
    );
    // Equality: checkbox, select, status; text `$in`.
    assert_eq!(run(Project::BILLABLE.eq(true)).await, ["P-0", "P-2"]);
    assert_eq!(
        run(Project::PRIORITY.eq(ProjectPriority::P2Normal)).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::PHASE.eq(ProjectPhase::InProgress)).await.len(),
        3
    );
    assert_eq!(
        run(Project::CODE.is_in(["P-0", "P-2", "P-9"])).await,
        ["P-0", "P-2"]
    );
    // References: by record, and by ids.
    let acme_ref = RecordRef::<Company>::new(acme.id.record_id.clone());
    assert_eq!(
        run(Project::CLIENT.references(&acme_ref)).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::RECORD_ID.is_in([projects[0].id.record_id.as_str()])).await,
        ["P-0"]
    );
    // Logic: and, or, not.
    assert_eq!(
        run(Project::BILLABLE.eq(true) & Project::BUDGET_HOURS.gt(20.0)).await,
        ["P-2"]
    );
    assert_eq!(
        run(Project::BUDGET_HOURS.lt(20.0)
            | Project::HEALTH.eq(attio_runtime::value::Rating::new(4).unwrap()))
        .await,
        ["P-0", "P-1"]
    );
    assert_eq!(run(!Project::BILLABLE.eq(true)).await, ["P-1"]);
    // Composite values: a property of an email address or domain.
    client
        .create::<Person>(person("Ada", "Lovelace", "ada@lovelace.org"))
        .await
        .unwrap();
    let by_domain: Vec<Stored<Person>> = client
        .query(Query::new().filter(Person::EMAIL_ADDRESSES.email_domain().eq("lovelace.org")))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(by_domain.len(), 1);
    let with_domain: Vec<Stored<Company>> = client
        .query(Query::new().filter(Company::DOMAINS.not_empty()))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(with_domain.len(), 1);
    emulator.shutdown().await;
}

#[tokio::test]
async fn attribute_history_is_oldest_first() {
    let (emulator, client) = start().await;
    let ada = client
        .create::<Person>(person("Ada", "Lovelace", "ada@acme.com").job_title("Analyst"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    for title in ["Engineer", "Countess"] {
        client
            .update::<Person>(id, Person::write().job_title(title))
            .await
            .unwrap();
    }
    let history = client
        .attribute_values::<Person>(id, "job_title", true)
        .await
        .unwrap();
    let titles: Vec<&str> = history
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Analyst", "Engineer", "Countess"]);
    assert!(
        history[0]["active_until"].is_string(),
        "closed: {}",
        history[0]
    );
    assert!(
        history[2]["active_until"].is_null(),
        "current: {}",
        history[2]
    );
    let current = client
        .attribute_values::<Person>(id, "job_title", false)
        .await
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["value"], "Countess");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let emulator = support::emulator(
        Emulator::builder()
            .without_rate_limits()
            .scopes(["object_configuration:read", "record_permission:read"]),
        KEY,
    )
    .await;
    let client = support::client(&emulator, KEY).build().unwrap();
    let error = client
        .create::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.status(), Some(403));
    assert!(
        error.to_string().contains(
            "the key lacks a scope this call needs (`record_permission:read-write` and `object_configuration:read`)"
        ),
        "{error}"
    );
    emulator.shutdown().await;
}
