//! Managing webhooks: create (the only time Attio shows the secret), list,
//! get, update, delete — with subscriptions and their filters typed.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client::retry::Idempotency;
use crate::client::secret::WebhookSecret;
use crate::client::transport::Call;
use crate::ids::{WebhookId, WorkspaceId};
use crate::novelty;
use crate::{Client, Error};

/// A webhook as Attio returns it (without its secret).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Webhook {
    /// Workspace and webhook ids.
    pub id: WebhookKey,
    /// Where deliveries go.
    pub target_url: String,
    /// What it is sent.
    pub subscriptions: Vec<Subscription>,
    /// Whether Attio still delivers to it.
    pub status: WebhookStatus,
    /// When, as Attio formats it.
    pub created_at: String,
}

/// A webhook's `id`: `{"workspace_id", "webhook_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct WebhookKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The webhook.
    pub webhook_id: WebhookId,
}

/// Whether Attio delivers to a webhook.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookStatus {
    /// Delivering.
    Active,
    /// Still delivering, but deliveries failed after every retry.
    Degraded,
    /// Not delivering (degraded for seven days).
    Inactive,
    /// A status newer than this crate, as Attio spells it (warned of once).
    #[serde(untagged, deserialize_with = "other_status")]
    Other(String),
}

fn other_status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    novelty::other("webhook status", d)
}

/// The create response: the webhook and its secret, which Attio shows
/// this once and never again. Store it where the receiver can read it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreatedWebhook {
    /// The webhook.
    #[serde(flatten)]
    pub webhook: Webhook,
    /// The key deliveries are signed with.
    pub secret: WebhookSecret,
}

/// One event type a webhook receives, optionally narrowed by a filter.
///
/// ```
/// use attio_runtime::api::webhooks::{Condition, Subscription, SubscriptionFilter};
///
/// let deals_only = Subscription::new("record.updated")
///     .filter(SubscriptionFilter::all([Condition::equals("id.object_id", "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21")]));
/// assert_eq!(
///     serde_json::to_value(&deals_only)?,
///     serde_json::json!({"event_type": "record.updated", "filter": {"$and": [
///         {"field": "id.object_id", "operator": "equals", "value": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21"}]}})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// `record.updated`, `list-entry.created` … (see
    /// [`Event`](crate::webhooks::Event) for every type).
    pub event_type: String,
    /// `None`: every event of the type.
    pub filter: Option<SubscriptionFilter>,
}

impl Subscription {
    /// Every event of `event_type`.
    pub fn new(event_type: impl Into<String>) -> Subscription {
        Subscription {
            event_type: event_type.into(),
            filter: None,
        }
    }

    /// Only the events that match `filter`.
    pub fn filter(mut self, filter: SubscriptionFilter) -> Subscription {
        self.filter = Some(filter);
        self
    }
}

/// A subscription's filter: all or any of some conditions on the event's
/// fields (dotted paths such as `id.object_id` or `actor.type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscriptionFilter {
    /// Every condition holds (`$and`).
    #[serde(rename = "$and")]
    All(Vec<Condition>),
    /// At least one condition holds (`$or`).
    #[serde(rename = "$or")]
    Any(Vec<Condition>),
}

impl SubscriptionFilter {
    /// Every condition must hold.
    pub fn all(conditions: impl IntoIterator<Item = Condition>) -> SubscriptionFilter {
        SubscriptionFilter::All(conditions.into_iter().collect())
    }

    /// At least one condition must hold.
    pub fn any(conditions: impl IntoIterator<Item = Condition>) -> SubscriptionFilter {
        SubscriptionFilter::Any(conditions.into_iter().collect())
    }
}

/// One condition of a [`SubscriptionFilter`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// A dotted path into the event: `id.object_id`, `id.attribute_id`, `actor.type` …
    pub field: String,
    /// How the field compares.
    pub operator: Operator,
    /// The value compared with, as text.
    pub value: String,
}

