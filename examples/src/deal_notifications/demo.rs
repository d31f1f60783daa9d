//! The run on the in-process emulator: Slack replaced by a local capture
//! endpoint, a webhook registered with the emulator, sample deals moved
//! through their stages, and what was announced printed as it arrives.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use attio_emulator::{EmulatorBuilder, RunningEmulator, WebhookDelivery};
use attio_runtime::api::tasks::{Task, TaskQuery};
use attio_runtime::value::{ActorRef, Currency, Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::webhooks::{ReceiverHandle, ReceiverStats};
use attio_runtime::{Client, RecordId};

use super::notify::{Announcer, Outcome};
use super::rules::{Channels, Route, Rules};
use super::server::{self, Capture, Captured};
use super::slack;
use crate::attio::{Company, Deal, DealDealType, DealStage, Person};
use crate::connect;

/// The workspace member who owns the sample deals (the emulator's own).
const OWNER_EMAIL: &str = "ada@emulator.attio.dev";
/// How long the demo waits for the emulator's deliveries to be handled.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(30);

/// The emulator the demo runs on: [`connect::emulator_builder`] delivering
/// some events twice and late, as Attio's at-least-once delivery may, so
/// that the run shows they are announced once all the same.
pub fn emulator_builder() -> EmulatorBuilder {
    connect::emulator_builder().webhook_delivery(
        WebhookDelivery::default()
            // Fixed, so that every run sends the same few duplicates.
            .seed(7)
            .duplicate_probability(0.3)
            .max_extra_delay(Duration::from_millis(50)),
    )
}

/// What the demo did.
#[derive(Debug)]
pub struct Report {
    /// The messages the capture endpoint received.
    pub messages: Vec<Captured>,
    /// What the announcer did each time it was handed a sample deal, in
    /// order, by the deal's name.
    pub outcomes: Vec<(String, Outcome)>,
    /// The tasks linked to the sample deals.
    pub tasks: Vec<Task>,
    /// What the receiver did with the deliveries (duplicates included).
    pub receiver: ReceiverStats,
}

impl Report {
    /// One line per sample deal: its announcement if it had one (and how
    /// many later events found it announced already), else why it was not
    /// announced.
    pub fn deal_lines(&self) -> Vec<String> {
        SAMPLES
            .iter()
            .map(|sample| {
                let outcomes: Vec<&Outcome> = self
                    .outcomes
                    .iter()
                    .filter(|(name, _)| name == sample.name)
                    .map(|(_, outcome)| outcome)
                    .collect();
                let repeats = outcomes
                    .iter()
                    .filter(|o| matches!(o, Outcome::AlreadyAnnounced))
                    .count();
                let announced = outcomes.iter().find_map(|o| match o {
                    Outcome::Announced { channel, .. } => Some(channel),
                    _ => None,
                });
                let verdict = match (announced, outcomes.last()) {
                    // Events that found the deal already announced: a
                    // stage reached again, or earlier events fetched late.
                    (Some(channel), _) if repeats > 0 => format!(
                        "announced on {channel}; {repeats} later event(s) did not announce it again"
                    ),
                    (Some(channel), _) => format!("announced on {channel}"),
                    (None, Some(Outcome::NotAnnounced(why))) => format!("not announced: {why}"),
                    (None, Some(Outcome::Deleted)) => "deleted".to_owned(),
                    (None, _) => "no event handled".to_owned(),
                };
                format!("{}: {verdict}", sample.name)
            })
            .collect()
    }
}

/// Runs the demo through `client` on `emulator` with `rules`, whose
/// channels are replaced by capture channels (`new-business`, `expansion`,
/// and `deals` for the rest).
pub async fn run(
    client: &Client,
    emulator: &RunningEmulator,
    rules: Rules,
) -> anyhow::Result<Report> {
    let capture = Capture::start(|captured| {
        println!(
            "\n[slack #{}]\n{}",
            captured.channel,
            slack::render_text(&captured.message)
        );
    })
    .await?;
    let routes = [
        ("New business", "new-business"),
        ("Expansion", "expansion"),
        ("default", "deals"),
    ]
    .map(|(deal_type, channel)| format!("{deal_type}={}", capture.url(channel)).parse::<Route>());
    let rules = Rules {
        channels: Channels::new(routes.into_iter().collect::<Result<Vec<_>, _>>()?)?,
        ..rules
    };
    println!(
        "announcing deals reaching {} worth more than {} (Slack replaced by {})",
        rules.stage,
        rules.min_value,
        capture.url("…")
    );

    // The secret comes with the webhook, and the webhook needs the
    // receiver's URL: bind first, register, then serve.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .context("cannot listen on 127.0.0.1 for webhooks")?;
    let url = format!("http://{}{}", listener.local_addr()?, server::WEBHOOK_PATH);
    let watch = server::stage_watch(client).await?;
    let webhook = client
        .create_webhook(&url, &server::subscriptions(&watch))
        .await
        .context("cannot register the webhook with the emulator")?;
    let announcer = Arc::new(Announcer::new(
        client.clone(),
        server::SlackWebhook::new()?,
        rules,
    ));
    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let seen = outcomes.clone();
    let (app, receiver) =
        server::receiver(webhook.secret, watch, announcer, move |deal, outcome| {
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((deal.clone(), outcome.clone()));
        });
    let serving = tokio::spawn(async move { axum::serve(listener, app).await });

    let deals = move_sample_deals(client).await?;
    let name_of = |id: &RecordId| {
        deals
            .iter()
            .find(|(deal, _)| deal == id)
            .map_or_else(|| id.to_string(), |(_, name)| (*name).to_owned())
    };

    settle(emulator, &receiver).await?;
    receiver.close();
    serving.abort();

    let mut tasks = Vec::new();
    for (deal, _) in &deals {
        tasks.extend(
            client
                .list_tasks(&TaskQuery::new().linked::<Deal>(deal))
                .await?,
        );
    }
    let outcomes = outcomes.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(Report {
        messages: capture.messages(),
        outcomes: outcomes
            .into_iter()
            .map(|(id, outcome)| (name_of(&id), outcome))
            .collect(),
        tasks,
        receiver: receiver.stats(),
    })
}

/// Waits until every event the emulator has queued so far is handled:
/// delivered, each attempt (the duplicates too) received, and the
/// receiver idle. Every write has queued its events by the time it is
/// answered, so after the last write this is the end of the run.
pub async fn settle(emulator: &RunningEmulator, receiver: &ReceiverHandle) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        let sent = emulator.webhook_stats();
        let got = receiver.stats();
        let received = got.accepted + got.duplicates + got.refused + got.full;
        if sent.delivered + sent.abandoned + sent.unsupported >= sent.messages
            && received >= sent.attempts
        {
            break;
        }
        anyhow::ensure!(
            started.elapsed() < SETTLE_TIMEOUT,
            "the emulator did not deliver every webhook event within {SETTLE_TIMEOUT:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    receiver.idle().await;
    Ok(())
}

/// One sample deal and the stages it goes through after `Lead`.
struct Sample {
    name: &'static str,
    deal_type: DealDealType,
    value: i32,
    company: (&'static str, &'static str),
    contact: (&'static str, &'static str, &'static str),
    stages: &'static [DealStage],
}

const SAMPLES: &[Sample] = &[
    Sample {
        name: "Acme platform",
        deal_type: DealDealType::NewBusiness,
        value: 48_000,
        company: ("Acme", "acme.com"),
        contact: ("Wile", "Coyote", "wile@acme.com"),
        stages: &[DealStage::InProgress, DealStage::Won],
    },
    Sample {
        name: "Globex extra seats",
        deal_type: DealDealType::Expansion,
        value: 6_000,
        company: ("Globex", "globex.com"),
        contact: ("Hank", "Scorpio", "hank@globex.com"),
        stages: &[DealStage::Won],
    },
    Sample {
        name: "Initech renewal",
        deal_type: DealDealType::Renewal,
        value: 24_000,
        company: ("Initech", "initech.com"),
        contact: ("Bill", "Lumbergh", "bill@initech.com"),
        stages: &[DealStage::InProgress, DealStage::Won],
    },
    Sample {
        name: "Umbrella pilot",
        deal_type: DealDealType::NewBusiness,
        value: 90_000,
        company: ("Umbrella", "umbrella.com"),
        contact: ("Alice", "Abernathy", "alice@umbrella.com"),
        stages: &[DealStage::InProgress, DealStage::Lost],
    },
];

/// Creates the sample deals in `Lead` and moves each through its stages;
/// returns their ids and names.
async fn move_sample_deals(client: &Client) -> anyhow::Result<Vec<(RecordId, &'static str)>> {
    let owner = ActorRef::workspace_member_email(EmailAddress::new(OWNER_EMAIL)?);
    let mut ids = Vec::new();
    for sample in SAMPLES {
        let (company, domain) = sample.company;
        let company = client
            .upsert_record(
                Company::DOMAINS,
                Company::write()
                    .name(company)
                    .domains([Domain::new(domain)?]),
            )
            .await?;
        let (first, last, email) = sample.contact;
        let contact = client
            .upsert_record(
                Person::EMAIL_ADDRESSES,
                Person::write()
                    .name(PersonalName::new(first, last))
                    .email_addresses([EmailAddress::new(email)?])
                    .company(RecordRef::<Company>::new(company.id.record_id.clone())),
            )
            .await?;
        let deal = client
            .create_record::<Deal>(
                Deal::write()
                    .name(sample.name)
                    .deal_type(sample.deal_type.clone())
                    .value(Currency::from(sample.value))
                    .stage(DealStage::Lead)
                    .owner(owner.clone())
                    .associated_company(RecordRef::<Company>::new(company.id.record_id))
                    .associated_people([RecordRef::<Person>::new(contact.id.record_id)]),
            )
            .await
            .with_context(|| format!("cannot create the sample deal {}", sample.name))?;
        // The attribute's currency is USD; a value written has no code yet.
        let value = slack::format_value(&Currency::from(sample.value));
        println!(
            "created {} ({}, {value} USD) in Lead",
            sample.name, sample.deal_type
        );
        for stage in sample.stages {
            client
                .update_record::<Deal>(&deal.id.record_id, Deal::write().stage(stage.clone()))
                .await?;
            println!("moved {} to {stage}", sample.name);
        }
        ids.push((deal.id.record_id, sample.name));
    }
    // A won deal reopened and won again has already been announced.
    if let Some((first, name)) = ids.first() {
        for stage in [DealStage::InProgress, DealStage::Won] {
            client
                .update_record::<Deal>(first, Deal::write().stage(stage.clone()))
                .await?;
            println!("moved {name} to {stage} (again)");
        }
    }
    Ok(ids)
}
