//! Tasks: create one for a typed record, list them (filtered, every page),
//! fetch, update (deadline, completion, links, assignees) and delete.

use chrono::{DateTime, NaiveTime, Utc};
use reqwest::Method;
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::{ObjectId, RecordId, TaskId, WorkspaceId, WorkspaceMemberId};
use crate::record::Record;
use crate::value::{format_timestamp, parse_date, parse_timestamp, Actor, ActorType};
use crate::{Client, Error};

/// A task's `id`: `{"workspace_id", "task_id"}`; also the `id` of a
/// `task.*` webhook event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaskKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The task.
    pub task_id: TaskId,
}

/// A task as Attio returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Task {
    /// Workspace and task ids.
    pub id: TaskKey,
    /// The content, plain text.
    pub content_plaintext: String,
    /// When it is due, if ever.
    #[serde(deserialize_with = "deadline")]
    pub deadline_at: Option<DateTime<Utc>>,
    /// Whether it is done.
    pub is_completed: bool,
    /// When it was marked done; `None` while open, and in responses older
    /// than the field.
    #[serde(default, deserialize_with = "deadline")]
    pub completed_at: Option<DateTime<Utc>>,
    /// The records it is about.
    pub linked_records: Vec<LinkedRecord>,
    /// Who should do it.
    pub assignees: Vec<Assignee>,
    /// Who created it.
    pub created_by_actor: Actor,
    /// When, as Attio formats it (nanoseconds, UTC).
    pub created_at: String,
}

/// A record a task links to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct LinkedRecord {
    /// The record's object (its UUID, not its slug).
    pub target_object_id: ObjectId,
    /// The record.
    pub target_record_id: RecordId,
}

/// A member a task is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct Assignee {
    /// Always a workspace member for tasks written through the API.
    pub referenced_actor_type: ActorType,
    /// The member.
    pub referenced_actor_id: WorkspaceMemberId,
}

/// Reads `deadline_at` (and `completed_at`): a timestamp, or (in the
/// spec's example) a bare date, taken as midnight UTC.
fn deadline<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(raw) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    parse_timestamp(&raw)
        .or_else(|e| {
            parse_date(&raw)
                .map(|date| date.and_time(NaiveTime::MIN).and_utc())
                .map_err(|_| e)
        })
        .map(Some)
        .map_err(D::Error::custom)
}

fn link<R: Record>(record: &RecordId) -> Value {
    json!({"target_object": R::OBJECT, "target_record_id": record.as_str()})
}

fn member(id: &WorkspaceMemberId) -> Value {
    json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": id.as_str()})
}

fn member_by_email(email: &str) -> Value {
    json!({"workspace_member_email_address": email})
}

/// A task to create: its text, then optionally a deadline, links to
/// records and assignees.
///
/// ```
/// use attio_runtime::api::tasks::NewTask;
/// use attio_runtime::{chrono::{TimeZone, Utc}, RecordId, WorkspaceMemberId};
/// # use attio_runtime::{serde_json::{Map, Value}, DecodeError, Model, Record, Target, Values, Write};
/// # struct Deal;
/// # #[derive(Default)] struct DealWrite(Values);
/// # impl Write for DealWrite { type Target = Deal;
/// #   fn values(&self) -> &Values { &self.0 } fn values_mut(&mut self) -> &mut Values { &mut self.0 }
/// #   fn into_values(self) -> Values { self.0 } }
/// # impl Model for Deal {
/// #   const TARGET: Target = Target::Object; const SLUG: &'static str = "deals"; type Write = DealWrite;
/// #   fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> { Ok(Deal) }
/// #   fn to_write(&self) -> DealWrite { DealWrite::default() } }
/// # impl Record for Deal { const OBJECT: &'static str = "deals"; }
///
/// let deal = RecordId::new("e54b1781-560f-4aea-baf3-c2e5bbc58c79")?;
/// let owner = WorkspaceMemberId::new("50cf242c-7fa3-4cad-87d0-75b1af71c57b")?;
/// let task = NewTask::new("Call Ada about the renewal")
///     .deadline(Utc.with_ymd_and_hms(2030, 1, 2, 15, 0, 0).unwrap())
///     .linked::<Deal>(&deal)
///     .assign(&owner);
/// assert_eq!(task.body()["data"]["linked_records"][0]["target_object"], "deals");
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NewTask {
    content: String,
    deadline_at: Option<DateTime<Utc>>,
    is_completed: bool,
    linked_records: Vec<Value>,
    assignees: Vec<Value>,
}

