//! Queries, plain reads and writes together against a small query-score
//! budget (Attio's 10-second window), with the client's query budget and
//! without it (the client before it, through its hidden
//! `without_query_budget` switch): whether every query stream finishes, at
//! what cost in 429s, whether writes keep their 25 per second, and how long
//! a plain read was ever held back.
//!
//! Run with `cargo bench -p attio-tests --bench query_score`.
//! `QUERY_SCORE_PEOPLE` sets the people each stream pages through (default
//! 100: 10 pages). Every figure is also printed as a `bench-result:` line.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::{Client, Query};
use attio_tests::bench::{env_or, result};
use attio_tests::support;
use attio_tests::workspace::{Company, Person};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;

const KEY: &str = "emulator-bench-key-0123456789";
/// Pages of this size: 10 pages per stream of 100 people.
const PAGE: u32 = 10;
/// Query streams at once.
const STREAMS: usize = 4;
/// Score per 10-second window: 15 queries without a filter (score 1).
const BUDGET: u32 = 15;

struct Outcome {
    wall: Duration,
    pages: usize,
    failed_streams: usize,
    rate_limited: u64,
    writes_per_second: f64,
    longest_read_wait: Duration,
}

async fn run(query_budget: bool, people: usize) -> Outcome {
    let people: Vec<_> = (0..people)
        .map(|i| json!({"object": "people", "values": {"email_addresses": [format!("p{i}@acme.com")]}}))
        .collect();
    let emulator = support::emulator(
        Emulator::builder()
            .query_score_limit(BUDGET, Duration::from_secs(10))
            .seed(json!({ "records": people })),
        KEY,
    )
    .await;
    let mut builder = support::client(&emulator, KEY);
    if !query_budget {
        builder = builder.without_query_budget();
    }
    let client = builder.build().unwrap();
    let company = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let queries = async {
        let outcomes = futures_util::stream::iter(0..STREAMS)
            .map(|_| {
                let client = client.clone();
                async move { stream_pages(&client).await }
            })
            .buffer_unordered(STREAMS)
            .collect::<Vec<_>>()
            .await;
        done.store(true, Ordering::Relaxed);
        outcomes
    };
    let writes = async {
        let mut written = 0;
        while !done.load(Ordering::Relaxed) {
            client
                .create_record::<Company>(Company::write().name(format!("C{written}")))
                .await
                .unwrap();
            written += 1;
        }
        written
    };
    let reads = async {
        let mut longest = Duration::ZERO;
        while !done.load(Ordering::Relaxed) {
            let asked = Instant::now();
            client
                .get_record::<Company>(&company.id.record_id)
                .await
                .unwrap();
            longest = longest.max(asked.elapsed());
        }
        longest
    };
    let (outcomes, written, longest_read_wait) = tokio::join!(queries, writes, reads);
    let wall = started.elapsed();
    let outcome = Outcome {
        wall,
        pages: outcomes.iter().map(|(pages, _)| pages).sum(),
        failed_streams: outcomes.iter().filter(|(_, failed)| *failed).count(),
        rate_limited: client.stats().rate_limited,
        writes_per_second: f64::from(written) / wall.as_secs_f64(),
        longest_read_wait,
    };
    emulator.shutdown().await;
    outcome
}

/// Reads every person a page at a time; returns the pages read and
/// whether the stream failed.
async fn stream_pages(client: &Client) -> (usize, bool) {
    let stream = client.query_records(Query::<Person>::new().limit(PAGE));
    let mut stream = std::pin::pin!(stream);
    let mut items: usize = 0;
    loop {
        match stream.try_next().await {
            Ok(Some(_)) => items += 1,
            Ok(None) => return (items.div_ceil(PAGE as usize), false),
            Err(error) => {
                eprintln!("a stream failed: {error}");
                return (items / PAGE as usize, true);
            }
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("client | wall | pages | failed streams | 429s | writes/s | longest plain read");
    let people = env_or("QUERY_SCORE_PEOPLE", 100usize);
    for (name, query_budget) in [("before (no query budget)", false), ("query budget", true)] {
        let o = runtime.block_on(run(query_budget, people));
        println!(
            "{name} | {:.1} s | {} | {} | {} | {:.1} | {:.2} s",
            o.wall.as_secs_f64(),
            o.pages,
            o.failed_streams,
            o.rate_limited,
            o.writes_per_second,
            o.longest_read_wait.as_secs_f64(),
        );
        result("query_score", name, "wall", o.wall.as_secs_f64(), "s");
        result("query_score", name, "pages read", o.pages as f64, "count");
        result(
            "query_score",
            name,
            "streams failed",
            o.failed_streams as f64,
            "count",
        );
        result("query_score", name, "429s", o.rate_limited as f64, "count");
        result("query_score", name, "writes/s", o.writes_per_second, "/s");
        let longest = o.longest_read_wait.as_secs_f64();
        result("query_score", name, "longest plain read", longest, "s");
    }
}
