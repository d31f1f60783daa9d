//! The announcer against doubles: a workspace of a few records held in
//! Attio's read format, and a Slack that records (or refuses) posts.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use attio_runtime::api::members::WorkspaceMember;
use attio_runtime::api::tasks::{NewTask, Task};
use attio_runtime::chrono::{TimeDelta, TimeZone, Utc};
use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::{
    AttioApi, Decimal, DecodeError, Error, ErrorKind, Record, RecordId, RecordIdentity, Stored,
    ValueError, WorkspaceMemberId,
};

use super::notify::{Announcer, Notifier, Outcome};
use super::rules::{Channel, Channels, NotAnnounced, Route, Rules};
use crate::attio::{DealDealType, DealStage};

const OWNER: &str = "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01";
const ACME: &str = "00000000-0000-4000-8000-00000000000a";
const ADA: &str = "00000000-0000-4000-8000-00000000000b";

fn id(n: u32) -> RecordId {
    RecordId::new(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
}

/// A workspace whose records are `values` maps as Attio returns them, so
/// that `get_record` decodes them with the generated code, as the client does.
#[derive(Default)]
struct Workspace {
    records: HashMap<RecordId, (&'static str, Map<String, Value>)>,
    tasks: Mutex<Vec<Value>>,
    /// How many of the next task creations fail.
    failing_tasks: AtomicU32,
}

impl Workspace {
    fn with_acme() -> Workspace {
        let mut workspace = Workspace::default();
        workspace.insert(ACME, "companies", json!({"name": [{"value": "Acme"}]}));
        workspace.insert(
            ADA,
            "people",
            json!({
                "name": [{"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}],
                "email_addresses": [{"email_address": "ada@acme.com"}],
            }),
        );
        workspace
    }

    fn insert(&mut self, id: &str, object: &'static str, values: Value) {
        let Value::Object(values) = values else {
            panic!("values must be an object")
        };
        self.records
            .insert(RecordId::new(id).unwrap(), (object, values));
    }

    /// A deal of `deal_type` worth `value` USD in `stage`, at Acme with Ada.
    fn deal(&mut self, n: u32, stage: &str, value: i64, deal_type: &str) -> RecordId {
        let deal = id(n);
        self.insert(
            deal.as_str(),
            "deals",
            json!({
                "name": [{"value": format!("Deal {n}")}],
                "stage": [{"status": {"title": stage}}],
                "value": [{"currency_value": value, "currency_code": "USD"}],
                "deal_type": [{"option": {"title": deal_type}}],
                "owner": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": OWNER}],
                "associated_company": [{"target_object": "companies", "target_record_id": ACME}],
                "associated_people": [{"target_object": "people", "target_record_id": ADA}],
            }),
        );
        deal
    }

    fn tasks(&self) -> Vec<Value> {
        self.tasks.lock().unwrap().clone()
    }
}

impl AttioApi for Workspace {
    fn get_record<R>(&self, id: &RecordId) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let answer = match self.records.get(id) {
            Some((object, values)) if *object == R::OBJECT => R::from_values(values)
                .map(|values| Stored {
                    id: RecordIdentity {
                        workspace_id: "w".into(),
                        object_id: (*object).into(),
                        record_id: id.clone(),
                    },
                    created_at: Utc::now(),
                    web_url: Some(format!("https://app.attio.com/test/{object}/{id}")),
                    values,
                })
                .map_err(Error::from),
            Some(_) => {
                Err(DecodeError::new(R::OBJECT, "the double holds another object's record").into())
            }
            None => Err(Error::new(
                ErrorKind::NotFound,
                "the double has no such record",
            )),
        };
        std::future::ready(answer)
    }

    async fn get_workspace_member(
        &self,
        member: &WorkspaceMemberId,
    ) -> Result<WorkspaceMember, Error> {
        if member.as_str() != OWNER {
            return Err(Error::new(
                ErrorKind::NotFound,
                "no such member in the double",
            ));
        }
        let found = json!({
            "id": {"workspace_id": "00000000-0000-4000-8000-0000000000ff",
                   "workspace_member_id": OWNER},
            "first_name": "Ada", "last_name": "Admin", "avatar_url": null,
            "email_address": "ada@acme.com", "access_level": "admin",
            "created_at": "2030-01-01T00:00:00.000000000Z",
        });
        Ok(attio_runtime::serde_json::from_value(found).unwrap())
    }

    async fn create_task(&self, task: &NewTask) -> Result<Task, Error> {
        let failing = self.failing_tasks.load(Ordering::SeqCst);
        if failing > 0 {
            self.failing_tasks.store(failing - 1, Ordering::SeqCst);
            return Err(ValueError::new("task", "content", "tasks are down").into());
        }
        let mut tasks = self.tasks.lock().unwrap();
        tasks.push(task.body()["data"].clone());
        let created = json!({
            "id": {"workspace_id": "00000000-0000-4000-8000-0000000000ff",
                   "task_id": format!("00000000-0000-4000-9000-{:012}", tasks.len())},
            "content_plaintext": task.body()["data"]["content"],
            "deadline_at": task.body()["data"]["deadline_at"],
            "is_completed": false, "linked_records": [], "assignees": [],
            "created_by_actor": {"type": "api-token", "id": null},
            "created_at": "2030-01-01T00:00:00.000000000Z",
        });
        Ok(attio_runtime::serde_json::from_value(created).unwrap())
    }
}

/// A Slack that records each post by channel name, or refuses the next ones.
#[derive(Default)]
struct Slack {
    posts: Mutex<Vec<(String, Value)>>,
    failing: AtomicU32,
}

impl Notifier for Slack {
    async fn post(&self, channel: &Channel, message: &Value) -> anyhow::Result<()> {
        let failing = self.failing.load(Ordering::SeqCst);
        if failing > 0 {
            self.failing.store(failing - 1, Ordering::SeqCst);
            anyhow::bail!("slack is down");
        }
        self.posts
            .lock()
            .unwrap()
            .push((channel.name().to_owned(), message.clone()));
        Ok(())
    }
}

impl Slack {
    fn channels(&self) -> Vec<String> {
        self.posts
            .lock()
            .unwrap()
            .iter()
            .map(|(c, _)| c.clone())
            .collect()
    }
}

fn rules() -> Rules {
    let routes = [
        "New business=https://hooks.slack.com/services/T/B/new",
        "Expansion=https://hooks.slack.com/services/T/B/expansion",
    ];
    Rules {
        stage: DealStage::Won,
        min_value: Decimal::from(10_000),
        channels: Channels::new(routes.map(|r| r.parse::<Route>().unwrap())).unwrap(),
        task_due_in: TimeDelta::days(3),
    }
}

fn announcer(workspace: Workspace) -> Announcer<Workspace, Slack> {
    Announcer::new(workspace, Slack::default(), rules())
}

fn now() -> attio_runtime::chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 2, 9, 0, 0).unwrap()
}

#[tokio::test]
async fn a_won_deal_above_the_threshold_is_posted_to_its_channel_with_a_task_for_the_owner() {
    let mut workspace = Workspace::with_acme();
    let deal = workspace.deal(1, "Won 🎉", 48_000, "Expansion");
    let announcer = announcer(workspace);

    let outcome = announcer.deal_moved(&deal, now()).await.unwrap();
    let Outcome::Announced { channel, .. } = outcome else {
        panic!("expected an announcement, got {outcome:?}")
    };
    assert_eq!(channel, "Expansion");

    let posts = announcer.notifier().posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 1);
    let fields: Vec<&str> = posts[0].1["blocks"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    let url = format!("https://app.attio.com/test/deals/{deal}");
    assert_eq!(
        fields,
        [
            format!("*Deal*\n<{url}|Deal 1>").as_str(),
            "*Value*\n48,000 USD",
            "*Company*\nAcme",
            "*Contact*\nAda Lovelace (<mailto:ada@acme.com|ada@acme.com>)",
            "*Owner*\nAda Admin",
            "*Type*\nExpansion",
        ]
    );

    let tasks = announcer.api().tasks();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["content"], "Kick off onboarding for Acme");
    assert_eq!(tasks[0]["deadline_at"], "2030-01-05T09:00:00.000000000Z");
    assert_eq!(
        tasks[0]["linked_records"],
        json!([{"target_object": "deals", "target_record_id": deal.as_str()}])
    );
    assert_eq!(
        tasks[0]["assignees"],
        json!([{"referenced_actor_type": "workspace-member", "referenced_actor_id": OWNER}])
    );
}

