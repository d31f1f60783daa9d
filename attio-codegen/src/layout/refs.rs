//! What the layout reads off a record-reference attribute: the struct its
//! values point to and the text of its field's doc.

use std::collections::BTreeMap;

use attio_schema::{Attribute, Workspace};

/// The struct of the one object a reference may point to, when there is
/// exactly one and it is generated.
pub(super) fn single_target(
    attribute: &Attribute,
    by_object_id: &BTreeMap<&str, &str>,
) -> Option<String> {
    match attribute
        .config
        .record_reference
        .allowed_object_ids
        .as_deref()
    {
        Some([only]) => by_object_id.get(only.as_str()).map(|s| (*s).to_owned()),
        _ => None,
    }
}

/// The slugs of the allowed targets, for the field's doc (`→ people`);
/// `None` when any object is allowed.
pub(super) fn record_ref_targets(attribute: &Attribute, workspace: &Workspace) -> Option<String> {
    let ids = attribute
        .config
        .record_reference
        .allowed_object_ids
        .as_ref()?;
    let slugs: Vec<&str> = ids
        .iter()
        .map(|id| {
            workspace
                .object_by_id(id)
                .map_or(id.as_str(), |o| o.api_slug.as_str())
        })
        .collect();
    Some(slugs.join(", "))
}

/// `object.attribute` on the other side of a two-way relationship. Snapshots
/// pulled from current Attio name it; older ones carry only its id, which is
/// looked up among the snapshot's objects.
pub(super) fn relationship_inverse(attribute: &Attribute, workspace: &Workspace) -> Option<String> {
    let relationship = attribute.relationship.as_ref()?;
    if let (Some(object), Some(slug)) = (&relationship.object_slug, &relationship.api_slug) {
        return Some(format!("{object}.{slug}"));
    }
    let id = &relationship.id.attribute_id;
    workspace.objects.iter().find_map(|o| {
        o.attributes
            .iter()
            .find(|a| !id.is_empty() && a.id.attribute_id == *id)
            .map(|a| format!("{}.{}", o.api_slug, a.api_slug))
    })
}
