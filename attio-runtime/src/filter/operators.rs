//! Which operators each attribute kind offers, as methods on its typed
//! attribute constants, and the values they compare with.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::expression::{condition, property_condition, Filter};
use super::property::{ops, Property};
use crate::attribute::Attribute;
use crate::ids::RecordId;
use crate::kind;
use crate::value::{
    format_timestamp, Currency, Domain, EmailAddress, OptionTitle, PhoneNumber, Rating, RecordRef,
    TargetObject,
};

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
