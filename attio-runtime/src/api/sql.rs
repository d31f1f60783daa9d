//! Read-only SQL over the workspace's records and entries: one table per
//! object (`people`, `objects.companies`) and per list (`lists.sales`),
//! a column per attribute slug plus `record_id` (entries: `entry_id` and
//! `parent_record`). See <https://docs.attio.com/sql/overview>. Rows come
//! back as JSON ([`Row`]), as a type of the caller's
//! ([`Client::query_sql_as`]) or as a generated record type whose
//! attributes the columns are ([`Client::query_sql_records`]).
//!
//! # Stability
//!
//! Beta in Attio's API: its shape may change.

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::client::transport::Call;
use crate::{Client, Error, ErrorKind};

mod records;

/// One row of a SQL answer: each column's value by its name, as JSON (a
/// record reference is `{entity_definition_id, entity_instance_id}`, a
/// multiselect attribute an array).
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Row(Map<String, Value>);

impl Row {
    /// The value of a column; `None` when the query has no such column.
    pub fn get(&self, column: &str) -> Option<&Value> {
        self.0.get(column)
    }

    /// The columns and their values.
    pub fn columns(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The row as a type of the caller's whose fields are the columns
    /// (`#[derive(serde::Deserialize)]`; alias columns with `AS` to match).
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        T::deserialize(Value::Object(self.0.clone())).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("a SQL row does not fit the type asked for: {e}"),
            )
            .with_source(e)
        })
    }
}

/// `{"rows": […]}`.
#[derive(serde::Deserialize)]
struct Rows {
    rows: Vec<Row>,
}

impl Client {
    /// Runs a read-only query (`POST /v2/sql`) and returns its rows. Only a
    /// single `SELECT` is accepted: anything else, an unknown table or a
    /// query over 30 seconds is refused (`Error::code` `filter_error`).
    /// Changes nothing, so it counts as a read and is retried like one.
    ///
    /// ```no_run
    /// # async fn run(client: &attio_runtime::Client) -> Result<(), attio_runtime::Error> {
    /// let rows = client
    ///     .query_sql("SELECT p.name, c.name AS company FROM people p \
    ///                 JOIN companies c ON c.record_id = p.company.entity_instance_id")
    ///     .await?;
    /// for row in rows {
    ///     println!("{:?} works at {:?}", row.get("name"), row.get("company"));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn query_sql(&self, sql: &str) -> Result<Vec<Row>, Error> {
        let answer: Rows = self
            .call(Call::query("/v2/sql".to_owned(), json!({ "sql": sql })))
            .await?;
        Ok(answer.rows)
    }

    /// [`query_sql`](Client::query_sql), each row decoded as `T` (see
    /// [`Row::decode`]).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn query_sql_as<T: DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>, Error> {
        self.query_sql(sql).await?.iter().map(Row::decode).collect()
    }
}