#[tokio::test]
async fn an_owner_the_workspace_no_longer_knows_is_shown_by_id() {
    let mut workspace = Workspace::with_acme();
    let deal = workspace.deal(1, "Won 🎉", 48_000, "Expansion");
    let gone = "6a1b2c3d-0000-4000-8000-00000000dead";
    let (_, values) = workspace.records.get_mut(&deal).unwrap();
    values["owner"] =
        json!([{"referenced_actor_type": "workspace-member", "referenced_actor_id": gone}]);
    let announcer = announcer(workspace);

    let outcome = announcer.deal_moved(&deal, now()).await.unwrap();
    assert!(matches!(outcome, Outcome::Announced { .. }), "{outcome:?}");
    let posts = announcer.notifier().posts.lock().unwrap().clone();
    let owner = posts[0].1["blocks"][1]["fields"][4]["text"].clone();
    assert_eq!(owner, json!(format!("*Owner*\n{gone}")));
}

#[tokio::test]
async fn a_deal_is_announced_once_however_often_its_events_arrive() {
    let mut workspace = Workspace::with_acme();
    let deal = workspace.deal(1, "Won 🎉", 48_000, "New business");
    let announcer = announcer(workspace);
    assert!(matches!(
        announcer.deal_moved(&deal, now()).await.unwrap(),
        Outcome::Announced { .. }
    ));
    for _ in 0..3 {
        assert_eq!(
            announcer.deal_moved(&deal, now()).await.unwrap(),
            Outcome::AlreadyAnnounced
        );
    }
    assert_eq!(announcer.notifier().channels(), ["New business"]);
    assert_eq!(announcer.api().tasks().len(), 1);
}

