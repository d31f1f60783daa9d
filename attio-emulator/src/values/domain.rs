//! Domains: URLs stripped to their host, with the registrable root domain
//! (`attio_schema::normalize`, shared with the runtime's `Domain`).

use attio_schema::normalize;
use serde_json::{json, Map, Value};

use super::form::{issue, unwrap_object_form, Issues};

/// A domain value with its `root_domain`.
pub(crate) fn domain_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let Value::String(s) = unwrap_object_form(raw, "domain")? else {
        return Err(issue(&["domain"], "Expected a string."));
    };
    let Ok(domain) = normalize::domain(s) else {
        return Err(issue(&["domain"], "Invalid domain."));
    };
    let mut out = Map::new();
    out.insert("root_domain".into(), json!(domain.root_domain));
    out.insert("domain".into(), json!(domain.domain));
    Ok(out)
}
