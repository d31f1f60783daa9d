//! Two workspaces compared by slug alone: a snapshot pulled from staging
//! names every object, attribute and option by ids that production does not
//! share.

use crate::{Relationship, Workspace};

/// Whether ids of `a` and `b` can be compared: both come from one
/// workspace, or either does not say (hand-written snapshots leave ids
/// empty).
pub(super) fn same_workspace(a: &Workspace, b: &Workspace) -> bool {
    match (workspace_id(a), workspace_id(b)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The workspace's id, as its first object or list carries it.
fn workspace_id(ws: &Workspace) -> Option<&str> {
    let object = ws.objects.first().map(|o| o.id.workspace_id.as_str());
    let list = || ws.lists.first().map(|l| l.id.workspace_id.as_str());
    object.or_else(list).filter(|id| !id.is_empty())
}

/// `workspace` without ids, so that [`diff`](super::diff) matches
/// everything by slug (options and statuses by title) and reports no
/// replacement just because the ids differ.
///
/// What the ids carried is kept in slug form: the allowed objects of a
/// record reference become object slugs, and a two-way relationship names
/// its other side by object and attribute slug (looked up by id when the
/// snapshot recorded only the id).
pub fn by_slug(workspace: &Workspace) -> Workspace {
    let object_slug = |id: &str| {
        workspace
            .object_by_id(id)
            .map_or_else(|| id.to_owned(), |o| o.api_slug.clone())
    };
    let inverse = |relationship: &Relationship| {
        let id = &relationship.id.attribute_id;
        let found = workspace.objects.iter().find_map(|o| {
            o.attributes
                .iter()
                .find(|a| !id.is_empty() && a.id.attribute_id == *id)
                .map(|a| (o, a))
        });
        let mut out = match found {
            Some((object, attribute)) => Relationship::describing(&object.api_slug, attribute),
            None => relationship.clone(),
        };
        out.id = Default::default();
        out
    };
    let mut out = workspace.clone();
    for object in &mut out.objects {
        object.id = Default::default();
        object.created_at = None;
    }
    for list in &mut out.lists {
        list.id = Default::default();
        list.created_at = None;
        list.created_by_actor = None;
        list.workspace_member_access.clear();
    }
    for attribute in out
        .objects
        .iter_mut()
        .flat_map(|o| &mut o.attributes)
        .chain(out.lists.iter_mut().flat_map(|l| &mut l.attributes))
    {
        attribute.id = Default::default();
        attribute.created_at = None;
        let allowed = &mut attribute.config.record_reference.allowed_object_ids;
        if let Some(ids) = allowed {
            let mut slugs: Vec<String> = ids.iter().map(|id| object_slug(id)).collect();
            slugs.sort();
            *ids = slugs;
        }
        attribute.relationship = attribute.relationship.as_ref().map(inverse);
        for option in &mut attribute.options {
            option.id = Default::default();
        }
        for status in &mut attribute.statuses {
            status.id = Default::default();
        }
    }
    out
}
