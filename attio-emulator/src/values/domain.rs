//! Domains: URLs stripped to their host, with the registrable root domain.

use serde_json::{json, Map, Value};

use super::form::{issue, unwrap_object_form, Issues};

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
pub(crate) fn normalize_host(host: &str) -> Option<String> {
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

/// A domain value with its `root_domain`.
pub(crate) fn domain_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
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
