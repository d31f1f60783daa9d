//! The operations Attio's core API gained by 2026, end to end through the
//! typed client against the emulator: record search with typed hits,
//! record merge (done, or accepted and still running), an attribute's value
//! history written, saved views, and a custom object deleted.

use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::api::history::HistoricValue;
use attio_runtime::api::records::MergeOutcome;
use attio_runtime::api::search::{RecordSearch, SearchHit};
use attio_runtime::chrono::{TimeZone, Utc};
use attio_runtime::serde_json::json;
use attio_runtime::value::{Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::{AttioApi, EntryCreate, ErrorKind, Method};
use attio_tests::support;
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

fn domain(d: &str) -> Domain {
    Domain::new(d).unwrap()
}

/// Integration logic over `AttioApi`: the first company a search finds.
async fn first_company(api: &impl AttioApi, text: &str) -> Option<RecordRef<Company>> {
    let hits = api
        .search_records(&RecordSearch::new(text).of::<Company>().of::<Person>())
        .await
        .unwrap();
    hits.iter().find_map(SearchHit::record_ref::<Company>)
}

#[tokio::test]
async fn search_finds_records_of_several_objects_and_reads_them_typed() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record(Company::write().name("Acme").domains([domain("acme.com")]))
        .await
        .unwrap();
    client
        .create_record(Company::write().name("Globex"))
        .await
        .unwrap();
    let ada = client
        .create_record(
            Person::write()
                .name(PersonalName::new("Ada", "Lovelace"))
                .email_addresses([EmailAddress::new("ada@acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let hits = client
        .search_records(&RecordSearch::new("acme").of::<Company>().of::<Person>())
        .await
        .unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].record_id(), &acme.id.record_id);
    assert_eq!(hits[0].record_text, "Acme");
    assert_eq!(hits[0].domains, ["acme.com"]);
    assert!(hits[1].is::<Person>() && !hits[1].is::<Company>());
    assert_eq!(hits[1].record_id(), &ada.id.record_id);
    assert_eq!(hits[1].email_addresses, ["ada@acme.com"]);
    // Typed: the company hits read whole.
    let companies = client
        .get_records::<Company>(&SearchHit::ids_of::<Company>(&hits))
        .await
        .unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].values.name.as_deref(), Some("Acme"));
    // Through the trait an integration is written against.
    let found = first_company(&client, "acme").await.unwrap();
    assert_eq!(found.record_id(), Some(&acme.id.record_id));
    let limited = client
        .search_records(&RecordSearch::new("").of::<Company>().limit(1))
        .await
        .unwrap();
    assert_eq!(limited.len(), 1);
    let refused = client
        .search_records(&RecordSearch::new("acme").object("vehicles"))
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
    assert_eq!(refused.code(), Some("value_not_found"));
}

#[tokio::test]
async fn a_merge_is_done_or_accepted_and_its_record_readable_once_done() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let primary = client
        .create_record(Company::write().name("Acme").domains([domain("acme.com")]))
        .await
        .unwrap();
    let secondary = client
        .create_record(
            Company::write()
                .name("ACME Inc")
                .description("Rockets")
                .domains([domain("acme.io")]),
        )
        .await
        .unwrap();
    let outcome = client
        .merge_records::<Company>(&primary.id.record_id, &secondary.id.record_id)
        .await
        .unwrap();
    let MergeOutcome::Done(id) = &outcome else {
        panic!("a small merge is done at once: {outcome:?}");
    };
    let merged = client.get_record::<Company>(id).await.unwrap();
    assert_eq!(merged.values.name.as_deref(), Some("Acme"));
    assert_eq!(merged.values.description.as_deref(), Some("Rockets"));
    assert_eq!(merged.values.domains.len(), 2);
    let gone = client
        .get_record::<Company>(&primary.id.record_id)
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);

    let (_slow, client) = support::unlimited(
        Emulator::builder().slow_merges(Duration::from_millis(300)),
        KEY,
    )
    .await;
    let a = client
        .create_record(Company::write().name("A"))
        .await
        .unwrap();
    let b = client
        .create_record(Company::write().name("B"))
        .await
        .unwrap();
    let outcome = client
        .merge_records::<Company>(&a.id.record_id, &b.id.record_id)
        .await
        .unwrap();
    let MergeOutcome::Accepted(id) = &outcome else {
        panic!("a slow merge is accepted: {outcome:?}");
    };
    assert_eq!(outcome.record_id(), id);
    let running = client.get_record::<Company>(id).await.unwrap_err();
    assert_eq!(running.kind(), ErrorKind::NotFound);
    assert_eq!(running.code(), Some("merge_in_progress"));
    let started = Instant::now();
    let done = loop {
        match client.get_record::<Company>(id).await {
            Ok(record) => break record,
            Err(e) if started.elapsed() < Duration::from_secs(5) => {
                assert_eq!(e.code(), Some("merge_in_progress"));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("the merge never finished: {e}"),
        }
    };
    assert_eq!(done.values.name.as_deref(), Some("A"));
}

