//! The second phase of a write: the checked plan put into the store. A new
//! record gets its system values; every touched attribute's replaced values
//! are closed into its history rather than dropped.

use serde_json::{json, Value};

use attio_schema::Target;

use super::plan::{Plan, Written};
use crate::store::{new_id, Owner, Record, Store, Version};
use crate::values::Payload;

/// Applies a plan: creates the record or entry (`parent` is a new entry's
/// parent record) or updates it, stamping new values with `now` and `actor`.
pub(crate) fn apply(
    store: &mut Store,
    owner: Owner,
    plan: Plan,
    parent: Option<(String, String)>,
    now: &str,
    actor: &Value,
) -> Written {
    let Plan { existing, changes } = plan;
    let created = existing.is_none();
    let record_id = existing.clone().unwrap_or_else(new_id);
    // The record is taken out of its collection while it is changed and
    // put back below, so that the unique index follows its new values.
    let taken = existing.and_then(|id| owner.collection_mut(store).remove(&id));
    let mut record = match taken {
        Some(r) => r,
        None => new_record(store, owner, record_id.clone(), parent, now, actor),
    };
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
        set_values(&mut record, &attribute.id.attribute_id, new, now, actor);
    }
    owner.collection_mut(store).insert(record);
    Written {
        id: record_id,
        created,
        changed,
    }
}

/// A record (or entry) with the values of the system attributes every new
/// one gets: `record_id` (records only), `created_at` and `created_by`.
pub(crate) fn new_record(
    store: &mut Store,
    owner: Owner,
    record_id: String,
    parent: Option<(String, String)>,
    now: &str,
    actor: &Value,
) -> Record {
    let system: Vec<(String, String)> = owner
        .attributes(store)
        .iter()
        .filter(|a| a.is_system_attribute)
        .map(|a| (a.api_slug.clone(), a.id.attribute_id.clone()))
        .collect();
    let seq = store.next_seq();
    let token_id = store.info.token_id.clone();
    let mut record = Record {
        id: record_id,
        seq,
        created_at: now.to_owned(),
        parent,
        active: Default::default(),
        history: Default::default(),
    };
    for (slug, attribute_id) in &system {
        let value = match slug.as_str() {
            "record_id" if owner.target() == Target::Object => json!({"value": record.id}),
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
                now,
                actor,
            );
        }
    }
    record
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

#[cfg(test)]
mod tests;
