//! Attributes themselves: list, get, create and update (archive) them.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Value};

use attio_schema::{Attribute, AttributeConfig, AttributeId, AttributeType};

use super::config::{parse_config, parse_default};
use super::lookup::{attribute_index, attribute_of, attributes_mut};
use crate::errors::ApiError;
use crate::events;
use crate::http::{
    data, data_object, field_issue, flag, lock, nullable_str, number_param, optional_bool,
    paginate, parse_body, publish, required, required_bool, required_str, ApiResult, Params,
    PathTarget, Shared,
};
use crate::relationships;
use crate::render;
use crate::routes::schema::{is_snake_case_slug, owner_of};
use crate::store::{indexable, new_id, Owner, Store};
use crate::time;

/// Rejects a slug already used by an attribute of the same object or list;
/// archived attributes keep their slug reserved.
fn check_slug(attributes: &[Attribute], slug: &str, except: Option<usize>) -> Result<(), ApiError> {
    if !is_snake_case_slug(slug) {
        return Err(field_issue("api_slug", "Expected a snake_case slug."));
    }
    let taken = attributes
        .iter()
        .enumerate()
        .any(|(i, a)| Some(i) != except && a.api_slug == slug);
    if taken {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("An attribute with slug \"{slug}\" already exists."),
        ));
    }
    Ok(())
}

/// Uniqueness is meaningful only for some types, and refused on custom
/// attributes of people and companies.
fn check_unique(
    store: &Store,
    owner: Owner,
    attribute_type: &AttributeType,
) -> Result<(), ApiError> {
    if let Owner::Object(i) = owner {
        if matches!(store.objects[i].api_slug.as_str(), "people" | "companies") {
            return Err(ApiError::bad_request(
                "validation_type",
                "Cannot set attribute as unique.",
            ));
        }
    }
    if !attribute_type.can_be_unique() {
        return Err(ApiError::bad_request(
            "validation_type",
            format!("Attributes of type \"{attribute_type}\" cannot be unique."),
        ));
    }
    Ok(())
}

/// `GET …/attributes`, archived ones with `show_archived=true`.
pub(crate) async fn list<T: PathTarget>(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let show_archived = flag(&params, "show_archived")?;
    let offset = number_param(&params, "offset")?.unwrap_or(0);
    let limit = number_param(&params, "limit")?;
    let attributes: Vec<Value> = owner
        .attributes(&store)
        .iter()
        .filter(|a| show_archived || !a.is_archived)
        .map(render::attribute)
        .collect();
    Ok(data(Value::Array(paginate(attributes, offset, limit))))
}

/// `GET …/attributes/{attribute}`.
pub(crate) async fn get_one<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): Path<(String, String)>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    Ok(data(render::attribute(attribute_of(
        &store, owner, &attribute,
    )?)))
}

/// `POST …/attributes`.
pub(crate) async fn create<T: PathTarget>(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let data_in = data_object(&body)?;
    let title = required_str(data_in, "title")?.to_owned();
    let description = nullable_str(data_in, "description")?
        .ok_or_else(|| field_issue("description", "Required"))?;
    let api_slug = required_str(data_in, "api_slug")?.to_owned();
    let type_name = required_str(data_in, "type")?;
    let attribute_type = AttributeType::parse(type_name);
    let creatable = !matches!(
        attribute_type,
        AttributeType::Unknown(_) | AttributeType::Interaction | AttributeType::PersonalName
    );
    if !creatable {
        return Err(ApiError::body_validation(vec![
            crate::errors::ValidationIssue::new(
                "invalid_option",
                vec![json!("data"), json!("type")],
                format!("Attributes of type \"{type_name}\" cannot be created."),
            ),
        ]));
    }
    let is_required = required_bool(data_in, "is_required")?;
    let is_unique = required_bool(data_in, "is_unique")?;
    let is_multiselect = required_bool(data_in, "is_multiselect")?;
    let config = parse_config(
        &store,
        &attribute_type,
        required(data_in, "config")?,
        &AttributeConfig::default(),
    )?;
    check_slug(owner.attributes(&store), &api_slug, None)?;
    if is_unique {
        check_unique(&store, owner, &attribute_type)?;
    }
    // Multiselect domains and emails exist only as Attio's system attributes.
    let multiselect_ok = attribute_type.can_be_multiselect()
        && !matches!(
            attribute_type,
            AttributeType::Domain | AttributeType::EmailAddress
        );
    if is_multiselect && !multiselect_ok {
        return Err(field_issue(
            "is_multiselect",
            "This attribute type cannot be multiselect.",
        ));
    }
    let (workspace_id, parent_id) = match owner {
        Owner::Object(i) => (
            store.objects[i].id.workspace_id.clone(),
            store.objects[i].id.object_id.clone(),
        ),
        Owner::List(i) => (
            store.lists[i].id.workspace_id.clone(),
            store.lists[i].id.list_id.clone(),
        ),
        Owner::Activity(i) => (store.info.id.clone(), store.activities[i].id.clone()),
    };
    let id = AttributeId {
        workspace_id,
        object_id: parent_id,
        attribute_id: new_id(),
    };
    let mut attribute = Attribute {
        description,
        is_required,
        is_unique,
        is_multiselect,
        created_at: Some(time::now_string()),
        config,
        ..Attribute::new(id, api_slug, title, attribute_type)
    };
    if let Some(default) = data_in.get("default_value") {
        attribute.default_value = parse_default(&store, &attribute, default)?;
        attribute.is_default_value_enabled = attribute.default_value.is_some();
    }
    let other_side = super::relationship::other_side(&store, owner, data_in, &mut attribute)?;
    let (attribute_id, index) = (attribute.id.attribute_id.clone(), indexable(&attribute));
    attributes_mut(&mut store, owner).push(attribute);
    if let Some(other_side) = other_side {
        super::relationship::add(&mut store, other_side);
        relationships::describe(&mut store.objects);
    }
    if index {
        owner
            .collection_mut(&mut store)
            .index_attribute(&attribute_id);
    }
    let created = attribute_of(&store, owner, &attribute_id)?;
    let rendered = render::attribute(created);
    publish(&state, &store, || {
        vec![events::attribute_event(&store, owner, &attribute_id, true)]
    });
    Ok(data(rendered))
}

