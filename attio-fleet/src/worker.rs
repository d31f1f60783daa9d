//! A worker: claims workspaces' leases, runs the job for each with the
//! workspace's own client and sync state, heartbeats while it runs, and
//! stops a workspace whose token is refused.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use attio_runtime::sync::SyncError;
use attio_runtime::{Client, ErrorKind, RateLimits};
use tokio::sync::Notify;

use crate::governor::Governor;
use crate::{FleetError, Installations, Lease, PgState, Scheduler};

/// How a job's slice of work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// Everything requested is done.
    Done,
    /// The slice's time is up and work remains: the workspace goes back in
    /// line behind the others.
    More,
}

/// Why a job failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// An Attio call failed; a 401 disconnects the installation.
    #[error(transparent)]
    Attio(#[from] attio_runtime::Error),
    /// The sync failed (its state store, most likely).
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// Anything else, in words.
    #[error("{0}")]
    Other(String),
}

/// What a job gets for one workspace.
#[derive(Debug)]
pub struct JobContext {
    /// The workspace.
    pub workspace_id: String,
    /// A client with the workspace's token. Its pacer keeps the
    /// workspace's 25 writes/s; the lease makes that hold fleet-wide.
    pub client: Client,
    /// The workspace's bulk-sync state.
    pub state: PgState,
    /// When the slice ends: feed no new input after it and return
    /// [`Slice::More`] if work remains.
    pub deadline: Instant,
}

/// The future a [`Job`] returns.
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = Result<Slice, JobError>> + Send + 'a>>;

/// The work a fleet does per workspace (push the product's data, process
/// the inbox …).
pub trait Job: Send + Sync + 'static {
    /// Works for `ctx.workspace_id` until done or until `ctx.deadline`.
    /// Must be resumable: a slice may be cut short by a lost lease or a
    /// killed worker, and the next holder runs it again.
    fn run<'a>(&'a self, ctx: &'a JobContext) -> JobFuture<'a>;
}

/// A worker's settings.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The worker's name, unique in the fleet (the lease holder).
    pub name: String,
    /// Workspaces worked on at once, at most. The worker starts with a
    /// few and holds more while its requests are answered without
    /// queueing, fewer when they queue (its process or the server cannot
    /// keep every workspace it holds at its limit): a write that waited in
    /// a queue can count in the next second's budget and meet a 429.
    pub concurrency: usize,
    /// How long a job runs before it yields its workspace to the others.
    pub slice: Duration,
    /// How long to wait when no workspace has work.
    pub poll: Duration,
    /// Attio's API base URL; `None` for Attio itself.
    pub base_url: Option<String>,
    /// What each workspace's client paces at: Attio's limits (100 reads,
    /// 25 writes a second) by default; lower leaves headroom for another
    /// integration writing to the same workspaces.
    pub rate_limits: RateLimits,
}

impl WorkerConfig {
    /// A worker named `name`: at most 16 workspaces at once, 30 s slices, polling
    /// every 250 ms, against Attio.
    pub fn new(name: impl Into<String>) -> WorkerConfig {
        WorkerConfig {
            name: name.into(),
            concurrency: 16,
            slice: Duration::from_secs(30),
            poll: Duration::from_millis(250),
            base_url: None,
            rate_limits: RateLimits::default(),
        }
    }
}

/// Runs a [`Job`] for the workspaces whose leases it claims.
pub struct Worker<J> {
    db: Arc<tokio_postgres::Client>,
    installations: Installations,
    scheduler: Scheduler,
    job: Arc<J>,
    config: WorkerConfig,
}

impl<J> std::fmt::Debug for Worker<J> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<J: Job> Worker<J> {
    /// A worker over the fleet's tables.
    pub fn new(
        db: Arc<tokio_postgres::Client>,
        installations: Installations,
        scheduler: Scheduler,
        job: J,
        config: WorkerConfig,
    ) -> Worker<J> {
        Worker {
            db,
            installations,
            scheduler,
            job: Arc::new(job),
            config,
        }
    }

    /// Claims and works until `stop` completes; the jobs running then are
    /// dropped (their leases expire and another worker takes over). A
    /// database that fails is logged and tried again, so this returns only
    /// when stopped.
    pub async fn run(&self, stop: impl Future<Output = ()>) {
        let governor = Arc::new(Governor::new(
            self.config.concurrency,
            self.config.rate_limits.writes_per_second,
            self.config.slice,
        ));
        let ended = Arc::new(Notify::new());
        tokio::pin!(stop);
        let mut tasks = tokio::task::JoinSet::new();
        loop {
            let name = &self.config.name;
            let asked = Instant::now();
            let claim = if governor.try_hold() {
                self.scheduler.acquire(name).await
            } else if governor.try_hold_beyond_limit() {
                // At the limit: only a dead worker's workspaces, which
                // must not wait longer than their lease.
                self.scheduler.take_over(name).await
            } else {
                tokio::select! {
                    () = &mut stop => break,
                    () = ended.notified() => {}
                    () = tokio::time::sleep(self.config.poll) => {}
                }
                continue;
            };
            let claimed = match claim {
                Ok(claimed) => claimed,
                Err(error) => {
                    // The database is briefly unreachable: the leases held
                    // keep running (their heartbeats fail alone), and this
                    // loop tries again after a poll rather than ending.
                    tracing::warn!(%error, "attio-fleet: cannot claim a workspace");
                    None
                }
            };
            match claimed {
                Some(lease) => {
                    let run = self.lease_runner(lease, asked, governor.clone());
                    let (governor, ended) = (governor.clone(), ended.clone());
                    tasks.spawn(async move {
                        run.await;
                        governor.release();
                        ended.notify_one();
                    });
                }
                None => {
                    governor.release();
                    tokio::select! {
                        () = &mut stop => break,
                        () = ended.notified() => {}
                        () = tokio::time::sleep(self.config.poll) => {}
                    }
                }
            }
            while tasks.try_join_next().is_some() {}
        }
        tasks.abort_all();
    }

