//! Parsing: the filter JSON of a query body, shorthand and verbose forms,
//! checked against the schema up front (so a bad filter fails even on an
//! empty collection, as in Attio) and worded as Attio words its errors.

use serde_json::{Map, Value};

use attio_schema::{Attribute, AttributeType};

use super::expr::{
    default_property, operators, AttributeFilter, Condition, Filter, Op, ACTIVE_FROM,
};
use crate::errors::ApiError;
use crate::store::{find_attribute, parent_record_attribute, Owner, Store, PARENT_RECORD};
use crate::time;

/// Attio's `filter_error`, for a filter it cannot read.
pub(super) fn filter_error(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("filter_error", message)
}

/// Attributes of an object or list, plus `parent_record` for lists.
pub(super) fn lookup_attribute(store: &Store, owner: Owner, ident: &str) -> Option<Attribute> {
    if let Owner::List(i) = owner {
        if ident == PARENT_RECORD {
            return store.lists.get(i).map(parent_record_attribute);
        }
    }
    find_attribute(owner.attributes(store), ident)
        .filter(|a| !a.is_archived)
        .cloned()
}

/// Parses a filter for records of an object or entries of a list.
pub(crate) fn parse(store: &Store, owner: Owner, filter: &Value) -> Result<Filter, ApiError> {
    let Value::Object(map) = filter else {
        return Err(filter_error("A filter must be an object."));
    };
    if map.contains_key("path") {
        return parse_path(store, owner, map);
    }
    let mut parts = Vec::new();
    for (key, value) in map {
        let part = match key.as_str() {
            "$and" | "$or" => {
                let Value::Array(items) = value else {
                    return Err(filter_error(format!(
                        "\"{key}\" takes an array of filters."
                    )));
                };
                let subs = items
                    .iter()
                    .map(|item| parse(store, owner, item))
                    .collect::<Result<Vec<_>, _>>()?;
                if key == "$and" {
                    Filter::All(subs)
                } else {
                    Filter::Any(subs)
                }
            }
            "$not" => Filter::Not(Box::new(parse(store, owner, value)?)),
            other if other.starts_with('$') => {
                return Err(filter_error(format!(
                    "Unknown logical operator \"{other}\"."
                )))
            }
            slug => {
                let attribute = lookup_attribute(store, owner, slug).ok_or_else(|| {
                    ApiError::bad_request(
                        "unknown_filter_attribute_slug",
                        format!("Unknown attribute slug/ID \"{slug}\" in filter."),
                    )
                })?;
                Filter::Attribute(parse_attribute_filter(attribute, value)?)
            }
        };
        parts.push(part);
    }
    Ok(if parts.len() == 1 {
        parts.remove(0)
    } else {
        Filter::All(parts)
    })
}

fn parse_path(store: &Store, owner: Owner, map: &Map<String, Value>) -> Result<Filter, ApiError> {
    if map.len() != 2 || !map.contains_key("constraints") {
        return Err(filter_error(
            "A path filter has exactly \"path\" and \"constraints\".",
        ));
    }
    let Some(Value::Array(steps)) = map.get("path") else {
        return Err(filter_error(
            "\"path\" must be an array of [object, attribute] pairs.",
        ));
    };
    let mut current = Some(owner);
    let mut attributes = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let pair = step.as_array().filter(|p| p.len() == 2);
        let (Some(holder), Some(slug)) = (
            pair.and_then(|p| p[0].as_str()),
            pair.and_then(|p| p[1].as_str()),
        ) else {
            return Err(filter_error(
                "Each path step is a [object or list, attribute] pair.",
            ));
        };
        let step_owner = if i == 0 {
            let expected = current.unwrap_or(owner);
            let is_queried = match expected {
                Owner::Object(o) => store.object_index(holder) == Some(o),
                Owner::List(l) => store.list_index(holder) == Some(l),
                Owner::Activity(a) => store
                    .activities
                    .get(a)
                    .is_some_and(|activity| activity.api_slug == holder || activity.id == holder),
            };
            if !is_queried {
                return Err(filter_error(format!(
                    "The path must start at the queried object or list, not \"{holder}\"."
                )));
            }
            expected
        } else {
            let index = store
                .object_index(holder)
                .ok_or_else(|| filter_error(format!("Unknown object \"{holder}\" in path.")))?;
            Owner::Object(index)
        };
        current = Some(step_owner);
        let attribute = lookup_attribute(store, step_owner, slug).ok_or_else(|| {
            ApiError::bad_request(
                "unknown_filter_attribute_slug",
                format!("Unknown attribute slug/ID \"{slug}\" in filter path."),
            )
        })?;
        if i + 1 < steps.len() && attribute.attribute_type != AttributeType::RecordReference {
            return Err(filter_error(format!(
                "Path step \"{slug}\" is not a record-reference attribute."
            )));
        }
        attributes.push(attribute);
    }
    let Some(last_attribute) = attributes.pop() else {
        return Err(filter_error("\"path\" must not be empty."));
    };
    let constraints = map.get("constraints").unwrap_or(&Value::Null);
    let last = parse_attribute_filter(last_attribute, constraints)?;
    Ok(Filter::Path {
        hops: attributes,
        last,
    })
}

