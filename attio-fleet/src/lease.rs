//! Work per workspace and the leases that spread it over workers: a row
//! per workspace in `attio_fleet_work`, claimed with `FOR UPDATE SKIP
//! LOCKED`, kept alive by heartbeats, freed by expiry.

use std::sync::Arc;
use std::time::Duration;

use crate::FleetError;

/// A workspace's lease, held by one worker until it ends or expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The workspace.
    pub workspace_id: String,
    /// The worker holding it.
    pub holder: String,
    /// The request counter when the lease began: a sync requested while
    /// the job runs is not lost when the job finishes.
    pub requested: i64,
    /// Whether it was taken from another worker whose lease had expired.
    pub taken_over: bool,
}

/// One workspace's work, for the status (serialises as the JSON of a
/// status endpoint).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorkStatus {
    /// The workspace.
    pub workspace_id: String,
    /// The workspace's name.
    pub workspace_name: String,
    /// Whether the installation is connected.
    pub connected: bool,
    /// Whether a sync is requested and not done yet.
    pub pending: bool,
    /// The worker holding the lease now, if the lease is live.
    pub holder: Option<String>,
    /// Seconds since the last sync finished, if one did.
    pub seconds_since_last_sync: Option<f64>,
    /// Leases run (each slice of work is one).
    pub runs: i64,
    /// Jobs that ended in an error.
    pub failures: i64,
    /// Leases taken over from a worker that stopped heartbeating.
    pub takeovers: i64,
    /// 429s the workspace's clients met.
    pub rate_limited: i64,
    /// The last error, if the last job failed.
    pub last_error: Option<String>,
}

/// Claims, extends and releases leases.
#[derive(Clone)]
pub struct Scheduler {
    db: Arc<tokio_postgres::Client>,
    ttl: Duration,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl Scheduler {
    /// Leases that live `ttl` without a heartbeat.
    pub fn new(db: Arc<tokio_postgres::Client>, ttl: Duration) -> Scheduler {
        Scheduler { db, ttl }
    }

    /// How long a lease lives without a heartbeat.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Requests a sync of the workspace: a worker will take it up.
    pub async fn request(&self, workspace_id: &str) -> Result<(), FleetError> {
        self.db
            .execute(
                "UPDATE attio_fleet_work SET requested = requested + 1 WHERE workspace_id = $1",
                &[&workspace_id],
            )
            .await?;
        Ok(())
    }

    /// Requests a sync of every connected workspace.
    pub async fn request_all(&self) -> Result<u64, FleetError> {
        Ok(self
            .db
            .execute(
                "UPDATE attio_fleet_work w SET requested = requested + 1
                 FROM attio_fleet_installations i
                 WHERE i.workspace_id = w.workspace_id AND i.status = 'connected'",
                &[],
            )
            .await?)
    }

    /// Claims the connected workspace with pending work whose lease is
    /// free or expired — an expired one first (its worker died: it waits
    /// no longer than the lease), then the one served least recently;
    /// `None` when there is none. A workspace released less than a second
    /// ago waits, so that the next holder's writes do not share a second's
    /// budget with the last holder's.
    pub async fn acquire(&self, holder: &str) -> Result<Option<Lease>, FleetError> {
        self.claim(holder, false).await
    }

    /// Claims a workspace whose lease expired (its worker stopped
    /// heartbeating), as [`acquire`](Self::acquire) does, and no other;
    /// `None` when there is none. A worker at the limit of what it serves
    /// still takes these over: the dead worker's load left the fleet with it.
    pub async fn take_over(&self, holder: &str) -> Result<Option<Lease>, FleetError> {
        self.claim(holder, true).await
    }

    async fn claim(&self, holder: &str, expired_only: bool) -> Result<Option<Lease>, FleetError> {
        let ttl = self.ttl.as_secs_f64();
        let row = self
            .db
            .query_opt(
                "WITH next AS (
                     SELECT w.workspace_id, w.holder AS previous FROM attio_fleet_work w
                     JOIN attio_fleet_installations i ON i.workspace_id = w.workspace_id
                     WHERE i.status = 'connected' AND w.requested > w.done
                       AND (w.holder IS NULL OR w.lease_until < now())
                       AND (w.last_finished_at IS NULL OR w.last_finished_at < now() - interval '1 second')
                       AND (NOT $3 OR w.holder IS NOT NULL)
                     ORDER BY w.holder IS NULL, w.last_started_at NULLS FIRST, w.workspace_id
                     LIMIT 1
                     FOR UPDATE OF w SKIP LOCKED)
                 UPDATE attio_fleet_work w SET holder = $1,
                     lease_until = now() + make_interval(secs => $2),
                     last_started_at = now(), runs = runs + 1,
                     takeovers = takeovers + (next.previous IS NOT NULL)::int,
                     taken_over_at = CASE WHEN next.previous IS NOT NULL THEN now() ELSE w.taken_over_at END
                 FROM next WHERE w.workspace_id = next.workspace_id
                 RETURNING w.workspace_id, w.requested, next.previous IS NOT NULL",
                &[&holder, &ttl, &expired_only],
            )
            .await?;
        Ok(row.map(|row| Lease {
            workspace_id: row.get(0),
            holder: holder.to_owned(),
            requested: row.get(1),
            taken_over: row.get(2),
        }))
    }

