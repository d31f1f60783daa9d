//! What a sync can push: a record assert ([`Assert`]) or an entry of a list
//! by its parent ([`EntryCreate`]), each with its matching key, its hash and
//! its dead-letter form.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde_json::{json, Map, Value};

use super::canonical;
use super::state::Synced;
use crate::error::ValueError;
use crate::record::{Entry, Record, Write};
use crate::request::{Assert, EntryCreate};
use crate::{AttioApi, Error, Filter, Query};
use crate::{EntryId, RecordId};

/// What Attio answered to a successful write.
#[derive(Debug, Clone)]
pub struct Written<Id> {
    /// The record's (or entry's) id.
    pub id: Id,
    /// When Attio created it; with the time the write was first sent, this
    /// tells a create from an update.
    pub created_at: DateTime<Utc>,
}

/// One input of a sync. Implemented for [`Assert`] (a record matched on a
/// unique attribute) and [`EntryCreate`] (a list entry matched on its
/// parent record); the sync engine needs nothing else of an input.
pub trait SyncInput: Clone + Send + 'static {
    /// The id Attio gives the written item.
    type Id: Clone + Send + fmt::Display + FromStr + 'static;

    /// Where its state is kept: the object or list, and what it matches on
    /// (`objects/people/email_addresses`, `lists/pipeline/parent`).
    fn scope(&self) -> String;

    /// The value it is matched on, canonical: equal for inputs Attio
    /// matches to the same item. Fails when there is nothing to match on.
    fn key(&self) -> Result<String, ValueError>;

    /// The hex SHA-256 of the canonical form of what it writes.
    fn hash(&self) -> String;

    /// The input as written, for the dead-letter file (see
    /// [`DeadLetter`](super::DeadLetter)).
    fn to_json(&self) -> Value;

    /// Sends it: the one request a changed input costs (retries aside).
    fn send<A: AttioApi>(
        self,
        api: &A,
    ) -> impl Future<Output = Result<Written<Self::Id>, Error>> + Send;

    /// What Attio holds now for the keys of `inputs` (of one scope, with
    /// keys), read with one paged query: per key found, the item's id and
    /// the hash of its stored values of the attributes that key's input
    /// writes, comparable with [`hash`](Self::hash). For
    /// [`BulkSync::reconcile`](super::BulkSync::reconcile).
    fn current<A: AttioApi>(
        api: &A,
        inputs: &[Self],
    ) -> impl Future<Output = Result<HashMap<String, Synced>, Error>> + Send;
}

/// The attributes each input writes, by key: what a stored item is hashed over.
fn written_slugs<I: SyncInput>(
    inputs: &[I],
    values: impl Fn(&I) -> &Map<String, Value>,
) -> HashMap<String, Vec<String>> {
    inputs
        .iter()
        .filter_map(|input| {
            let slugs = values(input).keys().cloned().collect();
            input.key().ok().map(|key| (key, slugs))
        })
        .collect()
}

/// The values of `slugs` in `stored` (a stored item's write form), absent
/// ones as empty, as an input that writes `slugs` would spell them.
fn restricted(stored: &Map<String, Value>, slugs: &[String]) -> Map<String, Value> {
    slugs
        .iter()
        .map(|slug| {
            let value = stored
                .get(slug)
                .cloned()
                .unwrap_or(Value::Array(Vec::new()));
            (slug.clone(), value)
        })
        .collect()
}

