//! Threads and comments: threads of a record or entry (paged), one thread,
//! creating a comment (in a thread, or starting one on a record or entry),
//! reading and deleting one — with `comment.*` events.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::events;
use crate::http::{
    created_at, data, data_object, empty, field_issue, lock, page, parse_body, publish,
    required_str, ApiResult, Params, Shared,
};
use crate::store::{new_id, Comment, Store};
use crate::time;

/// The keys a comment body may have besides exactly one of the targets.
const KEYS: [&str; 4] = ["format", "content", "author", "created_at"];
const TARGETS: [&str; 3] = ["thread_id", "record", "entry"];

fn render(store: &Store, comment: &Comment) -> Value {
    let entry = comment.entry.as_ref().map_or(
        Value::Null,
        |(list, entry)| json!({"entry_id": entry, "list_id": list}),
    );
    json!({
        "id": {"workspace_id": store.info.id, "comment_id": comment.id},
        "thread_id": comment.thread_id,
        "content_plaintext": comment.content_plaintext,
        "entry": entry,
        "record": {"record_id": comment.record.1, "object_id": comment.record.0},
        // Comments are resolved in Attio's app only; through the API they stay open.
        "resolved_at": null,
        "resolved_by": {"id": null, "type": null},
        "created_at": comment.created_at,
        "author": comment.author,
    })
}

/// A thread: its comments in creation order (the first one started it).
fn render_thread(store: &Store, thread_id: &str) -> Option<Value> {
    let comments: Vec<&Comment> = store
        .comments
        .iter()
        .filter(|c| c.thread_id == thread_id)
        .collect();
    let first = comments.first()?;
    Some(json!({
        "id": {"workspace_id": store.info.id, "thread_id": thread_id},
        "comments": comments.iter().map(|c| render(store, c)).collect::<Vec<_>>(),
        "created_at": first.created_at,
    }))
}

fn comment_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Comment with ID \"{id}\" not found."))
}

/// A comment target that does not exist: the spec's 400 `value_not_found`.
fn value_not_found(message: String) -> ApiError {
    ApiError::bad_request("value_not_found", message)
}

/// What a thread query selects: comments on a record, or on an entry.
enum Parent {
    Record(String, String),
    Entry(String, String),
    Any,
}

fn parent_of_query(store: &Store, params: &Params) -> Result<Parent, ApiError> {
    let pair = |a: &str, b: &str| match (params.get(a), params.get(b)) {
        (Some(x), Some(y)) => Ok(Some((x.clone(), y.clone()))),
        (None, None) => Ok(None),
        _ => Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameters \"{a}\" and \"{b}\" must be given together."),
        )),
    };
    if let Some((object, record_id)) = pair("object", "record_id")? {
        let object = store
            .object_index(&object)
            .map(|i| store.objects[i].id.object_id.clone())
            .ok_or_else(|| {
                ApiError::not_found(format!("Object with slug/ID \"{object}\" not found."))
            })?;
        return Ok(Parent::Record(object, record_id));
    }
    if let Some((list, entry_id)) = pair("list", "entry_id")? {
        let list = store
            .list_index(&list)
            .map(|i| store.lists[i].id.list_id.clone())
            .ok_or_else(|| {
                ApiError::not_found(format!("List with slug/ID \"{list}\" not found."))
            })?;
        return Ok(Parent::Entry(list, entry_id));
    }
    Ok(Parent::Any)
}

/// `GET /v2/threads`: the threads of a record or entry.
pub(crate) async fn list_threads(
    State(state): State<Shared>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let (limit, offset) = page(&params, 10, 50)?;
    let parent = parent_of_query(&store, &params)?;
    let mut thread_ids: Vec<&str> = Vec::new();
    for comment in &store.comments {
        let selected = match &parent {
            Parent::Record(object, record) => {
                comment.entry.is_none() && comment.record == (object.clone(), record.clone())
            }
            Parent::Entry(list, entry) => {
                comment.entry.as_ref() == Some(&(list.clone(), entry.clone()))
            }
            Parent::Any => true,
        };
        if selected && !thread_ids.contains(&comment.thread_id.as_str()) {
            thread_ids.push(&comment.thread_id);
        }
    }
    let threads: Vec<Value> = thread_ids
        .into_iter()
        .skip(offset)
        .take(limit)
        .filter_map(|id| render_thread(&store, id))
        .collect();
    Ok(data(Value::Array(threads)))
}

