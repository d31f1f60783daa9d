//! Written values that name something the schema or the workspace already
//! has: a select option, a status, a workspace member.

use serde_json::{json, Map, Value};

use attio_schema::Attribute;

use crate::errors::{ApiError, ValidationIssue};
use crate::store::Store;
use crate::values::Payload;

/// A select option, by title or id; archived options cannot be chosen.
pub(crate) fn resolve_option(attribute: &Attribute, raw: &Value) -> Result<Payload, ApiError> {
    let title = titled(raw, "option", attribute)?;
    attribute
        .options
        .iter()
        .find(|o| !o.is_archived && (o.title == title || o.id.option_id == title))
        .map(|o| Payload::Option(o.id.option_id.clone()))
        .ok_or_else(|| {
            ApiError::bad_request(
                "value_not_found",
                format!("Cannot find select attribute with select option title \"{title}\"."),
            )
        })
}

/// A status, by title or id; archived statuses cannot be chosen.
pub(crate) fn resolve_status(attribute: &Attribute, raw: &Value) -> Result<Payload, ApiError> {
    let title = titled(raw, "status", attribute)?;
    attribute
        .statuses
        .iter()
        .find(|s| !s.is_archived && (s.title == title || s.id.status_id == title))
        .map(|s| Payload::Status(s.id.status_id.clone()))
        .ok_or_else(|| {
            ApiError::bad_request(
                "value_not_found",
                format!("Cannot find status attribute with status title \"{title}\"."),
            )
        })
}

/// The title or id in `"Title"` or `{"<key>": "Title"}`.
fn titled<'a>(raw: &'a Value, key: &str, attribute: &Attribute) -> Result<&'a str, ApiError> {
    let inner = match raw {
        Value::Object(map) => map.get(key).unwrap_or(&Value::Null),
        other => other,
    };
    inner.as_str().ok_or_else(|| {
        ApiError::invalid_value(
            &attribute.api_slug,
            vec![ValidationIssue::new(
                "invalid_type",
                vec![json!(key)],
                format!("Expected a {key} title or ID."),
            )],
        )
    })
}

/// A workspace member, by email (bare or as
/// `workspace_member_email_address`) or by `referenced_actor_id`.
pub(crate) fn resolve_actor(
    store: &Store,
    attribute: &Attribute,
    raw: &Value,
) -> Result<Payload, ApiError> {
    let not_found = |what: &str| {
        ApiError::bad_request(
            "value_not_found",
            format!("Cannot find workspace member with {what}."),
        )
    };
    let member = match raw {
        Value::String(email) => store
            .members
            .iter()
            .find(|m| m.email.eq_ignore_ascii_case(email))
            .ok_or_else(|| not_found(&format!("email address \"{email}\"")))?,
        Value::Object(map) => {
            if let Some(email) = map
                .get("workspace_member_email_address")
                .and_then(Value::as_str)
            {
                store
                    .members
                    .iter()
                    .find(|m| m.email.eq_ignore_ascii_case(email))
                    .ok_or_else(|| not_found(&format!("email address \"{email}\"")))?
            } else {
                let actor_type = map.get("referenced_actor_type").and_then(Value::as_str);
                let actor_id = map.get("referenced_actor_id").and_then(Value::as_str);
                match (actor_type, actor_id) {
                    (Some("workspace-member"), Some(id)) => store
                        .member(id)
                        .ok_or_else(|| not_found(&format!("ID \"{id}\"")))?,
                    _ => {
                        return Err(ApiError::invalid_value(
                            &attribute.api_slug,
                            vec![ValidationIssue::new(
                                "invalid_type",
                                vec![json!("referenced_actor_type")],
                                "Only workspace members can be referenced: give \
                                 referenced_actor_type \"workspace-member\" and referenced_actor_id, \
                                 or workspace_member_email_address.",
                            )],
                        ))
                    }
                }
            }
        }
        _ => {
            return Err(ApiError::invalid_value(
                &attribute.api_slug,
                vec![ValidationIssue::new(
                    "invalid_type",
                    vec![],
                    "Expected an actor reference.",
                )],
            ))
        }
    };
    let mut fields = Map::new();
    fields.insert("referenced_actor_type".into(), json!("workspace-member"));
    fields.insert("referenced_actor_id".into(), json!(member.id));
    Ok(Payload::Fields(fields))
}
