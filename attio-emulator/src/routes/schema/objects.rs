//! Objects: list, get, create, update and delete them (their records are
//! in `records`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use attio_schema::{Object, ObjectId};

use super::{is_snake_case_slug, object_at};
use crate::errors::ApiError;
use crate::http::{data, data_object, empty, lock, parse_body, required_str, ApiResult, Shared};
use crate::render;
use crate::store::{ensure_system_attributes, new_id, Collection, Owner, Store};
use crate::time;
use crate::write;

/// Attio's system objects, which exist in every workspace (or are enabled
/// in it) and cannot be deleted
/// (<https://docs.attio.com/rest-api/endpoint-reference/objects/delete-an-object>).
const SYSTEM_OBJECTS: [&str; 5] = ["people", "companies", "deals", "users", "workspaces"];

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
    let added = Owner::Object(store.objects.len() - 1);
    store.add_default_view(added);
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

/// `DELETE /v2/objects/{object}`: a custom object and all its records;
/// system objects are refused. What else goes with it is not documented;
/// the emulator removes what would be left pointing at nothing: the
/// records' entries, notes and references in other records, the lists of
/// this object alone (other lists stop taking it), its views, and the
/// other side of its relationships (archived). No webhook event is sent:
/// Attio has no event for a deleted object and documents none per record.
pub(crate) async fn delete(State(state): State<Shared>, Path(ident): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let index = object_at(&store, &ident)?;
    let object = store.objects.remove(index);
    if SYSTEM_OBJECTS.contains(&object.api_slug.as_str()) {
        let slug = object.api_slug.clone();
        store.objects.insert(index, object);
        return Err(ApiError::bad_request(
            "system_edit_unauthorized",
            format!("The object \"{slug}\" is a system object, which cannot be deleted."),
        ));
    }
    let object_id = object.id.object_id.clone();
    let records: Vec<String> = store
        .records
        .remove(&object_id)
        .map(|c| c.items.into_keys().collect())
        .unwrap_or_default();
    for record_id in &records {
        write::forget_record(&mut store, &object_id, record_id);
    }
    let named = |slug_or_id: &String| *slug_or_id == object.api_slug || *slug_or_id == object_id;
    let mut gone_lists = Vec::new();
    for list in &mut store.lists {
        list.parent_object.retain(|p| !named(p));
        if list.parent_object.is_empty() {
            gone_lists.push(list.id.list_id.clone());
        }
    }
    store.lists.retain(|l| !gone_lists.contains(&l.id.list_id));
    for list_id in &gone_lists {
        store.entries.remove(list_id);
    }
    store
        .views
        .retain(|v| v.owner_id != object_id && !gone_lists.contains(&v.owner_id));
    let other_sides = store
        .objects
        .iter_mut()
        .flat_map(|o| o.attributes.iter_mut());
    for attribute in other_sides {
        if attribute
            .relationship
            .as_ref()
            .is_some_and(|r| r.id.object_id == object_id)
        {
            attribute.relationship = None;
            attribute.is_archived = true;
        }
    }
    Ok(empty())
}
