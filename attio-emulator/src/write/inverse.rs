//! The third phase of a write: the other side of two-way relationships
//! kept in step with the side written, and references to a deleted record
//! cleaned up everywhere.

use serde_json::Value;

use attio_schema::{AttributeId, Target};

use super::apply::set_values;
use super::plan::Plan;
use crate::store::{find_attribute, Owner, Store};
use crate::time;
use crate::values::Payload;

/// One written relationship attribute: the targets it pointed at before the
/// write and those it points at after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelationshipChange {
    /// The written attribute.
    forward_attribute_id: String,
    /// The attribute on the other side.
    inverse: AttributeId,
    /// `(object_id, record_id)` targets before and after the write.
    old: Vec<(String, String)>,
    new: Vec<(String, String)>,
}

/// The relationship changes a plan makes, read before it is applied (when
/// the old targets are still in the store). Only records have two-way
/// relationships; a list's entries give none.
pub(crate) fn changes(store: &Store, owner: Owner, plan: &Plan) -> Vec<RelationshipChange> {
    if owner.target() != Target::Object {
        return Vec::new();
    }
    let current = plan
        .existing
        .as_deref()
        .and_then(|id| owner.collection(store)?.items.get(id));
    plan.changes
        .iter()
        .filter_map(|(attribute, new)| {
            let relationship = attribute.relationship.as_ref()?;
            let old = current
                .map(|r| {
                    reference_targets(
                        r.values(&attribute.id.attribute_id)
                            .iter()
                            .map(|v| &v.payload),
                    )
                })
                .unwrap_or_default();
            Some(RelationshipChange {
                forward_attribute_id: attribute.id.attribute_id.clone(),
                inverse: relationship.id.clone(),
                old,
                new: reference_targets(new.iter()),
            })
        })
        .collect()
}

/// Mirrors relationship changes of the record `record_id` of `owner` on the
/// other side, stamping the values changed there with `now` and `actor`.
pub(crate) fn mirror(
    store: &mut Store,
    owner: Owner,
    record_id: &str,
    changes: &[RelationshipChange],
    now: &str,
    actor: &Value,
) {
    let Owner::Object(i) = owner else {
        return;
    };
    let Some(object_id) = store.objects.get(i).map(|o| o.id.object_id.clone()) else {
        return;
    };
    let me = Payload::RecordRef {
        object_id,
        record_id: record_id.to_owned(),
    };
    for change in changes {
        update_inverse(store, change, &me, now, actor);
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

/// Keeps the other side of a two-way relationship in step: records newly
/// referenced gain a reference back to `me`, records no longer referenced
/// lose it. When the other side holds a single value, the record it pointed
/// at before loses its reference too, so both sides always agree.
fn update_inverse(
    store: &mut Store,
    change: &RelationshipChange,
    me: &Payload,
    now: &str,
    actor: &Value,
) {
    let inverse = &change.inverse;
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
    for (object_id, record_id) in change.old.iter().chain(&change.new) {
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
        let has_me = values.contains(me);
        if keep && !has_me {
            if inverse_attribute.is_multiselect {
                values.insert(0, me.clone());
            } else {
                let target_ref = Payload::RecordRef {
                    object_id: object_id.clone(),
                    record_id: record_id.clone(),
                };
                displaced.extend(values.drain(..).map(|d| (d, target_ref.clone())));
                values = vec![me.clone()];
            }
        } else if !keep && has_me {
            values.retain(|p| p != me);
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
            .values(&change.forward_attribute_id)
            .iter()
            .map(|v| v.payload.clone())
            .filter(|p| *p != target_ref)
            .collect();
        set_values(holder, &change.forward_attribute_id, remaining, now, actor);
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

#[cfg(test)]
mod tests;