#[tokio::test]
async fn a_value_history_is_written_for_a_record_and_for_an_entry() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record(Company::write().name("Acme"))
        .await
        .unwrap();
    let renamed = Utc.with_ymd_and_hms(2021, 6, 15, 9, 30, 0).unwrap();
    let history = [
        HistoricValue::new(
            "Acme (old name)",
            Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
            Some(renamed),
        ),
        HistoricValue::new("Acme Corporation", renamed, None),
    ];
    let written = client
        .write_record_attribute_values(&acme.id.record_id, Company::NAME, &history)
        .await
        .unwrap();
    assert_eq!(written.len(), 2);
    let all = client
        .list_record_attribute_values::<Company>(&acme.id.record_id, "name", true)
        .await
        .unwrap();
    let names: Vec<&str> = all.iter().map(|v| v["value"].as_str().unwrap()).collect();
    assert_eq!(names, ["Acme (old name)", "Acme Corporation"]);
    let now = client
        .get_record::<Company>(&acme.id.record_id)
        .await
        .unwrap();
    assert_eq!(now.values.name.as_deref(), Some("Acme Corporation"));
    // Refused before sending: nothing to write.
    let empty = client
        .write_record_attribute_values(&acme.id.record_id, Company::NAME, &[])
        .await
        .unwrap_err();
    assert_eq!(empty.kind(), ErrorKind::Validation);
    assert_eq!(client.stats().requests, 4, "the refused write sent nothing");

    let entry = client
        .create_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &RecordRef::<Company>::new(acme.id.record_id.clone()),
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::Prospecting),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let written = client
        .write_entry_attribute_values(
            &entry.id.entry_id,
            EnterprisePipelineEntry::NEXT_STEP,
            &[HistoricValue::new("Send the proposal", renamed, None)],
        )
        .await
        .unwrap();
    assert_eq!(written[0]["value"], "Send the proposal");
    let entry = client
        .get_entry::<EnterprisePipelineEntry>(&entry.id.entry_id)
        .await
        .unwrap();
    assert_eq!(
        entry.entry_values.next_step.as_deref(),
        Some("Send the proposal")
    );
}

#[tokio::test]
async fn saved_views_are_listed_and_filter_a_query() {
    let (_emulator, client) = support::unlimited(
        Emulator::builder().seed(json!({
            "records": [
                {"object": "companies", "values": {"name": "Acme", "description": "big"}},
                {"object": "companies", "values": {"name": "Globex"}}
            ],
            "views": [{"object": "companies", "title": "Big ones", "filter": {"description": "big"}}]
        })),
        KEY,
    )
    .await;
    let views = client.list_object_views("companies", false).await.unwrap();
    let titles: Vec<&str> = views.iter().map(|v| v.title.as_str()).collect();
    assert!(titles.contains(&"All companies"), "{titles:?}");
    let big = views.iter().find(|v| v.title == "Big ones").unwrap();
    assert!(big.id.object_id.is_some() && big.id.list_id.is_none());
    let lists = client
        .list_list_views("enterprise_pipeline", false)
        .await
        .unwrap();
    assert_eq!(lists[0].title, "All entries");
    assert!(lists[0].id.list_id.is_some());
    // The view's id is a query's `filter_view_id`.
    let found = client
        .raw(
            Method::POST,
            "/v2/objects/companies/records/query",
            Some(json!({"filter_view_id": big.id.view_id})),
        )
        .await
        .unwrap();
    let found = found["data"].as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["values"]["name"][0]["value"], "Acme");
    let missing = client
        .list_object_views("vehicles", false)
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn a_custom_object_is_deleted_and_a_system_object_refused() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let import = client
        .create_record(LegacyImport::create(LegacyImportRequired {
            batch_id: "b-1".into(),
        }))
        .await
        .unwrap();
    client.delete_object("legacy_imports").await.unwrap();
    let objects = client.list_objects().await.unwrap();
    assert!(objects.iter().all(|o| o.api_slug != "legacy_imports"));
    let gone = client
        .get_record::<LegacyImport>(&import.id.record_id)
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    let refused = client.delete_object("people").await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
    assert_eq!(refused.code(), Some("system_edit_unauthorized"));
}
