//! The business logic: bringing one customer's row and its Attio person to
//! agreement, whichever side changed — a local edit being pushed, or an
//! Attio webhook naming the person.
//!
//! Both directions do the same thing: read the row, fetch the person's
//! *current* state (events carry ids only, and may arrive late, twice or
//! out of order, so what an event says is never trusted), merge with the
//! [`Policy`], write each side only the fields that differ, and record
//! what both now hold as the row's base.
//!
//! **No ping-pong.** A value pulled from Attio becomes the row's base and
//! its `synced_at` moves with it, so the push loop never sees it as a local
//! change. The webhook Attio sends for the sync's own write is recognised
//! by its content, not its sender: the fetched values equal the base just
//! recorded, so the merge is a no-op and nothing is written. (The event's
//! actor would say only "this API token", which other integrations sharing
//! the token, or a test's own edits, also are; and a stale or duplicated
//! event needs the same check anyway.)

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use anyhow::Context as _;
use attio_runtime::value::EmailAddress;
use attio_runtime::RecordId;
use attio_runtime::{AttioApi, Client, ErrorKind, Query, Stored};
use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::sync::Mutex;

use super::policy::{self, ChangeTimes, Field, Fields, Plan, Policy, Side};
use super::store::{Row, Settled, Store};
use super::transform::{attribute_slug, canonical, emails_of, fields_of, write_of};
use crate::attio::Person;

/// When Attio's values changed: the one call the sync needs beyond
/// [`AttioApi`], for [`Policy::LastWriterWins`].
pub trait History: Sync {
    /// When the value of `attribute` on person `id` last changed (see
    /// [`last_change`]); `None` if it never had one.
    fn changed_at(
        &self,
        id: &RecordId,
        attribute: &'static str,
    ) -> impl Future<Output = Result<Option<DateTime<Utc>>, attio_runtime::Error>> + Send;
}

impl History for Client {
    async fn changed_at(
        &self,
        id: &RecordId,
        attribute: &'static str,
    ) -> Result<Option<DateTime<Utc>>, attio_runtime::Error> {
        let values = self
            .list_record_attribute_values::<Person>(id, attribute, true)
            .await?;
        Ok(last_change(&values))
    }
}

/// The latest `active_from` or `active_until` among an attribute's values,
/// historic ones included: when a value was set, replaced or cleared. The
/// record's own timestamps say nothing per field, and the value's
/// `active_until` is the only trace a clearing leaves.
pub fn last_change(values: &[Value]) -> Option<DateTime<Utc>> {
    values
        .iter()
        .flat_map(|v| [v.get("active_from"), v.get("active_until")])
        .filter_map(|at| DateTime::parse_from_rfc3339(at?.as_str()?).ok())
        .map(|at| at.with_timezone(&Utc))
        .max()
}

/// What reconciling a customer came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Both sides already agreed; nothing was written. What an echo of the
    /// sync's own write, a duplicate or a stale event comes to.
    InSync {
        /// The customer.
        email: String,
    },
    /// The sides were brought to agreement.
    Synced {
        /// The customer.
        email: String,
        /// Fields written to Attio.
        to_attio: Vec<Field>,
        /// Fields written to the local row.
        to_local: Vec<Field>,
        /// Fields both sides had changed, and the side that won each.
        conflicts: Vec<(Field, Side)>,
        /// Whether the row took the result, or was edited meanwhile.
        settled: Settled,
    },
    /// A person first seen in Attio was added to the table.
    Imported {
        /// The new row's key.
        email: String,
    },
    /// Nothing to sync.
    Ignored {
        /// The Attio person, or the row's email.
        subject: String,
        /// Why.
        reason: &'static str,
    },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |fields: &[Field]| {
            let names: Vec<_> = fields.iter().map(Field::to_string).collect();
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names.join(", ")
            }
        };
        match self {
            Outcome::InSync { email } => write!(f, "{email}: already in sync"),
            Outcome::Synced {
                email,
                to_attio,
                to_local,
                conflicts,
                settled,
            } => {
                write!(
                    f,
                    "{email}: {} to Attio, {} to the table",
                    list(to_attio),
                    list(to_local)
                )?;
                for (field, side) in conflicts {
                    write!(f, "; conflict on {field}, {side} won")?;
                }
                if *settled == Settled::Moved {
                    write!(f, "; the row was edited meanwhile and stays pending")?;
                }
                Ok(())
            }
            Outcome::Imported { email } => write!(f, "{email}: imported from Attio"),
            Outcome::Ignored { subject, reason } => write!(f, "{subject}: ignored, {reason}"),
        }
    }
}

