//! Typed filters and sorts, built from the attribute constants.
//!
//! Each attribute kind offers only the operators Attio accepts for it, and
//! each builder produces the verbose JSON of Attio's filter grammar:
//! `{"slug": {"$op": value}}`, or `{"slug": {"property": {"$op": value}}}`
//! for a property of a composite value, combined with `$and`, `$or` and `$not`.
//!
//! ```
//! use attio_runtime::{kind, Attribute, Filter, Query};
//! use attio_runtime::serde_json::json;
//!
//! struct Company;
//! const NAME: Attribute<Company, kind::Text> = Attribute::new("name");
//! const EMPLOYEES: Attribute<Company, kind::Number> = Attribute::new("employees");
//!
//! let filter = NAME.contains("Acme") & EMPLOYEES.gte(10);
//! assert_eq!(
//!     filter.to_json(),
//!     json!({"$and": [{"name": {"$contains": "Acme"}}, {"employees": {"$gte": 10}}]})
//! );
//! let query = Query::new().filter(filter).sort(NAME.asc()).limit(50);
//! assert_eq!(query.to_json()["sorts"], json!([{"direction": "asc", "attribute": "name"}]));
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitOr, Not};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

use crate::attribute::Attribute;
use crate::kind;
pub use crate::value::OptionTitle;
use crate::value::{
    format_timestamp, Currency, Domain, EmailAddress, PhoneNumber, Rating, RecordId, RecordRef,
    TargetObject,
};

/// A filter on records (or entries) of type `R`, serialising to Attio's
/// filter JSON.
pub struct Filter<R> {
    json: Value,
    _record: PhantomData<fn() -> R>,
}

