//! Record queries: filters, sorts and pagination.

use crate::support::Api;
use serde_json::{json, Value};

async fn ids(api: &Api, object: &str, body: Value) -> Vec<String> {
    let reply = api
        .post(&format!("/v2/objects/{object}/records/query"), body)
        .await;
    reply
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"]["record_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn people(api: &Api) -> (String, String, String) {
    let ada = api
        .create("people", json!({"name": "Lovelace, Ada", "email_addresses": ["ada@acme.com"], "job_title": "Engineer"}))
        .await;
    let alan = api
        .create("people", json!({"name": "Turing, Alan", "email_addresses": ["alan@bletchley.org"], "job_title": "Mathematician"}))
        .await;
    let grace = api
        .create(
            "people",
            json!({"name": "Hopper, Grace", "email_addresses": ["grace@navy.mil"]}),
        )
        .await;
    (ada, alan, grace)
}

#[tokio::test]
async fn shorthand_and_verbose_filters_select_records() {
    let api = Api::start().await;
    let (ada, alan, grace) = people(&api).await;
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"email_addresses": "ada@acme.com"}})
        )
        .await,
        vec![ada.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"name": {"last_name": {"$eq": "Turing"}}}})
        )
        .await,
        vec![alan.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"job_title": {"$in": ["Engineer", "Mathematician"]}}})
        )
        .await,
        [ada.clone(), alan.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"job_title": {"$not_empty": true}}})
        )
        .await,
        [ada.clone(), alan.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"email_addresses": {"email_domain": {"$ends_with": ".mil"}}}})
        )
        .await,
        vec![grace.clone()]
    );
    // Several keys are an implicit $and.
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"job_title": "Engineer", "email_addresses": "alan@bletchley.org"}})
        )
        .await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn contains_is_case_insensitive() {
    let api = Api::start().await;
    let (ada, _, _) = people(&api).await;
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"name": {"full_name": {"$contains": "LOVE"}}}})
        )
        .await,
        [ada]
    );
}

#[tokio::test]
async fn logical_operators_nest() {
    let api = Api::start().await;
    let (ada, alan, grace) = people(&api).await;
    let filter = json!({"$or": [
        {"email_addresses": "ada@acme.com"},
        {"$and": [{"job_title": {"$starts_with": "math"}}, {"$not": {"email_addresses": "ada@acme.com"}}]}
    ]});
    assert_eq!(
        ids(&api, "people", json!({"filter": filter})).await,
        [ada.clone(), alan.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"$not": {"job_title": {"$not_empty": true}}}})
        )
        .await,
        [grace]
    );
    assert_eq!(
        ids(
            &api,
            "people",
            json!({"filter": {"record_id": {"$in": [alan.clone(), ada.clone()]}}})
        )
        .await,
        [ada, alan]
    );
}

#[tokio::test]
async fn numbers_currencies_and_dates_compare() {
    let api = Api::start().await;
    let owner = "ada@emulator.attio.dev";
    let small = api
        .create(
            "deals",
            json!({"name": "S", "stage": "Lead", "owner": owner, "value": 500}),
        )
        .await;
    let big = api
        .create(
            "deals",
            json!({"name": "B", "stage": "Won 🎉", "owner": owner, "value": 50000}),
        )
        .await;
    assert_eq!(
        ids(&api, "deals", json!({"filter": {"value": {"$gte": 1000}}})).await,
        vec![big.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "deals",
            json!({"filter": {"value": {"currency_value": {"$gt": 100, "$lt": "1000"}}}})
        )
        .await,
        vec![small.clone()]
    );
    assert_eq!(
        ids(&api, "deals", json!({"filter": {"stage": "Won 🎉"}})).await,
        vec![big.clone()]
    );
    assert_eq!(
        ids(&api, "deals", json!({"filter": {"$or": [{"stage": "Lead"}, {"stage": {"status": {"$eq": "Won 🎉"}}}]}})).await,
        [small.clone(), big.clone()]
    );
    assert_eq!(
        ids(
            &api,
            "deals",
            json!({"filter": {"created_at": {"$gt": "2000-01-01T00:00:00.000000000Z"}}})
        )
        .await
        .len(),
        2
    );
}

