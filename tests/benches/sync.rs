//! Bulk sync throughput and memory.
//!
//! 1. Achieved writes per second as a fraction of the limit, with the
//!    emulator enforcing the same limit as the client paces to (Attio's
//!    25/s with N = 500, and 250/s with N = 5,000), the 429s per 1,000
//!    writes that cost, and the requests of a second run over the same data
//!    (goal: 0). Rate = writes / wall time of the run.
//! 2. Peak memory (the process's high-water mark of resident memory) of a
//!    sync of 10,000 and then 100,000 records with SQLite state, against a
//!    test double that answers at once and keeps nothing — so the growth, if
//!    any, is the sync's own. Bounded means the second run adds next to
//!    nothing to the high-water mark of the first.
//!
//! Run with `cargo bench -p attio-tests --bench sync`; `-- rate` runs the
//! first part alone, `-- memory` the second. `ATTIO_BENCH_RUNS` sets the
//! runs per rate (3), `SYNC_SECONDS` a run's length at the limit (20: N =
//! 500 at 25/s, 5,000 at 250/s), `SYNC_MEMORY_SIZES` the sizes of the
//! memory part (`10000,100000`). Every figure is also printed as a
//! `bench-result:` line.

use std::future::Future;
use std::time::Instant;

use attio_emulator::Emulator;
use attio_runtime::api::identity::Identity;
use attio_runtime::sync::{BulkSync, SqliteState};
use attio_runtime::{
    Assert, AttioApi, Error, RateLimits, Record, RecordId, RecordIdentity, RetryPolicy, Stored,
};
use attio_tests::bench::{env_or, result};
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::Person;
use futures_util::stream;

const KEY: &str = "emulator-bench-key-0123456789";

fn rate_runs(runtime: &tokio::runtime::Runtime) {
    let runs = env_or("ATTIO_BENCH_RUNS", 3usize);
    let seconds = env_or("SYNC_SECONDS", 20usize);
    println!("limit | N | run | wall | writes/s | fraction of limit | 429s per 1,000 writes | second-run requests");
    for limit in [25u32, 250] {
        let n = limit as usize * seconds;
        for run in 1..=runs {
            let (wall, writes, rate_limited, second) = runtime.block_on(async {
                let emulator =
                    support::emulator(Emulator::builder().rate_limits(1_000, limit), KEY).await;
                let limits = RateLimits {
                    reads_per_second: 100.0,
                    writes_per_second: f64::from(limit),
                };
                let client = support::client_with(&emulator, KEY, limits, RetryPolicy::default());
                let sync = BulkSync::new(&client);
                let people = || stream::iter((0..n).map(numbered_person));
                let started = Instant::now();
                let first = sync
                    .upsert(Person::EMAIL_ADDRESSES, people())
                    .await
                    .unwrap();
                let wall = started.elapsed();
                assert_eq!(first.created, n as u64, "{first}");
                let second = sync
                    .upsert(Person::EMAIL_ADDRESSES, people())
                    .await
                    .unwrap();
                emulator.shutdown().await;
                (wall, first.writes, first.rate_limited, second.requests)
            });
            let rate = writes as f64 / wall.as_secs_f64();
            println!(
                "{limit}/s | {n} | {run} | {:.2} s | {rate:.2} | {:.3} | {:.1} | {second}",
                wall.as_secs_f64(),
                rate / f64::from(limit),
                rate_limited as f64 * 1000.0 / writes as f64,
            );
            let case = format!("{limit}/s, N = {n}");
            result("sync", &case, "writes/s", rate, "/s");
            result(
                "sync",
                &case,
                "fraction of limit",
                rate / f64::from(limit),
                "x",
            );
            result("sync", &case, "429s", rate_limited as f64, "count");
            result("sync", &case, "second-run requests", second as f64, "count");
        }
    }
}

/// Answers every assert at once with a fresh record, keeping nothing.
struct Instant200;

impl AttioApi for Instant200 {
    // The sync asks which workspace its state belongs to before it writes.
    async fn identify(&self) -> Result<Identity, Error> {
        let workspace = "6a2c1f0e-0000-4000-8000-000000000000";
        let identity = serde_json::json!({"active": true, "workspace_id": workspace});
        Ok(serde_json::from_value(identity).expect("an identity"))
    }

    fn assert_record<R>(
        &self,
        assert: Assert<R>,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
        R::Write: Send,
    {
        drop(assert);
        let values = R::from_values(&Default::default()).expect("every field is optional");
        let id = format!("{:08x}-0000-4000-8000-000000000000", fastrand::u32(..));
        std::future::ready(Ok(Stored {
            id: RecordIdentity {
                workspace_id: "w".into(),
                object_id: "o".into(),
                record_id: RecordId::new(&id).expect("a UUID"),
            },
            created_at: chrono::Utc::now(),
            web_url: None,
            values,
        }))
    }
}

/// The process's peak resident memory so far, in MiB (Linux `VmHWM`).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn memory_runs(runtime: &tokio::runtime::Runtime) {
    println!("\nN | wall | inputs/s | peak RSS after the run");
    println!("0 | - | - | {:.1} MiB", peak_mib());
    result(
        "sync",
        "memory, N = 0 (before)",
        "peak RSS",
        peak_mib(),
        "MiB",
    );
    let sizes = std::env::var("SYNC_MEMORY_SIZES").unwrap_or_else(|_| "10000,100000".into());
    for n in sizes.split(',').map(|n| {
        n.trim()
            .parse::<usize>()
            .expect("SYNC_MEMORY_SIZES: numbers separated by commas")
    }) {
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let report = runtime.block_on(async {
            let state = SqliteState::open(dir.path().join("state.sqlite")).unwrap();
            BulkSync::new(&Instant200)
                .state(state)
                .upsert(
                    Person::EMAIL_ADDRESSES,
                    stream::iter((0..n).map(numbered_person)),
                )
                .await
                .unwrap()
        });
        let wall = started.elapsed();
        assert_eq!(report.done, n as u64);
        println!(
            "{n} | {:.2} s | {:.0} | {:.1} MiB",
            wall.as_secs_f64(),
            n as f64 / wall.as_secs_f64(),
            peak_mib()
        );
        let case = format!("memory, N = {n}");
        result("sync", &case, "wall", wall.as_secs_f64(), "s");
        result(
            "sync",
            &case,
            "inputs/s",
            n as f64 / wall.as_secs_f64(),
            "/s",
        );
        result("sync", &case, "peak RSS", peak_mib(), "MiB");
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let only = |part: &str| std::env::args().any(|a| a == part);
    if !only("memory") {
        rate_runs(&runtime);
    }
    if !only("rate") {
        memory_runs(&runtime);
    }
}
