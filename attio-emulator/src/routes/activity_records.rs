//! Activity records (alpha and hidden in Attio's API):
//! `/v2/activities/{activity}/records…`. They carry values as records do,
//! so the handlers of records serve them (`items`, generic over the kind of
//! path, and the records' assert): the same value validation, filters,
//! sorts, pagination and write modes, against the activity's attributes.
//! Their webhooks are `activity-record.created` and `.deleted`.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};

use super::activities::index;
use super::items::ItemPath;
use super::records::assert_in;
use crate::errors::ApiError;
use crate::http::{lock, parse_body, ApiResult, Params, Shared};
use crate::store::{Owner, Store};

/// `/v2/activities/{activity}/records…`: the activity by slug or UUID.
pub(crate) enum Activities {}

impl ItemPath for Activities {
    fn owner(store: &Store, ident: &str) -> Result<Owner, ApiError> {
        index(store, ident).map(Owner::Activity)
    }
}

/// `PUT /v2/activities/{activity}/records?matching_attribute=…`: create or
/// update the activity record holding the matching value.
pub(crate) async fn assert(
    State(state): State<Shared>,
    Path(activity): Path<String>,
    Query(params): Query<Params>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = Activities::owner(&store, &activity)?;
    assert_in(&state, &mut store, owner, &params, &body)
}
