//! Sorting: the `sorts` of a query body, parsed against the schema and
//! applied to the records or entries a filter left.

use std::cmp::Ordering;

use serde_json::Value;

use attio_schema::Attribute;

use super::evaluate::{compare, payloads_of, value_property, PropertyValue};
use super::expr::{default_property, operators};
use super::parse::{filter_error, lookup_attribute};
use crate::errors::ApiError;
use crate::store::{Owner, Record, Store};

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
    owner: Owner,
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
            let attribute = lookup_attribute(store, owner, slug).ok_or_else(|| {
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
