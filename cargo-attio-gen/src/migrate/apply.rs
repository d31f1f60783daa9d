//! Carrying a plan out through the runtime client (pacing, retries),
//! skipping what the workspace already has, so that an interrupted apply
//! continues where it stopped and a second one writes nothing.

use std::fmt;

use attio_runtime::api::schema::NewList;
use attio_runtime::{Client, ErrorKind};
use attio_schema::{AccessLevel, Attribute, MemberAccess, Workspace};

use super::compose::{plan, PlanOptions};
use super::create::configurable;
use super::steps::{Action, AttributeRef, Note, Plan, Step};
use attio_schema::diff::by_slug;

/// How far an apply got: reported before each step.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The step about to be made.
    pub step: &'a Step,
    /// Steps finished (made or found done) so far.
    pub done: usize,
    /// Steps in the plan.
    pub total: usize,
}

/// What an apply did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Steps made now, one write each.
    pub made: usize,
    /// Steps the workspace already had (made by an earlier, interrupted
    /// apply, or by someone else), skipped without a write.
    pub already_done: usize,
    /// What the apply chose as it went, beyond what the plan's steps say:
    /// the workspace member given full access to a list that the snapshot
    /// gives nobody full access to (Attio refuses such a list).
    pub notes: Vec<Note>,
}

/// Why an apply stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyError {
    /// The workspace's schema could not be read; nothing was written.
    #[error("cannot read the workspace's schema, so nothing was changed: {0}")]
    Read(#[source] Box<attio_runtime::Error>),
    /// Attio refused a step; the steps before it were made.
    #[error(
        "Attio refused to {} {} ({}): {source}; {} step(s) done, {} left (the refused one \
         included); remove the cause and apply again, which continues where this stopped",
        .step.action.verb(),
        .step.path,
        .step.why,
        .applied.made + .applied.already_done,
        .remaining
    )]
    Refused {
        /// The refused step.
        step: Box<Step>,
        /// What was done before it.
        applied: Applied,
        /// Steps not done, the refused one included.
        remaining: usize,
        /// The runtime's error: the request, the status, Attio's message.
        #[source]
        source: Box<attio_runtime::Error>,
    },
}

impl ApplyError {
    /// The runtime's error under this one.
    pub fn api_error(&self) -> &attio_runtime::Error {
        match self {
            ApplyError::Read(e) => e,
            ApplyError::Refused { source, .. } => source,
        }
    }
}

