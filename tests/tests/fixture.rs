//! The workspace fixture `fixtures/workspace/attio-schema.json`: a default
//! Attio workspace (companies, people, deals, users, workspaces) plus custom
//! objects and lists that exercise every attribute type and the awkward
//! cases the generator must survive. These tests pin what the fixture
//! covers, so that an edit cannot silently drop a case.

use std::collections::BTreeSet;

use attio_schema::naming::{field_name, is_keyword};
use attio_schema::{Attribute, AttributeType, DefaultValue, Object, Snapshot, Workspace};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/workspace/attio-schema.json"
);

fn snapshot() -> Snapshot {
    Snapshot::load(FIXTURE).unwrap_or_else(|e| panic!("the fixture must load: {e}"))
}

fn workspace() -> Workspace {
    snapshot().workspace
}

/// Every attribute of every object and list, with the slug of its owner.
fn all_attributes(ws: &Workspace) -> Vec<(String, &Attribute)> {
    let objects = ws
        .objects
        .iter()
        .flat_map(|o| o.attributes.iter().map(|a| (o.api_slug.clone(), a)));
    let lists = ws
        .lists
        .iter()
        .flat_map(|l| l.attributes.iter().map(|a| (l.api_slug.clone(), a)));
    objects.chain(lists).collect()
}

fn object<'w>(ws: &'w Workspace, slug: &str) -> &'w Object {
    ws.object(slug)
        .unwrap_or_else(|| panic!("the fixture has no object `{slug}`"))
}

fn attribute<'w>(ws: &'w Workspace, owner: &str, slug: &str) -> &'w Attribute {
    let found = match ws.object(owner) {
        Some(o) => o.attribute(slug),
        None => ws.list(owner).and_then(|l| l.attribute(slug)),
    };
    found.unwrap_or_else(|| panic!("the fixture has no attribute `{owner}.{slug}`"))
}

#[test]
fn the_fixture_loads_with_its_objects_and_lists() {
    let ws = workspace();
    let objects: BTreeSet<&str> = ws.objects.iter().map(|o| o.api_slug.as_str()).collect();
    for slug in [
        "companies",
        "people",
        "deals",
        "users",
        "workspaces",
        "projects",
        "integrations",
        "3pl_partners",
        "legacy_imports",
        "match",
    ] {
        assert!(objects.contains(slug), "missing object `{slug}`");
    }
    assert_eq!(ws.objects.len(), 10, "objects: {objects:?}");
    assert_eq!(ws.lists.len(), 2);
}

#[test]
fn the_fixture_is_in_canonical_form() {
    let bytes = std::fs::read_to_string(FIXTURE).expect("the fixture is readable UTF-8");
    let canonical = snapshot().to_canonical_string();
    assert!(
        bytes == canonical,
        "fixtures/workspace/attio-schema.json is not canonical; rewrite it with \
         `Snapshot::load(path)?.write(path)` (first differing line: {:?})",
        bytes
            .lines()
            .zip(canonical.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| (i + 1, a.to_owned(), b.to_owned()))
    );
}

#[test]
fn every_attribute_type_occurs_plus_an_unknown_one() {
    let ws = workspace();
    let types: BTreeSet<AttributeType> = all_attributes(&ws)
        .into_iter()
        .map(|(_, a)| a.attribute_type.clone())
        .collect();
    for t in AttributeType::ALL {
        assert!(types.contains(&t), "no attribute of type `{t}`");
    }
    let hologram = attribute(&ws, "integrations", "hologram");
    assert_eq!(
        hologram.attribute_type,
        AttributeType::Unknown("hologram".into())
    );
    // The unknown type's configuration survives in `config.other`.
    assert!(hologram.config.other.contains_key("hologram"));
}

#[test]
fn every_multiselect_capable_type_has_single_and_multi_attributes() {
    let ws = workspace();
    let attrs = all_attributes(&ws);
    let capable: Vec<&AttributeType> = AttributeType::ALL
        .iter()
        .filter(|t| t.can_be_multiselect())
        .collect();
    assert_eq!(capable.len(), 6, "{capable:?}");
    for t in capable {
        for multi in [false, true] {
            assert!(
                attrs
                    .iter()
                    .any(|(_, a)| &a.attribute_type == t && a.is_multiselect == multi),
                "no {} attribute of type `{t}`",
                if multi { "multiselect" } else { "single-value" }
            );
        }
    }
}

