//! The client under the emulator's injected faults: no write lost or
//! duplicated, creates never repeated after an ambiguous failure.

use attio_emulator::Emulator;
use attio_emulator::{Fault, FaultPlan, FaultRule};
use attio_runtime::value::EmailAddress;
use attio_runtime::{Client, ErrorKind, Query, RateLimits, Stored};
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::*;
use futures_util::{StreamExt, TryStreamExt};
use reqwest::Method;

const KEY: &str = "sk-live-SECRET-0123456789abcdef";
const PEOPLE: &str = "/v2/objects/people/records";

async fn all_people(client: &Client) -> Vec<Stored<Person>> {
    client
        .query_records(Query::<Person>::new())
        .try_collect()
        .await
        .expect("the query succeeds")
}

#[tokio::test]
async fn a_thousand_upserts_under_faults_make_exactly_a_thousand_records() {
    let plan = FaultPlan::new(7)
        .rule(
            FaultRule::new(Fault::TooManyRequests)
                .on(Method::PUT, PEOPLE)
                .probability(0.004)
                .burst(3),
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
                .probability(0.02)
                .after_handling(),
        )
        .rule(
            FaultRule::new(Fault::DropConnection)
                .on(Method::PUT, PEOPLE)
                .probability(0.01),
        );
    let emulator =
        support::emulator(Emulator::builder().without_rate_limits().faults(plan), KEY).await;
    let client = support::client_with(
        &emulator,
        KEY,
        RateLimits::unlimited(),
        support::quick_retries(),
    );

    let results: Vec<_> = futures_util::stream::iter(0..1000)
        .map(|i| {
            let client = &client;
            async move {
                client
                    .upsert_record(Person::EMAIL_ADDRESSES, numbered_person(i))
                    .await
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let failed: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(ToString::to_string))
        .collect();
    assert!(
        failed.is_empty(),
        "{} upserts failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(3)]
    );

    let people = all_people(&client).await;
    let mut emails: Vec<&str> = people
        .iter()
        .flat_map(|p| p.values.email_addresses.iter().map(EmailAddress::as_str))
        .collect();
    emails.sort_unstable();
    emails.dedup();
    assert_eq!(people.len(), 1000, "one record per upsert, none duplicated");
    assert_eq!(emails.len(), 1000);

    let stats = emulator.fault_stats();
    println!("{stats:?}");
    assert!(stats.too_many_requests > 0, "{stats:?}");
    assert!(stats.server_errors > 0, "{stats:?}");
    assert!(stats.dropped > 0, "{stats:?}");
    assert!(stats.applied_despite_fault > 0, "{stats:?}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn an_ambiguous_create_failure_surfaces_instead_of_a_duplicate() {
    for (fault, kind) in [
        (Fault::ServerError(500), ErrorKind::Server),
        (Fault::DropConnection, ErrorKind::Transport),
    ] {
        let plan = FaultPlan::new(1).rule(
            FaultRule::new(fault)
                .on(Method::POST, PEOPLE)
                .after_handling()
                .max_injections(1),
        );
        let emulator =
            support::emulator(Emulator::builder().without_rate_limits().faults(plan), KEY).await;
        let client = support::client_with(
            &emulator,
            KEY,
            RateLimits::unlimited(),
            support::quick_retries(),
        );

        let error = client
            .create_record::<Person>(numbered_person(1))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), kind, "{error}");
        assert_eq!(error.attempts(), 1, "a create is not repeated: {error}");
        assert!(error.is_retryable());
        // The create was applied: exactly one record, no second one.
        assert_eq!(all_people(&client).await.len(), 1);
        assert_eq!(emulator.fault_stats().applied_despite_fault, 1);
        emulator.shutdown().await;
    }
}

#[tokio::test]
async fn a_create_refused_before_handling_is_retried_safely() {
    // A 429 was not processed: even a create may be repeated.
    let plan = FaultPlan::new(3).rule(
        FaultRule::new(Fault::TooManyRequests)
            .on(Method::POST, PEOPLE)
            .max_injections(2),
    );
    let emulator =
        support::emulator(Emulator::builder().without_rate_limits().faults(plan), KEY).await;
    let client = support::client_with(
        &emulator,
        KEY,
        RateLimits::unlimited(),
        support::quick_retries(),
    );
    let created = client
        .create_record::<Person>(numbered_person(1))
        .await
        .unwrap();
    assert_eq!(created.values.email_addresses.len(), 1);
    assert_eq!(all_people(&client).await.len(), 1);
    assert_eq!(emulator.fault_stats().too_many_requests, 2);
    emulator.shutdown().await;
}
