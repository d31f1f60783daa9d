//! [`BulkSync`]: the settings of a sync and the engine that runs it — inputs in
//! order, a bounded number in flight, each skipped, written or failed once.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use futures_core::Stream;
use futures_util::future::{self, BoxFuture};
use futures_util::{stream, StreamExt};
use tracing::{field, Instrument};

use super::dead_letter::{DeadLetter, DeadLetterError};
use super::input::SyncInput;
use super::keys::KeyLocks;
use super::outcome::{Outcome, Report};
use super::state::{MemoryState, StateError, StateStore, Synced};
use crate::attribute::{Attribute, IsUnique};
use crate::client::ClientStats;
use crate::kind::Kind;
use crate::record::{Entry, Record};
use crate::request::{Assert, EntryCreate};
use crate::{AttioApi, Client, Error, ErrorKind};

/// Writes in flight by default: enough to keep Attio's 25 writes/s budget
/// full at the latency of Attio's API (a few hundred ms per write), and
/// at 250/s against a local server; the client's pacer, not this number,
/// keeps the rate under the limit.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// A created item's `created_at` may be this much older than the moment
/// its write was first sent, for the clocks of Attio and of this machine
/// to disagree a little.
const CLOCK_SKEW: Duration = Duration::from_secs(1);

/// Inputs per read of a reconcile pass: one query (of one page, mostly)
/// for this many matching keys.
const RECONCILE_BATCH: usize = 500;

type ProgressFn = dyn Fn(&Report) + Send + Sync;

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
    api: &'a A,
    state: Arc<dyn StateStore>,
    concurrency: usize,
    dead_letter: Option<Arc<DeadLetter>>,
    total: Option<u64>,
    progress: Option<Box<ProgressFn>>,
    reconcile: bool,
    /// Set once the state store is known to belong to the client's
    /// workspace: checked once per `BulkSync`, whose store cannot change.
    bound: tokio::sync::OnceCell<()>,
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

/// What the inputs of one run share.
struct RunState {
    started: Instant,
    baseline: ClientStats,
    report: Mutex<Report>,
    keys: KeyLocks,
}

impl RunState {
    fn lock(&self) -> std::sync::MutexGuard<'_, Report> {
        self.report.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One run's engine: the settings and the shared state, cheap to clone
/// into each input's future.
struct Engine<'s, 'a, A: AttioApi> {
    sync: &'s BulkSync<'a, A>,
    run: Arc<RunState>,
}

impl<A: AttioApi> Clone for Engine<'_, '_, A> {
    fn clone(&self) -> Self {
        Engine {
            sync: self.sync,
            run: self.run.clone(),
        }
    }
}

/// What an input is compared with: the state store, or (reconciling) what
/// Attio holds now for its key (`None`: nothing).
enum Basis {
    State,
    Attio(Option<Synced>),
}

impl<A: AttioApi> Engine<'_, '_, A> {
    /// Checks, once, that the state store belongs to the client's workspace
    /// (binding a new store to it).
    async fn bind(&self) -> Result<(), SyncError> {
        let sync = self.sync;
        let check = || async {
            let me = sync.api.identify().await.map_err(SyncError::Identify)?;
            let client = match (me.active, me.workspace_id) {
                (true, Some(id)) => id.to_string(),
                _ => {
                    let message = "the API key is not active (revoked or expired): use a valid key";
                    return Err(SyncError::Identify(Error::new(ErrorKind::Auth, message)));
                }
            };
            let state = sync.state.bind_workspace(&client)?;
            if state != client {
                return Err(SyncError::OtherWorkspace { state, client });
            }
            tracing::debug!(workspace = %client, "sync state belongs to the client's workspace");
            Ok(())
        };
        sync.bound.get_or_try_init(check).await.map(drop)
    }

