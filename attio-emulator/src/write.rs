//! Writing values to records and entries: resolving written values against
//! the schema and the store, computing the new value lists for create, PATCH
//! (append), PUT (overwrite) and assert, enforcing required and unique
//! attributes, keeping value history, and updating the inverse side of
//! two-way relationships.
//!
//! Every function here runs under the store lock, and nothing is changed
//! until every check of a request has passed, so a rejected request leaves
//! no trace.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::Utc;
use serde_json::{json, Map, Value};

use attio_schema::{Attribute, AttributeType, DefaultValue};

use crate::errors::{ApiError, ValidationIssue};
use crate::store::{find_attribute, new_id, Collection, Container, Record, Store, Version};
use crate::time;
use crate::values::{self, Payload};

/// The values written to one attribute, validated and normalised.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub attribute: Attribute,
    pub payloads: Vec<Payload>,
}

/// How a write combines with the values already stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mode {
    /// A new record: defaults apply, every required attribute must be set.
    Create,
    /// Multiselect values are prepended and de-duplicated, never removed.
    Patch,
    /// Every supplied attribute becomes exactly the supplied list.
    Put,
    /// Assert matched one record: the matching attribute appends like PATCH,
    /// every other supplied attribute is overwritten like PUT.
    AssertUpdate {
        /// The matching attribute's id.
        matching_attribute_id: String,
    },
}

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
        AttributeType::Select => {
            let title = titled(raw, "option", attribute)?;
            attribute
                .options
                .iter()
                .find(|o| !o.is_archived && (o.title == title || o.id.option_id == title))
                .map(|o| Payload::Option(o.id.option_id.clone()))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "value_not_found",
                        format!(
                            "Cannot find select attribute with select option title \"{title}\"."
                        ),
                    )
                })
        }
        AttributeType::Status => {
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

fn resolve_actor(store: &Store, attribute: &Attribute, raw: &Value) -> Result<Payload, ApiError> {
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
                .map(|c| match c.holders(&matching.id.attribute_id, &wanted) {
                    Some(holders) => holders.to_vec(),
                    None => holders_by_scan(c, &matching.id.attribute_id, &wanted),
                })
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

/// Ids of the records (or entries) of `kind` holding any of `payloads` as a
/// current value of `attribute_id`.
pub(crate) fn matching_ids(
    store: &Store,
    kind: Container,
    attribute_id: &str,
    payloads: &[Payload],
) -> Vec<String> {
    let Some(collection) = kind.collection(store) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = Vec::new();
    for payload in payloads {
        let key = payload.match_key();
        let holders = match collection.holders(attribute_id, &key) {
            Some(holders) => holders.to_vec(),
            None => holders_by_scan(collection, attribute_id, &key),
        };
        for id in holders {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids.sort_by_key(|id| collection.items.get(id).map_or(0, |r| r.seq));
    ids
}

/// Ids of the items holding a value with this match key, by looking at
/// every item: for attributes the collection does not index.
fn holders_by_scan(collection: &Collection, attribute_id: &str, key: &str) -> Vec<String> {
    collection
        .items
        .values()
        .filter(|r| {
            r.values(attribute_id)
                .iter()
                .any(|v| v.payload.match_key() == key)
        })
        .map(|r| r.id.clone())
        .collect()
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
        None => Ok(Vec::new()),
    }
}

/// Applies a write and says what it did.
///
/// `existing` is the record to update (`None` creates); `parent` is the
/// parent record of a new entry.
pub(crate) fn write(
    store: &mut Store,
    kind: Container,
    existing: Option<&str>,
    resolved: Vec<Resolved>,
    mode: Mode,
    parent: Option<(String, String)>,
) -> Result<Written, ApiError> {
    let attributes: &[Attribute] = kind.attributes(store);
    // Borrowed, not cloned: nothing is mutated until every check passed.
    let current: Option<&Record> = match existing {
        Some(id) => Some(
            kind.collection(store)
                .and_then(|c| c.items.get(id))
                .ok_or_else(|| {
                    ApiError::not_found(format!("Record with ID \"{id}\" not found."))
                })?,
        ),
        None => None,
    };

    // 1. The new value list of every touched attribute.
    let mut changes: Vec<(Attribute, Vec<Payload>)> = Vec::new();
    for Resolved {
        attribute,
        payloads,
    } in resolved
    {
        let old: Vec<Payload> = current
            .as_ref()
            .map(|r| {
                r.values(&attribute.id.attribute_id)
                    .iter()
                    .map(|v| v.payload.clone())
                    .collect()
            })
            .unwrap_or_default();
        let appends = match &mode {
            Mode::Patch => attribute.is_multiselect,
            Mode::AssertUpdate {
                matching_attribute_id,
            } => attribute.is_multiselect && *matching_attribute_id == attribute.id.attribute_id,
            Mode::Create | Mode::Put => false,
        };
        let new = if appends {
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
    if mode == Mode::Create {
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

    // 2. Required attributes.
    for attribute in attributes
        .iter()
        .filter(|a| a.is_required && !a.is_archived)
    {
        let new = changes
            .iter()
            .find(|(a, _)| a.id == attribute.id)
            .map(|(_, v)| v);
        let missing = match (&mode, new) {
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

    // 3. Unique attributes, against every other record of the collection.
    if let Some(collection) = kind.collection(store) {
        for (attribute, new) in changes.iter().filter(|(a, _)| a.is_unique) {
            for payload in new {
                let key = payload.match_key();
                let attribute_id = attribute.id.attribute_id.as_str();
                let clash: Option<String> = match collection.holders(attribute_id, &key) {
                    Some(holders) => holders
                        .iter()
                        .find(|h| Some(h.as_str()) != existing)
                        .cloned(),
                    None => holders_by_scan(collection, attribute_id, &key)
                        .into_iter()
                        .find(|h| Some(h.as_str()) != existing),
                };
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
    }

    // 4. Commit.
    let now = time::now_string();
    let actor = store.token_actor();
    // System attributes every new record gets a value for.
    let system: Vec<(String, String)> = attributes
        .iter()
        .filter(|a| a.is_system_attribute)
        .map(|a| (a.api_slug.clone(), a.id.attribute_id.clone()))
        .collect();
    let current_id = current.map(|r| r.id.clone());
    let current_id_was_none = current_id.is_none();
    let record_id = current_id.clone().unwrap_or_else(new_id);
    // The record is taken out of its collection while it is changed and
    // put back below; it was found above, so `remove` finds it too.
    let taken = current_id.and_then(|id| kind.collection_mut(store).remove(&id));
    let mut record = match taken {
        Some(r) => r,
        None => {
            let seq = store.next_seq();
            let mut record = Record {
                id: record_id.clone(),
                seq,
                created_at: now.clone(),
                parent,
                active: Default::default(),
                history: Default::default(),
            };
            let token_id = store.info.token_id.clone();
            for (slug, attribute_id) in &system {
                let value = match slug.as_str() {
                    "record_id" if matches!(kind, Container::Object(_)) => {
                        json!({"value": record_id})
                    }
                    "created_at" => json!({"value": now}),
                    "created_by" => {
                        json!({"referenced_actor_type": "api-token", "referenced_actor_id": token_id})
                    }
                    _ => continue,
                };
                if let Value::Object(fields) = value {
                    set_values(
                        &mut record,
                        attribute_id,
                        vec![Payload::Fields(fields)],
                        &now,
                        &actor,
                    );
                }
            }
            record
        }
    };
    let mut relationship_changes = Vec::new();
    let mut changed = Vec::new();
    for (attribute, new) in changes {
        let differs = !record
            .values(&attribute.id.attribute_id)
            .iter()
            .map(|v| &v.payload)
            .eq(new.iter());
        if differs {
            changed.push(attribute.id.attribute_id.clone());
        }
        if let Some(relationship) = &attribute.relationship {
            let old_targets = reference_targets(
                record
                    .values(&attribute.id.attribute_id)
                    .iter()
                    .map(|v| &v.payload),
            );
            let new_targets = reference_targets(new.iter());
            relationship_changes.push((
                attribute.id.attribute_id.clone(),
                relationship.id.clone(),
                old_targets,
                new_targets,
            ));
        }
        set_values(&mut record, &attribute.id.attribute_id, new, &now, &actor);
    }
    let source_object = match kind {
        Container::Object(i) => Some(store.objects[i].id.object_id.clone()),
        Container::List(_) => None,
    };
    kind.collection_mut(store).insert(record);
    if let Some(source_object) = source_object {
        for (forward, inverse, old, new) in relationship_changes {
            let me = Payload::RecordRef {
                object_id: source_object.clone(),
                record_id: record_id.clone(),
            };
            let change = InverseChange {
                forward_attribute_id: &forward,
                inverse: &inverse,
                old: &old,
                new: &new,
                me: &me,
            };
            update_inverse(store, &change, &now, &actor);
        }
    }
    Ok(Written {
        id: record_id,
        created: current_id_was_none,
        changed,
    })
}

/// The outcome of a successful write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written {
    /// The record or entry id.
    pub id: String,
    /// Whether the write created it.
    pub created: bool,
    /// Ids of the attributes whose current values changed.
    pub changed: Vec<String>,
}

/// Replaces the current values of an attribute, keeping identical values as
/// they are (same `active_from`) and closing the others.
pub(crate) fn set_values(
    record: &mut Record,
    attribute_id: &str,
    new: Vec<Payload>,
    now: &str,
    actor: &Value,
) {
    let mut old = record.active.remove(attribute_id).unwrap_or_default();
    let mut next = Vec::with_capacity(new.len());
    for payload in new {
        if let Some(pos) = old.iter().position(|v| v.payload == payload) {
            next.push(old.remove(pos));
        } else {
            next.push(Version {
                payload,
                active_from: now.to_owned(),
                active_until: None,
                actor: actor.clone(),
            });
        }
    }
    if !old.is_empty() {
        let history = record.history.entry(attribute_id.to_owned()).or_default();
        for mut version in old {
            version.active_until = Some(now.to_owned());
            history.push(version);
        }
    }
    if !next.is_empty() {
        record.active.insert(attribute_id.to_owned(), next);
    }
}

fn reference_targets<'a>(payloads: impl Iterator<Item = &'a Payload>) -> Vec<(String, String)> {
    payloads
        .filter_map(|p| match p {
            Payload::RecordRef {
                object_id,
                record_id,
            } => Some((object_id.clone(), record_id.clone())),
            _ => None,
        })
        .collect()
}

/// One write to a relationship attribute, to mirror on the other side.
struct InverseChange<'a> {
    /// The written attribute (on `me`'s object).
    forward_attribute_id: &'a str,
    /// The attribute on the other side.
    inverse: &'a attio_schema::AttributeId,
    /// Targets before and after the write.
    old: &'a [(String, String)],
    new: &'a [(String, String)],
    /// The written record, as a reference.
    me: &'a Payload,
}

/// Keeps the other side of a two-way relationship in step: records newly
/// referenced gain a reference back to `me`, records no longer referenced
/// lose it. When the other side holds a single value, the record it pointed
/// at before loses its reference too, so both sides always agree.
fn update_inverse(store: &mut Store, change: &InverseChange<'_>, now: &str, actor: &Value) {
    let inverse = change.inverse;
    let Some(inverse_attribute) = store
        .object_by_id(&inverse.object_id)
        .and_then(|o| find_attribute(&o.attributes, &inverse.attribute_id))
        .cloned()
    else {
        return;
    };
    let Some(collection) = store.records.get_mut(&inverse.object_id) else {
        return;
    };
    // (displaced record, the target it must stop pointing at)
    let mut displaced: Vec<(Payload, Payload)> = Vec::new();
    for (object_id, record_id) in change.old.iter().chain(change.new) {
        if *object_id != inverse.object_id {
            continue;
        }
        let keep = change
            .new
            .iter()
            .any(|(o, r)| o == object_id && r == record_id);
        let Some(target) = collection.items.get_mut(record_id) else {
            continue;
        };
        let mut values: Vec<Payload> = target
            .values(&inverse_attribute.id.attribute_id)
            .iter()
            .map(|v| v.payload.clone())
            .collect();
        let has_me = values.contains(change.me);
        if keep && !has_me {
            if inverse_attribute.is_multiselect {
                values.insert(0, change.me.clone());
            } else {
                let target_ref = Payload::RecordRef {
                    object_id: object_id.clone(),
                    record_id: record_id.clone(),
                };
                displaced.extend(values.drain(..).map(|d| (d, target_ref.clone())));
                values = vec![change.me.clone()];
            }
        } else if !keep && has_me {
            values.retain(|p| p != change.me);
        } else {
            continue;
        }
        set_values(
            target,
            &inverse_attribute.id.attribute_id,
            values,
            now,
            actor,
        );
    }
    for (record, target_ref) in displaced {
        let Payload::RecordRef {
            object_id,
            record_id,
        } = record
        else {
            continue;
        };
        let Some(holder) = store
            .records
            .get_mut(&object_id)
            .and_then(|c| c.items.get_mut(&record_id))
        else {
            continue;
        };
        let remaining: Vec<Payload> = holder
            .values(change.forward_attribute_id)
            .iter()
            .map(|v| v.payload.clone())
            .filter(|p| *p != target_ref)
            .collect();
        set_values(holder, change.forward_attribute_id, remaining, now, actor);
    }
}

/// Removes a deleted record from the inverse side of its relationships, and
/// every reference to it from other records' values.
pub(crate) fn forget_record(store: &mut Store, object_id: &str, record_id: &str) {
    let me = Payload::RecordRef {
        object_id: object_id.to_owned(),
        record_id: record_id.to_owned(),
    };
    let now = time::now_string();
    let actor = store.token_actor();
    for collection in store.records.values_mut().chain(store.entries.values_mut()) {
        for record in collection.items.values_mut() {
            let touched: Vec<String> = record
                .active
                .iter()
                .filter(|(_, versions)| versions.iter().any(|v| v.payload == me))
                .map(|(id, _)| id.clone())
                .collect();
            for attribute_id in touched {
                let remaining: Vec<Payload> = record
                    .values(&attribute_id)
                    .iter()
                    .map(|v| v.payload.clone())
                    .filter(|p| *p != me)
                    .collect();
                set_values(record, &attribute_id, remaining, &now, &actor);
            }
        }
    }
    // Notes and entries whose parent was deleted go with it, as in Attio.
    store.notes.retain(|n| {
        (n.parent_object_id.as_str(), n.parent_record_id.as_str()) != (object_id, record_id)
    });
    for collection in store.entries.values_mut() {
        collection.retain(|e| {
            e.parent.as_ref().map(|(o, r)| (o.as_str(), r.as_str())) != Some((object_id, record_id))
        });
    }
}
