//! `phone-number`: an E.164 number, or a national number and its country.

use std::fmt;
use std::str::FromStr;

use serde::Deserializer;
use serde_json::{json, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, optional_string, required_str, Scalar};
use super::write_format::opt_json;
use crate::error::{DecodeError, ValueError};
use crate::kind;

/// A phone number.
///
/// Built either from an international number ([`PhoneNumber::new`]) or
/// from a national number and its country ([`PhoneNumber::national`]),
/// parsed by libphonenumber's rules (the `phonenumber` crate: trunk
/// prefixes, `(0)`, separators) into its E.164 form and country, as Attio
/// normalises it. The text as given is sent as `original_phone_number`.
///
/// Equality compares the E.164 forms when both values have one, otherwise
/// the original text and country.
///
/// ```
/// use attio_runtime::value::PhoneNumber;
///
/// assert_eq!(PhoneNumber::new("+1 555 867 5309")?.e164(), Some("+15558675309"));
/// assert!(PhoneNumber::new("555 867 5309").is_err()); // no country: needs `+`
/// let uk = PhoneNumber::national("07700 900123", "gb")?;
/// assert_eq!((uk.e164(), uk.country_code()), (Some("+447700900123"), Some("GB")));
/// let de = PhoneNumber::new("+49 (0)421 6960-4417")?;
/// assert_eq!((de.e164(), de.country_code()), (Some("+4942169604417"), Some("DE")));
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Eq)]
pub struct PhoneNumber {
    original: String,
    country_code: Option<String>,
    phone_number: Option<String>,
}

impl PhoneNumber {
    /// An international number: `+`, its calling code and number, with
    /// any spaces, dots, hyphens and parentheses.
    pub fn new(input: &str) -> Result<Self, ValueError> {
        PhoneNumber::parse(input, None)
    }

    /// A number in the national format of `country` (ISO 3166-1 alpha-2,
    /// like `GB`), e.g. `07700 900123`; an international number is taken
    /// as one.
    pub fn national(number: &str, country: &str) -> Result<Self, ValueError> {
        PhoneNumber::parse(number, Some(country))
    }

    fn parse(input: &str, country: Option<&str>) -> Result<Self, ValueError> {
        let normal = attio_schema::normalize::phone(input, country)
            .map_err(|reason| ValueError::new("phone-number", input, reason))?;
        Ok(PhoneNumber {
            original: input.trim().to_owned(),
            country_code: Some(normal.country_code),
            phone_number: Some(normal.e164),
        })
    }

    /// The number as given (Attio's `original_phone_number`).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The country (ISO 3166-1 alpha-2): the number's, or the one given.
    pub fn country_code(&self) -> Option<&str> {
        self.country_code.as_deref()
    }

    /// The E.164 form (`+15558675309`); `None` only on a value read from
    /// Attio without one.
    pub fn e164(&self) -> Option<&str> {
        self.phone_number.as_deref()
    }
}

impl PartialEq for PhoneNumber {
    fn eq(&self, other: &Self) -> bool {
        match (&self.phone_number, &other.phone_number) {
            (Some(a), Some(b)) => a == b,
            _ => self.original == other.original && self.country_code == other.country_code,
        }
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.phone_number.as_deref().unwrap_or(&self.original))
    }
}

impl FromStr for PhoneNumber {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        PhoneNumber::new(s)
    }
}

impl TryFrom<&str> for PhoneNumber {
    type Error = ValueError;
    fn try_from(s: &str) -> Result<Self, ValueError> {
        PhoneNumber::new(s)
    }
}

/// Decodes `original_phone_number`, `country_code` and `phone_number`.
/// Attio's attribute-type docs page calls the E.164 field
/// `normalized_phone_number`, while its spec and live responses say
/// `phone_number`; both are accepted, `phone_number` first.
impl AttributeValue<kind::PhoneNumber> for PhoneNumber {
    fn encode(&self) -> Value {
        // An international number names its country itself; a national one
        // is read in the country it was given with.
        let country = match self.original.starts_with('+') {
            true => None,
            false => self.country_code.as_deref(),
        };
        json!({
            "original_phone_number": self.original,
            "country_code": opt_json(country),
        })
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<PhoneKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let phone_number = match optional_string("phone_number", keys.phone_number)? {
                Some(n) => Some(n),
                None => optional_string("normalized_phone_number", keys.normalized_phone_number)?,
            };
            let original = keys.original_phone_number;
            let original = match optional_string("original_phone_number", original.clone())? {
                Some(o) => o,
                None => match phone_number.clone() {
                    Some(n) => n,
                    None => required_str("original_phone_number", original)?.into_owned(),
                },
            };
            Ok(PhoneNumber {
                original,
                country_code: optional_string("country_code", keys.country_code)?,
                phone_number,
            })
        })())
    }
}

/// The keys of a phone-number output value.
#[derive(Default, serde::Deserialize)]
struct PhoneKeys<'a> {
    #[serde(default, borrow)]
    phone_number: Scalar<'a>,
    #[serde(default, borrow)]
    normalized_phone_number: Scalar<'a>,
    #[serde(default, borrow)]
    original_phone_number: Scalar<'a>,
    #[serde(default, borrow)]
    country_code: Scalar<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164() {
        assert_eq!(
            PhoneNumber::new("+15558675309").unwrap().e164(),
            Some("+15558675309")
        );
        assert_eq!(
            PhoneNumber::new("+44 (20) 7946-0958").unwrap().e164(),
            Some("+442079460958")
        );
        assert!(PhoneNumber::new("+123456").is_err()); // 6 digits
        assert!(PhoneNumber::new("+1234567").is_ok()); // 7 digits
        assert!(PhoneNumber::new("+123456789012345").is_ok()); // 15
        assert!(PhoneNumber::new("+1234567890123456").is_err()); // 16
        assert!(PhoneNumber::new("15558675309").is_err());
        // Letters on a keypad, as libphonenumber (and so Attio) reads them.
        assert_eq!(
            PhoneNumber::new("+1555CALLNOW").unwrap().e164(),
            Some("+15552255669")
        );
        assert!(PhoneNumber::new("").is_err());
    }

    #[test]
    fn national() {
        let n = PhoneNumber::national("07700900123", "gb").unwrap();
        assert_eq!(n.country_code(), Some("GB"));
        assert_eq!(n.e164(), Some("+447700900123"));
        assert_eq!(
            n.encode(),
            json!({"original_phone_number": "07700900123", "country_code": "GB"})
        );
        assert!(PhoneNumber::national("07700900123", "GBR").is_err());
        assert!(PhoneNumber::national("call me", "GB").is_err());
    }

    #[test]
    fn decode_fallback_field() {
        let v = json!({"original_phone_number": "+15558675309", "country_code": "US", "normalized_phone_number": "+15558675309"});
        let p = <PhoneNumber as AttributeValue<kind::PhoneNumber>>::decode(&v).unwrap();
        assert_eq!(p.e164(), Some("+15558675309"));
        assert_eq!(p, PhoneNumber::new("+1 555 867 5309").unwrap());
        assert!(<PhoneNumber as AttributeValue<kind::PhoneNumber>>::decode(&json!({})).is_err());
    }
}
