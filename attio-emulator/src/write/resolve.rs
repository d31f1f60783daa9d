//! The first phase of a write: every written value validated and
//! normalised against the schema and the store, then the new value lists
//! checked for required and unique attributes. Nothing here changes the
//! store, so a refused write leaves no trace.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::Utc;
use serde_json::{json, Value};

use attio_schema::{Attribute, AttributeType, DefaultValue};

use super::choice::{resolve_actor, resolve_option, resolve_status};
use super::lookup;
use super::plan::{Mode, Plan, Resolved};
use crate::errors::{ApiError, ValidationIssue};
use crate::store::{find_attribute, Owner, Record, Store};
use crate::time;
use crate::values::{self, Payload};

/// Validates and normalises a `values` / `entry_values` object.
pub(crate) fn resolve_values(
    store: &Store,
    attributes: &[Attribute],
    values: &Value,
    body_path: &[&str],
) -> Result<Vec<Resolved>, ApiError> {
    let Value::Object(map) = values else {
        return Err(ApiError::body_issue(
            body_path.iter().map(|p| json!(p)).collect(),
            "Expected object.",
        ));
    };
    let mut resolved: Vec<Resolved> = Vec::new();
    for (key, raw) in map {
        let attribute = find_attribute(attributes, key)
            .filter(|a| !a.is_archived)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!("Cannot find attribute with slug/ID \"{key}\"."),
                )
            })?;
        if !attribute.accepts_writes() {
            return Err(ApiError::bad_request(
                "validation_type",
                format!(
                    "Cannot write to attribute with slug \"{}\": it is not writable.",
                    attribute.api_slug
                ),
            ));
        }
        let elements: Vec<&Value> = match raw {
            Value::Null => Vec::new(),
            Value::Array(items) => {
                if !attribute.is_multiselect && items.len() > 1 {
                    return Err(ApiError::invalid_value(
                        &attribute.api_slug,
                        vec![ValidationIssue::new(
                            "too_big",
                            vec![],
                            "Only one value is allowed for a single-value attribute.",
                        )],
                    ));
                }
                items.iter().collect()
            }
            _ if attribute.is_multiselect => {
                return Err(ApiError::invalid_value(
                    &attribute.api_slug,
                    vec![ValidationIssue::new(
                        "invalid_type",
                        vec![],
                        "Expected an array for a multiselect attribute.",
                    )],
                ));
            }
            single => vec![single],
        };
        let mut payloads: Vec<Payload> = Vec::new();
        let mut seen = HashSet::new();
        for element in elements {
            let payload = resolve_one(store, attribute, element)?;
            // A multiselect list never holds the same value twice.
            if seen.insert(payload.match_key().into_owned()) {
                payloads.push(payload);
            }
        }
        // A key given twice (slug and UUID of the same attribute): last one wins.
        resolved.retain(|r| r.attribute.id.attribute_id != attribute.id.attribute_id);
        resolved.push(Resolved {
            attribute: attribute.clone(),
            payloads,
        });
    }
    Ok(resolved)
}

/// Validates and normalises one written value of an attribute.
pub(crate) fn resolve_one(
    store: &Store,
    attribute: &Attribute,
    raw: &Value,
) -> Result<Payload, ApiError> {
    if let Some(result) = values::normalize_plain(attribute, raw) {
        return result.map_err(|issues| ApiError::invalid_value(&attribute.api_slug, issues));
    }
    match attribute.attribute_type {
        AttributeType::Select => resolve_option(attribute, raw),
        AttributeType::Status => resolve_status(attribute, raw),
        AttributeType::ActorReference => resolve_actor(store, attribute, raw),
        AttributeType::RecordReference => resolve_reference(store, attribute, raw),
        // Interactions are never writable and are refused before this point.
        _ => Err(ApiError::bad_request(
            "validation_type",
            format!(
                "Cannot write to attribute with slug \"{}\".",
                attribute.api_slug
            ),
        )),
    }
}

/// The unique attribute a shorthand string refers to, per standard object.
fn shorthand_attribute(object_slug: &str) -> Option<&'static str> {
    match object_slug {
        "companies" => Some("domains"),
        "people" => Some("email_addresses"),
        "users" => Some("user_id"),
        "workspaces" => Some("workspace_id"),
        _ => None,
    }
}