/// Carries `plan` out in its order, reading the workspace first: a step the
/// workspace already reflects is skipped, so re-running a plan after a
/// partial apply continues. Stops at the first refusal.
pub async fn apply(
    client: &Client,
    plan: &Plan,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Applied, ApplyError> {
    let live = client
        .get_workspace_schema()
        .await
        .map_err(|e| ApplyError::Read(Box::new(e)))?;
    apply_to(client, &by_slug(&live), plan, progress).await
}

/// Reads the workspace, plans against `snapshot` and applies the plan: what
/// an integration calls at start-up to ensure its objects and attributes
/// exist. Returns the plan too: its [`Plan::manual`] and [`Plan::held_back`]
/// say what still differs.
pub async fn ensure(
    client: &Client,
    snapshot: &Workspace,
    options: &PlanOptions,
) -> Result<(Plan, Applied), ApplyError> {
    let live = client
        .get_workspace_schema()
        .await
        .map_err(|e| ApplyError::Read(Box::new(e)))?;
    let planned = plan(&live, snapshot, options);
    let applied = apply_to(client, &by_slug(&live), &planned, &mut |_| {}).await?;
    Ok((planned, applied))
}

async fn apply_to(
    client: &Client,
    live: &Workspace,
    plan: &Plan,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Applied, ApplyError> {
    let mut applied = Applied::default();
    let total = plan.steps.len();
    for (index, step) in plan.steps.iter().enumerate() {
        progress(Progress {
            step,
            done: index,
            total,
        });
        if is_done(live, &step.action) {
            applied.already_done += 1;
            continue;
        }
        if let Err(source) = make(client, step, &mut applied.notes).await {
            return Err(ApplyError::Refused {
                step: Box::new(step.clone()),
                applied,
                remaining: total - index,
                source: Box::new(source),
            });
        }
        applied.made += 1;
    }
    Ok(applied)
}

/// `list` as Attio accepts it: when it gives nobody full access, the
/// workspace member who authorised the token (`GET /v2/self`) gets it, and
/// a note says so. Attio refuses a list nobody can configure, on creation
/// and on every update
/// (<https://docs.attio.com/rest-api/endpoint-reference/lists/update-a-list>),
/// so the snapshot's access cannot be reached by narrowing afterwards; one
/// member more is the least that differs from it.
async fn configurable_list(
    client: &Client,
    path: &str,
    list: &NewList,
    notes: &mut Vec<Note>,
) -> Result<NewList, attio_runtime::Error> {
    let mut list = list.clone();
    if configurable(&list) {
        return Ok(list);
    }
    let me = client.identify().await?;
    let Some(member) = me.authorized_by_workspace_member_id else {
        return Err(attio_runtime::Error::new(
            ErrorKind::Validation,
            "the snapshot gives nobody full access to this list, which Attio refuses, and \
             the token names no workspace member who authorised it to give full access to; \
             give the workspace or a member full access in the snapshot, or create the list \
             in Attio's UI",
        ));
    };
    let member = member.to_string();
    notes.push(Note {
        path: path.to_owned(),
        why: format!(
            "workspace member {member}, who authorised the token, was given full access: the \
             snapshot gives nobody full access, and Attio refuses a list nobody can configure"
        ),
    });
    list.workspace_member_access.push(MemberAccess {
        workspace_member_id: member,
        level: AccessLevel::FullAccess,
    });
    Ok(list)
}

/// One step's request.
async fn make(
    client: &Client,
    step: &Step,
    notes: &mut Vec<Note>,
) -> Result<(), attio_runtime::Error> {
    match &step.action {
        Action::CreateObject { object } => client.create_object(object).await.map(drop),
        Action::UpdateObject { object, update } => {
            client.update_object(object, update).await.map(drop)
        }
        Action::CreateList { list } => {
            let list = configurable_list(client, &step.path, list, notes).await?;
            client.create_list(&list).await.map(drop)
        }
        Action::UpdateList { list, update } => client.update_list(list, update).await.map(drop),
        Action::CreateAttribute {
            target,
            owner,
            attribute,
        } => client
            .create_attribute(*target, owner, attribute)
            .await
            .map(drop),
        Action::UpdateAttribute { of, update } => client
            .update_attribute(of.target, &of.owner, &of.attribute, update)
            .await
            .map(drop),
        Action::CreateOption { of, title } => client
            .create_select_option(of.target, &of.owner, &of.attribute, title)
            .await
            .map(drop),
        Action::UpdateOption { of, title, update } => client
            .update_select_option(of.target, &of.owner, &of.attribute, title, update)
            .await
            .map(drop),
        Action::CreateStatus { of, status } => client
            .create_status(of.target, &of.owner, &of.attribute, status)
            .await
            .map(drop),
        Action::UpdateStatus { of, title, update } => client
            .update_status(of.target, &of.owner, &of.attribute, title, update)
            .await
            .map(drop),
    }
}

fn attribute<'w>(live: &'w Workspace, of: &AttributeRef) -> Option<&'w Attribute> {
    live.owner(of.target, &of.owner)?.attribute(&of.attribute)
}

/// Whether `live` already reflects the step.
fn is_done(live: &Workspace, action: &Action) -> bool {
    let same = |want: &Option<bool>, have: bool| want.is_none_or(|w| w == have);
    match action {
        Action::CreateObject { object } => live.object(&object.api_slug).is_some(),
        Action::UpdateObject { object, update } => live.object(object).is_some_and(|o| {
            (update.singular_noun.is_none() || update.singular_noun == o.singular_noun)
                && (update.plural_noun.is_none() || update.plural_noun == o.plural_noun)
        }),
        Action::CreateList { list } => live.list(&list.api_slug).is_some(),
        Action::UpdateList { list, update } => live
            .list(list)
            .is_some_and(|l| update.name.as_ref().is_none_or(|n| *n == l.name)),
        Action::CreateAttribute {
            target,
            owner,
            attribute,
        } => live
            .owner(*target, owner)
            .is_some_and(|o| o.attribute(&attribute.api_slug).is_some()),
        Action::UpdateAttribute { of, update } => attribute(live, of).is_some_and(|a| {
            update.title.as_ref().is_none_or(|t| *t == a.title)
                && update
                    .description
                    .as_ref()
                    .is_none_or(|d| *d == a.description)
                && same(&update.is_required, a.is_required)
                && same(&update.is_unique, a.is_unique)
                && same(&update.is_archived, a.is_archived)
        }),
        Action::CreateOption { of, title } => {
            attribute(live, of).is_some_and(|a| a.options.iter().any(|o| o.title == *title))
        }
        Action::UpdateOption { of, title, update } => attribute(live, of).is_some_and(|a| {
            a.options
                .iter()
                .any(|o| o.title == *title && same(&update.is_archived, o.is_archived))
        }),
        Action::CreateStatus { of, status } => {
            attribute(live, of).is_some_and(|a| a.statuses.iter().any(|s| s.title == status.title))
        }
        Action::UpdateStatus { of, title, update } => attribute(live, of).is_some_and(|a| {
            a.statuses
                .iter()
                .any(|s| s.title == *title && same(&update.is_archived, s.is_archived))
        }),
    }
}

/// `3 made, 2 already done`.
impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} step(s) made, {} already done",
            self.made, self.already_done
        )
    }
}
