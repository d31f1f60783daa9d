//! Reading a request: the JSON body and its `data` members, query
//! parameters, counts and pagination.

use axum::body::Bytes;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::Params;
use crate::errors::ApiError;
use crate::time;

/// Parses a JSON body; an empty body counts as `{}` (query endpoints take an
/// optional body), anything unparseable is Attio's body validation error.
pub(crate) fn parse_body(bytes: &Bytes) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::body_issue(vec![], format!("Invalid JSON body: {e}.")))
}

/// The object under `data` in a write body.
pub(crate) fn data_object(body: &Value) -> Result<&Map<String, Value>, ApiError> {
    match body.get("data") {
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(ApiError::body_issue(
            vec![json!("data")],
            "Expected object.",
        )),
        None => Err(ApiError::body_issue(vec![json!("data")], "Required")),
    }
}

/// A required member of `data`.
pub(crate) fn required<'a>(data: &'a Map<String, Value>, key: &str) -> Result<&'a Value, ApiError> {
    data.get(key)
        .ok_or_else(|| ApiError::body_issue(vec![json!("data"), json!(key)], "Required"))
}

/// A required string member of `data`.
pub(crate) fn required_str<'a>(
    data: &'a Map<String, Value>,
    key: &str,
) -> Result<&'a str, ApiError> {
    required(data, key)?
        .as_str()
        .ok_or_else(|| ApiError::body_issue(vec![json!("data"), json!(key)], "Expected string."))
}

/// An optional boolean query parameter (`true`/`false`).
pub(crate) fn flag(params: &Params, name: &str) -> Result<bool, ApiError> {
    match params.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"{name}\" must be true or false, not \"{other}\"."),
        )),
    }
}

/// An optional non-negative integer query parameter.
pub(crate) fn number_param(params: &Params, name: &str) -> Result<Option<usize>, ApiError> {
    params
        .get(name)
        .map(|v| {
            v.parse::<usize>().map_err(|_| {
                ApiError::bad_request(
                    "validation_type",
                    format!("Query parameter \"{name}\" must be a non-negative integer."),
                )
            })
        })
        .transpose()
}

/// An optional ISO 8601 timestamp query parameter (`sent_after`,
/// `ends_from` …); empty counts as absent.
pub(crate) fn timestamp_param(
    params: &Params,
    name: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    params
        .get(name)
        .filter(|v| !v.is_empty())
        .map(|v| {
            crate::time::parse_timestamp(v).ok_or_else(|| {
                ApiError::bad_request(
                    "validation_type",
                    format!("Query parameter \"{name}\" must be an ISO 8601 timestamp."),
                )
            })
        })
        .transpose()
}

/// `limit` (default `default`, at most `max`) and `offset` (default 0) of
/// a list endpoint paged by query parameters (notes, threads).
pub(crate) fn page(
    params: &Params,
    default: usize,
    max: usize,
) -> Result<(usize, usize), ApiError> {
    let limit = number_param(params, "limit")?.unwrap_or(default);
    if limit > max {
        return Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"limit\" must be at most {max}."),
        ));
    }
    Ok((limit, number_param(params, "offset")?.unwrap_or(0)))
}

/// A count (`limit`, `offset`, …) read from a request body: any JSON number
/// with a non-negative integral value. Clients generated from Attio's
/// current OpenAPI document, which types these counts `number`, send
/// `50.0`; the live API accepts it, so the emulator does too.
pub(crate) fn body_count(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n);
    }
    let f = value.as_f64()?;
    // `u64::MAX as f64` rounds up to 2^64, which is itself out of range, so
    // the cast below never saturates.
    let in_range = f >= 0.0 && f < u64::MAX as f64;
    (in_range && f.fract() == 0.0).then_some(f as u64)
}

/// `offset` and `limit` applied to a list.
pub(crate) fn paginate<T>(items: Vec<T>, offset: usize, limit: Option<usize>) -> Vec<T> {
    let iter = items.into_iter().skip(offset);
    match limit {
        Some(limit) => iter.take(limit).collect(),
        None => iter.collect(),
    }
}

/// A body issue at `data.<key>`.
pub(crate) fn field_issue(key: &str, message: &str) -> ApiError {
    ApiError::body_issue(vec![json!("data"), json!(key)], message)
}

/// An optional boolean member of `data`.
pub(crate) fn optional_bool(
    data: &Map<String, Value>,
    key: &str,
) -> Result<Option<bool>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(field_issue(key, "Expected boolean.")),
    }
}

/// A required boolean member of `data`.
pub(crate) fn required_bool(data: &Map<String, Value>, key: &str) -> Result<bool, ApiError> {
    optional_bool(data, key)?.ok_or_else(|| field_issue(key, "Required"))
}

/// An optional member of `data` that is a string or `null`: `None` when
/// absent, `Some(None)` when `null` (which clears it).
pub(crate) fn nullable_str(
    data: &Map<String, Value>,
    key: &str,
) -> Result<Option<Option<String>>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(_) => Err(field_issue(key, "Expected string or null.")),
    }
}

/// The optional `created_at` of a note or comment body: a timestamp between
/// 1970 and now, formatted as Attio formats timestamps; now when absent.
pub(crate) fn created_at(data: &Map<String, Value>) -> Result<String, ApiError> {
    match data.get("created_at") {
        None | Some(Value::Null) => Ok(time::now_string()),
        Some(Value::String(s)) => time::parse_timestamp(s)
            .filter(|at| *at >= DateTime::<Utc>::UNIX_EPOCH && *at <= Utc::now())
            .map(time::format_timestamp)
            .ok_or_else(|| field_issue("created_at", "Expected a timestamp between 1970 and now.")),
        Some(_) => Err(field_issue("created_at", "Expected string.")),
    }
}
