//! Installations, sync state, leases and the inbox against PostgreSQL.

use std::sync::Arc;
use std::time::Duration;

use attio_fleet::{
    connect, migrate, Inbox, Installations, Keyring, PgState, Received, Scheduler, Status,
};
use attio_runtime::sync::{StateStore, Synced};
use attio_runtime::webhooks::{sign, WebhookSecret};
use attio_runtime::ApiKey;
use http::{HeaderMap, HeaderValue};

use crate::postgres;

pub struct Db {
    pub url: String,
    pub db: Arc<tokio_postgres::Client>,
    pub key: String,
    pub installations: Installations,
}

/// A migrated database of its own, or `None` when skipped.
pub async fn db(name: &str) -> Option<Db> {
    let url = postgres::database(name).await?;
    let mut client = connect(&url).await.unwrap();
    migrate(&mut client).await.unwrap();
    let db = Arc::new(client);
    let key = Keyring::generate_key();
    let installations = Installations::new(db.clone(), Keyring::new(&key, &[]).unwrap());
    Some(Db {
        url,
        db,
        key,
        installations,
    })
}

fn token(s: &str) -> ApiKey {
    ApiKey::new(s).unwrap()
}

#[tokio::test]
async fn tokens_are_sealed_at_rest_and_a_rotation_reseals_them() {
    let Some(t) = db("rotation").await else {
        return;
    };
    t.installations
        .install("w1", "Acme", &token("secret-token-1"))
        .await
        .unwrap();
    t.installations
        .set_webhook("w1", "hook-1", &WebhookSecret::new("hook-secret-1"))
        .await
        .unwrap();
    let raw: Vec<u8> =
        t.db.query_one("SELECT token FROM attio_fleet_installations", &[])
            .await
            .unwrap()
            .get(0);
    assert!(!String::from_utf8_lossy(&raw).contains("secret-token-1"));
    assert_eq!(
        t.installations.token("w1").await.unwrap().expose_secret(),
        "secret-token-1"
    );

    // Rotate: the new key seals, the old one still opens until the rotation.
    let new_key = Keyring::generate_key();
    let rotated = Installations::new(t.db.clone(), Keyring::new(&new_key, &[&t.key]).unwrap());
    let mut admin = connect(&t.url).await.unwrap();
    assert_eq!(rotated.rotate_key(&mut admin).await.unwrap(), 2);
    let only_new = Installations::new(t.db.clone(), Keyring::new(&new_key, &[]).unwrap());
    assert_eq!(
        only_new.token("w1").await.unwrap().expose_secret(),
        "secret-token-1"
    );
    let (workspace, secret) = only_new.webhook("hook-1").await.unwrap().unwrap();
    assert_eq!(
        (workspace.as_str(), secret.expose_secret()),
        ("w1", "hook-secret-1")
    );
    // The old key alone opens nothing any more.
    assert!(t.installations.token("w1").await.is_err());
    assert!(!format!("{only_new:?}").contains(&new_key));
}

