//! What select options and statuses, the choices of one attribute, share:
//! listing them, a title taken only once, and their PATCH.

use serde_json::{Map, Value};

use attio_schema::{SelectOption, Status};

use crate::errors::ApiError;
use crate::events;
use crate::http::{field_issue, optional_bool, publish, Shared};
use crate::store::{Owner, Store};

/// Attio's 409 for a second option or status with the same title.
pub(crate) fn title_conflict(title: &str) -> ApiError {
    ApiError::conflict(
        "slug_conflict",
        format!("An option or status titled \"{title}\" already exists."),
    )
}

/// Publishes the `….updated` event of the attribute at `index` of `owner`,
/// whose options or statuses changed: Attio has no event of their own.
pub(crate) fn announce(state: &Shared, store: &Store, owner: Owner, index: usize) {
    let attribute_id = &owner.attributes(store)[index].id.attribute_id;
    publish(state, store, || {
        vec![events::attribute_event(store, owner, attribute_id, false)]
    });
}

/// A select option or a status: what their PATCH endpoints change alike.
pub(crate) trait Choice {
    /// `select option` or `status`, for messages.
    const NOUN: &'static str;
    fn id(&self) -> &str;
    fn title(&self) -> &str;
    fn title_mut(&mut self) -> &mut String;
    fn is_archived(&self) -> bool;
    fn archived_mut(&mut self) -> &mut bool;
}

/// The options or statuses a list endpoint shows, rendered.
pub(crate) fn listed<C: Choice>(
    items: &[C],
    show_archived: bool,
    render: fn(&C) -> Value,
) -> Value {
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
pub(crate) struct ChoiceChange {
    title: Option<String>,
    archived: Option<bool>,
}

impl ChoiceChange {
    pub(crate) fn parse(data_in: &Map<String, Value>) -> Result<ChoiceChange, ApiError> {
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
    pub(crate) fn apply<'a, C: Choice>(
        self,
        items: &'a mut [C],
        ident: &str,
    ) -> Result<&'a mut C, ApiError> {
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