    /// The task that runs one lease to its end.
    fn lease_runner(
        &self,
        lease: Lease,
        asked: Instant,
        governor: Arc<Governor>,
    ) -> impl Future<Output = ()> + Send + 'static {
        let db = self.db.clone();
        let installations = self.installations.clone();
        let scheduler = self.scheduler.clone();
        let job = self.job.clone();
        let config = self.config.clone();
        async move {
            if lease.taken_over {
                tracing::info!(workspace_id = %lease.workspace_id, "attio-fleet: lease taken over");
            }
            let outcome = run_lease(
                &db,
                &installations,
                &scheduler,
                job.as_ref(),
                &config,
                (&lease, asked),
                &governor,
            )
            .await;
            if let Err(error) = outcome {
                tracing::warn!(workspace_id = %lease.workspace_id, %error, "attio-fleet: lease ended in error");
            }
        }
    }
}

async fn run_lease<J: Job>(
    db: &Arc<tokio_postgres::Client>,
    installations: &Installations,
    scheduler: &Scheduler,
    job: &J,
    config: &WorkerConfig,
    (lease, asked): (&Lease, Instant),
    governor: &Governor,
) -> Result<(), FleetError> {
    let workspace_id = lease.workspace_id.as_str();
    let client = match installations
        .client(workspace_id, config.base_url.as_deref(), config.rate_limits)
        .await
    {
        Ok(client) => client,
        Err(error) => {
            let text = error.to_string();
            scheduler.release(lease, false, Some(&text), 0).await?;
            return Err(error);
        }
    };
    let ctx = JobContext {
        workspace_id: workspace_id.to_owned(),
        client,
        state: PgState::new(db.clone(), workspace_id),
        deadline: Instant::now() + config.slice,
    };
    let ttl = scheduler.ttl();
    let heartbeat = async {
        // As far as this worker knows, the lease ends a ttl after the claim
        // or the last renewal was asked for (PostgreSQL counts from a
        // little later): past that, another worker may hold it, so the job
        // stops there even when the database is too slow to say so.
        let mut valid_until = tokio::time::Instant::from_std(asked + ttl);
        loop {
            tokio::select! {
                () = tokio::time::sleep(ttl / 3) => {}
                () = tokio::time::sleep_until(valid_until) => return,
            }
            let sent = tokio::time::Instant::now();
            let renewed = tokio::select! {
                renewed = scheduler.heartbeat(lease) => renewed,
                () = tokio::time::sleep_until(valid_until) => return,
            };
            match renewed {
                Ok(true) => valid_until = sent + ttl,
                // Lost (or unreachable database): stop writing, as the
                // lease may be another worker's by now.
                Ok(false) | Err(_) => return,
            }
        }
    };
    let work = async {
        if lease.taken_over {
            // Not in the same second as the last holder's last writes: it
            // stopped by the time its lease expired, but its writes in
            // flight may still be counted.
            tokio::time::sleep(TAKEOVER_PAUSE).await;
        }
        job.run(&ctx).await
    };
    let outcome = tokio::select! {
        outcome = work => Some(outcome),
        () = heartbeat => None,
    };
    let stats = ctx.client.stats();
    if let Some(limit) = governor.report(stats.answered, stats.answer_time, Instant::now()) {
        tracing::info!(
            limit,
            "attio-fleet: now holding at most {limit} workspaces at once"
        );
    }
    let rate_limited = stats.rate_limited;
    match outcome {
        None => {
            tracing::warn!(workspace_id, "attio-fleet: lease lost; the job stopped");
            Ok(())
        }
        Some(Ok(slice)) => {
            scheduler
                .release(lease, slice == Slice::Done, None, rate_limited)
                .await
        }
        Some(Err(error)) => {
            if is_refused_token(&error) {
                installations
                    .disconnect(
                        workspace_id,
                        "the token was refused (401): reinstall the app",
                    )
                    .await?;
            }
            let text = error.to_string();
            scheduler
                .release(lease, false, Some(&text), rate_limited)
                .await
        }
    }
}

/// How long a worker that took over an expired lease waits before its
/// first write: a wall-clock second, Attio's window.
const TAKEOVER_PAUSE: Duration = Duration::from_secs(1);

/// A 401 from Attio: the token was revoked (the app uninstalled).
fn is_refused_token(error: &JobError) -> bool {
    let attio = match error {
        JobError::Attio(e) => Some(e),
        JobError::Sync(SyncError::Identify(e) | SyncError::Reconcile(e)) => Some(e),
        _ => None,
    };
    attio.is_some_and(|e| e.kind() == ErrorKind::Auth && e.status() == Some(401))
}
