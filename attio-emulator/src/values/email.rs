//! Email addresses: validated strictly, lower-cased and split into the
//! parts Attio returns.

use serde_json::{json, Map, Value};

use super::form::{issue, unwrap_object_form, Issues};
use attio_schema::normalize;

/// Top-level domains reserved by RFC 2606 / RFC 6761, which Attio refuses in emails.
const RESERVED_TLDS: [&str; 5] = ["test", "example", "invalid", "localhost", "local"];

/// The normalised parts of a valid email address.
#[derive(Debug, PartialEq)]
pub(crate) struct Email {
    /// Lower-cased address.
    pub address: String,
    /// Part before the `@`.
    pub local: String,
    /// Host part.
    pub domain: String,
    /// Registrable domain of the host.
    pub root_domain: String,
}

/// Validates an email address strictly (Attio rejects reserved TLDs such as
/// `.test`) and splits it into the parts Attio returns.
pub(crate) fn parse_email(input: &str) -> Option<Email> {
    let address = input.trim().to_lowercase();
    let (local, host) = address.split_once('@')?;
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    // The host as written must already be a plain host name (no URL parts).
    let normal = normalize::domain(host).ok().filter(|d| d.domain == host)?;
    let tld = normal.domain.rsplit('.').next().unwrap_or_default();
    if !local_ok || RESERVED_TLDS.contains(&tld) {
        return None;
    }
    Some(Email {
        local: local.to_owned(),
        root_domain: normal.root_domain,
        domain: normal.domain,
        address: address.clone(),
    })
}

/// An email-address value with its domain parts.
pub(crate) fn email_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let Value::String(s) = unwrap_object_form(raw, "email_address")? else {
        return Err(issue(&["email_address"], "Expected a string."));
    };
    let Some(email) = parse_email(s) else {
        return Err(issue(&["email_address"], "Invalid email address."));
    };
    let mut out = Map::new();
    out.insert("original_email_address".into(), json!(s));
    out.insert("email_address".into(), json!(email.address));
    out.insert("email_domain".into(), json!(email.domain));
    out.insert("email_root_domain".into(), json!(email.root_domain));
    out.insert("email_local_specifier".into(), json!(email.local));
    Ok(out)
}
