//! Files on records (beta in Attio's API): list with a cursor, create a
//! folder or a link to a storage provider's file or folder, upload
//! (multipart, up to the emulator's cap, `413` over it), get, delete (a
//! folder with what it holds) and download: a `302` to a storage URL the
//! emulator serves outside the API's gate, as a presigned URL is, so the
//! client must follow the redirect. Uploaded bytes stay in memory.

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::cursor;
use super::multipart::{self, Part};
use crate::errors::ApiError;
use crate::http::{data, empty, lock, parse_body, ApiResult, Params, Shared};
use crate::store::{new_id, FileKind, Store, StoredFile};
use crate::time;

/// The providers a link may point into.
const PROVIDERS: [&str; 4] = ["dropbox", "box", "google-drive", "microsoft-onedrive"];

/// Room for the form's other fields and delimiters around the file.
const FORM_OVERHEAD: usize = 64 * 1024;

fn file_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("File with ID \"{id}\" not found."))
}

fn render(store: &Store, file: &StoredFile, with_children: bool) -> Value {
    let slug = store
        .object_by_id(&file.object_id)
        .map_or(file.object_id.as_str(), |o| o.api_slug.as_str());
    let mut out = json!({
        "id": {"workspace_id": store.info.id, "file_id": file.id},
        "object_id": file.object_id,
        "object_slug": slug,
        "record_id": file.record_id,
        "created_by_actor": file.created_by,
        "created_at": file.created_at,
    });
    match &file.kind {
        FileKind::File {
            name,
            content_type,
            content,
            ..
        } => {
            out["storage_provider"] = json!("attio");
            out["file_type"] = json!("file");
            out["name"] = json!(name);
            out["content_type"] = json!(content_type);
            out["content_size"] = json!(content.len());
            out["parent_folder_id"] = json!(file.parent_folder_id);
        }
        FileKind::Folder { name } => {
            out["storage_provider"] = json!("attio");
            out["file_type"] = json!("folder");
            out["name"] = json!(name);
            out["parent_folder_id"] = json!(file.parent_folder_id);
            if with_children {
                let children = store
                    .files
                    .items
                    .iter()
                    .any(|f| f.parent_folder_id.as_deref() == Some(file.id.as_str()));
                out["has_children"] = json!(children);
            }
        }
        FileKind::Connected {
            folder,
            provider,
            external_id,
            microsoft_drive_id,
        } => {
            out["storage_provider"] = json!(provider);
            out["file_type"] = json!(if *folder {
                "connected-folder"
            } else {
                "connected-file"
            });
            out["external_provider_file_id"] = json!(external_id);
            out["microsoft_drive_id"] = json!(microsoft_drive_id);
        }
    }
    out
}

/// The `(object_id, record_id)` of an existing record, or Attio's 404.
fn record(store: &Store, object: &str, record_id: &str) -> Result<(String, String), ApiError> {
    let object_id = store
        .object_index(object)
        .map(|i| store.objects[i].id.object_id.clone())
        .ok_or_else(|| {
            ApiError::not_found(format!("Object with slug/ID \"{object}\" not found."))
        })?;
    let record_id = record_id.to_ascii_lowercase();
    if store.record(&object_id, &record_id).is_none() {
        return Err(ApiError::not_found(format!(
            "Record with ID \"{record_id}\" not found."
        )));
    }
    Ok((object_id, record_id))
}

/// A `parent_folder_id`: a folder on the same record.
fn folder(
    store: &Store,
    id: Option<&str>,
    on: &(String, String),
) -> Result<Option<String>, ApiError> {
    let Some(id) = id else {
        return Ok(None);
    };
    store
        .files
        .items
        .iter()
        .find(|f| {
            f.id == id
                && matches!(f.kind, FileKind::Folder { .. })
                && (f.object_id.as_str(), f.record_id.as_str()) == (on.0.as_str(), on.1.as_str())
        })
        .map(|f| Some(f.id.clone()))
        .ok_or_else(|| {
            ApiError::not_found(format!("Folder with ID \"{id}\" not found on this record."))
        })
}

