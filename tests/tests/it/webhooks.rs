//! Webhooks end to end: registered through the client, caused by changes
//! made through the API, delivered by the emulator (with duplicates and
//! random delays, so out of order) to the runtime's axum receiver on
//! 127.0.0.1, verified, deduplicated, typed, and turned into the latest
//! state of the records they name.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attio_emulator::{Emulator, RunningEmulator, WebhookDelivery};
use attio_runtime::api::comments::NewComment;
use attio_runtime::api::notes::NoteFormat;
use attio_runtime::api::tasks::{NewTask, TaskUpdate};
use attio_runtime::api::webhooks::{
    Condition, Subscription, SubscriptionFilter, WebhookStatus, WebhookUpdate,
};
use attio_runtime::value::{PersonalName, RecordRef};
use attio_runtime::webhooks::{
    Event, Fetched, Latest, Receiver, ReceiverHandle, WebhookSecret, Work,
};
use attio_runtime::{Client, EntryCreate, RateLimits, RecordId, WorkspaceMemberId};
use attio_tests::support::{self, MEMBER_ID};
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

async fn start(delivery: WebhookDelivery) -> (RunningEmulator, Client) {
    let builder = Emulator::builder()
        .without_rate_limits()
        .webhook_delivery(delivery);
    let emulator = support::emulator(builder, KEY).await;
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits::unlimited())
        .build()
        .expect("a loopback URL is accepted");
    (emulator, client)
}

/// What the handler saw: every event, and the job title of each person as
/// last fetched.
#[derive(Default)]
struct Seen {
    events: Vec<Event>,
    titles: HashMap<RecordId, Option<String>>,
}

fn receiver(
    secret: &WebhookSecret,
    client: &Client,
    seen: &Arc<Mutex<Seen>>,
) -> (axum::Router, ReceiverHandle) {
    let people = Arc::new(Latest::<Person>::new(client.clone()));
    let seen = seen.clone();
    Receiver::new(secret).router("/attio/webhooks", move |work: Work| {
        let (people, seen) = (people.clone(), seen.clone());
        async move {
            let fetched = people.records(&work.events).await?;
            let mut seen = seen.lock().unwrap();
            for f in fetched {
                match f {
                    Fetched::Current(p) => {
                        seen.titles
                            .insert(p.id.record_id.clone(), p.values.job_title.clone());
                    }
                    Fetched::Deleted(id) => {
                        seen.titles.remove(&id);
                    }
                }
            }
            seen.events.extend(work.events);
            Ok::<(), attio_runtime::Error>(())
        }
    })
}

async fn wait_for(seen: &Arc<Mutex<Seen>>, handle: &ReceiverHandle, events: usize) {
    let started = Instant::now();
    while seen.lock().unwrap().events.len() < events && started.elapsed() < Duration::from_secs(20)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    handle.idle().await;
}

