//! Two-way relationships: which attribute an attribute mirrors, named so a
//! report line says it, and how a change of it is told.

use crate::{Attribute, Relationship, Workspace};

use super::kind::ChangeKind;

/// The change of `o`'s relationship (in `old_ws`) to `n`'s (in `new_ws`),
/// if any. The inverse counts as the same when its UUID is (renaming it is
/// reported at its own path) or when it has the same name (an inverse
/// re-created under its old slug is reported replaced at its own path);
/// UUID-less hand-written snapshots compare the inverse by name alone.
pub(super) fn change(
    old_ws: &Workspace,
    o: &Attribute,
    new_ws: &Workspace,
    n: &Attribute,
) -> Option<ChangeKind> {
    match (&o.relationship, &n.relationship) {
        (None, None) => None,
        (Some(before), None) => Some(ChangeKind::RelationshipRemoved {
            inverse: name(old_ws, before),
        }),
        (None, Some(after)) => Some(ChangeKind::RelationshipAdded {
            inverse: name(new_ws, after),
        }),
        (Some(before), Some(after)) => {
            let (from, to) = (name(old_ws, before), name(new_ws, after));
            let (old_id, new_id) = (&before.id.attribute_id, &after.id.attribute_id);
            let same_id = !old_id.is_empty() && old_id == new_id;
            (from != to && !same_id).then_some(ChangeKind::RelationshipChanged { from, to })
        }
    }
}

/// `object.attribute` of the inverse: found by UUID in `ws` (the current
/// name), else as the relationship itself names it, else its UUID.
pub(super) fn name(ws: &Workspace, relationship: &Relationship) -> String {
    let id = &relationship.id.attribute_id;
    let found = ws.objects.iter().find_map(|o| {
        o.attributes
            .iter()
            .find(|a| !id.is_empty() && a.id.attribute_id == *id)
            .map(|a| format!("{}.{}", o.api_slug, a.api_slug))
    });
    let named = || match (&relationship.object_slug, &relationship.api_slug) {
        (Some(object), Some(slug)) => Some(format!("{object}.{slug}")),
        _ => None,
    };
    found.or_else(named).unwrap_or_else(|| id.clone())
}
