//! The fleet harness, sizes as parameters: N workspaces with their tokens
//! and data in one emulator, W worker processes syncing R records each,
//! one worker SIGKILLed mid-run and another started later; and webhook
//! deliveries across the workspaces to two receiver replicas, with
//! duplicates, reordering and tampered ones.
//!
//! `cargo test` runs it small; the full size is
//! `ATTIO_FLEET_SIZES=200,300,3,20000 cargo test --release -p attio-fleet --test it -- --ignored --exact harness::full_size --nocapture`
//! (workspaces, records, workers, deliveries), whose figures go to BENCHMARKS.md.
//!
//! The workers are this test binary run again (`worker_process`, ignored
//! unless the harness starts it), so no other binary is built.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use attio_emulator::RunningEmulator;
use attio_fleet::{
    connect, Inbox, Installations, Job, JobContext, JobError, JobFuture, Keyring, Received,
    Scheduler, Slice, Worker, WorkerConfig,
};
use attio_runtime::sync::BulkSync;
use attio_runtime::value::Domain;
use attio_runtime::webhooks::{sign, WebhookSecret};
use attio_runtime::Record;
use futures_util::{stream, StreamExt};
use http::{HeaderMap, HeaderValue};
use tokio::process::{Child, Command};

use crate::install::emulator;
use crate::storage::{db, Db};

/// The sizes of one run.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub workspaces: usize,
    pub records: usize,
    pub workers: usize,
    pub deliveries: usize,
}

impl Sizes {
    /// What `cargo test` runs: well under CI's budget.
    const SMALL: Sizes = Sizes {
        workspaces: 20,
        records: 50,
        workers: 3,
        deliveries: 2000,
    };

    /// `ATTIO_FLEET_SIZES=workspaces,records,workers,deliveries`.
    fn from_env() -> Sizes {
        let text = std::env::var("ATTIO_FLEET_SIZES").unwrap_or_else(|_| "200,300,3,20000".into());
        let n: Vec<usize> = text
            .split(',')
            .map(|v| v.trim().parse().expect("a number"))
            .collect();
        Sizes {
            workspaces: n[0],
            records: n[1],
            workers: n[2],
            deliveries: n[3],
        }
    }
}

/// A lease lives this long without a heartbeat.
const TTL: Duration = Duration::from_secs(2);
/// A job yields its workspace after this long.
const SLICE: Duration = Duration::from_millis(1500);

const WORKER_DB: &str = "ATTIO_FLEET_HARNESS_DB";

#[derive(Debug, Clone, Record)]
#[attio(
    object = "companies",
    upsert = "domains",
    schema = "../attio-emulator/src/default_workspace.json"
)]
pub struct Company {
    pub domains: Vec<Domain>,
    pub name: Option<String>,
}

/// The product's data for one workspace: `records` companies.
struct ProductSync {
    records: usize,
}

fn domain(workspace_id: &str, i: usize) -> String {
    format!("c{i}.w{}.example.com", &workspace_id[..8])
}

impl Job for ProductSync {
    fn run<'a>(&'a self, ctx: &'a JobContext) -> JobFuture<'a> {
        Box::pin(async move {
            let deadline = ctx.deadline;
            let workspace = ctx.workspace_id.clone();
            let inputs = stream::iter(0..self.records)
                .take_while(move |_| std::future::ready(Instant::now() < deadline))
                .map(move |i| {
                    let domain = Domain::new(&domain(&workspace, i)).expect("a valid domain");
                    Company::write()
                        .name(format!("Company {i}"))
                        .domains([domain])
                });
            let report = BulkSync::new(&ctx.client)
                .state(ctx.state.clone())
                .upsert(Company::DOMAINS, inputs)
                .await?;
            if report.failed > 0 {
                return Err(JobError::Other(format!("{} writes failed", report.failed)));
            }
            let all = usize::try_from(report.done).unwrap_or(0) == self.records;
            Ok(if all { Slice::Done } else { Slice::More })
        })
    }
}

