//! Finding the records that hold a value: through a collection's unique
//! index where it has one, by a scan where it does not.

use crate::store::{Collection, Owner, Store};
use crate::values::Payload;

/// Ids of the items of `collection` holding a value with this match key as
/// a current value of `attribute_id`.
pub(crate) fn holders(collection: &Collection, attribute_id: &str, key: &str) -> Vec<String> {
    match collection.holders(attribute_id, key) {
        Some(holders) => holders.to_vec(),
        None => holders_by_scan(collection, attribute_id, key),
    }
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

/// Ids of the records (or entries) of `owner` holding any of `payloads` as a
/// current value of `attribute_id`, in creation order.
pub(crate) fn matching_ids(
    store: &Store,
    owner: Owner,
    attribute_id: &str,
    payloads: &[Payload],
) -> Vec<String> {
    let Some(collection) = owner.collection(store) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = Vec::new();
    for payload in payloads {
        for id in holders(collection, attribute_id, &payload.match_key()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids.sort_by_key(|id| collection.items.get(id).map_or(0, |r| r.seq));
    ids
}