/// The most comments a page of `GET /v2/threads/{thread}` holds, and the
/// page without a `limit`
/// (<https://docs.attio.com/rest-api/endpoint-reference/threads/get-a-thread-and-its-comments>).
const COMMENT_PAGE: usize = 250;

/// `GET /v2/threads/{thread}`: the thread with one page of its comments,
/// oldest first — those created after `created_after` when given — and
/// `pagination.next_cursor`, the cursor of the next page (`null` on the
/// last). The cursor is the id of the next page's first comment.
pub(crate) async fn get_thread(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let (limit, _) = page(&params, COMMENT_PAGE, COMMENT_PAGE)?;
    let after = match params.get("created_after").map(String::as_str) {
        None | Some("" | "null") => None,
        Some(raw) => Some(time::parse_timestamp(raw).ok_or_else(|| {
            ApiError::bad_request(
                "validation_type",
                format!("Query parameter \"created_after\" must be an ISO 8601 timestamp, not \"{raw}\"."),
            )
        })?),
    };
    let comments: Vec<&Comment> = store
        .comments
        .iter()
        .filter(|c| c.thread_id == id)
        .collect();
    let first = comments
        .first()
        .ok_or_else(|| ApiError::not_found(format!("Thread with ID \"{id}\" not found.")))?;
    let selected: Vec<&Comment> = comments
        .iter()
        .copied()
        .filter(|c| after.is_none_or(|after| time::parse_timestamp(&c.created_at) > Some(after)))
        .collect();
    let start = match params.get("cursor") {
        None => 0,
        Some(cursor) => selected
            .iter()
            .position(|c| c.id == *cursor)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "validation_type",
                    format!(
                        "Query parameter \"cursor\" is not a cursor of this thread: \"{cursor}\"."
                    ),
                )
            })?,
    };
    let end = (start + limit).min(selected.len());
    let next_cursor = selected
        .get(end)
        .filter(|_| limit > 0)
        .map(|c| c.id.clone());
    let body = json!({
        "data": {
            "id": {"workspace_id": store.info.id, "thread_id": id},
            "comments": selected[start..end].iter().map(|c| render(&store, c)).collect::<Vec<_>>(),
            "created_at": first.created_at,
        },
        "pagination": {"next_cursor": next_cursor},
    });
    Ok(axum::Json(body).into_response())
}

/// Where a new comment goes: `(thread_id, record, entry)`.
type Placement = (String, (String, String), Option<(String, String)>);

fn placement(store: &Store, data_in: &Map<String, Value>) -> Result<Placement, ApiError> {
    let given: Vec<&str> = TARGETS
        .into_iter()
        .filter(|t| data_in.contains_key(*t))
        .collect();
    let target = match given.as_slice() {
        [one] => *one,
        [] => {
            return Err(ApiError::bad_request(
                "missing_value",
                "One of \"thread_id\", \"record\" or \"entry\" is required.",
            ))
        }
        _ => {
            return Err(ApiError::bad_request(
                "validation_type",
                "Only one of \"thread_id\", \"record\" or \"entry\" may be given.",
            ))
        }
    };
    match target {
        "thread_id" => {
            let thread_id = required_str(data_in, "thread_id")?;
            let head = store
                .comments
                .iter()
                .find(|c| c.thread_id == thread_id)
                .ok_or_else(|| {
                    value_not_found(format!("Thread with ID \"{thread_id}\" not found."))
                })?;
            Ok((
                thread_id.to_owned(),
                head.record.clone(),
                head.entry.clone(),
            ))
        }
        "record" => {
            let record = target_object(data_in, "record")?;
            let object = required_str(record, "object")?;
            let record_id = required_str(record, "record_id")?;
            let object_id = store
                .object_index(object)
                .map(|i| store.objects[i].id.object_id.clone())
                .ok_or_else(|| {
                    value_not_found(format!("Object with slug/ID \"{object}\" not found."))
                })?;
            if store.record(&object_id, record_id).is_none() {
                return Err(value_not_found(format!(
                    "Record with ID \"{record_id}\" not found."
                )));
            }
            Ok((new_id(), (object_id, record_id.to_owned()), None))
        }
        _ => {
            let entry = target_object(data_in, "entry")?;
            let list = required_str(entry, "list")?;
            let entry_id = required_str(entry, "entry_id")?;
            let list_id = store
                .list_index(list)
                .map(|i| store.lists[i].id.list_id.clone())
                .ok_or_else(|| {
                    value_not_found(format!("List with slug/ID \"{list}\" not found."))
                })?;
            let parent = store
                .entries
                .get(&list_id)
                .and_then(|c| c.items.get(entry_id))
                .and_then(|e| e.parent.clone())
                .ok_or_else(|| {
                    value_not_found(format!("Entry with ID \"{entry_id}\" not found."))
                })?;
            Ok((new_id(), parent, Some((list_id, entry_id.to_owned()))))
        }
    }
}

