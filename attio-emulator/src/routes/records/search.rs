//! `POST /v2/objects/records/search`: records of several objects found by
//! a search string
//! (<https://docs.attio.com/rest-api/endpoint-reference/records/search-records>).
//!
//! Attio matches "names, domains, emails, phone numbers and social handles
//! on people and companies, and labels on all other objects", fuzzily. The
//! emulator matches a case-insensitive substring of the record's text (a
//! person's full name, otherwise the `name` attribute or the first text
//! attribute), and of a company's domains and a person's email addresses
//! and phone numbers; an empty query matches every record. Results come
//! object by object in the order asked, records in creation order. The
//! limit's bounds are not documented: 1 to 25 (the default) is assumed.

use axum::body::Bytes;
use axum::extract::State;
use serde_json::{json, Map, Value};

use attio_schema::{AttributeType, Object};

use crate::errors::ApiError;
use crate::http::{body_count, data, lock, parse_body, ApiResult, Shared};
use crate::store::{Record, Store};

/// Attio's default (and the emulator's assumed maximum) number of results.
const SEARCH_LIMIT: u64 = 25;

fn issue(key: &str, message: &str) -> ApiError {
    ApiError::body_issue(vec![json!(key)], message)
}

/// The current values of an attribute, by slug, as one string field each.
fn strings(object: &Object, record: &Record, slug: &str, field: &str) -> Vec<String> {
    object
        .attribute(slug)
        .map(|a| record.values(&a.id.attribute_id))
        .unwrap_or_default()
        .iter()
        .filter_map(|v| match &v.payload {
            crate::values::Payload::Fields(fields) => {
                fields.get(field).and_then(Value::as_str).map(str::to_owned)
            }
            _ => None,
        })
        .collect()
}

/// What Attio shows as the record's name.
fn record_text(object: &Object, record: &Record) -> String {
    if object.api_slug == "people" {
        return strings(object, record, "name", "full_name")
            .pop()
            .unwrap_or_default();
    }
    let label = object.attribute("name").or_else(|| {
        object
            .attributes
            .iter()
            .find(|a| a.attribute_type == AttributeType::Text && !a.is_system_attribute)
    });
    label
        .and_then(|a| strings(object, record, &a.api_slug, "value").pop())
        .unwrap_or_default()
}

/// One result, and the strings the query is matched against.
fn hit(store: &Store, object: &Object, record: &Record) -> (Value, Vec<String>) {
    let text = record_text(object, record);
    let mut hit = Map::new();
    hit.insert(
        "id".into(),
        json!({"workspace_id": store.info.id, "object_id": object.id.object_id, "record_id": record.id}),
    );
    hit.insert("record_text".into(), json!(text));
    hit.insert("record_image".into(), Value::Null);
    hit.insert("object_slug".into(), json!(object.api_slug));
    let mut searched = vec![text];
    let mut add = |key: &str, found: Vec<String>| {
        searched.extend(found.iter().cloned());
        hit.insert(key.into(), json!(found));
    };
    match object.api_slug.as_str() {
        "companies" => add("domains", strings(object, record, "domains", "domain")),
        "people" => {
            add(
                "email_addresses",
                strings(object, record, "email_addresses", "email_address"),
            );
            add(
                "phone_numbers",
                strings(object, record, "phone_numbers", "original_phone_number"),
            );
        }
        _ => {}
    }
    (Value::Object(hit), searched)
}

/// `request_as`: the workspace, or a member by id or email address.
fn check_request_as(store: &Store, value: Option<&Value>) -> Result<(), ApiError> {
    let value = value.ok_or_else(|| issue("request_as", "Required"))?;
    let shape = || {
        issue(
            "request_as",
            "Expected {\"type\": \"workspace\"} or {\"type\": \"workspace-member\"} with \"workspace_member_id\" or \"email_address\".",
        )
    };
    let known = match value.get("type").and_then(Value::as_str) {
        Some("workspace") => true,
        Some("workspace-member") => {
            match (
                value.get("workspace_member_id").and_then(Value::as_str),
                value.get("email_address").and_then(Value::as_str),
            ) {
                (Some(id), _) => store.member(id).is_some(),
                (None, Some(email)) => store
                    .members
                    .iter()
                    .any(|m| m.email.eq_ignore_ascii_case(email)),
                (None, None) => return Err(shape()),
            }
        }
        _ => return Err(shape()),
    };
    if known {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "value_not_found",
            "No workspace member matches \"request_as\".",
        ))
    }
}

/// Searches the records of `objects` for `query`.
pub(crate) async fn search(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let store = lock(&state);
    let Value::Object(body) = &body else {
        return Err(ApiError::body_issue(vec![], "Expected object."));
    };
    let query = match body.get("query") {
        Some(Value::String(q)) => q.trim().to_lowercase(),
        Some(_) => return Err(issue("query", "Expected string.")),
        None => return Err(issue("query", "Required")),
    };
    let objects: Vec<&str> = match body.get("objects") {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|o| {
                o.as_str()
                    .ok_or_else(|| issue("objects", "Expected strings."))
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Array(_)) => return Err(issue("objects", "Name at least one object.")),
        Some(_) => return Err(issue("objects", "Expected array.")),
        None => return Err(issue("objects", "Required")),
    };
    check_request_as(&store, body.get("request_as"))?;
    let limit = match body.get("limit") {
        None | Some(Value::Null) => SEARCH_LIMIT,
        Some(v) => body_count(v)
            .filter(|n| (1..=SEARCH_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(
                    "validation_type",
                    format!("\"limit\" must be an integer from 1 to {SEARCH_LIMIT}."),
                )
            })?,
    };
    let mut found = Vec::new();
    for ident in objects {
        let object = store
            .object_index(ident)
            .map(|i| &store.objects[i])
            .ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!("Object with slug/ID \"{ident}\" not found."),
                )
            })?;
        let Some(collection) = store.records.get(&object.id.object_id) else {
            continue;
        };
        for record in collection.ordered() {
            let (result, searched) = hit(&store, object, record);
            if searched.iter().any(|s| s.to_lowercase().contains(&query)) {
                found.push(result);
            }
        }
    }
    found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(data(Value::Array(found)))
}
