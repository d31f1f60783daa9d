//! Comments and their threads: start a thread on a record or a list entry,
//! reply in a thread, read threads (every page), read and delete a comment.

use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::{decode, Call};
use crate::ids::{
    CommentId, EntryId, ListId, ObjectId, RecordId, ThreadId, WorkspaceId, WorkspaceMemberId,
};
use crate::record::{Entry, Record};
use crate::value::{format_timestamp, Actor, ActorType};
use crate::{Client, Error};

/// A comment's `id`: `{"workspace_id", "comment_id"}`; also the `id` of a
/// `comment.*` webhook event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommentKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The comment.
    pub comment_id: CommentId,
}

/// A thread's `id`: `{"workspace_id", "thread_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ThreadKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The thread.
    pub thread_id: ThreadId,
}

/// A comment as Attio returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Comment {
    /// Workspace and comment ids.
    pub id: CommentKey,
    /// The thread it belongs to.
    pub thread_id: ThreadId,
    /// The text.
    pub content_plaintext: String,
    /// The entry commented on, for a comment on a list entry.
    pub entry: Option<CommentedEntry>,
    /// The record commented on (an entry's parent record for a comment on an entry).
    pub record: CommentedRecord,
    /// When it was resolved (in Attio's app; the API cannot resolve).
    pub resolved_at: Option<String>,
    /// Who resolved it; `None` while it is open (Attio sends
    /// `{"type": null, "id": null}`).
    #[serde(deserialize_with = "optional_actor")]
    pub resolved_by: Option<Actor>,
    /// When it was written, as Attio formats it (nanoseconds, UTC).
    pub created_at: String,
    /// Who wrote it.
    pub author: Actor,
}

/// The record a comment is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct CommentedRecord {
    /// The record.
    pub record_id: RecordId,
    /// Its object (the UUID, not the slug).
    pub object_id: ObjectId,
}

/// The list entry a comment is on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct CommentedEntry {
    /// The entry.
    pub entry_id: EntryId,
    /// Its list (the UUID, not the slug).
    pub list_id: ListId,
}

/// A thread: its comments, the first one having started it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Thread {
    /// Workspace and thread ids.
    pub id: ThreadKey,
    /// The comments, oldest first (at least one).
    pub comments: Vec<Comment>,
    /// When the thread was started.
    pub created_at: String,
}

/// `{"type": null, "id": null}` (or `null`) is no actor.
fn optional_actor<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Actor>, D::Error> {
    #[derive(Deserialize)]
    struct Loose {
        #[serde(rename = "type")]
        actor_type: Option<ActorType>,
        id: Option<String>,
    }
    Ok(Option::<Loose>::deserialize(d)?.and_then(|loose| {
        loose.actor_type.map(|actor_type| Actor {
            actor_type,
            id: loose.id,
        })
    }))
}

