//! Two workspaces with their own ids (staging and production): compared by
//! slug, not reported replaced.

use super::fixture::*;
use crate::diff::{by_slug, diff, ChangeKind};
use crate::Workspace;

/// `ws` as another workspace has it: every id different, the workspace's
/// included.
fn elsewhere(ws: &Workspace) -> Workspace {
    let text = serde_json::to_string(ws).unwrap();
    let text = text
        .replace("\"ws\"", "\"prod\"")
        .replace("\"id-", "\"prod-id-")
        .replace("\"attr-", "\"prod-attr-")
        .replace("\"opt-", "\"prod-opt-")
        .replace("\"st-", "\"prod-st-")
        .replace("\"list-", "\"prod-list-");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn another_workspace_with_the_same_schema_has_no_changes() {
    let other = elsewhere(&base());
    assert_ne!(other, base());
    let d = diff(&base(), &other);
    assert!(d.is_empty(), "{d}");
}

#[test]
fn another_workspace_still_shows_what_differs() {
    let mut other = elsewhere(&base());
    other.objects[0].attributes.pop();
    let d = diff(&base(), &other);
    assert_eq!(d.changes.len(), 1, "{d}");
    assert_eq!(d.changes[0].kind, ChangeKind::AttributeRemoved);
}

#[test]
fn within_one_workspace_a_new_id_is_still_a_replacement() {
    let mut replaced = base();
    replaced.objects[0].id.object_id = "id-new".into();
    let d = diff(&base(), &replaced);
    assert!(
        matches!(d.changes[0].kind, ChangeKind::ObjectReplaced { .. }),
        "{d}"
    );
}

#[test]
fn by_slug_keeps_targets_as_slugs() {
    let plain = by_slug(&base());
    let targets: Vec<_> = plain
        .objects
        .iter()
        .flat_map(|o| &o.attributes)
        .filter_map(|a| a.config.record_reference.allowed_object_ids.clone())
        .collect();
    assert!(!targets.is_empty());
    for slugs in targets {
        for slug in slugs {
            assert!(
                plain.object(&slug).is_some(),
                "{slug} is not an object slug"
            );
        }
    }
    assert!(plain.objects.iter().all(|o| o.id.object_id.is_empty()));
}
