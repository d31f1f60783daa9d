//! The workspaces the diff tests start from, and helpers to edit one and
//! read the single change it causes.

use crate::diff::{diff, Change};
use crate::{
    Attribute, AttributeId, AttributeType, List, ListId, Object, ObjectId, OptionId,
    RecordReferenceConfig, SelectOption, Status, StatusId, Workspace,
};

pub(super) fn attr(slug: &str, ty: AttributeType) -> Attribute {
    let id = AttributeId {
        workspace_id: "ws".into(),
        object_id: "obj".into(),
        attribute_id: format!("attr-{slug}"),
    };
    Attribute::new(id, slug, slug, ty)
}

pub(super) fn option(title: &str) -> SelectOption {
    SelectOption {
        id: OptionId {
            option_id: format!("opt-{title}"),
            ..OptionId::default()
        },
        title: title.to_owned(),
        is_archived: false,
    }
}

pub(super) fn status(title: &str) -> Status {
    Status {
        id: StatusId {
            status_id: format!("st-{title}"),
            ..StatusId::default()
        },
        title: title.to_owned(),
        is_archived: false,
        celebration_enabled: false,
        target_time_in_status: None,
    }
}

pub(super) fn object(slug: &str, attributes: Vec<Attribute>) -> Object {
    Object {
        id: ObjectId {
            workspace_id: "ws".into(),
            object_id: format!("id-{slug}"),
        },
        api_slug: slug.to_owned(),
        singular_noun: Some(format!("{slug} one")),
        plural_noun: Some(format!("{slug} many")),
        created_at: None,
        attributes,
    }
}

pub(super) fn list(slug: &str, parents: &[&str], attributes: Vec<Attribute>) -> List {
    List {
        id: ListId {
            workspace_id: "ws".into(),
            list_id: format!("list-{slug}"),
        },
        api_slug: slug.to_owned(),
        name: slug.to_owned(),
        parent_object: parents.iter().map(|p| (*p).to_owned()).collect(),
        workspace_access: None,
        workspace_member_access: Vec::new(),
        created_by_actor: None,
        created_at: None,
        attributes,
    }
}

/// A small workspace: people, companies (with categories and a team
/// reference to people) and a pipeline list with a stage status.
pub(super) fn base() -> Workspace {
    let mut categories = attr("categories", AttributeType::Select);
    categories.is_multiselect = true;
    categories.options = vec![option("B2B"), option("Legacy")];
    let mut team = attr("team", AttributeType::RecordReference);
    team.config.record_reference = RecordReferenceConfig {
        allowed_object_ids: Some(vec!["id-people".into()]),
    };
    let mut stage = attr("stage", AttributeType::Status);
    stage.statuses = vec![status("Lead"), status("Won")];
    Workspace {
        objects: vec![
            object("people", vec![attr("name", AttributeType::PersonalName)]),
            object(
                "companies",
                vec![attr("name", AttributeType::Text), categories, team],
            ),
        ],
        lists: vec![list("pipeline", &["companies"], vec![stage])],
    }
}

pub(super) fn company_attr<'a>(ws: &'a mut Workspace, slug: &str) -> &'a mut Attribute {
    ws.objects
        .iter_mut()
        .find(|o| o.api_slug == "companies")
        .and_then(|o| o.attributes.iter_mut().find(|a| a.api_slug == slug))
        .expect("fixture has the attribute")
}

/// Applies `edit` to a copy of the base workspace and returns the one
/// change it causes, failing unless there is exactly one.
pub(super) fn single(edit: impl FnOnce(&mut Workspace)) -> Change {
    let old = base();
    let mut new = base();
    edit(&mut new);
    let d = diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "expected one change, got:\n{d}");
    d.changes.into_iter().next().unwrap()
}

pub(super) fn line(c: &Change) -> String {
    c.to_string()
}