#[tokio::test]
async fn other_stages_small_deals_and_unrouted_types_are_not_announced() {
    let mut workspace = Workspace::with_acme();
    let lost = workspace.deal(1, "Lost", 48_000, "New business");
    let small = workspace.deal(2, "Won 🎉", 9_999, "New business");
    let renewal = workspace.deal(3, "Won 🎉", 48_000, "Renewal");
    let announcer = announcer(workspace);

    assert_eq!(
        announcer.deal_moved(&lost, now()).await.unwrap(),
        Outcome::NotAnnounced(NotAnnounced::OtherStage(Some(DealStage::Lost)))
    );
    assert_eq!(
        announcer.deal_moved(&small, now()).await.unwrap(),
        Outcome::NotAnnounced(NotAnnounced::BelowThreshold(Some(Decimal::from(9_999))))
    );
    assert_eq!(
        announcer.deal_moved(&renewal, now()).await.unwrap(),
        Outcome::NotAnnounced(NotAnnounced::NoChannel(Some(DealDealType::Renewal)))
    );
    assert_eq!(
        announcer.deal_moved(&id(99), now()).await.unwrap(),
        Outcome::Deleted,
        "a deal deleted since its event is not announced"
    );
    assert!(
        announcer
            .deal_moved(&RecordId::new(ACME).unwrap(), now())
            .await
            .is_err(),
        "a deal that cannot be read is an error for the receiver to retry"
    );
    assert!(announcer.notifier().channels().is_empty());
    assert!(announcer.api().tasks().is_empty());
}

#[tokio::test]
async fn after_a_failure_a_retry_does_only_what_is_missing() {
    let mut workspace = Workspace::with_acme();
    let deal = workspace.deal(1, "Won 🎉", 48_000, "New business");
    workspace.failing_tasks.store(1, Ordering::SeqCst);
    let announcer = announcer(workspace);
    announcer.notifier().failing.store(1, Ordering::SeqCst);

    let slack_down = announcer.deal_moved(&deal, now()).await.unwrap_err();
    assert!(
        format!("{slack_down:#}").contains("slack is down"),
        "{slack_down:#}"
    );
    assert!(announcer.notifier().channels().is_empty());

    let tasks_down = announcer.deal_moved(&deal, now()).await.unwrap_err();
    assert!(
        format!("{tasks_down:#}").contains("onboarding task"),
        "{tasks_down:#}"
    );
    assert_eq!(announcer.notifier().channels(), ["New business"]);

    assert!(matches!(
        announcer.deal_moved(&deal, now()).await.unwrap(),
        Outcome::Announced { .. }
    ));
    assert_eq!(
        announcer.notifier().channels(),
        ["New business"],
        "posted once"
    );
    assert_eq!(announcer.api().tasks().len(), 1);
}

#[tokio::test]
async fn a_deal_without_company_or_contact_is_announced_with_what_it_has() {
    let mut workspace = Workspace::default();
    let deal = id(1);
    workspace.insert(
        deal.as_str(),
        "deals",
        json!({
            "name": [{"value": "Pilot"}],
            "stage": [{"status": {"title": "Won 🎉"}}],
            "value": [{"currency_value": 12_500.5, "currency_code": "EUR"}],
            "deal_type": [{"option": {"title": "New business"}}],
        }),
    );
    let announcer = announcer(workspace);
    assert!(matches!(
        announcer.deal_moved(&deal, now()).await.unwrap(),
        Outcome::Announced { .. }
    ));
    let posts = announcer.notifier().posts.lock().unwrap().clone();
    let fields = &posts[0].1["blocks"][1]["fields"];
    assert_eq!(fields[1]["text"], "*Value*\n12,500.50 EUR");
    assert_eq!(fields[2]["text"], "*Company*\n—");
    assert_eq!(fields[3]["text"], "*Contact*\n—");
    assert_eq!(fields[4]["text"], "*Owner*\n—");
    let task = &announcer.api().tasks()[0];
    assert_eq!(
        task["content"], "Kick off onboarding for Pilot",
        "without a company the task names the deal"
    );
    assert_eq!(
        task["assignees"],
        json!([]),
        "without an owner nobody is assigned"
    );
}
