//! A [`StateStore`] in a SQLite file (feature `sqlite`): the default for a
//! sync that runs again, and what lets a killed run resume.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use super::state::{StateError, StateStore, Synced};

/// Sync state in a table `attio_sync_state` of a SQLite database in WAL
/// mode, and the workspace it belongs to in a one-row table
/// `attio_sync_workspace` (created when a file written by an earlier version
/// is opened, which is then bound on its next sync). Each `put` is its own transaction, committed before the sync counts
/// the write as done, so a process killed at any point loses at most the
/// writes in flight (which are asserts: sending them again changes nothing).
///
/// ```no_run
/// use attio_runtime::sync::{SqliteState, StateStore};
///
/// let state = SqliteState::open("attio-sync.sqlite")?;
/// println!("{} people synced so far", state.len("objects/people/email_addresses")?);
/// # Ok::<(), attio_runtime::sync::StateError>(())
/// ```
#[derive(Debug)]
pub struct SqliteState {
    connection: Mutex<Connection>,
}

fn failed(e: rusqlite::Error) -> StateError {
    StateError::new(e.to_string())
}

impl SqliteState {
    /// Opens (or creates) the database file.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteState, StateError> {
        let connection = crate::sqlite::open(
            path.as_ref(),
            "CREATE TABLE IF NOT EXISTS attio_sync_state (
                 scope TEXT NOT NULL,
                 key TEXT NOT NULL,
                 id TEXT NOT NULL,
                 hash TEXT NOT NULL,
                 PRIMARY KEY (scope, key)
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS attio_sync_workspace (
                 singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                 workspace_id TEXT NOT NULL
             );",
        )
        .map_err(StateError::new)?;
        Ok(SqliteState {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl StateStore for SqliteState {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Synced>, StateError> {
        self.lock()
            .prepare_cached("SELECT id, hash FROM attio_sync_state WHERE scope = ?1 AND key = ?2")
            .and_then(|mut statement| {
                statement
                    .query_row(params![scope, key], |row| {
                        Ok(Synced {
                            id: row.get(0)?,
                            hash: row.get(1)?,
                        })
                    })
                    .optional()
            })
            .map_err(failed)
    }

    fn put(&self, scope: &str, key: &str, synced: &Synced) -> Result<(), StateError> {
        self.lock()
            .prepare_cached(
                "INSERT INTO attio_sync_state (scope, key, id, hash) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (scope, key) DO UPDATE SET id = excluded.id, hash = excluded.hash",
            )
            .and_then(|mut statement| {
                statement.execute(params![scope, key, synced.id, synced.hash])
            })
            .map_err(failed)
            .map(drop)
    }

    fn remove(&self, scope: &str, key: &str) -> Result<(), StateError> {
        self.lock()
            .execute(
                "DELETE FROM attio_sync_state WHERE scope = ?1 AND key = ?2",
                params![scope, key],
            )
            .map_err(failed)
            .map(drop)
    }

    fn len(&self, scope: &str) -> Result<u64, StateError> {
        self.lock()
            .query_row(
                "SELECT COUNT(*) FROM attio_sync_state WHERE scope = ?1",
                params![scope],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(failed)
    }

    fn bind_workspace(&self, workspace_id: &str) -> Result<String, StateError> {
        let connection = self.lock();
        // Insert-or-ignore, then read: atomic even between processes.
        connection
            .execute(
                "INSERT OR IGNORE INTO attio_sync_workspace (singleton, workspace_id) VALUES (1, ?1)",
                params![workspace_id],
            )
            .and_then(|_| {
                connection.query_row(
                    "SELECT workspace_id FROM attio_sync_workspace WHERE singleton = 1",
                    [],
                    |row| row.get(0),
                )
            })
            .map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_survives_a_reopen_and_is_scoped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite");
        let synced = Synced {
            id: "r1".into(),
            hash: "h1".into(),
        };
        {
            let store = SqliteState::open(&path).unwrap();
            store
                .put("objects/people/email_addresses", "ada@example.com", &synced)
                .unwrap();
            let newer = Synced {
                hash: "h2".into(),
                ..synced.clone()
            };
            store
                .put("objects/people/email_addresses", "ada@example.com", &newer)
                .unwrap();
        }
        let store = SqliteState::open(&path).unwrap();
        let got = store
            .get("objects/people/email_addresses", "ada@example.com")
            .unwrap();
        assert_eq!(got.map(|s| s.hash), Some("h2".to_owned()));
        assert_eq!(
            store
                .get("objects/companies/domains", "ada@example.com")
                .unwrap(),
            None
        );
        assert_eq!(store.len("objects/people/email_addresses").unwrap(), 1);
        store
            .remove("objects/people/email_addresses", "ada@example.com")
            .unwrap();
        assert_eq!(store.len("objects/people/email_addresses").unwrap(), 0);
    }

    #[test]
    fn a_file_stays_bound_to_its_workspace_and_an_old_file_is_bound_on_first_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite");
        {
            // A file written before stores knew their workspace.
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE attio_sync_state (scope TEXT NOT NULL, key TEXT NOT NULL,
                     id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
                 INSERT INTO attio_sync_state VALUES ('objects/people/email_addresses', 'a', 'r1', 'h1');",
            )
            .unwrap();
        }
        {
            let store = SqliteState::open(&path).unwrap();
            assert_eq!(store.bind_workspace("w1").unwrap(), "w1");
            assert_eq!(store.len("objects/people/email_addresses").unwrap(), 1);
        }
        let store = SqliteState::open(&path).unwrap();
        assert_eq!(store.bind_workspace("w2").unwrap(), "w1");
    }

    #[test]
    fn an_unwritable_path_says_so() {
        let err = SqliteState::open("/nonexistent-dir/x/state.sqlite").unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot open /nonexistent-dir/x/state.sqlite"),
            "{err}"
        );
    }
}
