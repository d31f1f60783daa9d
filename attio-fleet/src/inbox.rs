//! One webhook endpoint for every workspace: a delivery's `webhook_id`
//! picks the installation and its secret, the signature is verified, and
//! the delivery is stored once per `Idempotency-Key` whichever receiver
//! replica got it; processing then takes each workspace's deliveries in
//! the order they arrived, one processor per workspace at a time.

use std::sync::Arc;

use attio_runtime::webhooks::verify_headers;
use http::HeaderMap;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{FleetError, Installations};

/// The header Attio names a delivery with; a retry or duplicate carries the
/// same value.
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// What became of a delivery the signature of which verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Stored: it will be processed once.
    Stored {
        /// The installation's workspace.
        workspace_id: String,
    },
    /// Already stored (a retry, a duplicate, or another replica got it):
    /// acknowledge it and do nothing.
    Duplicate {
        /// The installation's workspace.
        workspace_id: String,
    },
}

/// A stored delivery, as processing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The delivery's idempotency key.
    pub idempotency_key: String,
    /// Arrival order across the fleet.
    pub seq: i64,
    /// The workspace.
    pub workspace_id: String,
    /// The webhook that sent it.
    pub webhook_id: String,
    /// The raw body (`{"webhook_id", "events": […]}`); parse it with
    /// `attio_runtime::webhooks::Delivery`.
    pub body: String,
}

/// The inbox table.
#[derive(Clone)]
pub struct Inbox {
    db: Arc<tokio_postgres::Client>,
    installations: Installations,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Envelope {
    webhook_id: String,
}

/// Why a delivery was refused (answer 400 or 401; Attio retries, which
/// does not help a tampered delivery).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The body is not a delivery: no JSON, or no `webhook_id`.
    #[error("the body is not an Attio webhook delivery (JSON with a webhook_id)")]
    NotADelivery,
    /// No connected installation has this webhook.
    #[error("no connected installation has webhook {0}")]
    UnknownWebhook(String),
    /// The signature does not verify with the webhook's secret.
    #[error(transparent)]
    Signature(#[from] attio_runtime::webhooks::SignatureError),
}

impl Inbox {
    /// The inbox behind `db`; secrets come from `installations`.
    pub fn new(db: Arc<tokio_postgres::Client>, installations: Installations) -> Inbox {
        Inbox { db, installations }
    }

    /// Verifies and stores one delivery. `Ok(Err(refusal))` for a delivery
    /// to refuse; `Err` when the database failed (answer 5xx so that
    /// Attio retries).
    pub async fn receive(
        &self,
        headers: &HeaderMap,
        raw_body: &[u8],
    ) -> Result<Result<Received, Refusal>, FleetError> {
        let Ok(envelope) = serde_json::from_slice::<Envelope>(raw_body) else {
            return Ok(Err(Refusal::NotADelivery));
        };
        let Some((workspace_id, secret)) = self.installations.webhook(&envelope.webhook_id).await?
        else {
            return Ok(Err(Refusal::UnknownWebhook(envelope.webhook_id)));
        };
        if let Err(error) = verify_headers(secret, raw_body, headers) {
            tracing::warn!(%workspace_id, %error, "attio-fleet: delivery refused");
            return Ok(Err(error.into()));
        }
        // Attio sends the key on every delivery; without one, the body
        // itself names the delivery.
        let key = headers
            .get(IDEMPOTENCY_KEY)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("sha256:{}", hex::encode(Sha256::digest(raw_body))));
        let body = String::from_utf8_lossy(raw_body);
        let stored = self
            .db
            .execute(
                "INSERT INTO attio_fleet_inbox (idempotency_key, workspace_id, webhook_id, body)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING",
                &[&key, &workspace_id, &envelope.webhook_id, &body.as_ref()],
            )
            .await?;
        Ok(Ok(if stored == 1 {
            Received::Stored { workspace_id }
        } else {
            Received::Duplicate { workspace_id }
        }))
    }

    /// Deliveries stored and not processed yet, per workspace (the backlog).
    pub async fn backlog(&self) -> Result<Vec<(String, i64)>, FleetError> {
        let rows = self
            .db
            .query(
                "SELECT workspace_id, count(*) FROM attio_fleet_inbox WHERE processed_at IS NULL
                 GROUP BY workspace_id ORDER BY workspace_id",
                &[],
            )
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Opens a batch of up to `limit` unprocessed deliveries of the
    /// workspace, oldest first, in a transaction on `db` (a connection of
    /// its own); an empty batch when another processor has the workspace.
    /// Do the batch's work in [`Batch::transaction`] and
    /// [`Batch::commit`]: a delivery is processed exactly once when its
    /// effects are written in that transaction, at least once otherwise.
    pub async fn batch<'c>(
        db: &'c mut tokio_postgres::Client,
        workspace_id: &str,
        limit: i64,
    ) -> Result<Batch<'c>, FleetError> {
        let transaction = db.transaction().await?;
        let locked: bool = transaction
            .query_one(
                "SELECT pg_try_advisory_xact_lock(hashtext('attio_fleet_inbox:' || $1))",
                &[&workspace_id],
            )
            .await?
            .get(0);
        let deliveries = if locked {
            transaction
                .query(
                    "SELECT idempotency_key, seq, workspace_id, webhook_id, body FROM attio_fleet_inbox
                     WHERE workspace_id = $1 AND processed_at IS NULL ORDER BY seq LIMIT $2",
                    &[&workspace_id, &limit],
                )
                .await?
                .iter()
                .map(|r| Delivery {
                    idempotency_key: r.get(0),
                    seq: r.get(1),
                    workspace_id: r.get(2),
                    webhook_id: r.get(3),
                    body: r.get(4),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Batch {
            transaction,
            deliveries,
        })
    }
}

/// Deliveries being processed, and the transaction that marks them done.
pub struct Batch<'c> {
    transaction: tokio_postgres::Transaction<'c>,
    deliveries: Vec<Delivery>,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("deliveries", &self.deliveries.len())
            .finish_non_exhaustive()
    }
}

impl Batch<'_> {
    /// The deliveries, oldest first.
    pub fn deliveries(&self) -> &[Delivery] {
        &self.deliveries
    }

    /// The transaction, for the processing's own writes.
    pub fn transaction(&self) -> &tokio_postgres::Transaction<'_> {
        &self.transaction
    }

    /// Marks every delivery processed and commits with the processing's writes.
    pub async fn commit(self) -> Result<usize, FleetError> {
        let keys: Vec<&str> = self
            .deliveries
            .iter()
            .map(|d| d.idempotency_key.as_str())
            .collect();
        self.transaction
            .execute(
                "UPDATE attio_fleet_inbox SET processed_at = now() WHERE idempotency_key = ANY($1)",
                &[&keys],
            )
            .await?;
        self.transaction.commit().await?;
        Ok(keys.len())
    }
}