/// A record, by `target_record_id`, by one unique attribute's value, or by
/// the shorthand string of a standard object.
fn resolve_reference(
    store: &Store,
    attribute: &Attribute,
    raw: &Value,
) -> Result<Payload, ApiError> {
    let allowed = attribute
        .config
        .record_reference
        .allowed_object_ids
        .as_ref();
    let invalid = |message: &str| {
        ApiError::invalid_value(
            &attribute.api_slug,
            vec![ValidationIssue::new("invalid_type", vec![], message)],
        )
    };
    let (object_index, lookup): (usize, Lookup) = match raw {
        Value::String(s) => {
            // Shorthand: only when exactly one standard object is allowed.
            let target = allowed
                .filter(|ids| ids.len() == 1)
                .and_then(|ids| store.object_index(&ids[0]))
                .ok_or_else(|| {
                    invalid("A string reference needs an attribute that allows exactly one standard object.")
                })?;
            let slug = shorthand_attribute(&store.objects[target].api_slug).ok_or_else(|| {
                invalid("A string reference is only accepted for companies, people, users and workspaces.")
            })?;
            (
                target,
                Lookup::ByAttribute(slug.to_owned(), Value::String(s.clone())),
            )
        }
        Value::Object(map) => {
            let target_object = map
                .get("target_object")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid("Required: \"target_object\"."))?;
            let target = store.object_index(target_object).ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!("Cannot find object with slug/ID \"{target_object}\"."),
                )
            })?;
            let lookup = if let Some(id) = map.get("target_record_id") {
                let id = id
                    .as_str()
                    .ok_or_else(|| invalid("\"target_record_id\" must be a string."))?;
                Lookup::ById(id.to_owned())
            } else {
                let mut others = map.iter().filter(|(k, _)| k.as_str() != "target_object");
                match (others.next(), others.next()) {
                    (Some((key, Value::Array(items))), None) if items.len() == 1 => {
                        Lookup::ByAttribute(key.clone(), items[0].clone())
                    }
                    _ => {
                        return Err(invalid(
                            "Give \"target_record_id\", or one unique attribute with a one-element array.",
                        ))
                    }
                }
            };
            (target, lookup)
        }
        _ => return Err(invalid("Expected a record reference object.")),
    };
    let object = &store.objects[object_index];
    if let Some(ids) = allowed {
        if !ids.contains(&object.id.object_id) {
            return Err(ApiError::bad_request(
                "value_not_found",
                format!(
                    "Attribute with slug \"{}\" does not allow references to object \"{}\".",
                    attribute.api_slug, object.api_slug
                ),
            ));
        }
    }
    let records = store.records.get(&object.id.object_id);
    let record_id = match lookup {
        Lookup::ById(id) => records
            .and_then(|c| c.items.get(&id))
            .map(|r| r.id.clone())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!(
                        "Record with ID \"{id}\" not found on object \"{}\".",
                        object.api_slug
                    ),
                )
            })?,
        Lookup::ByAttribute(key, value) => {
            let matching = find_attribute(&object.attributes, &key)
                .filter(|a| a.is_unique && !a.is_archived)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "value_not_found",
                        format!("Cannot find unique attribute with slug/ID \"{key}\"."),
                    )
                })?;
            let wanted_payload = resolve_one(store, matching, &value)?;
            let wanted = wanted_payload.match_key();
            let holders = records
                .map(|c| lookup::holders(c, &matching.id.attribute_id, &wanted))
                .unwrap_or_default();
            holders.into_iter().next().ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!(
                        "Cannot find a record of object \"{}\" with {} matching the given value.",
                        object.api_slug, matching.api_slug
                    ),
                )
            })?
        }
    };
    Ok(Payload::RecordRef {
        object_id: object.id.object_id.clone(),
        record_id,
    })
}

enum Lookup {
    ById(String),
    ByAttribute(String, Value),
}

/// Values of an attribute without a written value on create.
fn default_payloads(store: &Store, attribute: &Attribute) -> Result<Vec<Payload>, ApiError> {
    if !attribute.is_default_value_enabled && attribute.default_value.is_none() {
        return Ok(Vec::new());
    }
    match &attribute.default_value {
        Some(DefaultValue::Static { template }) => template
            .iter()
            .map(|raw| resolve_one(store, attribute, raw))
            .collect(),
        Some(DefaultValue::Dynamic { template }) => {
            let value = match attribute.attribute_type {
                AttributeType::Date | AttributeType::Timestamp => {
                    time::add_iso_duration(Utc::now(), template).map(time::format_timestamp)
                }
                // `current-user` has no meaning for an API token; Attio
                // leaves such values empty for API writes.
                _ => None,
            };
            match value {
                Some(v) => Ok(vec![resolve_one(store, attribute, &Value::String(v))?]),
                None => Ok(Vec::new()),
            }
        }
        // A kind of default the emulator does not know (from a snapshot of
        // a newer workspace): applied as none, rather than guessed.
        Some(DefaultValue::Other(_)) | None => Ok(Vec::new()),
    }
}

