//! The 17 attribute types of Attio, plus a fallback for types added later.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The type of an attribute, as Attio spells it in the `type` field.
///
/// A type this crate does not know yet is kept as [`AttributeType::Unknown`]
/// rather than rejected, so that a snapshot of a workspace that uses a newer
/// type still loads (the tolerant reader): the generator maps such
/// attributes to raw JSON (`serde_json::Value`), read-only, with a note;
/// nothing writes them, since no value of an unknown type can be checked
/// before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttributeType {
    /// `text`: a string.
    Text,
    /// `number`: a float64 with at most four decimal places.
    Number,
    /// `checkbox`: a boolean, never null.
    Checkbox,
    /// `currency`: a decimal amount in the attribute's configured currency.
    Currency,
    /// `date`: a calendar date, `YYYY-MM-DD`.
    Date,
    /// `timestamp`: an instant in UTC with nanosecond precision.
    Timestamp,
    /// `rating`: an integer from 0 to 5.
    Rating,
    /// `status`: one of the attribute's statuses.
    Status,
    /// `select`: one (or, multiselect, several) of the attribute's options.
    Select,
    /// `record-reference`: a link to a record of another (or the same) object.
    RecordReference,
    /// `actor-reference`: a workspace member, API token, app or the system.
    ActorReference,
    /// `location`: a postal address with optional coordinates.
    Location,
    /// `domain`: a web domain, normalised by Attio.
    Domain,
    /// `email-address`: an email address, normalised by Attio.
    EmailAddress,
    /// `phone-number`: a phone number, normalised to E.164 by Attio.
    PhoneNumber,
    /// `interaction`: a calendar, email or call interaction; always read-only.
    Interaction,
    /// `personal-name`: first, last and full name.
    PersonalName,
    /// A type this version does not know, kept verbatim.
    Unknown(String),
}

impl AttributeType {
    /// Every known type, in the order Attio's documentation lists them.
    pub const ALL: [AttributeType; 17] = [
        AttributeType::Text,
        AttributeType::Number,
        AttributeType::Checkbox,
        AttributeType::Currency,
        AttributeType::Date,
        AttributeType::Timestamp,
        AttributeType::Rating,
        AttributeType::Status,
        AttributeType::Select,
        AttributeType::RecordReference,
        AttributeType::ActorReference,
        AttributeType::Location,
        AttributeType::Domain,
        AttributeType::EmailAddress,
        AttributeType::PhoneNumber,
        AttributeType::Interaction,
        AttributeType::PersonalName,
    ];

    /// The type's name as Attio spells it (`"record-reference"`).
    pub fn as_str(&self) -> &str {
        match self {
            AttributeType::Text => "text",
            AttributeType::Number => "number",
            AttributeType::Checkbox => "checkbox",
            AttributeType::Currency => "currency",
            AttributeType::Date => "date",
            AttributeType::Timestamp => "timestamp",
            AttributeType::Rating => "rating",
            AttributeType::Status => "status",
            AttributeType::Select => "select",
            AttributeType::RecordReference => "record-reference",
            AttributeType::ActorReference => "actor-reference",
            AttributeType::Location => "location",
            AttributeType::Domain => "domain",
            AttributeType::EmailAddress => "email-address",
            AttributeType::PhoneNumber => "phone-number",
            AttributeType::Interaction => "interaction",
            AttributeType::PersonalName => "personal-name",
            AttributeType::Unknown(other) => other,
        }
    }

    /// Parses Attio's spelling; anything unrecognised becomes `Unknown`.
    pub fn parse(name: &str) -> AttributeType {
        AttributeType::ALL
            .iter()
            .find(|t| t.as_str() == name)
            .cloned()
            .unwrap_or_else(|| AttributeType::Unknown(name.to_owned()))
    }

    /// Whether Attio accepts this type as an assert `matching_attribute`
    /// (and so whether `is_unique` is meaningful for it).
    pub fn can_be_unique(&self) -> bool {
        matches!(
            self,
            AttributeType::Text
                | AttributeType::Number
                | AttributeType::Domain
                | AttributeType::EmailAddress
                | AttributeType::PhoneNumber
        )
    }

    /// Whether attributes of this type can be multiselect.
    pub fn can_be_multiselect(&self) -> bool {
        matches!(
            self,
            AttributeType::Select
                | AttributeType::RecordReference
                | AttributeType::ActorReference
                | AttributeType::PhoneNumber
                | AttributeType::EmailAddress
                | AttributeType::Domain
        )
    }

    /// Whether values of this type can ever be written through the API.
    /// An [`Unknown`](Self::Unknown) type cannot: Attio may accept it, but
    /// this crate cannot check a value before sending it, and writes stay
    /// strict.
    pub fn is_writable_type(&self) -> bool {
        !matches!(self, AttributeType::Interaction | AttributeType::Unknown(_))
    }
}

impl fmt::Display for AttributeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AttributeType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AttributeType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(AttributeType::parse(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_type_round_trips_through_its_name() {
        for t in AttributeType::ALL {
            assert_eq!(AttributeType::parse(t.as_str()), t);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<AttributeType>(&json).unwrap(), t);
        }
    }

    #[test]
    fn an_unknown_type_is_kept_verbatim() {
        let t: AttributeType = serde_json::from_str("\"hologram\"").unwrap();
        assert_eq!(t, AttributeType::Unknown("hologram".into()));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"hologram\"");
        assert!(!t.is_writable_type(), "writes stay strict");
        assert!(AttributeType::Text.is_writable_type());
    }
}
