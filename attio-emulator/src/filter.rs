//! The record and entry query language: filters (shorthand and verbose,
//! `$and`/`$or`/`$not`, paths through record references) and sorts, parsed
//! and checked against the schema up front — so a bad filter fails even on an
//! empty collection, as in Attio — then evaluated over stored values.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Value};

use attio_schema::{Attribute, AttributeType};

use crate::errors::ApiError;
use crate::store::{
    find_attribute, parent_record_attribute, Container, Record, Store, PARENT_RECORD,
};
use crate::time;
use crate::values::Payload;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    In,
    Contains,
    StartsWith,
    EndsWith,
    Gt,
    Gte,
    Lt,
    Lte,
    NotEmpty,
}

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name {
            "$eq" => Op::Eq,
            "$in" => Op::In,
            "$contains" => Op::Contains,
            "$starts_with" => Op::StartsWith,
            "$ends_with" => Op::EndsWith,
            "$gt" => Op::Gt,
            "$gte" => Op::Gte,
            "$lt" => Op::Lt,
            "$lte" => Op::Lte,
            "$not_empty" => Op::NotEmpty,
            _ => return None,
        })
    }
}

const TEXT_OPS: &[Op] = &[
    Op::Eq,
    Op::In,
    Op::Contains,
    Op::StartsWith,
    Op::EndsWith,
    Op::NotEmpty,
];
const ORDER_OPS: &[Op] = &[
    Op::Eq,
    Op::In,
    Op::Gt,
    Op::Gte,
    Op::Lt,
    Op::Lte,
    Op::NotEmpty,
];
const EQ_OPS: &[Op] = &[Op::Eq, Op::NotEmpty];
const EQ_IN_OPS: &[Op] = &[Op::Eq, Op::In, Op::NotEmpty];

/// The per-value property holding when the value became current.
const ACTIVE_FROM: &str = "active_from";

/// The property a shorthand filter (or a sort without `field`) compares.
pub(crate) fn default_property(t: &AttributeType) -> &'static str {
    match t {
        AttributeType::Currency => "currency_value",
        AttributeType::Status => "status",
        AttributeType::Select => "option",
        AttributeType::RecordReference => "target_record_id",
        AttributeType::ActorReference => "referenced_actor_id",
        AttributeType::Location => "line_1",
        AttributeType::Domain => "domain",
        AttributeType::EmailAddress => "email_address",
        AttributeType::PhoneNumber => "phone_number",
        AttributeType::PersonalName => "full_name",
        AttributeType::Interaction => "interacted_at",
        _ => "value",
    }
}

/// The operators a property of a type supports; `None` when the property
/// cannot be filtered on.
fn operators(t: &AttributeType, property: &str) -> Option<&'static [Op]> {
    use AttributeType as T;
    Some(match (t, property) {
        // When the value became current, on every type (`{"stage":
        // {"active_from": {"$gte": "2025-01-01"}}}`).
        (_, ACTIVE_FROM) => ORDER_OPS,
        (T::Text, "value") => TEXT_OPS,
        (T::Number | T::Rating | T::Date | T::Timestamp, "value") => ORDER_OPS,
        (T::Checkbox, "value") => &[Op::Eq],
        (T::Currency, "currency_value") => ORDER_OPS,
        (T::Currency, "currency_code") => EQ_IN_OPS,
        // Attio refuses `$in` on statuses and selects; `$or` is the way.
        (T::Status, "status") | (T::Select, "option") => EQ_OPS,
        (T::RecordReference, "target_object") => &[Op::Eq],
        (T::RecordReference, "target_record_id") => EQ_IN_OPS,
        (T::ActorReference, "referenced_actor_type" | "referenced_actor_id") => &[Op::Eq],
        (
            T::Location,
            "line_1" | "line_2" | "line_3" | "line_4" | "locality" | "region" | "postcode",
        ) => TEXT_OPS,
        (T::Location, "country_code") => &[Op::Eq, Op::StartsWith],
        (T::Domain, "domain" | "root_domain") => TEXT_OPS,
        (
            T::EmailAddress,
            "email_address" | "email_domain" | "email_root_domain" | "email_local_specifier",
        ) => TEXT_OPS,
        (T::PhoneNumber, "phone_number") => TEXT_OPS,
        (T::PhoneNumber, "country_code") => EQ_OPS,
        (T::PersonalName, "first_name" | "last_name" | "full_name") => TEXT_OPS,
        (T::Interaction, "interaction_type" | "owner_member_id") => EQ_OPS,
        (T::Interaction, "interacted_at") => ORDER_OPS,
        (T::Unknown(_), "value") => EQ_OPS,
        _ => return None,
    })
}