#[test]
fn flags_respect_what_each_type_allows() {
    let ws = workspace();
    for (owner, a) in all_attributes(&ws) {
        let slug = &a.api_slug;
        let t = &a.attribute_type;
        if a.is_multiselect {
            assert!(
                t.can_be_multiselect(),
                "`{owner}.{slug}` is multiselect but `{t}` cannot be"
            );
        }
        if a.is_unique {
            assert!(
                t.can_be_unique(),
                "`{owner}.{slug}` is unique but `{t}` cannot be"
            );
        }
        if *t == AttributeType::Interaction {
            assert!(!a.is_writable, "interaction `{owner}.{slug}` is writable");
        }
        assert_eq!(
            a.options.is_empty(),
            *t != AttributeType::Select,
            "`{owner}.{slug}`: only select attributes have options"
        );
        assert_eq!(
            a.statuses.is_empty(),
            *t != AttributeType::Status,
            "`{owner}.{slug}`: only status attributes have statuses"
        );
        if *t == AttributeType::Currency {
            assert!(
                a.config.currency.default_currency_code.is_some(),
                "currency `{owner}.{slug}` has no default_currency_code"
            );
        }
        assert_eq!(
            a.is_default_value_enabled,
            a.default_value.is_some(),
            "`{owner}.{slug}`: is_default_value_enabled disagrees with default_value"
        );
    }
}

#[test]
fn required_unique_and_archived_cases_are_present() {
    let ws = workspace();
    let attrs = all_attributes(&ws);
    assert!(attrs
        .iter()
        .any(|(_, a)| a.is_required && a.accepts_writes()));
    assert!(attrs
        .iter()
        .any(|(_, a)| a.is_unique && a.is_writable && !a.is_system_attribute));
    let archived = attribute(&ws, "projects", "old_budget_code");
    assert!(archived.is_archived && !archived.accepts_writes());
    assert!(attribute(&ws, "people", "legacy_lead_score").is_archived);

    let archived_option = attribute(&ws, "projects", "priority")
        .options
        .iter()
        .find(|o| o.title == "Someday")
        .expect("option `Someday`");
    assert!(archived_option.is_archived);
    assert!(attribute(&ws, "companies", "categories")
        .options
        .iter()
        .any(|o| o.is_archived));

    let archived_status = attribute(&ws, "projects", "phase")
        .statuses
        .iter()
        .find(|s| s.title == "Cancelled")
        .expect("status `Cancelled`");
    assert!(archived_status.is_archived);
}

#[test]
fn statuses_carry_target_times_and_celebrations() {
    let ws = workspace();
    let stage = attribute(&ws, "deals", "stage");
    let titles: Vec<&str> = stage.statuses.iter().map(|s| s.title.as_str()).collect();
    for title in ["Lead", "In Progress", "Won 🎉", "Lost"] {
        assert!(titles.contains(&title), "deals.stage lacks `{title}`");
    }
    let won = stage.statuses.iter().find(|s| s.title == "Won 🎉").unwrap();
    assert!(won.celebration_enabled);
    let in_progress = stage
        .statuses
        .iter()
        .find(|s| s.title == "In Progress")
        .unwrap();
    assert_eq!(
        in_progress.target_time_in_status.as_deref(),
        Some("P0Y0M14DT0H0M0S")
    );
}

#[test]
fn default_values_of_each_kind_are_present() {
    let ws = workspace();
    let defaults: Vec<&DefaultValue> = all_attributes(&ws)
        .into_iter()
        .filter_map(|(_, a)| a.default_value.as_ref())
        .collect();
    assert!(defaults
        .iter()
        .any(|d| matches!(d, DefaultValue::Dynamic { template } if template == "current-user")));
    assert!(defaults
        .iter()
        .any(|d| matches!(d, DefaultValue::Dynamic { template } if template.starts_with('P'))));
    assert!(defaults
        .iter()
        .any(|d| matches!(d, DefaultValue::Static { template } if !template.is_empty())));
}

