//! Activity definitions end to end, through the runtime's typed calls
//! against the emulator: created extending a schema, listed, fetched by
//! slug and by id, renamed, refused on a taken slug, deleted. Their records
//! written, validated, asserted, queried and deleted, with their webhooks.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::api::activities::{ActivityBase, ActivityRecordQuery, ActivityUpdate};
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::webhooks::{Event, Receiver, Work};
use attio_runtime::ErrorKind;
use attio_schema::{Attribute, AttributeId, AttributeType};
use attio_tests::support;

const KEY: &str = "emulator-test-key-0123456789";

#[tokio::test]
async fn activity_definitions_are_created_renamed_and_deleted() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let demo = client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Calls)
        .await
        .unwrap();
    assert_eq!(demo.api_slug, "demos");
    assert_eq!(demo.extends[0].schema_slug, "calls");
    assert!(!demo.is_system_activity);
    client
        .create_activity(
            "site_visits",
            "Site visit",
            "Site visits",
            ActivityBase::Interactions,
        )
        .await
        .unwrap();

    let slugs: Vec<String> = client
        .list_activities()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.api_slug)
        .collect();
    assert_eq!(slugs, ["demos", "site_visits"]);
    assert_eq!(
        client.get_activity(&demo.id.activity_id).await.unwrap(),
        demo
    );

    let taken = client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Activities)
        .await
        .unwrap_err();
    assert_eq!(taken.code(), Some("slug_conflict"), "{taken}");
    let renamed = client
        .update_activity(
            "demos",
            &ActivityUpdate::new()
                .api_slug("product_demos")
                .nouns("Product demo", "Product demos"),
        )
        .await
        .unwrap();
    assert_eq!(renamed.singular_noun, "Product demo");
    assert_eq!(renamed.extends, demo.extends);
    let clash = client
        .update_activity(
            "product_demos",
            &ActivityUpdate::new().api_slug("site_visits"),
        )
        .await
        .unwrap_err();
    assert_eq!(clash.code(), Some("slug_conflict"));

    client.delete_activity("product_demos").await.unwrap();
    let gone = client.get_activity("product_demos").await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    assert_eq!(client.list_activities().await.unwrap().len(), 1);
}

/// The attributes the emulator gives `demos` (Attio's API cannot create
/// them): a unique text key and a number.
fn demo_attributes(builder: attio_emulator::EmulatorBuilder) -> attio_emulator::EmulatorBuilder {
    let mut key = Attribute::new(AttributeId::default(), "key", "Key", AttributeType::Text);
    key.is_unique = true;
    let minutes = Attribute::new(
        AttributeId::default(),
        "minutes",
        "Minutes",
        AttributeType::Number,
    );
    builder
        .activity_attribute("demos", key)
        .activity_attribute("demos", minutes)
}

