//! Lists: list, get, create and update them (their entries are in
//! `entries`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{json, Value};

use attio_schema::{AccessLevel, Actor, List, ListId, MemberAccess};

use super::{is_snake_case_slug, list_at};
use crate::errors::ApiError;
use crate::http::{
    data, data_object, field_issue, lock, parse_body, required, required_str, ApiResult, Shared,
};
use crate::render;
use crate::store::{ensure_system_attributes, new_id, Collection, Store};
use crate::time;

/// `GET /v2/lists`.
pub(crate) async fn list(State(state): State<Shared>) -> ApiResult {
    let store = lock(&state);
    Ok(data(Value::Array(
        store.lists.iter().map(render::list).collect(),
    )))
}

/// `GET /v2/lists/{list}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(list): Path<String>) -> ApiResult {
    let store = lock(&state);
    Ok(data(render::list(&store.lists[list_at(&store, &list)?])))
}

fn access_level(value: &Value, key: &str) -> Result<Option<AccessLevel>, ApiError> {
    if value.is_null() {
        return Ok(None);
    }
    serde_json::from_value(value.clone())
        .map(Some)
        .map_err(|_| {
            field_issue(
                key,
                "Expected \"full-access\", \"read-and-write\", \"read-only\" or null.",
            )
        })
}

fn member_access(store: &Store, value: &Value) -> Result<Vec<MemberAccess>, ApiError> {
    let Value::Array(items) = value else {
        return Err(field_issue("workspace_member_access", "Expected array."));
    };
    let mut out = Vec::new();
    for item in items {
        let access: MemberAccess = serde_json::from_value(item.clone()).map_err(|_| {
            field_issue(
                "workspace_member_access",
                "Expected {\"workspace_member_id\", \"level\"} objects.",
            )
        })?;
        if store.member(&access.workspace_member_id).is_none() {
            return Err(ApiError::bad_request(
                "value_not_found",
                format!(
                    "Cannot find workspace member with ID \"{}\".",
                    access.workspace_member_id
                ),
            ));
        }
        out.push(access);
    }
    Ok(out)
}

fn check_list_slug(store: &Store, slug: &str, except: Option<usize>) -> Result<(), ApiError> {
    if !is_snake_case_slug(slug) {
        return Err(field_issue("api_slug", "Expected a snake_case slug."));
    }
    if store
        .lists
        .iter()
        .enumerate()
        .any(|(i, l)| Some(i) != except && l.api_slug == slug)
    {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("A list with slug \"{slug}\" already exists."),
        ));
    }
    Ok(())
}

/// Someone must be able to configure the list.
fn check_full_access(
    workspace: Option<AccessLevel>,
    members: &[MemberAccess],
) -> Result<(), ApiError> {
    let anyone = workspace == Some(AccessLevel::FullAccess)
        || members.iter().any(|m| m.level == AccessLevel::FullAccess);
    if anyone {
        Ok(())
    } else {
        Err(field_issue(
            "workspace_access",
            "The workspace or at least one member must have full-access.",
        ))
    }
}

/// `POST /v2/lists`.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    let name = required_str(data_in, "name")?.to_owned();
    let api_slug = required_str(data_in, "api_slug")?.to_owned();
    let parent = required_str(data_in, "parent_object")?;
    let workspace_access =
        access_level(required(data_in, "workspace_access")?, "workspace_access")?;
    let members = member_access(&store, required(data_in, "workspace_member_access")?)?;
    let parent_index = store.object_index(parent).ok_or_else(|| {
        ApiError::not_found(format!("Object with slug/ID \"{parent}\" not found."))
    })?;
    check_list_slug(&store, &api_slug, None)?;
    check_full_access(workspace_access, &members)?;
    let workspace_id = store.info.id.clone();
    let list_id = new_id();
    let actor = store.token_actor();
    let mut list = List {
        id: ListId {
            workspace_id: workspace_id.clone(),
            list_id: list_id.clone(),
        },
        api_slug,
        name,
        parent_object: vec![store.objects[parent_index].api_slug.clone()],
        workspace_access,
        workspace_member_access: members,
        created_by_actor: Some(Actor {
            actor_type: actor["type"].as_str().map(str::to_owned),
            id: actor["id"].as_str().map(str::to_owned),
        }),
        created_at: Some(time::now_string()),
        attributes: Vec::new(),
    };
    ensure_system_attributes(&mut list.attributes, &workspace_id, &list_id, false);
    let rendered = render::list(&list);
    store.lists.push(list);
    store.entries.insert(list_id, Collection::new(&[]));
    let added = crate::store::Owner::List(store.lists.len() - 1);
    store.add_default_view(added);
    Ok(data(rendered))
}

/// `PATCH /v2/lists/{list}`.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = list_at(&store, &ident)?;
    let data_in = data_object(&body)?;
    if data_in.contains_key("parent_object") {
        return Err(field_issue(
            "parent_object",
            "The parent object of a list cannot be changed.",
        ));
    }
    let editable = [
        "name",
        "api_slug",
        "workspace_access",
        "workspace_member_access",
    ];
    if !editable.iter().any(|k| data_in.contains_key(*k)) {
        return Err(ApiError::body_issue(
            vec![json!("data")],
            "Give at least one property to update.",
        ));
    }
    let mut list = store.lists[index].clone();
    if let Some(name) = data_in.get("name") {
        list.name = name
            .as_str()
            .ok_or_else(|| field_issue("name", "Expected string."))?
            .to_owned();
    }
    if let Some(slug) = data_in.get("api_slug") {
        let slug = slug
            .as_str()
            .ok_or_else(|| field_issue("api_slug", "Expected string."))?;
        check_list_slug(&store, slug, Some(index))?;
        list.api_slug = slug.to_owned();
    }
    if let Some(access) = data_in.get("workspace_access") {
        list.workspace_access = access_level(access, "workspace_access")?;
    }
    if let Some(members) = data_in.get("workspace_member_access") {
        list.workspace_member_access = member_access(&store, members)?;
    }
    check_full_access(list.workspace_access, &list.workspace_member_access)?;
    let rendered = render::list(&list);
    store.lists[index] = list;
    Ok(data(rendered))
}
