//! [`BulkSync`]: the settings of a sync, and the stream of its outcomes —
//! inputs in order, a bounded number in flight (the work of each input is
//! the engine's, in `engine.rs`).

use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures_core::Stream;
use futures_util::future::{self, BoxFuture};
use futures_util::{stream, StreamExt};
use tracing::{field, Instrument};

use super::dead_letter::{DeadLetter, DeadLetterError};
use super::engine::{Engine, RunState};
use super::input::SyncInput;
use super::keys::KeyLocks;
use super::outcome::{Outcome, Report};
use super::state::{MemoryState, StateError, StateStore};
use crate::attribute::{Attribute, IsUnique};
use crate::kind::Kind;
use crate::record::{Entry, Record};
use crate::request::{Assert, EntryCreate};
use crate::{AttioApi, Client, Error};

/// Writes in flight by default: enough to keep Attio's 25 writes/s budget
/// full at the latency of Attio's API (a few hundred ms per write), and
/// at 250/s against a local server; the client's pacer, not this number,
/// keeps the rate under the limit.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// Inputs per read of a reconcile pass: one query (of one page, mostly)
/// for this many matching keys.
const RECONCILE_BATCH: usize = 500;

pub(super) type ProgressFn = dyn Fn(&Report) + Send + Sync;

/// A bulk sync: pushes a stream of typed writes into Attio at the client's
/// write rate, skipping inputs whose values did not change since they were
/// last written, and accounting for every input exactly once (an
/// [`Outcome`]). The example needs feature `sqlite`.
///
#[cfg_attr(feature = "sqlite", doc = "```no_run")]
#[cfg_attr(not(feature = "sqlite"), doc = "```ignore")]
/// # use attio_runtime::{Record, Write, Attribute, kind, Unique};
/// # async fn run<P: Record + Send + 'static>(client: &attio_runtime::Client, email: Attribute<P, kind::EmailAddress, Unique>, people: Vec<P::Write>)
/// # -> Result<(), Box<dyn std::error::Error>> where P::Write: Clone + Send {
/// use attio_runtime::sync::{BulkSync, DeadLetter, SqliteState};
///
/// let report = BulkSync::new(client)
///     .state(SqliteState::open("attio-sync.sqlite")?) // remembered across runs
///     .dead_letter(DeadLetter::create("failed.jsonl")?)
///     .on_progress(|report| eprint!("\r{}/{:?}", report.done, report.total))
///     .upsert(email, futures_util::stream::iter(people)) // e.g. Person::EMAIL_ADDRESSES
///     .await?;
/// println!("{report}");
/// # Ok(()) }
/// ```
///
/// **Created or updated.** Attio's assert does not say which it did. An
/// input is [`Outcome::Created`] when the returned record's `created_at` is
/// not older than the input's first attempt (less a second for clock
/// skew), and [`Outcome::Updated`] otherwise, or when the state store
/// already knew the same record for the key. So a record someone else
/// created within that second counts as created, and one created by an
/// earlier, interrupted run counts as updated.
///
/// **Unchanged.** An input whose canonical hash equals the one stored for
/// its key sends no request. The store trusts that Attio still holds what
/// was written: a record edited or deleted in Attio since is not
/// rewritten until the input changes (or the key is removed from the store)
/// — unless the run [reconciles](Self::reconcile), comparing each input with
/// what Attio holds now instead. A write that returns a different record
/// for a key than the store remembered replaces the remembered one.
///
/// **One workspace per store.** Before its first write (once per
/// `BulkSync`) the sync asks Attio which workspace the client's key belongs
/// to ([`Client::identify`]) and binds the state store to it
/// ([`StateStore::bind_workspace`]); a store bound to another workspace
/// stops the run with [`SyncError::OtherWorkspace`] before any write, as its
/// ids and hashes say nothing about this one. That is one more read per
/// `BulkSync`.
///
/// **Interrupted runs.** With a store that outlives the process
/// ([`SqliteState`]), each success is recorded before
/// it is counted, so a run killed at any point and started again sends only
/// the inputs without a recorded success: the remainder, plus at most the
/// writes that were in flight (asserts, so sending them again changes nothing).
///
#[cfg_attr(feature = "sqlite", doc = "[`SqliteState`]: super::SqliteState")]
#[cfg_attr(not(feature = "sqlite"), doc = "[`SqliteState`]: crate#features")]
pub struct BulkSync<'a, A: AttioApi = Client> {
    pub(super) api: &'a A,
    pub(super) state: Arc<dyn StateStore>,
    pub(super) concurrency: usize,
    pub(super) dead_letter: Option<Arc<DeadLetter>>,
    pub(super) total: Option<u64>,
    pub(super) progress: Option<Box<ProgressFn>>,
    pub(super) reconcile: bool,
    /// Set once the state store is known to belong to the client's
    /// workspace: checked once per `BulkSync`, whose store cannot change.
    pub(super) bound: tokio::sync::OnceCell<()>,
}

