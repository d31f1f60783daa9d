//! Bindings generated with `codegen/configured.toml` (a subset of objects
//! and lists, renames, a type override, archived attributes and options)
//! plus a rename set in `build.rs`: each option changes the compiled API as
//! documented.

use attio_runtime::serde_json::{json, Value};
use attio_runtime::value::{AnyObject, RecordRef};
use attio_runtime::RecordId;
use attio_runtime::{Entry, Model, Record, Write};
use attio_tests::configured::*;
use attio_tests::Headline;

const ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

fn text(value: &str) -> Value {
    json!([{"active_from": "2025-04-19T00:46:57.041000000Z", "active_until": null,
            "created_by_actor": {"type": "system", "id": null},
            "value": value, "attribute_type": "text"}])
}

#[test]
fn renamed_structs_and_fields_keep_their_slugs() {
    assert_eq!(Organisation::OBJECT, "companies");
    assert_eq!(Candidate::LIST, "hiring");
    let write = Person::write().title("CTO");
    assert_eq!(write.values().get("job_title"), Some(&json!(["CTO"])));
    assert_eq!(Person::TITLE.slug(), "job_title");
    // Option enums follow the struct's new name.
    let _ = OrganisationCategory::B2b;
    let _ = CandidateRole::BackendEngineer;
}

#[test]
fn a_type_override_is_used_for_reads_and_writes() {
    let values = json!({"description": text("Builds engines")});
    let person = Person::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(person.description, Some(Headline("Builds engines".into())));
    let write = Person::write().description(Headline("Analyst".into()));
    assert_eq!(write.values().get("description"), Some(&json!(["Analyst"])));
}

#[test]
fn references_to_objects_left_out_are_untyped() {
    // `deals` is not generated, so `people.associated_deals` cannot name a
    // struct; `people.company` still points to the renamed `Organisation`.
    let deal: RecordRef<AnyObject> = RecordRef::to_object("deals", RecordId::new(ID).unwrap());
    let write = Person::write()
        .associated_deals([deal])
        .company(RecordRef::<Organisation>::new(RecordId::new(ID).unwrap()));
    assert_eq!(
        write.values().get("company"),
        Some(&json!([{"target_object": "companies", "target_record_id": ID}]))
    );
}

#[test]
fn archived_attributes_and_options_are_read_only_extras() {
    let values = json!({
        "legacy_lead_score": [{"active_from": "2025-04-19T00:46:57.041000000Z", "active_until": null,
            "created_by_actor": {"type": "system", "id": null}, "value": 7, "attribute_type": "number"}],
        "priority": [{"active_from": "2025-04-19T00:46:57.041000000Z", "active_until": null,
            "created_by_actor": {"type": "system", "id": null}, "attribute_type": "select",
            "option": {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a", "option_id": "x"},
                       "title": "Someday", "is_archived": true}}],
    });
    let person = Person::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(person.legacy_lead_score, Some(7.0));
    // Read-only: the write model leaves it out.
    assert!(person
        .to_write()
        .values()
        .get("legacy_lead_score")
        .is_none());
    let project = Project::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(project.priority, Some(ProjectPriority::Someday));
}

#[test]
fn excluded_objects_and_lists_are_not_generated() {
    let source = include_str!(concat!(env!("OUT_DIR"), "/configured.rs"));
    for absent in [
        "pub struct Deal ",
        "pub struct EnterprisePipelineEntry ",
        "pub struct User ",
    ] {
        assert!(!source.contains(absent), "{absent} should not be generated");
    }
}
