//! The scaling benchmark over the harness's sync: writes/s and CPU per
//! write against the number of workspaces and of workers.

use super::{bench_result, sync_scenario, Sizes};

/// The scaling benchmark: `ATTIO_FLEET_SCALING=10x1,10x2,100x4`
/// (workspaces × workers), `ATTIO_FLEET_RECORDS` records each (default
/// 50), no worker killed; prints a Markdown row per run for BENCHMARKS.md.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "the scaling benchmark: minutes; figures for BENCHMARKS.md"]
async fn scaling() {
    let runs = std::env::var("ATTIO_FLEET_SCALING")
        .unwrap_or_else(|_| "10x1,10x2,10x4,100x1,100x2,100x4".into());
    let records: usize = std::env::var("ATTIO_FLEET_RECORDS").map_or(50, |v| v.parse().unwrap());
    println!("| workspaces | workers | writes | seconds | writes/s | worker CPU ms/write | emulator CPU ms/write | 429s |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for run in runs.split(',') {
        let (workspaces, workers) = run.split_once('x').expect("NxW");
        let sizes = Sizes {
            workspaces: workspaces.parse().unwrap(),
            records,
            workers: workers.parse().unwrap(),
            deliveries: 0,
            writes_per_second: 25.0,
        };
        let Some(m) = sync_scenario(sizes, false).await else {
            return;
        };
        let writes = m.writes;
        println!(
            "| {} | {} | {writes} | {:.1} | {:.0} | {:.2} | {:.2} | {} |",
            sizes.workspaces,
            sizes.workers,
            m.seconds,
            writes / m.seconds,
            m.worker_cpu * 1000.0 / writes,
            m.emulator_cpu * 1000.0 / writes,
            m.rate_limited,
        );
        let case = format!("{}x{}", sizes.workspaces, sizes.workers);
        bench_result("fleet_scaling", &case, "writes/s", writes / m.seconds, "/s");
        let per_write = |cpu: f64| cpu * 1000.0 / writes;
        bench_result(
            "fleet_scaling",
            &case,
            "worker CPU ms/write",
            per_write(m.worker_cpu),
            "ms",
        );
        bench_result(
            "fleet_scaling",
            &case,
            "emulator CPU ms/write",
            per_write(m.emulator_cpu),
            "ms",
        );
        bench_result(
            "fleet_scaling",
            &case,
            "429s",
            m.rate_limited as f64,
            "count",
        );
        m.assert_correct();
    }
}
