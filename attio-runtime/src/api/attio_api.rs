//! [`AttioApi`]: the typed calls as a trait, so that business logic can be
//! written against it and unit-tested with a double instead of HTTP.

use std::future::Future;

use futures_core::Stream;

/// The future [`AttioApi::upsert_record`] returns: boxed, `Send`, borrowing
/// for `'a` (`futures_util`'s), re-exported so that a test double can name it.
pub use futures_util::future::BoxFuture;

use super::call_recordings::{CallRecording, TranscriptSegment};
use super::files::{AttioFile, Upload};
use super::identity::Identity;
use super::meetings::{Meeting, MeetingQuery, NewMeeting, RecordLink};
use super::members::WorkspaceMember;
use super::notes::{Note, NoteFormat};
use super::records::MergeOutcome;
use super::search::{RecordSearch, SearchHit};
use super::sql::Row;
use super::tasks::{NewTask, Task};
use crate::attribute::{Attribute, IsUnique};
use crate::client::ClientStats;
use crate::ids::{RecordId, WorkspaceMemberId};
use crate::kind::Kind;
use crate::record::{Entry, Record, Write};
use crate::request::{Assert, EntryCreate};
use crate::{Client, Error, ErrorKind, Query, Stored, StoredEntry};

/// Declares [`AttioApi`] from one list of calls, each given once: for each,
/// the trait method, whose default fails naming the call, and the method of
/// `impl AttioApi for Client`, which calls the inherent method of the same
/// name and generic arguments: that inherent method is the implementation.
///
/// A call's result is written `future T` (`impl Future<Output = Result<T,
/// Error>> + Send`), `boxed T` (`BoxFuture<'a, Result<T, Error>>`, whose
/// type names none of the call's generic arguments), `stream T` (`impl
/// Stream<Item = Result<T, Error>> + Send + '_`) or `value T = default`.
/// Bounds go in braces after `where`, as a macro cannot tell where a bare
/// where-clause ends.
macro_rules! attio_api {
    (
        $(#[$trait_attr:meta])*
        pub trait AttioApi {
            $(
                $(#[$attr:meta])*
                fn $name:ident $(<$($generic:ident),+>)? ($($arg:ident: $ty:ty),* $(,)?)
                    -> $result:ident $out:ty
                    $(where { $($bound:tt)* })?
                    $(= $default:expr)?;
            )*
        }
    ) => {
        $(#[$trait_attr])*
        pub trait AttioApi: Sync {
            $(
                attio_api!(@default $result [$(#[$attr])*] $name [$($($generic),+)?]
                    ($($arg: $ty),*) $out [$($($bound)*)?] [$($default)?]);
            )*
        }

        impl AttioApi for Client {
            $(
                attio_api!(@forward $result $name [$($($generic),+)?]
                    ($($arg: $ty),*) $out [$($($bound)*)?]);
            )*
        }
    };

    (@default future [$($attr:tt)*] $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*] []) => {
        $($attr)*
        fn $name<$($generic),*>(&self, $($arg: $ty),*)
            -> impl Future<Output = Result<$out, Error>> + Send
        where $($bound)*
        {
            let _ = ($($arg,)*);
            not_provided(stringify!($name))
        }
    };
    (@forward future $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*]) => {
        fn $name<$($generic),*>(&self, $($arg: $ty),*)
            -> impl Future<Output = Result<$out, Error>> + Send
        where $($bound)*
        {
            Client::$name::<$($generic),*>(self, $($arg),*)
        }
    };

    (@default boxed [$($attr:tt)*] $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*] []) => {
        $($attr)*
        fn $name<'a, $($generic),*>(&'a self, $($arg: $ty),*) -> BoxFuture<'a, Result<$out, Error>>
        where $($bound)*
        {
            let _ = ($($arg,)*);
            Box::pin(not_provided(stringify!($name)))
        }
    };
    (@forward boxed $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*]) => {
        fn $name<'a, $($generic),*>(&'a self, $($arg: $ty),*) -> BoxFuture<'a, Result<$out, Error>>
        where $($bound)*
        {
            Box::pin(Client::$name::<$($generic),*>(self, $($arg),*))
        }
    };

    (@default stream [$($attr:tt)*] $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*] []) => {
        $($attr)*
        fn $name<$($generic),*>(&self, $($arg: $ty),*)
            -> impl Stream<Item = Result<$out, Error>> + Send + '_
        where $($bound)*
        {
            let _ = ($($arg,)*);
            futures_util::stream::once(not_provided(stringify!($name)))
        }
    };
    (@forward stream $name:ident [$($generic:ident),*]
        ($($arg:ident: $ty:ty),*) $out:ty [$($bound:tt)*]) => {
        fn $name<$($generic),*>(&self, $($arg: $ty),*)
            -> impl Stream<Item = Result<$out, Error>> + Send + '_
        where $($bound)*
        {
            Client::$name::<$($generic),*>(self, $($arg),*)
        }
    };

    (@default value [$($attr:tt)*] $name:ident [] () $out:ty [] [$default:expr]) => {
        $($attr)*
        fn $name(&self) -> $out {
            $default
        }
    };
    (@forward value $name:ident [] () $out:ty []) => {
        fn $name(&self) -> $out {
            Client::$name(self)
        }
    };
}

