//! Typed calls on the records of an object.

use serde::Deserialize;

use futures_core::Stream;
use futures_util::TryStreamExt;
use reqwest::Method;
use serde_json::{json, Value};

use crate::attribute::{Attribute, IsUnique};
use crate::client::items;
use crate::client::retry::Idempotency;
use crate::client::transport::{decode, decode_data, Call};
use crate::client::{RecordFuture, DEFAULT_PAGE_SIZE};
use crate::ids::RecordId;
use crate::kind::Kind;
use crate::record::{Record, Write};
use crate::request::{self, Assert};
use crate::{Client, Error};
use crate::{Query, Stored};

impl Client {
    /// Creates a record: `POST /v2/objects/{object}/records`.
    ///
    /// Not repeated after an ambiguous failure (a timeout, a 5xx, a dropped
    /// connection): the record may exist, and a second attempt could create
    /// a duplicate, so the error is returned instead. Use
    /// [`upsert_record`](Self::upsert_record) for writes that must be retried safely.
    ///
    /// The record type is the write's target, so `client.create_record(Company::write()…)`
    /// needs no annotation (`create_record::<Company>(…)` compiles too).
    pub fn create_record<R: Record>(&self, write: impl Write<Target = R>) -> RecordFuture<'_, R> {
        let body = request::create_body(write.values());
        let call = Call::write(
            Method::POST,
            request::records_path::<R>(),
            Some(body),
            Idempotency::NotIdempotent,
        );
        RecordFuture::send(self, call)
    }

    /// Reads a record by id: `GET /v2/objects/{object}/records/{id}`.
    ///
    /// Answered from the cache when the client has one
    /// ([`ClientBuilder::cache_records`](crate::ClientBuilder::cache_records))
    /// and the record is in it.
    pub async fn get_record<R: Record>(&self, id: &RecordId) -> Result<Stored<R>, Error> {
        let path = request::record_path::<R>(id);
        if let Some(body) = self
            .inner
            .cache
            .as_ref()
            .and_then(|c| c.get(R::OBJECT, id.as_str()))
        {
            return decode_data(&body, &Method::GET, &path);
        }
        RecordFuture::send(self, items::get::<R>(id.as_str())).await
    }

    /// Updates a record, adding to multiselect values (`PATCH`): values
    /// already present are kept and not repeated; single values are
    /// replaced; attributes not in the write are untouched.
    pub fn update_record<R: Record>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R>,
    ) -> RecordFuture<'_, R> {
        self.write_record::<R>(Method::PATCH, id, write)
    }

    /// Updates a record, replacing multiselect values with exactly the
    /// written ones (`PUT`); attributes not in the write are untouched.
    pub fn overwrite_record<R: Record>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R>,
    ) -> RecordFuture<'_, R> {
        self.write_record::<R>(Method::PUT, id, write)
    }

    /// PATCH or PUT of a record by id, the cached copy dropped first.
    fn write_record<R: Record>(
        &self,
        method: Method,
        id: &RecordId,
        write: impl Write<Target = R>,
    ) -> RecordFuture<'_, R> {
        self.forget::<R>(id);
        RecordFuture::send(self, items::write::<R>(method, id.as_str(), write.values()))
    }

    /// Creates or updates the record matched by a unique attribute
    /// (Attio's assert, `PUT …/records?matching_attribute=`). Only unique
    /// attributes compile here. On a match, values of the matching
    /// attribute are added and every other multiselect in the write is
    /// replaced. Safe to retry, and retried.
    ///
    /// ```no_run
    /// # use attio_runtime::{Client, Record, Write, kind, Attribute, Unique, Values};
    /// # async fn run<P: Record>(client: &Client, email: Attribute<P, kind::EmailAddress, Unique>, write: P::Write) -> Result<(), attio_runtime::Error> {
    /// let person = client.upsert_record(email, write).await?; // e.g. Person::EMAIL_ADDRESSES
    /// # Ok(()) }
    /// ```
    ///
    /// A non-unique attribute is one compile error, at the argument.
    pub fn upsert_record<R: Record, K: Kind, U: IsUnique>(
        &self,
        matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> RecordFuture<'_, R> {
        self.assert_record(Assert::new(matching, write))
    }

    /// Sends a prepared [`Assert`] (see [`upsert_record`](Self::upsert_record)); refused
    /// before sending when the write has no value to match on.
    pub fn assert_record<R: Record>(&self, assert: Assert<R>) -> RecordFuture<'_, R> {
        if let Err(e) = assert.check() {
            return RecordFuture::refused(self, Method::PUT, assert.path(), e.into());
        }
        let call = Call::write(
            Method::PUT,
            assert.path(),
            Some(assert.body()),
            Idempotency::Idempotent,
        );
        RecordFuture::send(self, call)
    }

    /// Deletes a record, permanently: `DELETE /v2/objects/{object}/records/{id}`.
    pub async fn delete_record<R: Record>(&self, id: &RecordId) -> Result<(), Error> {
        let call = items::delete::<R>(id.as_str());
        self.forget::<R>(id);
        self.send(call).await.map(drop)
    }

    /// Drops a record about to be written from the cache: if the write
    /// fails ambiguously, the cached version may no longer be Attio's.
    fn forget<R: Record>(&self, id: &RecordId) {
        if let Some(cache) = &self.inner.cache {
            cache.remove(R::OBJECT, id.as_str());
        }
    }

    /// One page of a query: `POST /v2/objects/{object}/records/query` with
    /// the query's own limit and offset.
    pub async fn query_records_page<R: Record>(
        &self,
        query: &Query<R>,
    ) -> Result<Vec<Stored<R>>, Error> {
        self.call(items::query_page(query)).await
    }

    /// Every record matching `query`, page after page as the stream is
    /// read (the query's limit is the page size, 500 by default; its offset
    /// the start). A page shorter than the page size is the last.
    ///
    /// ```no_run
    /// # use attio_runtime::{Client, Query, Record};
    /// use futures_util::TryStreamExt;
    /// # async fn run<R: Record>(client: &Client) -> Result<(), attio_runtime::Error> {
    /// let all: Vec<_> = client.query_records::<R>(Query::new()).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn query_records<'a, R: Record + 'a>(
        &'a self,
        query: Query<R>,
    ) -> impl Stream<Item = Result<Stored<R>, Error>> + 'a {
        self.query_items(query)
    }

    /// Every record matching `query`, collected: [`query_records`](Self::query_records)
    /// read to the end, for when the records fit in memory.
    pub async fn query_all_records<R: Record>(
        &self,
        query: Query<R>,
    ) -> Result<Vec<Stored<R>>, Error> {
        self.query_records(query).try_collect().await
    }

    /// Every record with one of `ids`, in the order of `ids` (a query on
    /// `record_id`, paginated).
    pub async fn get_records<R: Record>(&self, ids: &[RecordId]) -> Result<Vec<Stored<R>>, Error> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(DEFAULT_PAGE_SIZE as usize) {
            let body = json!({
                "filter": {"record_id": {"$in": chunk.iter().map(RecordId::as_str).collect::<Vec<_>>()}},
                "limit": DEFAULT_PAGE_SIZE,
            });
            let page: Vec<Stored<R>> = self
                .call(Call::query(request::records_query_path::<R>(), body))
                .await?;
            found.extend(page);
        }
        let position = |r: &Stored<R>| ids.iter().position(|id| *id == r.id.record_id);
        found.sort_by_key(position);
        Ok(found)
    }

    /// The values of one attribute of a record, oldest first with
    /// `historic` (each with `active_from` / `active_until`), or only the
    /// current ones.
    pub async fn list_record_attribute_values<R: Record>(
        &self,
        id: &RecordId,
        attribute_slug: &str,
        historic: bool,
    ) -> Result<Vec<Value>, Error> {
        let path = format!(
            "{}/attributes/{attribute_slug}/values?show_historic={historic}",
            request::record_path::<R>(id)
        );
        self.call(Call::get(path)).await
    }
}