fn target_object<'a>(
    data_in: &'a Map<String, Value>,
    key: &str,
) -> Result<&'a Map<String, Value>, ApiError> {
    data_in
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| field_issue(key, "Expected object."))
}

/// The author: a workspace member, the only author the API accepts.
fn author(store: &Store, data_in: &Map<String, Value>) -> Result<Value, ApiError> {
    let author = target_object(data_in, "author")?;
    if author.get("type").and_then(Value::as_str) != Some("workspace-member") {
        return Err(ApiError::body_issue(
            vec![json!("data"), json!("author"), json!("type")],
            "Expected \"workspace-member\".",
        ));
    }
    let id = required_str(author, "id")?;
    if store.member(id).is_none() {
        return Err(value_not_found(format!(
            "Workspace member with ID \"{id}\" not found."
        )));
    }
    Ok(json!({"type": "workspace-member", "id": id}))
}

/// `POST /v2/comments`: a comment, starting a thread or answering one.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    if let Some(unknown) = data_in
        .keys()
        .find(|k| !KEYS.contains(&k.as_str()) && !TARGETS.contains(&k.as_str()))
    {
        return Err(field_issue(unknown, "Unrecognized key."));
    }
    if required_str(data_in, "format")? != "plaintext" {
        return Err(field_issue("format", "Expected \"plaintext\"."));
    }
    let content = required_str(data_in, "content")?.to_owned();
    let author = author(&store, data_in)?;
    let created_at = created_at(data_in)?;
    let (thread_id, record, entry) = placement(&store, data_in)?;
    let comment = Comment {
        id: new_id(),
        thread_id,
        content_plaintext: content,
        record,
        entry,
        author,
        created_at,
    };
    let rendered = render(&store, &comment);
    publish(&state, &store, || {
        vec![events::comment_event(&store, &comment, "comment.created")]
    });
    store.comments.push(comment);
    Ok(data(rendered))
}

/// `GET /v2/comments/{comment}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let comment = store
        .comments
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| comment_not_found(&id))?;
    Ok(data(render(&store, comment)))
}

/// Deletes a comment; deleting the first comment of a thread deletes the
/// thread, with every comment in it (as Attio does).
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let comment = store
        .comments
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or_else(|| comment_not_found(&id))?;
    let is_head = store
        .comments
        .iter()
        .find(|c| c.thread_id == comment.thread_id)
        .is_some_and(|head| head.id == comment.id);
    let (removed, kept): (Vec<Comment>, Vec<Comment>) = std::mem::take(&mut store.comments)
        .into_iter()
        .partition(|c| c.id == comment.id || (is_head && c.thread_id == comment.thread_id));
    store.comments = kept;
    publish(&state, &store, || {
        removed
            .iter()
            .map(|c| events::comment_event(&store, c, "comment.deleted"))
            .collect()
    });
    Ok(empty())
}
