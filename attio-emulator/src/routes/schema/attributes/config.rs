//! Reading an attribute's `config` and `default_value` from a write body.

use serde_json::{json, Value};

use attio_schema::{
    Attribute, AttributeConfig, AttributeType, CurrencyConfig, DefaultValue, RecordReferenceConfig,
};

use crate::errors::ApiError;
use crate::http::field_issue;
use crate::store::Store;
use crate::write;

/// Reads a write-side `config` into the read-side form:
/// `record_reference.allowed_objects` (slugs or UUIDs) becomes `allowed_object_ids`.
pub(super) fn parse_config(
    store: &Store,
    attribute_type: &AttributeType,
    config: &Value,
    current: &AttributeConfig,
) -> Result<AttributeConfig, ApiError> {
    let Value::Object(config) = config else {
        return Err(field_issue("config", "Expected object."));
    };
    let mut out = current.clone();
    if let Some(currency) = config.get("currency").filter(|c| !c.is_null()) {
        let code = currency
            .get("default_currency_code")
            .and_then(Value::as_str);
        let display = currency.get("display_type").and_then(Value::as_str);
        let valid_code =
            code.is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
        let valid_display =
            display.is_some_and(|d| ["code", "name", "narrowSymbol", "symbol"].contains(&d));
        if !valid_code || !valid_display {
            return Err(ApiError::body_issue(
                vec![json!("data"), json!("config"), json!("currency")],
                "Give default_currency_code (ISO 4217) and display_type (code, name, narrowSymbol or symbol).",
            ));
        }
        out.currency = CurrencyConfig {
            default_currency_code: code.map(str::to_owned),
            display_type: display.map(str::to_owned),
        };
    }
    if let Some(reference) = config.get("record_reference").filter(|c| !c.is_null()) {
        let path = vec![
            json!("data"),
            json!("config"),
            json!("record_reference"),
            json!("allowed_objects"),
        ];
        let Some(Value::Array(allowed)) = reference.get("allowed_objects") else {
            return Err(ApiError::body_issue(
                path,
                "Expected an array of object slugs or IDs.",
            ));
        };
        if allowed.is_empty() {
            return Err(ApiError::body_issue(path, "Give at least one object."));
        }
        let mut ids = Vec::new();
        for ident in allowed {
            let index = ident
                .as_str()
                .and_then(|s| store.object_index(s))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "value_not_found",
                        format!("Cannot find object with slug/ID {ident}."),
                    )
                })?;
            ids.push(store.objects[index].id.object_id.clone());
        }
        out.record_reference = RecordReferenceConfig {
            allowed_object_ids: Some(ids),
        };
    }
    if *attribute_type == AttributeType::Currency && out.currency.default_currency_code.is_none() {
        return Err(ApiError::body_issue(
            vec![json!("data"), json!("config"), json!("currency")],
            "Currency attributes need config.currency.",
        ));
    }
    if *attribute_type == AttributeType::RecordReference
        && out.record_reference.allowed_object_ids.is_none()
    {
        return Err(ApiError::body_issue(
            vec![json!("data"), json!("config"), json!("record_reference")],
            "Record-reference attributes need config.record_reference.allowed_objects.",
        ));
    }
    Ok(out)
}

/// Parses a `default_value` and checks that its static values are valid
/// values of the attribute.
pub(super) fn parse_default(
    store: &Store,
    attribute: &Attribute,
    value: &Value,
) -> Result<Option<DefaultValue>, ApiError> {
    if value.is_null() {
        return Ok(None);
    }
    let default: DefaultValue = serde_json::from_value(value.clone())
        .map_err(|e| field_issue("default_value", &format!("Invalid default value: {e}.")))?;
    // Reading keeps a kind it does not know; a write names a known one.
    if let DefaultValue::Other(_) = default {
        return Err(field_issue(
            "default_value",
            "Invalid default value: expected type dynamic or static.",
        ));
    }
    if let DefaultValue::Static { template } = &default {
        for raw in template {
            write::resolve_one(store, attribute, raw).map_err(|_| {
                field_issue(
                    "default_value",
                    "The default value is not a valid value of the attribute.",
                )
            })?;
        }
    }
    Ok(Some(default))
}
