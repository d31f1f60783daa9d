//! Fault injection: deterministic plans of 429s, 5xx, latency and cut
//! connections, with counters a reliability test can check.

use crate::support;

use std::time::{Duration, Instant};

use crate::support::Api;
use attio_emulator::{Emulator, Fault, FaultPlan, FaultRule};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn injected_server_errors_before_handling_store_nothing() {
    let plan = FaultPlan::new(42).rule(
        FaultRule::new(Fault::ServerError(503))
            .on(Method::POST, "/v2/objects/companies/records")
            .max_injections(2),
    );
    let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
    let body = json!({"data": {"values": {"domains": ["acme.com"]}}});
    for _ in 0..2 {
        let reply = api
            .post("/v2/objects/companies/records", body.clone())
            .await;
        reply.assert_error(503, "internal_server_error");
    }
    // The third attempt goes through, and no duplicate exists.
    api.post("/v2/objects/companies/records", body)
        .await
        .assert_ok();
    let all = api
        .post("/v2/objects/companies/records/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 1);
    let stats = api.emulator.fault_stats();
    assert_eq!(stats.server_errors, 2);
    assert_eq!(stats.applied_despite_fault, 0);
}

#[tokio::test]
async fn faults_after_handling_apply_the_write_and_are_counted() {
    let plan = FaultPlan::new(1).rule(
        FaultRule::new(Fault::ServerError(502))
            .on(Method::PUT, "/v2/objects/people/records")
            .max_injections(1)
            .after_handling(),
    );
    let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
    let path = "/v2/objects/people/records?matching_attribute=email_addresses";
    let body = json!({"data": {"values": {"email_addresses": ["ada@acme.com"]}}});
    api.put(path, body.clone())
        .await
        .assert_error(502, "internal_server_error");
    // Retrying an assert is safe: the record exists once.
    api.put(path, body).await.assert_ok();
    let all = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 1);
    assert_eq!(api.emulator.fault_stats().applied_despite_fault, 1);
}

#[tokio::test]
async fn injected_429s_come_in_bursts_with_retry_after() {
    let plan = FaultPlan::new(3).rule(
        FaultRule::new(Fault::TooManyRequests)
            .burst(2)
            .max_injections(2),
    );
    let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
    for _ in 0..2 {
        let reply = api.get("/v2/objects").await;
        reply.assert_error(429, "rate_limit_exceeded");
        assert!(reply.headers["retry-after"]
            .to_str()
            .unwrap()
            .ends_with(" GMT"));
    }
    api.get("/v2/objects").await.assert_ok();
    assert_eq!(api.emulator.fault_stats().too_many_requests, 2);
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let plan = FaultPlan::new(3)
        .rule(FaultRule::new(Fault::Latency(Duration::from_millis(150))).on_path("/v2/self"));
    let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
    let started = Instant::now();
    assert_eq!(api.get("/v2/self").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let started = Instant::now();
    api.get("/v2/objects").await.assert_ok();
    assert!(started.elapsed() < Duration::from_millis(150));
    assert_eq!(api.emulator.fault_stats().delayed, 1);
}

#[tokio::test]
async fn dropped_connections_are_transport_errors() {
    let plan = FaultPlan::new(3).rule(FaultRule::new(Fault::DropConnection).max_injections(1));
    let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
    let url = format!("{}/v2/objects", api.base);
    let client = reqwest::Client::new();
    let outcome = match client.get(&url).bearer_auth(support::KEY).send().await {
        Err(e) => Err(e),
        Ok(response) => response.text().await.map(|_| ()),
    };
    assert!(outcome.is_err(), "the cut connection was answered");
    api.get("/v2/objects").await.assert_ok();
    assert_eq!(api.emulator.fault_stats().dropped, 1);
}

#[tokio::test]
async fn the_same_seed_and_requests_give_the_same_faults() {
    async fn run(seed: u64) -> Vec<u16> {
        let plan =
            FaultPlan::new(seed).rule(FaultRule::new(Fault::ServerError(500)).probability(0.5));
        let api = Api::with(Emulator::builder().without_rate_limits().faults(plan)).await;
        let mut statuses = Vec::new();
        for _ in 0..30 {
            statuses.push(api.get("/v2/objects").await.status);
        }
        statuses
    }
    let first = run(99).await;
    assert_eq!(first, run(99).await);
    assert!(first.contains(&500) && first.contains(&200));
}
