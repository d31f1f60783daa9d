//! Typed calls on the entries of a list.

use futures_core::Stream;
use reqwest::Method;

use crate::client::items;
use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::EntryId;
use crate::record::{Entry, Write};
use crate::request::EntryCreate;
use crate::{Client, Error};
use crate::{Query, StoredEntry};

impl Client {
    /// Adds an entry for a parent record: `POST /v2/lists/{list}/entries`.
    /// A parent may have several entries. Not repeated after an ambiguous
    /// failure, as that could add a second entry.
    pub async fn create_entry<E: Entry>(
        &self,
        entry: EntryCreate<E>,
    ) -> Result<StoredEntry<E>, Error> {
        let call = Call::write(
            Method::POST,
            entry.path(),
            Some(entry.body()),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Creates the parent record's entry, or updates it if it has exactly
    /// one (multiselect values replaced): `PUT /v2/lists/{list}/entries`.
    /// Safe to retry.
    pub async fn upsert_entry<E: Entry>(
        &self,
        entry: EntryCreate<E>,
    ) -> Result<StoredEntry<E>, Error> {
        let call = Call::write(
            Method::PUT,
            entry.path(),
            Some(entry.body()),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Reads an entry: `GET /v2/lists/{list}/entries/{entry_id}`.
    pub async fn get_entry<E: Entry>(&self, entry_id: &EntryId) -> Result<StoredEntry<E>, Error> {
        self.call(items::get::<E>(entry_id.as_str())).await
    }

    /// Updates an entry, adding to multiselect values (`PATCH`). The list is
    /// the write's target, so `update_entry(&id, Row::write()…)` needs no
    /// annotation.
    pub async fn update_entry<E: Entry>(
        &self,
        entry_id: &EntryId,
        write: impl Write<Target = E>,
    ) -> Result<StoredEntry<E>, Error> {
        self.call(items::write::<E>(
            Method::PATCH,
            entry_id.as_str(),
            write.values(),
        ))
        .await
    }

    /// Updates an entry, replacing multiselect values (`PUT`).
    pub async fn overwrite_entry<E: Entry>(
        &self,
        entry_id: &EntryId,
        write: impl Write<Target = E>,
    ) -> Result<StoredEntry<E>, Error> {
        self.call(items::write::<E>(
            Method::PUT,
            entry_id.as_str(),
            write.values(),
        ))
        .await
    }

    /// Deletes an entry (the parent record stays).
    pub async fn delete_entry<E: Entry>(&self, entry_id: &EntryId) -> Result<(), Error> {
        self.send(items::delete::<E>(entry_id.as_str()))
            .await
            .map(drop)
    }

    /// Every entry matching `query`, paginated like [`query_records`](Self::query_records).
    pub fn query_entries<'a, E: Entry + 'a>(
        &'a self,
        query: Query<E>,
    ) -> impl Stream<Item = Result<StoredEntry<E>, Error>> + 'a {
        self.query_items(query)
    }
}