/// The worker process: runs until killed. Ignored unless the harness
/// starts it (it passes at once when run by hand without its settings).
#[test]
#[ignore = "a worker process of the fleet harness, which starts it"]
fn worker_process() {
    let Ok(url) = std::env::var(WORKER_DB) else {
        return;
    };
    let var =
        |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the harness"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = Arc::new(connect(&url).await.unwrap());
        let installations = Installations::new(db.clone(), Keyring::from_env().unwrap());
        let scheduler = Scheduler::new(db.clone(), TTL);
        let mut config = WorkerConfig::new(var("ATTIO_FLEET_HARNESS_NAME"));
        config.base_url = Some(var("ATTIO_FLEET_HARNESS_BASE"));
        config.slice = SLICE;
        config.poll = Duration::from_millis(50);
        config.concurrency = 64;
        let job = ProductSync {
            records: var("ATTIO_FLEET_HARNESS_RECORDS").parse().unwrap(),
        };
        let worker = Worker::new(db, installations, scheduler, job, config);
        worker.run(std::future::pending()).await.unwrap();
    });
}

fn spawn_worker(name: &str, t: &Db, emulator: &RunningEmulator, sizes: Sizes) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "harness::worker_process",
            "--nocapture",
        ])
        .env(WORKER_DB, &t.url)
        .env(attio_fleet::KEY_ENV, &t.key)
        .env("ATTIO_FLEET_HARNESS_NAME", name)
        .env("ATTIO_FLEET_HARNESS_BASE", emulator.base_url())
        .env("ATTIO_FLEET_HARNESS_RECORDS", sizes.records.to_string())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

async fn one_number(db: &tokio_postgres::Client, sql: &str) -> f64 {
    db.query_one(sql, &[]).await.unwrap().get(0)
}

/// N workspaces installed in one emulator: their ids and tokens.
async fn install(t: &Db, emulator: &RunningEmulator, n: usize) -> Vec<(String, String)> {
    let mut installed = Vec::new();
    for i in 0..n {
        let id = emulator.create_workspace(&format!("Customer {i}"));
        let token = emulator.install(&id).unwrap();
        let key = attio_runtime::ApiKey::new(token.clone()).unwrap();
        t.installations
            .install(&id, &format!("Customer {i}"), &key)
            .await
            .unwrap();
        installed.push((id, token));
    }
    installed
}