impl<R> SyncInput for Assert<R>
where
    R: Record + Send + 'static,
    R::Write: Clone + Send + 'static,
{
    type Id = RecordId;

    fn scope(&self) -> String {
        format!(
            "{}/{}/{}",
            R::TARGET.path_segment(),
            R::OBJECT,
            self.matching_attribute()
        )
    }

    fn key(&self) -> Result<String, ValueError> {
        self.check()?;
        let matching = self.write().values().get(self.matching_attribute());
        Ok(canonical::key(matching.unwrap_or(&Value::Null)))
    }

    fn hash(&self) -> String {
        canonical::hash("", self.write().values().as_map())
    }

    fn to_json(&self) -> Value {
        json!({
            "object": R::OBJECT,
            "matching_attribute": self.matching_attribute(),
            "values": self.write().values().as_map(),
        })
    }

    async fn send<A: AttioApi>(self, api: &A) -> Result<Written<RecordId>, Error> {
        let stored = api.assert_record::<R>(self).await?;
        Ok(Written {
            id: stored.id.record_id,
            created_at: stored.created_at,
        })
    }

    fn current<A: AttioApi>(
        api: &A,
        inputs: &[Self],
    ) -> impl Future<Output = Result<HashMap<String, Synced>, Error>> + Send {
        // Everything the query needs is taken from `inputs` first, so that
        // the future holds no reference to them (`Assert` need not be `Sync`).
        let matching = inputs.first().map(Assert::matching_attribute);
        let wanted = written_slugs(inputs, |input| input.write().values().as_map());
        // Only a matching value of one value can be looked up by its key
        // (the bare value); an input with several is not read back, so it
        // is written again.
        let single = inputs.iter().filter(|input| {
            let value = input.write().values().get(input.matching_attribute());
            !matches!(value, Some(Value::Array(values)) if values.len() != 1)
        });
        let filter = Filter::<R>::or(single.filter_map(|input| {
            let key = input.key().ok()?;
            Some(Filter::raw(json!({ input.matching_attribute(): key })))
        }));
        let query = Query::new().filter(filter).limit(QUERY_PAGE);
        async move {
            let Some(matching) = matching else {
                return Ok(HashMap::new());
            };
            let stored: Vec<_> = api.query_records::<R>(query).try_collect().await?;
            let mut found = HashMap::new();
            for record in stored {
                let write = record.values.to_write();
                let values = write.values().as_map();
                let Some(Value::Array(matched)) = values.get(matching) else {
                    continue;
                };
                for one in matched {
                    let key = canonical::key(&Value::Array(vec![one.clone()]));
                    if let Some(slugs) = wanted.get(&key) {
                        let hash = canonical::hash("", &restricted(values, slugs));
                        let id = record.id.record_id.to_string();
                        found.insert(key, Synced { id, hash });
                    }
                }
            }
            Ok(found)
        }
    }
}

/// Records (or entries) per page of a reconcile read: Attio's largest page.
const QUERY_PAGE: u32 = 500;

impl<E> SyncInput for EntryCreate<E>
where
    E: Entry + Send + 'static,
    E::Write: Clone + Send + 'static,
{
    type Id = EntryId;

    fn scope(&self) -> String {
        format!("{}/{}/parent", E::TARGET.path_segment(), E::LIST)
    }

    fn key(&self) -> Result<String, ValueError> {
        Ok(format!(
            "{}/{}",
            self.parent_object(),
            self.parent_record_id()
        ))
    }

    fn hash(&self) -> String {
        let parent = format!("{}/{}", self.parent_object(), self.parent_record_id());
        canonical::hash(&parent, self.write().values().as_map())
    }

    fn to_json(&self) -> Value {
        json!({
            "list": E::LIST,
            "parent_object": self.parent_object(),
            "parent_record_id": self.parent_record_id().as_str(),
            "entry_values": self.write().values().as_map(),
        })
    }

    async fn send<A: AttioApi>(self, api: &A) -> Result<Written<EntryId>, Error> {
        let stored = api.upsert_entry::<E>(self).await?;
        Ok(Written {
            id: stored.id.entry_id,
            created_at: stored.created_at,
        })
    }

    fn current<A: AttioApi>(
        api: &A,
        inputs: &[Self],
    ) -> impl Future<Output = Result<HashMap<String, Synced>, Error>> + Send {
        let empty = inputs.is_empty();
        let wanted = written_slugs(inputs, |input| input.write().values().as_map());
        let parents: Vec<&str> = inputs
            .iter()
            .map(|i| i.parent_record_id().as_str())
            .collect();
        let filter =
            Filter::<E>::raw(json!({"parent_record": {"target_record_id": {"$in": parents}}}));
        let query = Query::new().filter(filter).limit(QUERY_PAGE);
        async move {
            if empty {
                return Ok(HashMap::new());
            }
            let stored: Vec<_> = api.query_entries::<E>(query).try_collect().await?;
            let mut found = HashMap::new();
            for entry in stored {
                let key = format!("{}/{}", entry.parent_object, entry.parent_record_id);
                if let Some(slugs) = wanted.get(&key) {
                    let write = entry.entry_values.to_write();
                    let values = restricted(write.values().as_map(), slugs);
                    let hash = canonical::hash(&key, &values);
                    let id = entry.id.entry_id.to_string();
                    found.insert(key, Synced { id, hash });
                }
            }
            Ok(found)
        }
    }
}
