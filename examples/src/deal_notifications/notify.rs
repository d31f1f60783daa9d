//! The business logic: when a deal may have reached the stage, fetch its
//! latest state, and if the rules say so, post the Slack message once and
//! give the owner an onboarding task. Written against [`AttioApi`] and
//! [`Notifier`], so that it is unit-tested with doubles.

use std::collections::HashMap;
use std::future::Future;

use anyhow::Context as _;
use attio_runtime::api::tasks::NewTask;
use attio_runtime::chrono::{DateTime, Utc};
use attio_runtime::serde_json::Value;
use attio_runtime::value::{ActorType, RecordRef};
use attio_runtime::{
    AttioApi, Error, ErrorKind, Record, RecordId, Stored, TaskId, WorkspaceMemberId,
};
use tokio::sync::Mutex;

use super::rules::{Channel, NotAnnounced, Rules};
use super::slack::{self, Contact, DealSummary};
use crate::attio::{Company, Deal, Person};

/// Posts a message to a Slack incoming webhook (or, in tests, anywhere).
pub trait Notifier: Sync {
    /// Posts `message` (Block Kit JSON) to `channel`.
    fn post(
        &self,
        channel: &Channel,
        message: &Value,
    ) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// What [`Announcer::deal_moved`] did with a deal.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Posted to this channel (by name) and gave the owner this task.
    Announced {
        /// The channel's name: the deal type, or `default`.
        channel: String,
        /// The owner's task.
        task: TaskId,
    },
    /// Already announced for this stage: nothing done again.
    AlreadyAnnounced,
    /// The deal no longer exists.
    Deleted,
    /// The rules do not announce it.
    NotAnnounced(NotAnnounced),
}

/// What was done for a deal reaching the stage, so that a retry after a
/// failure redoes only what is missing.
#[derive(Debug, Default)]
struct Progress {
    posted: bool,
    task: Option<TaskId>,
}

/// Announces deals reaching the stage of its [`Rules`], each deal once.
pub struct Announcer<A, N> {
    api: A,
    notifier: N,
    rules: Rules,
    /// Keyed by deal and stage title; in memory, so a restart may announce
    /// a deal again if Attio redelivers its event.
    done: Mutex<HashMap<(RecordId, String), Progress>>,
}

impl<A: AttioApi, N: Notifier> Announcer<A, N> {
    /// An announcer reading through `api`, posting through `notifier`.
    pub fn new(api: A, notifier: N, rules: Rules) -> Announcer<A, N> {
        Announcer {
            api,
            notifier,
            rules,
            done: Mutex::new(HashMap::new()),
        }
    }

    /// The client it reads and writes through.
    pub fn api(&self) -> &A {
        &self.api
    }

    /// Where it posts.
    pub fn notifier(&self) -> &N {
        &self.notifier
    }

    /// The rules it applies.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Handles an event saying `deal` may have reached a stage: fetches its
    /// current state (events arrive late and out of order, so only the
    /// latest state counts), and when [`Rules::check`] passes and it was
    /// not announced for this stage yet, posts the message and creates the
    /// owner's task, due `now` plus the rules' delay.
    ///
    /// On an error nothing is marked done that was not done, so calling it
    /// again (the receiver retries) posts or creates only what is missing.
    pub async fn deal_moved(&self, deal: &RecordId, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let Some(deal) = found(self.api.get_record::<Deal>(deal).await)
            .with_context(|| format!("cannot fetch deal {deal}"))?
        else {
            return Ok(Outcome::Deleted);
        };
        let channel = match self.rules.check(&deal.values) {
            Ok(channel) => channel,
            Err(why) => return Ok(Outcome::NotAnnounced(why)),
        };
        let key = (
            deal.id.record_id.clone(),
            self.rules.stage.title().to_owned(),
        );
        // Deals reach the stage rarely, so handling them one at a time is
        // cheap, and it makes "once per deal" exact without a lock per deal.
        let mut done = self.done.lock().await;
        let progress = done.entry(key).or_default();
        if progress.posted && progress.task.is_some() {
            return Ok(Outcome::AlreadyAnnounced);
        }
        let company = match deal.values.associated_company.as_ref() {
            Some(company) => self.fetch(company).await?,
            None => None,
        };
        if !progress.posted {
            let summary = self.summary(&deal, company.as_ref()).await?;
            self.notifier
                .post(channel, &slack::message(&summary))
                .await
                .with_context(|| format!("cannot post to the {} channel", channel.name()))?;
            progress.posted = true;
        }
        let task = match &progress.task {
            Some(task) => task.clone(),
            None => {
                let task = self.task(&deal, company.as_ref(), now)?;
                let created = self
                    .api
                    .create_task(&task)
                    .await
                    .context("cannot create the owner's onboarding task")?;
                progress.task.insert(created.id.task_id).clone()
            }
        };
        Ok(Outcome::Announced {
            channel: channel.name().to_owned(),
            task,
        })
    }

