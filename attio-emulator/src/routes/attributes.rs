//! Attributes of objects and lists, with their select options and statuses:
//! list, get, create and update (archiving is an update; nothing is deleted).

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, patch};
use axum::Router;
use serde_json::{json, Map, Value};

use attio_schema::{
    Attribute, AttributeConfig, AttributeId, AttributeType, CurrencyConfig, DefaultValue, OptionId,
    RecordReferenceConfig, SelectOption, Status, StatusId,
};

use super::objects::{is_snake_case_slug, list_kind, object_kind};
use super::{
    data, data_object, flag, lock, number_param, paginate, parse_body, required, required_str,
};
use super::{ApiResult, Params, Shared};
use crate::errors::ApiError;
use crate::render;
use crate::store::{find_attribute, indexable, new_id, Container, Store};
use crate::time;
use crate::write;

/// Where an attribute lives: `/v2/objects/…` or `/v2/lists/…`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Objects,
    Lists,
}

type Id = Path<String>;
type AttrPath = Path<(String, String)>;
type ItemPath = Path<(String, String, String)>;

pub(super) fn routes() -> Router<Shared> {
    let mut router = Router::new();
    for (prefix, target) in [
        ("/v2/objects/{parent}", Target::Objects),
        ("/v2/lists/{parent}", Target::Lists),
    ] {
        router = router
            .route(
                &format!("{prefix}/attributes"),
                get(move |s: State<Shared>, p: Id, q: Query<Params>| {
                    list_attributes(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: Id, b: Bytes| create_attribute(s, target, p, b)),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}"),
                get(move |s: State<Shared>, p: AttrPath| get_attribute(s, target, p)).patch(
                    move |s: State<Shared>, p: AttrPath, b: Bytes| {
                        update_attribute(s, target, p, b)
                    },
                ),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/options"),
                get(move |s: State<Shared>, p: AttrPath, q: Query<Params>| {
                    list_options(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: AttrPath, b: Bytes| {
                    create_option(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/options/{{option}}"),
                patch(move |s: State<Shared>, p: ItemPath, b: Bytes| {
                    update_option(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/statuses"),
                get(move |s: State<Shared>, p: AttrPath, q: Query<Params>| {
                    list_statuses(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: AttrPath, b: Bytes| {
                    create_status(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/statuses/{{status}}"),
                patch(move |s: State<Shared>, p: ItemPath, b: Bytes| {
                    update_status(s, target, p, b)
                }),
            );
    }
    router
}

fn target_kind(store: &Store, target: Target, ident: &str) -> Result<Container, ApiError> {
    match target {
        Target::Objects => object_kind(store, ident),
        Target::Lists => list_kind(store, ident),
    }
}

/// The attribute with this slug or UUID (archived ones too), or a 404.
pub(crate) fn attribute_of<'a>(
    store: &'a Store,
    kind: Container,
    ident: &str,
) -> Result<&'a Attribute, ApiError> {
    find_attribute(kind.attributes(store), ident).ok_or_else(|| {
        ApiError::not_found(format!("Attribute with slug/ID \"{ident}\" not found."))
    })
}

fn attributes_mut(store: &mut Store, kind: Container) -> &mut Vec<Attribute> {
    match kind {
        Container::Object(i) => &mut store.objects[i].attributes,
        Container::List(i) => &mut store.lists[i].attributes,
    }
}

fn attribute_index(store: &Store, kind: Container, ident: &str) -> Result<usize, ApiError> {
    kind.attributes(store)
        .iter()
        .position(|a| a.api_slug == ident || a.id.attribute_id == ident)
        .ok_or_else(|| {
            ApiError::not_found(format!("Attribute with slug/ID \"{ident}\" not found."))
        })
}

fn field_issue(key: &str, message: &str) -> ApiError {
    ApiError::body_issue(vec![json!("data"), json!(key)], message)
}

fn optional_bool(data: &Map<String, Value>, key: &str) -> Result<Option<bool>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(field_issue(key, "Expected boolean.")),
    }
}

fn required_bool(data: &Map<String, Value>, key: &str) -> Result<bool, ApiError> {
    optional_bool(data, key)?.ok_or_else(|| field_issue(key, "Required"))
}

fn nullable_str(data: &Map<String, Value>, key: &str) -> Result<Option<Option<String>>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(_) => Err(field_issue(key, "Expected string or null.")),
    }
}

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
    kind: Container,
    attribute_type: &AttributeType,
) -> Result<(), ApiError> {
    if let Container::Object(i) = kind {
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

/// Reads a write-side `config` into the read-side form:
/// `record_reference.allowed_objects` (slugs or UUIDs) becomes `allowed_object_ids`.
fn parse_config(
    store: &Store,
    attribute_type: &AttributeType,
    config: &Value,
    current: &AttributeConfig,
) -> Result<AttributeConfig, ApiError> {
    let Value::Object(config) = config else {
        return Err(field_issue("config", "Expected object."));
    };
    let mut out = current.clone();
    if let Some(currency) = config.get("currency").filter(|c| !c.is_null()) {
        let code = currency
            .get("default_currency_code")
            .and_then(Value::as_str);
        let display = currency.get("display_type").and_then(Value::as_str);
        let valid_code =
            code.is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
        let valid_display =
            display.is_some_and(|d| ["code", "name", "narrowSymbol", "symbol"].contains(&d));
        if !valid_code || !valid_display {
            return Err(ApiError::body_issue(
                vec![json!("data"), json!("config"), json!("currency")],
                "Give default_currency_code (ISO 4217) and display_type (code, name, narrowSymbol or symbol).",
            ));
        }
        out.currency = CurrencyConfig {
            default_currency_code: code.map(str::to_owned),
            display_type: display.map(str::to_owned),
        };
    }
    if let Some(reference) = config.get("record_reference").filter(|c| !c.is_null()) {
        let path = vec![
            json!("data"),
            json!("config"),
            json!("record_reference"),
            json!("allowed_objects"),
        ];
        let Some(Value::Array(allowed)) = reference.get("allowed_objects") else {
            return Err(ApiError::body_issue(
                path,
                "Expected an array of object slugs or IDs.",
            ));
        };
        if allowed.is_empty() {
            return Err(ApiError::body_issue(path, "Give at least one object."));
        }
        let mut ids = Vec::new();
        for ident in allowed {
            let index = ident
                .as_str()
                .and_then(|s| store.object_index(s))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "value_not_found",
                        format!("Cannot find object with slug/ID {ident}."),
                    )
                })?;
            ids.push(store.objects[index].id.object_id.clone());
        }
        out.record_reference = RecordReferenceConfig {
            allowed_object_ids: Some(ids),
        };
    }
    if *attribute_type == AttributeType::Currency && out.currency.default_currency_code.is_none() {
        return Err(ApiError::body_issue(
            vec![json!("data"), json!("config"), json!("currency")],
            "Currency attributes need config.currency.",
        ));
    }
    if *attribute_type == AttributeType::RecordReference
        && out.record_reference.allowed_object_ids.is_none()
    {
        return Err(ApiError::body_issue(
            vec![json!("data"), json!("config"), json!("record_reference")],
            "Record-reference attributes need config.record_reference.allowed_objects.",
        ));
    }
    Ok(out)
}

/// Parses a `default_value` and checks that its static values are valid
/// values of the attribute.
fn parse_default(
    store: &Store,
    attribute: &Attribute,
    value: &Value,
) -> Result<Option<DefaultValue>, ApiError> {
    if value.is_null() {
        return Ok(None);
    }
    let default: DefaultValue = serde_json::from_value(value.clone())
        .map_err(|e| field_issue("default_value", &format!("Invalid default value: {e}.")))?;
    if let DefaultValue::Static { template } = &default {
        for raw in template {
            write::resolve_one(store, attribute, raw).map_err(|_| {
                field_issue(
                    "default_value",
                    "The default value is not a valid value of the attribute.",
                )
            })?;
        }
    }
    Ok(Some(default))
}

async fn list_attributes(
    State(state): State<Shared>,
    target: Target,
    Path(ident): Id,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let show_archived = flag(&params, "show_archived")?;
    let offset = number_param(&params, "offset")?.unwrap_or(0);
    let limit = number_param(&params, "limit")?;
    let attributes: Vec<Value> = kind
        .attributes(&store)
        .iter()
        .filter(|a| show_archived || !a.is_archived)
        .map(render::attribute)
        .collect();
    Ok(data(Value::Array(paginate(attributes, offset, limit))))
}

async fn get_attribute(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
) -> ApiResult {
    let store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    Ok(data(render::attribute(attribute_of(
        &store, kind, &attribute,
    )?)))
}

async fn create_attribute(
    State(state): State<Shared>,
    target: Target,
    Path(ident): Id,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
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
    check_slug(kind.attributes(&store), &api_slug, None)?;
    if is_unique {
        check_unique(&store, kind, &attribute_type)?;
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
    let (workspace_id, parent_id) = match kind {
        Container::Object(i) => (
            store.objects[i].id.workspace_id.clone(),
            store.objects[i].id.object_id.clone(),
        ),
        Container::List(i) => (
            store.lists[i].id.workspace_id.clone(),
            store.lists[i].id.list_id.clone(),
        ),
    };
    let mut attribute = Attribute {
        id: AttributeId {
            workspace_id,
            object_id: parent_id,
            attribute_id: new_id(),
        },
        title,
        description,
        api_slug,
        attribute_type,
        is_system_attribute: false,
        is_writable: true,
        is_required,
        is_unique,
        is_multiselect,
        is_default_value_enabled: false,
        is_archived: false,
        default_value: None,
        relationship: None,
        created_at: Some(time::now_string()),
        config,
        options: Vec::new(),
        statuses: Vec::new(),
    };
    if let Some(default) = data_in.get("default_value") {
        attribute.default_value = parse_default(&store, &attribute, default)?;
        attribute.is_default_value_enabled = attribute.default_value.is_some();
    }
    let rendered = render::attribute(&attribute);
    let (attribute_id, index) = (attribute.id.attribute_id.clone(), indexable(&attribute));
    attributes_mut(&mut store, kind).push(attribute);
    if index {
        kind.collection_mut(&mut store)
            .index_attribute(&attribute_id);
    }
    Ok(data(rendered))
}

async fn update_attribute(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = attribute_index(&store, kind, &attribute)?;
    let data_in = data_object(&body)?;
    let mut updated = kind.attributes(&store)[index].clone();
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
        check_slug(kind.attributes(&store), slug, Some(index))?;
        updated.api_slug = slug.to_owned();
    }
    if let Some(required) = optional_bool(data_in, "is_required")? {
        updated.is_required = required;
    }
    if let Some(unique) = optional_bool(data_in, "is_unique")? {
        if unique && !updated.is_unique {
            check_unique(&store, kind, &updated.attribute_type)?;
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
    let rendered = render::attribute(&updated);
    let (attribute_id, indexed) = (updated.id.attribute_id.clone(), indexable(&updated));
    attributes_mut(&mut store, kind)[index] = updated;
    // Uniqueness may have been switched on or off: keep the index in step.
    let collection = kind.collection_mut(&mut store);
    if indexed {
        collection.index_attribute(&attribute_id);
    } else {
        collection.unindex_attribute(&attribute_id);
    }
    Ok(data(rendered))
}

fn typed_attribute(
    store: &Store,
    kind: Container,
    ident: &str,
    wanted: AttributeType,
) -> Result<usize, ApiError> {
    let index = attribute_index(store, kind, ident)?;
    let attribute = &kind.attributes(store)[index];
    if attribute.attribute_type != wanted {
        return Err(ApiError::bad_request(
            "validation_type",
            format!(
                "Attribute with slug \"{}\" is not a {wanted} attribute.",
                attribute.api_slug
            ),
        ));
    }
    Ok(index)
}

async fn list_options(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Select)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &kind.attributes(&store)[index].options,
        show_archived,
        render::option,
    )))
}

fn title_conflict(title: &str) -> ApiError {
    ApiError::conflict(
        "slug_conflict",
        format!("An option or status titled \"{title}\" already exists."),
    )
}

async fn create_option(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Select)?;
    let title = required_str(data_object(&body)?, "title")?.to_owned();
    let attribute = &mut attributes_mut(&mut store, kind)[index];
    if attribute.options.iter().any(|o| o.title == title) {
        return Err(title_conflict(&title));
    }
    let option = SelectOption {
        id: OptionId {
            workspace_id: attribute.id.workspace_id.clone(),
            object_id: attribute.id.object_id.clone(),
            attribute_id: attribute.id.attribute_id.clone(),
            option_id: new_id(),
        },
        title,
        is_archived: false,
    };
    let rendered = render::option(&option);
    attribute.options.push(option);
    Ok(data(rendered))
}

async fn update_option(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute, option)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Select)?;
    let data_in = data_object(&body)?;
    let change = ChoiceChange::parse(data_in)?;
    let attribute = &mut attributes_mut(&mut store, kind)[index];
    let item = change.apply(&mut attribute.options, &option)?;
    Ok(data(render::option(item)))
}

/// A select option or a status: what their PATCH endpoints change alike.
trait Choice {
    /// `select option` or `status`, for messages.
    const NOUN: &'static str;
    fn id(&self) -> &str;
    fn title(&self) -> &str;
    fn title_mut(&mut self) -> &mut String;
    fn is_archived(&self) -> bool;
    fn archived_mut(&mut self) -> &mut bool;
}

/// The options or statuses a list endpoint shows, rendered.
fn listed<C: Choice>(items: &[C], show_archived: bool, render: fn(&C) -> Value) -> Value {
    items
        .iter()
        .filter(|c| show_archived || !c.is_archived())
        .map(render)
        .collect()
}

impl Choice for SelectOption {
    const NOUN: &'static str = "select option";
    fn id(&self) -> &str {
        &self.id.option_id
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn title_mut(&mut self) -> &mut String {
        &mut self.title
    }
    fn is_archived(&self) -> bool {
        self.is_archived
    }
    fn archived_mut(&mut self) -> &mut bool {
        &mut self.is_archived
    }
}

impl Choice for Status {
    const NOUN: &'static str = "status";
    fn id(&self) -> &str {
        &self.id.status_id
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn title_mut(&mut self) -> &mut String {
        &mut self.title
    }
    fn is_archived(&self) -> bool {
        self.is_archived
    }
    fn archived_mut(&mut self) -> &mut bool {
        &mut self.is_archived
    }
}

/// The `title` and `is_archived` of an option or status PATCH body.
struct ChoiceChange {
    title: Option<String>,
    archived: Option<bool>,
}

impl ChoiceChange {
    fn parse(data_in: &Map<String, Value>) -> Result<ChoiceChange, ApiError> {
        let title = data_in
            .get("title")
            .map(|t| {
                t.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| field_issue("title", "Expected string."))
            })
            .transpose()?;
        Ok(ChoiceChange {
            title,
            archived: optional_bool(data_in, "is_archived")?,
        })
    }

    /// Applies the change to the item named `ident` (UUID or title), after
    /// checking that a new title is free; the item, for the answer.
    fn apply<'a, C: Choice>(self, items: &'a mut [C], ident: &str) -> Result<&'a mut C, ApiError> {
        let position = items
            .iter()
            .position(|c| c.id() == ident || c.title() == ident)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!("Cannot find {} with title or ID \"{ident}\".", C::NOUN),
                )
            })?;
        if let Some(title) = &self.title {
            let taken = items
                .iter()
                .enumerate()
                .any(|(i, c)| i != position && c.title() == title);
            if taken {
                return Err(title_conflict(title));
            }
        }
        let item = &mut items[position];
        if let Some(title) = self.title {
            *item.title_mut() = title;
        }
        if let Some(archived) = self.archived {
            *item.archived_mut() = archived;
        }
        Ok(item)
    }
}

