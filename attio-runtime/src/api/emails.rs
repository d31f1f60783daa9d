//! The emails of the workspace's connected mailboxes, each linked to the
//! people and companies taking part (`GET /v2/emails`), and the sequence
//! unsubscribe list (`POST /v2/sequences/unsubscribed_emails`).
//!
//! # Stability
//!
//! Listing emails is alpha in Attio's API, the unsubscribe list beta
//! (<https://docs.attio.com/rest-api/endpoint-reference>): their shape may
//! change, and these types with it.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::cursor::with_query;
use super::meetings::{MeetingLinkedRecord, RecordLink};
use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::WorkspaceId;
use crate::value::format_timestamp;
use crate::{Client, Error};

/// An email's `id`: `{"workspace_id", "mailbox_id", "email_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The mailbox it was synced from.
    pub mailbox_id: String,
    /// The email.
    pub email_id: String,
}

/// An email as Attio lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Email {
    /// Workspace, mailbox and email ids.
    pub id: EmailKey,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// `inbound` or `outbound` (kept as Attio sends it).
    pub direction: String,
    /// Its subject, if it has one.
    pub subject_line: Option<String>,
    /// Sender and recipients.
    pub participants: Vec<EmailParticipant>,
    /// The people and companies it is linked to.
    pub linked_records: Vec<MeetingLinkedRecord>,
}

/// A sender or recipient of an email.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EmailParticipant {
    /// `from`, `reply-to`, `to`, `cc` or `bcc` (kept as Attio sends it).
    pub role: String,
    /// The address.
    pub email_address: String,
    /// The address's domain.
    pub email_domain: String,
    /// The name shown with it, if any.
    pub name: Option<String>,
}

/// An address on the sequence unsubscribe list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UnsubscribedEmail {
    /// The address.
    pub email_address: String,
    /// When it joined the list.
    pub created_at: DateTime<Utc>,
}

/// Which emails [`Client::list_emails`] returns: all of them, newest
/// first, unless narrowed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmailQuery {
    linked: Vec<RecordLink>,
    participants: Vec<String>,
    domain: Option<String>,
    sent_after: Option<DateTime<Utc>>,
    sent_before: Option<DateTime<Utc>>,
    human_only: bool,
}

impl EmailQuery {
    /// Every email.
    pub fn new() -> EmailQuery {
        EmailQuery::default()
    }

    /// Only those linked to this record (calls add up: any of them; all of
    /// one object, as Attio takes one `linked_object`).
    pub fn linked(mut self, link: RecordLink) -> Self {
        self.linked.push(link);
        self
    }

    /// Only those this address takes part in (calls add up: any of them).
    pub fn participant(mut self, email_address: &str) -> Self {
        self.participants.push(email_address.to_owned());
        self
    }

    /// Only those an address of this domain takes part in.
    pub fn domain(mut self, domain: &str) -> Self {
        self.domain = Some(domain.to_owned());
        self
    }

    /// Only those sent after `at`.
    pub fn sent_after(mut self, at: DateTime<Utc>) -> Self {
        self.sent_after = Some(at);
        self
    }

    /// Only those sent before `at`.
    pub fn sent_before(mut self, at: DateTime<Utc>) -> Self {
        self.sent_before = Some(at);
        self
    }

    /// Without those an automated sender (`noreply@…`) takes part in.
    pub fn exclude_automated(mut self) -> Self {
        self.human_only = true;
        self
    }

    fn path(&self) -> String {
        let mut pairs = vec![("limit", "100".to_owned())];
        if let Some(first) = self.linked.first() {
            pairs.push(("linked_object", first.object.clone()));
            let ids: Vec<&str> = self.linked.iter().map(|l| l.record_id.as_str()).collect();
            pairs.push(("linked_record_ids", ids.join(",")));
        }
        if !self.participants.is_empty() {
            pairs.push(("participants", self.participants.join(",")));
        }
        if let Some(domain) = &self.domain {
            pairs.push(("domain", domain.clone()));
        }
        if let Some(at) = &self.sent_after {
            pairs.push(("sent_after", format_timestamp(at)));
        }
        if let Some(at) = &self.sent_before {
            pairs.push(("sent_before", format_timestamp(at)));
        }
        if self.human_only {
            pairs.push(("exclude_automated_participants", "true".to_owned()));
        }
        with_query("/v2/emails", &pairs)
    }
}

impl Client {
    /// The emails `query` selects, every page (`GET /v2/emails`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn list_emails(&self, query: &EmailQuery) -> Result<Vec<Email>, Error> {
        self.every_page(&query.path()).await
    }

    /// Adds addresses to the sequence unsubscribe list: sequences no longer
    /// enrol them and their running sequences stop
    /// (`POST /v2/sequences/unsubscribed_emails`). An address already on it
    /// keeps its date, so the call is safe to retry.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn add_unsubscribed_emails(
        &self,
        email_addresses: &[&str],
    ) -> Result<Vec<UnsubscribedEmail>, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/sequences/unsubscribed_emails".to_owned(),
            Some(json!({"data": {"email_addresses": email_addresses}})),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }
}
