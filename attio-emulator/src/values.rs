//! Attribute values: the stored form, and validation plus normalisation of
//! written values for the types that need no other data than the value itself
//! (text, numbers, dates, emails, domains, phones, names, locations …).
//!
//! Types whose values point at something else (select options, statuses,
//! records, workspace members) are resolved against the store in `write.rs`.

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use attio_schema::{Attribute, AttributeType};

use crate::errors::ValidationIssue;
use crate::time;

/// One value of an attribute as the store keeps it: what Attio returns for
/// the value minus the per-value metadata (`active_from`, `active_until`,
/// `created_by_actor`, `attribute_type`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Payload {
    /// The value's own fields, rendered as they are (`{"value": "Acme"}`,
    /// `{"email_address": …, "email_domain": …}` …).
    Fields(Map<String, Value>),
    /// A select option, by option id; rendered with the option's current
    /// title, so renaming an option shows on existing values as in Attio.
    Option(String),
    /// A status, by status id; rendered like options.
    Status(String),
    /// A record reference, by ids; the object slug is rendered at read time.
    RecordRef {
        /// Target object UUID.
        object_id: String,
        /// Target record UUID.
        record_id: String,
    },
}

impl Payload {
    /// The string two values of one attribute are compared by: for
    /// uniqueness, assert matching and multiselect de-duplication. Borrowed
    /// where possible, because writes compare it against every record.
    pub(crate) fn match_key(&self) -> Cow<'_, str> {
        match self {
            Payload::Fields(fields) => {
                // The main (normalised) property of each type; emails are
                // already lower-cased, so this compares them case-insensitively.
                for key in [
                    "email_address",
                    "domain",
                    "phone_number",
                    "currency_value",
                    "value",
                ] {
                    if let Some(v) = fields.get(key) {
                        return canonical_scalar(v);
                    }
                }
                Cow::Owned(Value::Object(fields.clone()).to_string())
            }
            Payload::Option(id) | Payload::Status(id) => Cow::Borrowed(id),
            Payload::RecordRef {
                object_id,
                record_id,
            } => Cow::Owned(format!("{object_id}/{record_id}")),
        }
    }
}

/// Numbers compare by value (so `1` and `1.0` are the same), everything else
/// by its JSON text.
fn canonical_scalar(v: &Value) -> Cow<'_, str> {
    match v {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => Cow::Owned(n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string())),
        other => Cow::Owned(other.to_string()),
    }
}

type Issues = Vec<ValidationIssue>;

fn issue(path: &[&str], message: impl Into<String>) -> Issues {
    vec![ValidationIssue::new(
        "invalid_type",
        path.iter().map(|p| json!(p)).collect(),
        message,
    )]
}

/// If `raw` is an object holding `key`, that member; else `raw` itself (the
/// shorthand form). Other keys in the object form are rejected.
fn unwrap_object_form<'a>(raw: &'a Value, key: &str) -> Result<&'a Value, Issues> {
    match raw {
        Value::Object(map) => {
            let Some(inner) = map.get(key) else {
                return Err(issue(&[key], format!("Required: \"{key}\".")));
            };
            Ok(inner)
        }
        other => Ok(other),
    }
}

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

fn single(key: &str, value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    map
}

fn text(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => Ok(single("value", json!(s))),
        _ => Err(issue(&["value"], "Expected a string.")),
    }
}

/// A finite number with at most four decimal places, from a number or a numeric string.
fn parse_number(v: &Value) -> Option<f64> {
    let (f, text) = match v {
        Value::Number(n) => (n.as_f64()?, n.to_string()),
        Value::String(s) => (s.trim().parse::<f64>().ok()?, s.trim().to_owned()),
        _ => return None,
    };
    if !f.is_finite() {
        return None;
    }
    let decimals = text
        .split_once('.')
        .map_or(0, |(_, frac)| frac.trim_end_matches('0').len());
    (decimals <= 4 && !text.contains(['e', 'E'])).then_some(f)
}

fn number_json(f: f64) -> Value {
    // Integral values are emitted as integers, as Attio does (`42`, not `42.0`).
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}

