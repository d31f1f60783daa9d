//! Attributes: added, removed, archived, renamed, their types, flags,
//! texts and record-reference targets.

use super::fixture::*;
use crate::diff::{diff, ChangeKind, Severity, Targets};
use crate::{Attribute, AttributeType, Workspace};

#[test]
fn attribute_added_removed_archived_restored() {
    let c = single(|ws| {
        ws.objects[1]
            .attributes
            .push(attr("tier", AttributeType::Select))
    });
    assert_eq!(line(&c), "companies.tier: attribute added");
    assert_eq!(c.severity, Severity::Additive);

    let c = single(|ws| {
        let mut a = attr("old", AttributeType::Text);
        a.is_archived = true;
        ws.objects[1].attributes.push(a);
    });
    assert_eq!(line(&c), "companies.old: archived attribute added");
    assert_eq!(c.severity, Severity::Additive);

    let c = single(|ws| ws.objects[1].attributes.retain(|a| a.api_slug != "name"));
    assert_eq!(line(&c), "companies.name: attribute removed");
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| company_attr(ws, "name").is_archived = true);
    assert_eq!(line(&c), "companies.name: attribute archived");
    assert_eq!(c.severity, Severity::Breaking);

    let mut archived = base();
    company_attr(&mut archived, "name").is_archived = true;
    let d = diff(&archived, &base());
    assert_eq!(d.changes.len(), 1);
    assert_eq!(
        line(&d.changes[0]),
        "companies.name: attribute restored from archive"
    );
    assert_eq!(d.changes[0].severity, Severity::Additive);
}

