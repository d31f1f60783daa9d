//! `PUT …/attributes/{attribute}/values`: an attribute's whole value
//! history replaced, on a record or an entry, to migrate history from
//! elsewhere
//! (<https://docs.attio.com/rest-api/endpoint-reference/entries/write-list-entry-attribute-values>).
//! Every value the attribute had goes; the given values are written with
//! their own `active_from` / `active_until`. No webhook fires, so that a
//! migration does not replay automations.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use attio_schema::Attribute;

use super::item;
use crate::errors::ApiError;
use crate::http::{
    data, data_object, field_issue, lock, parse_body, required, ApiResult, PathTarget, Shared,
};
use crate::render;
use crate::routes::schema::attributes::attribute_of;
use crate::routes::schema::owner_of;
use crate::store::{Owner, Store, Version};
use crate::time;
use crate::values::Payload;
use crate::write;

/// One value of the history, checked.
struct Interval {
    payload: Payload,
    from: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
}

impl Interval {
    /// Whether two intervals share an instant (half-open: `[from, until)`).
    fn overlaps(&self, other: &Interval) -> bool {
        let before = |a: &Interval, b: &Interval| a.until.is_some_and(|u| u <= b.from);
        !before(self, other) && !before(other, self)
    }
}

fn value_issue(i: usize, key: &str, message: &str) -> ApiError {
    ApiError::body_issue(
        vec![json!("data"), json!("values"), json!(i), json!(key)],
        message,
    )
}

fn timestamp(raw: &Value, i: usize, key: &str) -> Result<DateTime<Utc>, ApiError> {
    raw.as_str()
        .and_then(time::parse_timestamp)
        .ok_or_else(|| value_issue(i, key, "Expected an ISO 8601 timestamp."))
}

/// The values of the body, each validated as a write of the attribute is.
fn intervals(
    store: &Store,
    attribute: &Attribute,
    values: &[Value],
) -> Result<Vec<Interval>, ApiError> {
    let mut out = Vec::with_capacity(values.len());
    for (i, raw) in values.iter().enumerate() {
        let Value::Object(fields) = raw else {
            return Err(value_issue(i, "value", "Expected an object."));
        };
        let value = fields
            .get("value")
            .ok_or_else(|| value_issue(i, "value", "Required"))?;
        let from = timestamp(
            fields
                .get("active_from")
                .ok_or_else(|| value_issue(i, "active_from", "Required"))?,
            i,
            "active_from",
        )?;
        let until = match fields.get("active_until") {
            None => return Err(value_issue(i, "active_until", "Required")),
            Some(Value::Null) => None,
            Some(raw) => Some(timestamp(raw, i, "active_until")?),
        };
        if until.is_some_and(|u| u <= from) {
            return Err(value_issue(
                i,
                "active_until",
                "Expected a timestamp after active_from.",
            ));
        }
        let payload = write::resolve_one(store, attribute, value)?;
        out.push(Interval {
            payload,
            from,
            until,
        });
    }
    out.sort_by_key(|v| v.from);
    Ok(out)
}