fn number(raw: &Value, key: &str) -> Result<Map<String, Value>, Issues> {
    let inner = unwrap_object_form(raw, key)?;
    match parse_number(inner) {
        Some(f) => Ok(single(key, number_json(f))),
        None => Err(issue(
            &[key],
            "Expected a number with at most 4 decimal places.",
        )),
    }
}

fn checkbox(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::Bool(b) => Ok(single("value", json!(b))),
        Value::String(s) if s == "true" => Ok(single("value", json!(true))),
        Value::String(s) if s == "false" => Ok(single("value", json!(false))),
        _ => Err(issue(&["value"], "Expected a boolean.")),
    }
}

fn currency(raw: &Value, attr: &Attribute) -> Result<Map<String, Value>, Issues> {
    let configured = attr.config.currency.default_currency_code.clone();
    if let Value::Object(map) = raw {
        // `currency_code` is inherited from the attribute; only a code that
        // agrees with it is tolerated in the written value.
        if let Some(code) = map.get("currency_code") {
            if !code.is_null() && code.as_str() != configured.as_deref() {
                return Err(issue(
                    &["currency_code"],
                    "The currency code is set by the attribute and cannot be written.",
                ));
            }
        }
    }
    let mut fields = number(raw, "currency_value")?;
    fields.insert("currency_code".into(), json!(configured));
    Ok(fields)
}

fn date(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => match time::parse_date(s) {
            Some(d) => Ok(single("value", json!(d.format("%Y-%m-%d").to_string()))),
            None => Err(issue(&["value"], "Expected an ISO 8601 date.")),
        },
        _ => Err(issue(&["value"], "Expected an ISO 8601 date string.")),
    }
}

fn timestamp(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")? {
        Value::String(s) => match time::parse_timestamp(s) {
            Some(at) => Ok(single("value", json!(time::format_timestamp(at)))),
            None => Err(issue(&["value"], "Expected an ISO 8601 timestamp.")),
        },
        _ => Err(issue(&["value"], "Expected an ISO 8601 timestamp string.")),
    }
}

fn rating(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match unwrap_object_form(raw, "value")?.as_u64() {
        Some(n) if n <= 5 => Ok(single("value", json!(n))),
        _ => Err(issue(&["value"], "Expected an integer from 0 to 5.")),
    }
}

/// The ten keys of a location, in Attio's order.
pub(crate) const LOCATION_KEYS: [&str; 10] = [
    "line_1",
    "line_2",
    "line_3",
    "line_4",
    "locality",
    "region",
    "postcode",
    "country_code",
    "latitude",
    "longitude",
];

