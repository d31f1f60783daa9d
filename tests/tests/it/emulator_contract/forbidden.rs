//! The 403 part of the contract run.

use reqwest::Method;
use serde_json::json;

use super::contract::{Contract, MISSING};

/// 403 `unauthorized`: each write the current document answers so when
/// the key lacks the scope, sent with a key that may only read.
pub(crate) async fn exercise(c: &mut Contract, person_id: &str, entry_id: &str) {
    let values = json!({"data": {"values": {"job_title": "x"}}});
    let entry = json!({"data": {"parent_record_id": person_id, "parent_object": "people", "entry_values": {}}});
    let record = format!("/v2/objects/people/records/{person_id}");
    let entry_path = format!("/v2/lists/enterprise_pipeline/entries/{entry_id}");
    let calls = [
        (
            Method::POST,
            "/v2/objects".to_owned(),
            json!({"data": {"api_slug": "boats", "singular_noun": "Boat", "plural_noun": "Boats"}}),
        ),
        (
            Method::PATCH,
            "/v2/objects/people".to_owned(),
            json!({"data": {"plural_noun": "Folks"}}),
        ),
        (
            Method::POST,
            "/v2/objects/people/attributes".to_owned(),
            json!({"data": {"title": "Tier"}}),
        ),
        (
            Method::PATCH,
            "/v2/objects/people/attributes/job_title".to_owned(),
            json!({"data": {"title": "Role"}}),
        ),
        (
            Method::POST,
            "/v2/objects/people/records".to_owned(),
            values.clone(),
        ),
        (
            Method::PUT,
            "/v2/objects/people/records?matching_attribute=email_addresses".to_owned(),
            values.clone(),
        ),
        (Method::PATCH, record.clone(), values.clone()),
        (Method::PUT, record.clone(), values),
        (Method::DELETE, record, json!(null)),
        (
            Method::POST,
            "/v2/lists/enterprise_pipeline/entries".to_owned(),
            entry.clone(),
        ),
        (
            Method::PUT,
            "/v2/lists/enterprise_pipeline/entries".to_owned(),
            entry,
        ),
        (
            Method::PATCH,
            entry_path.clone(),
            json!({"data": {"entry_values": {}}}),
        ),
        (
            Method::PUT,
            entry_path.clone(),
            json!({"data": {"entry_values": {}}}),
        ),
        (Method::DELETE, entry_path, json!(null)),
        (
            Method::POST,
            "/v2/objects/deals/attributes/stage/statuses".to_owned(),
            json!({"data": {"title": "Paused"}}),
        ),
        (
            Method::PATCH,
            "/v2/objects/deals/attributes/stage/statuses/Lead".to_owned(),
            json!({"data": {"title": "New"}}),
        ),
        (
            Method::POST,
            "/v2/objects/companies/attributes/categories/options".to_owned(),
            json!({"data": {"title": "B2C"}}),
        ),
        (
            Method::PATCH,
            "/v2/objects/companies/attributes/categories/options/B2B".to_owned(),
            json!({"data": {"title": "Business"}}),
        ),
        (
            Method::DELETE,
            format!("/v2/comments/{MISSING}"),
            json!(null),
        ),
    ];
    for (method, path, body) in calls {
        let reply = c.forbidden(method.clone(), &path, body).await;
        assert_eq!(reply.status(), 403, "{method} {path}");
    }
}