fn new_file(
    store: &Store,
    on: (String, String),
    parent: Option<String>,
    kind: FileKind,
) -> StoredFile {
    StoredFile {
        id: new_id(),
        object_id: on.0,
        record_id: on.1,
        parent_folder_id: parent,
        kind,
        created_by: store.token_actor(),
        created_at: time::now_string(),
    }
}

/// `GET /v2/files?object=…&record_id=…`: every file on the record, or
/// those in `parent_folder_id`, or of one `storage_provider`.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, 50, 200)?;
    let required = |name: &str| {
        params.get(name).ok_or_else(|| {
            ApiError::bad_request(
                "validation_type",
                format!("Query parameter \"{name}\" is required."),
            )
        })
    };
    let on = record(&store, required("object")?, required("record_id")?)?;
    let parent = params.get("parent_folder_id");
    let provider = params.get("storage_provider");
    let items = store
        .files
        .items
        .iter()
        .filter(|f| f.object_id == on.0 && f.record_id == on.1)
        .filter(|f| parent.is_none_or(|p| f.parent_folder_id.as_ref() == Some(p)))
        .map(|f| render(&store, f, false))
        .filter(|f| provider.is_none_or(|p| f["storage_provider"] == json!(p)))
        .collect();
    Ok(cursor::respond(items, page))
}

fn text<'a>(body: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::body_issue(vec![json!(key)], "Expected string.")),
    }
}

fn required_text<'a>(body: &'a Map<String, Value>, key: &str) -> Result<&'a str, ApiError> {
    text(body, key)?.ok_or_else(|| ApiError::body_issue(vec![json!(key)], "Required"))
}

/// `POST /v2/files`: a folder, or a link to a provider's file or folder.
/// The body is the object itself (Attio's document has no `data` around
/// it); one wrapped in `data` is read the same way.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let body = match body.get("data") {
        Some(Value::Object(inner)) => inner.clone(),
        _ => body.as_object().cloned().unwrap_or_default(),
    };
    let mut store = lock(&state);
    let on = record(
        &store,
        required_text(&body, "object")?,
        required_text(&body, "record_id")?,
    )?;
    let kind = match required_text(&body, "file_type")? {
        "folder" => FileKind::Folder {
            name: required_text(&body, "name")?.to_owned(),
        },
        t @ ("connected-file" | "connected-folder") => {
            let provider = required_text(&body, "storage_provider")?;
            if !PROVIDERS.contains(&provider) {
                return Err(ApiError::body_issue(
                    vec![json!("storage_provider")],
                    "Expected \"dropbox\", \"box\", \"google-drive\" or \"microsoft-onedrive\".",
                ));
            }
            FileKind::Connected {
                folder: t == "connected-folder",
                provider: provider.to_owned(),
                external_id: required_text(&body, "external_provider_file_id")?.to_owned(),
                microsoft_drive_id: text(&body, "microsoft_drive_id")?.map(str::to_owned),
            }
        }
        _ => {
            return Err(ApiError::body_issue(
                vec![json!("file_type")],
                "Expected \"folder\", \"connected-file\" or \"connected-folder\"; upload files with POST /v2/files/upload.",
            ))
        }
    };
    let parent = match kind {
        FileKind::Folder { .. } => folder(&store, text(&body, "parent_folder_id")?, &on)?,
        _ => None,
    };
    let file = new_file(&store, on, parent, kind);
    let rendered = render(&store, &file, false);
    store.files.items.push(file);
    Ok(data(rendered))
}

/// A media type from a file name, for uploads that do not say.
fn guess_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain",
        Some("md") => "text/markdown",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("mp3") => "audio/mpeg",
        Some("mp4") => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// `POST /v2/files/upload`: a multipart form with `file`, `object`,
