//! The canonical form of a write, so that equivalent spellings of the same
//! values hash alike and a second run over unchanged data sends nothing.
//!
//! Equivalent here means what Attio stores identically:
//! - attribute order, and key order inside a value;
//! - the order of a multiselect's values, and values repeated in it (Attio
//!   keeps a set);
//! - a value given bare or in its object form when the object has nothing
//!   else (`"ada@example.com"` and `{"email_address": "ada@example.com"}`,
//!   `"Team"` and `{"option": "Team"}`);
//! - a whole number written as `5` or `5.0`.
//!
//! Not covered: an option or status written by its id one time and by its
//! title the next (telling them apart needs the workspace's options); such a
//! change of spelling is sent once, and hashes alike from then on. The typed
//! writes of the derive always write titles.

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

/// Keys whose object `{"<key>": scalar}` is the same value as the bare scalar.
const SHORTHAND_KEYS: &[&str] = &[
    "value",
    "email_address",
    "domain",
    "option",
    "status",
    "original_phone_number",
];

/// The SHA-256 of the canonical JSON of `values` (a write's `values` or
/// `entry_values` map), hex encoded, with `extra` (e.g. an entry's parent)
/// hashed first.
pub(crate) fn hash(extra: &str, values: &Map<String, Value>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(extra.as_bytes());
    hasher.update([0]);
    hasher.update(canonical_values(values).as_bytes());
    hex::encode(hasher.finalize())
}

/// The canonical JSON text of a values map: each attribute's values
/// canonical, sorted and without repeats, attributes in slug order.
pub(crate) fn canonical_values(values: &Map<String, Value>) -> String {
    let mut slugs: Vec<&String> = values.keys().collect();
    slugs.sort();
    let mut out = String::from("{");
    for (i, slug) in slugs.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(&mut out, slug);
        out.push(':');
        out.push_str(&canonical_attribute(&values[slug]));
    }
    out.push('}');
    out
}

/// One attribute's values: an array (a bare value counts as a one-element
/// array, as Attio reads it), each element canonical, sorted, deduplicated.
pub(crate) fn canonical_attribute(value: &Value) -> String {
    let mut elements: Vec<String> = match value {
        Value::Array(items) => items.iter().map(canonical_element).collect(),
        Value::Null => Vec::new(),
        other => vec![canonical_element(other)],
    };
    elements.sort();
    elements.dedup();
    format!("[{}]", elements.join(","))
}

/// The key of a matching attribute's value: the bare text when it is one
/// plain value (an email, a domain, an id) — what a person reading the
/// state or the dead-letter file expects to see — else the canonical values.
pub(crate) fn key(matching: &Value) -> String {
    let one = match matching {
        Value::Array(items) if items.len() == 1 => &items[0],
        Value::Array(_) | Value::Null => return canonical_attribute(matching),
        other => other,
    };
    match shorthand(one) {
        Value::String(text) => text.clone(),
        _ => canonical_attribute(matching),
    }
}

/// One value: its object form reduced to the bare scalar where that is the
/// same value, whole floats as integers, keys sorted.
fn canonical_element(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(&mut out, shorthand(value));
    out
}

fn shorthand(value: &Value) -> &Value {
    match value {
        Value::Object(map) if map.len() == 1 => {
            let Some((key, inner)) = map.iter().next() else {
                return value;
            };
            let scalar = matches!(inner, Value::String(_) | Value::Number(_) | Value::Bool(_));
            if scalar && SHORTHAND_KEYS.contains(&key.as_str()) {
                inner
            } else {
                value
            }
        }
        _ => value,
    }
}

fn write_canonical(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_canonical(out, &map[key]);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        Value::Number(n) => out.push_str(&canonical_number(n)),
        Value::String(s) => write_string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

fn canonical_number(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push_str(&Value::String(s.to_owned()).to_string());
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn equivalent_spellings_hash_alike() {
        let a = map(json!({
            "name": [{"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}],
            "email_addresses": ["ada@example.com", {"email_address": "ada@work.example"}],
            "plan": [{"option": "Team"}],
            "seats": [5.0],
        }));
        let b = map(json!({
            "seats": [{"value": 5}],
            "plan": ["Team"],
            "email_addresses": [{"email_address": "ada@work.example"}, "ada@example.com", "ada@example.com"],
            "name": [{"full_name": "Ada Lovelace", "last_name": "Lovelace", "first_name": "Ada"}],
        }));
        assert_eq!(canonical_values(&a), canonical_values(&b));
        assert_eq!(hash("", &a), hash("", &b));
    }

    #[test]
    fn different_values_hash_differently() {
        let base = map(json!({"seats": [5], "plan": ["Team"]}));
        for changed in [
            json!({"seats": [6], "plan": ["Team"]}),
            json!({"seats": [5], "plan": ["Starter"]}),
            json!({"seats": [5], "plan": []}),
            json!({"seats": [5]}),
            json!({"seats": [5.5], "plan": ["Team"]}),
            json!({"seats": ["5"], "plan": ["Team"]}),
        ] {
            assert_ne!(
                hash("", &base),
                hash("", &map(changed.clone())),
                "{changed}"
            );
        }
        assert_ne!(hash("parent-a", &base), hash("parent-b", &base));
    }

    #[test]
    fn an_object_with_more_than_the_value_is_not_reduced() {
        let reduced = canonical_attribute(&json!([{"currency_value": 10, "currency_code": "USD"}]));
        assert_eq!(reduced, r#"[{"currency_code":"USD","currency_value":10}]"#);
        assert_eq!(canonical_attribute(&json!("x")), r#"["x"]"#);
        assert_eq!(canonical_attribute(&Value::Null), "[]");
    }

    #[test]
    fn a_single_plain_key_reads_as_itself() {
        assert_eq!(
            key(&json!([{"email_address": "ada@acme.com"}])),
            "ada@acme.com"
        );
        assert_eq!(key(&json!(["acme.com"])), "acme.com");
        assert_eq!(key(&json!(["b@x.io", "a@x.io"])), r#"["a@x.io","b@x.io"]"#);
        assert_eq!(key(&json!([7])), "[7]");
    }
}
