//! Notes: list (filtered by parent), create, get, update and delete.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::events;
use crate::http::{
    created_at, data, data_object, empty, field_issue, lock, page, parse_body, publish,
    required_str, ApiResult, Params, Shared,
};
use crate::store::{new_id, Note, Store};

fn render(store: &Store, note: &Note) -> Value {
    let parent_object = store
        .object_by_id(&note.parent_object_id)
        .map_or_else(|| note.parent_object_id.clone(), |o| o.api_slug.clone());
    json!({
        "id": {"workspace_id": store.info.id, "note_id": note.id},
        "parent_object": parent_object,
        "parent_record_id": note.parent_record_id,
        "title": note.title,
        "content_plaintext": note.content_plaintext,
        "content_markdown": note.content_markdown,
        "created_by_actor": note.created_by,
        "created_at": note.created_at,
        "meeting_id": note.meeting_id,
        // The API can neither create nor change tags (they are set in the
        // app), so a note written through it has none.
        "tags": [],
    })
}

fn note_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Note with ID \"{id}\" not found."))
}

/// The text of markdown without its markup: headings, emphasis, code
/// ticks, quote markers and list bullets go; link texts stay.
pub(crate) fn markdown_to_plaintext(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let body = trimmed
                .trim_start_matches('#')
                .trim_start_matches('>')
                .trim_start();
            let body = body
                .strip_prefix("- ")
                .or_else(|| body.strip_prefix("* "))
                .unwrap_or(body);
            strip_inline_markup(body)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn strip_inline_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            // `[text](url)` keeps only `text`.
            if let Some((text, after)) = rest[1..].split_once("](") {
                if let Some((_, tail)) = after.split_once(')') {
                    out.push_str(text);
                    rest = tail;
                    continue;
                }
            }
        }
        if !matches!(c, '*' | '_' | '`') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `GET /v2/notes`, optionally of one parent record.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let (limit, offset) = page(&params, 10, 50)?;
    let parent_object = match params.get("parent_object") {
        Some(ident) => Some(
            store
                .object_index(ident)
                .map(|i| store.objects[i].id.object_id.clone())
                .ok_or_else(|| {
                    ApiError::not_found(format!("Object with slug/ID \"{ident}\" not found."))
                })?,
        ),
        None => None,
    };
    let parent_record = params.get("parent_record_id");
    let notes: Vec<Value> = store
        .notes
        .iter()
        .filter(|n| {
            parent_object
                .as_ref()
                .is_none_or(|o| *o == n.parent_object_id)
        })
        .filter(|n| parent_record.is_none_or(|r| *r == n.parent_record_id))
        .skip(offset)
        .take(limit)
        .map(|n| render(&store, n))
        .collect();
    Ok(data(Value::Array(notes)))
}

/// `POST /v2/notes`.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    let parent_object = required_str(data_in, "parent_object")?;
    let parent_record_id = required_str(data_in, "parent_record_id")?.to_owned();
    let title = required_str(data_in, "title")?.to_owned();
    let format = required_str(data_in, "format")?;
    let content = required_str(data_in, "content")?;
    let (content_plaintext, content_markdown) = content_forms(format, content)?;
    let created_at = created_at(data_in)?;
    let meeting_id = meeting_id(data_in)?;
    let object_id = store
        .object_index(parent_object)
        .map(|i| store.objects[i].id.object_id.clone())
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Object with slug/ID \"{parent_object}\" not found."
            ))
        })?;
    if store.record(&object_id, &parent_record_id).is_none() {
        return Err(ApiError::not_found(format!(
            "Record with ID \"{parent_record_id}\" not found."
        )));
    }
    let note = Note {
        id: new_id(),
        parent_object_id: object_id,
        parent_record_id,
        title,
        content_plaintext,
        content_markdown,
        created_by: store.token_actor(),
        created_at,
        meeting_id,
    };
    let rendered = render(&store, &note);
    store.notes.push(note);
    if let Some(note) = store.notes.last() {
        publish(&state, &store, || {
            let parent = (
                note.parent_object_id.as_str(),
                note.parent_record_id.as_str(),
            );
            vec![events::note_event(&store, &note.id, parent, "note.created")]
        });
    }
    Ok(data(rendered))
}