/// `record_id` and optionally `parent_folder_id`; `201` with the file.
pub(crate) async fn upload(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult {
    let boundary = multipart::boundary(&headers)?;
    let limit = lock(&state).files.max_size;
    let bytes = multipart::read_limited(body, limit.saturating_add(FORM_OVERHEAD)).await?;
    let parts = multipart::parse(&bytes, &boundary)?;
    let field = |name: &str| parts.iter().find(|p: &&Part| p.name == name);
    let value = |name: &str| -> Result<String, ApiError> {
        let part =
            field(name).ok_or_else(|| ApiError::body_issue(vec![json!(name)], "Required"))?;
        Ok(String::from_utf8_lossy(&part.data).into_owned())
    };
    let file =
        field("file").ok_or_else(|| ApiError::body_issue(vec![json!("file")], "Required"))?;
    if file.data.len() > limit {
        return Err(multipart::too_large(limit));
    }
    let name = file.filename.clone().unwrap_or_else(|| "file".to_owned());
    let content_type = file
        .content_type
        .clone()
        .filter(|t| t != "application/octet-stream")
        .unwrap_or_else(|| guess_type(&name).to_owned());
    let mut store = lock(&state);
    let on = record(&store, &value("object")?, &value("record_id")?)?;
    let parent_id =
        field("parent_folder_id").map(|p| String::from_utf8_lossy(&p.data).into_owned());
    let parent = folder(&store, parent_id.as_deref(), &on)?;
    let stored = new_file(
        &store,
        on,
        parent,
        FileKind::File {
            name,
            content_type: Some(content_type),
            content: file.data.clone(),
            token: new_id(),
        },
    );
    let rendered = render(&store, &stored, false);
    store.files.items.push(stored);
    Ok((StatusCode::CREATED, axum::Json(json!({ "data": rendered }))).into_response())
}

fn file_index(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .files
        .items
        .iter()
        .position(|f| f.id == id)
        .ok_or_else(|| file_not_found(id))
}

/// `GET /v2/files/{file}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let index = file_index(&store, &id)?;
    Ok(data(render(&store, &store.files.items[index], true)))
}

/// `DELETE /v2/files/{file}`: a folder goes with everything in it.
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    file_index(&store, &id)?;
    let mut doomed = vec![id];
    let mut i = 0;
    while i < doomed.len() {
        let children: Vec<String> = store
            .files
            .items
            .iter()
            .filter(|f| f.parent_folder_id.as_ref() == Some(&doomed[i]))
            .map(|f| f.id.clone())
            .collect();
        doomed.extend(children);
        i += 1;
    }
    store.files.items.retain(|f| !doomed.contains(&f.id));
    Ok(empty())
}

/// `GET /v2/files/{file}/download`: `302` to the content's storage URL.
pub(crate) async fn download(
    State(state): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let store = lock(&state);
    let file = &store.files.items[file_index(&store, &id)?];
    let FileKind::File { token, .. } = &file.kind else {
        return Err(ApiError::bad_request(
            "validation_type",
            "Only uploaded files can be downloaded: folders and links have no content here.",
        ));
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let location = format!("http://{host}/_storage/files/{}?token={token}", file.id);
    let location = HeaderValue::from_str(&location)
        .map_err(|_| ApiError::server_error(StatusCode::INTERNAL_SERVER_ERROR))?;
    let mut response = (StatusCode::FOUND, axum::Json(json!({}))).into_response();
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

/// The storage URL a download redirects to: no API key, as a presigned
/// URL needs none, but the token of the file's upload.
pub(crate) async fn content(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let store = lock(&state);
    let found = store.files.items.iter().find_map(|f| match &f.kind {
        FileKind::File {
            token,
            content,
            content_type,
            ..
        } if f.id == id && params.get("token") == Some(token) => {
            Some((content.clone(), content_type.clone()))
        }
        _ => None,
    });
    match found {
        Some((content, content_type)) => {
            let content_type = content_type.unwrap_or_else(|| "application/octet-stream".into());
            ([(header::CONTENT_TYPE, content_type)], content).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no such stored file").into_response(),
    }
}
