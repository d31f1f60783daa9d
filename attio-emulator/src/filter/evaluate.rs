//! Evaluation: whether a stored record or entry satisfies a parsed filter,
//! following record references for path filters.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use attio_schema::{Attribute, AttributeType};

use super::expr::{AttributeFilter, Condition, Filter, Op, ACTIVE_FROM};
use crate::store::{Record, Store, PARENT_RECORD};
use crate::values::Payload;

/// A property of one value, as filters and sorts see it, borrowed from the
/// store where possible since filters test it on every record.
pub(super) enum PropertyValue<'a> {
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

/// How two stored values order, when they are of one comparable owner.
pub(super) fn compare(a: &Value, b: &Value) -> Option<Ordering> {
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
pub(super) type ValueRef<'a> = (Cow<'a, Payload>, Option<&'a str>);

/// The current values of an attribute on a record, `parent_record` included.
pub(super) fn payloads_of<'a>(record: &'a Record, attribute: &Attribute) -> Vec<ValueRef<'a>> {
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
pub(super) fn value_property<'a>(
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
