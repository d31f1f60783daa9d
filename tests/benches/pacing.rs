//! How close the client's pacer comes to its configured write limit: N
//! record creations against an emulator without rate limits (so the pacer
//! is all that holds the client back), one at a time and 8 in flight.
//! Reports writes per second as `(N − 1) / span`, where the span runs from
//! the first call to the last answer, and that rate as a fraction of the
//! limit (1.00 = every slot used).
//!
//! Run with `cargo bench -p attio-tests --bench pacing`. `PACING_RUNS`
//! sets the runs of each case (default 3), `PACING_SECONDS` the length of
//! a run at the limit (default 8: N = 200 at 25/s, 2,000 at 250/s). Each
//! run's figures are also printed as `bench-result:` lines.

use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::RateLimits;
use attio_tests::bench::{env_or, result};
use attio_tests::support;
use attio_tests::workspace::Company;
use futures_util::stream::{self, StreamExt};

const KEY: &str = "emulator-bench-key-0123456789";

async fn run(writes_per_second: f64, calls: usize, in_flight: usize) -> Duration {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits {
            reads_per_second: 100.0,
            writes_per_second,
        })
        .build()
        .expect("a loopback URL");
    let started = Instant::now();
    stream::iter(0..calls)
        .map(|i| {
            let client = client.clone();
            async move {
                client
                    .create_record::<Company>(Company::write().name(format!("Company {i}")))
                    .await
                    .unwrap();
            }
        })
        .buffer_unordered(in_flight)
        .collect::<Vec<()>>()
        .await;
    started.elapsed()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let runs = env_or("PACING_RUNS", 3usize);
    let seconds = env_or("PACING_SECONDS", 8.0f64);
    println!("limit | N | in flight | run | span | writes/s | fraction of limit");
    for limit in [25.0, 250.0] {
        let calls = ((limit * seconds) as usize).max(2);
        for in_flight in [1, 8] {
            for i in 1..=runs {
                let span = runtime.block_on(run(limit, calls, in_flight));
                let rate = (calls - 1) as f64 / span.as_secs_f64();
                println!(
                    "{limit}/s | {calls} | {in_flight} | {i} | {:.3} s | {rate:.2} | {:.3}",
                    span.as_secs_f64(),
                    rate / limit,
                );
                let case = format!("{limit}/s, N = {calls}, {in_flight} in flight");
                result("pacing", &case, "writes/s", rate, "/s");
                result("pacing", &case, "fraction of limit", rate / limit, "x");
            }
        }
    }
}