async fn sync_scenario(sizes: Sizes) {
    let Some(t) = db("harness_sync").await else {
        return;
    };
    let emulator = emulator().await;
    let started = Instant::now();
    let installed = install(&t, &emulator, sizes.workspaces).await;
    let mut workers: Vec<Child> = (0..sizes.workers)
        .map(|i| spawn_worker(&format!("worker-{i}"), &t, &emulator, sizes))
        .collect();

    // Mid-run: a third of the records written, SIGKILL worker 0.
    let total = (sizes.workspaces * sizes.records) as f64;
    let deadline = Instant::now() + Duration::from_secs(120);
    while one_number(&t.db, "SELECT count(*)::float8 FROM attio_fleet_sync_state").await
        < total / 3.0
    {
        assert!(Instant::now() < deadline, "the fleet makes no progress");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    workers[0].start_kill().unwrap();
    let _ = workers[0].wait().await;
    let killed_at = one_number(&t.db, "SELECT extract(epoch FROM now())::float8").await;
    // What the dead worker held: no one releases it now but expiry.
    let held: Vec<String> = t
        .db
        .query(
            "SELECT workspace_id FROM attio_fleet_work WHERE holder = 'worker-0' AND lease_until > now()",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();

    tokio::time::sleep(Duration::from_millis(500)).await;
    workers.push(spawn_worker("worker-late", &t, &emulator, sizes));

    while one_number(
        &t.db,
        "SELECT count(*)::float8 FROM attio_fleet_work WHERE requested > done",
    )
    .await
        > 0.0
    {
        assert!(Instant::now() < deadline, "the fleet does not finish");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let elapsed = started.elapsed();
    for worker in &mut workers {
        let _ = worker.start_kill();
        let _ = worker.wait().await;
    }

    // Every record exactly once, in every workspace.
    let http = reqwest::Client::new();
    for (id, token) in &installed {
        let body: serde_json::Value = http
            .post(format!(
                "{}/v2/objects/companies/records/query",
                emulator.base_url()
            ))
            .bearer_auth(token)
            .json(&serde_json::json!({"limit": sizes.records + 100}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut domains: Vec<String> = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["values"]["domains"][0]["domain"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        domains.sort();
        let mut expected: Vec<String> = (0..sizes.records).map(|i| domain(id, i)).collect();
        expected.sort();
        assert_eq!(domains, expected, "workspace {id}");
    }
    assert_eq!(emulator.rate_limited_total(), 0, "no 429 across the fleet");

    // The dead worker's workspaces were taken over within the lease time
    // (plus a poll of the workers).
    assert!(
        !held.is_empty(),
        "the killed worker held no workspace: nothing was taken over"
    );
    let mut slowest: f64 = 0.0;
    for id in &held {
        let row = t
            .db
            .query_one(
                "SELECT takeovers, extract(epoch FROM taken_over_at)::float8 FROM attio_fleet_work WHERE workspace_id = $1",
                &[id],
            )
            .await
            .unwrap();
        let takeovers: i64 = row.get(0);
        let at: Option<f64> = row.get(1);
        assert!(
            takeovers >= 1,
            "workspace {id}, held by the killed worker, was not taken over"
        );
        let delay = at.unwrap_or(f64::MAX) - killed_at;
        assert!(
            delay <= TTL.as_secs_f64() + 0.5,
            "workspace {id} taken over {delay:.2} s after the kill; the lease is {TTL:?}"
        );
        slowest = slowest.max(delay);
    }
    eprintln!(
        "harness sync: {} workspaces × {} records, {} workers (+1 late, 1 killed holding {}, taken over within {slowest:.2} s): {:.1} s, {:.0} writes/s",
        sizes.workspaces,
        sizes.records,
        sizes.workers,
        held.len(),
        elapsed.as_secs_f64(),
        total / elapsed.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_syncs_every_workspace_once_through_a_killed_worker() {
    sync_scenario(Sizes::SMALL).await;
}

/// One delivery to send: its headers and body, and whether it is genuine.
struct Send {
    headers: HeaderMap,
    body: String,
    genuine: bool,
    n: usize,
}

async fn webhook_scenario(sizes: Sizes) {
    let Some(t) = db("harness_webhooks").await else {
        return;
    };
    let mut hooks = Vec::new();
    for i in 0..sizes.workspaces {
        let id = format!("workspace-{i}");
        let key = attio_runtime::ApiKey::new(format!("token-{i}")).unwrap();
        t.installations.install(&id, &id, &key).await.unwrap();
        let secret = Keyring::generate_key();
        t.installations
            .set_webhook(
                &id,
                &format!("hook-{i}"),
                &WebhookSecret::new(secret.clone()),
            )
            .await
            .unwrap();
        hooks.push(secret);
    }
    // Genuine deliveries, a fifth of them sent twice, one in a hundred
    // tampered (changed after signing); all shuffled.
    fastrand::seed(23);
    let mut sends = Vec::new();
    for n in 0..sizes.deliveries {
        let w = n % sizes.workspaces;
        let body = format!(
            r#"{{"webhook_id":"hook-{w}","events":[{{"event_type":"record.updated","n":{n}}}]}}"#
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            "attio-signature",
            HeaderValue::from_str(&sign(hooks[w].as_str(), body.as_bytes())).unwrap(),
        );
        headers.insert(
            "idempotency-key",
            HeaderValue::from_str(&format!("delivery-{n}")).unwrap(),
        );
        let tampered = n % 100 == 7;
        let copies = if n % 5 == 0 { 2 } else { 1 };
        for _ in 0..copies {
            sends.push(Send {
                headers: headers.clone(),
                body: if tampered {
                    body.replace("updated", "deleted")
                } else {
                    body.clone()
                },
                genuine: !tampered,
                n,
            });
        }
    }
    fastrand::shuffle(&mut sends);
    let genuine: std::collections::HashSet<usize> =
        sends.iter().filter(|s| s.genuine).map(|s| s.n).collect();
    let tampered = sends.iter().filter(|s| !s.genuine).count();

    // Two receiver replicas, each with its own connection, four senders each.
    let mut replicas = Vec::new();
    for _ in 0..2 {
        let db = Arc::new(connect(&t.url).await.unwrap());
        let installations = Installations::new(db.clone(), Keyring::new(&t.key, &[]).unwrap());
        replicas.push(Inbox::new(db, installations));
    }
    let sends = Arc::new(sends);
    let mut tasks = tokio::task::JoinSet::new();
    for lane in 0..8 {
        let inbox = replicas[lane % 2].clone();
        let sends = sends.clone();
        tasks.spawn(async move {
            let mut counts = (0, 0, 0);
            for send in sends.iter().skip(lane).step_by(8) {
                match inbox
                    .receive(&send.headers, send.body.as_bytes())
                    .await
                    .unwrap()
                {
                    Ok(Received::Stored { .. }) => counts.0 += 1,
                    Ok(Received::Duplicate { .. }) => counts.1 += 1,
                    Err(_) => {
                        assert!(!send.genuine, "a genuine delivery was refused");
                        counts.2 += 1;
                    }
                }
            }
            counts
        });
    }
    let (mut stored, mut refused) = (0, 0);
    while let Some(counts) = tasks.join_next().await {
        let (s, _, r) = counts.unwrap();
        stored += s;
        refused += r;
    }
    assert_eq!(refused, tampered, "every tampered delivery refused");
    assert_eq!(stored, genuine.len(), "each genuine delivery stored once");

    // Two processors, each over every workspace: effects in the batch's
    // transaction, so each delivery is processed exactly once.
    t.db.batch_execute(
        "CREATE TABLE processed (id bigserial, workspace_id text, seq bigint, body text)",
    )
    .await
    .unwrap();
    let mut processors = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let url = t.url.clone();
        let workspaces = sizes.workspaces;
        processors.spawn(async move {
            let mut db = connect(&url).await.unwrap();
            loop {
                let mut any = 0;
                for w in 0..workspaces {
                    let batch = Inbox::batch(&mut db, &format!("workspace-{w}"), 50).await.unwrap();
                    for d in batch.deliveries() {
                        batch
                            .transaction()
                            .execute(
                                "INSERT INTO processed (workspace_id, seq, body) VALUES ($1, $2, $3)",
                                &[&d.workspace_id, &d.seq, &d.body],
                            )
                            .await
                            .unwrap();
                    }
                    any += batch.commit().await.unwrap();
                }
                if any == 0 {
                    break;
                }
            }
        });
    }
    while processors.join_next().await.is_some() {}
    let rows =
        t.db.query(
            "SELECT workspace_id, seq, body FROM processed ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut last_seq: HashMap<String, i64> = HashMap::new();
    for row in &rows {
        let body: String = row.get(2);
        let n: usize = body
            .rsplit("\"n\":")
            .next()
            .unwrap()
            .trim_end_matches("}]}")
            .parse()
            .unwrap();
        *seen.entry(n).or_default() += 1;
        let workspace: String = row.get(0);
        let seq: i64 = row.get(1);
        let last = last_seq.insert(workspace.clone(), seq);
        assert!(
            last.is_none_or(|l| l < seq),
            "workspace {workspace} processed out of arrival order"
        );
    }
    assert!(seen.values().all(|&c| c == 1), "a delivery processed twice");
    assert_eq!(
        seen.len(),
        genuine.len(),
        "every genuine delivery processed"
    );
    eprintln!(
        "harness webhooks: {} deliveries ({} sent with duplicates, {tampered} tampered) over {} workspaces, 2 replicas",
        sizes.deliveries,
        sends.len(),
        sizes.workspaces
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_deliveries_are_processed_once_and_forgeries_refused() {
    webhook_scenario(Sizes::SMALL).await;
}

/// The full size, as a command (see the module's documentation).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "the full-size run: minutes; figures for BENCHMARKS.md"]
async fn full_size() {
    let sizes = Sizes::from_env();
    sync_scenario(sizes).await;
    webhook_scenario(sizes).await;
}