#[tokio::test]
async fn an_uninstall_forgets_the_token_and_disconnects() {
    let Some(t) = db("uninstall").await else {
        return;
    };
    t.installations
        .install("w1", "Acme", &token("t1"))
        .await
        .unwrap();
    t.installations
        .install("w2", "Beta", &token("t2"))
        .await
        .unwrap();
    t.installations.uninstall("w1", None).await.unwrap();
    let w1 = t.installations.get("w1").await.unwrap().unwrap();
    assert_eq!(w1.status, Status::Disconnected);
    assert!(t.installations.token("w1").await.is_err());
    assert_eq!(
        t.installations.get("w2").await.unwrap().unwrap().status,
        Status::Connected
    );
    // A new install reconnects it.
    t.installations
        .install("w1", "Acme", &token("t1b"))
        .await
        .unwrap();
    assert_eq!(
        t.installations.get("w1").await.unwrap().unwrap().status,
        Status::Connected
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sync_state_is_shared_per_namespace_and_bound_to_one_workspace() {
    let Some(t) = db("state").await else { return };
    let a = PgState::new(t.db.clone(), "w1");
    let again = PgState::new(t.db.clone(), "w1");
    let other = PgState::new(t.db.clone(), "w2");
    let synced = Synced {
        id: "r1".into(),
        hash: "h1".into(),
    };
    a.put("objects/companies/domains", "acme.com", &synced)
        .unwrap();
    assert_eq!(
        again.get("objects/companies/domains", "acme.com").unwrap(),
        Some(synced)
    );
    assert_eq!(
        other.get("objects/companies/domains", "acme.com").unwrap(),
        None
    );
    assert_eq!(again.len("objects/companies/domains").unwrap(), 1);
    again
        .remove("objects/companies/domains", "acme.com")
        .unwrap();
    assert_eq!(a.len("objects/companies/domains").unwrap(), 0);
    assert_eq!(a.bind_workspace("ws-1").unwrap(), "ws-1");
    assert_eq!(again.bind_workspace("ws-2").unwrap(), "ws-1");
    assert_eq!(other.bind_workspace("ws-2").unwrap(), "ws-2");
}

#[tokio::test]
async fn the_sync_state_refuses_a_current_thread_runtime_without_panicking() {
    let Some(t) = db("flavor").await else { return };
    let error = PgState::new(t.db.clone(), "w").get("s", "k").unwrap_err();
    assert!(error.to_string().contains("multi-threaded"), "{error}");
}

#[tokio::test]
async fn a_lease_is_exclusive_until_it_expires_and_then_taken_over() {
    let Some(t) = db("lease").await else { return };
    t.installations
        .install("w1", "Acme", &token("t1"))
        .await
        .unwrap();
    let scheduler = Scheduler::new(t.db.clone(), Duration::from_millis(400));
    // The install's own writes hold the workspace's budget for a second.
    assert_eq!(scheduler.acquire("worker-a").await.unwrap(), None);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let lease = scheduler.acquire("worker-a").await.unwrap().unwrap();
    assert_eq!(lease.workspace_id, "w1");
    assert!(!lease.taken_over);
    // A workspace never served, free when w1's lease expires below.
    t.installations
        .install("w2", "Beta", &token("t2"))
        .await
        .unwrap();
    assert_eq!(scheduler.acquire("worker-b").await.unwrap(), None);
    assert_eq!(scheduler.take_over("worker-b").await.unwrap(), None);
    // A heartbeat keeps it past the first ttl.
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert!(scheduler.heartbeat(&lease).await.unwrap());
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(scheduler.acquire("worker-b").await.unwrap(), None);
    // Without heartbeats it expires, and another worker takes it over:
    // before w2, free too and never served, since a dead worker's
    // workspace must not wait longer than its lease.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let taken = scheduler.acquire("worker-b").await.unwrap().unwrap();
    assert_eq!(taken.workspace_id, "w1");
    assert!(taken.taken_over);
    // Only an expired lease is taken over by `take_over`.
    assert_eq!(scheduler.take_over("worker-c").await.unwrap(), None);
    assert!(
        !scheduler.heartbeat(&lease).await.unwrap(),
        "the old holder lost it"
    );
    // The old holder's release changes nothing.
    scheduler.release(&lease, true, None, 0).await.unwrap();
    assert!(scheduler.heartbeat(&taken).await.unwrap());
    let status = scheduler.status().await.unwrap();
    assert_eq!(status[0].takeovers, 1);
    assert!(status[0].pending);
    assert_eq!(status[1].takeovers, 0);
}

#[tokio::test]
async fn a_sync_requested_during_a_job_stays_pending_and_the_least_recently_served_goes_first() {
    let Some(t) = db("fair").await else { return };
    let scheduler = Scheduler::new(t.db.clone(), Duration::from_secs(30));
    t.installations
        .install("w1", "A", &token("t1"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let first = scheduler.acquire("x").await.unwrap().unwrap();
    t.installations
        .install("w2", "B", &token("t2"))
        .await
        .unwrap();
    scheduler.request("w1").await.unwrap();
    scheduler.release(&first, true, None, 0).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1050)).await;
    // Both wait for work; w1 was served, w2 never was: w2 goes first.
    let next = scheduler.acquire("x").await.unwrap().unwrap();
    assert_eq!(next.workspace_id, "w2");
    scheduler.release(&next, true, None, 0).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let again = scheduler.acquire("x").await.unwrap().unwrap();
    assert_eq!(again.workspace_id, "w1", "requested while it ran");
    scheduler.release(&again, true, None, 0).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(scheduler.acquire("x").await.unwrap(), None, "nothing left");
    // A disconnected workspace is not served.
    scheduler.request("w2").await.unwrap();
    t.installations.disconnect("w2", "test").await.unwrap();
    assert_eq!(scheduler.acquire("x").await.unwrap(), None);
}

fn signed(secret: &str, body: &str, key: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "attio-signature",
        HeaderValue::from_str(&sign(secret, body.as_bytes())).unwrap(),
    );
    headers.insert("idempotency-key", HeaderValue::from_str(key).unwrap());
    headers
}

#[tokio::test]
async fn the_inbox_stores_a_delivery_once_across_replicas_and_refuses_forgeries() {
    let Some(t) = db("inbox").await else { return };
    t.installations
        .install("w1", "A", &token("t1"))
        .await
        .unwrap();
    t.installations
        .set_webhook("w1", "hook-1", &WebhookSecret::new("s1"))
        .await
        .unwrap();
    let replica_a = Inbox::new(t.db.clone(), t.installations.clone());
    let second = Arc::new(connect(&t.url).await.unwrap());
    let replica_b = Inbox::new(
        second.clone(),
        Installations::new(second, Keyring::new(&t.key, &[]).unwrap()),
    );
    let body = r#"{"webhook_id":"hook-1","events":[]}"#;
    let stored = replica_a
        .receive(&signed("s1", body, "k1"), body.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        stored,
        Ok(Received::Stored {
            workspace_id: "w1".into()
        })
    );
    let again = replica_b
        .receive(&signed("s1", body, "k1"), body.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        again,
        Ok(Received::Duplicate {
            workspace_id: "w1".into()
        })
    );
    // Signed with another secret, or a body changed after signing.
    assert!(replica_a
        .receive(&signed("s2", body, "k2"), body.as_bytes())
        .await
        .unwrap()
        .is_err());
    let tampered = body.replace("[]", "[{}]");
    assert!(replica_a
        .receive(&signed("s1", body, "k3"), tampered.as_bytes())
        .await
        .unwrap()
        .is_err());
    let unknown = r#"{"webhook_id":"hook-9","events":[]}"#;
    assert!(replica_a
        .receive(&signed("s1", unknown, "k4"), unknown.as_bytes())
        .await
        .unwrap()
        .is_err());
    assert_eq!(replica_a.backlog().await.unwrap(), [("w1".to_owned(), 1)]);

    let mut processor = connect(&t.url).await.unwrap();
    let batch = Inbox::batch(&mut processor, "w1", 10).await.unwrap();
    assert_eq!(batch.deliveries().len(), 1);
    assert_eq!(batch.commit().await.unwrap(), 1);
    assert!(replica_a.backlog().await.unwrap().is_empty());
}
