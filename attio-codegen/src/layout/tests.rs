//! Unit tests of the layout: struct and field names, option variants and
//! typed record references.

use super::*;
use crate::config::Config;
use attio_schema::Workspace;

/// A workspace from compact JSON: objects as `(slug, noun, attributes)`.
fn workspace(json: &str) -> Workspace {
    attio_schema::Snapshot::from_slice(json.as_bytes(), "t.json")
        .unwrap()
        .canonical()
}

fn attribute(id: &str, slug: &str, kind: &str, extra: &str) -> String {
    format!(
        r#"{{"id": {{"workspace_id": "w", "object_id": "o", "attribute_id": "{id}"}},
           "title": "{slug}", "api_slug": "{slug}", "type": "{kind}"{extra}}}"#
    )
}

fn object(id: &str, slug: &str, noun: &str, attributes: &[String]) -> String {
    format!(
        r#"{{"id": {{"workspace_id": "w", "object_id": "{id}"}}, "api_slug": "{slug}",
           "singular_noun": {noun}, "plural_noun": null, "attributes": [{}]}}"#,
        attributes.join(",")
    )
}

fn layout_of(objects: &[String], config: &Config) -> Layout {
    let json = format!(
        r#"{{"format_version": 1, "objects": [{}]}}"#,
        objects.join(",")
    );
    layout(&workspace(&json), config).unwrap()
}

#[test]
fn struct_names_avoid_the_write_models_of_others() {
    // `CompanyWrite` is what the derive adds for `Company`.
    let layout = layout_of(
        &[
            object("1", "companies", "\"Company\"", &[]),
            object("2", "company_writes", "\"Company write\"", &[]),
        ],
        &Config::default(),
    );
    let names: Vec<&str> = layout.structs.iter().map(|s| s.ident.as_str()).collect();
    assert_eq!(names, ["Company", "CompanyWrite2"]);
}

#[test]
fn objects_without_a_noun_are_named_from_the_slug() {
    let layout = layout_of(
        &[object("1", "legacy_imports", "null", &[])],
        &Config::default(),
    );
    assert_eq!(layout.structs[0].ident, "LegacyImport");
    assert_eq!(
        layout.structs[0].doc,
        [
            "Object `legacy_imports`.",
            "",
            "Create one with `LegacyImport::create()` (no attribute is required) and the setters of `LegacyImportWrite`."
        ]
    );
}

#[test]
fn struct_names_avoid_the_required_structs_of_others_and_docs_show_create() {
    // `DealRequired` is what the derive adds for `Deal` when an attribute is
    // required; an options enum of a `required` select would take it.
    let layout = layout_of(
        &[object(
            "1",
            "deals",
            "\"Deal\"",
            &[
                attribute("a", "stage", "text", r#", "is_required": true"#),
                attribute("b", "required", "select", ""),
                attribute("c", "name", "text", r#", "is_required": true"#),
            ],
        )],
        &Config::default(),
    );
    let deal = &layout.structs[0];
    assert_eq!(deal.enums[0].ident, "DealRequired2");
    assert_eq!(
        deal.doc[2],
        "Create one with `Deal::create(DealRequired { name, stage })`, the attributes Attio requires, then set others with the setters of `DealWrite`."
    );
}

#[test]
fn an_option_titled_other_does_not_take_the_fallback() {
    let options = r#", "options": [
        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "x"}, "title": "Other"},
        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "y"}, "title": "B2B"}]"#;
    let layout = layout_of(
        &[object(
            "1",
            "companies",
            "\"Company\"",
            &[attribute("a", "categories", "select", options)],
        )],
        &Config::default(),
    );
    let e = &layout.structs[0].enums[0];
    assert_eq!(e.ident, "CompanyCategory");
    let variants: Vec<(&str, &str)> = e
        .variants
        .iter()
        .map(|v| (v.ident.as_str(), v.title.as_str()))
        .collect();
    assert_eq!(variants, [("B2b", "B2B"), ("Other2", "Other")]);
}

