//! `text` as `String`.

use serde::Deserializer;
use serde_json::Value;

use super::attribute_value::AttributeValue;
use super::streaming::{inner, value_key};
use crate::error::DecodeError;
use crate::kind;

impl AttributeValue<kind::Text> for String {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v| {
            v.into_string()
                .ok_or_else(|| DecodeError::new("value", "expected a string"))
        }))
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}