/// The optional `meeting_id` of a create body (uuid or `null`; Attio's
/// October 2026 document has it, the 2025 one did not). The emulator has
/// no meetings to check it against, so any uuid is kept as given.
fn meeting_id(data_in: &serde_json::Map<String, Value>) -> Result<Option<String>, ApiError> {
    match data_in.get("meeting_id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if uuid::Uuid::parse_str(s).is_ok() => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::body_issue(
            vec![json!("data"), json!("meeting_id")],
            "Expected a uuid or null.",
        )),
    }
}

/// `(plaintext, markdown)` of `content` written in `format`.
fn content_forms(format: &str, content: &str) -> Result<(String, String), ApiError> {
    match format {
        "plaintext" => Ok((content.to_owned(), content.to_owned())),
        "markdown" => Ok((markdown_to_plaintext(content), content.to_owned())),
        _ => Err(field_issue(
            "format",
            "Expected \"plaintext\" or \"markdown\".",
        )),
    }
}

/// `PATCH /v2/notes/{note}` ("Update a note"): a new title, new content,
/// or both. Content comes with the format it is written in. A new title
/// publishes `note.updated`, new content `note-content.updated`.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = store
        .notes
        .iter()
        .position(|n| n.id == id)
        .ok_or_else(|| note_not_found(&id))?;
    let data_in = data_object(&body)?;
    if let Some(key) = data_in
        .keys()
        .find(|k| !["title", "format", "content"].contains(&k.as_str()))
    {
        return Err(field_issue(
            key,
            "Unrecognized key; only \"title\", \"format\" and \"content\" can be updated.",
        ));
    }
    let title = match data_in.get("title") {
        None => None,
        Some(_) => Some(required_str(data_in, "title")?.to_owned()),
    };
    let content = match (data_in.get("content"), data_in.get("format")) {
        (None, None) => None,
        (Some(_), Some(_)) => Some(content_forms(
            required_str(data_in, "format")?,
            required_str(data_in, "content")?,
        )?),
        (Some(_), None) => return Err(field_issue("format", "Required with \"content\".")),
        (None, Some(_)) => return Err(field_issue("content", "Required with \"format\".")),
    };
    let note = &mut store.notes[index];
    let mut events_of: Vec<&'static str> = Vec::new();
    if let Some(title) = title {
        note.title = title;
        events_of.push("note.updated");
    }
    if let Some((plaintext, markdown)) = content {
        note.content_plaintext = plaintext;
        note.content_markdown = markdown;
        events_of.push("note-content.updated");
    }
    let note = &store.notes[index];
    let rendered = render(&store, note);
    publish(&state, &store, || {
        let parent = (
            note.parent_object_id.as_str(),
            note.parent_record_id.as_str(),
        );
        events_of
            .iter()
            .map(|kind| events::note_event(&store, &note.id, parent, kind))
            .collect()
    });
    Ok(data(rendered))
}

/// `GET /v2/notes/{note}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let note = store
        .notes
        .iter()
        .find(|n| n.id == id)
        .ok_or_else(|| note_not_found(&id))?;
    Ok(data(render(&store, note)))
}

/// `DELETE /v2/notes/{note}`.
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let index = store
        .notes
        .iter()
        .position(|n| n.id == id)
        .ok_or_else(|| note_not_found(&id))?;
    let note = store.notes.remove(index);
    publish(&state, &store, || {
        let parent = (
            note.parent_object_id.as_str(),
            note.parent_record_id.as_str(),
        );
        vec![events::note_event(&store, &note.id, parent, "note.deleted")]
    });
    Ok(empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_is_stripped() {
        assert_eq!(
            markdown_to_plaintext("# Intro\n- **Bold** and _em_\nSee [docs](https://x.com) `now`"),
            "Intro\nBold and em\nSee docs now"
        );
    }
}