/// `{"<slug>": shorthand}`, `{"<slug>": {"$op": v}}` or
/// `{"<slug>": {"<property>": v | {"$op": v}}}`.
fn parse_attribute_filter(
    attribute: Attribute,
    value: &Value,
) -> Result<AttributeFilter, ApiError> {
    let default = default_property(&attribute.attribute_type);
    let mut conditions = Vec::new();
    match value {
        Value::Object(map) if map.keys().all(|k| k.starts_with('$')) && !map.is_empty() => {
            for (op, operand) in map {
                conditions.push(condition(&attribute, default, op, operand)?);
            }
        }
        Value::Object(map) if !map.is_empty() => {
            for (property, constraint) in map {
                if property.starts_with('$') {
                    return Err(filter_error("Operators and properties cannot be mixed."));
                }
                match constraint {
                    Value::Object(ops)
                        if ops.keys().all(|k| k.starts_with('$')) && !ops.is_empty() =>
                    {
                        for (op, operand) in ops {
                            conditions.push(condition(&attribute, property, op, operand)?);
                        }
                    }
                    Value::Object(_) | Value::Array(_) => {
                        return Err(filter_error(format!(
                            "Malformed condition on \"{property}\"."
                        )))
                    }
                    literal => conditions.push(condition(&attribute, property, "$eq", literal)?),
                }
            }
        }
        Value::Object(_) | Value::Array(_) => {
            return Err(filter_error(format!(
                "Malformed condition on attribute \"{}\".",
                attribute.api_slug
            )))
        }
        literal => conditions.push(condition(&attribute, default, "$eq", literal)?),
    }
    Ok(AttributeFilter {
        attribute,
        conditions,
    })
}

fn condition(
    attribute: &Attribute,
    property: &str,
    op: &str,
    operand: &Value,
) -> Result<Condition, ApiError> {
    let Some(parsed) = Op::parse(op) else {
        return Err(filter_error(format!("Unknown operator \"{op}\".")));
    };
    let allowed = operators(&attribute.attribute_type, property).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_filter_field",
            format!(
                "Cannot filter on property \"{property}\" of attribute \"{}\" ({}).",
                attribute.api_slug, attribute.attribute_type
            ),
        )
    })?;
    if !allowed.contains(&parsed) {
        return Err(ApiError::bad_request(
            "invalid_filter_operator",
            format!(
                "Operator \"{op}\" is not supported on property \"{property}\" of attribute \"{}\" ({}).",
                attribute.api_slug, attribute.attribute_type
            ),
        ));
    }
    let operand = match parsed {
        Op::NotEmpty => match operand {
            Value::Bool(_) => operand.clone(),
            _ => return Err(filter_error("\"$not_empty\" takes true or false.")),
        },
        Op::In => match operand {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| normalize_operand(attribute, property, item))
                    .collect::<Result<_, _>>()?,
            ),
            _ => return Err(filter_error("\"$in\" takes an array.")),
        },
        _ => normalize_operand(attribute, property, operand)?,
    };
    Ok(Condition {
        property: property.to_owned(),
        op: parsed,
        operand,
    })
}

/// Brings a filter operand into the stored form of the property, so that
/// comparing is a plain comparison.
fn normalize_operand(
    attribute: &Attribute,
    property: &str,
    operand: &Value,
) -> Result<Value, ApiError> {
    use AttributeType as T;
    let bad = || {
        filter_error(format!(
            "Invalid value for \"{property}\" of \"{}\".",
            attribute.api_slug
        ))
    };
    if operand.is_null() || operand.is_array() || operand.is_object() {
        return Err(bad());
    }
    Ok(match (&attribute.attribute_type, property) {
        (T::Date, "value") => {
            let s = operand.as_str().ok_or_else(bad)?;
            Value::String(
                time::parse_date(s)
                    .ok_or_else(bad)?
                    .format("%Y-%m-%d")
                    .to_string(),
            )
        }
        (T::Timestamp, "value") | (T::Interaction, "interacted_at") | (_, ACTIVE_FROM) => {
            let s = operand.as_str().ok_or_else(bad)?;
            Value::String(time::format_timestamp(
                time::parse_timestamp(s).ok_or_else(bad)?,
            ))
        }
        (T::Number | T::Rating, "value") | (T::Currency, "currency_value") => match operand {
            Value::Number(_) => operand.clone(),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
                .ok_or_else(bad)?,
            _ => return Err(bad()),
        },
        (T::Checkbox, "value") => match operand {
            Value::Bool(_) => operand.clone(),
            Value::String(s) if s == "true" => Value::Bool(true),
            Value::String(s) if s == "false" => Value::Bool(false),
            _ => return Err(bad()),
        },
        (T::EmailAddress, _) | (T::Domain, _) => {
            Value::String(operand.as_str().ok_or_else(bad)?.to_lowercase())
        }
        (T::PhoneNumber, "phone_number") => Value::String(
            operand
                .as_str()
                .ok_or_else(bad)?
                .chars()
                .filter(char::is_ascii_digit)
                .collect(),
        ),
        _ => operand.clone(),
    })
}
