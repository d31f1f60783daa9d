//! Dates and timestamps, parsed as leniently as Attio parses them.

use serde_json::{json, Map, Value};

use super::form::{issue, single, unwrap_object_form, Issues};
use crate::time;

/// A date, normalised to `YYYY-MM-DD`.
pub(crate) fn date(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => match time::parse_date(s) {
            Some(d) => Ok(single("value", json!(d.format("%Y-%m-%d").to_string()))),
            None => Err(issue(&["value"], "Expected an ISO 8601 date.")),
        },
        _ => Err(issue(&["value"], "Expected an ISO 8601 date string.")),
    }
}

/// A timestamp, normalised to UTC with nine fractional digits.
pub(crate) fn timestamp(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => match time::parse_timestamp(s) {
            Some(at) => Ok(single("value", json!(time::format_timestamp(at)))),
            None => Err(issue(&["value"], "Expected an ISO 8601 timestamp.")),
        },
        _ => Err(issue(&["value"], "Expected an ISO 8601 timestamp string.")),
    }
}