/// Checks a write of `resolved` to `existing` (`None` creates) and works out
/// the complete new value list of every attribute it touches: appended or
/// replaced per `mode`, with defaults on create, every required attribute
/// set and no unique value held by another record.
pub(crate) fn plan(
    store: &Store,
    owner: Owner,
    existing: Option<&str>,
    resolved: Vec<Resolved>,
    mode: &Mode,
) -> Result<Plan, ApiError> {
    let attributes: &[Attribute] = owner.attributes(store);
    let current: Option<&Record> = match existing {
        Some(id) => Some(
            owner
                .collection(store)
                .and_then(|c| c.items.get(id))
                .ok_or_else(|| {
                    ApiError::not_found(format!("Record with ID \"{id}\" not found."))
                })?,
        ),
        None => None,
    };
    let mut changes: Vec<(Attribute, Vec<Payload>)> = Vec::new();
    for Resolved {
        attribute,
        payloads,
    } in resolved
    {
        let new = if mode.appends(&attribute) {
            let old: Vec<Payload> = current
                .map(|r| {
                    r.values(&attribute.id.attribute_id)
                        .iter()
                        .map(|v| v.payload.clone())
                        .collect()
                })
                .unwrap_or_default();
            let mut merged: Vec<Payload> = {
                let present: HashSet<Cow<'_, str>> = old.iter().map(Payload::match_key).collect();
                payloads
                    .into_iter()
                    .filter(|p| !present.contains(p.match_key().as_ref()))
                    .collect()
            };
            merged.extend(old);
            merged
        } else {
            payloads
        };
        changes.push((attribute, new));
    }
    if *mode == Mode::Create {
        for attribute in attributes {
            let touched = changes.iter().any(|(a, _)| a.id == attribute.id);
            if !touched && !attribute.is_archived && attribute.accepts_writes() {
                let defaults = default_payloads(store, attribute)?;
                if !defaults.is_empty() {
                    changes.push((attribute.clone(), defaults));
                }
            }
        }
    }
    check_required(attributes, mode, &changes)?;
    check_unique(store, owner, existing, &changes)?;
    Ok(Plan {
        existing: current.map(|r| r.id.clone()),
        changes,
    })
}

/// Refuses a create that leaves a required attribute without a value, and
/// any write that empties one.
fn check_required(
    attributes: &[Attribute],
    mode: &Mode,
    changes: &[(Attribute, Vec<Payload>)],
) -> Result<(), ApiError> {
    for attribute in attributes
        .iter()
        .filter(|a| a.is_required && !a.is_archived)
    {
        let new = changes
            .iter()
            .find(|(a, _)| a.id == attribute.id)
            .map(|(_, v)| v);
        let missing = match (mode, new) {
            (Mode::Create, None) => true,
            (_, Some(values)) => values.is_empty(),
            (_, None) => false,
        };
        if missing {
            return Err(ApiError::bad_request(
                "missing_value",
                format!(
                    "Required value for attribute with ID \"{}\" was not provided.",
                    attribute.id.attribute_id
                ),
            ));
        }
    }
    Ok(())
}

/// Refuses a value of a unique attribute that another record of the
/// collection (not `existing` itself) already holds.
fn check_unique(
    store: &Store,
    owner: Owner,
    existing: Option<&str>,
    changes: &[(Attribute, Vec<Payload>)],
) -> Result<(), ApiError> {
    let Some(collection) = owner.collection(store) else {
        return Ok(());
    };
    for (attribute, new) in changes.iter().filter(|(a, _)| a.is_unique) {
        for payload in new {
            let attribute_id = attribute.id.attribute_id.as_str();
            let clash = lookup::holders(collection, attribute_id, &payload.match_key())
                .into_iter()
                .find(|h| Some(h.as_str()) != existing);
            if let Some(other) = clash {
                return Err(ApiError::bad_request(
                    "uniqueness_conflict",
                    format!(
                        "A value provided for attribute with slug \"{}\" conflicts with one \
                         already in the system (record ID \"{other}\").",
                        attribute.api_slug
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
