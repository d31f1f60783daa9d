//! Marker types for the 17 attribute types, one per Attio `type`.
//!
//! They appear in trait bounds and in the typed attribute constants
//! (`Attribute<Company, kind::Text>`), never as values: the kind decides which
//! Rust types may hold an attribute ([`AttributeValue`](crate::AttributeValue))
//! and which filter operators it offers.

/// An attribute type, as a type.
pub trait Kind: 'static {
    /// Attio's name for the type (`"record-reference"`).
    const NAME: &'static str;
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident => $slug:literal,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name;
        impl Kind for $name {
            const NAME: &'static str = $slug;
        }
    )*};
}

kinds! {
    /// `text`
    Text => "text",
    /// `number`
    Number => "number",
    /// `checkbox`
    Checkbox => "checkbox",
    /// `currency`
    Currency => "currency",
    /// `date`
    Date => "date",
    /// `timestamp`
    Timestamp => "timestamp",
    /// `rating`
    Rating => "rating",
    /// `status`
    Status => "status",
    /// `select`
    Select => "select",
    /// `record-reference`
    RecordReference => "record-reference",
    /// `actor-reference`
    ActorReference => "actor-reference",
    /// `location`
    Location => "location",
    /// `domain`
    Domain => "domain",
    /// `email-address`
    EmailAddress => "email-address",
    /// `phone-number`
    PhoneNumber => "phone-number",
    /// `interaction`
    Interaction => "interaction",
    /// `personal-name`
    PersonalName => "personal-name",
    /// A type newer than this crate; only raw JSON (`serde_json::Value`) holds it.
    Unknown => "unknown",
}
