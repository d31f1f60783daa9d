//! `number` (as `f64` or `i64`) and `checkbox` (as `bool`).

use serde::Deserializer;
use serde_json::Value;

use super::attribute_value::AttributeValue;
use super::streaming::{inner, value_key, Scalar};
use crate::error::DecodeError;
use crate::kind;

/// A number as Attio stores it (float64). Encoding a NaN or an infinity
/// yields `null`, which clears the attribute: JSON has no such numbers.
impl AttributeValue<kind::Number> for f64 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v| {
            v.as_f64()
                .ok_or_else(|| DecodeError::new("value", "expected a number"))
        }))
    }
}

/// A number attribute used for whole numbers. Decoding accepts a float with
/// no fractional part (`42.0`) and rejects any other float.
impl AttributeValue<kind::Number> for i64 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v: Scalar<'_>| whole_number(v.as_i64(), v.as_f64())))
    }
}

/// A JSON number as a whole `i64`, from its `as_i64` and `as_f64` readings.
fn whole_number(as_i64: Option<i64>, as_f64: Option<f64>) -> Result<i64, DecodeError> {
    if let Some(i) = as_i64 {
        return Ok(i);
    }
    match as_f64 {
        // The range check makes the cast exact: every integral f64 in
        // this range is an i64.
        Some(f) if f.fract() == 0.0 && f >= -(2f64.powi(63)) && f < 2f64.powi(63) => Ok(f as i64),
        Some(f) => Err(DecodeError::new(
            "value",
            format!("expected a whole number, found {f}"),
        )),
        None => Err(DecodeError::new("value", "expected a number")),
    }
}

impl AttributeValue<kind::Checkbox> for bool {
    fn encode(&self) -> Value {
        Value::Bool(*self)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v| {
            v.as_bool()
                .ok_or_else(|| DecodeError::new("value", "expected true or false"))
        }))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers() {
        let v = json!({"value": 42.5, "attribute_type": "number"});
        assert_eq!(<f64 as AttributeValue<kind::Number>>::decode(&v), Ok(42.5));
        assert!(<i64 as AttributeValue<kind::Number>>::decode(&v).is_err());
        let v = json!({"value": 42.0});
        assert_eq!(<i64 as AttributeValue<kind::Number>>::decode(&v), Ok(42));
        let v = json!({"value": "42"});
        assert!(<f64 as AttributeValue<kind::Number>>::decode(&v).is_err());
        assert_eq!(AttributeValue::<kind::Number>::encode(&7i64), json!(7));
        assert_eq!(
            AttributeValue::<kind::Number>::encode(&f64::NAN),
            Value::Null
        );
    }

    #[test]
    fn checkbox() {
        let v = json!({"value": true});
        assert_eq!(
            <bool as AttributeValue<kind::Checkbox>>::decode(&v),
            Ok(true)
        );
        assert!(
            <bool as AttributeValue<kind::Checkbox>>::decode(&json!({"value": "yes"})).is_err()
        );
        assert_eq!(
            AttributeValue::<kind::Checkbox>::encode(&false),
            json!(false)
        );
    }
}
