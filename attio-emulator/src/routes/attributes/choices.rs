//! Select options and statuses: list, create and update them. Both are
//! choices of one attribute and share one implementation.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{Map, Value};

use attio_schema::{AttributeType, OptionId, SelectOption, Status, StatusId, Target};

use super::lookup::{attributes_mut, typed_attribute};
use crate::errors::ApiError;
use crate::render;
use crate::routes::http::{
    data, data_object, field_issue, flag, lock, nullable_str, optional_bool, parse_body,
    required_str, ApiResult, Params, Shared,
};
use crate::routes::objects::owner_of;
use crate::store::new_id;

type AttrPath = Path<(String, String)>;
type ItemPath = Path<(String, String, String)>;

/// `GET …/attributes/{attribute}/options`.
pub(super) async fn list_options(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Select)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &owner.attributes(&store)[index].options,
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

/// `POST …/attributes/{attribute}/options`.
pub(super) async fn create_option(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Select)?;
    let title = required_str(data_object(&body)?, "title")?.to_owned();
    let attribute = &mut attributes_mut(&mut store, owner)[index];
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

/// `PATCH …/attributes/{attribute}/options/{option}`.
pub(super) async fn update_option(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute, option)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Select)?;
    let data_in = data_object(&body)?;
    let change = ChoiceChange::parse(data_in)?;
    let attribute = &mut attributes_mut(&mut store, owner)[index];
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

/// `GET …/attributes/{attribute}/statuses`.
pub(super) async fn list_statuses(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Status)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &owner.attributes(&store)[index].statuses,
        show_archived,
        render::status,
    )))
}

/// `POST …/attributes/{attribute}/statuses`.
pub(super) async fn create_status(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
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
    Ok(data(rendered))
}

/// `PATCH …/attributes/{attribute}/statuses/{status}`.
pub(super) async fn update_status(
    State(state): State<Shared>,
    target: Target,
    Path((ident, attribute, status)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, target, &ident)?;
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
    Ok(data(render::status(item)))
}