/// Why a sync stopped before its inputs ran out. Failures of single inputs
/// are [`Outcome::Failed`], not this: these stop the run because it could
/// no longer account for its inputs.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The state store could not be read or written.
    #[error(transparent)]
    State(#[from] StateError),
    /// A failure could not be written to the dead-letter file.
    #[error(transparent)]
    DeadLetter(#[from] DeadLetterError),
    /// The state store was written for another workspace than the one the
    /// client's key belongs to: what it remembers says nothing about this
    /// one, so nothing was sent.
    #[error(
        "the sync state belongs to workspace {state}, but the API key is for workspace {client}: \
         nothing was sent; to sync into {client}, delete the state file (or give this workspace \
         a state file of its own), or use an API key of workspace {state}"
    )]
    OtherWorkspace {
        /// The workspace the state store was first used with.
        state: String,
        /// The workspace of the client's API key.
        client: String,
    },
    /// The client could not tell which workspace its key belongs to (Attio's
    /// `GET /v2/self`), so the state store could not be checked.
    #[error("cannot tell which workspace the API key belongs to, so nothing was sent: {0}")]
    Identify(#[source] Error),
    /// A read of a reconcile pass failed (see [`BulkSync::reconcile`]).
    #[error("cannot read what Attio holds now for the inputs, so nothing more was sent: {0}")]
    Reconcile(#[source] Error),
}

impl<'a, A: AttioApi> BulkSync<'a, A> {
    /// A sync through `api` (a [`Client`], or a test double), with state in
    /// memory, [`DEFAULT_CONCURRENCY`] writes in flight and no dead-letter file.
    pub fn new(api: &'a A) -> Self {
        BulkSync {
            api,
            state: Arc::new(MemoryState::new()),
            concurrency: DEFAULT_CONCURRENCY,
            dead_letter: None,
            total: None,
            progress: None,
            reconcile: false,
            bound: tokio::sync::OnceCell::new(),
        }
    }

    /// Where what was written is remembered (default: in memory, for this
    /// `BulkSync` only). Pass an `Arc` to share one store between syncs.
    pub fn state(mut self, store: impl StateStore + 'static) -> Self {
        self.state = Arc::new(store);
        self.bound = tokio::sync::OnceCell::new();
        self
    }

    /// With `true`, compares each input with what Attio holds now rather
    /// than with the state store: reads the inputs' matching keys back,
    /// 500 to a paged query (reads, paced at the read budget, not one `GET`
    /// per record), and writes only the inputs that differ from their item
    /// in Attio or whose item is missing, updating the store. For when
    /// records may have been edited or deleted in Attio (in its UI, by
    /// another integration) since the last run: a plain run trusts the
    /// store and does not see it.
    ///
    /// It costs a read per 500 inputs on every run; a nightly reconcile
    /// beside frequent plain runs is the usual balance. Only the
    /// attributes an input writes are compared; a record that matches no
    /// single key (a matching value of several values) is written again.
    pub fn reconcile(mut self, reconcile: bool) -> Self {
        self.reconcile = reconcile;
        self
    }

    /// At most this many writes in flight (at least 1).
    pub fn concurrency(mut self, writes_in_flight: usize) -> Self {
        self.concurrency = writes_in_flight.max(1);
        self
    }

    /// Writes each failure to this file (see [`DeadLetter`]); pass an
    /// `Arc<DeadLetter>` for several syncs to share one file.
    pub fn dead_letter(mut self, file: impl Into<Arc<DeadLetter>>) -> Self {
        self.dead_letter = Some(file.into());
        self
    }

    /// The number of inputs, for progress (taken from the stream's size hint
    /// when it is exact, as for a stream over a `Vec`).
    pub fn total(mut self, inputs: u64) -> Self {
        self.total = Some(inputs);
        self
    }

    /// Calls `progress` after every outcome with the counts so far (see
    /// [`progress_bar`] for a terminal bar).
    ///
    #[cfg_attr(feature = "progress", doc = "[`progress_bar`]: super::progress_bar")]
    #[cfg_attr(not(feature = "progress"), doc = "[`progress_bar`]: crate#features")]
    pub fn on_progress(mut self, progress: impl Fn(&Report) + Send + Sync + 'static) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Creates or updates the records of `writes`, each matched on the
    /// unique attribute `matching` (Attio's assert), and returns the counts.
    ///
    /// The future is boxed so that its type does not name `U`: an `async fn`
    /// would report a non-unique attribute three times instead of once.
    pub fn upsert<'s, R, K, U>(
        &'s self,
        matching: Attribute<R, K, U>,
        writes: impl Stream<Item = R::Write> + Send + 's,
    ) -> BoxFuture<'s, Result<Report, SyncError>>
    where
        R: Record + Send + 'static,
        R::Write: Clone + Send + 'static,
        K: Kind,
        U: IsUnique,
    {
        Box::pin(self.run(writes.map(move |write| Assert::new(matching, write))))
    }

    /// Creates or updates one entry per parent record in list `E` (Attio's
    /// assert of an entry by its parent), and returns the counts.
    pub async fn upsert_entries<E>(
        &self,
        entries: impl Stream<Item = EntryCreate<E>> + Send,
    ) -> Result<Report, SyncError>
    where
        E: Entry + Send + 'static,
        E::Write: Clone + Send + 'static,
    {
        self.run(entries).await
    }

    /// Runs the sync over any inputs to the end and returns the counts.
    pub async fn run<I: SyncInput>(
        &self,
        inputs: impl Stream<Item = I> + Send,
    ) -> Result<Report, SyncError> {
        let mut outcomes = self.outcomes(inputs);
        while let Some(outcome) = outcomes.next().await {
            outcome?;
        }
        Ok(outcomes.report())
    }

    /// The outcome of each input, as each completes (not in input order):
    /// for a caller that acts on each, e.g. to map its own ids to Attio's.
    /// Inputs are read from `inputs` only as writes complete, so memory stays
    /// bounded however long the stream. The stream ends early with a
    /// [`SyncError`] if the state store or dead-letter file fails.
    pub fn outcomes<'s, I: SyncInput>(
        &'s self,
        inputs: impl Stream<Item = I> + Send + 's,
    ) -> Outcomes<'s, I> {
        let total = self.total.or_else(|| match inputs.size_hint() {
            (low, Some(high)) if low == high => Some(low as u64),
            _ => None,
        });
        let run = Arc::new(RunState {
            started: Instant::now(),
            baseline: self.api.stats(),
            report: Mutex::new(Report {
                total,
                ..Report::default()
            }),
            keys: KeyLocks::default(),
        });
        let span = tracing::info_span!("attio.sync", total = total);
        let engine = Engine {
            sync: self,
            run: run.clone(),
        };
        let batches = engine.clone();
        let batch = if self.reconcile { RECONCILE_BATCH } else { 1 };
        let stream = inputs
            .chunks(batch)
            // In order, one batch at a time: the first checks the workspace
            // before any write, and a reconcile pass reads each batch back.
            .then(move |inputs| {
                let engine = batches.clone();
                async move { engine.compare_with(inputs).await }
            })
            .flat_map(|batch| match batch {
                Ok(inputs) => stream::iter(inputs.into_iter().map(Ok)).left_stream(),
                Err(e) => stream::once(future::ready(Err(e))).right_stream(),
            })
            .map(move |input| {
                let engine = engine.clone();
                let input_span =
                    tracing::debug_span!(parent: &span, "attio.sync.input", outcome = field::Empty);
                async move { engine.one(input?).await }.instrument(input_span)
            })
            .buffer_unordered(self.concurrency)
            // The first error ends the stream: the run cannot account for
            // its inputs past it.
            .scan(false, |failed, outcome| {
                let next = (!*failed).then(|| {
                    *failed = outcome.is_err();
                    outcome
                });
                future::ready(next)
            });
        Outcomes {
            stream: Box::pin(stream),
            run,
        }
    }
}

/// The outcomes of a sync as they complete; [`report`](Self::report) gives
/// the counts so far. Returned by [`BulkSync::outcomes`].
pub struct Outcomes<'s, I: SyncInput> {
    stream: std::pin::Pin<Box<dyn Stream<Item = Result<Outcome<I>, SyncError>> + Send + 's>>,
    run: Arc<RunState>,
}

impl<I: SyncInput> Outcomes<'_, I> {
    /// The counts so far (all of them once the stream has ended).
    pub fn report(&self) -> Report {
        *self.run.lock()
    }
}

impl<I: SyncInput> Stream for Outcomes<'_, I> {
    type Item = Result<Outcome<I>, SyncError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}
