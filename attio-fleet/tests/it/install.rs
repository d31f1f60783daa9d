//! Installs through the emulator's OAuth endpoints, and an uninstall that
//! disconnects exactly its workspace while the others go on.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use attio_emulator::{Emulator, OAuthApp, RunningEmulator};
use attio_fleet::oauth::OAuthClient;
use attio_fleet::{Job, JobContext, JobFuture, Scheduler, Slice, Status, Worker, WorkerConfig};

use crate::storage::{db, Db};

const CLIENT_ID: &str = "fleet-app";
const SECRET: &str = "fleet-app-secret";
const REDIRECT: &str = "http://127.0.0.1:9/attio/callback";

pub async fn emulator() -> RunningEmulator {
    Emulator::builder()
        .oauth_app(OAuthApp::new(CLIENT_ID, SECRET).redirect_uri(REDIRECT))
        .start()
        .await
        .unwrap()
}

pub fn oauth(emulator: &RunningEmulator) -> OAuthClient {
    OAuthClient::new(CLIENT_ID, SECRET, REDIRECT).base_url(&emulator.base_url())
}

/// The browser's part: follows the authorize URL to the callback (the
/// emulator's consent screen says yes at once, for `workspace_id`), and
/// returns the callback's query string.
async fn consent(oauth: &OAuthClient, state: &str, workspace_id: &str) -> String {
    let url = format!("{}&workspace_id={workspace_id}", oauth.authorize_url(state));
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser.get(url).send().await.unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(REDIRECT), "{location}");
    location.split_once('?').unwrap().1.to_owned()
}

/// Counts the slices it ran; calls Attio once (`GET /v2/self`).
#[derive(Default)]
struct Ping(Arc<AtomicUsize>);

impl Job for Ping {
    fn run<'a>(&'a self, ctx: &'a JobContext) -> JobFuture<'a> {
        Box::pin(async move {
            ctx.client.identify().await?;
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(Slice::Done)
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspaces_install_through_oauth_and_an_uninstall_disconnects_only_its_own() {
    let Some(Db {
        db, installations, ..
    }) = db("install").await
    else {
        return;
    };
    let emulator = emulator().await;
    let oauth = oauth(&emulator);
    let mut ids = Vec::new();
    for name in ["Acme", "Beta", "Gamma"] {
        let workspace = emulator.create_workspace(name);
        let state = OAuthClient::new_state();
        let query = consent(&oauth, &state, &workspace).await;
        // A callback with another session's state is refused.
        assert!(oauth
            .complete(&query, &OAuthClient::new_state())
            .await
            .is_err());
        let query = consent(&oauth, &state, &workspace).await;
        let (token, id, workspace_name) = oauth.complete(&query, &state).await.unwrap();
        assert_eq!(
            (id.as_str(), workspace_name.as_str()),
            (workspace.as_str(), name)
        );
        installations
            .install(&id, &workspace_name, &token)
            .await
            .unwrap();
        ids.push(id);
    }
    emulator.uninstall(&ids[1]);
    let token = installations.token(&ids[1]).await.unwrap();
    assert!(!oauth.introspect(&token).await.unwrap().active);
    // Introspection alone tells; the worker below learns it from a 401.
    assert_eq!(
        installations.verify(&oauth, &ids[2]).await.unwrap(),
        Status::Connected
    );

    let scheduler = Scheduler::new(db.clone(), Duration::from_secs(5));
    let runs = Arc::new(AtomicUsize::new(0));
    let mut config = WorkerConfig::new("worker-1");
    config.base_url = Some(emulator.base_url());
    config.poll = Duration::from_millis(50);
    let worker = Worker::new(
        db.clone(),
        installations.clone(),
        scheduler.clone(),
        Ping(runs.clone()),
        config,
    );
    let until_idle = async {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let status = scheduler.status().await.unwrap();
            if status.iter().all(|w| !w.pending || !w.connected) {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), worker.run(until_idle))
        .await
        .expect("the fleet goes idle");
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    let statuses: Vec<Status> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(installations.get(id).await.unwrap().unwrap().status);
        }
        v
    };
    assert_eq!(
        statuses,
        [Status::Connected, Status::Disconnected, Status::Connected]
    );
    let work = scheduler.status().await.unwrap();
    let uninstalled = work.iter().find(|w| w.workspace_id == ids[1]).unwrap();
    assert_eq!(uninstalled.failures, 1, "one attempt, not retried forever");
}

#[tokio::test]
async fn an_inactive_introspection_disconnects_the_installation() {
    let Some(Db { installations, .. }) = db("verify").await else {
        return;
    };
    let emulator = emulator().await;
    let oauth = oauth(&emulator);
    let id = emulator.create_workspace("Acme");
    let token = attio_runtime::ApiKey::new(emulator.install(&id).unwrap()).unwrap();
    installations.install(&id, "Acme", &token).await.unwrap();
    assert_eq!(
        installations.verify(&oauth, &id).await.unwrap(),
        Status::Connected
    );
    emulator.uninstall(&id);
    assert_eq!(
        installations.verify(&oauth, &id).await.unwrap(),
        Status::Disconnected
    );
    let stored = installations.get(&id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Disconnected);
    assert!(stored.status_reason.unwrap().contains("inactive"));
}

#[tokio::test]
async fn offboarding_deletes_the_workspaces_webhook_and_forgets_its_token() {
    let Some(Db { installations, .. }) = db("offboard").await else {
        return;
    };
    let emulator = emulator().await;
    let id = emulator.create_workspace("Acme");
    let token = attio_runtime::ApiKey::new(emulator.install(&id).unwrap()).unwrap();
    installations.install(&id, "Acme", &token).await.unwrap();
    let client = installations
        .client(
            &id,
            Some(&emulator.base_url()),
            attio_runtime::RateLimits::default(),
        )
        .await
        .unwrap();
    let events = [attio_runtime::api::webhooks::Subscription::new(
        "record.created",
    )];
    installations
        .register_webhook(&id, &client, "http://127.0.0.1:9/webhooks", &events)
        .await
        .unwrap();
    assert_eq!(client.list_webhooks().await.unwrap().len(), 1);
    installations.uninstall(&id, Some(&client)).await.unwrap();
    assert!(client.list_webhooks().await.unwrap().is_empty());
    assert!(installations.token(&id).await.is_err());
    assert_eq!(
        installations.get(&id).await.unwrap().unwrap().webhook_id,
        None
    );
}