/// What a history must be: one value at a time for a single-value
/// attribute, no value twice at once for a multiselect one, a current
/// value for a required one, and current values no other record holds for
/// a unique one.
fn check(
    store: &Store,
    owner: Owner,
    id: &str,
    attribute: &Attribute,
    history: &[Interval],
) -> Result<(), ApiError> {
    let slug = &attribute.api_slug;
    for (i, a) in history.iter().enumerate() {
        for b in &history[i + 1..] {
            if !a.overlaps(b) {
                continue;
            }
            if !attribute.is_multiselect {
                return Err(ApiError::bad_request(
                    "multiple_values_for_single_value_attribute",
                    format!("Values of attribute with slug \"{slug}\" overlap in time, but it takes one value at a time."),
                ));
            }
            if a.payload.match_key() == b.payload.match_key() {
                return Err(ApiError::bad_request(
                    "duplicate_values",
                    format!(
                        "The same value of attribute with slug \"{slug}\" is active twice at once."
                    ),
                ));
            }
        }
    }
    let current: Vec<&Interval> = history.iter().filter(|v| v.until.is_none()).collect();
    if attribute.is_required && current.is_empty() {
        return Err(ApiError::bad_request(
            "missing_value",
            format!("Attribute with slug \"{slug}\" is required, so one value must have no active_until."),
        ));
    }
    if attribute.is_unique {
        let others = owner
            .collection(store)
            .into_iter()
            .flat_map(|c| c.items.values())
            .filter(|r| r.id != id);
        for other in others {
            let held = other.values(&attribute.id.attribute_id);
            if current.iter().any(|v| {
                held.iter()
                    .any(|h| h.payload.match_key() == v.payload.match_key())
            }) {
                return Err(ApiError::bad_request(
                    "uniqueness_conflict",
                    format!(
                        "A value provided for attribute with slug \"{slug}\" conflicts with one \
                         already in the system (record ID \"{}\").",
                        other.id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Attributes whose history cannot be written: system and enriched ones
/// (not writable) and either side of a relationship, as Attio documents.
fn check_writable(attribute: &Attribute) -> Result<(), ApiError> {
    let slug = &attribute.api_slug;
    if !attribute.accepts_writes() {
        return Err(ApiError::bad_request(
            "system_edit_unauthorized",
            format!("Cannot write the value history of attribute with slug \"{slug}\": it is a system or enriched attribute."),
        ));
    }
    if attribute.relationship.is_some() {
        return Err(ApiError::bad_request(
            "validation_type",
            format!("Cannot write the value history of attribute with slug \"{slug}\": it is one side of a relationship."),
        ));
    }
    Ok(())
}

/// `PUT /v2/objects/{object}/records/{record}/attributes/{attribute}/values`
/// and `PUT /v2/lists/{list}/entries/{entry}/attributes/{attribute}/values`.
pub(crate) async fn write_values<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, id, attribute)): Path<(String, String, String)>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    item(&store, owner, &id)?;
    let attribute = attribute_of(&store, owner, &attribute)?.clone();
    let data_in = data_object(&body)?;
    match required(data_in, "replace_history")? {
        Value::Bool(true) => {}
        _ => return Err(field_issue("replace_history", "Expected true.")),
    }
    let Value::Array(values) = required(data_in, "values")? else {
        return Err(field_issue("values", "Expected array."));
    };
    if values.is_empty() {
        return Err(field_issue("values", "At least one value is required."));
    }
    check_writable(&attribute)?;
    let history = intervals(&store, &attribute, values)?;
    check(&store, owner, &id, &attribute, &history)?;
    let actor = store.token_actor();
    let mut versions: HashMap<bool, Vec<Version>> = HashMap::new();
    for v in history {
        versions
            .entry(v.until.is_none())
            .or_default()
            .push(Version {
                payload: v.payload,
                active_from: time::format_timestamp(v.from),
                active_until: v.until.map(time::format_timestamp),
                actor: actor.clone(),
            });
    }
    let attribute_id = &attribute.id.attribute_id;
    // Out and back in, so that the unique index follows the new values.
    let collection = owner.collection_mut(&mut store);
    let Some(mut record) = collection.remove(&id) else {
        return Err(super::not_found(owner.target(), &id));
    };
    let current = versions.remove(&true).unwrap_or_default();
    let closed = versions.remove(&false).unwrap_or_default();
    record.active.remove(attribute_id);
    record.history.remove(attribute_id);
    if !current.is_empty() {
        record.active.insert(attribute_id.clone(), current);
    }
    if !closed.is_empty() {
        record.history.insert(attribute_id.clone(), closed);
    }
    collection.insert(record);
    let record = item(&store, owner, &id)?;
    let mut written: Vec<&Version> = record
        .history
        .get(attribute_id)
        .into_iter()
        .flatten()
        .chain(record.values(attribute_id))
        .collect();
    written.sort_by(|a, b| a.active_from.cmp(&b.active_from));
    Ok(data(Value::Array(
        written
            .into_iter()
            .map(|v| render::value(&store, &attribute, v))
            .collect(),
    )))
}