impl NewTask {
    /// An open task with this text, no deadline, no links, nobody assigned.
    pub fn new(content: impl Into<String>) -> NewTask {
        NewTask {
            content: content.into(),
            deadline_at: None,
            is_completed: false,
            linked_records: Vec::new(),
            assignees: Vec::new(),
        }
    }

    /// Due at this time.
    pub fn deadline(mut self, at: DateTime<Utc>) -> NewTask {
        self.deadline_at = Some(at);
        self
    }

    /// Created already done.
    pub fn completed(mut self) -> NewTask {
        self.is_completed = true;
        self
    }

    /// About this record of `R`.
    pub fn linked<R: Record>(mut self, record: &RecordId) -> NewTask {
        self.linked_records.push(link::<R>(record));
        self
    }

    /// Assigned to this member.
    pub fn assign(mut self, member_id: &WorkspaceMemberId) -> NewTask {
        self.assignees.push(member(member_id));
        self
    }

    /// Assigned to the member with this email address.
    pub fn assign_email(mut self, email: &str) -> NewTask {
        self.assignees.push(member_by_email(email));
        self
    }

    /// The request body of `POST /v2/tasks`.
    pub fn body(&self) -> Value {
        json!({"data": {
            "content": self.content,
            "format": "plaintext",
            "deadline_at": self.deadline_at.as_ref().map(format_timestamp),
            "is_completed": self.is_completed,
            "linked_records": self.linked_records,
            "assignees": self.assignees,
        }})
    }
}

/// Which tasks to list: every task unless narrowed, oldest first.
///
/// ```
/// use attio_runtime::api::tasks::TaskQuery;
/// use attio_runtime::WorkspaceMemberId;
///
/// let owner = WorkspaceMemberId::new("50cf242c-7fa3-4cad-87d0-75b1af71c57b")?;
/// let open_for_owner = TaskQuery::new().assignee(&owner).completed(false).newest_first();
/// assert_eq!(
///     open_for_owner.query_string(),
///     "sort=created_at%3Adesc&assignee=50cf242c-7fa3-4cad-87d0-75b1af71c57b&is_completed=false"
/// );
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskQuery {
    linked: Option<(&'static str, RecordId)>,
    assignee: Option<String>,
    is_completed: Option<bool>,
    sort: Option<TaskSort>,
}

/// The orders `GET /v2/tasks` can list in (its `sort` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskSort {
    /// Oldest first (`created_at:asc`), Attio's default.
    CreatedAsc,
    /// Newest first (`created_at:desc`).
    CreatedDesc,
    /// Earliest completed first (`completed_at:asc`).
    CompletedAsc,
    /// Latest completed first (`completed_at:desc`).
    CompletedDesc,
}

impl TaskSort {
    /// The parameter's value, as Attio spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskSort::CreatedAsc => "created_at:asc",
            TaskSort::CreatedDesc => "created_at:desc",
            TaskSort::CompletedAsc => "completed_at:asc",
            TaskSort::CompletedDesc => "completed_at:desc",
        }
    }
}

impl TaskQuery {
    /// Every task.
    pub fn new() -> TaskQuery {
        TaskQuery::default()
    }

    /// Only tasks linked to this record of `R`.
    pub fn linked<R: Record>(mut self, record: &RecordId) -> TaskQuery {
        self.linked = Some((R::OBJECT, record.clone()));
        self
    }

    /// Only tasks assigned to this member.
    pub fn assignee(mut self, member_id: &WorkspaceMemberId) -> TaskQuery {
        self.assignee = Some(member_id.as_str().to_owned());
        self
    }

    /// Only tasks assigned to the member with this email address.
    pub fn assignee_email(mut self, email: &str) -> TaskQuery {
        self.assignee = Some(email.to_owned());
        self
    }

    /// Only tasks assigned to nobody.
    pub fn unassigned(mut self) -> TaskQuery {
        self.assignee = Some("null".to_owned());
        self
    }

    /// Only done (`true`) or open (`false`) tasks.
    pub fn completed(mut self, is_completed: bool) -> TaskQuery {
        self.is_completed = Some(is_completed);
        self
    }

    /// Newest first instead of oldest first: `sort(TaskSort::CreatedDesc)`.
    pub fn newest_first(self) -> TaskQuery {
        self.sort(TaskSort::CreatedDesc)
    }

    /// In this order (replacing any earlier one).
    pub fn sort(mut self, sort: TaskSort) -> TaskQuery {
        self.sort = Some(sort);
        self
    }

