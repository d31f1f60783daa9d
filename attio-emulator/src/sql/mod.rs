//! `POST /v2/sql` on a real SQL engine: SQLite, in memory, loaded from the
//! store for each query. Attio's dialect (<https://docs.attio.com/sql/overview>)
//! and the emulator's agree on the shape of the data:
//!
//! - one table per object in the schema `objects` (searched first, so
//!   `FROM people` is `FROM objects.people`), and one per list in `lists`
//!   (`FROM lists.sales`); both are attached in-memory databases;
//! - columns are the attributes' slugs plus `record_id` (entries:
//!   `entry_id` and `parent_record`);
//! - a single value is a scalar (text, number, boolean; a select or status
//!   by title, a name by full name, an email address, domain or phone number
//!   by its normalised form, currency by amount); a record reference is an
//!   object `{entity_definition_id, entity_instance_id}`; an actor
//!   reference `{type, id}`; a location or interaction its fields;
//!   multiselect attributes are arrays of those;
//! - only a single `SELECT` (or `WITH … SELECT`) is accepted, within 30
//!   seconds.
//!
//! Where they differ: the emulator speaks SQLite's SQL. Structs and arrays
//! are JSON there: `parent_record.entity_instance_id` (and the other field)
//! is rewritten to `json_extract(parent_record, '$.entity_instance_id')`
//! (see `dialect.rs`), and an array is unnested with `json_each(column)`,
//! whose `value` is each element, where Attio's engine writes `UNNEST`.
//! A result column declared JSON, or a text that is a JSON object or array
//! (what `json_group_array` returns), is answered as JSON; a checkbox
//! column as a boolean. Functions and types beyond SQLite's are not there.

mod dialect;
mod tables;

use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::store::Store;

/// How long a query may run before it is interrupted.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

/// The error every refused query gets: Attio documents `filter_error`.
fn refused(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("filter_error", message)
}

/// A database holding the store's records and entries, ready for a query.
pub(crate) struct Database {
    connection: Connection,
}

impl Database {
    /// Loads every object's records and every list's entries.
    pub(crate) fn load(store: &Store) -> Result<Database, ApiError> {
        let connection = tables::load(store).map_err(|e| {
            tracing::error!(error = %e, "the SQL tables could not be built");
            ApiError::server_error(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        })?;
        Ok(Database { connection })
    }

    /// Runs `sql`, a single read-only `SELECT`, interrupted after `timeout`;
    /// each row is an object by column name.
    pub(crate) fn query(&self, sql: &str, timeout: Duration) -> Result<Vec<Value>, ApiError> {
        let first_word = first_keyword(sql);
        if !matches!(first_word.as_str(), "select" | "with") {
            return Err(refused(format!(
                "Only SELECT statements are accepted; this query starts with \"{}\".",
                first_word.to_uppercase()
            )));
        }
        if dialect::has_second_statement(sql) {
            return Err(refused("Only one SELECT statement is accepted per query."));
        }
        let rewritten = dialect::rewrite(sql);
        let mut statement = self
            .connection
            .prepare(&rewritten)
            .map_err(|e| refused(describe(&e)))?;
        if !statement.readonly() {
            return Err(refused(
                "Only SELECT statements are accepted; this query would change data.",
            ));
        }
        let columns: Vec<(String, bool, bool)> = statement
            .columns()
            .iter()
            .map(|c| {
                let declared = c.decl_type().unwrap_or_default().to_ascii_uppercase();
                (
                    c.name().to_owned(),
                    declared == "JSON",
                    declared == "BOOLEAN",
                )
            })
            .collect();
        let interrupt = self.connection.get_interrupt_handle();
        let (done, waiting) = std::sync::mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || {
            if waiting.recv_timeout(timeout).is_err() {
                interrupt.interrupt();
            }
        });
        let result = read_rows(&mut statement, &columns);
        let _ = done.send(());
        let _ = watchdog.join();
        result.map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                refused(format!(
                    "The query ran longer than {} seconds and was stopped.",
                    timeout.as_secs_f64()
                ))
            }
            other => refused(describe(&other)),
        })
    }
}

fn read_rows(
    statement: &mut rusqlite::Statement<'_>,
    columns: &[(String, bool, bool)],
) -> Result<Vec<Value>, rusqlite::Error> {
    let mut rows = statement.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut object = Map::new();
        for (i, (name, is_json, is_bool)) in columns.iter().enumerate() {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) if *is_bool => json!(n != 0),
                ValueRef::Integer(n) => json!(n),
                ValueRef::Real(f) => json!(f),
                ValueRef::Text(bytes) => {
                    let text = String::from_utf8_lossy(bytes);
                    let looks_json = text.starts_with('{') || text.starts_with('[');
                    match (*is_json || looks_json)
                        .then(|| serde_json::from_str::<Value>(&text).ok())
                        .flatten()
                    {
                        Some(parsed) => parsed,
                        None => json!(text),
                    }
                }
                ValueRef::Blob(bytes) => json!(String::from_utf8_lossy(bytes)),
            };
            object.insert(name.clone(), value);
        }
        out.push(Value::Object(object));
    }
    Ok(out)
}

/// The first keyword of `sql`, lower-case, after blanks and comments.
fn first_keyword(sql: &str) -> String {
    let mut rest = sql.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix('(') {
            rest = after.trim_start();
        } else {
            break;
        }
    }
    rest.chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// SQLite's error in Attio's words where it names a missing table.
fn describe(error: &rusqlite::Error) -> String {
    let text = match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    };
    match text.strip_prefix("no such table: ") {
        Some(table) => format!(
            "Table \"{table}\" does not exist: query objects.<object slug> or lists.<list slug>."
        ),
        None => format!("Invalid SQL: {text}."),
    }
}

#[cfg(test)]
mod tests;