#[test]
fn references_are_typed_when_exactly_one_generated_target() {
    let refs = |ids: &str| {
        format!(r#", "config": {{"record_reference": {{"allowed_object_ids": {ids}}}}}"#)
    };
    let objects = [
        object("p", "people", "\"Person\"", &[]),
        object(
            "c",
            "companies",
            "\"Company\"",
            &[
                attribute("a", "team", "record-reference", &refs(r#"["p"]"#)),
                attribute("b", "any", "record-reference", &refs("null")),
                attribute("c", "either", "record-reference", &refs(r#"["p", "c"]"#)),
            ],
        ),
    ];
    let layout = layout_of(&objects, &Config::default());
    let company = &layout.structs[0];
    let values: Vec<&ValueRepr> = company.fields.iter().map(|f| &f.value).collect();
    assert_eq!(
        values,
        [
            &ValueRepr::RecordRef(None),
            &ValueRepr::RecordRef(None),
            &ValueRepr::RecordRef(Some("Person".into())),
        ]
    );
    assert_eq!(company.fields[2].doc[0], "team · record-reference → people");

    // Without `people` generated, the reference cannot be typed.
    let config = Config {
        objects: Some(vec!["companies".into()]),
        ..Config::default()
    };
    let layout = layout_of(&objects, &config);
    assert_eq!(
        layout.structs[0].fields[2].value,
        ValueRepr::RecordRef(None)
    );
}

#[test]
fn renamed_fields_must_not_collide() {
    let objects = [object(
        "1",
        "people",
        "\"Person\"",
        &[
            attribute("a", "title", "text", ""),
            attribute("b", "job_title", "text", ""),
        ],
    )];
    let config = Config {
        rename: [("people.job_title".to_owned(), "title".to_owned())].into(),
        ..Config::default()
    };
    let json = format!(
        r#"{{"format_version": 1, "objects": [{}]}}"#,
        objects.join(",")
    );
    let error = layout(&workspace(&json), &config).unwrap_err().to_string();
    assert_eq!(
        error,
        "cannot generate bindings: the rename of `people.job_title` to `title` collides with the field of another attribute; choose another name"
    );
}

/// The layout and its notes, as `layout_of` gives the layout.
fn notes_of(objects: &[String]) -> (Layout, Vec<String>) {
    let json = format!(
        r#"{{"format_version": 1, "objects": [{}]}}"#,
        objects.join(",")
    );
    let (layout, notes) = layout_with_notes(&workspace(&json), &Config::default()).unwrap();
    (layout, notes.iter().map(ToString::to_string).collect())
}

#[test]
fn suffixed_fields_say_why_and_how_to_rename() {
    let (layout, notes) = notes_of(&[object(
        "1",
        "companies",
        "\"Company\"",
        &[
            attribute("a", "mrr_usd", "number", ""),
            attribute("b", "mrr-usd", "number", ""),
            attribute("c", "3d_model_url", "text", ""),
        ],
    )]);
    let fields: Vec<&str> = layout.structs[0]
        .fields
        .iter()
        .map(|f| f.ident.as_str())
        .collect();
    assert_eq!(fields, ["n3d_model_url", "mrr_usd_hyphen", "mrr_usd"]);
    assert_eq!(
        notes,
        [
            "companies.mrr-usd is generated as `mrr_usd_hyphen` because `mrr_usd` is taken; \
          to choose its name (and end this note), add to attio-codegen.toml: \
           [rename] \"companies.mrr-usd\" = \"mrr_usd_hyphen\""
        ]
    );
}

#[test]
fn suffixed_variants_enums_and_structs_are_noted() {
    let options = r#", "options": [
        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "x"}, "title": "Tier 1"},
        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "y"}, "title": "Tier-1"},
        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "z"}, "title": "Other"}]"#;
    let (layout, notes) = notes_of(&[
        object(
            "1",
            "companies",
            "\"Company\"",
            &[attribute("a", "tiers", "select", options)],
        ),
        object("2", "company_tiers", "\"Company tier\"", &[]),
        object("3", "firms", "\"Company\"", &[]),
    ]);
    let variants: Vec<&str> = layout.structs[0].enums[0]
        .variants
        .iter()
        .map(|v| v.ident.as_str())
        .collect();
    assert_eq!(variants, ["Other2", "Tier1", "Tier1Hyphen"]);
    assert_eq!(
        notes,
        [
            "object firms is generated as `Company2` because `Company` is taken; \
             to choose its name (and end this note), add to attio-codegen.toml: \
             [rename] \"firms\" = \"Company2\"",
            "the enum of companies.tiers is generated as `CompanyTier2` because `CompanyTier` is taken; \
             renaming its struct in attio-codegen.toml renames it: [rename] \"companies\" = \"…\"",
            "option \"Other\" of companies.tiers is generated as `Other2` because `Other` is taken; \
             attio-codegen.toml cannot rename options, so retitle it in Attio to change the name",
            "option \"Tier-1\" of companies.tiers is generated as `Tier1Hyphen` because `Tier1` is taken; \
             attio-codegen.toml cannot rename options, so retitle it in Attio to change the name",
        ]
    );
}

#[test]
fn a_numbered_type_keeps_its_number_off_a_trailing_digit() {
    let layout = layout_of(
        &[
            object("1", "plans", "\"Plan 1\"", &[]),
            object("2", "plan_ones", "\"Plan-1\"", &[]),
        ],
        &Config::default(),
    );
    // Structs are named in slug order: `plan_ones` first.
    let names: Vec<(&str, &str)> = layout
        .structs
        .iter()
        .map(|s| (s.slug.as_str(), s.ident.as_str()))
        .collect();
    assert_eq!(names, [("plan_ones", "Plan1"), ("plans", "Plan1_2")]);
}

#[test]
fn an_attribute_of_an_unknown_type_is_raw_json_read_only_with_a_note() {
    let json = format!(
        r#"{{"format_version": 1, "objects": [{}]}}"#,
        object(
            "1",
            "companies",
            "\"Company\"",
            &[attribute("a", "aura", "hologram", "")]
        )
    );
    let (layout, notes) = layout_with_notes(&workspace(&json), &Config::default()).unwrap();
    let field = &layout.structs[0].fields[0];
    assert_eq!(
        field.value,
        ValueRepr::Path("::attio_runtime::serde_json::Value".to_owned())
    );
    assert!(field.read_only, "writes stay strict");
    assert_eq!(
        notes,
        [Note::UnknownType {
            owner: "companies".to_owned(),
            attribute: "aura".to_owned(),
            attribute_type: "hologram".to_owned(),
        }]
    );
    assert!(notes[0].to_string().contains("raw JSON"), "{}", notes[0]);
}