fn location(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let map = match raw {
        Value::String(s) => parse_address(s),
        Value::Object(map) => map.clone(),
        _ => {
            return Err(issue(
                &[],
                "Expected a location object or an address string.",
            ))
        }
    };
    let mut issues = Vec::new();
    let mut out = Map::new();
    for key in LOCATION_KEYS {
        match map.get(key) {
            None => issues.extend(issue(&[key], format!("Required: \"{key}\"."))),
            Some(Value::Null) => {
                out.insert(key.into(), Value::Null);
            }
            Some(Value::String(s)) => {
                let valid = match key {
                    "latitude" => coordinate_in_range(s, 90.0),
                    "longitude" => coordinate_in_range(s, 180.0),
                    "country_code" => s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()),
                    _ => true,
                };
                if !valid {
                    issues.extend(issue(&[key], format!("Invalid \"{key}\".")));
                }
                let s = if key == "country_code" {
                    s.to_ascii_uppercase()
                } else {
                    s.clone()
                };
                out.insert(key.into(), json!(s));
            }
            Some(_) => issues.extend(issue(&[key], "Expected a string or null.")),
        }
    }
    for key in map.keys() {
        if !LOCATION_KEYS.contains(&key.as_str()) {
            issues.extend(issue(&[key], format!("Unrecognized key \"{key}\".")));
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// A decimal coordinate string within ±`limit` (Attio's latitude/longitude patterns).
fn coordinate_in_range(s: &str, limit: f64) -> bool {
    let digits = s.trim_start_matches(['+', '-']);
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    well_formed && s.parse::<f64>().is_ok_and(|f| f.abs() <= limit)
}

/// Splits a free-form address the way a user usually writes it:
/// `line 1, locality, region, postcode, country code`, reading from the end.
fn parse_address(s: &str) -> Map<String, Value> {
    let mut parts: Vec<String> = s
        .split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Map::new();
    for key in LOCATION_KEYS {
        out.insert(key.into(), Value::Null);
    }
    if parts
        .last()
        .is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        && parts.len() > 1
    {
        out.insert(
            "country_code".into(),
            json!(parts.pop().map(|p| p.to_ascii_uppercase())),
        );
    }
    if parts
        .last()
        .is_some_and(|p| p.bytes().any(|b| b.is_ascii_digit()) && p.len() <= 10)
        && parts.len() > 1
    {
        out.insert("postcode".into(), json!(parts.pop()));
    }
    if parts.len() >= 3 {
        out.insert("region".into(), json!(parts.pop()));
    }
    if parts.len() >= 2 {
        out.insert("locality".into(), json!(parts.pop()));
    }
    if !parts.is_empty() {
        out.insert("line_1".into(), json!(parts.join(", ")));
    }
    out
}

/// Top-level domains reserved by RFC 2606 / RFC 6761, which Attio refuses in emails.
const RESERVED_TLDS: [&str; 5] = ["test", "example", "invalid", "localhost", "local"];

/// Public suffixes of more than one label that are common enough to matter
/// for `root_domain`; a full Public Suffix List is deliberately not bundled.
const MULTI_LABEL_SUFFIXES: [&str; 24] = [
    "co.uk",
    "org.uk",
    "ac.uk",
    "gov.uk",
    "me.uk",
    "ltd.uk",
    "plc.uk",
    "com.au",
    "net.au",
    "org.au",
    "co.nz",
    "org.nz",
    "co.jp",
    "ne.jp",
    "or.jp",
    "com.br",
    "com.cn",
    "com.mx",
    "co.in",
    "co.za",
    "com.sg",
    "com.tr",
    "co.kr",
    "github.io",
];

/// Validates a host name and lower-cases it.
fn normalize_host(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
    (labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok).then_some(host)
}

/// The registrable domain of a normalised host (`app.acme.co.uk` → `acme.co.uk`).
pub(crate) fn root_domain(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    let keep = if labels.len() >= 3
        && MULTI_LABEL_SUFFIXES.contains(&labels[labels.len() - 2..].join(".").as_str())
    {
        3
    } else {
        2
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// Strips a URL down to its host: scheme, credentials, port, path, query and
/// fragment go, because Attio stores domains, not URLs.
pub(crate) fn normalize_domain(input: &str) -> Option<String> {
    let mut rest = input.trim();
    if let Some((_, after)) = rest.split_once("://") {
        rest = after;
    }
    let rest = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let rest = rest.rsplit('@').next().unwrap_or_default();
    let rest = rest.split(':').next().unwrap_or_default();
    normalize_host(rest)
}

fn domain_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let Value::String(s) = unwrap_object_form(raw, "domain")? else {
        return Err(issue(&["domain"], "Expected a string."));
    };
    let Some(domain) = normalize_domain(s) else {
        return Err(issue(&["domain"], "Invalid domain."));
    };
    let mut out = Map::new();
    out.insert("root_domain".into(), json!(root_domain(&domain)));
    out.insert("domain".into(), json!(domain));
    Ok(out)
}

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
    let domain = normalize_host(host).filter(|d| d == host)?;
    let tld = domain.rsplit('.').next().unwrap_or_default();
    if !local_ok || RESERVED_TLDS.contains(&tld) {
        return None;
    }
    Some(Email {
        local: local.to_owned(),
        root_domain: root_domain(&domain),
        domain,
        address: address.clone(),
    })
}

fn email_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
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

/// Calling codes and the ISO country each is reported as. Not a numbering
/// plan: numbers are checked for E.164 shape and a known calling code only.
const CALLING_CODES: [(&str, &str); 58] = [
    ("1", "US"),
    ("7", "RU"),
    ("20", "EG"),
    ("27", "ZA"),
    ("30", "GR"),
    ("31", "NL"),
    ("32", "BE"),
    ("33", "FR"),
    ("34", "ES"),
    ("36", "HU"),
    ("39", "IT"),
    ("40", "RO"),
    ("41", "CH"),
    ("43", "AT"),
    ("44", "GB"),
    ("45", "DK"),
    ("46", "SE"),
    ("47", "NO"),
    ("48", "PL"),
    ("49", "DE"),
    ("51", "PE"),
    ("52", "MX"),
    ("54", "AR"),
    ("55", "BR"),
    ("56", "CL"),
    ("57", "CO"),
    ("60", "MY"),
    ("61", "AU"),
    ("62", "ID"),
    ("63", "PH"),
    ("64", "NZ"),
    ("65", "SG"),
    ("66", "TH"),
    ("81", "JP"),
    ("82", "KR"),
    ("84", "VN"),
    ("86", "CN"),
    ("90", "TR"),
    ("91", "IN"),
    ("92", "PK"),
    ("234", "NG"),
    ("254", "KE"),
    ("351", "PT"),
    ("352", "LU"),
    ("353", "IE"),
    ("354", "IS"),
    ("358", "FI"),
    ("372", "EE"),
    ("380", "UA"),
    ("420", "CZ"),
    ("421", "SK"),
    ("852", "HK"),
    ("886", "TW"),
    ("966", "SA"),
    ("971", "AE"),
    ("972", "IL"),
    ("1", "CA"),
    ("7", "KZ"),
];

/// A phone number normalised to E.164.
#[derive(Debug, PartialEq)]
pub(crate) struct Phone {
    /// `+15558675309`.
    pub e164: String,
    /// ISO 3166 alpha-2 of the calling code (or the one given).
    pub country_code: String,
}

/// Normalises a phone number. Without a `+` prefix, `country` must name the
/// country whose national format the number is in (leading trunk `0` dropped).
pub(crate) fn parse_phone(input: &str, country: Option<&str>) -> Option<Phone> {
    let trimmed = input.trim();
    let international = trimmed.starts_with('+');
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return None,
        }
    }
    let (calling, national) = if international {
        let (code, country_code) = CALLING_CODES
            .iter()
            .filter(|(code, _)| digits.starts_with(code))
            .find(|(_, iso)| country.map_or(true, |c| c.eq_ignore_ascii_case(iso)))
            .or_else(|| {
                CALLING_CODES
                    .iter()
                    .find(|(code, _)| digits.starts_with(code))
            })?;
        let national = digits[code.len()..].to_owned();
        let country = country.map_or((*country_code).to_owned(), str::to_ascii_uppercase);
        ((code.to_string(), country), national)
    } else {
        let country = country?.to_ascii_uppercase();
        let (code, _) = CALLING_CODES.iter().find(|(_, iso)| *iso == country)?;
        let national = digits.strip_prefix('0').unwrap_or(&digits).to_owned();
        ((code.to_string(), country), national)
    };
    let (code, country_code) = calling;
    let national_ok = if code == "1" {
        national.len() == 10 && !national.starts_with(['0', '1'])
    } else {
        (6..=12).contains(&national.len()) && !national.starts_with('0')
    };
    national_ok.then(|| Phone {
        e164: format!("+{code}{national}"),
        country_code,
    })
}

