//! Bindings that guard themselves: each struct's contract checked against
//! the emulator's workspace (`Client::verify`) after the workspace changed
//! through the API, and the `Watch` that checks again when a schema event
//! arrives or on an interval.
//!
//! Attio's API cannot change an attribute's type, cardinality or
//! writability, nor delete one: the type and cardinality change the way a
//! workspace admin makes them (the old attribute renamed out of the way, a
//! new one under the slug); read-only and missing attributes come from an
//! emulator seeded with the changed schema.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attio_emulator::{Emulator, RunningEmulator, WebhookDelivery};
use attio_runtime::api::schema::{AttributeUpdate, ChoiceUpdate, NewAttribute, NewAttributeConfig};
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::contract::{Drift, DriftReport, Watch};
use attio_runtime::webhooks::{Receiver, Work};
use attio_runtime::{Client, Method, Model, RateLimits, Target};
use attio_schema::AttributeType;
use attio_tests::support;
use attio_tests::workspace::{EnterprisePipelineEntry, LegacyImport, N3plPartner};

use crate::capture::Captured;

const KEY: &str = "emulator-test-key-0123456789";

/// A struct that binds only some attributes of `legacy_imports`, as a
/// program that creates imports with a batch and a source would.
#[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
#[attio(
    object = "legacy_imports",
    schema = "../fixtures/workspace/attio-schema.json"
)]
struct Import {
    batch_id: String,
    source: Option<String>,
}

async fn start() -> (RunningEmulator, Client) {
    start_with(Emulator::builder(), support::fixture()).await
}

async fn start_with(
    builder: attio_emulator::EmulatorBuilder,
    snapshot: attio_schema::Snapshot,
) -> (RunningEmulator, Client) {
    let emulator = builder
        .without_rate_limits()
        .schema(snapshot)
        .api_key(KEY)
        .start()
        .await
        .expect("the emulator starts");
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits::unlimited())
        .build()
        .expect("a loopback URL is accepted");
    (emulator, client)
}

async fn update(
    client: &Client,
    target: Target,
    owner: &str,
    attribute: &str,
    update: AttributeUpdate,
) {
    client
        .update_attribute(target, owner, attribute, &update)
        .await
        .unwrap_or_else(|e| panic!("{owner}.{attribute} updates: {e}"));
}

/// `PATCH …/attributes/{attribute}` with a new `api_slug`, which the
/// client's typed update does not offer.
async fn rename(client: &Client, owner: &str, from: &str, to: &str) {
    let path = format!("/v2/objects/{owner}/attributes/{from}");
    let body = serde_json::json!({"data": {"api_slug": to}});
    client
        .raw(Method::PATCH, &path, Some(body))
        .await
        .unwrap_or_else(|e| panic!("{owner}.{from} is renamed: {e}"));
}

fn new_attribute(slug: &str, attribute_type: AttributeType, multiselect: bool) -> NewAttribute {
    NewAttribute {
        title: slug.to_owned(),
        description: None,
        api_slug: slug.to_owned(),
        attribute_type,
        is_required: false,
        is_unique: false,
        is_multiselect: multiselect,
        config: NewAttributeConfig::default(),
        relationship: None,
    }
}

/// The one breaking line of `report`, which must name `field`, say
/// `change` and advise `advice`.
fn breaking_line(report: &DriftReport, field: &str, change: &str, advice: &str) {
    let lines: Vec<String> = report.breaking().map(ToString::to_string).collect();
    assert!(report.is_breaking(), "{report}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(field) && l.contains(change) && l.contains(advice)),
        "no breaking line names {field}, says {change:?} and advises {advice:?}:\n{report}"
    );
    // The report's text carries each line.
    let text = report.to_string();
    assert!(text.contains("breaking change"), "{text}");
    for line in lines {
        assert!(text.contains(&line), "{text}");
    }
}

