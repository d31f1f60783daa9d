//! The parsed form of a filter: operators, which properties of which
//! attribute types accept them, and the expression tree `parse` builds.

use serde_json::Value;

use attio_schema::{Attribute, AttributeType};

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
    /// The operator named `$eq`, `$in` …, if there is one.
    pub(super) fn parse(name: &str) -> Option<Op> {
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
pub(super) const ACTIVE_FROM: &str = "active_from";

/// The property a shorthand filter (or a sort without `field`) compares.
pub(super) fn default_property(t: &AttributeType) -> &'static str {
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
pub(super) fn operators(t: &AttributeType, property: &str) -> Option<&'static [Op]> {
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
    /// `value`, `email_domain`, `active_from` …
    pub(super) property: String,
    /// How the property is compared.
    pub(super) op: Op,
    /// What it is compared with, already in the stored form of the property.
    pub(super) operand: Value,
}

/// Conditions on one attribute; all must hold for a single value.
#[derive(Debug, Clone)]
pub(crate) struct AttributeFilter {
    /// The attribute whose values are tested.
    pub(super) attribute: Attribute,
    /// What each value must satisfy.
    pub(super) conditions: Vec<Condition>,
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
