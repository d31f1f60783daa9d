//! Locations: all ten keys of Attio's address shape, or a free-form
//! address string split into them.

use serde_json::{json, Map, Value};

use super::form::{issue, Issues};

/// The ten keys of a location, in Attio's order.
pub(crate) const LOCATION_KEYS: [&str; 10] = [
    "line_1",
    "line_2",
    "line_3",
    "line_4",
    "locality",
    "region",
    "postcode",
    "country_code",
    "latitude",
    "longitude",
];

/// A location object with every key, or an address string.
pub(crate) fn location(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let map = match raw {
        Value::String(s) => parse_address(s),
        Value::Object(map) => map.clone(),
        _ => {
            return Err(issue(
                &[],
                "Expected a location object or an address string.",
            ))
        }
    };
    let mut issues = Vec::new();
    let mut out = Map::new();
    for key in LOCATION_KEYS {
        match map.get(key) {
            None => issues.extend(issue(&[key], format!("Required: \"{key}\"."))),
            Some(Value::Null) => {
                out.insert(key.into(), Value::Null);
            }
            Some(Value::String(s)) => {
                let valid = match key {
                    "latitude" => coordinate_in_range(s, 90.0),
                    "longitude" => coordinate_in_range(s, 180.0),
                    "country_code" => s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()),
                    _ => true,
                };
                if !valid {
                    issues.extend(issue(&[key], format!("Invalid \"{key}\".")));
                }
                let s = if key == "country_code" {
                    s.to_ascii_uppercase()
                } else {
                    s.clone()
                };
                out.insert(key.into(), json!(s));
            }
            Some(_) => issues.extend(issue(&[key], "Expected a string or null.")),
        }
    }
    for key in map.keys() {
        if !LOCATION_KEYS.contains(&key.as_str()) {
            issues.extend(issue(&[key], format!("Unrecognized key \"{key}\".")));
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// A decimal coordinate string within ±`limit` (Attio's latitude/longitude patterns).
fn coordinate_in_range(s: &str, limit: f64) -> bool {
    let digits = s.trim_start_matches(['+', '-']);
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    well_formed && s.parse::<f64>().is_ok_and(|f| f.abs() <= limit)
}

/// Splits a free-form address the way a user usually writes it:
/// `line 1, locality, region, postcode, country code`, reading from the end.
fn parse_address(s: &str) -> Map<String, Value> {
    let mut parts: Vec<String> = s
        .split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Map::new();
    for key in LOCATION_KEYS {
        out.insert(key.into(), Value::Null);
    }
    if parts
        .last()
        .is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        && parts.len() > 1
    {
        out.insert(
            "country_code".into(),
            json!(parts.pop().map(|p| p.to_ascii_uppercase())),
        );
    }
    if parts
        .last()
        .is_some_and(|p| p.bytes().any(|b| b.is_ascii_digit()) && p.len() <= 10)
        && parts.len() > 1
    {
        out.insert("postcode".into(), json!(parts.pop()));
    }
    if parts.len() >= 3 {
        out.insert("region".into(), json!(parts.pop()));
    }
    if parts.len() >= 2 {
        out.insert("locality".into(), json!(parts.pop()));
    }
    if !parts.is_empty() {
        out.insert("line_1".into(), json!(parts.join(", ")));
    }
    out
}
