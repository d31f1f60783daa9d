//! The wiring: Attio's `people` webhooks into the reconciler through the
//! runtime's axum receiver, and a loop pushing the table's local changes.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use attio_emulator::RunningEmulator;
use attio_runtime::api::webhooks::{Condition, Subscription, SubscriptionFilter};
use attio_runtime::webhooks::{Receiver, ReceiverHandle, Work};
use attio_runtime::{Client, ObjectId, Record, WebhookId};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use super::policy::Policy;
use super::reconcile::{Outcome, Reconciler};
use super::store::Store;
use crate::attio::Person;

/// The path the receiver serves.
pub const WEBHOOK_PATH: &str = "/attio/webhooks";

/// Called with every outcome of either direction (for a log or a demo).
pub type OnOutcome = Arc<dyn Fn(&Outcome) + Send + Sync>;

/// How a [`TwoWaySync`] runs.
pub struct Options {
    /// How conflicts are settled.
    pub policy: Policy,
    /// Where the receiver listens (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// The URL Attio delivers to, when it is not the listening address
    /// (Attio needs a public `https://` URL; the emulator delivers to
    /// loopback `http://`).
    pub public_url: Option<String>,
    /// How often pending rows are pushed; `None` pushes only on
    /// [`TwoWaySync::push_now`].
    pub push_every: Option<Duration>,
    /// Called with every outcome; errors are logged with `tracing`.
    pub on_outcome: OnOutcome,
}

impl Options {
    /// Options with `policy`, a free loopback port, a push every two
    /// seconds, and outcomes logged at `info`.
    pub fn new(policy: Policy) -> Options {
        Options {
            policy,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            push_every: Some(Duration::from_secs(2)),
            on_outcome: Arc::new(|outcome: &Outcome| tracing::info!(%outcome)),
        }
    }
}

/// A running sync: a webhook registered with Attio, its receiver, and the
/// push loop.
pub struct TwoWaySync {
    reconciler: Arc<Reconciler<Client>>,
    receiver: ReceiverHandle,
    push_now: Arc<Notify>,
    webhook: WebhookId,
    tasks: Vec<JoinHandle<()>>,
}