impl<R> Filter<R> {
    fn from_json(json: Value) -> Self {
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

fn condition<R>(slug: &str, op: &str, value: Value) -> Filter<R> {
    Filter::from_json(json!({ slug: { op: value } }))
}

fn property_condition<R>(slug: &str, property: &str, op: &str, value: Value) -> Filter<R> {
    Filter::from_json(json!({ slug: { property: { op: value } } }))
}

/// A value that attributes of kind `K` compare against.
///
/// Numbers for `number`; numbers, [`Decimal`] and [`Currency`] for
/// `currency`; [`NaiveDate`] for `date`; [`DateTime<Utc>`] for `timestamp`;
/// [`Rating`] or a whole number for `rating`.
pub trait Operand<K> {
    /// The JSON compared against.
    fn to_operand(&self) -> Value;
}

macro_rules! numeric_operands {
    ($($kind:ty => $($t:ty),*;)*) => {$($(
        impl Operand<$kind> for $t {
            fn to_operand(&self) -> Value {
                Value::from(*self)
            }
        }
    )*)*};
}

numeric_operands! {
    kind::Number => i32, i64, u32, u64, f32, f64;
    kind::Currency => i32, i64, u32, u64, f64;
    kind::Rating => i32, i64, u8;
}

impl Operand<kind::Currency> for Decimal {
    fn to_operand(&self) -> Value {
        crate::value::currency_json(*self)
    }
}
impl Operand<kind::Currency> for Currency {
    fn to_operand(&self) -> Value {
        crate::value::currency_json(self.amount())
    }
}
impl Operand<kind::Date> for NaiveDate {
    fn to_operand(&self) -> Value {
        Value::String(self.format("%Y-%m-%d").to_string())
    }
}
impl Operand<kind::Timestamp> for DateTime<Utc> {
    fn to_operand(&self) -> Value {
        Value::String(format_timestamp(self))
    }
}
impl Operand<kind::Rating> for Rating {
    fn to_operand(&self) -> Value {
        Value::from(self.get())
    }
}

macro_rules! comparisons {
    ($($kind:ty),*) => {$(
        /// Comparison operators.
        impl<R, U> Attribute<R, $kind, U> {
            /// Equal to `value` (`$eq`).
            pub fn eq(self, value: impl Operand<$kind>) -> Filter<R> {
                condition(self.slug(), "$eq", value.to_operand())
            }
            /// Greater than `value` (`$gt`).
            pub fn gt(self, value: impl Operand<$kind>) -> Filter<R> {
                condition(self.slug(), "$gt", value.to_operand())
            }
            /// Greater than or equal to `value` (`$gte`).
            pub fn gte(self, value: impl Operand<$kind>) -> Filter<R> {
                condition(self.slug(), "$gte", value.to_operand())
            }
            /// Less than `value` (`$lt`).
            pub fn lt(self, value: impl Operand<$kind>) -> Filter<R> {
                condition(self.slug(), "$lt", value.to_operand())
            }
            /// Less than or equal to `value` (`$lte`).
            pub fn lte(self, value: impl Operand<$kind>) -> Filter<R> {
                condition(self.slug(), "$lte", value.to_operand())
            }
            /// Within `low..=high` (`{"$gte": low, "$lte": high}`).
            pub fn between(self, low: impl Operand<$kind>, high: impl Operand<$kind>) -> Filter<R> {
                Filter::from_json(json!({
                    self.slug(): { "$gte": low.to_operand(), "$lte": high.to_operand() }
                }))
            }
        }
    )*};
}

comparisons!(
    kind::Number,
    kind::Currency,
    kind::Date,
    kind::Timestamp,
    kind::Rating
);

/// Text operators.
impl<R, U> Attribute<R, kind::Text, U> {
    /// Equal to `value` (`$eq`, case-sensitive).
    pub fn eq(self, value: impl Into<String>) -> Filter<R> {
        condition(self.slug(), "$eq", Value::String(value.into()))
    }
    /// Equal to any of `values` (`$in`).
    pub fn is_in<S: Into<String>>(self, values: impl IntoIterator<Item = S>) -> Filter<R> {
        let values: Vec<Value> = values
            .into_iter()
            .map(|v| Value::String(v.into()))
            .collect();
        condition(self.slug(), "$in", Value::Array(values))
    }
    /// Contains `value`, ignoring case (`$contains`).
    pub fn contains(self, value: impl Into<String>) -> Filter<R> {
        condition(self.slug(), "$contains", Value::String(value.into()))
    }
    /// Starts with `value` (`$starts_with`).
    pub fn starts_with(self, value: impl Into<String>) -> Filter<R> {
        condition(self.slug(), "$starts_with", Value::String(value.into()))
    }
    /// Ends with `value` (`$ends_with`).
    pub fn ends_with(self, value: impl Into<String>) -> Filter<R> {
        condition(self.slug(), "$ends_with", Value::String(value.into()))
    }
}

/// Checkbox equality.
impl<R, U> Attribute<R, kind::Checkbox, U> {
    /// Checked (`true`) or not (`$eq`).
    pub fn eq(self, value: bool) -> Filter<R> {
        condition(self.slug(), "$eq", Value::Bool(value))
    }
}

macro_rules! option_equality {
    ($($kind:ty, $what:literal, $plural:literal;)*) => {$(
        #[doc = concat!($what, " equality, by title.")]
        impl<R, U> Attribute<R, $kind, U> {
            #[doc = concat!("The ", $what, " titled `title` (`$eq`).")]
            pub fn eq(self, title: impl OptionTitle) -> Filter<R> {
                condition(self.slug(), "$eq", Value::String(title.option_title().to_owned()))
            }
            #[doc = concat!("Any of these ", $plural, ", as an `$or` of equalities: Attio rejects `$in` here.")]
            pub fn one_of<T: OptionTitle>(self, titles: impl IntoIterator<Item = T>) -> Filter<R> {
                Filter::or(titles.into_iter().map(|t| self.eq(t)))
            }
            /// When the current value was set (`active_from`), for comparisons.
            pub fn active_from(self) -> Property<R, ops::Compare> {
                Property::new(self.slug(), "active_from")
            }
        }
    )*};
}

option_equality! {
    kind::Select, "option", "options";
    kind::Status, "status", "statuses";
}

/// The record a reference filter compares with: a [`RecordId`] (compared
/// by `target_record_id`) or a [`RecordRef`] (object and id).
pub trait ReferenceOperand {
    /// The condition on the attribute.
    fn to_condition(&self) -> Value;
}

impl ReferenceOperand for RecordId {
    fn to_condition(&self) -> Value {
        json!({ "target_record_id": { "$eq": self.as_str() } })
    }
}
impl<T> ReferenceOperand for RecordRef<T> {
    fn to_condition(&self) -> Value {
        match self.record_id() {
            Some(id) => {
                json!({ "target_object": self.target_object(), "target_record_id": id.as_str() })
            }
            // A reference by matching attribute names no record yet; match on
            // the object, so the filter is not silently widened to everything.
            None => {
                json!({ "target_object": self.target_object(), "target_record_id": { "$in": [] } })
            }
        }
    }
}
impl<T: ReferenceOperand + ?Sized> ReferenceOperand for &T {
    fn to_condition(&self) -> Value {
        (**self).to_condition()
    }
}

/// Reference operators.
impl<R, U> Attribute<R, kind::RecordReference, U> {
    /// Referencing this record: `{"slug": {"target_object": …, "target_record_id": …}}`
    /// for a [`RecordRef`], `{"slug": {"target_record_id": {"$eq": id}}}` for a [`RecordId`].
    pub fn eq(self, target: impl ReferenceOperand) -> Filter<R> {
        Filter::from_json(json!({ self.slug(): target.to_condition() }))
    }
    /// Referencing any of these records (`target_record_id` `$in`).
    pub fn is_in<'a>(self, ids: impl IntoIterator<Item = &'a RecordId>) -> Filter<R> {
        let ids: Vec<&str> = ids.into_iter().map(RecordId::as_str).collect();
        property_condition(self.slug(), "target_record_id", "$in", json!(ids))
    }
    /// Referencing this record of the object `T` (`target_object` and id).
    pub fn references<T: TargetObject>(self, target: &RecordRef<T>) -> Filter<R> {
        self.eq(target)
    }
}

/// Actor-reference equality (Attio accepts only `$eq`, on type and id together).
impl<R, U> Attribute<R, kind::ActorReference, U> {
    /// Referencing the workspace member with this id.
    pub fn eq_workspace_member(self, member_id: &str) -> Filter<R> {
        Filter::from_json(json!({ self.slug(): {
            "referenced_actor_type": "workspace-member",
            "referenced_actor_id": member_id,
        }}))
    }
}

/// Operator sets of composite-value properties, as type markers.
pub mod ops {
    /// `$eq`, `$contains`, `$starts_with`, `$ends_with`.
    #[derive(Debug, Clone, Copy)]
    pub enum Text {}
    /// `$eq`, `$not_empty`, `$contains`, `$starts_with`, `$ends_with`.
    #[derive(Debug, Clone, Copy)]
    pub enum TextOrEmpty {}
    /// `$eq`, `$starts_with` (location `country_code`).
    #[derive(Debug, Clone, Copy)]
    pub enum Prefix {}
    /// `$eq`, `$not_empty`.
    #[derive(Debug, Clone, Copy)]
    pub enum EqOrEmpty {}
    /// `$eq`, `$gt`, `$gte`, `$lt`, `$lte` on timestamps.
    #[derive(Debug, Clone, Copy)]
    pub enum Compare {}
}

/// A property of a composite attribute (`Person::NAME.last_name()`),
/// offering the operators its marker `O` (from [`ops`]) allows.
pub struct Property<R, O> {
    slug: &'static str,
    property: &'static str,
    _marker: PhantomData<fn() -> (R, O)>,
}

impl<R, O> Clone for Property<R, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R, O> Copy for Property<R, O> {}
impl<R, O> fmt::Debug for Property<R, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Property({}.{})", self.slug, self.property)
    }
}