    /// Extends the lease by the ttl; `false` when it is no longer held
    /// (expired and taken over): the job must stop.
    pub async fn heartbeat(&self, lease: &Lease) -> Result<bool, FleetError> {
        let ttl = self.ttl.as_secs_f64();
        let changed = self
            .db
            .execute(
                "UPDATE attio_fleet_work SET lease_until = now() + make_interval(secs => $3)
                 WHERE workspace_id = $1 AND holder = $2",
                &[&lease.workspace_id, &lease.holder, &ttl],
            )
            .await?;
        Ok(changed == 1)
    }

    /// Ends the lease. `done`: the work requested when it began is done
    /// (a request made since stays pending); otherwise the workspace goes
    /// back in line with its work pending (a slice ended, or it failed
    /// with `error`). `rate_limited`: 429s met, for the status.
    pub async fn release(
        &self,
        lease: &Lease,
        done: bool,
        error: Option<&str>,
        rate_limited: u64,
    ) -> Result<(), FleetError> {
        let done_upto = if done { lease.requested } else { 0 };
        let rate_limited = i64::try_from(rate_limited).unwrap_or(i64::MAX);
        self.db
            .execute(
                "UPDATE attio_fleet_work SET holder = NULL, lease_until = NULL,
                     last_finished_at = now(), done = GREATEST(done, $3),
                     failures = failures + ($4::text IS NOT NULL)::int, last_error = $4,
                     rate_limited = rate_limited + $5
                 WHERE workspace_id = $1 AND holder = $2",
                &[
                    &lease.workspace_id,
                    &lease.holder,
                    &done_upto,
                    &error,
                    &rate_limited,
                ],
            )
            .await?;
        Ok(())
    }

    /// Every workspace's work, by workspace id: the fleet's status.
    pub async fn status(&self) -> Result<Vec<WorkStatus>, FleetError> {
        let rows = self
            .db
            .query(
                "SELECT w.workspace_id, i.workspace_name, i.status = 'connected', w.requested > w.done,
                     CASE WHEN w.lease_until >= now() THEN w.holder END,
                     extract(epoch FROM now() - w.last_finished_at)::float8,
                     w.runs, w.failures, w.takeovers, w.rate_limited, w.last_error
                 FROM attio_fleet_work w
                 JOIN attio_fleet_installations i ON i.workspace_id = w.workspace_id
                 ORDER BY w.workspace_id",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| WorkStatus {
                workspace_id: r.get(0),
                workspace_name: r.get(1),
                connected: r.get(2),
                pending: r.get(3),
                holder: r.get(4),
                seconds_since_last_sync: r.get(5),
                runs: r.get(6),
                failures: r.get(7),
                takeovers: r.get(8),
                rate_limited: r.get(9),
                last_error: r.get(10),
            })
            .collect())
    }
}