/// One condition on one property of an attribute's values.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    property: String,
    op: Op,
    operand: Value,
}

/// Conditions on one attribute; all must hold for a single value.
#[derive(Debug, Clone)]
pub(crate) struct AttributeFilter {
    attribute: Attribute,
    conditions: Vec<Condition>,
}

/// A parsed filter.
#[derive(Debug, Clone)]
pub(crate) enum Filter {
    /// Every sub-filter holds (also an empty filter).
    All(Vec<Filter>),
    /// At least one sub-filter holds.
    Any(Vec<Filter>),
    /// The sub-filter does not hold.
    Not(Box<Filter>),
    /// A condition on the queried record's own attribute.
    Attribute(AttributeFilter),
    /// Follow record references (`hops`), then test the last attribute.
    Path {
        hops: Vec<Attribute>,
        last: AttributeFilter,
    },
}

fn filter_error(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("filter_error", message)
}

/// Attributes of an object or list, plus `parent_record` for lists.
fn lookup_attribute(store: &Store, kind: Container, ident: &str) -> Option<Attribute> {
    if let Container::List(i) = kind {
        if ident == PARENT_RECORD {
            return store.lists.get(i).map(parent_record_attribute);
        }
    }
    find_attribute(kind.attributes(store), ident)
        .filter(|a| !a.is_archived)
        .cloned()
}

