//! `-v` / `--verbose`: the client's line per request on standard error,
//! the key never in it; without it, no such line.

use std::process::{Command, Output};

use attio_emulator::Emulator;
use attio_schema::Snapshot;

use crate::support::{fixture, stderr, BIN};

/// Distinctive, so that a test can tell that it was never printed.
const KEY: &str = "verbose-key-3e8f0a";

/// Runs `cargo attio-gen ARGS` in `dir` with [`KEY`] and no `RUST_LOG`,
/// on the blocking pool so that the test's runtime keeps serving the
/// emulator.
async fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("attio-gen")
        .args(args)
        .current_dir(dir)
        .env("ATTIO_API_KEY", KEY)
        .env_remove("ATTIO_BASE_URL")
        .env_remove("RUST_LOG");
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap()
}

#[tokio::test]
async fn verbose_logs_each_request_and_never_the_key() {
    let emulator = Emulator::builder()
        .schema(Snapshot::new(fixture()))
        .api_key(KEY)
        .without_rate_limits()
        .start()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let pull = ["pull", "--base-url", &url, "--snapshot", "pulled.json"];

    let quiet = run(dir.path(), &pull).await;
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert!(
        !stderr(&quiet).contains("attio.request"),
        "{}",
        stderr(&quiet)
    );

    let mut verbose_pull = pull.to_vec();
    verbose_pull.push("-v");
    let verbose = run(dir.path(), &verbose_pull).await;
    assert_eq!(verbose.status.code(), Some(0), "{}", stderr(&verbose));
    let logs = stderr(&verbose);
    let line = logs
        .lines()
        .find(|line| line.contains("attio.request") && line.contains("path=/v2/objects "))
        .unwrap_or_else(|| panic!("no line for GET /v2/objects:\n{logs}"));
    for field in [
        "INFO",
        "method=GET",
        "status=200",
        "attempt=1",
        "latency_ms=",
    ] {
        assert!(line.contains(field), "{field} missing: {line}");
    }
    assert!(!logs.contains(KEY), "the key leaked: {logs}");
    emulator.shutdown().await;
}
