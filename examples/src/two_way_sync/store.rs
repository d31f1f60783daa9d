//! The local `customers` table (SQLite) and the bookkeeping the sync keeps
//! beside each row.
//!
//! The application owns the table and edits it with plain SQL; its one
//! duty is to set `updated_at` to the current time (RFC 3339, see
//! [`timestamp`]) whenever it changes a row. The sync adds three columns:
//! `attio_record_id`, `synced_at` (the `updated_at` of the version last
//! reconciled: a row is pending when the two differ, rather than when one is
//! newer, so that a clock set back cannot hide an edit) and `base` (JSON of
//! the values both sides last agreed on, which tells a change on one side
//! from a change on the other, and an echo of our own write from news).

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row as SqlRow};

use super::policy::Fields;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS customers (
    email           TEXT PRIMARY KEY,
    name            TEXT,
    job_title       TEXT,
    phone           TEXT,
    attio_record_id TEXT UNIQUE,
    updated_at      TEXT NOT NULL,
    synced_at       TEXT,
    base            TEXT
);";

const COLUMNS: &str = "email, name, job_title, phone, attio_record_id, updated_at, base,
    synced_at IS NULL OR synced_at <> updated_at";

/// `at` as the table stores timestamps: RFC 3339, UTC, microseconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A row of `customers` as the sync reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The primary key, lower case; the person's email address in Attio.
    pub email: String,
    /// The synced values.
    pub fields: Fields,
    /// The Attio person, once known.
    pub attio_record_id: Option<String>,
    /// When the application last changed the row, as stored.
    pub updated_at: String,
    /// The values both sides last agreed on; `None` before the first sync.
    pub base: Option<Fields>,
    /// Whether the row changed since it was last reconciled.
    pub pending: bool,
}

impl Row {
    /// [`Row::updated_at`], parsed.
    pub fn updated_at(&self) -> anyhow::Result<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.updated_at)
            .map(|at| at.with_timezone(&Utc))
            .with_context(|| {
                format!(
                    "customer {} has updated_at {:?}, which is not an RFC 3339 timestamp; \
                     store timestamps as `store::timestamp` writes them",
                    self.email, self.updated_at
                )
            })
    }
}

/// How [`Store::settle`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The row now holds the merged values and is no longer pending.
    Applied,
    /// The application changed the row meanwhile; it stays pending, and its
    /// base is the version that was reconciled, so that the next pass sees
    /// the application's new edit as a local change.
    Moved,
}

/// The `customers` table.
#[derive(Debug)]
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if need be) the table in the SQLite file at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        let connection = Connection::open(path)
            .with_context(|| format!("cannot open the customers database {}", path.display()))?;
        // WAL lets the application write while the sync reads; the timeout
        // makes one side wait for the other instead of failing.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Store::new(connection)
    }

    /// A table in memory, for tests.
    pub fn in_memory() -> anyhow::Result<Store> {
        Store::new(Connection::open_in_memory()?)
    }

    fn new(connection: Connection) -> anyhow::Result<Store> {
        connection.busy_timeout(Duration::from_secs(5))?;
        connection
            .execute_batch(SCHEMA)
            .context("cannot create the customers table")?;
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic elsewhere leaves the connection itself usable.
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the application's own SQL on the table (an edit, say), with
    /// positional parameters.
    pub fn execute(&self, sql: &str, params: impl rusqlite::Params) -> anyhow::Result<usize> {
        Ok(self.lock().execute(sql, params)?)
    }

    /// Adds a customer as the application would: pending, never synced.
    pub fn insert(&self, email: &str, fields: &Fields, at: DateTime<Utc>) -> anyhow::Result<()> {
        self.lock().execute(
            "INSERT INTO customers (email, name, job_title, phone, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                email.to_lowercase(),
                fields.name,
                fields.job_title,
                fields.phone,
                timestamp(at)
            ],
        )?;
        Ok(())
    }

    /// Adds a person first seen in Attio, already in sync. `false` if a row
    /// with that email exists (the caller reconciles it instead).
    pub fn import(
        &self,
        email: &str,
        fields: &Fields,
        record_id: &str,
        at: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let at = timestamp(at);
        let inserted = self.lock().execute(
            "INSERT INTO customers
                 (email, name, job_title, phone, attio_record_id, updated_at, synced_at, base)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
             ON CONFLICT (email) DO NOTHING",
            params![
                email.to_lowercase(),
                fields.name,
                fields.job_title,
                fields.phone,
                record_id,
                at,
                serde_json::to_string(fields)?
            ],
        )?;
        Ok(inserted == 1)
    }

    /// The row of `email`.
    pub fn row(&self, email: &str) -> anyhow::Result<Option<Row>> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE email = ?1");
        let found = self
            .lock()
            .query_row(&sql, [email.to_lowercase()], read_row)
            .optional()?;
        found.transpose()
    }

    /// The row linked to Attio person `record_id`, or else the row of the
    /// first of `emails` that has one.
    pub fn find(&self, record_id: &str, emails: &[String]) -> anyhow::Result<Option<Row>> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE attio_record_id = ?1");
        let linked = self
            .lock()
            .query_row(&sql, [record_id], read_row)
            .optional()?;
        if let Some(row) = linked {
            return row.map(Some);
        }
        for email in emails {
            if let Some(row) = self.row(email)? {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    /// The rows changed since they were last reconciled, oldest change first.
    pub fn pending(&self) -> anyhow::Result<Vec<Row>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM customers
             WHERE synced_at IS NULL OR synced_at <> updated_at ORDER BY updated_at"
        );
        self.select(&sql)
    }

    /// Every row, by email.
    pub fn all(&self) -> anyhow::Result<Vec<Row>> {
        self.select(&format!("SELECT {COLUMNS} FROM customers ORDER BY email"))
    }

    fn select(&self, sql: &str) -> anyhow::Result<Vec<Row>> {
        let connection = self.lock();
        let mut statement = connection.prepare(sql)?;
        let rows = statement.query_map([], read_row)?;
        rows.map(|row| row?).collect()
    }

    /// Records that `read` was reconciled to `merged`, which Attio person
    /// `record_id` now holds: the row takes the merged values and is no
    /// longer pending — unless the application changed it since `read`, in
    /// which case its edit is kept (see [`Settled::Moved`]).
    pub fn settle(&self, read: &Row, merged: &Fields, record_id: &str) -> anyhow::Result<Settled> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        // Compare-and-set on updated_at: the application does not go
        // through this lock, and its edit must not be overwritten.
        let applied = transaction.execute(
            "UPDATE customers
             SET name = ?1, job_title = ?2, phone = ?3, attio_record_id = ?4,
                 synced_at = updated_at, base = ?5
             WHERE email = ?6 AND updated_at = ?7",
            params![
                merged.name,
                merged.job_title,
                merged.phone,
                record_id,
                serde_json::to_string(merged)?,
                read.email,
                read.updated_at
            ],
        )?;
        let settled = if applied == 1 {
            Settled::Applied
        } else {
            transaction.execute(
                "UPDATE customers SET attio_record_id = ?1, base = ?2 WHERE email = ?3",
                params![record_id, serde_json::to_string(&read.fields)?, read.email],
            )?;
            Settled::Moved
        };
        transaction.commit()?;
        Ok(settled)
    }
}