/// Parses a filter for records of an object or entries of a list.
pub(crate) fn parse(store: &Store, kind: Container, filter: &Value) -> Result<Filter, ApiError> {
    let Value::Object(map) = filter else {
        return Err(filter_error("A filter must be an object."));
    };
    if map.contains_key("path") {
        return parse_path(store, kind, map);
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
                    .map(|item| parse(store, kind, item))
                    .collect::<Result<Vec<_>, _>>()?;
                if key == "$and" {
                    Filter::All(subs)
                } else {
                    Filter::Any(subs)
                }
            }
            "$not" => Filter::Not(Box::new(parse(store, kind, value)?)),
            other if other.starts_with('$') => {
                return Err(filter_error(format!(
                    "Unknown logical operator \"{other}\"."
                )))
            }
            slug => {
                let attribute = lookup_attribute(store, kind, slug).ok_or_else(|| {
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

fn parse_path(
    store: &Store,
    kind: Container,
    map: &Map<String, Value>,
) -> Result<Filter, ApiError> {
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
    let mut current = Some(kind);
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
        let step_kind = if i == 0 {
            let expected = current.unwrap_or(kind);
            let matches_kind = match expected {
                Container::Object(o) => store.object_index(holder) == Some(o),
                Container::List(l) => store.list_index(holder) == Some(l),
            };
            if !matches_kind {
                return Err(filter_error(format!(
                    "The path must start at the queried object or list, not \"{holder}\"."
                )));
            }
            expected
        } else {
            let index = store
                .object_index(holder)
                .ok_or_else(|| filter_error(format!("Unknown object \"{holder}\" in path.")))?;
            Container::Object(index)
        };
        current = Some(step_kind);
        let attribute = lookup_attribute(store, step_kind, slug).ok_or_else(|| {
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

/// A property of one value, as filters and sorts see it, borrowed from the
/// store where possible since filters test it on every record.
enum PropertyValue<'a> {
    /// A plain JSON value (`null` when absent).
    Scalar(Cow<'a, Value>),
    /// Something addressed by id or title (options, statuses, objects).
    Named { id: &'a str, title: &'a str },
}

fn property_value<'a>(
    store: &'a Store,
    attribute: &'a Attribute,
    payload: &'a Payload,
    property: &str,
) -> PropertyValue<'a> {
    match payload {
        Payload::Fields(fields) => match fields.get(property) {
            // Phone numbers compare on digits, so a missing `+` is tolerated.
            Some(Value::String(s))
                if attribute.attribute_type == AttributeType::PhoneNumber
                    && property == "phone_number" =>
            {
                PropertyValue::Scalar(Cow::Owned(Value::String(
                    s.chars().filter(char::is_ascii_digit).collect(),
                )))
            }
            Some(value) => PropertyValue::Scalar(Cow::Borrowed(value)),
            None => PropertyValue::Scalar(Cow::Owned(Value::Null)),
        },
        Payload::Option(id) => PropertyValue::Named {
            id,
            title: attribute
                .options
                .iter()
                .find(|o| o.id.option_id == *id)
                .map_or("", |o| o.title.as_str()),
        },
        Payload::Status(id) => PropertyValue::Named {
            id,
            title: attribute
                .statuses
                .iter()
                .find(|s| s.id.status_id == *id)
                .map_or("", |s| s.title.as_str()),
        },
        Payload::RecordRef {
            object_id,
            record_id,
        } => match property {
            "target_object" => PropertyValue::Named {
                id: object_id,
                title: store
                    .object_by_id(object_id)
                    .map_or("", |o| o.api_slug.as_str()),
            },
            _ => PropertyValue::Scalar(Cow::Owned(Value::String(record_id.clone()))),
        },
    }
}

fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn holds(value: &PropertyValue, op: Op, operand: &Value) -> bool {
    match (value, op) {
        (_, Op::In) => operand
            .as_array()
            .is_some_and(|items| items.iter().any(|item| holds(value, Op::Eq, item))),
        (PropertyValue::Named { id, title }, Op::Eq) => {
            operand.as_str().is_some_and(|s| s == *id || s == *title)
        }
        (PropertyValue::Named { .. }, _) => false,
        (PropertyValue::Scalar(v), Op::Eq) => compare(v, operand) == Some(Ordering::Equal),
        (PropertyValue::Scalar(v), Op::Contains | Op::StartsWith | Op::EndsWith) => {
            let (Some(haystack), Some(needle)) = (v.as_str(), operand.as_str()) else {
                return false;
            };
            // Text matching is case-insensitive, as Attio's `$contains` is.
            let (haystack, needle) = (haystack.to_lowercase(), needle.to_lowercase());
            match op {
                Op::Contains => haystack.contains(&needle),
                Op::StartsWith => haystack.starts_with(&needle),
                _ => haystack.ends_with(&needle),
            }
        }
        (PropertyValue::Scalar(v), Op::Gt) => compare(v, operand) == Some(Ordering::Greater),
        (PropertyValue::Scalar(v), Op::Gte) => {
            matches!(
                compare(v, operand),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        (PropertyValue::Scalar(v), Op::Lt) => compare(v, operand) == Some(Ordering::Less),
        (PropertyValue::Scalar(v), Op::Lte) => {
            matches!(compare(v, operand), Some(Ordering::Less | Ordering::Equal))
        }
        (PropertyValue::Scalar(_), Op::NotEmpty) => false,
    }
}

fn is_present(value: &PropertyValue) -> bool {
    match value {
        PropertyValue::Named { .. } => true,
        PropertyValue::Scalar(v) => !(v.is_null() || v.as_str() == Some("")),
    }
}

/// One current value as filters see it: the payload, and when it became
/// current (`None` for the `parent_record` pseudo attribute).
type ValueRef<'a> = (Cow<'a, Payload>, Option<&'a str>);

/// The current values of an attribute on a record, `parent_record` included.
fn payloads_of<'a>(record: &'a Record, attribute: &Attribute) -> Vec<ValueRef<'a>> {
    if attribute.id.attribute_id == PARENT_RECORD {
        return record
            .parent
            .iter()
            .map(|(object_id, record_id)| {
                let payload = Payload::RecordRef {
                    object_id: object_id.clone(),
                    record_id: record_id.clone(),
                };
                (Cow::Owned(payload), None)
            })
            .collect();
    }
    record
        .values(&attribute.id.attribute_id)
        .iter()
        .map(|v| (Cow::Borrowed(&v.payload), Some(v.active_from.as_str())))
        .collect()
}

/// A property of one current value, `active_from` included.
fn value_property<'a>(
    store: &'a Store,
    attribute: &'a Attribute,
    value: &'a ValueRef<'a>,
    property: &str,
) -> PropertyValue<'a> {
    if property == ACTIVE_FROM {
        return PropertyValue::Scalar(Cow::Owned(
            value
                .1
                .map_or(Value::Null, |at| Value::String(at.to_owned())),
        ));
    }
    property_value(store, attribute, &value.0, property)
}

fn attribute_matches(store: &Store, record: &Record, filter: &AttributeFilter) -> bool {
    let payloads = payloads_of(record, &filter.attribute);
    let (presence, others): (Vec<&Condition>, Vec<&Condition>) =
        filter.conditions.iter().partition(|c| c.op == Op::NotEmpty);
    for condition in presence {
        let present = payloads.iter().any(|p| {
            is_present(&value_property(
                store,
                &filter.attribute,
                p,
                &condition.property,
            ))
        });
        if present != (condition.operand == Value::Bool(true)) {
            return false;
        }
    }
    others.is_empty()
        || payloads.iter().any(|p| {
            others.iter().all(|c| {
                holds(
                    &value_property(store, &filter.attribute, p, &c.property),
                    c.op,
                    &c.operand,
                )
            })
        })
}

/// Whether a record (or entry) satisfies a filter.
pub(crate) fn matches(store: &Store, record: &Record, filter: &Filter) -> bool {
    match filter {
        Filter::All(parts) => parts.iter().all(|f| matches(store, record, f)),
        Filter::Any(parts) => parts.iter().any(|f| matches(store, record, f)),
        Filter::Not(inner) => !matches(store, record, inner),
        Filter::Attribute(a) => attribute_matches(store, record, a),
        Filter::Path { hops, last } => {
            let mut frontier: Vec<&Record> = vec![record];
            for hop in hops {
                frontier = frontier
                    .into_iter()
                    .flat_map(|r| payloads_of(r, hop))
                    .filter_map(|(p, _)| match p.as_ref() {
                        Payload::RecordRef {
                            object_id,
                            record_id,
                        } => store.record(object_id, record_id),
                        _ => None,
                    })
                    .collect();
            }
            frontier
                .into_iter()
                .any(|r| attribute_matches(store, r, last))
        }
    }
}

/// One sort key.
#[derive(Debug, Clone)]
pub(crate) struct Sort {
    attribute: Attribute,
    property: String,
    descending: bool,
}

/// Parses `sorts`: `[{"direction", "attribute", "field"?}]`.
pub(crate) fn parse_sorts(
    store: &Store,
    kind: Container,
    sorts: &Value,
) -> Result<Vec<Sort>, ApiError> {
    let Value::Array(items) = sorts else {
        return Err(ApiError::body_issue(
            vec!["sorts".into()],
            "Expected array.",
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = |field: &str| vec![Value::from("sorts"), Value::from(i), Value::from(field)];
            let descending = match item.get("direction").and_then(Value::as_str) {
                Some("asc") => false,
                Some("desc") => true,
                _ => {
                    return Err(ApiError::body_issue(
                        path("direction"),
                        "Expected \"asc\" or \"desc\".",
                    ))
                }
            };
            if item.get("path").is_some() {
                // Sorting through references is not emulated; refusing is
                // better than returning an order Attio would not.
                return Err(filter_error(
                    "Sorting by a path is not supported by the emulator.",
                ));
            }
            let Some(slug) = item.get("attribute").and_then(Value::as_str) else {
                return Err(ApiError::body_issue(path("attribute"), "Expected string."));
            };
            let attribute = lookup_attribute(store, kind, slug).ok_or_else(|| {
                ApiError::bad_request(
                    "unknown_filter_attribute_slug",
                    format!("Unknown attribute slug/ID \"{slug}\" in sorts."),
                )
            })?;
            let property = match item.get("field") {
                None | Some(Value::Null) => default_property(&attribute.attribute_type).to_owned(),
                Some(Value::String(field)) => {
                    if operators(&attribute.attribute_type, field).is_none() {
                        return Err(ApiError::bad_request(
                            "invalid_filter_field",
                            format!("Cannot sort on field \"{field}\" of attribute \"{slug}\"."),
                        ));
                    }
                    field.clone()
                }
                Some(_) => return Err(ApiError::body_issue(path("field"), "Expected string.")),
            };
            Ok(Sort {
                attribute,
                property,
                descending,
            })
        })
        .collect()
}

fn sort_key(store: &Store, record: &Record, sort: &Sort) -> Option<Value> {
    let first = payloads_of(record, &sort.attribute).into_iter().next()?;
    match value_property(store, &sort.attribute, &first, &sort.property) {
        PropertyValue::Named { title, .. } => Some(Value::String(title.to_owned())),
        PropertyValue::Scalar(v) if v.is_null() => None,
        PropertyValue::Scalar(v) => Some(v.into_owned()),
    }
}

/// Orders records by the sorts, in turn; records without a value come last.
/// The sort is stable, so ties keep creation order. Keys are computed once
/// per record rather than once per comparison.
pub(crate) fn sort(store: &Store, records: &mut Vec<&Record>, sorts: &[Sort]) {
    if sorts.is_empty() {
        return;
    }
    let mut keyed: Vec<(Vec<Option<Value>>, &Record)> = records
        .iter()
        .map(|r| (sorts.iter().map(|s| sort_key(store, r, s)).collect(), *r))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        for ((x, y), sort) in a.iter().zip(b).zip(sorts) {
            let ordering = match (x, y) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) => {
                    let o = compare(x, y).unwrap_or(Ordering::Equal);
                    if sort.descending {
                        o.reverse()
                    } else {
                        o
                    }
                }
            };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        Ordering::Equal
    });
    *records = keyed.into_iter().map(|(_, r)| r).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::default_members;
    use crate::write::{resolve_values, write, Mode};
    use serde_json::json;

    fn store() -> Store {
        let snapshot = attio_schema::Snapshot::from_slice(
            include_bytes!("default_workspace.json"),
            "default_workspace.json",
        )
        .unwrap();
        Store::new(snapshot.workspace, default_members())
    }

    fn create(store: &mut Store, object: &str, values: Value) -> String {
        let kind = Container::Object(store.object_index(object).unwrap());
        let resolved = resolve_values(store, kind.attributes(store), &values, &["values"]).unwrap();
        write(store, kind, None, resolved, Mode::Create, None)
            .unwrap()
            .id
    }

    fn query(store: &Store, object: &str, filter: Value) -> Result<Vec<String>, ApiError> {
        let kind = Container::Object(store.object_index(object).unwrap());
        let filter = parse(store, kind, &filter)?;
        let collection = &store.records[&kind.id(store)];
        Ok(collection
            .ordered()
            .into_iter()
            .filter(|r| matches(store, r, &filter))
            .map(|r| r.id.clone())
            .collect())
    }

    fn seeded() -> (Store, String, String) {
        let mut s = store();
        let ada = create(
            &mut s,
            "people",
            json!({"name": "Lovelace, Ada", "email_addresses": ["Ada@Acme.com"], "job_title": "Engineer"}),
        );
        let alan = create(
            &mut s,
            "people",
            json!({"name": "Turing, Alan", "email_addresses": ["alan@bletchley.org"], "phone_numbers": ["+447700900123"]}),
        );
        (s, ada, alan)
    }

    #[test]
    fn shorthand_compares_the_default_property() {
        let (s, ada, _) = seeded();
        assert_eq!(
            query(&s, "people", json!({"email_addresses": "ADA@acme.com"})).unwrap(),
            vec![ada.clone()]
        );
        assert_eq!(
            query(&s, "people", json!({"name": "Ada Lovelace"})).unwrap(),
            vec![ada]
        );
    }

    #[test]
    fn text_operators_are_case_insensitive() {
        let (s, ada, alan) = seeded();
        let q = |f| query(&s, "people", f).unwrap();
        assert_eq!(
            q(json!({"name": {"full_name": {"$contains": "LOVE"}}})),
            vec![ada.clone()]
        );
        assert_eq!(
            q(json!({"name": {"last_name": {"$starts_with": "tur"}}})),
            vec![alan.clone()]
        );
        assert_eq!(
            q(json!({"email_addresses": {"email_domain": {"$ends_with": ".org"}}})),
            vec![alan.clone()]
        );
        assert_eq!(
            q(json!({"job_title": {"$not_empty": true}})),
            vec![ada.clone()]
        );
        assert_eq!(
            q(json!({"job_title": {"$not_empty": false}})),
            vec![alan.clone()]
        );
        assert_eq!(q(json!({"phone_numbers": "447700900123"})), vec![alan]);
    }

    #[test]
    fn logical_operators_nest() {
        let (s, ada, alan) = seeded();
        let q = |f| query(&s, "people", f).unwrap();
        assert_eq!(
            q(
                json!({"$or": [{"email_addresses": "ada@acme.com"}, {"email_addresses": "alan@bletchley.org"}]})
            ),
            vec![ada.clone(), alan.clone()]
        );
        assert_eq!(
            q(json!({"$not": {"email_addresses": "ada@acme.com"}})),
            vec![alan.clone()]
        );
        assert_eq!(
            q(
                json!({"$and": [{"name": {"first_name": "Ada"}}, {"$not": {"job_title": "Engineer"}}]})
            ),
            Vec::<String>::new()
        );
        assert_eq!(q(json!({"record_id": {"$in": [alan.clone()]}})), vec![alan]);
    }

    #[test]
    fn comparisons_order_numbers_and_dates() {
        let mut s = store();
        let small = create(
            &mut s,
            "deals",
            json!({"name": "Small", "stage": "Lead", "owner": "ada@emulator.attio.dev", "value": 100}),
        );
        let big = create(
            &mut s,
            "deals",
            json!({"name": "Big", "stage": "Won 🎉", "owner": "ada@emulator.attio.dev", "value": "2500.5"}),
        );
        let q = |f| query(&s, "deals", f).unwrap();
        assert_eq!(
            q(json!({"value": {"$gte": 100, "$lt": 2500}})),
            vec![small.clone()]
        );
        assert_eq!(
            q(json!({"value": {"currency_value": {"$gt": "1000"}}})),
            vec![big.clone()]
        );
        assert_eq!(q(json!({"stage": "Won 🎉"})), vec![big]);
        assert_eq!(
            q(json!({"created_at": {"$gte": "2000-01-01T00:00:00Z"}})).len(),
            2
        );
        assert_eq!(q(json!({"created_at": {"$lt": "2000"}})).len(), 0);
    }

    #[test]
    fn errors_have_attio_codes() {
        let (s, _, _) = seeded();
        let code = |f| query(&s, "people", f).unwrap_err().code;
        assert_eq!(
            code(json!({"nickname": "x"})),
            "unknown_filter_attribute_slug"
        );
        assert_eq!(
            code(json!({"phone_numbers": {"original_phone_number": "x"}})),
            "invalid_filter_field"
        );
        assert_eq!(
            code(json!({"email_addresses": {"$gt": "a"}})),
            "invalid_filter_operator"
        );
        assert_eq!(
            code(json!({"email_addresses": {"$neq": "a"}})),
            "filter_error"
        );
        assert_eq!(code(json!({"$or": {}})), "filter_error");
        assert_eq!(code(json!([])), "filter_error");
        let deals = |f| query(&s, "deals", f).unwrap_err().code;
        assert_eq!(
            deals(json!({"stage": {"$in": ["Lead"]}})),
            "invalid_filter_operator"
        );
    }

    #[test]
    fn paths_follow_record_references() {
        let mut s = store();
        let acme = create(
            &mut s,
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        );
        let other = create(
            &mut s,
            "companies",
            json!({"name": "Other", "domains": ["other.com"]}),
        );
        let ada = create(
            &mut s,
            "people",
            json!({"email_addresses": ["ada@acme.com"], "company": "acme.com"}),
        );
        create(
            &mut s,
            "people",
            json!({"email_addresses": ["bob@other.com"], "company": [{"target_object": "companies", "target_record_id": other}]}),
        );
        let q = |f| query(&s, "people", f).unwrap();
        assert_eq!(
            q(
                json!({"path": [["people", "company"], ["companies", "name"]], "constraints": {"value": "Acme"}})
            ),
            vec![ada.clone()]
        );
        assert_eq!(
            q(json!({"company": {"target_object": "companies", "target_record_id": acme}})),
            vec![ada]
        );
    }

    #[test]
    fn sorts_apply_in_order_with_missing_values_last() {
        let mut s = store();
        let b = create(&mut s, "companies", json!({"name": "Beta"}));
        let a = create(&mut s, "companies", json!({"name": "Alpha"}));
        let none = create(&mut s, "companies", json!({}));
        let kind = Container::Object(s.object_index("companies").unwrap());
        let sorts = parse_sorts(
            &s,
            kind,
            &json!([{"direction": "asc", "attribute": "name"}]),
        )
        .unwrap();
        let collection = &s.records[&kind.id(&s)];
        let mut records = collection.ordered();
        sort(&s, &mut records, &sorts);
        let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids, vec![a.clone(), b.clone(), none.clone()]);
        let sorts = parse_sorts(
            &s,
            kind,
            &json!([{"direction": "desc", "attribute": "name"}]),
        )
        .unwrap();
        sort(&s, &mut records, &sorts);
        let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids, vec![b, a, none]);
    }
}
