//! `GET /v2/emails` (alpha in Attio's API): the mailbox's emails, newest
//! first, with a cursor; each linked to the people whose email address
//! takes part and the companies whose domain does, as Attio links them.
//! Filters: a linked record (`linked_object` with `linked_record_ids`,
//! comma-separated), participants' addresses, a domain, a time window, and
//! `exclude_automated_participants` (which the emulator takes to mean
//! addresses such as `noreply@…`).

use axum::extract::{Query, State};
use serde_json::{json, Value};

use super::cursor;
use crate::errors::ApiError;
use crate::http::{flag, lock, timestamp_param, ApiResult, Params, Shared};
use crate::mailbox::Email;
use crate::store::Store;
use crate::time;

/// Local parts of addresses no person writes from.
const AUTOMATED: [&str; 5] = [
    "noreply",
    "no-reply",
    "donotreply",
    "notifications",
    "mailer-daemon",
];

fn domain(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

fn is_automated(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or_default();
    AUTOMATED.contains(&local)
}

/// The records of `object` holding one of `wanted` in the `field` of a
/// current value of `attribute`: `(object slug, object id, record id)`.
fn holders(
    store: &Store,
    object: &str,
    attribute: &str,
    field: &str,
    wanted: &[&str],
) -> Vec<(String, String, String)> {
    let Some(index) = store.object_index(object) else {
        return Vec::new();
    };
    let object = &store.objects[index];
    let Some(attribute) = object.attribute(attribute) else {
        return Vec::new();
    };
    let Some(records) = store.records.get(&object.id.object_id) else {
        return Vec::new();
    };
    records
        .ordered()
        .into_iter()
        .filter(|r| {
            r.values(&attribute.id.attribute_id).iter().any(|v| {
                crate::render::payload_fields(store, attribute, &v.payload)
                    .get(field)
                    .and_then(Value::as_str)
                    .is_some_and(|held| wanted.iter().any(|w| w.eq_ignore_ascii_case(held)))
            })
        })
        .map(|r| {
            (
                object.api_slug.clone(),
                object.id.object_id.clone(),
                r.id.clone(),
            )
        })
        .collect()
}

/// The people and companies an email is linked to.
fn linked(store: &Store, email: &Email) -> Vec<(String, String, String)> {
    let addresses: Vec<&str> = email.participants.iter().map(|p| p.1.as_str()).collect();
    let domains: Vec<&str> = addresses.iter().map(|a| domain(a)).collect();
    let mut out = holders(
        store,
        "people",
        "email_addresses",
        "email_address",
        &addresses,
    );
    out.extend(holders(store, "companies", "domains", "domain", &domains));
    out
}

fn render(store: &Store, email: &Email, links: &[(String, String, String)]) -> Value {
    let participants: Vec<Value> = email
        .participants
        .iter()
        .map(|(role, address, name)| {
            json!({"role": role, "email_address": address, "email_domain": domain(address),
                "name": name})
        })
        .collect();
    let linked: Vec<Value> = links
        .iter()
        .map(|(slug, object_id, record_id)| {
            json!({"object_slug": slug, "object_id": object_id, "record_id": record_id})
        })
        .collect();
    json!({
        "id": {"workspace_id": store.info.id, "mailbox_id": store.mail.mailbox_id,
            "email_id": email.id},
        "sent_at": time::format_timestamp(email.sent_at),
        "direction": if email.inbound { "inbound" } else { "outbound" },
        "subject_line": email.subject,
        "participants": participants,
        "linked_records": linked,
    })
}

fn list_param(params: &Params, name: &str) -> Vec<String> {
    params
        .get(name)
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `GET /v2/emails`.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, 25, 100)?;
    let records = list_param(&params, "linked_record_ids");
    let object = match (params.get("linked_object"), records.is_empty()) {
        (None, true) => None,
        (Some(object), false) => Some(
            store
                .object_index(object)
                .map(|i| store.objects[i].id.object_id.clone())
                .ok_or_else(|| {
                    ApiError::not_found(format!("Object with slug/ID \"{object}\" not found."))
                })?,
        ),
        _ => return Err(ApiError::bad_request(
            "validation_type",
            "Query parameters \"linked_object\" and \"linked_record_ids\" must be given together.",
        )),
    };
    let participants = list_param(&params, "participants");
    let wanted_domain = params.get("domain").map(|d| d.to_ascii_lowercase());
    let (after, before) = (
        timestamp_param(&params, "sent_after")?,
        timestamp_param(&params, "sent_before")?,
    );
    let human_only = flag(&params, "exclude_automated_participants")?;
    let mut emails: Vec<&Email> = store
        .mail
        .emails
        .iter()
        .filter(|e| after.is_none_or(|t| e.sent_at > t))
        .filter(|e| before.is_none_or(|t| e.sent_at < t))
        .filter(|e| {
            participants.is_empty() || e.participants.iter().any(|p| participants.contains(&p.1))
        })
        .filter(|e| {
            wanted_domain
                .as_deref()
                .is_none_or(|d| e.participants.iter().any(|p| domain(&p.1) == d))
        })
        .filter(|e| !human_only || !e.participants.iter().any(|p| is_automated(&p.1)))
        .collect();
    emails.sort_by_key(|e| std::cmp::Reverse(e.sent_at));
    let items = emails
        .into_iter()
        .filter_map(|e| {
            let links = linked(&store, e);
            let keep = object.as_ref().is_none_or(|o| {
                links
                    .iter()
                    .any(|(_, object_id, record)| object_id == o && records.contains(record))
            });
            keep.then(|| render(&store, e, &links))
        })
        .collect();
    Ok(cursor::respond(items, page))
}
