//! Test helpers, compiled only for unit tests: a small workspace to check
//! structs and enums against, and the formatting of an expansion for its
//! snapshot.

use attio_schema::{Snapshot, Workspace};
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::DeriveInput;

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
        "title": "Avatar URL", "api_slug": "avatar_url", "type": "text", "is_writable": false,
        "is_required": true},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "4"},
        "title": "Old score", "api_slug": "old_score", "type": "number", "is_archived": true},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "10"},
        "title": "Gold score", "api_slug": "gold_score", "type": "number"},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "11"},
        "title": "Type", "api_slug": "type", "type": "text"},
       {"id": {"workspace_id": "w", "object_id": "people", "attribute_id": "17"},
        "title": "Hologram", "api_slug": "hologram", "type": "hologram"}
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
        "title": "Legacy region", "api_slug": "legacy_region", "type": "text", "is_archived": true},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "13"},
        "title": "Record ID", "api_slug": "record_id", "type": "text", "is_unique": true,
        "is_writable": false},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "15"},
        "title": "Close date", "api_slug": "close-date", "type": "date"},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "16"},
        "title": "Close date (note)", "api_slug": "close_date", "type": "text"},
       {"id": {"workspace_id": "w", "object_id": "deals", "attribute_id": "14"},
        "title": "Associated people", "api_slug": "associated_people", "type": "record-reference",
        "is_multiselect": true,
        "config": {"record_reference": {"allowed_object_ids": ["people"]}}}
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

/// A derive's snapshot: the item it was given, then what it expanded to,
/// both laid out as `rustfmt` would, so that the `.snap` file reads as an
/// example of the derive. Panics when the expansion does not parse as
/// items, which is itself a bug of the expansion.
pub fn expansion_snapshot(derive: &str, item: &DeriveInput, expansion: TokenStream) -> String {
    format!(
        "// #[derive({derive})] on\n{}\n// expands to\n{}",
        formatted(item.to_token_stream()),
        formatted(expansion)
    )
}

fn formatted(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => panic!("the expansion does not parse as items: {e}"),
    }
}
