//! A [`DedupStore`] in a SQLite file, so that a receiver that restarts
//! still recognises the deliveries it accepted before (feature `sqlite`).

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection};

use super::{DedupError, DedupStore};

/// Keys in a table `webhook_deliveries` of a SQLite database (WAL mode),
/// each kept `ttl` (Attio retries for about three days; a week is a safe
/// choice).
///
/// ```no_run
/// use std::time::Duration;
/// use attio_runtime::webhooks::{DedupStore, SqliteDedup};
///
/// let seen = SqliteDedup::open("webhooks.sqlite", Duration::from_secs(7 * 24 * 3600))?;
/// if seen.claim("idempotency-key")? { /* process */ }
/// # Ok::<(), attio_runtime::webhooks::DedupError>(())
/// ```
#[derive(Debug)]
pub struct SqliteDedup {
    connection: Mutex<Connection>,
    ttl: Duration,
}

fn failed(e: rusqlite::Error) -> DedupError {
    DedupError::new(e.to_string())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl SqliteDedup {
    /// Opens (or creates) the database file.
    pub fn open(path: impl AsRef<Path>, ttl: Duration) -> Result<SqliteDedup, DedupError> {
        let connection = crate::sqlite::open(
            path.as_ref(),
            "CREATE TABLE IF NOT EXISTS webhook_deliveries (
                 key TEXT PRIMARY KEY NOT NULL,
                 claimed_at_ms INTEGER NOT NULL
             );",
        )
        .map_err(DedupError::new)?;
        Ok(SqliteDedup {
            connection: Mutex::new(connection),
            ttl,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl DedupStore for SqliteDedup {
    fn claim(&self, key: &str) -> Result<bool, DedupError> {
        let now = now_ms();
        let expired_before = now - self.ttl.as_millis() as i64;
        let connection = self.lock();
        connection
            .execute(
                "DELETE FROM webhook_deliveries WHERE claimed_at_ms <= ?1",
                params![expired_before],
            )
            .map_err(failed)?;
        let inserted = connection
            .execute(
                "INSERT OR IGNORE INTO webhook_deliveries (key, claimed_at_ms) VALUES (?1, ?2)",
                params![key, now],
            )
            .map_err(failed)?;
        Ok(inserted == 1)
    }

    fn release(&self, key: &str) -> Result<(), DedupError> {
        self.lock()
            .execute(
                "DELETE FROM webhook_deliveries WHERE key = ?1",
                params![key],
            )
            .map_err(failed)
            .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dedup.sqlite");
        let ttl = Duration::from_secs(3600);
        {
            let store = SqliteDedup::open(&path, ttl).unwrap();
            assert!(store.claim("k1").unwrap());
            assert!(!store.claim("k1").unwrap());
        }
        let reopened = SqliteDedup::open(&path, ttl).unwrap();
        assert!(!reopened.claim("k1").unwrap(), "seen before the restart");
        assert!(reopened.claim("k2").unwrap());
        reopened.release("k2").unwrap();
        assert!(reopened.claim("k2").unwrap());
    }

    #[test]
    fn expired_claims_are_new_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteDedup::open(dir.path().join("d.sqlite"), Duration::ZERO).unwrap();
        assert!(store.claim("k").unwrap());
        std::thread::sleep(Duration::from_millis(2));
        assert!(store.claim("k").unwrap());
    }

    #[test]
    fn an_unwritable_path_says_so() {
        let err = SqliteDedup::open("/nonexistent-dir/x/d.sqlite", Duration::ZERO).unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot open /nonexistent-dir/x/d.sqlite"),
            "{err}"
        );
    }
}
