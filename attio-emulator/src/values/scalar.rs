//! Values of one plain field: text, numbers, checkboxes, ratings.

use serde_json::{json, Map, Value};

use super::form::{issue, single, unwrap_object_form, Issues};

/// Text: a string.
pub(crate) fn text(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => Ok(single("value", json!(s))),
        _ => Err(issue(&["value"], "Expected a string.")),
    }
}

/// A finite number with at most four decimal places, from a number or a numeric string.
fn parse_number(v: &Value) -> Option<f64> {
    let (f, text) = match v {
        Value::Number(n) => (n.as_f64()?, n.to_string()),
        Value::String(s) => (s.trim().parse::<f64>().ok()?, s.trim().to_owned()),
        _ => return None,
    };
    if !f.is_finite() {
        return None;
    }
    let decimals = text
        .split_once('.')
        .map_or(0, |(_, frac)| frac.trim_end_matches('0').len());
    (decimals <= 4 && !text.contains(['e', 'E'])).then_some(f)
}

fn number_json(f: f64) -> Value {
    // Integral values are emitted as integers, as Attio does (`42`, not `42.0`).
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}

/// A number in `key`, from a number or a numeric string.
pub(crate) fn number(raw: &Value, key: &str) -> Result<Map<String, Value>, Issues> {
    let inner = unwrap_object_form(raw, key)?;
    match parse_number(inner) {
        Some(f) => Ok(single(key, number_json(f))),
        None => Err(issue(
            &[key],
            "Expected a number with at most 4 decimal places.",
        )),
    }
}

/// A checkbox: a boolean, or `"true"` / `"false"`.
pub(crate) fn checkbox(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::Bool(b) => Ok(single("value", json!(b))),
        Value::String(s) if s == "true" => Ok(single("value", json!(true))),
        Value::String(s) if s == "false" => Ok(single("value", json!(false))),
        _ => Err(issue(&["value"], "Expected a boolean.")),
    }
}

/// A rating: an integer from 0 to 5.
pub(crate) fn rating(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")?.as_u64() {
        Some(n) if n <= 5 => Ok(single("value", json!(n))),
        _ => Err(issue(&["value"], "Expected an integer from 0 to 5.")),
    }
}
