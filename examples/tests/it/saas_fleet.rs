//! saas-fleet end to end: customers connect through OAuth, the workers push
//! each one's accounts, webhooks come back through the inbox. It starts a
//! throwaway PostgreSQL cluster; where none can start it fails and says
//! why, unless ATTIO_SKIP_POSTGRES=1.

use attio_examples::saas_fleet::{run, Settings};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_connected_workspace_gets_its_accounts_and_its_webhooks_processed() {
    let settings = Settings {
        customers: 3,
        accounts: 10,
        workers: 2,
        database_url: None,
        serve: false,
        metrics: None,
    };
    let summary = match run(settings, |_| {}).await {
        Err(error) if std::env::var("ATTIO_SKIP_POSTGRES").is_ok_and(|v| v == "1") => {
            eprintln!(
                "\n!!!! SKIPPED (ATTIO_SKIP_POSTGRES=1): saas-fleet could not run: {error:#}\n"
            );
            return;
        }
        outcome => outcome.expect("saas-fleet runs (it needs the postgresql package)"),
    };
    assert_eq!(summary.records, [10, 10, 10], "{summary}");
    assert_eq!(
        summary.ensured,
        [true, true, true],
        "the product's object in every workspace"
    );
    assert!(
        summary.workspaces.iter().all(|w| w.connected && !w.pending),
        "{summary}"
    );
    assert_eq!(summary.rate_limited, 0, "{summary}");
    // `/metrics` has each workspace's samples.
    for w in &summary.workspaces {
        let runs = format!(
            "saas_fleet_workspace_runs_total{{workspace_id=\"{}\"}} {}",
            w.workspace_id, w.runs
        );
        assert!(
            summary.metrics.lines().any(|l| l == runs),
            "{runs:?} in\n{}",
            summary.metrics
        );
    }
}