impl<R, O> Property<R, O> {
    const fn new(slug: &'static str, property: &'static str) -> Self {
        Property {
            slug,
            property,
            _marker: PhantomData,
        }
    }

    /// The attribute's slug.
    pub fn slug(&self) -> &'static str {
        self.slug
    }

    /// The property's name (`last_name`).
    pub fn property(&self) -> &'static str {
        self.property
    }

    fn op(self, op: &str, value: Value) -> Filter<R> {
        property_condition(self.slug, self.property, op, value)
    }

    /// Sort ascending by this property (`"field": "…"`).
    pub fn asc(self) -> Sort<R> {
        Sort::new(Direction::Asc, self.slug, Some(self.property))
    }

    /// Sort descending by this property.
    pub fn desc(self) -> Sort<R> {
        Sort::new(Direction::Desc, self.slug, Some(self.property))
    }
}

macro_rules! string_ops {
    ($($marker:ty => $($method:ident $op:literal $doc:literal),*;)*) => {$(
        impl<R> Property<R, $marker> {
            $(
                #[doc = $doc]
                pub fn $method(self, value: impl Into<String>) -> Filter<R> {
                    self.op($op, Value::String(value.into()))
                }
            )*
        }
    )*};
}

string_ops! {
    ops::Text =>
        eq "$eq" "Equal to `value` (`$eq`).",
        contains "$contains" "Contains `value`, ignoring case (`$contains`).",
        starts_with "$starts_with" "Starts with `value` (`$starts_with`).",
        ends_with "$ends_with" "Ends with `value` (`$ends_with`).";
    ops::TextOrEmpty =>
        eq "$eq" "Equal to `value` (`$eq`).",
        contains "$contains" "Contains `value`, ignoring case (`$contains`).",
        starts_with "$starts_with" "Starts with `value` (`$starts_with`).",
        ends_with "$ends_with" "Ends with `value` (`$ends_with`).";
    ops::Prefix =>
        eq "$eq" "Equal to `value` (`$eq`).",
        starts_with "$starts_with" "Starts with `value` (`$starts_with`).";
    ops::EqOrEmpty =>
        eq "$eq" "Equal to `value` (`$eq`).";
}

