//! The options of a select attribute: list, create and update (archive)
//! them; a write naming an unknown or archived option is refused.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};

use attio_schema::{AttributeType, OptionId, SelectOption};

use super::attributes::{attributes_mut, typed_attribute};
use super::choices::{announce, listed, title_conflict, ChoiceChange};
use super::owner_of;
use crate::http::{
    data, data_object, flag, lock, parse_body, required_str, ApiResult, Params, PathTarget, Shared,
};
use crate::render;
use crate::store::new_id;

type AttrPath = Path<(String, String)>;
type ItemPath = Path<(String, String, String)>;

/// `GET …/attributes/{attribute}/options`.
pub(crate) async fn list<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): AttrPath,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Select)?;
    let show_archived = flag(&params, "show_archived")?;
    Ok(data(listed(
        &owner.attributes(&store)[index].options,
        show_archived,
        render::option,
    )))
}

/// `POST …/attributes/{attribute}/options`.
pub(crate) async fn create<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute)): AttrPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
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
    announce(&state, &store, owner, index);
    Ok(data(rendered))
}

/// `PATCH …/attributes/{attribute}/options/{option}`.
pub(crate) async fn update<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, attribute, option)): ItemPath,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    let index = typed_attribute(&store, owner, &attribute, AttributeType::Select)?;
    let data_in = data_object(&body)?;
    let change = ChoiceChange::parse(data_in)?;
    let attribute = &mut attributes_mut(&mut store, owner)[index];
    let rendered = render::option(change.apply(&mut attribute.options, &option)?);
    announce(&state, &store, owner, index);
    Ok(data(rendered))
}