/// Reconciles customers one at a time, over any [`AttioApi`] + [`History`]
/// (a [`Client`] in production, a double in unit tests).
pub struct Reconciler<A> {
    api: A,
    store: Arc<Store>,
    policy: Policy,
    // One reconciliation at a time: the fetch, the merge and both writes
    // of a row must not interleave with another pass over the same row (an
    // echo fetched before our write and merged after it would look like
    // Attio reverting). A lock per email would allow parallelism.
    turn: Mutex<()>,
}

impl<A: AttioApi + History> Reconciler<A> {
    /// A reconciler of `store`'s rows with Attio through `api`.
    pub fn new(api: A, store: Arc<Store>, policy: Policy) -> Reconciler<A> {
        Reconciler {
            api,
            store,
            policy,
            turn: Mutex::new(()),
        }
    }

    /// The client.
    pub fn api(&self) -> &A {
        &self.api
    }

    /// The table.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A local change: reconciles the row of `email`.
    pub async fn push(&self, email: &str) -> anyhow::Result<Outcome> {
        let _turn = self.turn.lock().await;
        // Read under the lock: the row as it is now, not as it was queued.
        let Some(row) = self.store.row(email)? else {
            return Ok(Outcome::Ignored {
                subject: email.to_owned(),
                reason: "no such customer",
            });
        };
        let person = self.person_of(&row).await?;
        self.reconcile(row, person).await
    }

    /// Reconciles every pending row, one by one; a row that fails is
    /// reported and the others go on.
    pub async fn push_pending(&self) -> anyhow::Result<Vec<(String, anyhow::Result<Outcome>)>> {
        let mut outcomes = Vec::new();
        for row in self.store.pending()? {
            let outcome = self.push(&row.email).await;
            outcomes.push((row.email, outcome));
        }
        Ok(outcomes)
    }