impl<R> Property<R, ops::TextOrEmpty> {
    /// Has a value (`$not_empty`).
    pub fn not_empty(self) -> Filter<R> {
        self.op("$not_empty", Value::Bool(true))
    }
}

impl<R> Property<R, ops::EqOrEmpty> {
    /// Has a value (`$not_empty`).
    pub fn not_empty(self) -> Filter<R> {
        self.op("$not_empty", Value::Bool(true))
    }
}

impl<R> Property<R, ops::Compare> {
    /// Equal to `at` (`$eq`).
    pub fn eq(self, at: DateTime<Utc>) -> Filter<R> {
        self.op("$eq", Value::String(format_timestamp(&at)))
    }
    /// After `at` (`$gt`).
    pub fn gt(self, at: DateTime<Utc>) -> Filter<R> {
        self.op("$gt", Value::String(format_timestamp(&at)))
    }
    /// At or after `at` (`$gte`).
    pub fn gte(self, at: DateTime<Utc>) -> Filter<R> {
        self.op("$gte", Value::String(format_timestamp(&at)))
    }
    /// Before `at` (`$lt`).
    pub fn lt(self, at: DateTime<Utc>) -> Filter<R> {
        self.op("$lt", Value::String(format_timestamp(&at)))
    }
    /// At or before `at` (`$lte`).
    pub fn lte(self, at: DateTime<Utc>) -> Filter<R> {
        self.op("$lte", Value::String(format_timestamp(&at)))
    }
}

macro_rules! properties {
    ($kind:ty { $($method:ident => $name:literal : $marker:ty, $doc:literal;)* }) => {
        /// Property accessors.
        impl<R, U> Attribute<R, $kind, U> {
            $(
                #[doc = $doc]
                pub fn $method(self) -> Property<R, $marker> {
                    Property::new(self.slug(), $name)
                }
            )*
        }
    };
}

properties!(kind::EmailAddress {
    email_address => "email_address": ops::Text, "The normalised address (`email_address`).";
    email_domain => "email_domain": ops::Text, "The domain (`email_domain`).";
    email_root_domain => "email_root_domain": ops::Text, "The registrable domain (`email_root_domain`).";
    email_local_specifier => "email_local_specifier": ops::Text, "The local part (`email_local_specifier`).";
});