    /// The record `reference` points at, `None` if it was deleted since.
    async fn fetch<R: Record + Send>(
        &self,
        reference: &RecordRef<R>,
    ) -> anyhow::Result<Option<Stored<R>>> {
        let Some(id) = reference.record_id() else {
            return Ok(None);
        };
        found(self.api.get_record::<R>(id).await)
            .with_context(|| format!("cannot fetch {} {id}", R::OBJECT))
    }

    /// What the message says: the deal, its company, its first associated
    /// person (its primary contact) and its owner's name.
    async fn summary(
        &self,
        deal: &Stored<Deal>,
        company: Option<&Stored<Company>>,
    ) -> anyhow::Result<DealSummary> {
        let values = &deal.values;
        let contact = match values.associated_people.first() {
            Some(person) => self
                .fetch::<Person>(person)
                .await?
                .map(|p| contact(&p.values)),
            None => None,
        };
        let owner = match owner(values) {
            Some(member) => Some(match self.api.get_workspace_member(&member).await {
                Ok(found) => Some(found.full_name())
                    .filter(|name| !name.is_empty())
                    .unwrap_or(found.email_address),
                // A member id the workspace no longer knows still says who.
                Err(e) if e.kind() == ErrorKind::NotFound => member.to_string(),
                Err(e) => return Err(e).context("cannot read the deal owner's name"),
            }),
            None => None,
        };
        Ok(DealSummary {
            stage: self.rules.stage.title().to_owned(),
            name: values
                .name
                .clone()
                .unwrap_or_else(|| "Unnamed deal".to_owned()),
            value: values.value,
            deal_type: values.deal_type.as_ref().map(|t| t.title().to_owned()),
            company: company.and_then(|c| c.values.name.clone()),
            contact,
            owner,
            url: deal.web_url.clone(),
        })
    }

    /// "Kick off onboarding for <company>", linked to the deal, assigned to
    /// its owner (unassigned if the owner is not a member).
    fn task(
        &self,
        deal: &Stored<Deal>,
        company: Option<&Stored<Company>>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<NewTask> {
        let subject = company
            .and_then(|c| c.values.name.clone())
            .or_else(|| deal.values.name.clone())
            .unwrap_or_else(|| "the new customer".to_owned());
        let due = now
            .checked_add_signed(self.rules.task_due_in)
            .context("the task deadline is out of range; give fewer days")?;
        let task = NewTask::new(format!("Kick off onboarding for {subject}"))
            .deadline(due)
            .linked::<Deal>(&deal.id.record_id);
        Ok(match owner(&deal.values) {
            Some(member) => task.assign(&member),
            None => task,
        })
    }
}

/// A fetched record, `None` when it does not exist (any more).
fn found<R>(fetched: Result<Stored<R>, Error>) -> Result<Option<Stored<R>>, Error> {
    match fetched {
        Ok(record) => Ok(Some(record)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The deal owner's member id, when the owner is a workspace member.
fn owner(deal: &Deal) -> Option<WorkspaceMemberId> {
    let owner = deal.owner.as_ref()?;
    if owner.actor_type() != Some(ActorType::WorkspaceMember) {
        return None;
    }
    WorkspaceMemberId::new(owner.id()?).ok()
}

fn contact(person: &Person) -> Contact {
    let email = person
        .email_addresses
        .first()
        .map(|e| e.as_str().to_owned());
    let name = person
        .name
        .as_ref()
        .map(ToString::to_string)
        .filter(|name| !name.trim().is_empty())
        .or_else(|| email.clone())
        .unwrap_or_else(|| "Unnamed person".to_owned());
    Contact { name, email }
}
