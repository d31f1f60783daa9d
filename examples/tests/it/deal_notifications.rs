//! deal-notifications end to end: the emulator delivers signed webhooks
//! (some twice, some late) to the receiver, which posts Slack messages to a
//! capture endpoint on 127.0.0.1 with a channel per deal type and creates
//! the owners' tasks in the emulator.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use attio_emulator::WebhookDelivery;
use attio_examples::attio::{Company, Deal, DealDealType, DealStage, Person};
use attio_examples::connect;
use attio_examples::deal_notifications::notify::Announcer;
use attio_examples::deal_notifications::rules::{Channels, Route, Rules};
use attio_examples::deal_notifications::server::{self, Capture};
use attio_examples::deal_notifications::{demo, slack};
use attio_runtime::api::tasks::TaskQuery;
use attio_runtime::chrono::TimeDelta;
use attio_runtime::serde_json::Value;
use attio_runtime::value::{ActorRef, Currency, Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::{Client, Decimal, RateLimits, RecordId};

const OWNER_EMAIL: &str = "grace@example.com";

/// Creates a deal in `Lead` at `company` with `contact`, owned by Grace.
async fn deal(
    client: &Client,
    name: &str,
    deal_type: DealDealType,
    value: i32,
    company: &RecordId,
    contact: &RecordId,
) -> RecordId {
    let owner = ActorRef::workspace_member_email(EmailAddress::new(OWNER_EMAIL).unwrap());
    client
        .create_record::<Deal>(
            Deal::write()
                .name(name)
                .deal_type(deal_type)
                .value(Currency::from(value))
                .stage(DealStage::Lead)
                .owner(owner)
                .associated_company(RecordRef::<Company>::new(company.clone()))
                .associated_people([RecordRef::<Person>::new(contact.clone())]),
        )
        .await
        .unwrap()
        .id
        .record_id
}

async fn move_to(client: &Client, deal: &RecordId, stage: DealStage) {
    client
        .update_record::<Deal>(deal, Deal::write().stage(stage))
        .await
        .unwrap();
}

/// The text of each field of a captured message, by field title.
fn fields(message: &Value) -> BTreeMap<String, String> {
    message["blocks"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| {
            let text = field["text"].as_str().unwrap();
            let (title, body) = text.split_once('\n').unwrap();
            (title.trim_matches('*').to_owned(), body.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn each_qualifying_deal_is_posted_once_to_its_types_channel_and_its_owner_gets_a_task() {
    let delivery = WebhookDelivery::default()
        .seed(11)
        .duplicate_probability(0.5)
        .max_extra_delay(Duration::from_millis(40));
    let emulator = connect::emulator_builder()
        .without_rate_limits()
        .member("Grace", "Hopper", OWNER_EMAIL)
        .webhook_delivery(delivery)
        .start()
        .await
        .unwrap();
    let client = connect::emulator_client(&emulator)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();

    let capture = Capture::start(|_| {}).await.unwrap();
    let routes = [
        format!("New business={}", capture.url("new-business")),
        format!("Expansion={}", capture.url("expansion")),
    ];
    let rules = Rules {
        stage: DealStage::Won,
        min_value: Decimal::from(10_000),
        channels: Channels::new(routes.map(|r| r.parse::<Route>().unwrap())).unwrap(),
        task_due_in: TimeDelta::days(3),
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}{}",
        listener.local_addr().unwrap(),
        server::WEBHOOK_PATH
    );
    let watch = server::stage_watch(&client).await.unwrap();
    let webhook = client
        .create_webhook(&url, &server::subscriptions(&watch))
        .await
        .unwrap();
    let announcer = Announcer::new(client.clone(), server::SlackWebhook::new().unwrap(), rules);
    let (app, receiver) = server::receiver(webhook.secret, watch, Arc::new(announcer), |_, _| {});
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let acme = client
        .upsert_record(
            Company::DOMAINS,
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap()
        .id
        .record_id;
    let wile = client
        .upsert_record(
            Person::EMAIL_ADDRESSES,
            Person::write()
                .name(PersonalName::new("Wile", "Coyote"))
                .email_addresses([EmailAddress::new("wile@acme.com").unwrap()]),
        )
        .await
        .unwrap()
        .id
        .record_id;
    let platform = deal(
        &client,
        "Acme platform",
        DealDealType::NewBusiness,
        50_000,
        &acme,
        &wile,
    )
    .await;
    let seats = deal(
        &client,
        "Acme seats",
        DealDealType::Expansion,
        30_000,
        &acme,
        &wile,
    )
    .await;
    let small = deal(
        &client,
        "Acme add-on",
        DealDealType::Expansion,
        5_000,
        &acme,
        &wile,
    )
    .await;
    let lost = deal(
        &client,
        "Acme pilot",
        DealDealType::NewBusiness,
        80_000,
        &acme,
        &wile,
    )
    .await;
    move_to(&client, &platform, DealStage::InProgress).await;
    move_to(&client, &platform, DealStage::Won).await;
    move_to(&client, &seats, DealStage::Won).await;
    move_to(&client, &small, DealStage::Won).await;
    move_to(&client, &lost, DealStage::Lost).await;
    // Reopened and won again: already announced for this stage.
    move_to(&client, &platform, DealStage::InProgress).await;
    move_to(&client, &platform, DealStage::Won).await;

    demo::settle(&emulator, &receiver).await.unwrap();
    assert!(
        emulator.webhook_stats().duplicates > 0,
        "the plan sent duplicates"
    );
    assert_eq!(receiver.stats().dead_lettered, 0);

    let mut by_channel: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for captured in capture.messages() {
        by_channel
            .entry(captured.channel)
            .or_default()
            .push(captured.message);
    }
    let names: BTreeMap<&str, Vec<String>> = by_channel
        .iter()
        .map(|(channel, messages)| {
            let names = messages.iter().map(|m| fields(m)["Deal"].clone()).collect();
            (channel.as_str(), names)
        })
        .collect();
    let link = |id: &RecordId, name: &str| {
        let url = format!("https://app.attio.com/emulated-workspace/deal/{id}");
        format!("<{url}|{name}>")
    };
    assert_eq!(
        names,
        BTreeMap::from([
            ("expansion", vec![link(&seats, "Acme seats")]),
            ("new-business", vec![link(&platform, "Acme platform")]),
        ]),
        "one message per qualifying deal, on its type's channel"
    );
    let web_url = client.get_record::<Deal>(&platform).await.unwrap().web_url;
    assert!(names["new-business"][0].contains(&web_url.unwrap()));

    let message = &by_channel["new-business"][0];
    let expected: BTreeMap<String, String> = [
        ("Deal", link(&platform, "Acme platform").as_str()),
        ("Value", "50,000 USD"),
        ("Company", "Acme"),
        (
            "Contact",
            "Wile Coyote (<mailto:wile@acme.com|wile@acme.com>)",
        ),
        ("Owner", "Grace Hopper"),
        ("Type", "New business"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(fields(message), expected);
    assert_eq!(
        message["blocks"][0]["text"]["text"],
        "Won 🎉: Acme platform"
    );

    let owner = client
        .get_record::<Deal>(&platform)
        .await
        .unwrap()
        .values
        .owner;
    let owner_id = owner.as_ref().and_then(ActorRef::id).unwrap().to_owned();
    for deal in [&platform, &seats] {
        let tasks = client
            .list_tasks(&TaskQuery::new().linked::<Deal>(deal))
            .await
            .unwrap();
        assert_eq!(tasks.len(), 1, "one task per announced deal");
        let task = &tasks[0];
        assert_eq!(task.content_plaintext, "Kick off onboarding for Acme");
        assert!(!task.is_completed);
        assert!(task.deadline_at.is_some());
        let assignees: Vec<&str> = task
            .assignees
            .iter()
            .map(|a| a.referenced_actor_id.as_str())
            .collect();
        assert_eq!(assignees, [owner_id.as_str()], "assigned to the deal owner");
    }
    for deal in [&small, &lost] {
        let tasks = client
            .list_tasks(&TaskQuery::new().linked::<Deal>(deal))
            .await
            .unwrap();
        assert!(tasks.is_empty(), "no task for a deal not announced");
    }
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_demo_announces_its_two_qualifying_deals() {
    let emulator = demo::emulator_builder().start().await.unwrap();
    let client = connect::emulator_client(&emulator).build().unwrap();
    let rules = Rules {
        stage: DealStage::Won,
        min_value: Decimal::from(10_000),
        channels: Channels::default(),
        task_due_in: TimeDelta::days(3),
    };
    let report = demo::run(&client, &emulator, rules).await.unwrap();

    let mut posted: Vec<(String, String)> = report
        .messages
        .iter()
        .map(|c| {
            let text = slack::render_text(&c.message);
            (
                c.channel.clone(),
                text.lines().next().unwrap_or("").to_owned(),
            )
        })
        .collect();
    posted.sort();
    assert_eq!(
        posted,
        [
            ("deals".to_owned(), "Won 🎉: Initech renewal".to_owned()),
            (
                "new-business".to_owned(),
                "Won 🎉: Acme platform".to_owned()
            ),
        ],
        "deliveries come in any order"
    );
    let mut tasks: Vec<&str> = report
        .tasks
        .iter()
        .map(|t| t.content_plaintext.as_str())
        .collect();
    tasks.sort_unstable();
    assert_eq!(
        tasks,
        [
            "Kick off onboarding for Acme",
            "Kick off onboarding for Initech"
        ]
    );
    assert!(
        report.receiver.duplicates > 0,
        "the demo's emulator sends duplicates"
    );
    let lines = report.deal_lines();
    assert!(lines[1].contains("not above the threshold"), "{lines:?}");
    assert!(lines[3].contains("in stage Lost"), "{lines:?}");
    emulator.shutdown().await;
}
