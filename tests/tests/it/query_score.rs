//! The query-score limit end to end: an emulator with a tiny query budget
//! (and a one-second window, so that a test takes seconds), a client with
//! its default pacing and retries, and queries, plain reads and writes
//! together.

use std::time::Duration;

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::{Client, Query, RecordId};
use attio_tests::support;
use attio_tests::workspace::{Company, Person};
use futures_util::TryStreamExt;
use serde_json::json;

const KEY: &str = "query-score-test-key-0123456789";

/// People to page through, and the query budget per one-second window.
const PEOPLE: usize = 20;
const BUDGET: u32 = 10;

/// An emulator with Attio's per-second limits, a query budget of
/// [`BUDGET`] per second and [`PEOPLE`] people; a default client of it,
/// or one without the query budget (the client before it).
async fn start(query_budget: bool) -> (RunningEmulator, Client) {
    let people: Vec<_> = (0..PEOPLE)
        .map(|i| json!({"object": "people", "values": {"email_addresses": [format!("p{i}@acme.com")]}}))
        .collect();
    let emulator = support::emulator(
        Emulator::builder()
            .query_score_limit(BUDGET, Duration::from_secs(1))
            .seed(json!({ "records": people })),
        KEY,
    )
    .await;
    // The client learns its query rate over the emulator's window.
    let mut client = support::client(&emulator, KEY).query_score_window(Duration::from_secs(1));
    if !query_budget {
        client = client.without_query_budget();
    }
    (emulator, client.build().unwrap())
}

/// Every person, a page of one at a time: [`PEOPLE`] queries, twice the
/// budget of a window.
async fn page_through(client: &Client) -> usize {
    let people: Vec<_> = client
        .query_records(Query::<Person>::new().limit(1))
        .try_collect()
        .await
        .expect("no page fails: a throttled query is retried, slower");
    people.len()
}

/// Runs `op` again and again until `done`, and returns how many ran.
async fn repeat_until<F: std::future::Future<Output = ()>>(
    done: &std::sync::atomic::AtomicBool,
    mut op: impl FnMut(usize) -> F,
) -> usize {
    let mut count = 0;
    while !done.load(std::sync::atomic::Ordering::Relaxed) {
        op(count).await;
        count += 1;
    }
    count
}

#[tokio::test]
async fn a_query_stream_completes_through_429s_while_writes_and_reads_keep_their_pace() {
    let (emulator, client) = start(true).await;
    let company = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let id: RecordId = company.id.record_id.clone();
    let done = std::sync::atomic::AtomicBool::new(false);
    let queries = async {
        let found = page_through(&client).await;
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        found
    };
    let writes = repeat_until(&done, |i| {
        let client = client.clone();
        async move {
            client
                .create_record::<Company>(Company::write().name(format!("Company {i}")))
                .await
                .unwrap();
        }
    });
    let reads = repeat_until(&done, |_| {
        let (client, id) = (client.clone(), id.clone());
        async move {
            client.get_record::<Company>(&id).await.unwrap();
        }
    });
    let (found, written, read) = tokio::join!(queries, writes, reads);

    assert_eq!(found, PEOPLE);
    let stats = client.stats();
    assert!(
        stats.rate_limited > 0,
        "the query budget was never exceeded"
    );
    // Writes and plain reads went on while queries waited out their 429s.
    // How fast they went is a benchmark's question (tests/benches/
    // query_score.rs), not a test's on a shared machine; that a query's
    // 429 holds back neither reads nor writes is proven without a clock in
    // the pacer's unit tests.
    assert!(written > 0 && read > 0, "{written} writes, {read} reads");
    // Every 429 was the query budget's: the per-second read and write
    // budgets refused nothing.
    assert_eq!(emulator.rate_limited_total(), 0);
    emulator.shutdown().await;
}
