//! Records written and read: create, get, update, overwrite, delete,
//! upsert, unique conflicts, required attributes, the cache, value history.

use super::*;

#[tokio::test]
async fn create_get_update_overwrite_delete() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com").job_title("Analyst"))
        .await
        .unwrap();
    let id = ada.id.record_id.clone();
    assert_eq!(ada.values.job_title.as_deref(), Some("Analyst"));
    assert_eq!(
        client.get_record::<Person>(&id).await.unwrap().values,
        ada.values
    );

    // PATCH adds to multiselect values, in front, without repeating.
    let patched = client
        .update_record::<Person>(
            &id,
            Person::write().email_addresses([email("ada@lovelace.org"), email("ADA@acme.com")]),
        )
        .await
        .unwrap();
    assert_eq!(emails(&patched), ["ada@lovelace.org", "ada@acme.com"]);
    assert_eq!(
        patched.values.job_title.as_deref(),
        Some("Analyst"),
        "untouched"
    );

    // PUT replaces them exactly.
    let put = client
        .overwrite_record::<Person>(
            &id,
            Person::write().email_addresses([email("countess@acme.com")]),
        )
        .await
        .unwrap();
    assert_eq!(emails(&put), ["countess@acme.com"]);

    client.delete_record::<Person>(&id).await.unwrap();
    let gone = client.get_record::<Person>(&id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    assert_eq!(gone.status(), Some(404));
    assert!(gone.to_string().starts_with(&format!(
        "GET /v2/objects/people/records/{id} failed with 404"
    )));
    emulator.shutdown().await;
}

#[tokio::test]
async fn upsert_creates_then_updates_the_same_record() {
    let (emulator, client) = start().await;
    let first = client
        .upsert_record(
            Person::EMAIL_ADDRESSES,
            person("Grace", "Hopper", "grace@navy.mil").job_title("Rear admiral"),
        )
        .await
        .unwrap();
    let second = client
        .upsert_record(
            Person::EMAIL_ADDRESSES,
            Person::write()
                .email_addresses([email("grace@navy.mil")])
                .job_title("Admiral"),
        )
        .await
        .unwrap();
    assert_eq!(first.id.record_id, second.id.record_id);
    assert_eq!(second.values.job_title.as_deref(), Some("Admiral"));
    assert_eq!(
        second.values.name, first.values.name,
        "omitted attributes are untouched"
    );

    // Nothing to match on: refused before any request.
    let refused = client
        .upsert_record(Person::EMAIL_ADDRESSES, Person::write().job_title("x"))
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
    assert_eq!(refused.attempts(), 0);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_unique_value_held_elsewhere_is_a_conflict() {
    let (emulator, client) = start().await;
    client
        .create_record::<Person>(person("A", "One", "same@acme.com"))
        .await
        .unwrap();
    let error = client
        .create_record::<Person>(person("B", "Two", "same@acme.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Conflict);
    assert_eq!(error.code(), Some("uniqueness_conflict"));
    assert!(!error.is_retryable());
    emulator.shutdown().await;
}

#[tokio::test]
async fn deals_need_their_required_attributes_and_reference_companies() {
    let (emulator, client) = start().await;
    let acme = client
        .create_record::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let owner = ActorRef::workspace_member(MEMBER_ID).unwrap();
    let deal = client
        .create_record::<Deal>(
            Deal::create(DealRequired {
                name: "Acme renewal".into(),
                owner,
                stage: DealStage::InProgress,
            })
            .associated_company(RecordRef::<Company>::new(acme.id.record_id.clone())),
        )
        .await
        .unwrap();
    assert_eq!(deal.values.stage, Some(DealStage::InProgress));
    let company = deal.values.associated_company.as_ref().unwrap();
    assert_eq!(company.record_id(), Some(&acme.id.record_id));

    let won: Vec<Stored<Deal>> = client
        .query_records(Query::new().filter(Deal::STAGE.eq(DealStage::InProgress)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(won.len(), 1);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_record_cache_answers_repeated_lookups() {
    // An empty fault plan only counts the requests.
    let emulator = support::emulator(
        Emulator::builder()
            .without_rate_limits()
            .faults(attio_emulator::FaultPlan::new(0)),
        KEY,
    )
    .await;
    let client = support::client(&emulator, KEY)
        .cache_records(std::time::Duration::from_secs(60))
        .build()
        .unwrap();
    let requests = || emulator.fault_stats().requests;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    assert_eq!(requests(), 1);
    // The create's answer is cached: no request for the lookups.
    for _ in 0..3 {
        assert_eq!(
            client.get_record::<Person>(id).await.unwrap().values,
            ada.values
        );
    }
    assert_eq!(requests(), 1);
    // A write through the client refreshes the entry.
    client
        .update_record::<Person>(id, Person::write().job_title("Countess"))
        .await
        .unwrap();
    let read = client.get_record::<Person>(id).await.unwrap();
    assert_eq!(read.values.job_title.as_deref(), Some("Countess"));
    assert_eq!(requests(), 2);
    // A delete drops it.
    client.delete_record::<Person>(id).await.unwrap();
    assert_eq!(
        client.get_record::<Person>(id).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(requests(), 4);
    emulator.shutdown().await;
}

#[tokio::test]
async fn attribute_history_is_oldest_first() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com").job_title("Analyst"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    for title in ["Engineer", "Countess"] {
        client
            .update_record::<Person>(id, Person::write().job_title(title))
            .await
            .unwrap();
    }
    let history = client
        .list_record_attribute_values::<Person>(id, "job_title", true)
        .await
        .unwrap();
    let titles: Vec<&str> = history
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Analyst", "Engineer", "Countess"]);
    assert!(
        history[0]["active_until"].is_string(),
        "closed: {}",
        history[0]
    );
    assert!(
        history[2]["active_until"].is_null(),
        "current: {}",
        history[2]
    );
    let current = client
        .list_record_attribute_values::<Person>(id, "job_title", false)
        .await
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["value"], "Countess");
    emulator.shutdown().await;
}
