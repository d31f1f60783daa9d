//! The webhook half of the harness: deliveries across the workspaces to
//! two receiver replicas (inboxes on connections of their own), with
//! duplicates, reordering and tampered ones; two processors drain them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use attio_fleet::{connect, Inbox, Installations, Keyring, Received};
use attio_runtime::webhooks::{sign, WebhookSecret};
use http::{HeaderMap, HeaderValue};

use super::Sizes;
use crate::storage::db;

/// One delivery to send: its headers and body, and whether it is genuine.
struct Send {
    headers: HeaderMap,
    body: String,
    genuine: bool,
    n: usize,
}

pub async fn webhook_scenario(sizes: Sizes) -> Option<WebhooksMeasured> {
    let t = db("harness_webhooks").await?;
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
    let started = Instant::now();
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
    let seconds = started.elapsed().as_secs_f64();
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
        "harness webhooks: {} deliveries ({} sent with duplicates, {tampered} tampered) over {} workspaces, 2 replicas: {seconds:.1} s from the first delivery to the last processed",
        sizes.deliveries,
        sends.len(),
        sizes.workspaces
    );
    Some(WebhooksMeasured {
        deliveries: sizes.deliveries,
        refused,
        seconds,
    })
}

/// What the webhook scenario measured (after its assertions held).
pub struct WebhooksMeasured {
    /// Genuine deliveries, each processed once.
    pub deliveries: usize,
    /// Tampered deliveries, every one refused.
    pub refused: usize,
    /// From the first delivery sent to the last processed.
    pub seconds: f64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_deliveries_are_processed_once_and_forgeries_refused() {
    webhook_scenario(Sizes::SMALL).await;
}