    /// Each input of a batch with what it is compared with: the state store,
    /// or, reconciling, what Attio holds now for its key.
    async fn compare_with<I: SyncInput>(
        &self,
        inputs: Vec<I>,
    ) -> Result<Vec<(I, Basis)>, SyncError> {
        self.bind().await?;
        if !self.sync.reconcile {
            return Ok(inputs.into_iter().map(|i| (i, Basis::State)).collect());
        }
        // One read per scope (a stream may mix objects).
        let mut scopes: Vec<(String, Vec<I>)> = Vec::new();
        for input in &inputs {
            let scope = input.scope();
            match scopes.iter_mut().find(|(s, _)| *s == scope) {
                Some((_, group)) => group.push(input.clone()),
                None => scopes.push((scope, vec![input.clone()])),
            }
        }
        let mut current = std::collections::HashMap::new();
        for (scope, group) in scopes {
            let found = I::current(self.sync.api, &group)
                .await
                .map_err(SyncError::Reconcile)?;
            current.extend(
                found
                    .into_iter()
                    .map(|(key, synced)| ((scope.clone(), key), synced)),
            );
        }
        // A key's second input in a batch follows its first, so it is
        // compared with what the first wrote: the store.
        let mut seen = std::collections::HashSet::new();
        Ok(inputs
            .into_iter()
            .map(|input| {
                let key = (input.scope(), input.key().unwrap_or_default());
                let basis = if seen.insert(key.clone()) {
                    Basis::Attio(current.get(&key).cloned())
                } else {
                    Basis::State
                };
                (input, basis)
            })
            .collect())
    }

    /// Takes one input to its outcome, and counts it.
    async fn one<I: SyncInput>(&self, (input, basis): (I, Basis)) -> Result<Outcome<I>, SyncError> {
        let outcome = self.decide(input, basis).await?;
        if let Outcome::Failed { input, error } = &outcome {
            if let Some(file) = &self.sync.dead_letter {
                file.write(input.to_json(), error)?;
            }
        }
        tracing::Span::current().record("outcome", outcome.name());
        self.count(&outcome);
        Ok(outcome)
    }

    async fn decide<I: SyncInput>(&self, input: I, basis: Basis) -> Result<Outcome<I>, SyncError> {
        let scope = input.scope();
        let key = match input.key() {
            Ok(key) => key,
            Err(e) => {
                let error = Error::from(e);
                return Ok(Outcome::Failed { input, error });
            }
        };
        let _turn = self.run.keys.lock(format!("{scope}\n{key}")).await;
        let hash = input.hash();
        let known = self.sync.state.get(&scope, &key)?;
        let compared = match basis {
            Basis::State => known.clone(),
            Basis::Attio(current) => current,
        };
        if let Some(compared) = compared.filter(|c| c.hash == hash) {
            // An id that does not parse (a store edited by hand) is
            // written again rather than trusted.
            if let Ok(id) = compared.id.parse() {
                if known.as_ref() != Some(&compared) {
                    // Reconciled: Attio already holds it; the store learns so.
                    self.sync.state.put(&scope, &key, &compared)?;
                }
                return Ok(Outcome::Unchanged { key, id });
            }
        }
        let first_sent = Utc::now();
        let kept = input.clone();
        match input.send(self.sync.api).await {
            Ok(written) => {
                let id = written.id.to_string();
                let same_item = known.as_ref().is_some_and(|k| k.id == id);
                self.sync.state.put(&scope, &key, &Synced { id, hash })?;
                let skew = chrono::Duration::from_std(CLOCK_SKEW).unwrap_or_default();
                let id = written.id;
                if !same_item && written.created_at >= first_sent - skew {
                    Ok(Outcome::Created { key, id })
                } else {
                    Ok(Outcome::Updated { key, id })
                }
            }
            Err(error) => Ok(Outcome::Failed { input: kept, error }),
        }
    }

    /// Counts an outcome and shows the progress callback the counts.
    fn count<I: SyncInput>(&self, outcome: &Outcome<I>) {
        let report = {
            let mut report = self.run.lock();
            report.count(outcome);
            crate::telemetry::sync_input(outcome.name());
            let cost = self.sync.api.stats().since(&self.run.baseline);
            report.requests = cost.requests;
            report.writes = cost.writes;
            report.rate_limited = cost.rate_limited;
            report.retries = cost.retries;
            report.elapsed = self.run.started.elapsed();
            *report
        };
        if let Some(progress) = &self.sync.progress {
            progress(&report);
        }
    }
}
