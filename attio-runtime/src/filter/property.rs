//! Properties of composite values (`Person::NAME.last_name()`) and the
//! operators each one offers.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::expression::{property_condition, Filter};
use super::sort::{Direction, Sort};
use crate::attribute::Attribute;
use crate::kind;
use crate::value::format_timestamp;

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
    /// The property `property` of the attribute `slug`.
    pub(super) const fn new(slug: &'static str, property: &'static str) -> Self {
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