/// What a merge came to: Attio merges small records at once (`200`) and
/// large ones in the background (`202`). Either way the two records are
/// gone and a new one, with both records' values, takes their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The merged record is readable now.
    Done(RecordId),
    /// The merge is being applied: reading the new record fails with
    /// `404 merge_in_progress` (an [`ErrorKind::NotFound`](crate::ErrorKind)
    /// whose `code()` says so) until it is done.
    Accepted(RecordId),
}

impl MergeOutcome {
    /// The id of the record the merge made, done or not.
    pub fn record_id(&self) -> &RecordId {
        match self {
            MergeOutcome::Done(id) | MergeOutcome::Accepted(id) => id,
        }
    }
}

#[derive(Deserialize)]
struct Merged {
    data: MergedData,
}

#[derive(Deserialize)]
struct MergedData {
    new_record_id: RecordId,
}

impl Client {
    /// Merges two records of `R`'s object into a new one: "Merge two
    /// records", `POST /v2/objects/{object}/records/merge`. Where both have
    /// a value, the primary's wins; both originals can no longer be read
    /// or written. Not repeated after an ambiguous failure: a repeated
    /// merge finds the originals gone (404).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn merge_records<R: Record>(
        &self,
        primary: &RecordId,
        secondary: &RecordId,
    ) -> Result<MergeOutcome, Error> {
        let path = format!("{}/merge", request::records_path::<R>());
        let body = json!({"data": {
            "primary_record_id": primary.as_str(),
            "secondary_record_id": secondary.as_str(),
        }});
        self.forget::<R>(primary);
        self.forget::<R>(secondary);
        let call = Call::write(
            Method::POST,
            path.clone(),
            Some(body),
            Idempotency::NotIdempotent,
        );
        let (status, body) = self.send_for_status(call).await?;
        let merged: Merged = decode(&body, &Method::POST, &path)?;
        let id = merged.data.new_record_id;
        Ok(if status == 202 {
            MergeOutcome::Accepted(id)
        } else {
            MergeOutcome::Done(id)
        })
    }
}
