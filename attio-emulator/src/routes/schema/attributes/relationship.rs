//! A two-way relationship created with its first side: `POST …/attributes`
//! of a record reference with `relationship: {object, title, api_slug,
//! is_multiselect}` also creates the attribute on the other object, and
//! each side names the other.
//!
//! Attio's reference documents it
//! (<https://docs.attio.com/rest-api/endpoint-reference/attributes/create-an-attribute>:
//! "two entangled attributes: one on the specified object and a reverse
//! attribute on the related object"), its 2026 OpenAPI document has the
//! body's shape, and its 2025 one lacks it. Which refusals carry which code
//! follows the document's answers for this operation (404 `not_found` for
//! the other object, 409 `slug_conflict` for a taken slug, 400
//! `validation_type` otherwise); that the first side must allow exactly the
//! other object is the emulator's reading of "entangled", not a documented
//! rule.

use serde_json::{json, Map, Value};

use attio_schema::{Attribute, AttributeId, AttributeType, Relationship};

use super::lookup::attributes_mut;
use crate::errors::ApiError;
use crate::http::{field_issue, required_bool, required_str};
use crate::routes::schema::is_snake_case_slug;
use crate::store::{new_id, Owner, Store};
use crate::time;

/// A body issue at `data.relationship.<key>`.
fn issue(key: &str, message: impl Into<String>) -> ApiError {
    ApiError::body_issue(
        vec![json!("data"), json!("relationship"), json!(key)],
        message,
    )
}

/// The other side of `attribute` when the body asks for one: checked, and
/// with both sides pointing at each other (`attribute` is changed: its
/// relationship, and its allowed object, the other one). `None` without
/// `relationship` (or with `null`).
pub(super) fn other_side(
    store: &Store,
    owner: Owner,
    data_in: &Map<String, Value>,
    attribute: &mut Attribute,
) -> Result<Option<(usize, Attribute)>, ApiError> {
    let Some(spec) = data_in.get("relationship").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let Some(spec) = spec.as_object() else {
        return Err(field_issue("relationship", "Expected an object or null."));
    };
    let Owner::Object(_) = owner else {
        return Err(field_issue(
            "relationship",
            "Only attributes of objects can have a relationship.",
        ));
    };
    if attribute.attribute_type != AttributeType::RecordReference {
        return Err(field_issue(
            "relationship",
            "Only record-reference attributes can have a relationship.",
        ));
    }
    let object = required_str(spec, "object").map_err(|_| issue("object", "Required"))?;
    let title = required_str(spec, "title").map_err(|_| issue("title", "Required"))?;
    let api_slug = required_str(spec, "api_slug").map_err(|_| issue("api_slug", "Required"))?;
    let is_multiselect =
        required_bool(spec, "is_multiselect").map_err(|_| issue("is_multiselect", "Required"))?;
    let other = store.object_index(object).ok_or_else(|| {
        ApiError::not_found(format!("Object with slug/ID \"{object}\" not found."))
    })?;
    if !is_snake_case_slug(api_slug) {
        return Err(issue("api_slug", "Expected a snake_case slug."));
    }
    let taken = store.objects[other]
        .attributes
        .iter()
        .any(|a| a.api_slug == api_slug)
        || (store.objects[other].id.object_id == attribute.id.object_id
            && attribute.api_slug == api_slug);
    if taken {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("An attribute with slug \"{api_slug}\" already exists on \"{object}\"."),
        ));
    }
    let other_id = store.objects[other].id.clone();
    let allowed = attribute
        .config
        .record_reference
        .allowed_object_ids
        .as_deref();
    if !allowed.is_some_and(|ids| ids.iter().all(|id| *id == other_id.object_id)) {
        return Err(ApiError::body_issue(
            vec![
                json!("data"),
                json!("config"),
                json!("record_reference"),
                json!("allowed_objects"),
            ],
            format!("The attribute of a relationship with \"{object}\" allows only \"{object}\"."),
        ));
    }
    let id = AttributeId {
        workspace_id: other_id.workspace_id.clone(),
        object_id: other_id.object_id.clone(),
        attribute_id: new_id(),
    };
    let mut inverse = Attribute {
        is_multiselect,
        created_at: Some(time::now_string()),
        ..Attribute::new(id, api_slug, title, AttributeType::RecordReference)
    };
    inverse.config.record_reference.allowed_object_ids = Some(vec![attribute.id.object_id.clone()]);
    inverse.relationship = Some(Relationship::to(attribute.id.clone()));
    attribute.config.record_reference.allowed_object_ids = Some(vec![other_id.object_id]);
    attribute.relationship = Some(Relationship::to(inverse.id.clone()));
    Ok(Some((other, inverse)))
}

/// Adds the other side to its object.
pub(super) fn add(store: &mut Store, (other, inverse): (usize, Attribute)) {
    attributes_mut(store, Owner::Object(other)).push(inverse);
}
