//! Which family validates a written value, by attribute type.

use serde_json::Value;

use attio_schema::{Attribute, AttributeType};

use super::currency::currency;
use super::dates::{date, timestamp};
use super::domain::domain_value;
use super::email::email_value;
use super::form::{single, Issues};
use super::location::location;
use super::name::personal_name;
use super::payload::Payload;
use super::phone::phone_value;
use super::scalar::{checkbox, number, rating, text};

/// Validates and normalises one written value of an attribute whose type
/// needs no lookups. `None` means the type needs the store (select, status,
/// references) and was not handled here.
pub(crate) fn normalize_plain(attr: &Attribute, raw: &Value) -> Option<Result<Payload, Issues>> {
    let fields = match &attr.attribute_type {
        AttributeType::Text => text(raw),
        AttributeType::Number => number(raw, "value"),
        AttributeType::Checkbox => checkbox(raw),
        AttributeType::Currency => currency(raw, attr),
        AttributeType::Date => date(raw),
        AttributeType::Timestamp => timestamp(raw),
        AttributeType::Rating => rating(raw),
        AttributeType::Location => location(raw),
        AttributeType::Domain => domain_value(raw),
        AttributeType::EmailAddress => email_value(raw),
        AttributeType::PhoneNumber => phone_value(raw),
        AttributeType::PersonalName => personal_name(raw),
        // A type this emulator does not know: kept verbatim so that a
        // snapshot with newer types still round-trips values.
        AttributeType::Unknown(_) => Ok(single("value", raw.clone())),
        AttributeType::Status
        | AttributeType::Select
        | AttributeType::RecordReference
        | AttributeType::ActorReference
        | AttributeType::Interaction => return None,
    };
    Some(fields.map(Payload::Fields))
}
