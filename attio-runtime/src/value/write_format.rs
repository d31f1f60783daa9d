//! Pieces of the write format shared by several value types.

use serde_json::Value;

/// `Some(s)` as a JSON string, `None` as `null`.
pub(crate) fn opt_json(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_owned()))
}
