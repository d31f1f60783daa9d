//! A sync interrupted midway — its task aborted, or its process killed
//! with SIGKILL — resumes from its SQLite state: every record present once,
//! and the resumed run writes only what had no recorded success.

use std::process::Command;
use std::time::Duration;

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::sync::{BulkSync, SqliteState, StateStore};
use attio_runtime::value::EmailAddress;
use attio_runtime::{Client, Query, RateLimits, RetryPolicy};
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::Person;
use futures_util::{stream, TryStreamExt};

const KEY: &str = "sync-resume-key-0123456789abcdef";
const SCOPE: &str = "objects/people/email_addresses";
const N: usize = 600;
/// Fast enough for a short test, slow enough that the interruption lands midway.
const RATE: f64 = 200.0;

fn client(emulator: &RunningEmulator) -> Client {
    let limits = RateLimits {
        reads_per_second: 1_000.0,
        writes_per_second: RATE,
    };
    support::client_with(emulator, KEY, limits, RetryPolicy::default())
}

fn people() -> impl futures_util::Stream<Item = attio_tests::workspace::PersonWrite> + Send {
    stream::iter((0..N).map(numbered_person))
}

/// The people in Attio: how many records, and how many distinct emails.
async fn census(client: &Client) -> (usize, usize) {
    let people: Vec<_> = client
        .query_records(Query::<Person>::new())
        .try_collect()
        .await
        .unwrap();
    let mut emails: Vec<String> = people
        .iter()
        .flat_map(|p| p.values.email_addresses.iter().map(EmailAddress::as_str))
        .map(str::to_owned)
        .collect();
    emails.sort_unstable();
    emails.dedup();
    (people.len(), emails.len())
}

/// Resumes from the state at `path`, then checks the end state and that
/// only the inputs without a recorded success were written.
async fn resume_and_check(emulator: &RunningEmulator, path: &std::path::Path) {
    let client = client(emulator);
    let state = SqliteState::open(path).unwrap();
    let recorded = state.len(SCOPE).unwrap();
    let (before, _) = census(&client).await;
    assert!(
        recorded > 0 && (recorded as usize) < N,
        "interrupted midway: {recorded} of {N}"
    );
    assert!(
        before >= recorded as usize
            && before - recorded as usize <= attio_runtime::sync::DEFAULT_CONCURRENCY,
        "at most the writes in flight went unrecorded: {before} records, {recorded} recorded"
    );

    let report = BulkSync::new(&client)
        .state(state)
        .upsert(Person::EMAIL_ADDRESSES, people())
        .await
        .unwrap();
    assert_eq!(report.done, N as u64, "{report}");
    assert_eq!(report.unchanged, recorded, "{report}");
    assert_eq!(
        report.writes,
        N as u64 - recorded,
        "only the remainder is written: {report}"
    );
    assert_eq!(report.failed, 0, "{report}");
    assert_eq!(census(&client).await, (N, N), "every record present once");
}

#[tokio::test]
async fn an_aborted_sync_task_resumes_from_its_sqlite_state() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");

    let (reached, midway) = tokio::sync::oneshot::channel();
    let reached = std::sync::Mutex::new(Some(reached));
    let task = {
        let client = client(&emulator);
        let state = SqliteState::open(&path).unwrap();
        tokio::spawn(async move {
            let sync = BulkSync::new(&client)
                .state(state)
                .on_progress(move |report| {
                    if report.done >= N as u64 / 3 {
                        if let Some(reached) = reached.lock().unwrap().take() {
                            let _ = reached.send(());
                        }
                    }
                });
            sync.upsert(Person::EMAIL_ADDRESSES, people()).await
        })
    };
    midway.await.unwrap();
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());

    resume_and_check(&emulator, &path).await;
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_sync_process_killed_with_sigkill_resumes_from_its_sqlite_state() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    // Created before the child starts, so that this process can watch it.
    let watcher = SqliteState::open(&path).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_sync-child"))
        .args([path.to_str().unwrap(), &N.to_string(), &RATE.to_string()])
        .env("ATTIO_API_KEY", KEY)
        .env("ATTIO_BASE_URL", emulator.base_url())
        .spawn()
        .expect("the child starts");
    loop {
        if watcher.len(SCOPE).unwrap() >= N as u64 / 3 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the child ended before it was killed: {status}");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no flush, no goodbye
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(watcher);

    resume_and_check(&emulator, &path).await;
    emulator.shutdown().await;
}