/// `PATCH …/attributes/{attribute}`; archiving is setting `is_archived`.
pub(crate) async fn update<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = attribute_index(&store, owner, &attribute)?;
    let data_in = data_object(&body)?;
    let mut updated = owner.attributes(&store)[index].clone();
    if updated.is_system_attribute {
        return Err(ApiError::bad_request(
            "system_edit_unauthorized",
            format!(
                "System attribute with slug \"{}\" cannot be edited.",
                updated.api_slug
            ),
        ));
    }
    for immutable in ["type", "is_multiselect"] {
        if data_in.contains_key(immutable) {
            return Err(field_issue(
                immutable,
                "This property cannot be changed after creation.",
            ));
        }
    }
    const EDITABLE: [&str; 8] = [
        "title",
        "description",
        "api_slug",
        "is_required",
        "is_unique",
        "default_value",
        "config",
        "is_archived",
    ];
    if !EDITABLE.iter().any(|k| data_in.contains_key(*k)) {
        return Err(ApiError::body_issue(
            vec![json!("data")],
            "Give at least one property to update.",
        ));
    }
    if let Some(title) = data_in.get("title") {
        updated.title = title
            .as_str()
            .ok_or_else(|| field_issue("title", "Expected string."))?
            .to_owned();
    }
    if let Some(description) = nullable_str(data_in, "description")? {
        updated.description = description;
    }
    if let Some(slug) = data_in.get("api_slug") {
        let slug = slug
            .as_str()
            .ok_or_else(|| field_issue("api_slug", "Expected string."))?;
        check_slug(owner.attributes(&store), slug, Some(index))?;
        updated.api_slug = slug.to_owned();
    }
    if let Some(required) = optional_bool(data_in, "is_required")? {
        updated.is_required = required;
    }
    if let Some(unique) = optional_bool(data_in, "is_unique")? {
        if unique && !updated.is_unique {
            check_unique(&store, owner, &updated.attribute_type)?;
        }
        updated.is_unique = unique;
    }
    if let Some(archived) = optional_bool(data_in, "is_archived")? {
        updated.is_archived = archived;
    }
    if let Some(config) = data_in.get("config") {
        updated.config = parse_config(&store, &updated.attribute_type, config, &updated.config)?;
    }
    if let Some(default) = data_in.get("default_value") {
        updated.default_value = parse_default(&store, &updated, default)?;
        updated.is_default_value_enabled = updated.default_value.is_some();
    }
    let (attribute_id, indexed) = (updated.id.attribute_id.clone(), indexable(&updated));
    attributes_mut(&mut store, owner)[index] = updated;
    // The other side of a pair shows this attribute's title and slug.
    if matches!(owner, Owner::Object(_)) {
        relationships::describe(&mut store.objects);
    }
    let rendered = render::attribute(&owner.attributes(&store)[index]);
    // Uniqueness may have been switched on or off: keep the index in step.
    let collection = owner.collection_mut(&mut store);
    if indexed {
        collection.index_attribute(&attribute_id);
    } else {
        collection.unindex_attribute(&attribute_id);
    }
    publish(&state, &store, || {
        vec![events::attribute_event(&store, owner, &attribute_id, false)]
    });
    Ok(data(rendered))
}
