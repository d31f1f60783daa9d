//! Loopback throughput of the emulator with rate limits off: record reads
//! and asserts per second from concurrent clients. Run with
//! `cargo bench -p attio-emulator --bench throughput`; results are recorded
//! in `BENCHMARKS.md` by `cargo xtask bench`, which collects the
//! `bench-result:` lines. `THROUGHPUT_WINDOW_MS` sets each scenario's
//! window (default 3,000 ms).

use std::sync::Arc;
use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use serde_json::json;

const CLIENTS: usize = 16;
const KEYS: usize = 2_000;

#[path = "../../tests/src/bench.rs"]
mod bench;

/// Each scenario's window: `THROUGHPUT_WINDOW_MS`, or 3 seconds.
fn window() -> Duration {
    Duration::from_millis(bench::env_or("THROUGHPUT_WINDOW_MS", 3_000))
}

/// One figure of this benchmark.
fn result(case: &str, metric: &str, value: f64, unit: &str) {
    bench::result("throughput", case, metric, value, unit);
}

async fn run<F, Fut>(label: &str, operation: F)
where
    F: Fn(reqwest::Client, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let operation = Arc::new(operation);
    let window = window();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client_index in 0..CLIENTS {
        let operation = Arc::clone(&operation);
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let (mut ok, mut n) = (0u64, client_index);
            while started.elapsed() < window {
                if operation(client.clone(), n).await {
                    ok += 1;
                }
                n += CLIENTS;
            }
            ok
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap_or(0);
    }
    let per_second = total as f64 / started.elapsed().as_secs_f64();
    println!("{label:<40} {per_second:>10.0} requests/s ({CLIENTS} clients)");
    result(label, "requests/s", per_second, "/s");
}

#[tokio::main]
async fn main() {
    let emulator = Emulator::builder()
        .without_rate_limits()
        .api_key("bench")
        .start()
        .await
        .expect("the emulator starts");
    let base = Arc::new(emulator.base_url());

    let b = Arc::clone(&base);
    run("assert people by email (2,000 keys)", move |client, n| {
        let url = format!(
            "{}/v2/objects/people/records?matching_attribute=email_addresses",
            b
        );
        async move {
            let body = json!({"data": {"values": {
                "email_addresses": [format!("person{}@acme.com", n % KEYS)],
                "job_title": format!("title {n}"),
            }}});
            client
                .put(url)
                .bearer_auth("bench")
                .json(&body)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;

    let client = reqwest::Client::new();
    let listed: serde_json::Value = client
        .post(format!("{base}/v2/objects/people/records/query"))
        .bearer_auth("bench")
        .json(&json!({"limit": 100}))
        .send()
        .await
        .expect("query answers")
        .json()
        .await
        .expect("query is JSON");
    let ids: Arc<Vec<String>> = Arc::new(
        listed["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["id"]["record_id"].as_str().map(str::to_owned))
            .collect(),
    );
    let b = Arc::clone(&base);
    run("get record by id", move |client, n| {
        let url = format!(
            "{}/v2/objects/people/records/{}",
            b,
            ids[n % ids.len().max(1)]
        );
        async move {
            client
                .get(url)
                .bearer_auth("bench")
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;

    let b = Arc::clone(&base);
    run("query people by email (filter)", move |client, n| {
        let url = format!("{}/v2/objects/people/records/query", b);
        async move {
            let body =
                json!({"filter": {"email_addresses": format!("person{}@acme.com", n % KEYS)}});
            client
                .post(url)
                .bearer_auth("bench")
                .json(&body)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;

    emulator.shutdown().await;
}
