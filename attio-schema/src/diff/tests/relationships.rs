//! Two-way relationships: added, removed, moved to another inverse, and the
//! inverse renamed (reported at the inverse only).

use super::fixture::*;
use crate::diff::{diff, ChangeKind, Severity};
use crate::{AttributeType, Relationship, Workspace};

/// The base workspace with `people.company` ↔ `companies.team`.
fn paired() -> Workspace {
    let mut ws = base();
    let mut company = attr("company", AttributeType::RecordReference);
    company.relationship = Some(Relationship::to(company_attr(&mut ws, "team").id.clone()));
    let team = company_attr(&mut ws, "team");
    team.relationship = Some(Relationship::to(company.id.clone()));
    ws.objects[0].attributes.push(company);
    ws
}

fn team_line(old: &Workspace, new: &Workspace) -> (String, Severity, ChangeKind) {
    let d = diff(old, new);
    let change = d
        .changes
        .iter()
        .find(|c| c.path == "companies.team")
        .unwrap_or_else(|| panic!("no change at companies.team:\n{d}"));
    (line(change), change.severity, change.kind.clone())
}

#[test]
fn relationship_added_is_additive() {
    let (text, severity, _) = team_line(&base(), &paired());
    assert_eq!(
        text,
        "companies.team: two-way relationship with people.company added"
    );
    assert_eq!(severity, Severity::Additive);
}

#[test]
fn relationship_removed_is_breaking() {
    let mut new = paired();
    company_attr(&mut new, "team").relationship = None;
    let (text, severity, kind) = team_line(&paired(), &new);
    assert_eq!(
        text,
        "companies.team: two-way relationship with people.company removed"
    );
    assert_eq!(severity, Severity::Breaking);
    assert_eq!(
        kind,
        ChangeKind::RelationshipRemoved {
            inverse: "people.company".into()
        }
    );
}

#[test]
fn relationship_moved_to_another_inverse_is_breaking() {
    let mut new = paired();
    let mut boss = attr("boss_of", AttributeType::RecordReference);
    boss.relationship = Some(Relationship::to(company_attr(&mut new, "team").id.clone()));
    company_attr(&mut new, "team").relationship = Some(Relationship::to(boss.id.clone()));
    new.objects[0].attributes.push(boss);
    let (text, severity, _) = team_line(&paired(), &new);
    assert_eq!(
        text,
        "companies.team: two-way relationship moved from people.company to people.boss_of"
    );
    assert_eq!(severity, Severity::Breaking);
}

#[test]
fn a_renamed_inverse_is_reported_once_at_its_own_path() {
    let mut new = paired();
    new.objects[0].attributes[1].api_slug = "employer".into();
    let d = diff(&paired(), &new);
    assert_eq!(d.changes.len(), 1, "{d}");
    assert_eq!(
        line(&d.changes[0]),
        "people.company: attribute api_slug changed from \"company\" to \"employer\""
    );
}

#[test]
fn snapshots_without_uuids_compare_the_inverse_by_name() {
    let named = |slug: &str| Relationship {
        object_slug: Some("people".into()),
        api_slug: Some(slug.into()),
        ..Relationship::to(Default::default())
    };
    let mut old = base();
    company_attr(&mut old, "team").relationship = Some(named("company"));
    let same = old.clone();
    assert!(diff(&old, &same).is_empty());
    let mut new = old.clone();
    company_attr(&mut new, "team").relationship = Some(named("boss_of"));
    let (text, _, _) = team_line(&old, &new);
    assert_eq!(
        text,
        "companies.team: two-way relationship moved from people.company to people.boss_of"
    );
}

#[test]
fn full_and_id_only_descriptions_of_one_inverse_are_equal() {
    let mut new = paired();
    let people = new.objects[0].clone();
    let company = people.attributes[1].clone();
    company_attr(&mut new, "team").relationship =
        Some(Relationship::describing("people", &company));
    assert!(diff(&paired(), &new).is_empty());
}

#[test]
fn a_pair_re_created_under_its_slugs_is_reported_as_replacements_only() {
    let mut new = paired();
    let fresh = "company-again";
    new.objects[0].attributes[1].id.attribute_id = fresh.into();
    company_attr(&mut new, "team")
        .relationship
        .as_mut()
        .unwrap()
        .id
        .attribute_id = fresh.into();
    let d = diff(&paired(), &new);
    assert_eq!(d.changes.len(), 1, "{d}");
    assert!(
        line(&d.changes[0]).starts_with("people.company: api_slug now names a different attribute"),
        "{d}"
    );
    assert_eq!(d.changes[0].severity, Severity::Additive);
}