properties!(kind::Domain {
    domain => "domain": ops::TextOrEmpty, "The domain (`domain`).";
    root_domain => "root_domain": ops::TextOrEmpty, "The registrable domain (`root_domain`).";
});

properties!(kind::PhoneNumber {
    phone_number => "phone_number": ops::Text, "The E.164 number (`phone_number`; `original_phone_number` is not filterable).";
    country_code => "country_code": ops::EqOrEmpty, "The country (`country_code`).";
});

properties!(kind::PersonalName {
    first_name => "first_name": ops::TextOrEmpty, "The first name (`first_name`).";
    last_name => "last_name": ops::TextOrEmpty, "The last name (`last_name`).";
    full_name => "full_name": ops::TextOrEmpty, "The full name (`full_name`).";
});

properties!(kind::Location {
    line_1 => "line_1": ops::Text, "The first address line (`line_1`).";
    line_2 => "line_2": ops::Text, "The second address line (`line_2`).";
    line_3 => "line_3": ops::Text, "The third address line (`line_3`).";
    line_4 => "line_4": ops::Text, "The fourth address line (`line_4`).";
    locality => "locality": ops::Text, "The locality (`locality`).";
    region => "region": ops::Text, "The region (`region`).";
    postcode => "postcode": ops::Text, "The postcode (`postcode`).";
    country_code => "country_code": ops::Prefix, "The country (`country_code`; latitude and longitude are not filterable).";
});

properties!(kind::Interaction {
    interaction_type => "interaction_type": ops::EqOrEmpty, "The kind of interaction (`interaction_type`, e.g. `\"email\"`).";
    interacted_at => "interacted_at": ops::Compare, "When it happened (`interacted_at`).";
    owner_member_id => "owner_member_id": ops::EqOrEmpty, "The owning workspace member's id (`owner_member_id`).";
});

macro_rules! default_equality {
    ($($kind:ty, $value:ty, $text:expr, $doc:literal;)*) => {$(
        /// Equality on the default property.
        impl<R, U> Attribute<R, $kind, U> {
            #[doc = $doc]
            pub fn eq(self, value: &$value) -> Filter<R> {
                let text: fn(&$value) -> &str = $text;
                condition(self.slug(), "$eq", Value::String(text(value).to_owned()))
            }
            /// Equal to `text` on the default property, unvalidated (`$eq`).
            pub fn eq_text(self, text: impl Into<String>) -> Filter<R> {
                condition(self.slug(), "$eq", Value::String(text.into()))
            }
        }
    )*};
}

default_equality! {
    kind::EmailAddress, EmailAddress, EmailAddress::as_str,
        "This address, compared on `email_address` (`$eq`).";
    kind::Domain, Domain, Domain::as_str,
        "This domain, compared on `domain` (`$eq`).";
    kind::PhoneNumber, PhoneNumber, |p: &PhoneNumber| p.e164().unwrap_or(p.original()),
        "This number, compared on `phone_number` (`$eq`).";
    kind::PersonalName, str, |s: &str| s,
        "This full name, compared on `full_name` (`$eq`).";
}

macro_rules! attribute_not_empty {
    ($($kind:ty),*) => {$(
        /// Presence.
        impl<R, U> Attribute<R, $kind, U> {
            /// Has a value (`$not_empty`).
            pub fn not_empty(self) -> Filter<R> {
                condition(self.slug(), "$not_empty", Value::Bool(true))
            }
        }
    )*};
}

attribute_not_empty!(kind::Domain, kind::PersonalName);

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// One sort key: `{"direction": "asc", "attribute": "name", "field": "last_name"?}`.
#[derive(Serialize)]
#[serde(bound = "")]
pub struct Sort<R> {
    direction: Direction,
    attribute: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip)]
    _record: PhantomData<fn() -> R>,
}