async fn list_statuses(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Status)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &kind.attributes(&store)[index].statuses,
        show_archived,
        render::status,
    )))
}

async fn create_status(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Status)?;
    let data_in = data_object(&body)?;
    let title = required_str(data_in, "title")?.to_owned();
    let celebration_enabled = optional_bool(data_in, "celebration_enabled")?.unwrap_or(false);
    let target_time_in_status = nullable_str(data_in, "target_time_in_status")?.flatten();
    let attribute = &mut attributes_mut(&mut store, kind)[index];
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
    Ok(data(rendered))
}

async fn update_status(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute, status)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = target_kind(&store, target, &ident)?;
    let index = typed_attribute(&store, kind, &attribute, AttributeType::Status)?;
    let data_in = data_object(&body)?;
    let change = ChoiceChange::parse(data_in)?;
    let celebration = optional_bool(data_in, "celebration_enabled")?;
    let target_time = nullable_str(data_in, "target_time_in_status")?;
    let attribute = &mut attributes_mut(&mut store, kind)[index];
    let item = change.apply(&mut attribute.statuses, &status)?;
    if let Some(celebration) = celebration {
        item.celebration_enabled = celebration;
    }
    if let Some(target_time) = target_time {
        item.target_time_in_status = target_time;
    }
    Ok(data(render::status(item)))
}
