//! [`AttioApi`]: the typed calls as a trait, so that business logic can be
//! written against it and unit-tested with a double instead of HTTP.

use std::future::Future;

use futures_core::Stream;
use futures_util::TryStreamExt;

use super::tasks::{NewTask, Task};
use super::{Client, ClientStats, Error, ErrorKind, Note, NoteFormat, WorkspaceMember};
use crate::attribute::{Attribute, IsUnique};
use crate::ids::WorkspaceMemberId;
use crate::kind::Kind;
use crate::record::{Entry, Record, Write};
use crate::request::{Assert, EntryCreate};
use crate::value::RecordId;
use crate::{Query, Stored, StoredEntry};

/// The future [`AttioApi::upsert`] returns: boxed, `Send`, borrowing for
/// `'a` (`futures_util`'s), re-exported so that a test double can name it.
pub use futures_util::future::BoxFuture;

/// The typed calls of [`Client`], as a trait.
///
/// Write the logic of an integration against `impl AttioApi`; in
/// production pass a [`Client`], in unit tests a double that implements
/// only the calls the logic makes — every method has a default that fails
/// with [`ErrorKind::Config`] naming the call, so a test double stays
/// short and an unexpected call is a clear test failure. (For tests that
/// need Attio's behaviour rather than canned answers, run the client
/// against `attio-emulator`.)
///
/// ```
/// use attio_runtime::{AttioApi, Error, Record, Stored, value::RecordId};
///
/// /// The logic under test: the name of a record's object, looked up.
/// async fn object_of<R: Record + Send>(api: &impl AttioApi, id: &RecordId) -> Result<&'static str, Error> {
///     api.get::<R>(id).await?;
///     Ok(R::OBJECT)
/// }
///
/// /// A double that knows no records.
/// struct Empty;
/// impl AttioApi for Empty {}
/// ```
pub trait AttioApi: Sync {
    /// See [`Client::create`].
    fn create<R>(
        &self,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let _ = write;
        not_provided("create")
    }

    /// See [`Client::get`].
    fn get<R>(&self, id: &RecordId) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let _ = id;
        not_provided("get")
    }

    /// See [`Client::update`].
    fn update<R>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let _ = (id, write);
        not_provided("update")
    }

    /// See [`Client::overwrite`].
    fn overwrite<R>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let _ = (id, write);
        not_provided("overwrite")
    }

    /// See [`Client::upsert`].
    ///
    /// The future is boxed so that its type does not name `U`: with
    /// `impl Future`, a non-unique attribute would be reported three times
    /// (argument, call, `.await`) instead of once. A double returns
    /// `Box::pin(std::future::ready(answer))` or `Box::pin(async move { … })`.
    fn upsert<'a, R, K, U>(
        &'a self,
        matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> BoxFuture<'a, Result<Stored<R>, Error>>
    where
        R: Record + Send + 'a,
        R::Write: Send,
        K: Kind,
        U: IsUnique,
    {
        let _ = (matching, write);
        Box::pin(not_provided("upsert"))
    }

    /// See [`Client::assert`].
    fn assert<R>(&self, assert: Assert<R>) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
        R::Write: Send,
    {
        drop(assert);
        not_provided("assert")
    }

    /// See [`Client::delete`].
    fn delete<R>(&self, id: &RecordId) -> impl Future<Output = Result<(), Error>> + Send
    where
        R: Record + Send,
    {
        let _ = id;
        not_provided("delete")
    }

    /// Every record matching `query` (see [`Client::query`], collected).
    fn query_all<R>(
        &self,
        query: Query<R>,
    ) -> impl Future<Output = Result<Vec<Stored<R>>, Error>> + Send
    where
        R: Record + Send + 'static,
    {
        drop(query);
        not_provided("query_all")
    }

    /// Every record matching `query`, page after page as the stream is read
    /// (see [`Client::query`]): for reading out of Attio without holding
    /// every record in memory.
    fn query<R>(&self, query: Query<R>) -> impl Stream<Item = Result<Stored<R>, Error>> + Send + '_
    where
        R: Record + Send + 'static,
    {
        drop(query);
        futures_util::stream::once(not_provided("query"))
    }

    /// What the client has sent so far (see [`Client::stats`]); a double
    /// sends nothing, and the default says so.
    fn stats(&self) -> ClientStats {
        ClientStats::default()
    }

    /// See [`Client::add_entry`].
    fn add_entry<E>(
        &self,
        entry: EntryCreate<E>,
    ) -> impl Future<Output = Result<StoredEntry<E>, Error>> + Send
    where
        E: Entry + Send,
        E::Write: Send,
    {
        drop(entry);
        not_provided("add_entry")
    }

    /// See [`Client::upsert_entry`].
    fn upsert_entry<E>(
        &self,
        entry: EntryCreate<E>,
    ) -> impl Future<Output = Result<StoredEntry<E>, Error>> + Send
    where
        E: Entry + Send,
        E::Write: Send,
    {
        drop(entry);
        not_provided("upsert_entry")
    }
    /// See [`Client::create_note`].
    fn create_note<R>(
        &self,
        record: &RecordId,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> impl Future<Output = Result<Note, Error>> + Send
    where
        R: Record + Send,
    {
        let _ = (record, title, content, format);
        not_provided("create_note")
    }

    /// See [`Client::create_task`].
    fn create_task(&self, task: &NewTask) -> impl Future<Output = Result<Task, Error>> + Send {
        let _ = task;
        not_provided("create_task")
    }

    /// See [`Client::workspace_member`].
    fn workspace_member(
        &self,
        id: &WorkspaceMemberId,
    ) -> impl Future<Output = Result<WorkspaceMember, Error>> + Send {
        let _ = id;
        not_provided("workspace_member")
    }
}