fn values(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[tokio::test]
async fn activity_records_are_written_queried_asserted_and_deleted() {
    let (emulator, client) = support::unlimited(demo_attributes(Emulator::builder()), KEY).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let subscriptions = [
        "activity.created",
        "activity-record.created",
        "activity-record.deleted",
    ]
    .map(Subscription::new);
    let webhook = client.create_webhook(&url, &subscriptions).await.unwrap();
    let seen: Arc<Mutex<Vec<Event>>> = Arc::default();
    let sink = seen.clone();
    let (app, handle) = Receiver::new(&webhook.secret).router("/hooks", move |work: Work| {
        let sink = sink.clone();
        async move {
            sink.lock().unwrap().extend(work.events);
            Ok::<(), attio_runtime::Error>(())
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let demo = client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Calls)
        .await
        .unwrap();
    let first = client
        .create_activity_record("demos", &values(json!({"key": "d-1", "minutes": 30})))
        .await
        .unwrap();
    assert_eq!(first.id.activity_id, demo.id.activity_id);
    assert_eq!(first.values_of("minutes")[0]["value"], json!(30));
    assert_eq!(
        first.values_of("record_id")[0]["value"],
        json!(first.id.record_id.as_str())
    );
    let record_id = first.id.record_id.clone();

    // PATCH and PUT by slug or by id; the value is validated as a record's.
    let patched = client
        .update_activity_record("demos", &record_id, &values(json!({"minutes": 45})))
        .await
        .unwrap();
    assert_eq!(patched.values_of("minutes")[0]["value"], json!(45));
    assert_eq!(patched.values_of("key")[0]["value"], "d-1");
    let put = client
        .overwrite_activity_record(
            &demo.id.activity_id,
            &record_id,
            &values(json!({"minutes": 50})),
        )
        .await
        .unwrap();
    assert_eq!(put.values_of("minutes")[0]["value"], json!(50));
    let invalid = client
        .update_activity_record("demos", &record_id, &values(json!({"minutes": "long"})))
        .await
        .unwrap_err();
    assert_eq!(invalid.kind(), ErrorKind::Validation, "{invalid}");
    let unknown = client
        .create_activity_record("demos", &values(json!({"colour": "red"})))
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some("value_not_found"), "{unknown}");

    // Assert by the unique key: the second call updates, the third creates.
    let same = client
        .upsert_activity_record(
            "demos",
            "key",
            &values(json!({"key": "d-1", "minutes": 60})),
        )
        .await
        .unwrap();
    assert_eq!(same.id.record_id, record_id);
    let second = client
        .upsert_activity_record(
            "demos",
            "key",
            &values(json!({"key": "d-2", "minutes": 15})),
        )
        .await
        .unwrap();
    assert_ne!(second.id.record_id, record_id);
    let not_unique = client
        .upsert_activity_record("demos", "minutes", &values(json!({"minutes": 15})))
        .await
        .unwrap_err();
    assert_eq!(
        not_unique.code(),
        Some("matching_attribute_definition_not_unique")
    );

    // Queried with a filter and a sort.
    let all = client
        .query_activity_records("demos", &ActivityRecordQuery::new().sort("minutes", true))
        .await
        .unwrap();
    let keys: Vec<&Value> = all
        .iter()
        .map(|r| &r.values_of("key")[0]["value"])
        .collect();
    assert_eq!(keys, [&json!("d-2"), &json!("d-1")]);
    let long = client
        .query_activity_records(
            "demos",
            &ActivityRecordQuery::new().filter(json!({"minutes": {"$gte": 30}})),
        )
        .await
        .unwrap();
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].id.record_id, record_id);

    client
        .delete_activity_record("demos", &record_id)
        .await
        .unwrap();
    let gone = client
        .get_activity_record("demos", &record_id)
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    let nowhere = client
        .get_activity_record("meetups", &second.id.record_id)
        .await
        .unwrap_err();
    assert_eq!(nowhere.kind(), ErrorKind::NotFound);
    assert_eq!(
        client
            .get_activity_record("demos", &second.id.record_id)
            .await
            .unwrap(),
        second
    );

    // Webhooks: the activity, two records created, one deleted.
    let started = Instant::now();
    while seen.lock().unwrap().len() < 4 && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    handle.idle().await;
    let events = seen.lock().unwrap().clone();
    let kinds: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| match e {
            Event::ActivityCreated(e) => ("activity.created", e.id_of("record_id")),
            Event::ActivityRecordCreated(e) => ("activity-record.created", e.id_of("record_id")),
            Event::ActivityRecordDeleted(e) => ("activity-record.deleted", e.id_of("record_id")),
            _ => ("other", None),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("activity.created", None),
            ("activity-record.created", Some(record_id.as_str())),
            (
                "activity-record.created",
                Some(second.id.record_id.as_str())
            ),
            ("activity-record.deleted", Some(record_id.as_str())),
        ],
        "{events:?}"
    );
    assert!(events
        .iter()
        .all(|e| matches!(e, Event::ActivityCreated(e) | Event::ActivityRecordCreated(e) | Event::ActivityRecordDeleted(e)
            if e.activity_id() == Some(demo.id.activity_id.as_str()))));
    drop(emulator);
}
