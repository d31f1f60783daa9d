//! Phone numbers, normalised to E.164 with a country
//! (`attio_schema::normalize`, shared with the runtime's `PhoneNumber`).

use attio_schema::normalize;
use serde_json::{json, Map, Value};

use super::form::{issue, Issues};

/// A phone-number value, from a string or `{original_phone_number, country_code}`.
pub(crate) fn phone_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let (original, country) = match raw {
        Value::String(s) => (s.clone(), None),
        Value::Object(map) => {
            let Some(Value::String(original)) = map.get("original_phone_number") else {
                return Err(issue(&["original_phone_number"], "Expected a string."));
            };
            let country = match map.get("country_code") {
                None | Some(Value::Null) => None,
                Some(Value::String(c)) => Some(c.clone()),
                Some(_) => return Err(issue(&["country_code"], "Expected a string or null.")),
            };
            (original.clone(), country)
        }
        _ => return Err(issue(&[], "Expected a phone number string or object.")),
    };
    let Ok(phone) = normalize::phone(&original, country.as_deref()) else {
        return Err(issue(&["original_phone_number"], "Invalid phone number."));
    };
    let mut out = Map::new();
    out.insert("original_phone_number".into(), json!(original));
    out.insert("country_code".into(), json!(phone.country_code));
    out.insert("phone_number".into(), json!(phone.e164));
    Ok(out)
}
