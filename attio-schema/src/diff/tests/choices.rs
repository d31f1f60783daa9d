//! Select options and statuses, and attributes of lists.

use super::fixture::*;
use crate::diff::{diff, Severity};
use crate::AttributeType;

#[test]
fn options_added_removed_archived_restored_renamed() {
    let c = single(|ws| company_attr(ws, "categories").options.push(option("Gold")));
    assert_eq!(line(&c), r#"companies.categories: option "Gold" added"#);
    assert_eq!(c.severity, Severity::Additive);

    let c = single(|ws| {
        let mut gold = option("Gold");
        gold.is_archived = true;
        company_attr(ws, "categories").options.push(gold);
    });
    assert_eq!(
        line(&c),
        r#"companies.categories: archived option "Gold" added"#
    );
    assert_eq!(c.severity, Severity::Additive);

    let c = single(|ws| {
        company_attr(ws, "categories")
            .options
            .retain(|o| o.title != "Legacy")
    });
    assert_eq!(line(&c), r#"companies.categories: option "Legacy" removed"#);
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| company_attr(ws, "categories").options[1].is_archived = true);
    assert_eq!(
        line(&c),
        r#"companies.categories: option "Legacy" archived"#
    );
    assert_eq!(c.severity, Severity::Breaking);

    let mut archived = base();
    company_attr(&mut archived, "categories").options[1].is_archived = true;
    let d = diff(&archived, &base());
    assert_eq!(d.changes.len(), 1);
    assert_eq!(
        d.changes[0].to_string(),
        r#"companies.categories: option "Legacy" restored from archive"#
    );
    assert_eq!(d.changes[0].severity, Severity::Additive);

    let c = single(|ws| company_attr(ws, "categories").options[1].title = "Old".into());
    assert_eq!(
        line(&c),
        r#"companies.categories: option "Legacy" renamed to "Old""#
    );
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn options_fall_back_to_title_when_ids_differ_or_are_missing() {
    // Re-created under the same title: nothing changed for generated code.
    let c = single(|ws| {
        let cats = company_attr(ws, "categories");
        cats.options[1].id.option_id = "recreated".into();
        cats.options.push(option("Gold"));
    });
    assert_eq!(line(&c), r#"companies.categories: option "Gold" added"#);

    let mut old = base();
    for o in &mut company_attr(&mut old, "categories").options {
        o.id.option_id.clear();
    }
    let mut new = old.clone();
    assert!(diff(&old, &new).is_empty());
    // Without ids a retitle cannot be recognised: removal plus addition.
    company_attr(&mut new, "categories").options[1].title = "Old".into();
    let lines: Vec<String> = diff(&old, &new).changes.iter().map(line).collect();
    assert_eq!(
        lines,
        [
            r#"companies.categories: option "Legacy" removed"#,
            r#"companies.categories: option "Old" added"#,
        ]
    );
}

#[test]
fn a_retitle_and_a_new_option_taking_the_old_title() {
    let old = base();
    let mut new = base();
    let cats = company_attr(&mut new, "categories");
    cats.options[1].title = "Old".into();
    let mut reuse = option("Legacy");
    reuse.id.option_id = "brand-new".into();
    cats.options.push(reuse);
    let lines: Vec<String> = diff(&old, &new).changes.iter().map(line).collect();
    assert_eq!(
        lines,
        [
            r#"companies.categories: option "Legacy" renamed to "Old""#,
            r#"companies.categories: option "Legacy" added"#,
        ]
    );
}

#[test]
fn statuses_are_compared_like_options() {
    let c = single(|ws| ws.lists[0].attributes[0].statuses[0].is_archived = true);
    assert_eq!(line(&c), r#"lists/pipeline.stage: status "Lead" archived"#);
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| ws.lists[0].attributes[0].statuses.push(status("Lost")));
    assert_eq!(line(&c), r#"lists/pipeline.stage: status "Lost" added"#);
    assert_eq!(c.severity, Severity::Additive);

    let c = single(|ws| {
        ws.lists[0].attributes[0].statuses.pop();
    });
    assert_eq!(line(&c), r#"lists/pipeline.stage: status "Won" removed"#);
    assert_eq!(c.severity, Severity::Breaking);

    let c = single(|ws| ws.lists[0].attributes[0].statuses[1].title = "Won 🎉".into());
    assert_eq!(
        line(&c),
        r#"lists/pipeline.stage: status "Won" renamed to "Won 🎉""#
    );
    assert_eq!(c.severity, Severity::Breaking);
}

#[test]
fn archived_choices_ignore_retitles() {
    let mut old = base();
    company_attr(&mut old, "categories").options[1].is_archived = true;
    let mut new = old.clone();
    company_attr(&mut new, "categories").options[1].title = "Gone".into();
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn list_attributes_are_diffed() {
    let c = single(|ws| {
        ws.lists[0]
            .attributes
            .push(attr("value", AttributeType::Currency))
    });
    assert_eq!(line(&c), "lists/pipeline.value: attribute added");
    let c = single(|ws| ws.lists[0].attributes[0].is_required = true);
    assert_eq!(line(&c), "lists/pipeline.stage: became required");
    assert_eq!(c.severity, Severity::Breaking);
}