#[tokio::test]
async fn every_event_arrives_verified_typed_once_and_in_its_latest_state() {
    let delivery = WebhookDelivery::default()
        .seed(7)
        .duplicate_probability(0.3)
        .max_extra_delay(Duration::from_millis(40));
    let (emulator, client) = start(delivery).await;
    let seen = Arc::new(Mutex::new(Seen::default()));

    // The secret is known only once the webhook exists, and the webhook
    // needs the receiver's URL: bind, create, then serve.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/attio/webhooks", listener.local_addr().unwrap());
    let subscriptions: Vec<_> = [
        "record.created",
        "record.updated",
        "record.deleted",
        "list-entry.created",
        "list-entry.updated",
        "note.created",
        "note.deleted",
        "task.created",
        "task.updated",
        "task.deleted",
        "comment.created",
        "comment.deleted",
    ]
    .into_iter()
    .map(Subscription::new)
    .collect();
    let created = client.create_webhook(&url, &subscriptions).await.unwrap();
    let (app, handle) = receiver(&created.secret, &client, &seen);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let ada = client
        .create_record::<Person>(Person::write().name(PersonalName::new("Ada", "Lovelace")))
        .await
        .unwrap();
    for v in 1..=5 {
        client
            .update_record::<Person>(
                &ada.id.record_id,
                Person::write().job_title(format!("v{v}")),
            )
            .await
            .unwrap();
    }
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let entry = client
        .create_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &RecordRef::<Company>::new(acme.id.record_id.clone()),
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::DiscoveryCall),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    client
        .update_entry::<EnterprisePipelineEntry>(
            &entry.id.entry_id,
            EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::Negotiation),
        )
        .await
        .unwrap();
    let note = client
        .create_note::<Person>(&ada.id.record_id, "Call", "Engines.", NoteFormat::Plaintext)
        .await
        .unwrap();
    client.delete_note(&note.id.note_id).await.unwrap();
    let task = client
        .create_task(&NewTask::new("Send the contract").linked::<Person>(&ada.id.record_id))
        .await
        .unwrap();
    client
        .update_task(&task.id.task_id, &TaskUpdate::new().completed(true))
        .await
        .unwrap();
    client.delete_task(&task.id.task_id).await.unwrap();
    let member = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let comment = client
        .create_comment(&NewComment::on_record::<Person>(
            &ada.id.record_id,
            &member,
            "Call?",
        ))
        .await
        .unwrap();
    client
        .create_comment(&NewComment::in_thread(&comment.thread_id, &member, "Done"))
        .await
        .unwrap();
    // The first comment takes the thread, and the reply, with it.
    client.delete_comment(&comment.id.comment_id).await.unwrap();
    client
        .delete_record::<Company>(&acme.id.record_id)
        .await
        .unwrap();

    let expected: BTreeMap<&str, usize> = [
        ("comment.created", 2),
        ("comment.deleted", 2),
        ("list-entry.created", 1),
        ("list-entry.updated", 1),
        ("note.created", 1),
        ("note.deleted", 1),
        ("record.created", 2),
        ("record.deleted", 1),
        ("record.updated", 5),
        ("task.created", 1),
        ("task.deleted", 1),
        ("task.updated", 1),
    ]
    .into_iter()
    .collect();
    let total = expected.values().sum();
    wait_for(&seen, &handle, total).await;

    let seen = seen.lock().unwrap();
    let task_events: Vec<&str> = seen
        .events
        .iter()
        .filter_map(|event| match event {
            Event::TaskCreated(e) | Event::TaskUpdated(e) | Event::TaskDeleted(e) => {
                assert_eq!(e.id, task.id, "task events carry the task's key");
                Some(event.event_type())
            }
            _ => None,
        })
        .collect();
    assert_eq!(task_events.len(), 3, "{task_events:?}");
    let threads: Vec<_> = seen
        .events
        .iter()
        .filter_map(|event| match event {
            Event::CommentCreated(e) | Event::CommentDeleted(e) => {
                assert_eq!(e.record_id, ada.id.record_id, "on Ada");
                assert_eq!(e.entry_id, None);
                Some(e.thread_id.clone())
            }
            _ => None,
        })
        .collect();
    assert!(
        threads.iter().all(|t| *t == comment.thread_id),
        "{threads:?}"
    );
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &seen.events {
        assert!(!matches!(event, Event::Unknown { .. }), "{event:?}");
        *counted.entry(event.event_type()).or_default() += 1;
    }
    assert_eq!(counted, expected, "each event exactly once");
    let stats = handle.stats();
    assert_eq!(stats.refused, 0, "every delivery verified");
    assert_eq!(
        stats.accepted + stats.duplicates,
        emulator.webhook_stats().attempts
    );
    assert!(
        emulator.webhook_stats().duplicates > 0,
        "the plan sent duplicates"
    );
    assert_eq!(
        seen.titles.get(&ada.id.record_id),
        Some(&Some("v5".to_owned())),
        "whatever the order of delivery, the last fetch saw the latest title"
    );
}

#[tokio::test]
async fn webhooks_are_managed_through_the_client() {
    let (_emulator, client) = start(WebhookDelivery::default()).await;
    let object_filter = SubscriptionFilter::all([Condition::equals(
        "id.object_id",
        "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
    )]);
    let subscriptions = [Subscription::new("record.updated").filter(object_filter.clone())];
    let created = client
        .create_webhook("https://hooks.example.org/attio", &subscriptions)
        .await
        .unwrap();
    let id = created.webhook.id.webhook_id.clone();
    assert_eq!(created.webhook.status, WebhookStatus::Active);
    assert_eq!(created.webhook.subscriptions, subscriptions);

    let listed = client.list_webhooks().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(client.get_webhook(&id).await.unwrap(), listed[0]);

    let update = WebhookUpdate {
        subscriptions: Some(vec![
            Subscription::new("record.updated").filter(object_filter),
            Subscription::new("note.created"),
        ]),
        ..WebhookUpdate::default()
    };
    let updated = client.update_webhook(&id, &update).await.unwrap();
    assert_eq!(updated.subscriptions.len(), 2);
    assert_eq!(updated.target_url, "https://hooks.example.org/attio");

    client.delete_webhook(&id).await.unwrap();
    assert!(client.list_webhooks().await.unwrap().is_empty());
    let error = client.get_webhook(&id).await.unwrap_err();
    assert_eq!(error.kind(), attio_runtime::ErrorKind::NotFound);
}