impl TwoWaySync {
    /// Registers a webhook for people's `record.created` and
    /// `record.updated` events, serves its receiver, and starts pushing
    /// `store`'s pending rows (the first push after one interval, or on
    /// [`push_now`](Self::push_now)). Each run registers its own webhook,
    /// which [`stop`](Self::stop) deletes.
    pub async fn start(
        client: Client,
        store: Arc<Store>,
        options: Options,
    ) -> anyhow::Result<Self> {
        let people = people_object(&client).await?;
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .with_context(|| format!("cannot listen on {}", options.listen))?;
        let url = match &options.public_url {
            Some(url) => url.clone(),
            None => format!("http://{}{WEBHOOK_PATH}", listener.local_addr()?),
        };
        let only_people =
            SubscriptionFilter::all([Condition::equals("id.object_id", people.as_str())]);
        let subscriptions = ["record.created", "record.updated"]
            .map(|event| Subscription::new(event).filter(only_people.clone()));
        // The secret exists only once the webhook does, and the webhook
        // needs the receiver's URL: bind, create, then serve.
        let created = client
            .create_webhook(&url, &subscriptions)
            .await
            .with_context(|| format!("cannot register a webhook delivering to {url}"))?;

        let reconciler = Arc::new(Reconciler::new(client, store, options.policy));
        let handler = {
            let (reconciler, on_outcome) = (reconciler.clone(), options.on_outcome.clone());
            move |work: Work| {
                let (reconciler, on_outcome) = (reconciler.clone(), on_outcome.clone());
                let people = people.clone();
                async move { pull(&reconciler, &people, &work, &on_outcome).await }
            }
        };
        let (app, receiver) = Receiver::new(&created.secret)
            .dead_letter(|work, error| {
                tracing::error!(events = work.events.len(), %error, "an Attio change could not be synced");
            })
            .router(WEBHOOK_PATH, handler);
        let server = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "the webhook receiver stopped");
            }
        });

        let push_now = Arc::new(Notify::new());
        let pusher = tokio::spawn(push_loop(
            reconciler.clone(),
            push_now.clone(),
            options.push_every,
            options.on_outcome,
        ));
        Ok(TwoWaySync {
            reconciler,
            receiver,
            push_now,
            webhook: created.webhook.id.webhook_id,
            tasks: vec![server, pusher],
        })
    }

    /// The reconciler (its client's stats, its table).
    pub fn reconciler(&self) -> &Reconciler<Client> {
        &self.reconciler
    }

    /// The webhook receiver's handle (its delivery counts).
    pub fn receiver(&self) -> &ReceiverHandle {
        &self.receiver
    }

    /// Asks the push loop for a pass now.
    pub fn push_now(&self) {
        self.push_now.notify_one();
    }

    /// Waits until an emulator has delivered every event it owes, the
    /// receiver has processed them, and no row is pending — the point at
    /// which both sides must agree. Fails after `timeout`.
    pub async fn quiesce(
        &self,
        emulator: &RunningEmulator,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut calm = 0;
        // Twice in a row, so that a write made by the last pass (and the
        // event it causes) is waited for too.
        while calm < 2 {
            anyhow::ensure!(
                started.elapsed() < timeout,
                "the sync did not settle within {timeout:?}"
            );
            self.push_now();
            tokio::time::sleep(Duration::from_millis(25)).await;
            self.receiver.idle().await;
            let sent = emulator.webhook_stats();
            let got = self.receiver.stats();
            let delivered = sent.messages == sent.delivered + sent.abandoned + sent.unsupported
                && got.accepted + got.duplicates + got.refused + got.full >= sent.attempts;
            let pending = self.reconciler.store().pending()?.is_empty();
            calm = if delivered && pending && self.receiver.waiting() == 0 {
                calm + 1
            } else {
                0
            };
        }
        Ok(())
    }

    /// Deletes the webhook, so that Attio stops delivering, and stops.
    pub async fn stop(self) -> anyhow::Result<()> {
        let deleted = self.reconciler.api().delete_webhook(&self.webhook).await;
        drop(self);
        deleted.context("cannot delete the sync's webhook; delete it in Attio's settings")
    }
}

/// Stops serving and pushing (without deleting the webhook, which needs a
/// request: see [`TwoWaySync::stop`]).
impl Drop for TwoWaySync {
    fn drop(&mut self) {
        self.receiver.close();
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// The id of the `people` object, which events name instead of its slug.
async fn people_object(client: &Client) -> anyhow::Result<ObjectId> {
    let objects = client
        .list_objects()
        .await
        .context("cannot list the workspace's objects")?;
    let people = objects
        .iter()
        .find(|o| o.api_slug == Person::OBJECT)
        .context("the workspace has no `people` object")?;
    Ok(ObjectId::new(&people.id.object_id)?)
}

/// Reconciles each person `work` names. An error fails the work, which
/// the receiver retries.
async fn pull(
    reconciler: &Reconciler<Client>,
    people: &ObjectId,
    work: &Work,
    on_outcome: &OnOutcome,
) -> anyhow::Result<()> {
    let mut seen = HashSet::new();
    for (object, record) in work.events.iter().filter_map(|e| e.record()) {
        if object == people && seen.insert(record) {
            on_outcome(&reconciler.pull(record).await?);
        }
    }
    Ok(())
}

async fn push_loop(
    reconciler: Arc<Reconciler<Client>>,
    push_now: Arc<Notify>,
    every: Option<Duration>,
    on_outcome: OnOutcome,
) {
    loop {
        match every {
            Some(every) => {
                let _ = tokio::time::timeout(every, push_now.notified()).await;
            }
            None => push_now.notified().await,
        }
        match reconciler.push_pending().await {
            Ok(outcomes) => {
                for (email, outcome) in outcomes {
                    match outcome {
                        Ok(outcome) => on_outcome(&outcome),
                        // The row stays pending and is tried again next pass.
                        Err(e) => {
                            tracing::warn!(customer = %email, error = format!("{e:#}"), "cannot push a local change")
                        }
                    }
                }
            }
            Err(e) => tracing::error!(
                error = format!("{e:#}"),
                "cannot read the pending customers"
            ),
        }
    }
}