impl Condition {
    /// `field` equals `value`.
    pub fn equals(field: impl Into<String>, value: impl Into<String>) -> Condition {
        Condition {
            field: field.into(),
            operator: Operator::Equals,
            value: value.into(),
        }
    }

    /// `field` does not equal `value`.
    pub fn not_equals(field: impl Into<String>, value: impl Into<String>) -> Condition {
        Condition {
            field: field.into(),
            operator: Operator::NotEquals,
            value: value.into(),
        }
    }
}

/// The comparisons a subscription filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// `equals`.
    Equals,
    /// `not_equals`.
    NotEquals,
    /// An operator newer than this crate, as Attio spells it (warned of
    /// once); sent back as read.
    #[serde(untagged, deserialize_with = "other_operator")]
    Other(String),
}

fn other_operator<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    novelty::other("subscription filter operator", d)
}

/// What [`Client::update_webhook`] changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WebhookUpdate {
    /// A new target URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
    /// The new subscriptions, replacing all of the current ones (give the
    /// filters of those you keep again: Attio does not merge them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<Vec<Subscription>>,
}

impl Client {
    /// Registers a webhook: `POST /v2/webhooks`. The answer carries the
    /// secret, which Attio never shows again. Not repeated after an
    /// ambiguous failure, as that could register it twice.
    pub async fn create_webhook(
        &self,
        target_url: &str,
        subscriptions: &[Subscription],
    ) -> Result<CreatedWebhook, Error> {
        let body = json!({"data": {"target_url": target_url, "subscriptions": subscriptions}});
        let call = Call::write(
            Method::POST,
            "/v2/webhooks".to_owned(),
            Some(body),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Every webhook of the workspace (`GET /v2/webhooks`, 100 at a time).
    pub async fn list_webhooks(&self) -> Result<Vec<Webhook>, Error> {
        const PAGE: usize = 100;
        let mut webhooks = Vec::new();
        loop {
            let path = format!("/v2/webhooks?limit={PAGE}&offset={}", webhooks.len());
            let page: Vec<Webhook> = self.call(Call::get(path)).await?;
            let last = page.len() < PAGE;
            webhooks.extend(page);
            if last {
                return Ok(webhooks);
            }
        }
    }

    /// One webhook: `GET /v2/webhooks/{webhook_id}`.
    pub async fn get_webhook(&self, id: &WebhookId) -> Result<Webhook, Error> {
        self.call(Call::get(format!("/v2/webhooks/{id}"))).await
    }

    /// Changes a webhook's URL or subscriptions: `PATCH /v2/webhooks/{webhook_id}`.
    pub async fn update_webhook(
        &self,
        id: &WebhookId,
        update: &WebhookUpdate,
    ) -> Result<Webhook, Error> {
        let call = Call::write(
            Method::PATCH,
            format!("/v2/webhooks/{id}"),
            Some(json!({ "data": update })),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes a webhook; deliveries stop.
    pub async fn delete_webhook(&self, id: &WebhookId) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/webhooks/{id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_status_or_operator_newer_than_this_crate_reads_and_is_sent_back_as_read() {
        let status: WebhookStatus = serde_json::from_value(json!("paused")).unwrap();
        assert_eq!(status, WebhookStatus::Other("paused".to_owned()));
        let known: WebhookStatus = serde_json::from_value(json!("degraded")).unwrap();
        assert_eq!(known, WebhookStatus::Degraded);
        let condition: Condition = serde_json::from_value(
            json!({"field": "actor.type", "operator": "starts_with", "value": "api"}),
        )
        .unwrap();
        assert_eq!(
            condition.operator,
            Operator::Other("starts_with".to_owned())
        );
        assert_eq!(
            serde_json::to_value(&condition).unwrap()["operator"],
            "starts_with"
        );
        let equals: Operator = serde_json::from_value(json!("not_equals")).unwrap();
        assert_eq!(equals, Operator::NotEquals);
        assert!(serde_json::from_value::<WebhookStatus>(json!(3)).is_err());
    }
}
