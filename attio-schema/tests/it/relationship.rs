//! The `relationship` of an attribute: Attio's full description of the other
//! side, and snapshots written when only its `id` was recorded.

use attio_schema::{AttributeId, Relationship};
use serde_json::json;

fn id() -> serde_json::Value {
    json!({"workspace_id": "w", "object_id": "o", "attribute_id": "a"})
}

#[test]
fn an_id_only_relationship_loads_and_writes_back_unchanged() {
    let old = json!({ "id": id() });
    let relationship: Relationship = serde_json::from_value(old.clone()).unwrap();
    assert_eq!(
        relationship,
        Relationship::to(AttributeId {
            workspace_id: "w".into(),
            object_id: "o".into(),
            attribute_id: "a".into(),
        })
    );
    assert_eq!(serde_json::to_value(&relationship).unwrap(), old);
}

#[test]
fn the_full_description_is_kept_in_attio_order() {
    let full = json!({"id": id(), "object_slug": "people", "title": "Company",
        "api_slug": "company", "is_multiselect": false});
    let relationship: Relationship = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(relationship.object_slug.as_deref(), Some("people"));
    assert_eq!(relationship.title.as_deref(), Some("Company"));
    assert_eq!(relationship.api_slug.as_deref(), Some("company"));
    assert_eq!(relationship.is_multiselect, Some(false));
    assert_eq!(serde_json::to_value(&relationship).unwrap(), full);
    let written = serde_json::to_string(&relationship).unwrap();
    assert_eq!(
        written,
        r#"{"id":{"workspace_id":"w","object_id":"o","attribute_id":"a"},"object_slug":"people","title":"Company","api_slug":"company","is_multiselect":false}"#
    );
}
