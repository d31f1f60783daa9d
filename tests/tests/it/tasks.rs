//! The runtime's typed task calls against the emulator: a task for a deal's
//! owner, listed with filters, completed, deleted; the members tasks are
//! assigned to, listed and fetched.

use attio_emulator::Emulator;
use attio_runtime::api::tasks::{NewTask, TaskQuery, TaskUpdate};
use attio_runtime::chrono::{TimeZone, Utc};
use attio_runtime::value::{ActorRef, ActorType};
use attio_runtime::{ErrorKind, WorkspaceMemberId};
use attio_tests::support::{self, MEMBER_ID};
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";
const MEMBER_EMAIL: &str = "ada@emulator.attio.dev";

#[tokio::test]
async fn a_task_for_a_deal_is_created_listed_completed_and_deleted() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let owner = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let deal = client
        .create_record::<Deal>(Deal::create(DealRequired {
            name: "Acme renewal".into(),
            owner: ActorRef::workspace_member(MEMBER_ID).unwrap(),
            stage: DealStage::InProgress,
        }))
        .await
        .unwrap();
    let deal_id = deal.id.record_id.clone();
    let due = Utc.with_ymd_and_hms(2030, 1, 2, 15, 0, 0).unwrap();

    let task = client
        .create_task(
            &NewTask::new("Call the buyer")
                .deadline(due)
                .linked::<Deal>(&deal_id)
                .assign(&owner),
        )
        .await
        .unwrap();
    assert_eq!(task.content_plaintext, "Call the buyer");
    assert_eq!(task.deadline_at, Some(due));
    assert!(!task.is_completed);
    assert_eq!(task.linked_records.len(), 1);
    assert_eq!(task.linked_records[0].target_record_id, deal_id);
    assert_eq!(
        task.linked_records[0].target_object_id,
        deal.id.object_id.as_str()
    );
    assert_eq!(task.assignees[0].referenced_actor_id, owner);
    assert_eq!(
        task.assignees[0].referenced_actor_type,
        ActorType::WorkspaceMember
    );
    let other = client
        .create_task(&NewTask::new("Unowned chore").completed())
        .await
        .unwrap();

    let ids = |tasks: Vec<attio_runtime::api::tasks::Task>| {
        tasks.into_iter().map(|t| t.id.task_id).collect::<Vec<_>>()
    };
    let task_id = task.id.task_id.clone();
    let other_id = other.id.task_id.clone();
    let every = client.list_tasks(&TaskQuery::new()).await.unwrap();
    assert_eq!(ids(every), [task_id.clone(), other_id.clone()]);
    let newest = client
        .list_tasks(&TaskQuery::new().newest_first())
        .await
        .unwrap();
    assert_eq!(ids(newest), [other_id.clone(), task_id.clone()]);
    let for_deal = TaskQuery::new().linked::<Deal>(&deal_id);
    assert_eq!(
        ids(client.list_tasks(&for_deal).await.unwrap()),
        vec![task_id.clone()]
    );
    let owned = TaskQuery::new().assignee_email(MEMBER_EMAIL);
    assert_eq!(
        ids(client.list_tasks(&owned).await.unwrap()),
        vec![task_id.clone()]
    );
    let unassigned = TaskQuery::new().unassigned();
    assert_eq!(
        ids(client.list_tasks(&unassigned).await.unwrap()),
        vec![other_id.clone()]
    );
    let open = TaskQuery::new().assignee(&owner).completed(false);
    assert_eq!(
        ids(client.list_tasks(&open).await.unwrap()),
        vec![task_id.clone()]
    );

    let done = client
        .update_task(&task_id, &TaskUpdate::new().completed(true).no_deadline())
        .await
        .unwrap();
    assert!(done.is_completed);
    assert_eq!(done.deadline_at, None);
    assert_eq!(done.linked_records, task.linked_records);
    assert!(client.get_task(&task_id).await.unwrap().is_completed);
    assert!(client.list_tasks(&open).await.unwrap().is_empty());

    client.delete_task(&task_id).await.unwrap();
    let gone = client.get_task(&task_id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound, "{gone}");
    assert_eq!(
        ids(client.list_tasks(&TaskQuery::new()).await.unwrap()),
        [other_id]
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn task_bodies_match_the_spec() {
    let Some(spec) = attio_tests::openapi::Spec::load("task_bodies_match_the_spec") else {
        return;
    };
    let owner = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let deal = attio_runtime::RecordId::new("e54b1781-560f-4aea-baf3-c2e5bbc58c79").unwrap();
    let due = Utc.with_ymd_and_hms(2030, 1, 2, 15, 0, 0).unwrap();
    let create = spec.operation("POST", "/v2/tasks").unwrap();
    let update = spec.operation("PATCH", "/v2/tasks/{task_id}").unwrap();
    let new_tasks = [
        NewTask::new("Bare"),
        NewTask::new("Full")
            .deadline(due)
            .completed()
            .linked::<Deal>(&deal)
            .assign(&owner)
            .assign_email(MEMBER_EMAIL),
    ];
    for task in &new_tasks {
        assert_eq!(spec.validate_request(&create, &task.body()), Ok(true));
    }
    let updates = [
        TaskUpdate::new().completed(true).deadline(due),
        TaskUpdate::new()
            .no_deadline()
            .linked::<Deal>(&deal)
            .assign_email(MEMBER_EMAIL),
        TaskUpdate::new().no_links().unassign_all(),
    ];
    for change in &updates {
        assert_eq!(spec.validate_request(&update, &change.body()), Ok(true));
    }
}

#[tokio::test]
async fn the_members_tasks_are_assigned_to_are_listed_and_fetched() {
    let with_grace = Emulator::builder().member("Grace", "Hopper", "grace@emulator.attio.dev");
    let (emulator, client) = support::unlimited(with_grace, KEY).await;

    let members = client.list_workspace_members().await.unwrap();
    let emails: Vec<&str> = members.iter().map(|m| m.email_address.as_str()).collect();
    assert!(emails.contains(&MEMBER_EMAIL), "{emails:?}");
    assert!(emails.contains(&"grace@emulator.attio.dev"), "{emails:?}");

    let grace = members
        .iter()
        .find(|m| m.email_address.starts_with("grace"))
        .unwrap();
    let fetched = client
        .get_workspace_member(&grace.id.workspace_member_id)
        .await
        .unwrap();
    assert_eq!(&fetched, grace);
    assert_eq!(fetched.full_name(), "Grace Hopper");

    let unknown = WorkspaceMemberId::new("00000000-0000-4000-8000-000000000000").unwrap();
    let missing = client.get_workspace_member(&unknown).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound, "{missing}");
    emulator.shutdown().await;
}
