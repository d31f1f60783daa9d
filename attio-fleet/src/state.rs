//! The bulk sync's state in PostgreSQL, one namespace per workspace, so
//! that whichever worker holds a workspace's lease resumes its sync.

use std::future::Future;
use std::sync::Arc;

use attio_runtime::sync::{StateError, StateStore, Synced};
use tokio::runtime::{Handle, RuntimeFlavor};

/// A [`StateStore`] in PostgreSQL beside `MemoryState` and `SqliteState`:
/// the same rows for every worker of the fleet, under a namespace (the
/// workspace id, usually).
///
/// The trait is synchronous; each call runs its one statement with
/// `tokio::task::block_in_place`, so it needs the multi-threaded tokio
/// runtime (a current-thread runtime gets a `StateError`, not a panic).
#[derive(Clone)]
pub struct PgState {
    db: Arc<tokio_postgres::Client>,
    namespace: String,
}

impl std::fmt::Debug for PgState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgState")
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

impl PgState {
    /// The state of `namespace` in the fleet's tables (see [`migrate`](crate::migrate)).
    pub fn new(db: Arc<tokio_postgres::Client>, namespace: impl Into<String>) -> PgState {
        PgState {
            db,
            namespace: namespace.into(),
        }
    }

    fn block<T>(
        &self,
        work: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, StateError> {
        let handle =
            Handle::try_current().map_err(|_| StateError::new("PgState needs a tokio runtime"))?;
        if handle.runtime_flavor() != RuntimeFlavor::MultiThread {
            return Err(StateError::new(
                "PgState needs tokio's multi-threaded runtime (`#[tokio::main]`, or `flavor = \"multi_thread\"`)",
            ));
        }
        tokio::task::block_in_place(|| handle.block_on(work))
            .map_err(|e| StateError::new(format!("postgres: {e}")))
    }
}

impl StateStore for PgState {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Synced>, StateError> {
        let row = self.block(self.db.query_opt(
            "SELECT id, hash FROM attio_fleet_sync_state WHERE namespace = $1 AND scope = $2 AND key = $3",
            &[&self.namespace, &scope, &key],
        ))?;
        Ok(row.map(|r| Synced {
            id: r.get(0),
            hash: r.get(1),
        }))
    }

    fn put(&self, scope: &str, key: &str, synced: &Synced) -> Result<(), StateError> {
        self.block(self.db.execute(
            "INSERT INTO attio_fleet_sync_state (namespace, scope, key, id, hash) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (namespace, scope, key) DO UPDATE SET id = $4, hash = $5",
            &[&self.namespace, &scope, &key, &synced.id, &synced.hash],
        ))
        .map(drop)
    }

    fn remove(&self, scope: &str, key: &str) -> Result<(), StateError> {
        self.block(self.db.execute(
            "DELETE FROM attio_fleet_sync_state WHERE namespace = $1 AND scope = $2 AND key = $3",
            &[&self.namespace, &scope, &key],
        ))
        .map(drop)
    }

    fn len(&self, scope: &str) -> Result<u64, StateError> {
        let row = self.block(self.db.query_one(
            "SELECT count(*) FROM attio_fleet_sync_state WHERE namespace = $1 AND scope = $2",
            &[&self.namespace, &scope],
        ))?;
        Ok(row.get::<_, i64>(0).unsigned_abs())
    }

    fn bind_workspace(&self, workspace_id: &str) -> Result<String, StateError> {
        // One statement: two syncs binding at once agree on the first. The
        // one that lost a race may not see the winner's row in its
        // statement's snapshot: it reads it again.
        let row = self.block(self.db.query_opt(
            "WITH ins AS (
                 INSERT INTO attio_fleet_sync_binding (namespace, workspace_id) VALUES ($1, $2)
                 ON CONFLICT (namespace) DO NOTHING RETURNING workspace_id)
             SELECT workspace_id FROM ins
             UNION ALL
             SELECT workspace_id FROM attio_fleet_sync_binding WHERE namespace = $1
             LIMIT 1",
            &[&self.namespace, &workspace_id],
        ))?;
        let row = match row {
            Some(row) => row,
            None => self.block(self.db.query_one(
                "SELECT workspace_id FROM attio_fleet_sync_binding WHERE namespace = $1",
                &[&self.namespace],
            ))?,
        };
        Ok(row.get(0))
    }
}
