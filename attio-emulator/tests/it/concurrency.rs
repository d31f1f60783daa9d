//! Many parallel clients asserting overlapping records by a unique attribute
//! end with exactly one record per key: uniqueness is enforced atomically.

use std::collections::HashMap;
use std::sync::Arc;

use crate::support::Api;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_tasks_asserting_overlapping_people_end_with_one_record_per_email() {
    let api = Arc::new(Api::start().await);
    const KEYS: usize = 7;
    let mut tasks = Vec::new();
    for task in 0..50 {
        let api = Arc::clone(&api);
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for round in 0..4 {
                let key = (task + round) % KEYS;
                let reply = api
                    .put(
                        "/v2/objects/people/records?matching_attribute=email_addresses",
                        json!({"data": {"values": {
                            "email_addresses": [format!("person{key}@acme.com")],
                            "job_title": format!("task {task} round {round}"),
                        }}}),
                    )
                    .await;
                assert_eq!(reply.status, 200, "{}", reply.body);
                ids.push((
                    key,
                    reply.data()["id"]["record_id"].as_str().unwrap().to_owned(),
                ));
            }
            ids
        }));
    }
    let mut id_per_key: HashMap<usize, String> = HashMap::new();
    for task in tasks {
        for (key, id) in task.await.expect("task completes") {
            let known = id_per_key.entry(key).or_insert_with(|| id.clone());
            assert_eq!(*known, id, "two records were asserted for key {key}");
        }
    }
    let all = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    let records = all.assert_ok().as_array().unwrap().clone();
    assert_eq!(records.len(), KEYS);
    let mut emails: Vec<String> = records
        .iter()
        .map(|r| {
            let emails = r["values"]["email_addresses"].as_array().unwrap();
            assert_eq!(emails.len(), 1);
            emails[0]["email_address"].as_str().unwrap().to_owned()
        })
        .collect();
    emails.sort();
    let expected: Vec<String> = (0..KEYS).map(|k| format!("person{k}@acme.com")).collect();
    assert_eq!(emails, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_of_one_unique_value_store_exactly_one() {
    let api = Arc::new(Api::start().await);
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let api = Arc::clone(&api);
        tasks.push(tokio::spawn(async move {
            api.post(
                "/v2/objects/companies/records",
                json!({"data": {"values": {"domains": ["race.com"]}}}),
            )
            .await
            .status
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task completes"));
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 29);
}
