//! The bodies and paths of the schema writes.

use super::*;

#[test]
fn titles_are_one_encoded_path_segment() {
    assert_eq!(segment("B2B / B2C?"), "B2B%20%2F%20B2C%3F");
    assert_eq!(
        attribute_path(Target::List, "hiring", "stage"),
        "/v2/lists/hiring/attributes/stage"
    );
}

#[test]
fn a_new_attribute_is_sent_as_attio_expects() {
    let attribute = NewAttribute {
        title: "Client".to_owned(),
        description: None,
        api_slug: "client".to_owned(),
        attribute_type: AttributeType::RecordReference,
        is_required: false,
        is_unique: false,
        is_multiselect: false,
        config: NewAttributeConfig {
            currency: None,
            record_reference: Some(AllowedObjects {
                allowed_objects: vec!["companies".to_owned()],
            }),
        },
        relationship: Some(NewRelationship {
            object: "companies".to_owned(),
            title: "Projects".to_owned(),
            api_slug: "projects".to_owned(),
            is_multiselect: true,
        }),
    };
    assert_eq!(
        body(&attribute),
        Some(json!({"data": {
            "title": "Client", "description": null, "api_slug": "client",
            "type": "record-reference", "is_required": false, "is_unique": false,
            "is_multiselect": false,
            "config": {"record_reference": {"allowed_objects": ["companies"]}},
            "relationship": {"object": "companies", "title": "Projects",
                             "api_slug": "projects", "is_multiselect": true},
        }}))
    );
}

#[test]
fn an_update_sends_only_what_it_changes() {
    let update = AttributeUpdate {
        description: Some(None),
        is_archived: Some(true),
        ..AttributeUpdate::default()
    };
    assert_eq!(
        body(&update),
        Some(json!({"data": {"description": null, "is_archived": true}}))
    );
    assert_eq!(body(&ObjectUpdate::default()), Some(json!({"data": {}})));
}

#[test]
fn an_attribute_of_an_unknown_type_is_refused_before_any_request() {
    let err = refuse_unknown_type(&AttributeType::Unknown("hologram".to_owned())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.detail().contains("\"hologram\""), "{err}");
    assert!(refuse_unknown_type(&AttributeType::Text).is_ok());
}
