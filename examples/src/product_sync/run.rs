//! The run: three syncs in dependency order — companies, then product
//! accounts and people linked to them — sharing one state store and one
//! dead-letter file, with a progress bar each.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use attio_runtime::sync::{
    progress_bar, BulkSync, DeadLetter, MemoryState, Outcome, SqliteState, StateStore, SyncInput,
};
use attio_runtime::{Assert, AttioApi, RateLimits, Record};
use futures_util::{stream, StreamExt};

use super::dataset::Dataset;
use super::links::{Links, Planned};
use super::summary::{ObjectSummary, Summary};

/// The state file's default name, in the working directory.
pub const STATE_FILE: &str = "product-sync.sqlite";

/// The dead-letter file's name, beside the state file.
pub const DEAD_LETTER_FILE: &str = "product-sync-failed.jsonl";

/// Where a run keeps its state and failures, and the write limit it is
/// measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The SQLite file of the sync state; `None` keeps the state in memory.
    pub state: Option<PathBuf>,
    /// The dead-letter file: one JSON line per failed write, to feed back in.
    pub dead_letter: PathBuf,
    /// The client's write limit per second (the client does the pacing;
    /// this is what the summary compares the achieved rate with).
    pub write_limit: f64,
}

impl Settings {
    /// State in the SQLite file `state`, failures in [`DEAD_LETTER_FILE`]
    /// beside it, against Attio's default write limit.
    pub fn new(state: impl Into<PathBuf>) -> Settings {
        let state = state.into();
        Settings {
            dead_letter: state.with_file_name(DEAD_LETTER_FILE),
            state: Some(state),
            write_limit: RateLimits::default().writes_per_second,
        }
    }

    /// State in memory instead of the file: for a workspace that starts
    /// empty on every run (the in-process emulator), where the state an
    /// earlier run left would describe records the workspace does not have.
    pub fn state_in_memory(mut self) -> Settings {
        self.state = None;
        self
    }

    /// Measures the write rate against `per_second` (the client's
    /// [`RateLimits::writes_per_second`]).
    pub fn write_limit(mut self, per_second: f64) -> Settings {
        self.write_limit = per_second;
        self
    }
}

/// Syncs `dataset` into Attio through `api` and summarises what happened.
///
/// First it checks the structs it writes against the workspace: a change
/// that breaks them (an attribute missing, archived, of another type …)
/// is a [`Drifted`](crate::drift::Drifted) error before any write.
///
/// Companies go first, matched on their domain: product accounts and
/// people link to the record id the company sync returned (or, for an
/// unchanged company, the id its last write returned). A row that cannot
/// be written, or whose company did not sync, is counted as failed and
/// listed; a failed write also lands in the dead-letter file. Errors are
/// only what stops the run: the workspace no longer matching, or the state
/// store or dead-letter file failing.
pub async fn run(
    api: &impl AttioApi,
    dataset: &Dataset,
    settings: &Settings,
) -> anyhow::Result<Summary> {
    let state: Arc<dyn StateStore> = match &settings.state {
        Some(path) => Arc::new(SqliteState::open(path).context("cannot open the sync state")?),
        None => Arc::new(MemoryState::new()),
    };
    run_with_state(api, dataset, settings, state).await
}

/// [`run`] with a state store of the caller's, e.g. one kept in memory
/// across two runs in one process (`settings.state` is not used).
pub async fn run_with_state(
    api: &impl AttioApi,
    dataset: &Dataset,
    settings: &Settings,
    state: Arc<dyn StateStore>,
) -> anyhow::Result<Summary> {
    crate::drift::refuse_on_drift(api, super::CONTRACTS).await?;
    let dead_letter =
        DeadLetter::create(&settings.dead_letter).context("cannot create the dead-letter file")?;
    let phases = Phases {
        state,
        dead_letter: Arc::new(dead_letter),
        problems: Vec::new(),
    };
    phases.run(api, dataset, settings.write_limit).await
}

/// What the three syncs of a run share: one state store, one dead-letter
/// file, the problems listed in the summary.
struct Phases {
    state: Arc<dyn StateStore>,
    dead_letter: Arc<DeadLetter>,
    problems: Vec<String>,
}

impl Phases {
    async fn run(
        mut self,
        api: &impl AttioApi,
        dataset: &Dataset,
        write_limit: f64,
    ) -> anyhow::Result<Summary> {
        // One after the other: the client's pacer is the bottleneck, so
        // running accounts and people side by side would save only the
        // tail of a phase, at the cost of two bars fighting for the terminal.
        let started = Instant::now();
        let mut links = Links::new();
        let planned = links.plan_companies(&dataset.accounts);
        let companies = self
            .sync(api, "companies", planned, |outcome| links.learn(outcome))
            .await?;
        let planned = links.plan_product_accounts(&dataset.accounts);
        let accounts = self.sync(api, "product accounts", planned, |_| {}).await?;
        let planned = links.plan_people(&dataset.users);
        let people = self.sync(api, "people", planned, |_| {}).await?;
        Ok(Summary {
            objects: vec![companies, accounts, people],
            wall_time: started.elapsed(),
            write_limit,
            problems: self.problems,
        })
    }

    /// Syncs one object's planned writes, showing each outcome to `learn`.
    async fn sync<R>(
        &mut self,
        api: &impl AttioApi,
        object: &'static str,
        planned: Planned<Assert<R>>,
        mut learn: impl FnMut(&Outcome<Assert<R>>),
    ) -> anyhow::Result<ObjectSummary>
    where
        R: Record + Send + 'static,
        R::Write: Clone + Send + 'static,
    {
        let rejected = planned.rejected.len() as u64;
        self.problems
            .extend(planned.rejected.iter().map(ToString::to_string));
        let (bar, on_progress) = progress_bar();
        bar.println(format!("{object}: {} to sync", planned.inputs.len()));
        let sync = BulkSync::new(api)
            .state(self.state.clone())
            .dead_letter(self.dead_letter.clone())
            .on_progress(on_progress);
        let mut outcomes = sync.outcomes(stream::iter(planned.inputs));
        while let Some(outcome) = outcomes.next().await {
            let outcome = outcome.with_context(|| format!("the sync of {object} stopped"))?;
            if let Outcome::Failed { input, error } = &outcome {
                let key = input.key().unwrap_or_default();
                self.problems.push(format!("{object} {key}: {error}"));
            }
            learn(&outcome);
        }
        bar.finish();
        Ok(ObjectSummary {
            object,
            report: outcomes.report(),
            rejected,
        })
    }
}
