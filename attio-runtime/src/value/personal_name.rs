//! `personal-name`: first, last and full name.

use std::fmt;

use serde::Deserializer;
use serde_json::{json, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, optional_string, Scalar};
use crate::error::DecodeError;
use crate::kind;

/// A person's name. Attio requires all three parts on writes, so all three
/// are always sent; [`PersonalName::new`] builds the full name from the
/// other two.
///
/// ```
/// use attio_runtime::value::PersonalName;
///
/// let name = PersonalName::new("Ada", "Lovelace");
/// assert_eq!(name.full_name, "Ada Lovelace");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PersonalName {
    /// First (given) name.
    pub first_name: String,
    /// Last (family) name.
    pub last_name: String,
    /// The whole name as displayed.
    pub full_name: String,
}

impl PersonalName {
    /// A name from its first and last parts; the full name joins them with
    /// a space (or is whichever part is not empty).
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        let first_name = first_name.into().trim().to_owned();
        let last_name = last_name.into().trim().to_owned();
        let full_name = match (first_name.is_empty(), last_name.is_empty()) {
            (false, false) => format!("{first_name} {last_name}"),
            (false, true) => first_name.clone(),
            _ => last_name.clone(),
        };
        PersonalName {
            first_name,
            last_name,
            full_name,
        }
    }

    /// A name with an explicit full name (`"Dr Ada Lovelace"`).
    pub fn with_full_name(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        full_name: impl Into<String>,
    ) -> Self {
        PersonalName {
            first_name: first_name.into(),
            last_name: last_name.into(),
            full_name: full_name.into(),
        }
    }
}

impl fmt::Display for PersonalName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full_name)
    }
}

/// Decodes the three parts; a part Attio returns as `null` reads as empty.
impl AttributeValue<kind::PersonalName> for PersonalName {
    fn encode(&self) -> Value {
        json!({
            "first_name": self.first_name,
            "last_name": self.last_name,
            "full_name": self.full_name,
        })
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let read = object::<NameKeys<'de>, D>(deserializer)?;
        if !read.is_object {
            return Ok(Err(DecodeError::new("", "expected a personal-name object")));
        }
        let keys = read.fields;
        Ok((|| {
            Ok(PersonalName {
                first_name: optional_string("first_name", keys.first_name)?.unwrap_or_default(),
                last_name: optional_string("last_name", keys.last_name)?.unwrap_or_default(),
                full_name: optional_string("full_name", keys.full_name)?.unwrap_or_default(),
            })
        })())
    }
}

/// The keys of a personal-name output value.
#[derive(Default, serde::Deserialize)]
struct NameKeys<'a> {
    #[serde(default, borrow)]
    first_name: Scalar<'a>,
    #[serde(default, borrow)]
    last_name: Scalar<'a>,
    #[serde(default, borrow)]
    full_name: Scalar<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_full_name() {
        assert_eq!(
            PersonalName::new(" Ada ", "Lovelace").full_name,
            "Ada Lovelace"
        );
        assert_eq!(PersonalName::new("Ada", "").full_name, "Ada");
        assert_eq!(PersonalName::new("", "Lovelace").full_name, "Lovelace");
        assert_eq!(PersonalName::new("", "").full_name, "");
    }

    #[test]
    fn json() {
        let v = json!({"first_name": "Ada", "last_name": null, "full_name": "Ada", "attribute_type": "personal-name"});
        let n = <PersonalName as AttributeValue<kind::PersonalName>>::decode(&v).unwrap();
        assert_eq!(n, PersonalName::new("Ada", ""));
        assert_eq!(
            n.encode(),
            json!({"first_name": "Ada", "last_name": "", "full_name": "Ada"})
        );
        assert!(
            <PersonalName as AttributeValue<kind::PersonalName>>::decode(&json!(null)).is_err()
        );
    }
}
