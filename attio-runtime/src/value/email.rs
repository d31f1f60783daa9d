//! `email-address`: a strictly validated address.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::Deserializer;
use serde_json::{json, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, optional_string, required_str, Scalar};
use crate::error::{DecodeError, ValueError};
use crate::kind;
use attio_schema::normalize::check_host;

/// Top-level domains reserved by RFC 2606/6761, which Attio rejects.
const RESERVED_TLDS: &[&str] = &["example", "invalid", "localhost", "test"];

/// Characters allowed in an unquoted local part (RFC 5322 `atext`).
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// An email address.
///
/// Construction validates strictly, as Attio does: a dot-atom local part,
/// a dotted domain with a real top-level domain (the reserved `.test`,
/// `.example`, `.invalid` and `.localhost` are rejected), and at most 254
/// characters. The address as given is kept (Attio's
/// `original_email_address`) and sent on writes; [`as_str`](Self::as_str)
/// is the lower-cased form Attio compares, and equality uses it.
///
/// ```
/// use attio_runtime::value::EmailAddress;
///
/// let email = EmailAddress::new("Ada@Acme.com")?;
/// assert_eq!(email.as_str(), "ada@acme.com");
/// assert_eq!(email.original(), "Ada@Acme.com");
/// assert!(EmailAddress::new("ada@acme").is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Eq)]
pub struct EmailAddress {
    original: String,
    normalized: String,
    domain: String,
    root_domain: Option<String>,
    local_specifier: Option<String>,
}

impl EmailAddress {
    /// An email address, validated.
    pub fn new(input: &str) -> Result<Self, ValueError> {
        let original = input.trim();
        let err = |reason: String| ValueError::new("email-address", input, reason);
        if original.len() > 254 {
            return Err(err("an email address has at most 254 characters".into()));
        }
        let (local, domain) = original
            .rsplit_once('@')
            .ok_or_else(|| err("expected an address like `ada@acme.com` (no `@` found)".into()))?;
        if local.is_empty() || local.len() > 64 {
            return Err(err(
                "the part before `@` must have 1 to 64 characters".into()
            ));
        }
        if !local.bytes().all(|b| is_atext(b) || b == b'.') {
            return Err(err(
                "the part before `@` may contain only letters, digits, dots and !#$%&'*+/=?^_`{|}~-"
                    .into(),
            ));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(err(
                "the part before `@` cannot start or end with a dot or have two dots in a row"
                    .into(),
            ));
        }
        let domain = domain.to_ascii_lowercase();
        check_host(&domain).map_err(|reason| err(format!("bad domain: {reason}")))?;
        // check_host guarantees at least two labels.
        let tld = domain.rsplit('.').next().unwrap_or_default();
        if RESERVED_TLDS.contains(&tld) {
            return Err(err(format!(
                "`.{tld}` is a reserved top-level domain, which Attio rejects; use a real domain"
            )));
        }
        Ok(EmailAddress {
            normalized: format!("{}@{domain}", local.to_lowercase()),
            local_specifier: Some(local.to_lowercase()),
            original: original.to_owned(),
            domain,
            root_domain: None,
        })
    }

    /// The normalised (lower-cased) address.
    pub fn as_str(&self) -> &str {
        &self.normalized
    }

    /// The address as originally given.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The domain part (`acme.com`).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The registrable domain as Attio computed it; `None` on values built locally.
    pub fn root_domain(&self) -> Option<&str> {
        self.root_domain.as_deref()
    }

    /// The local part as Attio reports it (`email_local_specifier`); on
    /// values built locally, the lower-cased part before `@`.
    pub fn local_specifier(&self) -> Option<&str> {
        self.local_specifier.as_deref()
    }
}

impl PartialEq for EmailAddress {
    fn eq(&self, other: &Self) -> bool {
        self.normalized == other.normalized
    }
}

impl Hash for EmailAddress {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.normalized.hash(state);
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl FromStr for EmailAddress {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        EmailAddress::new(s)
    }
}

impl TryFrom<&str> for EmailAddress {
    type Error = ValueError;
    fn try_from(s: &str) -> Result<Self, ValueError> {
        EmailAddress::new(s)
    }
}

/// Decodes Attio's five fields as returned (not re-validated: Attio
/// accepted the address). A missing `original_email_address` falls back to
/// `email_address`.
impl AttributeValue<kind::EmailAddress> for EmailAddress {
    fn encode(&self) -> Value {
        json!({ "email_address": self.original })
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<EmailKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let normalized = required_str("email_address", keys.email_address)?.into_owned();
            let original = optional_string("original_email_address", keys.original_email_address)?
                .unwrap_or_else(|| normalized.clone());
            let domain = match optional_string("email_domain", keys.email_domain)? {
                Some(d) => d,
                None => normalized
                    .rsplit_once('@')
                    .map(|(_, d)| d.to_owned())
                    .unwrap_or_default(),
            };
            Ok(EmailAddress {
                original,
                normalized,
                domain,
                root_domain: optional_string("email_root_domain", keys.email_root_domain)?,
                local_specifier: optional_string(
                    "email_local_specifier",
                    keys.email_local_specifier,
                )?,
            })
        })())
    }
}

/// The keys of an email-address output value.
#[derive(Default, serde::Deserialize)]
struct EmailKeys<'a> {
    #[serde(default, borrow)]
    email_address: Scalar<'a>,
    #[serde(default, borrow)]
    original_email_address: Scalar<'a>,
    #[serde(default, borrow)]
    email_domain: Scalar<'a>,
    #[serde(default, borrow)]
    email_root_domain: Scalar<'a>,
    #[serde(default, borrow)]
    email_local_specifier: Scalar<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for input in [
            "ada@acme.com",
            "ada.lovelace+crm@mail.acme.co.uk",
            "o'brien@acme.ie",
            " x@y.io ",
        ] {
            assert!(EmailAddress::new(input).is_ok(), "{input}");
        }
    }

    #[test]
    fn invalid() {
        let cases = [
            "",
            "ada",
            "@acme.com",
            "ada@",
            "ada@acme",
            "ada@@acme.com",
            "ada lovelace@acme.com",
            ".ada@acme.com",
            "ada.@acme.com",
            "a..da@acme.com",
            "ada@acme..com",
            "ada@-acme.com",
            "ada@acme.c0m",
            "ada@acme.test",
            "ada@acme.EXAMPLE",
            "ada@foo.invalid",
            "ada@host.localhost",
        ];
        for input in cases {
            let err = EmailAddress::new(input).unwrap_err();
            assert_eq!(err.kind, "email-address", "{input}");
        }
        let err = EmailAddress::new("ada@acme.test").unwrap_err();
        assert!(err.reason.contains("reserved"), "{err}");
        let long = format!("{}@acme.com", "a".repeat(65));
        assert!(EmailAddress::new(&long).is_err());
    }

    #[test]
    fn normalises_and_compares() {
        let a = EmailAddress::new("Ada@ACME.com").unwrap();
        assert_eq!(a.as_str(), "ada@acme.com");
        assert_eq!(a.domain(), "acme.com");
        assert_eq!(a, EmailAddress::new("ada@acme.com").unwrap());
        assert_eq!(a.encode(), json!({"email_address": "Ada@ACME.com"}));
    }
}
