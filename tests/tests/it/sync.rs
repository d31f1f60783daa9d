//! Bulk sync end to end against the emulator: every input accounted for
//! once, nothing re-sent that did not change, a bad input failing alone,
//! list entries by parent, and 10,000 upserts under faults.

use attio_emulator::{Emulator, Fault, FaultPlan, FaultRule};
use attio_runtime::sync::{BulkSync, DeadLetter, Outcome, Report};
use attio_runtime::value::{EmailAddress, RecordRef};
use attio_runtime::{Client, EntryCreate, Query, Stored, Write};
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::*;
use futures_util::{stream, StreamExt, TryStreamExt};
use reqwest::Method;

const KEY: &str = "sync-test-key-0123456789abcdef";
const PEOPLE: &str = "/v2/objects/people/records";

async fn all_people(client: &Client) -> Vec<Stored<Person>> {
    client
        .query_records(Query::<Person>::new())
        .try_collect()
        .await
        .expect("the query succeeds")
}

/// Every input has exactly one outcome.
fn assert_accounted(report: &Report, inputs: u64) {
    assert_eq!(report.done, inputs, "{report:?}");
    let sum = report.created + report.updated + report.unchanged + report.failed;
    assert_eq!(sum, inputs, "{report:?}");
}

#[tokio::test]
async fn a_second_run_writes_nothing_and_ten_changed_records_write_ten() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let sync = BulkSync::new(&client);
    let people = |changed: usize| {
        stream::iter((0..1000).map(move |i| {
            let write = numbered_person(i);
            if i < changed {
                write.job_title("Chief Tester")
            } else {
                write
            }
        }))
    };

    let first = sync
        .upsert(Person::EMAIL_ADDRESSES, people(0))
        .await
        .unwrap();
    assert_accounted(&first, 1000);
    assert_eq!(first.created, 1000, "{first}");
    assert_eq!(first.writes, 1000);

    let second = sync
        .upsert(Person::EMAIL_ADDRESSES, people(0))
        .await
        .unwrap();
    assert_accounted(&second, 1000);
    assert_eq!(second.unchanged, 1000, "{second}");
    assert_eq!(second.requests, 0, "an unchanged input sends nothing");

    let third = sync
        .upsert(Person::EMAIL_ADDRESSES, people(10))
        .await
        .unwrap();
    assert_accounted(&third, 1000);
    assert_eq!((third.updated, third.unchanged), (10, 990), "{third}");
    assert_eq!(third.writes, 10);

    let stored = all_people(&client).await;
    assert_eq!(stored.len(), 1000);
    let titled = stored
        .iter()
        .filter(|p| p.values.job_title.as_deref() == Some("Chief Tester"))
        .count();
    assert_eq!(titled, 10);
    emulator.shutdown().await;
}

