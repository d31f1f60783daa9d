//! Personal names: first, last and full name, or a `"Last, First"` string.

use serde_json::{json, Map, Value};

use super::form::{issue, Issues};

/// A personal name from an object with all three parts, or a string.
pub(crate) fn personal_name(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match raw {
        Value::String(s) => {
            // "Last, First"; without a comma the whole string is the first name.
            let (first, last) = match s.split_once(',') {
                Some((last, first)) => (first.trim().to_owned(), last.trim().to_owned()),
                None => (s.trim().to_owned(), String::new()),
            };
            let full = [first.as_str(), last.as_str()]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let mut out = Map::new();
            out.insert("first_name".into(), json!(first));
            out.insert("last_name".into(), json!(last));
            out.insert("full_name".into(), json!(full));
            Ok(out)
        }
        Value::Object(map) => {
            let mut issues = Vec::new();
            let mut out = Map::new();
            for key in ["first_name", "last_name", "full_name"] {
                match map.get(key) {
                    Some(Value::String(s)) => {
                        out.insert(key.into(), json!(s));
                    }
                    Some(_) => issues.extend(issue(&[key], "Expected a string.")),
                    None => issues.extend(issue(&[key], "Required")),
                }
            }
            if issues.is_empty() {
                Ok(out)
            } else {
                Err(issues)
            }
        }
        _ => Err(issue(&[], "Expected a personal-name object or string.")),
    }
}