fn read_row(row: &SqlRow<'_>) -> rusqlite::Result<anyhow::Result<Row>> {
    let base: Option<String> = row.get(6)?;
    let email: String = row.get(0)?;
    let base = match base
        .map(|json| serde_json::from_str::<Fields>(&json))
        .transpose()
    {
        Ok(base) => base,
        Err(e) => {
            return Ok(Err(anyhow::anyhow!(
                "customer {email} has unreadable sync bookkeeping ({e}); \
                 set its base column to NULL to sync it afresh"
            )))
        }
    };
    Ok(Ok(Row {
        fields: Fields {
            name: row.get(1)?,
            job_title: row.get(2)?,
            phone: row.get(3)?,
        },
        attio_record_id: row.get(4)?,
        updated_at: row.get(5)?,
        base,
        pending: row.get(7)?,
        email,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> Fields {
        Fields {
            name: Some("Ada Lovelace".into()),
            job_title: Some("CTO".into()),
            phone: None,
        }
    }

    #[test]
    fn a_new_row_is_pending_until_settled() {
        let store = Store::in_memory().unwrap();
        store.insert("Ada@Example.com", &ada(), Utc::now()).unwrap();
        let read = store.pending().unwrap().remove(0);
        assert_eq!(read.email, "ada@example.com");
        assert_eq!(read.base, None);

        let settled = store.settle(&read, &ada(), "rec-1").unwrap();
        assert_eq!(settled, Settled::Applied);
        assert!(store.pending().unwrap().is_empty());
        let row = store.find("rec-1", &[]).unwrap().unwrap();
        assert_eq!(row.base, Some(ada()));
    }

    #[test]
    fn an_edit_made_while_reconciling_is_kept_and_stays_pending() {
        let store = Store::in_memory().unwrap();
        store.insert("ada@example.com", &ada(), Utc::now()).unwrap();
        let read = store.row("ada@example.com").unwrap().unwrap();
        store
            .execute(
                "UPDATE customers SET job_title = 'CEO', updated_at = ?1",
                [timestamp(Utc::now() + chrono::Duration::seconds(1))],
            )
            .unwrap();

        let mut merged = ada();
        merged.phone = Some("+15550001".into());
        assert_eq!(
            store.settle(&read, &merged, "rec-1").unwrap(),
            Settled::Moved
        );
        let row = store.pending().unwrap().remove(0);
        assert_eq!(row.fields.job_title.as_deref(), Some("CEO"));
        assert_eq!(
            row.fields.phone, None,
            "the merge is not applied over the edit"
        );
        assert_eq!(row.base, Some(ada()), "the base is the version reconciled");
        assert_eq!(row.attio_record_id.as_deref(), Some("rec-1"));
    }

    #[test]
    fn importing_never_replaces_a_row() {
        let store = Store::in_memory().unwrap();
        assert!(store
            .import("ada@example.com", &ada(), "rec-1", Utc::now())
            .unwrap());
        assert!(store.pending().unwrap().is_empty(), "imported in sync");
        assert!(!store
            .import("ada@example.com", &Fields::default(), "rec-2", Utc::now())
            .unwrap());
        assert_eq!(
            store
                .find("x", &["ada@example.com".into()])
                .unwrap()
                .unwrap()
                .fields,
            ada()
        );
    }

    #[test]
    fn an_unparseable_timestamp_is_reported_not_guessed() {
        let store = Store::in_memory().unwrap();
        store.insert("ada@example.com", &ada(), Utc::now()).unwrap();
        store
            .execute("UPDATE customers SET updated_at = 'yesterday'", [])
            .unwrap();
        let row = store.row("ada@example.com").unwrap().unwrap();
        let error = row.updated_at().unwrap_err().to_string();
        assert!(error.contains("not an RFC 3339 timestamp"), "{error}");
    }
}
