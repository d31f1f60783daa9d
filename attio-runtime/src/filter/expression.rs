//! Filter expressions: [`Filter`], its `&`, `|` and `!` combinators, and
//! the conditions the operator builders produce.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitOr, Not};

use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use crate::ids::RecordId;

/// A filter on records (or entries) of type `R`, serialising to Attio's
/// filter JSON. Made by the operators of `R`'s attribute constants, which
/// offer only what Attio accepts for each attribute type, and combined with
/// `&`, `|` and `!` (or [`and`](Self::and), [`or`](Self::or), [`not`](Self::not)).
///
/// ```
/// use attio_runtime::serde_json::json;
/// use attio_runtime::Filter;
/// # #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// # #[attio(object = "companies")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// # struct Company { name: Option<String>, description: Option<String> }
///
/// let named = Company::NAME.eq("Acme") | Company::NAME.eq("Globex");
/// let filter = named & !Company::DESCRIPTION.contains("test");
/// assert_eq!(
///     filter.to_json(),
///     json!({"$and": [
///         {"$or": [{"name": {"$eq": "Acme"}}, {"name": {"$eq": "Globex"}}]},
///         {"$not": {"description": {"$contains": "test"}}},
///     ]})
/// );
///
/// // An attribute created after the snapshot: raw JSON in Attio's grammar.
/// let tier = Filter::<Company>::raw(json!({"tier": {"$eq": "Gold"}}));
/// assert_eq!(tier.as_json()["tier"]["$eq"], "Gold");
/// ```
pub struct Filter<R> {
    json: Value,
    _record: PhantomData<fn() -> R>,
}

impl<R> Filter<R> {
    /// A filter from JSON this module built, for the operator builders.
    pub(super) fn from_json(json: Value) -> Self {
        Filter {
            json,
            _record: PhantomData,
        }
    }

    /// A filter from raw JSON in Attio's grammar: the escape hatch for
    /// attributes newer than the snapshot, path filters and the like.
    pub fn raw(json: Value) -> Self {
        Filter::from_json(json)
    }

    /// Records matching every filter (`$and`).
    pub fn and(filters: impl IntoIterator<Item = Filter<R>>) -> Self {
        Filter::from_json(
            json!({ "$and": filters.into_iter().map(|f| f.json).collect::<Vec<_>>() }),
        )
    }

    /// Records matching at least one filter (`$or`).
    pub fn or(filters: impl IntoIterator<Item = Filter<R>>) -> Self {
        Filter::from_json(json!({ "$or": filters.into_iter().map(|f| f.json).collect::<Vec<_>>() }))
    }

    /// Records not matching `filter` (`$not`).
    #[allow(clippy::should_implement_trait)] // `!filter` is provided too, through `Not`.
    pub fn not(filter: Filter<R>) -> Self {
        Filter::from_json(json!({ "$not": filter.json }))
    }

    /// The record with this id: `{"record_id": {"$eq": id}}`.
    pub fn record_id(id: &RecordId) -> Self {
        Filter::from_json(json!({ "record_id": { "$eq": id.as_str() } }))
    }

    /// Records with any of these ids: `{"record_id": {"$in": [...]}}`.
    pub fn record_id_in<'a>(ids: impl IntoIterator<Item = &'a RecordId>) -> Self {
        let ids: Vec<&str> = ids.into_iter().map(RecordId::as_str).collect();
        Filter::from_json(json!({ "record_id": { "$in": ids } }))
    }

    /// The filter's JSON (the value of the query body's `filter` key).
    pub fn to_json(&self) -> Value {
        self.json.clone()
    }

    /// The filter's JSON, borrowed.
    pub fn as_json(&self) -> &Value {
        &self.json
    }

    /// The filter's JSON, owned.
    pub fn into_json(self) -> Value {
        self.json
    }
}

impl<R> Clone for Filter<R> {
    fn clone(&self) -> Self {
        Filter::from_json(self.json.clone())
    }
}
impl<R> PartialEq for Filter<R> {
    fn eq(&self, other: &Self) -> bool {
        self.json == other.json
    }
}
impl<R> fmt::Debug for Filter<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Filter({})", self.json)
    }
}
impl<R> Serialize for Filter<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// `a & b`: both (`$and`; nested `&` chains stay one flat `$and`).
impl<R> BitAnd for Filter<R> {
    type Output = Filter<R>;
    fn bitand(self, rhs: Filter<R>) -> Filter<R> {
        combine("$and", self, rhs)
    }
}

/// `a | b`: either (`$or`; nested `|` chains stay one flat `$or`).
impl<R> BitOr for Filter<R> {
    type Output = Filter<R>;
    fn bitor(self, rhs: Filter<R>) -> Filter<R> {
        combine("$or", self, rhs)
    }
}

/// `!a`: not (`$not`).
impl<R> Not for Filter<R> {
    type Output = Filter<R>;
    fn not(self) -> Filter<R> {
        Filter::not(self)
    }
}

/// Joins two filters under `op`, extending the left one when it is already
/// a lone `op` node, so `a & b & c` is `{"$and": [a, b, c]}`.
fn combine<R>(op: &str, left: Filter<R>, right: Filter<R>) -> Filter<R> {
    let mut left = left.json;
    if let Value::Object(map) = &mut left {
        if map.len() == 1 {
            if let Some(Value::Array(items)) = map.get_mut(op) {
                items.push(right.json);
                return Filter::from_json(left);
            }
        }
    }
    Filter::from_json(json!({ op: [left, right.json] }))
}

/// `{"slug": {"op": value}}`.
pub(super) fn condition<R>(slug: &str, op: &str, value: Value) -> Filter<R> {
    Filter::from_json(json!({ slug: { op: value } }))
}

/// `{"slug": {"property": {"op": value}}}`.
pub(super) fn property_condition<R>(
    slug: &str,
    property: &str,
    op: &str,
    value: Value,
) -> Filter<R> {
    Filter::from_json(json!({ slug: { property: { op: value } } }))
}