impl<R> Sort<R> {
    fn new(direction: Direction, attribute: &'static str, field: Option<&'static str>) -> Self {
        Sort {
            direction,
            attribute,
            field,
            _record: PhantomData,
        }
    }

    /// The direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The attribute's slug.
    pub fn attribute(&self) -> &'static str {
        self.attribute
    }

    /// The property sorted by, for composite values.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }
}

impl<R> Clone for Sort<R> {
    fn clone(&self) -> Self {
        Sort::new(self.direction, self.attribute, self.field)
    }
}
impl<R> PartialEq for Sort<R> {
    fn eq(&self, other: &Self) -> bool {
        (self.direction, self.attribute, self.field)
            == (other.direction, other.attribute, other.field)
    }
}
impl<R> fmt::Debug for Sort<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sort")
            .field("direction", &self.direction)
            .field("attribute", &self.attribute)
            .field("field", &self.field)
            .finish()
    }
}

/// Sorting, on every attribute.
impl<R, K, U> Attribute<R, K, U> {
    /// Sort ascending by this attribute.
    pub fn asc(self) -> Sort<R> {
        Sort::new(Direction::Asc, self.slug(), None)
    }

    /// Sort descending by this attribute.
    pub fn desc(self) -> Sort<R> {
        Sort::new(Direction::Desc, self.slug(), None)
    }
}

/// The body of a records or entries query: `filter`, `sorts`, `limit` and
/// `offset` at the top level (no `data` wrapper), each left out when unset.
pub struct Query<R> {
    filter: Option<Filter<R>>,
    sorts: Vec<Sort<R>>,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl<R> Serialize for Query<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<R> Default for Query<R> {
    fn default() -> Self {
        Query {
            filter: None,
            sorts: Vec::new(),
            limit: None,
            offset: None,
        }
    }
}

impl<R> Clone for Query<R> {
    fn clone(&self) -> Self {
        Query {
            filter: self.filter.clone(),
            sorts: self.sorts.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}
impl<R> fmt::Debug for Query<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Query")
            .field("filter", &self.filter)
            .field("sorts", &self.sorts)
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .finish()
    }
}

impl<R> Query<R> {
    /// Every record, in Attio's default order.
    pub fn new() -> Self {
        Query::default()
    }

    /// Only records matching `filter` (replacing any earlier filter).
    pub fn filter(mut self, filter: Filter<R>) -> Self {
        self.filter = Some(filter);
        self
    }

    /// Adds a sort key, applied after the earlier ones.
    pub fn sort(mut self, sort: Sort<R>) -> Self {
        self.sorts.push(sort);
        self
    }

    /// At most `limit` records per page (Attio's default is 500).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Skips the first `offset` records.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The filter, if any.
    pub fn filter_ref(&self) -> Option<&Filter<R>> {
        self.filter.as_ref()
    }

    /// The sorts, in order.
    pub fn sorts(&self) -> &[Sort<R>] {
        &self.sorts
    }

    /// The page size, if set.
    pub fn limit_value(&self) -> Option<u32> {
        self.limit
    }

    /// The offset, if set.
    pub fn offset_value(&self) -> Option<u32> {
        self.offset
    }

    /// The request body.
    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        if let Some(filter) = &self.filter {
            body.insert("filter".into(), filter.to_json());
        }
        if !self.sorts.is_empty() {
            body.insert("sorts".into(), json!(self.sorts));
        }
        if let Some(limit) = self.limit {
            body.insert("limit".into(), Value::from(limit));
        }
        if let Some(offset) = self.offset {
            body.insert("offset".into(), Value::from(offset));
        }
        Value::Object(body)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::value::AnyObject;

    struct Person;
    const NAME: Attribute<Person, kind::PersonalName> = Attribute::new("name");
    const NOTES: Attribute<Person, kind::Text> = Attribute::new("notes");
    const AGE: Attribute<Person, kind::Number> = Attribute::new("age");
    const VIP: Attribute<Person, kind::Checkbox> = Attribute::new("vip");
    const TIER: Attribute<Person, kind::Select> = Attribute::new("tier");
    const COMPANY: Attribute<Person, kind::RecordReference> = Attribute::new("company");
    const EMAILS: Attribute<Person, kind::EmailAddress> = Attribute::new("email_addresses");
    const LAST_EMAIL: Attribute<Person, kind::Interaction> =
        Attribute::new("last_email_interaction");

