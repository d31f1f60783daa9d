//! The statuses of a status attribute: list, create and update (archive)
//! them, with their celebration and target time in status.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};

use attio_schema::{AttributeType, Status, StatusId};

use super::attributes::{attributes_mut, typed_attribute};
use super::choices::{announce, listed, title_conflict, ChoiceChange};
use super::owner_of;
use crate::http::{
    data, data_object, flag, lock, nullable_str, optional_bool, parse_body, required_str,
    ApiResult, Params, PathTarget, Shared,
};
use crate::render;
use crate::store::new_id;

type AttrPath = Path<(String, String)>;
type ItemPath = Path<(String, String, String)>;

/// `GET …/attributes/{attribute}/statuses`.
pub(crate) async fn list<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Status)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &owner.attributes(&store)[index].statuses,
        show_archived,
        render::status,
    )))
}

/// `POST …/attributes/{attribute}/statuses`.
pub(crate) async fn create<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Status)?;
    let data_in = data_object(&body)?;
    let title = required_str(data_in, "title")?.to_owned();
    let celebration_enabled = optional_bool(data_in, "celebration_enabled")?.unwrap_or(false);
    let target_time_in_status = nullable_str(data_in, "target_time_in_status")?.flatten();
    let attribute = &mut attributes_mut(&mut store, owner)[index];
    if attribute.statuses.iter().any(|s| s.title == title) {
        return Err(title_conflict(&title));
    }
    let status = Status {
        id: StatusId {
            workspace_id: attribute.id.workspace_id.clone(),
            object_id: attribute.id.object_id.clone(),
            attribute_id: attribute.id.attribute_id.clone(),
            status_id: new_id(),
        },
        title,
        is_archived: false,
        celebration_enabled,
        target_time_in_status,
    };
    let rendered = render::status(&status);
    attribute.statuses.push(status);
    announce(&state, &store, owner, index);
    Ok(data(rendered))
}

/// `PATCH …/attributes/{attribute}/statuses/{status}`.
pub(crate) async fn update<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute, status)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Status)?;
    let data_in = data_object(&body)?;
    let change = ChoiceChange::parse(data_in)?;
    let celebration = optional_bool(data_in, "celebration_enabled")?;
    let target_time = nullable_str(data_in, "target_time_in_status")?;
    let attribute = &mut attributes_mut(&mut store, owner)[index];
    let item = change.apply(&mut attribute.statuses, &status)?;
    if let Some(celebration) = celebration {
        item.celebration_enabled = celebration;
    }
    if let Some(target_time) = target_time {
        item.target_time_in_status = target_time;
    }
    let rendered = render::status(item);
    announce(&state, &store, owner, index);
    Ok(data(rendered))
}
