//! Currency values, whose code comes from the attribute, not the value.

use serde_json::{json, Map, Value};

use attio_schema::Attribute;

use super::form::{issue, Issues};
use super::scalar::number;

/// A currency amount in the attribute's configured currency.
pub(crate) fn currency(raw: &Value, attr: &Attribute) -> Result<Map<String, Value>, Issues> {
    let configured = attr.config.currency.default_currency_code.clone();
    if let Value::Object(map) = raw {
        // `currency_code` is inherited from the attribute; only a code that
        // agrees with it is tolerated in the written value.
        if let Some(code) = map.get("currency_code") {
            if !code.is_null() && code.as_str() != configured.as_deref() {
                return Err(issue(
                    &["currency_code"],
                    "The currency code is set by the attribute and cannot be written.",
                ));
            }
        }
    }
    let mut fields = number(raw, "currency_value")?;
    fields.insert("currency_code".into(), json!(configured));
    Ok(fields)
}
