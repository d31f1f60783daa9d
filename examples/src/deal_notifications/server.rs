//! The wiring: the runtime's webhook receiver feeding the [`Announcer`],
//! the poster of Slack incoming webhooks, and the local endpoint that
//! captures messages in the demo and the tests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use attio_runtime::api::webhooks::{Condition, Subscription, SubscriptionFilter};
use attio_runtime::chrono::Utc;
use attio_runtime::serde_json::Value;
use attio_runtime::webhooks::{Receiver, ReceiverHandle, WebhookSecret, Work};
use attio_runtime::Target;
use attio_runtime::{AttioApi, AttributeId, Client, ObjectId, Record, RecordId};
use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};

use super::notify::{Announcer, Notifier, Outcome};
use super::rules::{Channel, StageWatch};
use crate::attio::Deal;

/// The path the receiver serves.
pub const WEBHOOK_PATH: &str = "/attio/webhooks";

/// Looks up the ids webhook events name the `deals` object and its
/// `stage` attribute by.
pub async fn stage_watch(client: &Client) -> anyhow::Result<StageWatch> {
    let objects = client
        .list_objects()
        .await
        .context("cannot list the workspace's objects")?;
    let deals = objects
        .iter()
        .find(|o| o.api_slug == Deal::OBJECT)
        .context("the workspace has no `deals` object; turn on Deals in Attio's settings")?;
    let attributes = client
        .list_attributes(Target::Object, Deal::OBJECT)
        .await
        .context("cannot list the attributes of deals")?;
    let stage = attributes
        .iter()
        .find(|a| a.api_slug == "stage")
        .context("deals have no `stage` attribute; regenerate the bindings from the workspace")?;
    Ok(StageWatch {
        deals: ObjectId::new(&deals.id.object_id).context("the deals object has an unusual id")?,
        stage: AttributeId::new(&stage.id.attribute_id)
            .context("the stage attribute has an unusual id")?,
    })
}

/// The subscriptions a webhook needs: deals created, and deals whose stage
/// changed. Attio applies the filters, so other updates are never sent.
pub fn subscriptions(watch: &StageWatch) -> Vec<Subscription> {
    let deals = Condition::equals("id.object_id", watch.deals.as_str());
    let stage = Condition::equals("id.attribute_id", watch.stage.as_str());
    vec![
        Subscription::new("record.created").filter(SubscriptionFilter::all([deals.clone()])),
        Subscription::new("record.updated").filter(SubscriptionFilter::all([deals, stage])),
    ]
}

/// The receiver of `POST` [`WEBHOOK_PATH`]: verified with `secret`,
/// deduplicated and queued by the runtime, each deal the events may have
/// moved handed to `announcer`, and each outcome to `on_outcome`. The
/// events are filtered here too, as a webhook made in Attio's settings may
/// subscribe to more than [`subscriptions`] does.
pub fn receiver<A, N>(
    secret: impl Into<WebhookSecret>,
    watch: StageWatch,
    announcer: Arc<Announcer<A, N>>,
    on_outcome: impl Fn(&RecordId, &Outcome) + Send + Sync + 'static,
) -> (Router, ReceiverHandle)
where
    A: AttioApi + Send + 'static,
    N: Notifier + Send + 'static,
{
    let watch = Arc::new(watch);
    let on_outcome = Arc::new(on_outcome);
    let handler = move |work: Work| {
        let (watch, announcer, on_outcome) = (watch.clone(), announcer.clone(), on_outcome.clone());
        async move {
            for deal in watch.deals_moved(&work.events) {
                let outcome = announcer
                    .deal_moved(&deal, Utc::now())
                    .await
                    // `{:#}` keeps the causes, which the receiver's retries and
                    // dead letter would otherwise lose.
                    .map_err(|e| format!("deal {deal}: {e:#}"))?;
                on_outcome(&deal, &outcome);
            }
            Ok::<(), String>(())
        }
    };
    Receiver::new(secret)
        .dead_letter(|work: Work, error: String| {
            eprintln!(
                "gave up on {} event(s) after every retry: {error}",
                work.events.len()
            );
        })
        .router(WEBHOOK_PATH, handler)
}

/// Posts to Slack incoming webhooks.
#[derive(Debug, Clone)]
pub struct SlackWebhook {
    http: reqwest::Client,
}

impl SlackWebhook {
    /// A poster with a 10-second timeout per message.
    pub fn new() -> anyhow::Result<SlackWebhook> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .context("cannot set up the HTTP client for Slack")?;
        Ok(SlackWebhook { http })
    }
}

impl Notifier for SlackWebhook {
    async fn post(&self, channel: &Channel, message: &Value) -> anyhow::Result<()> {
        let name = channel.name();
        // `without_url`: the webhook URL is a secret, and reqwest's errors
        // would print it.
        let response = self
            .http
            .post(channel.url().clone())
            .json(message)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!("cannot reach the {name} webhook: {}", e.without_url()))?;
        let status = response.status();
        if !status.is_success() {
            // Slack says what is wrong in the body: `invalid_payload`, `no_service`.
            let body = response.text().await.unwrap_or_default();
            anyhow::bail!("the {name} webhook answered {status}: {}", body.trim());
        }
        Ok(())
    }
}

/// A message the [`Capture`] endpoint received.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    /// The last segment of the URL it was posted to.
    pub channel: String,
    /// The JSON posted.
    pub message: Value,
}

type OnMessage = Arc<dyn Fn(&Captured) + Send + Sync>;

#[derive(Clone)]
struct CaptureState {
    messages: Arc<Mutex<Vec<Captured>>>,
    on_message: OnMessage,
}

/// A stand-in for Slack on 127.0.0.1: `POST /slack/<channel>` with JSON is
/// kept, handed to a callback and answered `ok`, as Slack answers.
pub struct Capture {
    addr: SocketAddr,
    state: CaptureState,
    server: tokio::task::JoinHandle<()>,
}

impl Capture {
    /// Listens on a free port of 127.0.0.1; `on_message` sees each message
    /// as it arrives (to print it).
    pub async fn start(
        on_message: impl Fn(&Captured) + Send + Sync + 'static,
    ) -> anyhow::Result<Capture> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on 127.0.0.1 for the capture endpoint")?;
        let addr = listener
            .local_addr()
            .context("cannot read the capture endpoint's address")?;
        let state = CaptureState {
            messages: Arc::default(),
            on_message: Arc::new(on_message),
        };
        let app = Router::new()
            .route("/slack/{channel}", post(capture))
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("the capture endpoint stopped: {e}");
            }
        });
        Ok(Capture {
            addr,
            state,
            server,
        })
    }

    /// The URL of one capture channel, to configure as its webhook.
    pub fn url(&self, channel: &str) -> String {
        format!("http://{}/slack/{channel}", self.addr)
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<Captured> {
        lock(&self.state.messages).clone()
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere leaves the list usable; it is only appended to.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

async fn capture(
    State(state): State<CaptureState>,
    Path(channel): Path<String>,
    Json(message): Json<Value>,
) -> &'static str {
    let captured = Captured { channel, message };
    (state.on_message)(&captured);
    lock(&state.messages).push(captured);
    "ok"
}
