//! Helpers every value family shares: issues, the object-or-shorthand
//! form of a written value, one-field values.

use serde_json::{json, Map, Value};

use crate::errors::ValidationIssue;

/// The validation issues of one refused value.
pub(crate) type Issues = Vec<ValidationIssue>;

/// One `invalid_type` issue at `path`.
pub(crate) fn issue(path: &[&str], message: impl Into<String>) -> Issues {
    vec![ValidationIssue::new(
        "invalid_type",
        path.iter().map(|p| json!(p)).collect(),
        message,
    )]
}

/// If `raw` is an object holding `key`, that member; else `raw` itself (the
/// shorthand form). Other keys in the object form are rejected.
pub(crate) fn unwrap_object_form<'a>(raw: &'a Value, key: &str) -> Result<&'a Value, Issues> {
    match raw {
        Value::Object(map) => {
            let Some(inner) = map.get(key) else {
                return Err(issue(&[key], format!("Required: \"{key}\".")));
            };
            Ok(inner)
        }
        other => Ok(other),
    }
}

/// A value of one field.
pub(crate) fn single(key: &str, value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    map
}