#[tokio::test]
async fn bad_filters_are_refused_with_attios_error_codes() {
    let api = Api::start().await;
    let query = |body: Value| async { api.post("/v2/objects/deals/records/query", body).await };
    query(json!({"filter": {"stage": {"$in": ["Lead", "Lost"]}}}))
        .await
        .assert_error(400, "invalid_filter_operator");
    query(json!({"filter": {"nickname": "x"}}))
        .await
        .assert_error(400, "unknown_filter_attribute_slug");
    api.post(
        "/v2/objects/people/records/query",
        json!({"filter": {"phone_numbers": {"original_phone_number": "+15558675309"}}}),
    )
    .await
    .assert_error(400, "invalid_filter_field");
    query(json!({"filter": {"$or": "not an array"}}))
        .await
        .assert_error(400, "filter_error");
    query(json!({"filter": {"name": {"$neq": "x"}}}))
        .await
        .assert_error(400, "filter_error");
}

#[tokio::test]
async fn a_query_returns_500_records_by_default_and_offset_pages() {
    let api = Api::start().await;
    for i in 0..510 {
        api.create("companies", json!({"name": format!("Company {i:03}")}))
            .await;
    }
    let all = ids(&api, "companies", json!({})).await;
    assert_eq!(all.len(), 500);
    let rest = ids(&api, "companies", json!({"offset": 500})).await;
    assert_eq!(rest.len(), 10);
    let page = ids(&api, "companies", json!({"limit": 3, "offset": 2})).await;
    assert_eq!(page, all[2..5]);
}

#[tokio::test]
async fn sorts_apply_in_order_and_may_name_a_field() {
    let api = Api::start().await;
    let (ada, alan, grace) = people(&api).await;
    let by_last = ids(
        &api,
        "people",
        json!({"sorts": [{"direction": "asc", "attribute": "name", "field": "last_name"}]}),
    )
    .await;
    assert_eq!(by_last, [grace.clone(), ada.clone(), alan.clone()]);
    let by_first_desc = ids(
        &api,
        "people",
        json!({"sorts": [{"direction": "desc", "attribute": "name", "field": "first_name"}]}),
    )
    .await;
    assert_eq!(by_first_desc, [grace.clone(), alan.clone(), ada.clone()]);
    // Records without a value sort last; ties keep creation order.
    let by_title = ids(
        &api,
        "people",
        json!({"sorts": [{"direction": "asc", "attribute": "job_title"}]}),
    )
    .await;
    assert_eq!(by_title, [ada, alan, grace]);
}

#[tokio::test]
async fn path_filters_follow_references() {
    let api = Api::start().await;
    let acme = api
        .create(
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        )
        .await;
    api.create(
        "companies",
        json!({"name": "Other", "domains": ["other.com"]}),
    )
    .await;
    let ada = api
        .create(
            "people",
            json!({"email_addresses": ["ada@acme.com"], "company": "acme.com"}),
        )
        .await;
    api.create(
        "people",
        json!({"email_addresses": ["bob@other.com"], "company": "other.com"}),
    )
    .await;
    let filter = json!({"path": [["people", "company"], ["companies", "name"]], "constraints": {"value": {"$eq": "Acme"}}});
    assert_eq!(
        ids(&api, "people", json!({"filter": filter})).await,
        vec![ada.clone()]
    );
    let filter = json!({"company": {"target_object": "companies", "target_record_id": acme}});
    assert_eq!(ids(&api, "people", json!({"filter": filter})).await, [ada]);
}

#[tokio::test]
async fn active_from_filters_on_when_a_value_became_current() {
    let api = Api::start().await;
    let owner = "ada@emulator.attio.dev";
    let deal = api
        .create(
            "deals",
            json!({"name": "D", "stage": "Lead", "owner": owner}),
        )
        .await;
    let since = |at: &str| json!({"filter": {"stage": {"active_from": {"$gte": at}}}});
    assert_eq!(
        ids(&api, "deals", since("2000-01-01")).await,
        vec![deal.clone()]
    );
    assert!(ids(&api, "deals", since("2999-01-01")).await.is_empty());
    api.post("/v2/objects/deals/records/query", since("not a date"))
        .await
        .assert_error(400, "filter_error");
}