fn not_provided<T: Send>(call: &'static str) -> impl Future<Output = Result<T, Error>> + Send {
    std::future::ready(Err(Error::new(
        ErrorKind::Config,
        format!(
            "`{call}` is not implemented by this AttioApi (a test double that does not expect it)"
        ),
    )))
}

impl AttioApi for Client {
    fn create<R>(
        &self,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        Client::create(self, write)
    }

    fn get<R>(&self, id: &RecordId) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        Client::get(self, id)
    }

    fn update<R>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        Client::update(self, id, write)
    }

    fn overwrite<R>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        Client::overwrite(self, id, write)
    }

    fn upsert<'a, R, K, U>(
        &'a self,
        matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> BoxFuture<'a, Result<Stored<R>, Error>>
    where
        R: Record + Send + 'a,
        R::Write: Send,
        K: Kind,
        U: IsUnique,
    {
        Box::pin(Client::upsert(self, matching, write))
    }

    fn assert<R>(&self, assert: Assert<R>) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
        R::Write: Send,
    {
        Client::assert(self, assert)
    }

    fn delete<R>(&self, id: &RecordId) -> impl Future<Output = Result<(), Error>> + Send
    where
        R: Record + Send,
    {
        Client::delete::<R>(self, id)
    }

    fn query_all<R>(
        &self,
        query: Query<R>,
    ) -> impl Future<Output = Result<Vec<Stored<R>>, Error>> + Send
    where
        R: Record + Send + 'static,
    {
        Client::query(self, query).try_collect()
    }

    fn query<R>(&self, query: Query<R>) -> impl Stream<Item = Result<Stored<R>, Error>> + Send + '_
    where
        R: Record + Send + 'static,
    {
        Client::query(self, query)
    }

    fn stats(&self) -> ClientStats {
        Client::stats(self)
    }

    fn add_entry<E>(
        &self,
        entry: EntryCreate<E>,
    ) -> impl Future<Output = Result<StoredEntry<E>, Error>> + Send
    where
        E: Entry + Send,
        E::Write: Send,
    {
        Client::add_entry(self, entry)
    }

    fn upsert_entry<E>(
        &self,
        entry: EntryCreate<E>,
    ) -> impl Future<Output = Result<StoredEntry<E>, Error>> + Send
    where
        E: Entry + Send,
        E::Write: Send,
    {
        Client::upsert_entry(self, entry)
    }

    fn create_note<R>(
        &self,
        record: &RecordId,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> impl Future<Output = Result<Note, Error>> + Send
    where
        R: Record + Send,
    {
        Client::create_note::<R>(self, record, title, content, format)
    }

    fn create_task(&self, task: &NewTask) -> impl Future<Output = Result<Task, Error>> + Send {
        Client::create_task(self, task)
    }

    fn workspace_member(
        &self,
        id: &WorkspaceMemberId,
    ) -> impl Future<Output = Result<WorkspaceMember, Error>> + Send {
        Client::workspace_member(self, id)
    }
}
