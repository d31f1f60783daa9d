//! Activity definitions (alpha and hidden in Attio's API): list with a
//! cursor, create (extending `activities`, `interactions`, `calls` or
//! `emails`), get by slug or id, rename, delete. Object-like: a snake_case
//! `api_slug`, unique among activities (`409 slug_conflict`), and nouns.
//! Each sends its `activity.*` webhook. An activity's attributes are the
//! system ones and those declared for its slug on the builder
//! (`EmulatorBuilder::activity_attribute`): Attio's REST API neither
//! creates nor lists them. Its records are `activity_records`.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Map, Value};

use super::cursor;
use super::schema::is_snake_case_slug;
use crate::errors::ApiError;
use crate::events::activity_event;
use crate::http::{
    data, data_object, empty, field_issue, lock, parse_body, publish, required_str, ApiResult,
    Params, Shared,
};
use crate::store::{ensure_system_attributes, new_id, Activity, Collection, Store};
use crate::time;

/// The schemas an activity may extend.
const BASES: [&str; 4] = ["activities", "interactions", "calls", "emails"];

fn render(store: &Store, activity: &Activity) -> Value {
    json!({
        "id": {"workspace_id": store.info.id, "activity_id": activity.id},
        "api_slug": activity.api_slug,
        "singular_noun": activity.singular_noun,
        "plural_noun": activity.plural_noun,
        // The emulator names the one schema given at creation.
        "extends": [{"schema_id": base_id(store, activity.extends),
            "schema_slug": activity.extends}],
        "is_system_activity": false,
        "created_at": activity.created_at,
    })
}

/// A stable id for each base schema of the workspace, derived from the
/// workspace id so that it is the same on every read.
fn base_id(store: &Store, base: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{}/{base}", store.info.id));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The index of the activity with this slug or UUID, or Attio's 404.
pub(super) fn index(store: &Store, ident: &str) -> Result<usize, ApiError> {
    store
        .activities
        .iter()
        .position(|a| a.api_slug == ident || a.id == ident)
        .ok_or_else(|| ApiError::not_found(format!("Activity with slug/ID \"{ident}\" not found.")))
}

fn slug_taken(store: &Store, slug: &str, except: Option<usize>) -> Result<(), ApiError> {
    let taken = store
        .activities
        .iter()
        .enumerate()
        .any(|(i, a)| a.api_slug == slug && Some(i) != except);
    if taken {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("An activity with slug \"{slug}\" already exists."),
        ));
    }
    Ok(())
}

fn slug(data_in: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match data_in.get("api_slug") {
        None => Ok(None),
        Some(Value::String(s)) if is_snake_case_slug(s) => Ok(Some(s.clone())),
        Some(_) => Err(field_issue("api_slug", "Expected a snake_case slug.")),
    }
}

fn noun(data_in: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match data_in.get(key) {
        None => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(field_issue(key, "Expected a non-empty string.")),
    }
}

/// The attributes of a new activity: those declared for its slug, given
/// ids of their own under it, then the system attributes of a record.
fn attributes_of(store: &Store, slug: &str, activity_id: &str) -> Vec<attio_schema::Attribute> {
    let mut attributes = store
        .activity_attributes
        .get(slug)
        .cloned()
        .unwrap_or_default();
    for attribute in &mut attributes {
        attribute.id.workspace_id.clone_from(&store.info.id);
        attribute.id.object_id = activity_id.to_owned();
        attribute.id.attribute_id = new_id();
    }
    ensure_system_attributes(&mut attributes, &store.info.id, activity_id, true);
    attributes
}

/// `GET /v2/activities`.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, 100, 500)?;
    let items = store.activities.iter().map(|a| render(&store, a)).collect();
    Ok(cursor::respond(items, page))
}

/// `POST /v2/activities`.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let data_in = data_object(&body)?;
    let api_slug = slug(data_in)?.ok_or_else(|| field_issue("api_slug", "Required"))?;
    let singular_noun =
        noun(data_in, "singular_noun")?.ok_or_else(|| field_issue("singular_noun", "Required"))?;
    let plural_noun =
        noun(data_in, "plural_noun")?.ok_or_else(|| field_issue("plural_noun", "Required"))?;
    let extends = required_str(data_in, "extends")?;
    let extends = BASES.into_iter().find(|b| *b == extends).ok_or_else(|| {
        field_issue(
            "extends",
            "Expected \"activities\", \"interactions\", \"calls\" or \"emails\".",
        )
    })?;
    let mut store = lock(&state);
    slug_taken(&store, &api_slug, None)?;
    let id = new_id();
    let attributes = attributes_of(&store, &api_slug, &id);
    let activity = Activity {
        id: id.clone(),
        api_slug,
        singular_noun,
        plural_noun,
        extends,
        created_at: time::now_string(),
        attributes,
    };
    let rendered = render(&store, &activity);
    let records = Collection::new(&activity.attributes);
    store.activity_records.insert(id.clone(), records);
    store.activities.push(activity);
    publish(&state, &store, || {
        vec![activity_event(&store, &id, "activity.created")]
    });
    Ok(data(rendered))
}

/// `GET /v2/activities/{activity}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(ident): Path<String>) -> ApiResult {
    let store = lock(&state);
    let i = index(&store, &ident)?;
    Ok(data(render(&store, &store.activities[i])))
}

/// `PATCH /v2/activities/{activity}`: its slug and nouns.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let data_in = data_object(&body)?;
    if let Some(key) = data_in
        .keys()
        .find(|k| !["api_slug", "singular_noun", "plural_noun"].contains(&k.as_str()))
    {
        return Err(field_issue(
            key,
            "Only \"api_slug\", \"singular_noun\" and \"plural_noun\" can be updated.",
        ));
    }
    let (new_slug, singular, plural) = (
        slug(data_in)?,
        noun(data_in, "singular_noun")?,
        noun(data_in, "plural_noun")?,
    );
    let mut store = lock(&state);
    let i = index(&store, &ident)?;
    if let Some(slug) = &new_slug {
        slug_taken(&store, slug, Some(i))?;
    }
    let activity = &mut store.activities[i];
    if let Some(slug) = new_slug {
        activity.api_slug = slug;
    }
    if let Some(noun) = singular {
        activity.singular_noun = noun;
    }
    if let Some(noun) = plural {
        activity.plural_noun = noun;
    }
    publish(&state, &store, || {
        vec![activity_event(
            &store,
            &store.activities[i].id,
            "activity.updated",
        )]
    });
    Ok(data(render(&store, &store.activities[i])))
}

/// `DELETE /v2/activities/{activity}`.
pub(crate) async fn delete(State(state): State<Shared>, Path(ident): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let i = index(&store, &ident)?;
    // Its records go with it (the scope of a delete includes theirs).
    let removed = store.activities.remove(i);
    store.activity_records.remove(&removed.id);
    publish(&state, &store, || {
        vec![activity_event(&store, &removed.id, "activity.deleted")]
    });
    Ok(empty())
}
