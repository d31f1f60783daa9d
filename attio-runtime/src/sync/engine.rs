//! The engine of one sync run: checks once that the state store belongs to
//! the client's workspace, then decides each input — skipped, written or
//! failed — against the state store or, reconciling, what Attio holds.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::input::SyncInput;
use super::keys::KeyLocks;
use super::outcome::{Outcome, Report};
use super::run::{BulkSync, SyncError};
use super::state::Synced;
use crate::client::ClientStats;
use crate::{AttioApi, Error, ErrorKind};

/// A created item's `created_at` may be this much older than the moment
/// its write was first sent, for the clocks of Attio and of this machine
/// to disagree a little.
const CLOCK_SKEW: Duration = Duration::from_secs(1);

/// What the inputs of one run share.
pub(super) struct RunState {
    pub(super) started: Instant,
    pub(super) baseline: ClientStats,
    pub(super) report: Mutex<Report>,
    pub(super) keys: KeyLocks,
}

impl RunState {
    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Report> {
        self.report.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One run's engine: the settings and the shared state, cheap to clone
/// into each input's future.
pub(super) struct Engine<'s, 'a, A: AttioApi> {
    pub(super) sync: &'s BulkSync<'a, A>,
    pub(super) run: Arc<RunState>,
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
pub(super) enum Basis {
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
    pub(super) async fn compare_with<I: SyncInput>(
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
    pub(super) async fn one<I: SyncInput>(
        &self,
        (input, basis): (I, Basis),
    ) -> Result<Outcome<I>, SyncError> {
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
