//! A small workspace for unit tests of the checks and expansions.

use attio_schema::{Snapshot, Workspace};

const SNAPSHOT: &str = r#"{
  "format_version": 1,
  "objects": [
    {"id": {"workspace_id": "w", "object_id": "people"}, "api_slug": "people",
     "singular_noun": "Person", "plural_noun": "People",
     "attributes": [
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "1"},
        "title": "Email addresses", "api_slug": "email_addresses", "type": "email-address",
        "is_unique": true, "is_multiselect": true},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "2"},
        "title": "Job title", "api_slug": "job_title", "type": "text"},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "3"},
        "title": "Avatar URL", "api_slug": "avatar_url", "type": "text", "is_writable": false},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "4"},
        "title": "Old score", "api_slug": "old_score", "type": "number", "is_archived": true},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "10"},
        "title": "Gold score", "api_slug": "gold_score", "type": "number"},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "11"},
        "title": "Type", "api_slug": "type", "type": "text"}
     ]},
    {"id": {"workspace_id": "w", "object_id": "deals"}, "api_slug": "deals",
     "singular_noun": "Deal", "plural_noun": "Deals",
     "attributes": [
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "5"},
        "title": "Deal name", "api_slug": "name", "type": "text", "is_required": true},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "6"},
        "title": "Deal stage", "api_slug": "stage", "type": "status", "is_required": true,
        "statuses": [
          {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "6", "status_id": "a"}, "title": "Lead"},
          {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "6", "status_id": "b"}, "title": "Won"}
        ]},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "7"},
        "title": "Owner", "api_slug": "owner", "type": "actor-reference", "is_required": true},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "8"},
        "title": "Tags", "api_slug": "tags", "type": "select", "is_multiselect": true,
        "options": [
          {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "8", "option_id": "c"}, "title": "B2B"},
          {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "8", "option_id": "d"}, "title": "Enterprise"}
        ]},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "12"},
        "title": "Legacy region", "api_slug": "legacy_region", "type": "text", "is_archived": true}
     ]}
  ],
  "lists": [
    {"id": {"workspace_id": "w", "list_id": "pipeline"}, "api_slug": "pipeline", "name": "Pipeline",
     "parent_object": ["deals"],
     "attributes": [
       {"id": {"workspace_id": "w", "object_id": "pipeline", "attribute_id": "9"},
        "title": "Notes", "api_slug": "notes", "type": "text"}
     ]}
  ]
}"#;

/// The test workspace.
pub fn workspace() -> Workspace {
    match Snapshot::from_slice(SNAPSHOT.as_bytes(), "test.json") {
        Ok(snapshot) => snapshot.workspace,
        Err(e) => panic!("test snapshot is invalid: {e}"),
    }
}
