//! Objects and lists: added, removed, renamed, replaced, their nouns,
//! names and parent objects.

use super::fixture::*;
use crate::diff::{diff, ChangeKind, Severity};

#[test]
fn identical_workspaces_have_no_changes() {
    let d = diff(&base(), &base());
    assert!(d.is_empty());
    assert!(!d.has_breaking());
    assert_eq!(d.to_string(), "no schema changes\n");
}

#[test]
fn input_order_does_not_matter() {
    let mut shuffled = base();
    shuffled.objects.reverse();
    for o in &mut shuffled.objects {
        o.attributes.reverse();
        for a in &mut o.attributes {
            a.options.reverse();
        }
    }
    assert!(diff(&base(), &shuffled).is_empty());
}

#[test]
fn object_added_is_additive() {
    let c = single(|ws| ws.objects.push(object("deals", vec![])));
    assert_eq!(line(&c), "deals: object added");
    assert_eq!(c.kind, ChangeKind::ObjectAdded);
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn object_removed_is_breaking() {
    let c = single(|ws| ws.objects.retain(|o| o.api_slug != "people"));
    assert_eq!(line(&c), "people: object removed");
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn object_slug_change_with_same_id_is_one_breaking_rename() {
    let c = single(|ws| ws.objects[0].api_slug = "humans".into());
    assert_eq!(
        c.kind,
        ChangeKind::ObjectRenamed {
            from: "people".into(),
            to: "humans".into()
        }
    );
    assert_eq!(
        line(&c),
        r#"people: object api_slug changed from "people" to "humans""#
    );
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn children_of_a_renamed_object_are_reported_under_the_new_slug() {
    let old = base();
    let mut new = base();
    new.objects[0].api_slug = "humans".into();
    new.objects[0].attributes[0].is_required = true;
    let d = diff(&old, &new);
    let lines: Vec<String> = d.changes.iter().map(line).collect();
    assert_eq!(
        lines,
        [
            "humans.name: became required",
            r#"people: object api_slug changed from "people" to "humans""#,
        ]
    );
}

#[test]
fn same_slug_with_a_different_id_is_a_replacement_that_breaks_nothing() {
    let c = single(|ws| ws.objects[0].id.object_id = "other".into());
    assert_eq!(
        c.kind,
        ChangeKind::ObjectReplaced {
            old_id: "id-people".into(),
            new_id: "other".into()
        }
    );
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn empty_ids_neither_match_nor_count_as_replacement() {
    let mut old = base();
    let mut new = base();
    old.objects[0].id.object_id.clear();
    new.objects[0].id.object_id.clear();
    assert!(diff(&old, &new).is_empty());
    new.objects[0].api_slug = "humans".into();
    let kinds: Vec<ChangeKind> = diff(&old, &new)
        .changes
        .into_iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, [ChangeKind::ObjectAdded, ChangeKind::ObjectRemoved]);
}

#[test]
fn noun_changes_are_cosmetic() {
    let c = single(|ws| ws.objects[1].singular_noun = Some("Firm".into()));
    assert_eq!(
        line(&c),
        r#"companies: singular noun changed from "companies one" to "Firm""#
    );
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| ws.objects[1].plural_noun = None);
    assert_eq!(
        line(&c),
        r#"companies: plural noun changed from "companies many" to none"#
    );
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn list_added_and_removed() {
    let c = single(|ws| ws.lists.push(list("hiring", &["people"], vec![])));
    assert_eq!(line(&c), "lists/hiring: list added");
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| ws.lists.clear());
    assert_eq!(line(&c), "lists/pipeline: list removed");
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn list_rename_replacement_and_name() {
    let c = single(|ws| ws.lists[0].api_slug = "deals_pipeline".into());
    assert_eq!(
        line(&c),
        r#"lists/pipeline: list api_slug changed from "pipeline" to "deals_pipeline""#
    );
    assert_eq!(c.severity, Severity::Breaking);
    let c = single(|ws| ws.lists[0].id.list_id = "new".into());
    assert_eq!(
        c.kind,
        ChangeKind::ListReplaced {
            old_id: "list-pipeline".into(),
            new_id: "new".into()
        }
    );
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| ws.lists[0].name = "Pipeline".into());
    assert_eq!(
        line(&c),
        r#"lists/pipeline: name changed from "pipeline" to "Pipeline""#
    );
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn list_parent_objects_added_is_additive_and_removed_is_breaking() {
    let c = single(|ws| ws.lists[0].parent_object.push("people".into()));
    assert_eq!(
        line(&c),
        "lists/pipeline: parent objects changed from companies to companies, people"
    );
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| ws.lists[0].parent_object = vec!["people".into()]);
    assert_eq!(c.severity, Severity::Breaking);
    let c = single(|ws| ws.lists[0].parent_object.clear());
    assert_eq!(
        line(&c),
        "lists/pipeline: parent objects changed from companies to no object"
    );
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn objects_and_lists_get_their_own_kinds_from_one_walk() {
    use crate::diff::kind::ChangeKind as K;
    use crate::Target;
    let from = || ("a".to_owned(), "b".to_owned());
    for target in Target::ALL {
        let added = K::added(target).to_string();
        assert_eq!(added, format!("{target} added"));
        assert_eq!(K::removed(target).to_string(), format!("{target} removed"));
        let (a, b) = from();
        assert!(K::renamed(target, a, b)
            .to_string()
            .starts_with(&format!("{target} api_slug changed")));
        let (a, b) = from();
        assert!(K::replaced(target, a, b)
            .to_string()
            .contains(&format!("a different {target} ")));
    }
}
