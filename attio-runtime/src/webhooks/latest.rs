//! From events to typed records: events carry ids only, so a receiver
//! fetches the record — once per record however many events name it, and
//! always its current state, which makes the order deliveries arrive in
//! irrelevant.

use std::marker::PhantomData;

use tokio::sync::OnceCell;

use super::Event;
use crate::ids::{ObjectId, RecordId};
use crate::record::Record;
use crate::stored::Stored;
use crate::{Client, Error, ErrorKind};

/// What became of a record that events named.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched<R> {
    /// Its state now.
    Current(Stored<R>),
    /// It no longer exists (deleted, or merged into another record).
    Deleted(RecordId),
}

/// Fetches the records of `R`'s object that events are about.
///
/// ```no_run
/// use attio_runtime::webhooks::{Event, Fetched, Latest};
/// # use attio_runtime::{Record, Client};
/// # async fn run<Deal: Record>(client: Client, events: Vec<Event>) -> Result<(), attio_runtime::Error> {
/// let deals = Latest::<Deal>::new(client);
/// for fetched in deals.records(&events).await? {
///     match fetched {
///         Fetched::Current(deal) => { /* deal.values … */ }
///         Fetched::Deleted(id) => { /* forget id */ }
///     }
/// }
/// # Ok(()) }
/// ```
pub struct Latest<R> {
    client: Client,
    object_id: OnceCell<ObjectId>,
    record: PhantomData<fn() -> R>,
}

impl<R: Record> Latest<R> {
    /// A fetcher through `client` (its pacing and retries apply).
    pub fn new(client: Client) -> Latest<R> {
        Latest {
            client,
            object_id: OnceCell::new(),
            record: PhantomData,
        }
    }

    /// The id of `R`'s object, looked up once (`GET /v2/objects`).
    async fn object_id(&self) -> Result<&ObjectId, Error> {
        self.object_id
            .get_or_try_init(|| async {
                let objects = self.client.list_objects().await?;
                let object = objects.iter().find(|o| o.api_slug == R::OBJECT).ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("the workspace has no object `{}`; regenerate the bindings from its current schema", R::OBJECT),
                    )
                })?;
                ObjectId::new(&object.id.object_id).map_err(|e| Error::new(ErrorKind::Decode, e.to_string()))
            })
            .await
    }

    /// The current state of every record of `R`'s object that `events`
    /// name, in the order first named, each fetched once; records of other
    /// objects and non-record events are left out.
    pub async fn records(&self, events: &[Event]) -> Result<Vec<Fetched<R>>, Error> {
        let mut ids: Vec<&RecordId> = Vec::new();
        let mut merged_away: Vec<&RecordId> = Vec::new();
        for event in events {
            if let Event::RecordMerged(m) = event {
                if &m.duplicate_object_id == self.object_id().await? {
                    merged_away.push(&m.duplicate_record_id);
                }
            }
            if let Some((object, record)) = event.record() {
                if !ids.contains(&record) && object == self.object_id().await? {
                    ids.push(record);
                }
            }
        }
        let mut out = Vec::with_capacity(ids.len() + merged_away.len());
        for id in ids {
            match self.client.get_record::<R>(id).await {
                Ok(stored) => out.push(Fetched::Current(stored)),
                Err(e) if e.kind() == ErrorKind::NotFound => out.push(Fetched::Deleted(id.clone())),
                Err(e) => return Err(e),
            }
        }
        out.extend(
            merged_away
                .into_iter()
                .map(|id| Fetched::Deleted(id.clone())),
        );
        Ok(out)
    }
}
