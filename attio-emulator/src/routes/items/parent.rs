//! The parent record of a list entry: named by a create or assert body,
//! checked against the list and the store, and fixed once the entry exists.

use serde_json::{Map, Value};

use attio_schema::List;

use crate::errors::ApiError;
use crate::http::required_str;
use crate::store::{Record, Store};

/// `(object_id, record_id)` of an entry's parent record.
pub(super) type Parent = (String, String);

/// The parent named by an entry write body, checked against the list's
/// parent objects and the store.
pub(super) fn parent_of(
    store: &Store,
    list: &List,
    data: &Map<String, Value>,
) -> Result<Parent, ApiError> {
    let parent_object = required_str(data, "parent_object")?;
    let parent_record_id = required_str(data, "parent_record_id")?;
    let object = store
        .object_index(parent_object)
        .map(|i| &store.objects[i])
        .filter(|o| {
            list.parent_object.contains(&o.api_slug) || list.parent_object.contains(&o.id.object_id)
        })
        .ok_or_else(|| {
            ApiError::bad_request(
                "value_not_found",
                format!(
                    "Object with slug/ID \"{parent_object}\" is not a parent object of list \"{}\".",
                    list.api_slug
                ),
            )
        })?;
    if store
        .record(&object.id.object_id, parent_record_id)
        .is_none()
    {
        return Err(ApiError::bad_request(
            "value_not_found",
            format!("Parent record with slug/ID \"{parent_record_id}\" not found."),
        ));
    }
    Ok((object.id.object_id.clone(), parent_record_id.to_owned()))
}

/// The parent of an entry is fixed: an update body naming another one is
/// refused.
pub(super) fn check_parent_unchanged(
    store: &Store,
    current: &Record,
    data: &Map<String, Value>,
) -> Result<(), ApiError> {
    let (parent_object_id, parent_record_id) = current.parent.clone().unwrap_or_default();
    if let Some(given) = data.get("parent_record_id") {
        if given.as_str() != Some(parent_record_id.as_str()) {
            return Err(ApiError::bad_request(
                "immutable_value",
                "The parent record of an entry cannot be changed.",
            ));
        }
    }
    if let Some(given) = data.get("parent_object") {
        let same = given
            .as_str()
            .and_then(|g| store.object_index(g))
            .is_some_and(|i| store.objects[i].id.object_id == parent_object_id);
        if !same {
            return Err(ApiError::bad_request(
                "immutable_value",
                "The parent object of an entry cannot be changed.",
            ));
        }
    }
    Ok(())
}