    const ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

    #[test]
    fn flat_combinators() {
        let f = NOTES.contains("a") & AGE.gt(1) & VIP.eq(true);
        assert_eq!(
            f.to_json(),
            json!({"$and": [{"notes": {"$contains": "a"}}, {"age": {"$gt": 1}}, {"vip": {"$eq": true}}]})
        );
        let g = (NOTES.eq("a") | NOTES.eq("b")) & !AGE.lt(3.5);
        assert_eq!(
            g.to_json(),
            json!({"$and": [
                {"$or": [{"notes": {"$eq": "a"}}, {"notes": {"$eq": "b"}}]},
                {"$not": {"age": {"$lt": 3.5}}}
            ]})
        );
        // A right-hand `$and` is nested, not merged: it is one operand.
        let h = AGE.eq(1) & (AGE.eq(2) & AGE.eq(3));
        assert_eq!(h.to_json()["$and"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn options_use_or() {
        assert_eq!(
            TIER.one_of(["Gold", "Silver"]).to_json(),
            json!({"$or": [{"tier": {"$eq": "Gold"}}, {"tier": {"$eq": "Silver"}}]})
        );
        let at = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            TIER.active_from().gte(at).to_json(),
            json!({"tier": {"active_from": {"$gte": "2025-01-01T00:00:00.000000000Z"}}})
        );
    }

    #[test]
    fn references() {
        let id = RecordId::new(ID).unwrap();
        assert_eq!(
            COMPANY.eq(&id).to_json(),
            json!({"company": {"target_record_id": {"$eq": ID}}})
        );
        let r: RecordRef<AnyObject> = RecordRef::to_object("companies", id.clone());
        assert_eq!(
            COMPANY.eq(&r).to_json(),
            json!({"company": {"target_object": "companies", "target_record_id": ID}})
        );
        assert_eq!(
            COMPANY.is_in([&id]).to_json(),
            json!({"company": {"target_record_id": {"$in": [ID]}}})
        );
    }

    #[test]
    fn properties_and_sorts() {
        assert_eq!(
            NAME.last_name().eq("Lovelace").to_json(),
            json!({"name": {"last_name": {"$eq": "Lovelace"}}})
        );
        assert_eq!(
            NAME.eq("Ada Lovelace").to_json(),
            json!({"name": {"$eq": "Ada Lovelace"}})
        );
        assert_eq!(
            EMAILS.email_domain().ends_with("acme.com").to_json(),
            json!({"email_addresses": {"email_domain": {"$ends_with": "acme.com"}}})
        );
        assert_eq!(
            LAST_EMAIL.owner_member_id().not_empty().to_json(),
            json!({"last_email_interaction": {"owner_member_id": {"$not_empty": true}}})
        );
        let q = Query::new()
            .filter(AGE.between(18, 65))
            .sort(NAME.last_name().asc())
            .sort(AGE.desc())
            .offset(10);
        assert_eq!(
            serde_json::to_value(&q).unwrap(),
            json!({
                "filter": {"age": {"$gte": 18, "$lte": 65}},
                "sorts": [
                    {"direction": "asc", "attribute": "name", "field": "last_name"},
                    {"direction": "desc", "attribute": "age"}
                ],
                "offset": 10
            })
        );
        assert_eq!(Query::<Person>::new().to_json(), json!({}));
    }

    #[test]
    fn record_ids() {
        let id = RecordId::new(ID).unwrap();
        assert_eq!(
            Filter::<Person>::record_id(&id).to_json(),
            json!({"record_id": {"$eq": ID}})
        );
        assert_eq!(
            Filter::<Person>::record_id_in([&id, &id]).to_json(),
            json!({"record_id": {"$in": [ID, ID]}})
        );
    }
}
