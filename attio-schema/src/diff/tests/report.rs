//! The report's grouping and order, and the classification of kinds.

use super::fixture::*;
use crate::diff::{diff, Change, ChangeKind, Severity};

#[test]
fn report_groups_breaking_first_and_sorts_by_path() {
    let old = base();
    let mut new = base();
    new.objects.push(object("deals", vec![]));
    company_attr(&mut new, "categories")
        .options
        .retain(|o| o.title != "Legacy");
    company_attr(&mut new, "name").is_required = true;
    company_attr(&mut new, "name").title = "Name".into();
    new.objects[0].attributes.clear();
    let d = diff(&old, &new);
    assert!(d.has_breaking());
    assert_eq!(d.breaking().count(), 3);
    assert_eq!(d.additive().count(), 2);
    let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(
        d.to_string(),
        "Breaking changes (3):\n\
         - companies.categories: option \"Legacy\" removed\n\
         - companies.name: became required\n\
         - people.name: attribute removed\n\
         \n\
         Additive changes (2):\n\
         - companies.name: title changed from \"name\" to \"Name\"\n\
         - deals: object added\n"
    );
}

#[test]
fn report_with_only_additive_changes_has_no_breaking_section() {
    let old = base();
    let mut new = base();
    new.objects.push(object("deals", vec![]));
    let d = diff(&old, &new);
    assert!(!d.has_breaking());
    assert_eq!(
        d.to_string(),
        "Additive changes (1):\n- deals: object added\n"
    );
}

#[test]
fn severity_follows_kind() {
    let c = Change::new("x", ChangeKind::ListRemoved);
    assert_eq!(c.severity, Severity::Breaking);
    assert_eq!(Severity::Breaking.to_string(), "breaking");
    assert_eq!(Severity::Additive.to_string(), "additive");
    assert!(Severity::Breaking < Severity::Additive);
}
