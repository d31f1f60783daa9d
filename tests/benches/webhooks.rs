//! Webhook load on loopback: the emulator delivers 5,000 `record.created`
//! events to the runtime's axum receiver, whose handler takes 5 ms each.
//! Counts what was acknowledged, processed, lost and processed twice, and
//! the acknowledgment latency two ways: in the receiver's server (request
//! in → response out), and as a sender sees it (a loopback HTTP round trip
//! of 5,000 signed deliveries posted 16 at a time).
//!
//! Run with `cargo bench -p attio-tests --bench webhooks`. `WEBHOOKS_EVENTS`
//! sets the events per run (default 5,000), `WEBHOOKS_RUNS` the runs
//! (default 3). Each run's figures are also printed as `bench-result:`
//! lines.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attio_emulator::{Emulator, WebhookDelivery};
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::serde_json;
use attio_runtime::webhooks::{sign, Receiver, Work};
use attio_runtime::{RateLimits, RecordId};
use attio_tests::bench::{env_or, result};
use attio_tests::support;
use attio_tests::workspace::Company;
use futures_util::stream::{self, StreamExt};

const KEY: &str = "emulator-bench-key-0123456789";
const HANDLER: Duration = Duration::from_millis(5);

struct Run {
    acknowledged: u64,
    processed: usize,
    twice: usize,
    lost: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    wall: Duration,
    round_trip_p50: Duration,
    round_trip_p99: Duration,
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)]
}

/// Posts `events` signed deliveries of new record ids to `url`, 16 at a
/// time, and returns the sorted round-trip times.
async fn round_trips(
    url: &str,
    secret: &attio_runtime::webhooks::WebhookSecret,
    events: usize,
) -> Vec<Duration> {
    let http = reqwest::Client::new();
    let mut times: Vec<Duration> = stream::iter(0..events)
        .map(|i| {
            let (http, url) = (http.clone(), url.to_owned());
            let body = serde_json::json!({"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [{
                "event_type": "record.created",
                "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
                       "record_id": format!("00000000-0000-4000-8000-{i:012}")},
                "actor": {"type": "system", "id": null}}]})
            .to_string();
            let signature = sign(secret, body.as_bytes());
            async move {
                let started = Instant::now();
                let response = http
                    .post(&url)
                    .header("attio-signature", signature)
                    .header("idempotency-key", format!("bench-{i}"))
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success());
                started.elapsed()
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    times.sort();
    times
}

async fn run(events: usize) -> Run {
    let emulator = support::emulator(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(WebhookDelivery::default()),
        KEY,
    )
    .await;
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits::unlimited())
        .build()
        .expect("a loopback URL");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let created = client
        .create_webhook(&url, &[Subscription::new("record.created")])
        .await
        .unwrap();

    let processed: Arc<Mutex<Vec<RecordId>>> = Arc::default();
    let p = processed.clone();
    let (app, handle) = Receiver::new(&created.secret).router("/hooks", move |work: Work| {
        let p = p.clone();
        async move {
            tokio::time::sleep(HANDLER).await;
            let mut p = p.lock().unwrap();
            p.extend(
                work.events
                    .iter()
                    .filter_map(|e| e.record().map(|(_, r)| r.clone())),
            );
            Ok::<(), String>(())
        }
    });
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let l = latencies.clone();
    let app = app.layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let l = l.clone();
            async move {
                let started = Instant::now();
                let response = next.run(request).await;
                l.lock().unwrap().push(started.elapsed());
                response
            }
        },
    ));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let started = Instant::now();
    let ids: Vec<RecordId> = stream::iter(0..events)
        .map(|i| {
            let client = client.clone();
            async move {
                client
                    .create_record::<Company>(Company::write().name(format!("Company {i}")))
                    .await
                    .unwrap()
                    .id
                    .record_id
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    while processed.lock().unwrap().len() < events && started.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    handle.idle().await;
    let wall = started.elapsed();

    let processed = processed.lock().unwrap().clone();
    let unique: HashSet<&RecordId> = processed.iter().collect();
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let at = |q: f64| percentile(&latencies, q);
    let stats = handle.stats();
    let trips = round_trips(&url, &created.secret, events).await;
    Run {
        acknowledged: stats.accepted + stats.duplicates,
        processed: processed.len(),
        twice: processed.len() - unique.len(),
        lost: ids.iter().filter(|id| !unique.contains(id)).count(),
        p50: at(0.50),
        p99: at(0.99),
        max: *latencies.last().unwrap(),
        wall,
        round_trip_p50: percentile(&trips, 0.50),
        round_trip_p99: percentile(&trips, 0.99),
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let events = env_or("WEBHOOKS_EVENTS", 5_000usize);
    let runs = env_or("WEBHOOKS_RUNS", 3usize);
    println!("{events} events, handler {HANDLER:?}, {runs} runs");
    println!("run | acknowledged | processed | twice | lost | ack p50 | ack p99 | ack max | wall | round trip p50 | round trip p99");
    for i in 1..=runs {
        let r = runtime.block_on(run(events));
        println!(
            "{i} | {} | {} | {} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} s | {:.2} ms | {:.2} ms",
            r.acknowledged,
            r.processed,
            r.twice,
            r.lost,
            r.p50.as_secs_f64() * 1e3,
            r.p99.as_secs_f64() * 1e3,
            r.max.as_secs_f64() * 1e3,
            r.wall.as_secs_f64(),
            r.round_trip_p50.as_secs_f64() * 1e3,
            r.round_trip_p99.as_secs_f64() * 1e3,
        );
        let case = format!("{events} events");
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        result(
            "webhooks",
            &case,
            "acknowledged",
            r.acknowledged as f64,
            "count",
        );
        result("webhooks", &case, "processed", r.processed as f64, "count");
        result("webhooks", &case, "twice", r.twice as f64, "count");
        result("webhooks", &case, "lost", r.lost as f64, "count");
        result("webhooks", &case, "ack p50", ms(r.p50), "ms");
        result("webhooks", &case, "ack p99", ms(r.p99), "ms");
        result(
            "webhooks",
            &case,
            "round trip p50",
            ms(r.round_trip_p50),
            "ms",
        );
        result(
            "webhooks",
            &case,
            "round trip p99",
            ms(r.round_trip_p99),
            "ms",
        );
    }
}
