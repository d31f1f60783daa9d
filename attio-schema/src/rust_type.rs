//! Which Rust type holds each attribute type, shared by the generator (which
//! writes these types into structs) and the derive (which names the kind
//! marker in its trait bounds).
//!
//! Runtime types are named by absolute path (`::attio_runtime::…`) so that
//! generated code compiles in any module without imports; types of the Rust
//! prelude (`String`, `f64`, `bool`) by their plain names, as hand-written
//! code would.

use crate::AttributeType;

/// The marker type of `attio_runtime::kind` for an attribute type (`"Text"`).
pub fn kind_marker(attribute_type: &AttributeType) -> &'static str {
    match attribute_type {
        AttributeType::Text => "Text",
        AttributeType::Number => "Number",
        AttributeType::Checkbox => "Checkbox",
        AttributeType::Currency => "Currency",
        AttributeType::Date => "Date",
        AttributeType::Timestamp => "Timestamp",
        AttributeType::Rating => "Rating",
        AttributeType::Status => "Status",
        AttributeType::Select => "Select",
        AttributeType::RecordReference => "RecordReference",
        AttributeType::ActorReference => "ActorReference",
        AttributeType::Location => "Location",
        AttributeType::Domain => "Domain",
        AttributeType::EmailAddress => "EmailAddress",
        AttributeType::PhoneNumber => "PhoneNumber",
        AttributeType::Interaction => "Interaction",
        AttributeType::PersonalName => "PersonalName",
        AttributeType::Unknown(_) => "Unknown",
    }
}

/// What the generator puts in a field for one value of an attribute type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    /// A fixed Rust type, by absolute path.
    Path(&'static str),
    /// An enum generated from the attribute's select options or statuses.
    OptionsEnum,
    /// `::attio_runtime::value::RecordRef<T>` with `T` the target object's
    /// struct when exactly one target is allowed and generated, otherwise
    /// `::attio_runtime::value::AnyObject`.
    RecordRef,
}

/// The Rust type of one value of an attribute type.
pub fn value_type(attribute_type: &AttributeType) -> ValueType {
    ValueType::Path(match attribute_type {
        AttributeType::Text => "String",
        AttributeType::Number => "f64",
        AttributeType::Checkbox => "bool",
        AttributeType::Currency => "::attio_runtime::value::Currency",
        AttributeType::Date => "::attio_runtime::chrono::NaiveDate",
        AttributeType::Timestamp => {
            "::attio_runtime::chrono::DateTime<::attio_runtime::chrono::Utc>"
        }
        AttributeType::Rating => "::attio_runtime::value::Rating",
        AttributeType::Status | AttributeType::Select => return ValueType::OptionsEnum,
        AttributeType::RecordReference => return ValueType::RecordRef,
        AttributeType::ActorReference => "::attio_runtime::value::ActorRef",
        AttributeType::Location => "::attio_runtime::value::Location",
        AttributeType::Domain => "::attio_runtime::value::Domain",
        AttributeType::EmailAddress => "::attio_runtime::value::EmailAddress",
        AttributeType::PhoneNumber => "::attio_runtime::value::PhoneNumber",
        AttributeType::Interaction => "::attio_runtime::value::Interaction",
        AttributeType::PersonalName => "::attio_runtime::value::PersonalName",
        AttributeType::Unknown(_) => "::attio_runtime::serde_json::Value",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_distinct_marker() {
        let mut markers: Vec<&str> = AttributeType::ALL.iter().map(kind_marker).collect();
        markers.sort_unstable();
        markers.dedup();
        assert_eq!(markers.len(), 17);
    }
}
