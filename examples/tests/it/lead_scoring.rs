//! `lead-scoring` end to end on a seeded emulator: every score written on
//! the first run, none on the second, exactly the changed person's on the
//! third, and each stored score the rules' result for the stored data.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use attio_examples::attio::{Company, Person, ProductAccount};
use attio_examples::connect;
use attio_examples::lead_scoring::rules::{self, Reason};
use attio_examples::lead_scoring::scoring::{self, Change, Options};
use attio_examples::lead_scoring::seed;
use attio_runtime::RateLimits;
use attio_runtime::RecordId;
use attio_runtime::{Client, Query};
use chrono::{DateTime, TimeZone, Utc};
use futures_util::TryStreamExt;

/// A fixed clock, so that the recency rule reads the seeded data the same
/// way on every run.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}

fn options(dry_run: bool, filter: Option<attio_runtime::Filter<Person>>) -> Options {
    Options {
        filter,
        dry_run,
        now: now(),
    }
}

/// A client of `emulator` without pacing, counting the updates of people
/// it sends (`PATCH /v2/objects/people/records/{id}`).
fn counting_client(emulator: &attio_emulator::RunningEmulator) -> (Client, Arc<AtomicUsize>) {
    let patches = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&patches);
    let client = connect::emulator_client(emulator)
        .rate_limits(RateLimits::unlimited())
        .on_request(move |request| {
            if request.method == "PATCH" && request.path.starts_with("/v2/objects/people/records/")
            {
                counted.fetch_add(1, Ordering::SeqCst);
            }
        })
        .build()
        .unwrap();
    (client, patches)
}

/// Every person's stored `lead_score`, and the score the rules give the
/// stored person, company and product accounts.
async fn stored_and_expected(client: &Client) -> Vec<(RecordId, Option<f64>, f64)> {
    let people: Vec<_> = client
        .query_records::<Person>(Query::new())
        .try_collect()
        .await
        .unwrap();
    let companies: HashMap<_, _> = client
        .query_records::<Company>(Query::new())
        .try_collect::<Vec<_>>()
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id.record_id, c.values))
        .collect();
    let accounts: Vec<_> = client
        .query_records::<ProductAccount>(Query::new())
        .try_collect()
        .await
        .unwrap();
    people
        .into_iter()
        .map(|person| {
            let company_id = person.values.company.as_ref().and_then(|c| c.record_id());
            let company = company_id.and_then(|id| companies.get(id));
            let theirs: Vec<ProductAccount> = accounts
                .iter()
                .filter(|a| a.values.company.as_ref().and_then(|c| c.record_id()) == company_id)
                .map(|a| a.values.clone())
                .collect();
            let lead = scoring::lead_of(&person.values, company, &theirs);
            let expected = f64::from(rules::score(&lead, now()).total);
            (person.id.record_id, person.values.lead_score, expected)
        })
        .collect()
}

#[tokio::test]
async fn scores_are_written_once_and_then_only_where_they_change() {
    let emulator = connect::emulator_builder()
        .rate_limits(10_000, 10_000)
        .start()
        .await
        .unwrap();
    let (client, patches) = counting_client(&emulator);
    let seeded = seed::seed_demo(&client, now()).await.unwrap();
    assert_eq!((seeded.companies, seeded.people), (8, 30));

    let first = scoring::score_people(&client, &options(false, None))
        .await
        .unwrap();
    assert_eq!(first.people.len(), 30);
    assert_eq!((first.written(), first.failed()), (30, 0));
    assert_eq!(patches.load(Ordering::SeqCst), 30);

    let second = scoring::score_people(&client, &options(false, None))
        .await
        .unwrap();
    assert_eq!((second.unchanged(), second.changed()), (30, 0));
    assert_eq!(
        patches.load(Ordering::SeqCst),
        30,
        "nothing changed, nothing sent"
    );

    // Someone without a senior title is promoted: only their score moves.
    let promoted = second
        .people
        .iter()
        .find(|p| {
            !p.score
                .reasons
                .iter()
                .any(|r: &Reason| r.rule == "seniority")
        })
        .expect("the demo data has people without a senior title");
    client
        .update_record::<Person>(
            &promoted.id,
            Person::write().job_title("Chief Executive Officer"),
        )
        .await
        .unwrap();
    let before_third = patches.load(Ordering::SeqCst);

    let third = scoring::score_people(&client, &options(false, None))
        .await
        .unwrap();
    let written: Vec<_> = third
        .people
        .iter()
        .filter(|p| p.change == Change::Written)
        .map(|p| (&p.id, p.score.total))
        .collect();
    assert_eq!(written, [(&promoted.id, promoted.score.total + 25)]);
    assert_eq!(patches.load(Ordering::SeqCst) - before_third, 1);

    let scores = stored_and_expected(&client).await;
    assert_eq!(scores.len(), 30);
    for (id, stored, expected) in scores {
        assert_eq!(stored, Some(expected), "the stored score of {id:?}");
    }
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_filtered_dry_run_scores_only_the_matching_people_and_writes_nothing() {
    let emulator = connect::emulator_builder()
        .rate_limits(10_000, 10_000)
        .start()
        .await
        .unwrap();
    let (client, patches) = counting_client(&emulator);
    seed::seed_demo(&client, now()).await.unwrap();

    let filter = scoring::people_filter(true, Some("vp"));
    let outcome = scoring::score_people(&client, &options(true, filter))
        .await
        .unwrap();

    // Three of the demo's thirty people are a “VP Engineering”.
    assert_eq!(outcome.people.len(), 3);
    assert!(outcome
        .people
        .iter()
        .all(|p| p.change == Change::WouldWrite));
    assert_eq!(patches.load(Ordering::SeqCst), 0);
    let people: Vec<_> = client
        .query_records::<Person>(Query::new())
        .try_collect()
        .await
        .unwrap();
    assert!(people.iter().all(|p| p.values.lead_score.is_none()));
    emulator.shutdown().await;
}
