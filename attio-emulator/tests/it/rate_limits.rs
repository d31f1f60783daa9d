//! Rate limits: separate read and write budgets, 429 with Attio's body and
//! an HTTP-date `Retry-After`.

use crate::support::Api;
use attio_emulator::Emulator;
use serde_json::json;

fn is_http_date(value: &str) -> bool {
    // `Wed, 05 Mar 2025 10:00:01 GMT`
    let parts: Vec<&str> = value.split(' ').collect();
    parts.len() == 6 && parts[0].ends_with(',') && parts[5] == "GMT" && parts[4].len() == 8
}

#[tokio::test]
async fn writes_beyond_the_budget_get_429_with_an_http_date_retry_after() {
    let api = Api::with(Emulator::builder().rate_limits(1000, 3)).await;
    let mut statuses = Vec::new();
    let mut refused = None;
    for i in 0..10 {
        let reply = api
            .post(
                "/v2/objects/companies/records",
                json!({"data": {"values": {"name": format!("C{i}")}}}),
            )
            .await;
        statuses.push(reply.status);
        if reply.status == 429 && refused.is_none() {
            refused = Some(reply);
        }
    }
    // The window is a wall-clock second, so a run straddling a boundary may
    // get a fresh budget part-way; 10 writes still need 4 windows to pass.
    let refused = refused.expect("some writes were refused");
    refused.assert_error(429, "rate_limit_exceeded");
    assert_eq!(refused.body["type"], "rate_limit_error");
    let retry_after = refused.headers["retry-after"].to_str().unwrap();
    assert!(is_http_date(retry_after), "{retry_after}");
    // A 429 was not processed: only the accepted writes exist.
    let accepted = statuses.iter().filter(|s| **s == 200).count();
    let all = api
        .post("/v2/objects/companies/records/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), accepted);
}

#[tokio::test]
async fn reads_have_their_own_budget_and_queries_spend_it() {
    let api = Api::with(Emulator::builder().rate_limits(4, 1000)).await;
    let mut refused = 0;
    for _ in 0..10 {
        // Writes do not spend the read budget…
        api.post(
            "/v2/objects/companies/records",
            json!({"data": {"values": {}}}),
        )
        .await
        .assert_ok();
    }
    for _ in 0..10 {
        // …but query POSTs do.
        let reply = api
            .post("/v2/objects/companies/records/query", json!({}))
            .await;
        if reply.status == 429 {
            refused += 1;
        }
    }
    assert!(
        refused >= 2,
        "only {refused} of 10 reads refused with a budget of 4/s"
    );
}

#[tokio::test]
async fn by_default_25_writes_a_second_are_accepted() {
    let api = Api::with(Emulator::builder()).await;
    let mut accepted = 0;
    for _ in 0..80 {
        let reply = api
            .post(
                "/v2/objects/companies/records",
                json!({"data": {"values": {}}}),
            )
            .await;
        if reply.status == 200 {
            accepted += 1;
        }
    }
    // 80 sequential requests on loopback take far less than three seconds,
    // so they touch at most three one-second windows of 25 writes each.
    assert!(accepted <= 75, "{accepted} of 80 writes accepted");
    assert!(accepted >= 25, "fewer than 25 writes accepted: {accepted}");
}

#[tokio::test]
async fn rate_limits_can_be_turned_off() {
    let api = Api::with(Emulator::builder().without_rate_limits()).await;
    for _ in 0..100 {
        api.post(
            "/v2/objects/companies/records",
            json!({"data": {"values": {}}}),
        )
        .await
        .assert_ok();
    }
}

#[tokio::test]
async fn queries_over_the_score_budget_get_429_until_the_window_makes_room() {
    let window = std::time::Duration::from_secs(1);
    let api = Api::with(Emulator::builder().query_score_limit(5, window)).await;
    // 1 + two conditions + one sort = 4.
    let costly = json!({
        "filter": {"$and": [{"name": "Acme"}, {"domains": "acme.com"}]},
        "sorts": [{"attribute": "name", "direction": "asc"}],
    });
    let answered = api
        .post("/v2/objects/companies/records/query", costly.clone())
        .await;
    answered.assert_ok();
    assert_eq!(answered.headers["x-attio-record-query-score"], "4");
    // 4 of 5 spent: a plain query (1) fits, and is scored so.
    let plain = api
        .post("/v2/objects/companies/records/query", json!({}))
        .await;
    assert_eq!(plain.headers["x-attio-record-query-score"], "1");
    // The window is full: refused with Attio's body and an HTTP date.
    let refused = api
        .post("/v2/objects/companies/records/query", json!({}))
        .await;
    refused.assert_error(429, "rate_limit_exceeded");
    assert_eq!(refused.body["type"], "rate_limit_error");
    assert!(refused.headers.get("x-attio-record-query-score").is_none());
    let retry_after = refused.headers["retry-after"].to_str().unwrap();
    assert!(is_http_date(retry_after), "{retry_after}");
    // Plain reads and writes are not scored.
    let read = api.get("/v2/objects/companies").await;
    read.assert_ok();
    assert!(read.headers.get("x-attio-record-query-score").is_none());
    // Once the window has passed, the budget is whole again.
    tokio::time::sleep(window).await;
    api.post("/v2/objects/companies/records/query", costly)
        .await
        .assert_ok();
}

#[tokio::test]
async fn a_query_scoring_more_than_the_whole_budget_is_refused_as_too_complex() {
    let api =
        Api::with(Emulator::builder().query_score_limit(2, std::time::Duration::from_secs(10)))
            .await;
    let refused = api
        .post(
            "/v2/lists/sales/entries/query",
            json!({"filter": {"stage": "Won", "value": 3}}),
        )
        .await;
    refused.assert_error(429, "rate_limit_exceeded");
    let message = refused.body["message"].as_str().unwrap();
    assert!(message.contains("score (3)"), "{message}");
    assert!(refused.headers.contains_key("retry-after"));
}