#[test]
fn other_changes_on_an_archived_attribute_are_not_reported() {
    let c = single(|ws| {
        let a = company_attr(ws, "name");
        a.is_archived = true;
        a.attribute_type = AttributeType::Number;
        a.is_required = true;
    });
    assert_eq!(c.kind, ChangeKind::AttributeArchived);
    let mut old = base();
    company_attr(&mut old, "name").is_archived = true;
    let mut new = old.clone();
    company_attr(&mut new, "name").title = "Other".into();
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn attribute_slug_change_with_same_id_is_a_breaking_rename() {
    let c = single(|ws| company_attr(ws, "name").api_slug = "legal_name".into());
    assert_eq!(
        line(&c),
        r#"companies.name: attribute api_slug changed from "name" to "legal_name""#
    );
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn attribute_slug_with_a_new_id_is_a_replacement_that_breaks_nothing() {
    let c = single(|ws| company_attr(ws, "name").id.attribute_id = "fresh".into());
    assert_eq!(
        line(&c),
        "companies.name: api_slug now names a different attribute (id attr-name replaced by fresh)"
    );
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn type_and_multiselect_changes_are_breaking() {
    let c = single(|ws| company_attr(ws, "name").attribute_type = AttributeType::Number);
    assert_eq!(line(&c), "companies.name: type changed from text to number");
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| {
        company_attr(ws, "name").attribute_type = AttributeType::Unknown("hologram".into())
    });
    assert_eq!(
        line(&c),
        "companies.name: type changed from text to hologram"
    );
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| company_attr(ws, "categories").is_multiselect = false);
    assert_eq!(line(&c), "companies.categories: no longer multiselect");
    assert_eq!(c.severity, Severity::Breaking);
    let c = single(|ws| company_attr(ws, "name").is_multiselect = true);
    assert_eq!(line(&c), "companies.name: became multiselect");
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn required_writable_tightening_is_breaking_and_relaxing_additive() {
    type Edit = fn(&mut Attribute, bool);
    let cases: [(Edit, bool, &str, &str); 2] = [
        (
            |a, v| a.is_required = v,
            false,
            "became required",
            "no longer required",
        ),
        (
            |a, v| a.is_writable = v,
            true,
            "became read-only",
            "became writable",
        ),
    ];
    for (set, initial, tighten, relax) in cases {
        let mut loose = base();
        set(company_attr(&mut loose, "name"), initial);
        let mut tight = base();
        set(company_attr(&mut tight, "name"), !initial);

        let d = diff(&loose, &tight);
        assert_eq!(d.changes.len(), 1, "{d}");
        assert_eq!(
            d.changes[0].to_string(),
            format!("companies.name: {tighten}")
        );
        assert_eq!(d.changes[0].severity, Severity::Breaking);

        let d = diff(&tight, &loose);
        assert_eq!(d.changes.len(), 1, "{d}");
        assert_eq!(d.changes[0].to_string(), format!("companies.name: {relax}"));
        assert_eq!(d.changes[0].severity, Severity::Additive);
    }
}

#[test]
fn uniqueness_change_is_breaking_both_ways() {
    let c = single(|ws| company_attr(ws, "name").is_unique = true);
    assert_eq!(line(&c), "companies.name: became unique");
    assert_eq!(c.severity, Severity::Breaking);

    let mut unique = base();
    company_attr(&mut unique, "name").is_unique = true;
    let d = diff(&unique, &base());
    assert_eq!(d.changes.len(), 1, "{d}");
    assert_eq!(d.changes[0].to_string(), "companies.name: no longer unique");
    assert_eq!(d.changes[0].severity, Severity::Breaking);
}

#[test]
fn title_and_description_changes_are_cosmetic() {
    let c = single(|ws| company_attr(ws, "name").title = "Legal name".into());
    assert_eq!(
        line(&c),
        r#"companies.name: title changed from "name" to "Legal name""#
    );
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| company_attr(ws, "name").description = Some("Two\nlines".into()));
    assert_eq!(
        line(&c),
        r#"companies.name: description changed from none to "Two\nlines""#
    );
    assert_eq!(c.severity, Severity::Additive);
}

fn set_targets(ws: &mut Workspace, ids: Option<&[&str]>) {
    company_attr(ws, "team")
        .config
        .record_reference
        .allowed_object_ids = ids.map(|ids| ids.iter().map(|s| (*s).to_owned()).collect());
}

#[test]
fn record_reference_targets_narrowed_is_breaking() {
    let c = single(|ws| set_targets(ws, Some(&[])));
    assert_eq!(
        line(&c),
        "companies.team: record-reference targets narrowed from people to no object"
    );
    assert_eq!(c.severity, Severity::Breaking);

    // Any → one object.
    let mut any = base();
    set_targets(&mut any, None);
    let d = diff(&any, &base());
    assert_eq!(d.changes.len(), 1);
    assert_eq!(
        d.changes[0].to_string(),
        "companies.team: record-reference targets narrowed from any object to people"
    );
    assert_eq!(d.changes[0].severity, Severity::Breaking);

    // A swap both adds and removes: still narrowed.
    let c = single(|ws| set_targets(ws, Some(&["id-companies"])));
    assert_eq!(
        c.kind,
        ChangeKind::TargetsNarrowed {
            from: Targets::Objects(vec!["people".into()]),
            to: Targets::Objects(vec!["companies".into()]),
        }
    );
}

#[test]
fn record_reference_targets_widened_is_additive() {
    let c = single(|ws| set_targets(ws, Some(&["id-people", "id-companies", "uuid-x"])));
    assert_eq!(
        line(&c),
        "companies.team: record-reference targets widened from people to companies, people, uuid-x"
    );
    assert_eq!(c.severity, Severity::Additive);
    let c = single(|ws| set_targets(ws, None));
    assert_eq!(
        line(&c),
        "companies.team: record-reference targets widened from people to any object"
    );
    assert_eq!(c.severity, Severity::Additive);
}

#[test]
fn reordered_targets_and_renamed_target_objects_are_no_target_change() {
    let mut old = base();
    set_targets(&mut old, Some(&["id-people", "id-companies"]));
    let mut new = old.clone();
    set_targets(&mut new, Some(&["id-companies", "id-people"]));
    assert!(diff(&old, &new).is_empty());
    new.objects[0].api_slug = "humans".into();
    let kinds: Vec<ChangeKind> = diff(&old, &new)
        .changes
        .into_iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(
        kinds,
        [ChangeKind::ObjectRenamed {
            from: "people".into(),
            to: "humans".into()
        }]
    );
}