    /// The query parameters, percent-encoded, without paging.
    pub fn query_string(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str().to_owned()));
        }
        if let Some((object, record)) = &self.linked {
            pairs.push(("linked_object", (*object).to_owned()));
            pairs.push(("linked_record_id", record.as_str().to_owned()));
        }
        if let Some(assignee) = &self.assignee {
            pairs.push(("assignee", assignee.clone()));
        }
        if let Some(done) = self.is_completed {
            pairs.push(("is_completed", done.to_string()));
        }
        super::cursor::query_string(&pairs)
    }
}

/// Changes to a task; what is not set stays as it is. Links and assignees,
/// when set, replace the task's lists.
///
/// ```
/// use attio_runtime::api::tasks::TaskUpdate;
///
/// let done = TaskUpdate::new().completed(true).no_deadline();
/// assert_eq!(
///     done.body(),
///     attio_runtime::serde_json::json!({"data": {"is_completed": true, "deadline_at": null}})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskUpdate {
    data: Map<String, Value>,
}

impl TaskUpdate {
    /// No change yet.
    pub fn new() -> TaskUpdate {
        TaskUpdate::default()
    }

    /// Marks it done or open again.
    pub fn completed(mut self, is_completed: bool) -> TaskUpdate {
        self.data.insert("is_completed".into(), json!(is_completed));
        self
    }

    /// Moves the deadline.
    pub fn deadline(mut self, at: DateTime<Utc>) -> TaskUpdate {
        self.data
            .insert("deadline_at".into(), json!(format_timestamp(&at)));
        self
    }

    /// Removes the deadline.
    pub fn no_deadline(mut self) -> TaskUpdate {
        self.data.insert("deadline_at".into(), Value::Null);
        self
    }

    /// Adds this record of `R` to the links the update sets.
    pub fn linked<R: Record>(self, record: &RecordId) -> TaskUpdate {
        self.push("linked_records", link::<R>(record))
    }

    /// Links the task to no record.
    pub fn no_links(mut self) -> TaskUpdate {
        self.data.insert("linked_records".into(), json!([]));
        self
    }

    /// Adds this member to the assignees the update sets.
    pub fn assign(self, member_id: &WorkspaceMemberId) -> TaskUpdate {
        self.push("assignees", member(member_id))
    }

    /// Adds the member with this email address to the assignees the update sets.
    pub fn assign_email(self, email: &str) -> TaskUpdate {
        self.push("assignees", member_by_email(email))
    }

    /// Assigns the task to nobody.
    pub fn unassign_all(mut self) -> TaskUpdate {
        self.data.insert("assignees".into(), json!([]));
        self
    }

    fn push(mut self, key: &str, item: Value) -> TaskUpdate {
        let list = self.data.entry(key).or_insert_with(|| json!([]));
        if let Value::Array(items) = list {
            items.push(item);
        }
        self
    }

    /// The request body of `PATCH /v2/tasks/{task_id}`.
    pub fn body(&self) -> Value {
        json!({"data": self.data})
    }
}

impl Client {
    /// Creates a task: `POST /v2/tasks`. Not repeated after an ambiguous
    /// failure, since a repeat would create a second task.
    pub async fn create_task(&self, task: &NewTask) -> Result<Task, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/tasks".to_owned(),
            Some(task.body()),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// The tasks `query` selects, every page (`GET /v2/tasks`, 500 at a time).
    pub async fn list_tasks(&self, query: &TaskQuery) -> Result<Vec<Task>, Error> {
        const PAGE: usize = 500;
        let filters = query.query_string();
        let mut tasks = Vec::new();
        loop {
            let mut path = format!("/v2/tasks?limit={PAGE}&offset={}", tasks.len());
            if !filters.is_empty() {
                path.push('&');
                path.push_str(&filters);
            }
            let page: Vec<Task> = self.call(Call::get(path)).await?;
            let last = page.len() < PAGE;
            tasks.extend(page);
            if last {
                return Ok(tasks);
            }
        }
    }

    /// One task.
    pub async fn get_task(&self, task_id: &TaskId) -> Result<Task, Error> {
        self.call(Call::get(format!("/v2/tasks/{task_id}"))).await
    }

    /// Updates a task: `PATCH /v2/tasks/{task_id}`. Repeating it sets the
    /// same values again, so it is retried like a read.
    pub async fn update_task(&self, task_id: &TaskId, update: &TaskUpdate) -> Result<Task, Error> {
        let call = Call::write(
            Method::PATCH,
            format!("/v2/tasks/{task_id}"),
            Some(update.body()),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes a task.
    pub async fn delete_task(&self, task_id: &TaskId) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/tasks/{task_id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}

#[cfg(test)]
mod tests;