/// A comment to write: its author and text, and where it goes — a new
/// thread on a record or an entry, or a reply in a thread.
///
/// ```
/// use attio_runtime::api::comments::NewComment;
/// use attio_runtime::{RecordId, ThreadId, WorkspaceMemberId};
///
/// let ada = WorkspaceMemberId::new("67562b1c-1f2e-4d3a-8b9c-0d1e2f3a4b5c")?;
/// let thread = ThreadId::new("2e6e29ea-c4e0-4f44-842d-78a891f8c156")?;
/// let reply = NewComment::in_thread(&thread, &ada, "Signed, see the PDF");
/// assert_eq!(reply.body()["data"]["thread_id"], "2e6e29ea-c4e0-4f44-842d-78a891f8c156");
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NewComment {
    author: WorkspaceMemberId,
    content: String,
    target: (&'static str, Value),
    created_at: Option<String>,
}

impl NewComment {
    /// Starts a thread on a record of `R`.
    pub fn on_record<R: Record>(
        record: &RecordId,
        author: &WorkspaceMemberId,
        content: impl Into<String>,
    ) -> NewComment {
        let target = json!({"object": R::OBJECT, "record_id": record.as_str()});
        NewComment::new(author, content, ("record", target))
    }

    /// Starts a thread on an entry of list `E`.
    pub fn on_entry<E: Entry>(
        entry: &EntryId,
        author: &WorkspaceMemberId,
        content: impl Into<String>,
    ) -> NewComment {
        let target = json!({"list": E::LIST, "entry_id": entry.as_str()});
        NewComment::new(author, content, ("entry", target))
    }

    /// Replies in a thread.
    pub fn in_thread(
        thread: &ThreadId,
        author: &WorkspaceMemberId,
        content: impl Into<String>,
    ) -> NewComment {
        NewComment::new(author, content, ("thread_id", json!(thread.as_str())))
    }

    fn new(
        author: &WorkspaceMemberId,
        content: impl Into<String>,
        target: (&'static str, Value),
    ) -> NewComment {
        NewComment {
            author: author.clone(),
            content: content.into(),
            target,
            created_at: None,
        }
    }

    /// Backdates the comment (an import of older conversations).
    pub fn created_at(mut self, at: chrono::DateTime<chrono::Utc>) -> NewComment {
        self.created_at = Some(format_timestamp(&at));
        self
    }

    /// The request body of `POST /v2/comments`.
    pub fn body(&self) -> Value {
        let mut data = json!({
            "format": "plaintext",
            "content": self.content,
            "author": {"type": "workspace-member", "id": self.author.as_str()},
        });
        data[self.target.0] = self.target.1.clone();
        if let Some(at) = &self.created_at {
            data["created_at"] = json!(at);
        }
        json!({ "data": data })
    }
}

/// The largest page `GET /v2/threads` serves.
const THREAD_PAGE: usize = 50;

/// The largest page of comments `GET /v2/threads/{thread_id}` serves
/// (<https://docs.attio.com/rest-api/endpoint-reference/threads/get-a-thread-and-its-comments>).
const COMMENT_PAGE: usize = 250;

/// One page of `GET /v2/threads/{thread_id}`: the thread with some of its
/// comments, and where the next page starts.
#[derive(Deserialize)]
struct ThreadPage {
    data: Thread,
    /// Absent from answers older than the thread's pagination: one page.
    #[serde(default)]
    pagination: Option<Pagination>,
}

#[derive(Deserialize)]
struct Pagination {
    next_cursor: Option<String>,
}

impl Client {
    /// Writes a comment: `POST /v2/comments`. Not repeated after an
    /// ambiguous failure (a second attempt would post it twice).
    pub async fn create_comment(&self, comment: &NewComment) -> Result<Comment, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/comments".to_owned(),
            Some(comment.body()),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// A comment by id: `GET /v2/comments/{comment_id}`.
    pub async fn get_comment(&self, id: &CommentId) -> Result<Comment, Error> {
        self.call(Call::get(format!("/v2/comments/{id}"))).await
    }

    /// Deletes a comment; deleting the first comment of a thread deletes
    /// the whole thread.
    pub async fn delete_comment(&self, id: &CommentId) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/comments/{id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }

    /// A thread with every one of its comments: `GET /v2/threads/{thread_id}`,
    /// every page (250 comments at a time, following Attio's cursor).
    pub async fn get_thread(&self, id: &ThreadId) -> Result<Thread, Error> {
        let (mut thread, mut cursor) = self.thread_page(id, None).await?;
        while let Some(next) = cursor {
            let (page, after) = self.thread_page(id, Some(&next)).await?;
            // An empty page ends the read even with a cursor, so that a
            // server repeating itself cannot keep it going.
            cursor = after.filter(|_| !page.comments.is_empty());
            thread.comments.extend(page.comments);
        }
        Ok(thread)
    }

    /// One page of a thread's comments, from `cursor` (the first page
    /// without), and the cursor of the next page, if there is one.
    async fn thread_page(
        &self,
        id: &ThreadId,
        cursor: Option<&str>,
    ) -> Result<(Thread, Option<String>), Error> {
        let mut pairs = vec![("limit", COMMENT_PAGE.to_string())];
        pairs.extend(cursor.map(|c| ("cursor", c.to_owned())));
        let path = super::cursor::with_query(&format!("/v2/threads/{id}"), &pairs);
        let body = self.send(Call::get(path.clone())).await?;
        let page: ThreadPage = decode(&body, &Method::GET, &path)?;
        Ok((page.data, page.pagination.and_then(|p| p.next_cursor)))
    }

    /// Every thread on a record of `R` (not on its entries), every page.
    pub async fn list_record_threads<R: Record>(
        &self,
        id: &RecordId,
    ) -> Result<Vec<Thread>, Error> {
        self.threads(&format!("object={}&record_id={id}", R::OBJECT))
            .await
    }

    /// Every thread on an entry of list `E`, every page.
    pub async fn list_entry_threads<E: Entry>(&self, id: &EntryId) -> Result<Vec<Thread>, Error> {
        self.threads(&format!("list={}&entry_id={id}", E::LIST))
            .await
    }

    async fn threads(&self, filter: &str) -> Result<Vec<Thread>, Error> {
        let mut threads = Vec::new();
        loop {
            let path = format!(
                "/v2/threads?{filter}&limit={THREAD_PAGE}&offset={}",
                threads.len()
            );
            let page: Vec<Thread> = self.call(Call::get(path)).await?;
            let last = page.len() < THREAD_PAGE;
            threads.extend(page);
            if last {
                return Ok(threads);
            }
        }
    }
}
