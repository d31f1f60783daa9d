//! `domain`: a web domain, normalised from whatever URL-ish text was given.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::Deserializer;
use serde_json::{json, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, optional_string, required_str, Scalar};
use crate::error::{DecodeError, ValueError};
use crate::kind;

/// A domain such as `app.acme.com`.
///
/// Construction normalises the input as Attio does (it stores domains, not
/// URLs): the scheme, credentials, port, path, query and fragment are
/// stripped, the host is lower-cased, and it must be a dotted host name.
/// Its registrable [`root_domain`](Self::root_domain) comes from the public
/// suffix list, as Attio's does.
/// Equality compares the domain alone, so a value written and read back is equal.
///
/// ```
/// use attio_runtime::value::Domain;
///
/// let domain = Domain::new("https://App.Acme.co.uk/pricing?ref=x")?;
/// assert_eq!(domain.as_str(), "app.acme.co.uk");
/// assert_eq!(domain.root_domain(), Some("acme.co.uk"));
/// assert!(Domain::new("localhost").is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Eq)]
pub struct Domain {
    domain: String,
    root_domain: Option<String>,
}

impl Domain {
    /// A domain from a host name or URL.
    pub fn new(input: &str) -> Result<Self, ValueError> {
        let normal = attio_schema::normalize::domain(input)
            .map_err(|reason| ValueError::new("domain", input, reason))?;
        Ok(Domain {
            domain: normal.domain,
            root_domain: Some(normal.root_domain),
        })
    }

    /// The normalised domain.
    pub fn as_str(&self) -> &str {
        &self.domain
    }

    /// The registrable domain (`acme.com` for `app.acme.com`, `acme.co.uk`
    /// for `shop.acme.co.uk`), from the public suffix list, as Attio computes
    /// it; `None` only on a value read from Attio without one.
    pub fn root_domain(&self) -> Option<&str> {
        self.root_domain.as_deref()
    }
}

impl PartialEq for Domain {
    fn eq(&self, other: &Self) -> bool {
        self.domain == other.domain
    }
}

impl Hash for Domain {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.domain.hash(state);
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.domain)
    }
}

impl FromStr for Domain {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Domain::new(s)
    }
}

impl TryFrom<&str> for Domain {
    type Error = ValueError;
    fn try_from(s: &str) -> Result<Self, ValueError> {
        Domain::new(s)
    }
}

/// Decodes `{"domain": "app.acme.com", "root_domain": "acme.com"}` as
/// Attio normalised it (not re-validated).
impl AttributeValue<kind::Domain> for Domain {
    fn encode(&self) -> Value {
        json!({ "domain": self.domain })
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<DomainKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            Ok(Domain {
                domain: required_str("domain", keys.domain)?.into_owned(),
                root_domain: optional_string("root_domain", keys.root_domain)?,
            })
        })())
    }
}

/// The keys of a domain output value.
#[derive(Default, serde::Deserialize)]
struct DomainKeys<'a> {
    #[serde(default, borrow)]
    domain: Scalar<'a>,
    #[serde(default, borrow)]
    root_domain: Scalar<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises() {
        let cases = [
            ("acme.com", "acme.com"),
            ("  ACME.com ", "acme.com"),
            ("https://www.acme.com/", "www.acme.com"),
            ("http://user:pw@app.acme.com:8080/a/b?c=d#e", "app.acme.com"),
            ("acme.com/pricing", "acme.com"),
            ("acme.com?x=1", "acme.com"),
            ("acme.com.", "acme.com"),
            ("//cdn.acme.io/x", "cdn.acme.io"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Domain::new(input).map(|d| d.domain),
                Ok(expected.to_owned()),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects() {
        for input in [
            "",
            "acme",
            "https://",
            "acme .com",
            "ac_me.com",
            "acme.123",
            "http://localhost:3000",
        ] {
            let err = Domain::new(input).unwrap_err();
            assert_eq!(err.kind, "domain", "{input}");
        }
    }

    #[test]
    fn json() {
        let v = json!({"domain": "app.acme.com", "root_domain": "acme.com", "attribute_type": "domain"});
        let d = <Domain as AttributeValue<kind::Domain>>::decode(&v).unwrap();
        assert_eq!(d.root_domain(), Some("acme.com"));
        assert_eq!(d, Domain::new("app.acme.com").unwrap());
        assert_eq!(d.encode(), json!({"domain": "app.acme.com"}));
    }
}