#[tokio::test]
async fn a_clean_workspace_verifies_with_one_request_per_object_or_list() {
    let (_emulator, client) = start().await;
    let before = client.stats();
    let report = client
        .verify(&[
            LegacyImport::CONTRACT,
            N3plPartner::CONTRACT,
            Import::CONTRACT,
        ])
        .await
        .unwrap();
    assert!(report.is_clean(), "{report}");
    assert!(!report.is_breaking());
    assert_eq!(report.checked, ["legacy_imports", "3pl_partners"]);
    // Two structs of one object share its read.
    assert_eq!(client.stats().since(&before).requests, 2);
    assert_eq!(
        report.to_string(),
        "legacy_imports, 3pl_partners: as compiled, no drift\n"
    );

    // A list whose enums name options and statuses: its attributes, then
    // the options of `priority` and the statuses of `stage`, nothing else.
    let before = client.stats();
    let report = client
        .verify(&[EnterprisePipelineEntry::CONTRACT])
        .await
        .unwrap();
    assert!(report.is_clean(), "{report}");
    assert_eq!(client.stats().since(&before).requests, 3);
}

#[tokio::test]
async fn an_archived_attribute_breaks_its_field() {
    let (_emulator, client) = start().await;
    let archive = AttributeUpdate {
        is_archived: Some(true),
        ..AttributeUpdate::default()
    };
    update(&client, Target::Object, "legacy_imports", "source", archive).await;
    let report = client.verify(&[LegacyImport::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "LegacyImport.source (legacy_imports.source)",
        "attribute archived",
        "restore it from the archive in Attio, or `cargo attio-gen pull`, regenerate and redeploy",
    );
    assert_eq!(report.breaking().count(), 1, "{report}");
}

#[tokio::test]
async fn a_renamed_attribute_is_reported_with_the_rename_that_keeps_the_field() {
    let (_emulator, client) = start().await;
    rename(&client, "legacy_imports", "source", "origin").await;
    let report = client.verify(&[LegacyImport::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "LegacyImport.source",
        "attribute api_slug changed from \"source\" to \"origin\"",
        "add `\"legacy_imports.origin\" = \"source\"` under `[rename]`",
    );
}

#[tokio::test]
async fn a_type_or_cardinality_change_breaks_the_field() {
    let (_emulator, client) = start().await;
    // `row_count` (a number) moved aside, a text attribute in its place.
    rename(&client, "legacy_imports", "row_count", "row_count_old").await;
    let text = new_attribute("row_count", AttributeType::Text, false);
    client
        .create_attribute(Target::Object, "legacy_imports", &text)
        .await
        .unwrap();
    // `source` (single) replaced by a multiselect select.
    rename(&client, "legacy_imports", "source", "source_old").await;
    let select = new_attribute("source", AttributeType::Select, true);
    client
        .create_attribute(Target::Object, "legacy_imports", &select)
        .await
        .unwrap();

    let report = client.verify(&[LegacyImport::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "LegacyImport.row_count",
        "type changed from number to text",
        "the field's type follows the attribute's",
    );
    breaking_line(
        &report,
        "LegacyImport.source",
        "type changed from text to select",
        "regenerate",
    );
    breaking_line(
        &report,
        "LegacyImport.source",
        "became multiselect",
        "regenerate",
    );
    // The attributes moved aside are new to this code, and harmless.
    let harmless: Vec<String> = report.harmless().map(|f| f.change.path.clone()).collect();
    assert!(
        harmless.contains(&"legacy_imports.row_count_old".to_owned()),
        "{report}"
    );
}

#[tokio::test]
async fn a_required_attribute_the_code_does_not_set_breaks_creates() {
    let (_emulator, client) = start().await;
    let required = || AttributeUpdate {
        is_required: Some(true),
        ..AttributeUpdate::default()
    };
    // Bound by `Import`, optional when it compiled.
    update(
        &client,
        Target::Object,
        "legacy_imports",
        "source",
        required(),
    )
    .await;
    // Not bound by `Import` at all.
    update(
        &client,
        Target::Object,
        "legacy_imports",
        "row_count",
        required(),
    )
    .await;
    // New, and required from the start.
    let mut region = new_attribute("region", AttributeType::Text, false);
    region.is_required = true;
    client
        .create_attribute(Target::Object, "legacy_imports", &region)
        .await
        .unwrap();

    let report = client.verify(&[Import::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "Import.source",
        "became required",
        "so that `create` requires it",
    );
    breaking_line(
        &report,
        "Import (legacy_imports.row_count): became required",
        "became required",
        "no field sets it",
    );
    breaking_line(
        &report,
        "Import (legacy_imports.region): attribute added",
        "added",
        "no field sets it",
    );
    assert_eq!(report.breaking().count(), 3, "{report}");
}

#[tokio::test]
async fn a_matching_attribute_that_lost_uniqueness_breaks_upserts() {
    let (_emulator, client) = start().await;
    let not_unique = AttributeUpdate {
        is_unique: Some(false),
        ..AttributeUpdate::default()
    };
    update(
        &client,
        Target::Object,
        "legacy_imports",
        "batch_id",
        not_unique,
    )
    .await;
    let report = client.verify(&[LegacyImport::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "LegacyImport.batch_id",
        "no longer unique",
        "an upsert matching on it is refused now",
    );
}

#[tokio::test]
async fn an_option_or_status_the_enum_names_archived_breaks_the_field() {
    let (_emulator, client) = start().await;
    let archive = ChoiceUpdate {
        is_archived: Some(true),
        ..ChoiceUpdate::default()
    };
    let list = "enterprise_pipeline";
    client
        .update_select_option(Target::List, list, "priority", "Low", &archive)
        .await
        .unwrap();
    client
        .update_status(Target::List, list, "stage", "Negotiation", &archive)
        .await
        .unwrap();
    let report = client
        .verify(&[EnterprisePipelineEntry::CONTRACT])
        .await
        .unwrap();
    breaking_line(
        &report,
        "EnterprisePipelineEntry.priority (lists/enterprise_pipeline.priority)",
        "option \"Low\" archived",
        "Attio refuses the option in writes now",
    );
    breaking_line(
        &report,
        "EnterprisePipelineEntry.stage",
        "status \"Negotiation\" archived",
        "Attio refuses the status in writes now",
    );
}

#[tokio::test]
async fn what_the_api_cannot_change_is_checked_too() {
    // A workspace whose `source` became read-only and whose `row_count`
    // is gone, as an emulator seeded with that schema serves it.
    let mut snapshot = support::fixture();
    let imports = snapshot
        .workspace
        .objects
        .iter_mut()
        .find(|o| o.api_slug == "legacy_imports")
        .unwrap();
    imports.attributes.retain(|a| a.api_slug != "row_count");
    let source = imports
        .attributes
        .iter_mut()
        .find(|a| a.api_slug == "source")
        .unwrap();
    source.is_writable = false;
    let (_emulator, client) = start_with(Emulator::builder(), snapshot).await;

    let report = client.verify(&[LegacyImport::CONTRACT]).await.unwrap();
    breaking_line(
        &report,
        "LegacyImport.source",
        "became read-only",
        "Attio refuses writes of it now",
    );
    breaking_line(
        &report,
        "LegacyImport.row_count",
        "attribute removed",
        "restore it in Attio, or `cargo attio-gen pull`, regenerate and redeploy without the field",
    );
}

#[tokio::test]
async fn what_the_code_does_not_touch_is_harmless() {
    let (_emulator, client) = start().await;
    client
        .create_attribute(
            Target::Object,
            "legacy_imports",
            &new_attribute("notes", AttributeType::Text, false),
        )
        .await
        .unwrap();
    client
        .create_select_option(Target::List, "enterprise_pipeline", "priority", "Urgent")
        .await
        .unwrap();
    // Another object's attribute archived: not read at all.
    let archive = AttributeUpdate {
        is_archived: Some(true),
        ..AttributeUpdate::default()
    };
    update(&client, Target::Object, "integrations", "match", archive).await;

    let report = client
        .verify(&[LegacyImport::CONTRACT, EnterprisePipelineEntry::CONTRACT])
        .await
        .unwrap();
    assert!(!report.is_breaking(), "{report}");
    let harmless: Vec<String> = report.harmless().map(ToString::to_string).collect();
    assert_eq!(
        harmless,
        [
            "legacy_imports.notes: attribute added",
            "EnterprisePipelineEntry.priority (lists/enterprise_pipeline.priority): option \"Urgent\" added",
        ],
        "{report}"
    );
    assert!(report.findings.iter().all(|f| f.drift == Drift::Harmless));
    assert!(
        report.to_string().contains("no change breaks this code"),
        "{report}"
    );
}

/// What the drift callback was given.
type Reports = Arc<Mutex<Vec<(Instant, DriftReport)>>>;

#[tokio::test]
async fn the_watcher_reports_a_change_within_a_second_of_its_event() {
    let (captured, _capturing) = Captured::start();
    let delivery = WebhookDelivery::default();
    let (emulator, client) = start_with(
        Emulator::builder().webhook_delivery(delivery),
        support::fixture(),
    )
    .await;
    let reports: Reports = Arc::default();
    let sink = reports.clone();
    let watch = Watch::new(
        client.clone(),
        &[LegacyImport::CONTRACT, EnterprisePipelineEntry::CONTRACT],
    )
    .on_drift(move |report| sink.lock().unwrap().push((Instant::now(), report.clone())));
    assert!(watch.verify().await.unwrap().is_clean());

    let delivered: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/attio/webhooks", listener.local_addr().unwrap());
    let subscriptions: Vec<_> = [
        "object-attribute.created",
        "object-attribute.updated",
        "list-attribute.created",
        "list-attribute.updated",
    ]
    .into_iter()
    .map(Subscription::new)
    .collect();
    let created = client.create_webhook(&url, &subscriptions).await.unwrap();
    let (events, arrivals) = (watch.clone(), delivered.clone());
    let (app, _handle) =
        Receiver::new(&created.secret).router("/attio/webhooks", move |work: Work| {
            arrivals.lock().unwrap().push(Instant::now());
            let watch = events.clone();
            async move {
                for event in &work.events {
                    watch.handle(event).await?;
                }
                Ok::<(), attio_runtime::Error>(())
            }
        });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // Another object's change arrives, and is not drift of these structs.
    let archive = || AttributeUpdate {
        is_archived: Some(true),
        ..AttributeUpdate::default()
    };
    update(&client, Target::Object, "integrations", "match", archive()).await;
    // Then one that breaks `LegacyImport`, and an option archived.
    update(
        &client,
        Target::Object,
        "legacy_imports",
        "source",
        archive(),
    )
    .await;
    let choice = ChoiceUpdate {
        is_archived: Some(true),
        ..ChoiceUpdate::default()
    };
    client
        .update_select_option(
            Target::List,
            "enterprise_pipeline",
            "priority",
            "Low",
            &choice,
        )
        .await
        .unwrap();

    let started = Instant::now();
    while reports.lock().unwrap().len() < 2 && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let reports = reports.lock().unwrap().clone();
    assert_eq!(
        reports.len(),
        2,
        "one report per struct's change: {reports:?}"
    );
    let delivered = delivered.lock().unwrap().clone();
    assert_eq!(delivered.len(), 3, "three schema events delivered");
    // Each report within a second of the delivery of its event.
    for ((at, report), delivered) in reports.iter().zip(&delivered[1..]) {
        assert!(report.is_breaking(), "{report}");
        let after = at.duration_since(*delivered);
        assert!(
            after < Duration::from_secs(1),
            "reported {after:?} after delivery"
        );
    }
    assert!(
        reports[0].1.to_string().contains("LegacyImport.source"),
        "{}",
        reports[0].1
    );
    assert!(
        reports[1].1.to_string().contains("option \"Low\" archived"),
        "{}",
        reports[1].1
    );
    let logs = captured.text();
    assert!(
        logs.contains("ERROR") && logs.contains("schema drift breaks this code"),
        "{logs}"
    );
    drop(emulator);
}

#[tokio::test]
async fn the_polling_watcher_reports_a_change_without_webhooks() {
    let (_emulator, client) = start().await;
    let reports: Reports = Arc::default();
    let sink = reports.clone();
    let watch = Watch::new(
        client.clone(),
        &[LegacyImport::CONTRACT, N3plPartner::CONTRACT],
    )
    .on_drift(move |report| sink.lock().unwrap().push((Instant::now(), report.clone())));
    let before = client.stats();
    let polling = tokio::spawn(watch.clone().poll(Duration::from_millis(20)));
    let archive = AttributeUpdate {
        is_archived: Some(true),
        ..AttributeUpdate::default()
    };
    update(&client, Target::Object, "legacy_imports", "source", archive).await;
    let started = Instant::now();
    while reports.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    polling.abort();
    let reports = reports.lock().unwrap().clone();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(
        reports[0].1.to_string().contains("LegacyImport.source"),
        "{}",
        reports[0].1
    );
    // One read per poll, and the update: no struct here has an enum.
    let requests = client.stats().since(&before).requests;
    let polls = started.elapsed().as_millis() / 20 + 3;
    assert!(
        requests as u128 <= polls + 1,
        "{requests} requests in about {polls} polls"
    );
}
