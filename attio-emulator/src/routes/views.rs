//! Saved views: `GET /v2/objects/{object}/views` and
//! `GET /v2/lists/{list}/views`, ordered by view id and paged by cursor
//! (<https://docs.attio.com/rest-api/endpoint-reference/views/list-views-for-object>).

use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde_json::{json, Value};

use super::schema::owner_of;
use crate::errors::ApiError;
use crate::http::{flag, lock, number_param, ApiResult, Params, PathTarget, Shared};
use crate::store::{Owner, Store, View};

/// Attio's default page size of views. Its maximum is not documented; the
/// emulator refuses more than the default (an assumption).
const VIEW_PAGE: usize = 500;

fn render(store: &Store, owner: Owner, view: &View) -> Value {
    let mut id = json!({"workspace_id": store.info.id, "view_id": view.id});
    let key = match owner {
        Owner::Object(_) => "object_id",
        Owner::List(_) => "list_id",
        Owner::Activity(_) => "activity_id",
    };
    id[key] = json!(view.owner_id);
    json!({"id": id, "title": view.title, "created_at": view.created_at})
}

/// The views of an object or list: `show_archived`, `limit`, and `cursor`
/// (the id of the first view of the page, as `next_cursor` gave it).
pub(crate) async fn list<T: PathTarget>(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let show_archived = flag(&params, "show_archived")?;
    let limit = number_param(&params, "limit")?.unwrap_or(VIEW_PAGE);
    if limit == 0 || limit > VIEW_PAGE {
        return Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"limit\" must be between 1 and {VIEW_PAGE}."),
        ));
    }
    let views: Vec<&View> = store
        .views_of(owner)
        .into_iter()
        .filter(|v| show_archived || !v.is_archived)
        .collect();
    let start = match params.get("cursor") {
        None => 0,
        Some(cursor) => views.iter().position(|v| v.id == *cursor).ok_or_else(|| {
            ApiError::bad_request(
                "validation_type",
                format!("The cursor \"{cursor}\" is not one this endpoint gave."),
            )
        })?,
    };
    let page: Vec<Value> = views
        .iter()
        .skip(start)
        .take(limit)
        .map(|v| render(&store, owner, v))
        .collect();
    let next_cursor = views.get(start + limit).map(|v| v.id.clone());
    Ok(
        axum::Json(json!({"data": page, "pagination": {"next_cursor": next_cursor}}))
            .into_response(),
    )
}
