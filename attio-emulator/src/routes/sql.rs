//! `POST /v2/sql` (beta in Attio's API): a read-only query over records and
//! entries, run by [`crate::sql`] on SQLite. The store is copied into the
//! database under its lock; the query runs outside it, on a blocking
//! thread, so a slow query holds up neither the store nor the server.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::http::{data, lock, parse_body, ApiResult, Shared};
use crate::sql::{Database, TIMEOUT};

/// `POST /v2/sql` with `{"sql": "SELECT …"}`: `{"data": {"rows": […]}}`.
pub(crate) async fn query(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let sql = match body.get("sql") {
        Some(Value::String(sql)) if !sql.trim().is_empty() => sql.clone(),
        Some(_) => {
            return Err(ApiError::body_issue(
                vec![json!("sql")],
                "Expected a SQL query.",
            ))
        }
        None => return Err(ApiError::body_issue(vec![json!("sql")], "Required")),
    };
    let database = Database::load(&lock(&state))?;
    let rows = tokio::task::spawn_blocking(move || database.query(&sql, TIMEOUT))
        .await
        .map_err(|_| ApiError::server_error(StatusCode::INTERNAL_SERVER_ERROR))??;
    Ok(data(json!({ "rows": rows })))
}
