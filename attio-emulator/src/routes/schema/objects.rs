//! Objects: list, get, create and update them (their records are in
//! `records`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use attio_schema::{Object, ObjectId};

use super::{is_snake_case_slug, object_at};
use crate::errors::ApiError;
use crate::http::{data, data_object, lock, parse_body, required_str, ApiResult, Shared};
use crate::render;
use crate::store::{ensure_system_attributes, new_id, Collection, Store};
use crate::time;

/// A non-empty string member of `data`, when present.
fn optional_noun(data: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::body_issue(
            vec![json!("data"), json!(key)],
            "Expected a non-empty string.",
        )),
    }
}

fn checked_slug(
    store: &Store,
    data: &Map<String, Value>,
    except: Option<usize>,
) -> Result<Option<String>, ApiError> {
    let Some(slug) = data.get("api_slug") else {
        return Ok(None);
    };
    let slug = slug
        .as_str()
        .filter(|s| is_snake_case_slug(s))
        .ok_or_else(|| {
            ApiError::body_issue(
                vec![json!("data"), json!("api_slug")],
                "Expected a snake_case slug.",
            )
        })?;
    let taken = store
        .objects
        .iter()
        .enumerate()
        .any(|(i, o)| Some(i) != except && o.api_slug == slug);
    if taken {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("An object with slug \"{slug}\" already exists."),
        ));
    }
    Ok(Some(slug.to_owned()))
}

/// `GET /v2/objects`.
pub(crate) async fn list(State(state): State<Shared>) -> ApiResult {
    let store = lock(&state);
    Ok(data(Value::Array(
        store.objects.iter().map(render::object).collect(),
    )))
}

/// `GET /v2/objects/{object}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(ident): Path<String>) -> ApiResult {
    let store = lock(&state);
    let index = object_at(&store, &ident)?;
    Ok(data(render::object(&store.objects[index])))
}

/// `POST /v2/objects`: a custom object, with the system attributes.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    required_str(data_in, "api_slug")?;
    let singular = optional_noun(data_in, "singular_noun")?.ok_or_else(|| {
        ApiError::body_issue(vec![json!("data"), json!("singular_noun")], "Required")
    })?;
    let plural = optional_noun(data_in, "plural_noun")?.ok_or_else(|| {
        ApiError::body_issue(vec![json!("data"), json!("plural_noun")], "Required")
    })?;
    let slug = checked_slug(&store, data_in, None)?.unwrap_or_default();
    let workspace_id = store.info.id.clone();
    let object_id = new_id();
    let mut object = Object {
        id: ObjectId {
            workspace_id: workspace_id.clone(),
            object_id: object_id.clone(),
        },
        api_slug: slug,
        singular_noun: Some(singular),
        plural_noun: Some(plural),
        created_at: Some(time::now_string()),
        attributes: Vec::new(),
    };
    ensure_system_attributes(&mut object.attributes, &workspace_id, &object_id, true);
    let rendered = render::object(&object);
    store
        .records
        .insert(object_id, Collection::new(&object.attributes));
    store.objects.push(object);
    Ok(data(rendered))
}

/// `PATCH /v2/objects/{object}`.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = object_at(&store, &ident)?;
    let data_in = data_object(&body)?;
    if !["api_slug", "singular_noun", "plural_noun"]
        .iter()
        .any(|k| data_in.contains_key(*k))
    {
        return Err(ApiError::body_issue(
            vec![json!("data")],
            "Give at least one of api_slug, singular_noun, plural_noun.",
        ));
    }
    let slug = checked_slug(&store, data_in, Some(index))?;
    let singular = optional_noun(data_in, "singular_noun")?;
    let plural = optional_noun(data_in, "plural_noun")?;
    let object = &mut store.objects[index];
    if let Some(slug) = slug {
        object.api_slug = slug;
    }
    if let Some(singular) = singular {
        object.singular_noun = Some(singular);
    }
    if let Some(plural) = plural {
        object.plural_noun = Some(plural);
    }
    // Relationships name the object on their other side by slug.
    crate::relationships::describe(&mut store.objects);
    Ok(data(render::object(&store.objects[index])))
}