#[test]
fn awkward_option_titles_are_present() {
    let ws = workspace();
    let titles: BTreeSet<String> = all_attributes(&ws)
        .into_iter()
        .flat_map(|(_, a)| {
            a.options
                .iter()
                .map(|o| o.title.clone())
                .chain(a.statuses.iter().map(|s| s.title.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    for title in [
        "B2B",
        "2024 plan",
        "🔥 Hot",
        "Größe",
        "P0 – critical",
        "$10B+",
        "1-10",
        "Won 🎉",
    ] {
        assert!(
            titles.contains(title),
            "no option or status titled {title:?}"
        );
    }
}

#[test]
fn awkward_slugs_are_present() {
    let ws = workspace();
    let integrations = object(&ws, "integrations");
    for slug in ["type", "self", "async", "match"] {
        assert!(is_keyword(slug), "`{slug}` should be a Rust keyword");
        assert!(
            integrations.attribute(slug).is_some(),
            "integrations lacks `{slug}`"
        );
    }
    let digit = integrations.attribute("2fa_enabled").expect("2fa_enabled");
    assert!(digit.api_slug.starts_with(|c: char| c.is_ascii_digit()));
    let non_ascii = integrations.attribute("größe").expect("größe");
    assert!(!non_ascii.api_slug.is_ascii());

    let snake = integrations.attribute("deal_value").expect("deal_value");
    let camel = integrations.attribute("dealValue").expect("dealValue");
    assert_eq!(
        field_name(&snake.api_slug),
        field_name(&camel.api_slug),
        "the two slugs must collide once turned into field names"
    );

    // Object slugs: a Rust keyword, a leading digit, and no nouns at all.
    assert!(is_keyword(&object(&ws, "match").api_slug));
    assert!(object(&ws, "3pl_partners")
        .api_slug
        .starts_with(|c: char| c.is_ascii_digit()));
    let nameless = object(&ws, "legacy_imports");
    assert_eq!(nameless.singular_noun, None);
    assert_eq!(nameless.plural_noun, None);
}

#[test]
fn lists_have_parents_and_entry_attributes() {
    let ws = workspace();
    let pipeline = ws.list("enterprise_pipeline").expect("enterprise_pipeline");
    assert_eq!(pipeline.parent_object, ["companies"]);
    let hiring = ws.list("hiring").expect("hiring");
    assert_eq!(hiring.parent_object, ["people"]);
    for list in &ws.lists {
        for parent in &list.parent_object {
            assert!(
                ws.object(parent).is_some(),
                "list `{}` has unknown parent `{parent}`",
                list.api_slug
            );
        }
    }

    let expect = |owner: &str, slug: &str, t: AttributeType| {
        let a = attribute(&ws, owner, slug);
        assert_eq!(a.attribute_type, t, "{owner}.{slug}");
        a
    };
    assert!(expect("enterprise_pipeline", "stage", AttributeType::Status).is_required);
    expect("enterprise_pipeline", "deal_size", AttributeType::Currency);
    expect(
        "enterprise_pipeline",
        "owner",
        AttributeType::ActorReference,
    );
    expect("enterprise_pipeline", "next_step", AttributeType::Text);
    expect("enterprise_pipeline", "priority", AttributeType::Select);
    assert!(expect("hiring", "stage", AttributeType::Status).is_required);
    expect("hiring", "interview_score", AttributeType::Rating);
    expect("hiring", "start_date", AttributeType::Date);
}

/// `(object, slug, type, writable, required, unique, multiselect)`.
type Expected = (
    &'static str,
    &'static str,
    AttributeType,
    bool,
    bool,
    bool,
    bool,
);

#[test]
fn standard_objects_have_their_standard_attributes() {
    use AttributeType::*;
    let expected: &[Expected] = &[
        ("companies", "name", Text, true, false, false, false),
        ("companies", "domains", Domain, true, false, true, true),
        ("companies", "description", Text, true, false, false, false),
        (
            "companies",
            "team",
            RecordReference,
            true,
            false,
            false,
            true,
        ),
        ("companies", "categories", Select, true, false, false, true),
        (
            "companies",
            "primary_location",
            Location,
            true,
            false,
            false,
            false,
        ),
        ("companies", "logo_url", Text, false, false, false, false),
        ("companies", "twitter", Text, true, false, false, false),
        ("companies", "linkedin", Text, true, false, false, false),
        (
            "companies",
            "estimated_arr_usd",
            Select,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "employee_range",
            Select,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "foundation_date",
            Date,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "funding_raised_usd",
            Currency,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "associated_deals",
            RecordReference,
            true,
            false,
            false,
            true,
        ),
        (
            "companies",
            "first_email_interaction",
            Interaction,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "last_interaction",
            Interaction,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "created_at",
            Timestamp,
            false,
            false,
            false,
            false,
        ),
        (
            "companies",
            "created_by",
            ActorReference,
            false,
            false,
            false,
            false,
        ),
        ("companies", "record_id", Text, false, false, true, false),
        ("people", "name", PersonalName, true, false, false, false),
        (
            "people",
            "email_addresses",
            EmailAddress,
            true,
            false,
            true,
            true,
        ),
        (
            "people",
            "phone_numbers",
            PhoneNumber,
            true,
            false,
            false,
            true,
        ),
        ("people", "job_title", Text, true, false, false, false),
        (
            "people",
            "company",
            RecordReference,
            true,
            false,
            false,
            false,
        ),
        (
            "people",
            "primary_location",
            Location,
            true,
            false,
            false,
            false,
        ),
        ("people", "avatar_url", Text, false, false, false, false),
        ("deals", "name", Text, true, true, false, false),
        ("deals", "stage", Status, true, true, false, false),
        ("deals", "owner", ActorReference, true, true, false, false),
        ("deals", "value", Currency, true, false, false, false),
        (
            "deals",
            "associated_people",
            RecordReference,
            true,
            false,
            false,
            true,
        ),
        (
            "deals",
            "associated_company",
            RecordReference,
            true,
            false,
            false,
            false,
        ),
        ("users", "user_id", Text, true, true, true, false),
        (
            "users",
            "primary_email_address",
            EmailAddress,
            true,
            true,
            true,
            false,
        ),
        (
            "users",
            "person",
            RecordReference,
            true,
            false,
            false,
            false,
        ),
        (
            "users",
            "workspace",
            RecordReference,
            true,
            false,
            false,
            true,
        ),
        ("workspaces", "workspace_id", Text, true, true, true, false),
        ("workspaces", "name", Text, true, false, false, false),
        (
            "workspaces",
            "users",
            RecordReference,
            true,
            false,
            false,
            true,
        ),
        (
            "workspaces",
            "company",
            RecordReference,
            true,
            false,
            false,
            false,
        ),
        ("workspaces", "avatar_url", Text, true, false, false, false),
    ];
    let ws = workspace();
    for (owner, slug, t, writable, required, unique, multi) in expected {
        let a = attribute(&ws, owner, slug);
        let actual = (
            a.attribute_type.clone(),
            a.is_writable,
            a.is_required,
            a.is_unique,
            a.is_multiselect,
        );
        assert_eq!(
            actual,
            (t.clone(), *writable, *required, *unique, *multi),
            "{owner}.{slug}: (type, writable, required, unique, multiselect)"
        );
        assert!(
            a.is_system_attribute,
            "{owner}.{slug} is a system attribute"
        );
        assert!(!a.is_archived, "{owner}.{slug} is archived");
    }
    assert_eq!(
        attribute(&ws, "deals", "value")
            .config
            .currency
            .default_currency_code
            .as_deref(),
        Some("USD")
    );
}

#[test]
fn record_references_point_at_objects_of_the_fixture() {
    let ws = workspace();
    let target_slugs = |owner: &str, slug: &str| -> Vec<String> {
        let ids = attribute(&ws, owner, slug)
            .config
            .record_reference
            .allowed_object_ids
            .clone()
            .unwrap_or_default();
        ids.iter()
            .map(|id| ws.object_by_id(id).expect("resolves").api_slug.clone())
            .collect()
    };
    let mut restricted = 0;
    for (owner, a) in all_attributes(&ws) {
        if a.attribute_type != AttributeType::RecordReference {
            continue;
        }
        if let Some(ids) = &a.config.record_reference.allowed_object_ids {
            assert!(!ids.is_empty(), "`{owner}.{}` allows no object", a.api_slug);
            for id in ids {
                assert!(
                    ws.object_by_id(id).is_some(),
                    "`{owner}.{}` allows unknown object id {id}",
                    a.api_slug
                );
            }
            restricted += 1;
        }
    }
    assert!(restricted >= 15, "only {restricted} restricted references");
    assert_eq!(target_slugs("people", "company"), ["companies"]);
    assert_eq!(target_slugs("companies", "team"), ["people"]);
    assert_eq!(target_slugs("deals", "associated_company"), ["companies"]);
    assert_eq!(target_slugs("integrations", "self"), ["integrations"]);
    // One reference accepts any object.
    assert_eq!(
        attribute(&ws, "projects", "related_record")
            .config
            .record_reference
            .allowed_object_ids,
        None
    );
}

#[test]
fn relationships_are_symmetric() {
    let ws = workspace();
    let attrs = all_attributes(&ws);
    let by_id = |id: &attio_schema::AttributeId| {
        attrs
            .iter()
            .map(|(_, a)| *a)
            .find(|a| &a.id == id)
            .unwrap_or_else(|| panic!("relationship to unknown attribute {id:?}"))
    };
    let mut pairs = 0;
    for (owner, a) in &attrs {
        if let Some(rel) = &a.relationship {
            let inverse = by_id(&rel.id);
            let back = inverse.relationship.as_ref().map(|r| &r.id);
            assert_eq!(
                back,
                Some(&a.id),
                "`{owner}.{}` ↔ `{}` is not symmetric",
                a.api_slug,
                inverse.api_slug
            );
            // Each side targets the object that owns the other side.
            let allowed = inverse
                .config
                .record_reference
                .allowed_object_ids
                .clone()
                .unwrap_or_default();
            assert!(allowed.contains(&a.id.object_id));
            pairs += 1;
        }
    }
    assert_eq!(pairs, 12, "six two-way relationships, seen from both sides");
    let team = attribute(&ws, "companies", "team");
    let company = attribute(&ws, "people", "company");
    assert_eq!(team.relationship.as_ref().map(|r| &r.id), Some(&company.id));
}

#[test]
fn ids_are_unique_and_consistent_with_their_owners() {
    let ws = workspace();
    let workspace_id = &ws.objects[0].id.workspace_id;
    let mut seen = BTreeSet::new();
    let mut fresh = |id: &str| assert!(seen.insert(id.to_owned()), "duplicate id {id}");
    let owners = ws
        .objects
        .iter()
        .map(|o| (&o.id.workspace_id, &o.id.object_id, &o.attributes))
        .chain(
            ws.lists
                .iter()
                .map(|l| (&l.id.workspace_id, &l.id.list_id, &l.attributes)),
        );
    for (ws_id, owner_id, attributes) in owners {
        assert_eq!(ws_id, workspace_id);
        fresh(owner_id);
        for a in attributes {
            assert_eq!(&a.id.workspace_id, workspace_id);
            assert_eq!(&a.id.object_id, owner_id, "{}", a.api_slug);
            fresh(&a.id.attribute_id);
            for o in &a.options {
                assert_eq!(
                    (&o.id.object_id, &o.id.attribute_id),
                    (owner_id, &a.id.attribute_id)
                );
                fresh(&o.id.option_id);
            }
            for s in &a.statuses {
                assert_eq!(
                    (&s.id.object_id, &s.id.attribute_id),
                    (owner_id, &a.id.attribute_id)
                );
                fresh(&s.id.status_id);
            }
        }
    }
}

#[test]
fn slugs_and_titles_are_unique_within_their_owner() {
    let ws = workspace();
    let owners = ws
        .objects
        .iter()
        .map(|o| (&o.api_slug, &o.attributes))
        .chain(ws.lists.iter().map(|l| (&l.api_slug, &l.attributes)));
    for (owner, attributes) in owners {
        let mut slugs = BTreeSet::new();
        for a in attributes {
            assert!(slugs.insert(&a.api_slug), "{owner}.{} twice", a.api_slug);
            let mut titles = BTreeSet::new();
            for t in a
                .options
                .iter()
                .map(|o| &o.title)
                .chain(a.statuses.iter().map(|s| &s.title))
            {
                assert!(
                    titles.insert(t),
                    "{owner}.{}: title {t:?} twice",
                    a.api_slug
                );
            }
        }
    }
}