    /// An incoming change: person `id` changed (or was created) in Attio.
    pub async fn pull(&self, id: &RecordId) -> anyhow::Result<Outcome> {
        let _turn = self.turn.lock().await;
        let person = match self.api.get_record::<Person>(id).await {
            Ok(person) => person,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Ok(Outcome::Ignored {
                    subject: id.to_string(),
                    reason: "deleted in Attio (deletions are not synced)",
                })
            }
            Err(e) => return Err(e).context("cannot fetch the person an event names"),
        };
        let emails = emails_of(&person.values);
        if let Some(row) = self.store.find(id.as_str(), &emails)? {
            return self.reconcile(row, Some(person)).await;
        }
        let Some(email) = emails.first() else {
            return Ok(Outcome::Ignored {
                subject: id.to_string(),
                reason: "the person has no email address to key a row by",
            });
        };
        let fields = fields_of(&person.values);
        if self.store.import(email, &fields, id.as_str(), Utc::now())? {
            return Ok(Outcome::Imported {
                email: email.clone(),
            });
        }
        // The application inserted the same customer meanwhile.
        let row = self
            .store
            .row(email)?
            .context("the customer row vanished")?;
        self.reconcile(row, Some(person)).await
    }

    /// The person linked to `row`, or else the one with its email.
    async fn person_of(&self, row: &Row) -> anyhow::Result<Option<Stored<Person>>> {
        if let Some(id) = &row.attio_record_id {
            let id = RecordId::new(id).with_context(|| {
                format!("customer {} has an invalid attio_record_id", row.email)
            })?;
            match self.api.get_record::<Person>(&id).await {
                Ok(person) => return Ok(Some(person)),
                // Deleted in Attio: the email finds its successor, if any.
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(e).context("cannot fetch the customer's person"),
            }
        }
        let email = EmailAddress::new(&row.email)
            .with_context(|| format!("customer {} has an invalid email address", row.email))?;
        let query = Query::new()
            .filter(Person::EMAIL_ADDRESSES.eq(&email))
            .limit(1);
        let found = self
            .api
            .query_all_records(query)
            .await
            .context("cannot look the customer up in Attio")?;
        Ok(found.into_iter().next())
    }

    /// Merges `row` with `person` (as fetched just now) and writes both
    /// sides.
    async fn reconcile(&self, row: Row, person: Option<Stored<Person>>) -> anyhow::Result<Outcome> {
        let local = canonical(&row.email, &row.fields)?;
        let (plan, conflicts, mut record_id) = match &person {
            // Not in Attio yet: the row is the whole truth.
            None => {
                let to_attio = Field::ALL
                    .into_iter()
                    .filter(|&f| local.get(f).is_some())
                    .collect();
                let plan = Plan {
                    merged: local,
                    to_attio,
                    to_local: Vec::new(),
                };
                (plan, Vec::new(), None)
            }
            Some(person) => {
                let attio = fields_of(&person.values);
                let id = &person.id.record_id;
                let (plan, conflicts) = self.merge(&row, &local, &attio, id).await?;
                (plan, conflicts, Some(id.clone()))
            }
        };
        let unchanged = plan.is_noop()
            && row.base.as_ref() == Some(&plan.merged)
            && row.attio_record_id.as_deref() == record_id.as_ref().map(RecordId::as_str)
            && !row.pending;
        if unchanged {
            return Ok(Outcome::InSync { email: row.email });
        }
        if !plan.to_attio.is_empty() || person.is_none() {
            let write = write_of(&row.email, &plan.merged, &plan.to_attio)?;
            let written = self
                .api
                .upsert_record(Person::EMAIL_ADDRESSES, write)
                .await
                .with_context(|| format!("cannot write customer {} to Attio", row.email))?;
            record_id = Some(written.id.record_id);
        }
        let record_id = record_id.context("an upserted person has a record id")?;
        let settled = self.store.settle(&row, &plan.merged, record_id.as_str())?;
        if plan.is_noop() && settled == Settled::Applied {
            return Ok(Outcome::InSync { email: row.email });
        }
        Ok(Outcome::Synced {
            email: row.email,
            to_attio: plan.to_attio,
            to_local: plan.to_local,
            conflicts,
            settled,
        })
    }

    /// [`policy::merge`], with the change times of conflicting fields
    /// fetched first when the policy needs them.
    async fn merge(
        &self,
        row: &Row,
        local: &Fields,
        attio: &Fields,
        id: &RecordId,
    ) -> anyhow::Result<(Plan, Vec<(Field, Side)>)> {
        let conflicting = policy::conflicts(local, attio, row.base.as_ref());
        let mut times = HashMap::new();
        if self.policy.needs_times() {
            for &field in &conflicting {
                let attio_at = self
                    .api
                    .changed_at(id, attribute_slug(field))
                    .await
                    .context("cannot read when Attio's value changed")?;
                let local_at = row.updated_at()?;
                times.insert(
                    field,
                    ChangeTimes {
                        local: local_at,
                        attio: attio_at,
                    },
                );
            }
        }
        let mut decided = Vec::new();
        let plan = policy::merge(local, attio, row.base.as_ref(), |field| {
            let side = self.policy.winner(field, times.get(&field).copied());
            decided.push((field, side));
            side
        });
        Ok((plan, decided))
    }
}

#[cfg(test)]
#[path = "reconcile_tests.rs"]
mod tests;
