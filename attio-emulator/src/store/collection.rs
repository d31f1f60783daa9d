//! Where records and entries live: their values with history (`Version`),
//! and per object or list a `Collection` with the index of its unique
//! values, so that uniqueness checks and asserts do not scan.

use std::collections::HashMap;

use attio_schema::Attribute;
use serde_json::Value;

use crate::values::Payload;

/// One value of an attribute, current or historic.
#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub payload: Payload,
    pub active_from: String,
    pub active_until: Option<String>,
    pub actor: Value,
}

/// A record of an object, or an entry of a list (entries have a parent).
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub id: String,
    /// Creation order, the default order of queries.
    pub seq: u64,
    pub created_at: String,
    /// `(object_id, record_id)` of an entry's parent record.
    pub parent: Option<(String, String)>,
    /// Current values by attribute id, in display order.
    pub active: HashMap<String, Vec<Version>>,
    /// Closed values by attribute id, oldest first.
    pub history: HashMap<String, Vec<Version>>,
}

impl Record {
    /// The current values of an attribute (empty when it has none).
    pub(crate) fn values(&self, attribute_id: &str) -> &[Version] {
        self.active.get(attribute_id).map_or(&[], Vec::as_slice)
    }
}

/// Records of one object or entries of one list, by id, with an index of
/// the values of their unique attributes.
///
/// The index makes asserts and uniqueness checks cost a hash lookup rather
/// than a scan of the collection. It covers the attributes registered with
/// [`Collection::index_attribute`], and stays exact because every change of
/// a record's values of such an attribute goes through
/// [`Collection::insert`] / [`Collection::remove`] (writes take the record
/// out and put it back). Only record-reference values are changed in place
/// (relationship and delete bookkeeping), and those are never indexed.
#[derive(Debug, Default, Clone)]
pub(crate) struct Collection {
    pub items: HashMap<String, Record>,
    /// attribute id → match key → ids of the records holding that value.
    unique: HashMap<String, HashMap<String, Vec<String>>>,
}

impl Collection {
    /// An empty collection indexing the unique attributes among `attributes`.
    pub(crate) fn new(attributes: &[Attribute]) -> Collection {
        let mut collection = Collection::default();
        for attribute in attributes.iter().filter(|a| indexable(a)) {
            collection.index_attribute(&attribute.id.attribute_id);
        }
        collection
    }

    /// Items in creation order.
    pub(crate) fn ordered(&self) -> Vec<&Record> {
        let mut items: Vec<&Record> = self.items.values().collect();
        items.sort_by_key(|r| r.seq);
        items
    }

    /// Ids of the items holding the value with this match key, when the
    /// attribute is indexed (`None` otherwise: scan instead).
    pub(crate) fn holders(&self, attribute_id: &str, key: &str) -> Option<&[String]> {
        let index = self.unique.get(attribute_id)?;
        Some(index.get(key).map_or(&[], Vec::as_slice))
    }

    /// (Re)builds the index of an attribute from the current values.
    pub(crate) fn index_attribute(&mut self, attribute_id: &str) {
        let mut index: HashMap<String, Vec<String>> = HashMap::new();
        for record in self.items.values() {
            for version in record.values(attribute_id) {
                index
                    .entry(version.payload.match_key().into_owned())
                    .or_default()
                    .push(record.id.clone());
            }
        }
        self.unique.insert(attribute_id.to_owned(), index);
    }

    /// Stops indexing an attribute.
    pub(crate) fn unindex_attribute(&mut self, attribute_id: &str) {
        self.unique.remove(attribute_id);
    }

    /// Adds (or puts back) an item, indexing its values.
    pub(crate) fn insert(&mut self, record: Record) {
        for (attribute_id, index) in self.unique.iter_mut() {
            for version in record.values(attribute_id) {
                let holders = index
                    .entry(version.payload.match_key().into_owned())
                    .or_default();
                if !holders.contains(&record.id) {
                    holders.push(record.id.clone());
                }
            }
        }
        self.items.insert(record.id.clone(), record);
    }

    /// Takes an item out, removing its values from the index.
    pub(crate) fn remove(&mut self, id: &str) -> Option<Record> {
        let record = self.items.remove(id)?;
        for (attribute_id, index) in self.unique.iter_mut() {
            for version in record.values(attribute_id) {
                let key = version.payload.match_key();
                if let Some(holders) = index.get_mut(key.as_ref()) {
                    holders.retain(|h| *h != record.id);
                    if holders.is_empty() {
                        index.remove(key.as_ref());
                    }
                }
            }
        }
        Some(record)
    }

    /// Removes every item the predicate rejects.
    pub(crate) fn retain(&mut self, keep: impl Fn(&Record) -> bool) {
        let doomed: Vec<String> = self
            .items
            .values()
            .filter(|r| !keep(r))
            .map(|r| r.id.clone())
            .collect();
        for id in doomed {
            self.remove(&id);
        }
    }
}

/// Whether an attribute's values are indexed: unique, of a type that can be
/// unique (never a record reference, whose values change in place).
pub(crate) fn indexable(attribute: &Attribute) -> bool {
    attribute.is_unique && attribute.attribute_type.can_be_unique()
}
