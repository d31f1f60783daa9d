//! Opening the SQLite files the runtime keeps (webhook deduplication, sync
//! state), one way: WAL, `synchronous = NORMAL`, a busy timeout, and the
//! table created if missing (feature `sqlite`).

use std::path::Path;

use rusqlite::Connection;

/// Opens (or creates) the database at `path` and runs `schema` (the
/// `CREATE TABLE IF NOT EXISTS …` of its store). `Err` says what went wrong
/// and what to check.
pub(crate) fn open(path: &Path, schema: &str) -> Result<Connection, String> {
    let connection = Connection::open(path).map_err(|e| {
        format!(
            "cannot open {}: {e}; check that the directory exists and is writable",
            path.display()
        )
    })?;
    // NORMAL is durable across a killed process in WAL mode (only a power
    // loss can drop the last commits), at a fraction of FULL's cost.
    connection
        .execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA busy_timeout = 5000;
             {schema}"
        ))
        .map_err(|e| e.to_string())?;
    Ok(connection)
}