fn phone_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let (original, country) = match raw {
        Value::String(s) => (s.clone(), None),
        Value::Object(map) => {
            let Some(Value::String(original)) = map.get("original_phone_number") else {
                return Err(issue(&["original_phone_number"], "Expected a string."));
            };
            let country = match map.get("country_code") {
                None | Some(Value::Null) => None,
                Some(Value::String(c)) => Some(c.clone()),
                Some(_) => return Err(issue(&["country_code"], "Expected a string or null.")),
            };
            (original.clone(), country)
        }
        _ => return Err(issue(&[], "Expected a phone number string or object.")),
    };
    let Some(phone) = parse_phone(&original, country.as_deref()) else {
        return Err(issue(&["original_phone_number"], "Invalid phone number."));
    };
    let mut out = Map::new();
    out.insert("original_phone_number".into(), json!(original));
    out.insert("country_code".into(), json!(phone.country_code));
    out.insert("phone_number".into(), json!(phone.e164));
    Ok(out)
}

fn personal_name(raw: &Value) -> Result<Map<String, Value>, Issues> {
    match raw {
        Value::String(s) => {
            // "Last, First"; without a comma the whole string is the first name.
            let (first, last) = match s.split_once(',') {
                Some((last, first)) => (first.trim().to_owned(), last.trim().to_owned()),
                None => (s.trim().to_owned(), String::new()),
            };
            let full = [first.as_str(), last.as_str()]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let mut out = Map::new();
            out.insert("first_name".into(), json!(first));
            out.insert("last_name".into(), json!(last));
            out.insert("full_name".into(), json!(full));
            Ok(out)
        }
        Value::Object(map) => {
            let mut issues = Vec::new();
            let mut out = Map::new();
            for key in ["first_name", "last_name", "full_name"] {
                match map.get(key) {
                    Some(Value::String(s)) => {
                        out.insert(key.into(), json!(s));
                    }
                    Some(_) => issues.extend(issue(&[key], "Expected a string.")),
                    None => issues.extend(issue(&[key], "Required")),
                }
            }
            if issues.is_empty() {
                Ok(out)
            } else {
                Err(issues)
            }
        }
        _ => Err(issue(&[], "Expected a personal-name object or string.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(t: &str) -> Attribute {
        serde_json::from_value(json!({
            "id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
            "title": "T", "api_slug": "t", "type": t,
            "config": {"currency": {"default_currency_code": "EUR"}}
        }))
        .unwrap()
    }

    fn norm(t: &str, raw: Value) -> Result<Map<String, Value>, Issues> {
        match normalize_plain(&attr(t), &raw).unwrap() {
            Ok(Payload::Fields(f)) => Ok(f),
            Ok(other) => panic!("unexpected payload {other:?}"),
            Err(e) => Err(e),
        }
    }

    #[test]
    fn emails_are_lower_cased_and_split() {
        let f = norm("email-address", json!("Ada.Lovelace@Mail.Acme.co.uk")).unwrap();
        assert_eq!(f["original_email_address"], "Ada.Lovelace@Mail.Acme.co.uk");
        assert_eq!(f["email_address"], "ada.lovelace@mail.acme.co.uk");
        assert_eq!(f["email_domain"], "mail.acme.co.uk");
        assert_eq!(f["email_root_domain"], "acme.co.uk");
        assert_eq!(f["email_local_specifier"], "ada.lovelace");
        assert!(norm("email-address", json!({"email_address": "ada@acme.com"})).is_ok());
    }

    #[test]
    fn bad_and_reserved_emails_are_rejected() {
        for bad in [
            "ada",
            "ada@",
            "@acme.com",
            "ada@acme",
            "ada@acme.test",
            "a..b@acme.com",
            "ada@-x.com",
        ] {
            assert!(norm("email-address", json!(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn domains_are_stripped_to_the_host() {
        let f = norm("domain", json!("https://App.Acme.com:8080/path?q=1")).unwrap();
        assert_eq!(f["domain"], "app.acme.com");
        assert_eq!(f["root_domain"], "acme.com");
        let f = norm("domain", json!({"domain": "shop.example.co.uk"})).unwrap();
        assert_eq!(f["root_domain"], "example.co.uk");
        assert!(norm("domain", json!("not a domain")).is_err());
    }

    #[test]
    fn phones_become_e164_with_a_country() {
        let f = norm("phone-number", json!("+1 (555) 867-5309")).unwrap();
        assert_eq!(f["phone_number"], "+15558675309");
        assert_eq!(f["country_code"], "US");
        let f = norm(
            "phone-number",
            json!({"original_phone_number": "07700 900123", "country_code": "GB"}),
        )
        .unwrap();
        assert_eq!(f["phone_number"], "+447700900123");
        assert_eq!(f["original_phone_number"], "07700 900123");
        assert!(norm("phone-number", json!("5558675309")).is_err());
        assert!(norm("phone-number", json!("+1555")).is_err());
        assert!(norm("phone-number", json!("+1 555 867 530x")).is_err());
    }

    #[test]
    fn ratings_are_integers_from_zero_to_five() {
        assert_eq!(norm("rating", json!(5)).unwrap()["value"], 5);
        assert!(norm("rating", json!(6)).is_err());
        assert!(norm("rating", json!(2.5)).is_err());
        assert!(norm("rating", json!(-1)).is_err());
    }

    #[test]
    fn numbers_accept_numeric_strings_and_limit_decimals() {
        assert_eq!(norm("number", json!("42")).unwrap()["value"], 42);
        assert_eq!(norm("number", json!(3.25)).unwrap()["value"], 3.25);
        assert!(norm("number", json!(1.23456)).is_err());
        assert!(norm("number", json!("x")).is_err());
    }

    #[test]
    fn currency_takes_its_code_from_config() {
        let f = norm("currency", json!("4.99")).unwrap();
        assert_eq!(f["currency_value"], 4.99);
        assert_eq!(f["currency_code"], "EUR");
        assert!(norm(
            "currency",
            json!({"currency_value": 1, "currency_code": "USD"})
        )
        .is_err());
    }

    #[test]
    fn checkboxes_accept_boolean_strings() {
        assert_eq!(norm("checkbox", json!("true")).unwrap()["value"], true);
        assert_eq!(
            norm("checkbox", json!({"value": false})).unwrap()["value"],
            false
        );
        assert!(norm("checkbox", json!("yes")).is_err());
    }

    #[test]
    fn dates_and_timestamps_are_normalised() {
        assert_eq!(norm("date", json!("2023")).unwrap()["value"], "2023-01-01");
        assert_eq!(
            norm("timestamp", json!({"value": "2023-01-02T12:00:00+01:00"})).unwrap()["value"],
            "2023-01-02T11:00:00.000000000Z"
        );
        assert!(norm("date", json!("02/01/2023")).is_err());
    }

    #[test]
    fn personal_names_need_all_three_parts() {
        let f = norm("personal-name", json!("Lovelace, Ada")).unwrap();
        assert_eq!(f["first_name"], "Ada");
        assert_eq!(f["last_name"], "Lovelace");
        assert_eq!(f["full_name"], "Ada Lovelace");
        let issues = norm("personal-name", json!({"first_name": "Ada"})).unwrap_err();
        let paths: Vec<_> = issues.iter().map(|i| i.path.clone()).collect();
        assert_eq!(
            paths,
            vec![vec![json!("last_name")], vec![json!("full_name")]]
        );
    }

    #[test]
    fn locations_need_all_ten_keys_and_valid_coordinates() {
        let mut full: Map<String, Value> = LOCATION_KEYS
            .iter()
            .map(|k| ((*k).into(), Value::Null))
            .collect();
        full.insert("latitude".into(), json!("51.5"));
        full.insert("longitude".into(), json!("-0.12"));
        assert!(norm("location", Value::Object(full.clone())).is_ok());
        full.insert("latitude".into(), json!("91"));
        assert!(norm("location", Value::Object(full.clone())).is_err());
        full.remove("line_4");
        full.insert("latitude".into(), json!("1"));
        assert!(norm("location", Value::Object(full)).is_err());
        let f = norm("location", json!("1 Main St, Springfield, IL, 62701, US")).unwrap();
        assert_eq!(f["line_1"], "1 Main St");
        assert_eq!(f["locality"], "Springfield");
        assert_eq!(f["region"], "IL");
        assert_eq!(f["postcode"], "62701");
        assert_eq!(f["country_code"], "US");
    }

    #[test]
    fn match_keys_compare_normalised_values() {
        let a = normalize_plain(&attr("email-address"), &json!("ADA@acme.com"))
            .unwrap()
            .unwrap();
        let b = normalize_plain(&attr("email-address"), &json!("ada@ACME.com"))
            .unwrap()
            .unwrap();
        assert_eq!(a.match_key(), b.match_key());
        let x = normalize_plain(&attr("number"), &json!(1))
            .unwrap()
            .unwrap();
        let y = normalize_plain(&attr("number"), &json!("1.0"))
            .unwrap()
            .unwrap();
        assert_eq!(x.match_key(), y.match_key());
    }
}
