//! What only list entries have: assert by parent record; the endpoints
//! entries share with records are `items`.

use axum::body::Bytes;
use axum::extract::{Path, State};

use super::items::{create_parts, respond_written, upsert};
use super::schema::list_owner;
use crate::errors::ApiError;
use crate::http::{lock, parse_body, ApiResult, Shared};
use crate::write::Mode;

/// Asserting an entry matches by parent record, not by an attribute: the
/// parent's one entry in the list is updated, or a first one created.
pub(crate) async fn assert(
    State(state): State<Shared>,
    Path(list): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = list_owner(&store, &list)?;
    let (parent, resolved) = create_parts(&store, owner, &body)?;
    let existing: Vec<String> = owner
        .collection(&store)
        .map(|c| {
            c.ordered()
                .into_iter()
                .filter(|e| e.parent == parent)
                .map(|e| e.id.clone())
                .collect()
        })
        .unwrap_or_default();
    // One entry: multiselect values are overwritten, as PUT does.
    let written = upsert(
        &mut store,
        owner,
        &existing,
        resolved,
        parent,
        Mode::Put,
        |count| {
            ApiError::bad_request(
            "multiple_match_results",
            format!(
                "The parent record has {count} entries in this list, so the entry to update is ambiguous."
            ),
        )
        },
    )?;
    respond_written(&state, &store, owner, &written)
}