#[tokio::test]
async fn an_invalid_email_fails_alone_and_lands_in_the_dead_letter_file() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failed.jsonl");
    // The typed value would refuse it; a team's raw data gets through as raw JSON.
    let bad = numbered_person(5).set_raw("email_addresses", serde_json::json!(["not-an-email"]));
    let inputs = (0..20)
        .map(numbered_person)
        .chain([bad])
        .collect::<Vec<_>>();

    let sync = BulkSync::new(&client).dead_letter(DeadLetter::create(&path).unwrap());
    let mut failures = Vec::new();
    let mut outcomes = sync.outcomes(
        stream::iter(inputs).map(|w| attio_runtime::Assert::new(Person::EMAIL_ADDRESSES, w)),
    );
    while let Some(outcome) = outcomes.next().await {
        if let Outcome::Failed { error, .. } = outcome.unwrap() {
            failures.push(error);
        }
    }
    let report = outcomes.report();
    assert_accounted(&report, 21);
    assert_eq!((report.created, report.failed), (20, 1), "{report}");
    assert_eq!(failures.len(), 1);
    assert!(!failures[0].is_retryable(), "{}", failures[0]);
    assert_eq!(all_people(&client).await.len(), 20);

    let back = DeadLetter::records::<Person>(&path).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(
        back[0].values().get("email_addresses"),
        Some(&serde_json::json!(["not-an-email"])),
        "the input as written"
    );
    let line = std::fs::read_to_string(&path).unwrap();
    assert!(line.contains(r#""status":400"#), "{line}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn list_entries_are_synced_by_parent() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let mut companies = Vec::new();
    for i in 0..5 {
        let write = Company::write().name(format!("Company {i}"));
        companies.push(client.create_record::<Company>(write).await.unwrap());
    }
    let entries = |next_step: &'static str| {
        let parents: Vec<_> = companies.iter().map(|c| c.id.record_id.clone()).collect();
        stream::iter(parents.into_iter().map(move |id| {
            let write = EnterprisePipelineEntry::write()
                .stage(EnterprisePipelineStage::DiscoveryCall)
                .next_step(next_step);
            EntryCreate::<EnterprisePipelineEntry>::new(&RecordRef::<Company>::new(id), write)
                .unwrap()
        }))
    };
    let sync = BulkSync::new(&client);
    let first = sync.upsert_entries(entries("first call")).await.unwrap();
    assert_eq!(first.created, 5, "{first}");
    let again = sync.upsert_entries(entries("first call")).await.unwrap();
    assert_eq!((again.unchanged, again.requests), (5, 0), "{again}");
    let changed = sync.upsert_entries(entries("second call")).await.unwrap();
    assert_eq!(changed.updated, 5, "{changed}");
    let stored: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(stored.len(), 5, "one entry per parent");
    emulator.shutdown().await;
}

#[tokio::test]
async fn ten_thousand_upserts_under_faults_end_as_ten_thousand_records() {
    let plan = FaultPlan::new(11)
        .rule(
            FaultRule::new(Fault::TooManyRequests)
                .on(Method::PUT, PEOPLE)
                .probability(0.0005)
                .burst(5),
        )
        .rule(
            FaultRule::new(Fault::ServerError(503))
                .on(Method::PUT, PEOPLE)
                .probability(0.03),
        )
        .rule(
            FaultRule::new(Fault::ServerError(500))
                .on(Method::PUT, PEOPLE)
                .probability(0.02)
                .after_handling(),
        )
        .rule(
            FaultRule::new(Fault::DropConnection)
                .on(Method::PUT, PEOPLE)
                .probability(0.01)
                .after_handling(),
        )
        .rule(
            FaultRule::new(Fault::DropConnection)
                .on(Method::PUT, PEOPLE)
                .probability(0.01),
        );
    let (emulator, client) = support::unlimited(Emulator::builder().faults(plan), KEY).await;
    const N: usize = 10_000;
    let report = BulkSync::new(&client)
        .concurrency(32)
        .upsert(
            Person::EMAIL_ADDRESSES,
            stream::iter((0..N).map(numbered_person)),
        )
        .await
        .unwrap();
    assert_accounted(&report, N as u64);
    assert_eq!(report.failed, 0, "{report}");
    assert_eq!(report.created + report.updated, N as u64, "{report}");
    assert!(report.retries > 0 && report.rate_limited > 0, "{report}");

    let people = all_people(&client).await;
    let mut emails: Vec<&str> = people
        .iter()
        .flat_map(|p| p.values.email_addresses.iter().map(EmailAddress::as_str))
        .collect();
    emails.sort_unstable();
    emails.dedup();
    assert_eq!(people.len(), N, "none lost, none duplicated");
    assert_eq!(emails.len(), N);
    let stats = emulator.fault_stats();
    assert!(
        stats.server_errors > 0 && stats.dropped > 0 && stats.applied_despite_fault > 0,
        "{stats:?}"
    );
    println!("{report}\n{stats:?}");
    emulator.shutdown().await;
}
