//! `POST /v2/sequences/unsubscribed_emails` (beta in Attio's API): email
//! addresses that sequences must no longer write to. Unsubscribing an
//! address twice keeps its first date; the answer lists every address of
//! the request with the date it was unsubscribed.

use axum::body::Bytes;
use axum::extract::State;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::http::{data, data_object, lock, parse_body, required, ApiResult, Shared};
use crate::time;

/// Whether `address` looks like an email address: a local part, `@`, and
/// a domain with a dot.
fn is_address(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !address.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// `POST /v2/sequences/unsubscribed_emails`.
pub(crate) async fn unsubscribe(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let data_in = data_object(&body)?;
    let items = required(data_in, "email_addresses")?
        .as_array()
        .ok_or_else(|| {
            ApiError::body_issue(
                vec![json!("data"), json!("email_addresses")],
                "Expected array.",
            )
        })?;
    let mut addresses = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str().filter(|a| is_address(a)) {
            Some(address) => addresses.push(address.to_ascii_lowercase()),
            None => {
                return Err(ApiError::body_issue(
                    vec![json!("data"), json!("email_addresses"), json!(i)],
                    "Expected an email address.",
                ))
            }
        }
    }
    let mut store = lock(&state);
    let now = time::now_string();
    let mut out: Vec<Value> = Vec::new();
    for address in addresses {
        let unsubscribed = &mut store.mail.unsubscribed;
        let created_at = match unsubscribed.iter().find(|(a, _)| *a == address) {
            Some((_, at)) => at.clone(),
            None => {
                unsubscribed.push((address.clone(), now.clone()));
                now.clone()
            }
        };
        let entry = json!({"email_address": address, "created_at": created_at});
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    Ok(data(Value::Array(out)))
}
