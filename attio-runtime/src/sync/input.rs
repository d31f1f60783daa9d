//! What a sync can push: a record assert ([`Assert`]) or an entry of a list
//! by its parent ([`EntryCreate`]), each with its matching key, its hash and
//! its dead-letter form.

use std::fmt;
use std::future::Future;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::canonical;
use crate::error::ValueError;
use crate::record::{Entry, Record, Write};
use crate::request::{Assert, EntryCreate};
use crate::{AttioApi, Error};
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
}

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
}