attio_api! {
    /// The typed calls of [`Client`], as a trait, under the same names.
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
    /// use attio_runtime::{AttioApi, Error, Record, RecordId, Stored};
    ///
    /// /// The logic under test: the name of a record's object, looked up.
    /// async fn object_of<R: Record + Send>(api: &impl AttioApi, id: &RecordId) -> Result<&'static str, Error> {
    ///     api.get_record::<R>(id).await?;
    ///     Ok(R::OBJECT)
    /// }
    ///
    /// /// A double that knows no records.
    /// struct Empty;
    /// impl AttioApi for Empty {}
    /// ```
    pub trait AttioApi {
        /// See [`Client::list_attributes`].
        fn list_attributes(target: crate::Target, slug: &str)
            -> future Vec<attio_schema::Attribute>;

        /// See [`Client::verify`]: what an integration checks at start-up,
        /// before it writes, so that it refuses to run against a workspace
        /// that no longer matches its structs.
        fn verify(contracts: &[&crate::contract::Contract])
            -> future crate::contract::DriftReport;

        /// See [`Client::create_record`].
        fn create_record<R>(write: impl Write<Target = R> + Send) -> future Stored<R>
            where { R: Record + Send };

        /// See [`Client::get_record`].
        fn get_record<R>(id: &RecordId) -> future Stored<R> where { R: Record + Send };

        /// See [`Client::update_record`].
        fn update_record<R>(id: &RecordId, write: impl Write<Target = R> + Send)
            -> future Stored<R> where { R: Record + Send };

        /// See [`Client::overwrite_record`].
        fn overwrite_record<R>(id: &RecordId, write: impl Write<Target = R> + Send)
            -> future Stored<R> where { R: Record + Send };

        /// See [`Client::upsert_record`].
        ///
        /// The future is boxed so that its type does not name `U`: with
        /// `impl Future`, a non-unique attribute would be reported three times
        /// (argument, call, `.await`) instead of once. A double returns
        /// `Box::pin(std::future::ready(answer))` or `Box::pin(async move { … })`.
        fn upsert_record<R, K, U>(matching: Attribute<R, K, U>, write: R::Write)
            -> boxed Stored<R>
            where { R: Record + Send + 'a, R::Write: Send, K: Kind, U: IsUnique };

        /// See [`Client::assert_record`].
        fn assert_record<R>(assert: Assert<R>) -> future Stored<R>
            where { R: Record + Send, R::Write: Send };

        /// See [`Client::delete_record`].
        fn delete_record<R>(id: &RecordId) -> future () where { R: Record + Send };

        /// Every record matching `query`, collected (see
        /// [`Client::query_all_records`]).
        fn query_all_records<R>(query: Query<R>) -> future Vec<Stored<R>>
            where { R: Record + Send + 'static };

        /// Every record matching `query`, page after page as the stream is
        /// read (see [`Client::query_records`]): for reading out of Attio
        /// without holding every record in memory.
        fn query_records<R>(query: Query<R>) -> stream Stored<R>
            where { R: Record + Send + 'static };

        /// See [`Client::search_records`] (beta in Attio's API).
        fn search_records(search: &RecordSearch) -> future Vec<SearchHit>;

        /// See [`Client::merge_records`] (beta in Attio's API).
        fn merge_records<R>(primary: &RecordId, secondary: &RecordId) -> future MergeOutcome
            where { R: Record + Send };

        /// What the client has sent so far (see [`Client::stats`]); a double
        /// sends nothing, and the default says so.
        fn stats() -> value ClientStats = ClientStats::default();

        /// See [`Client::create_entry`].
        fn create_entry<E>(entry: EntryCreate<E>) -> future StoredEntry<E>
            where { E: Entry + Send, E::Write: Send };

        /// Every entry matching `query`, page after page as the stream is
        /// read (see [`Client::query_entries`]).
        fn query_entries<E>(query: Query<E>) -> stream StoredEntry<E>
            where { E: Entry + Send + 'static };

        /// See [`Client::upsert_entry`].
        fn upsert_entry<E>(entry: EntryCreate<E>) -> future StoredEntry<E>
            where { E: Entry + Send, E::Write: Send };

        /// See [`Client::create_note`].
        fn create_note<R>(record: &RecordId, title: &str, content: &str, format: NoteFormat)
            -> future Note where { R: Record + Send };

        /// See [`Client::list_notes`].
        fn list_notes<R>(record: &RecordId) -> future Vec<Note> where { R: Record + Send };

        /// See [`Client::create_meeting_note`]: a note taken in a meeting.
        fn create_meeting_note<R>(
            record: &RecordId,
            meeting_id: &str,
            title: &str,
            content: &str,
            format: NoteFormat,
        ) -> future Note where { R: Record + Send };

        /// See [`Client::list_meetings`] (beta in Attio's API).
        fn list_meetings(query: &MeetingQuery) -> future Vec<Meeting>;

        /// See [`Client::create_meeting`] (beta in Attio's API).
        fn create_meeting(meeting: &NewMeeting) -> future Meeting;

        /// See [`Client::get_meeting`] (beta in Attio's API).
        fn get_meeting(meeting_id: &str) -> future Meeting;

        /// See [`Client::update_meeting`] (beta in Attio's API): links a
        /// meeting to more records.
        fn update_meeting(meeting_id: &str, links: &[RecordLink]) -> future Meeting;

        /// See [`Client::list_call_recordings`] (beta in Attio's API).
        fn list_call_recordings(meeting_id: &str) -> future Vec<CallRecording>;

        /// See [`Client::create_call_recording`] (beta in Attio's API).
        fn create_call_recording(
            meeting_id: &str,
            video_url: Option<&str>,
            transcript: &[TranscriptSegment],
        ) -> future CallRecording;

        /// See [`Client::get_call_recording`] (beta in Attio's API): the
        /// recording with its transcript, which is how a transcript is read
        /// (the deprecated transcript route is not part of this trait).
        fn get_call_recording(meeting_id: &str, call_recording_id: &str)
            -> future CallRecording;

        /// See [`Client::list_files`] (beta in Attio's API).
        fn list_files(record: &RecordLink, folder: Option<&str>) -> future Vec<AttioFile>;

        /// See [`Client::upload_file`] (beta in Attio's API). The [`Upload`]
        /// is moved in and streamed as on the client, so a streaming body
        /// fits the trait; a double sees its [`name`](Upload::name) but not
        /// its bytes (a stream is read once, by whoever sends it).
        fn upload_file(record: &RecordLink, upload: Upload) -> future AttioFile;

        /// See [`Client::query_sql`] (beta in Attio's API).
        fn query_sql(sql: &str) -> future Vec<Row>;

        /// See [`Client::query_sql_records`] (beta in Attio's API).
        fn query_sql_records<R>(sql: &str) -> future Vec<R> where { R: Record + Send };

        /// See [`Client::create_task`].
        fn create_task(task: &NewTask) -> future Task;

        /// See [`Client::get_workspace_member`].
        fn get_workspace_member(id: &WorkspaceMemberId) -> future WorkspaceMember;

        /// See [`Client::identify`].
        fn identify() -> future Identity;
    }
}

/// The default of every call of [`AttioApi`]: an error naming the call.
fn not_provided<T: Send>(call: &'static str) -> impl Future<Output = Result<T, Error>> + Send {
    std::future::ready(Err(Error::new(
        ErrorKind::Config,
        format!(
            "`{call}` is not implemented by this AttioApi (a test double that does not expect it)"
        ),
    )))
}
