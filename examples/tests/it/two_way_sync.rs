//! two-way-sync end to end: a table and the emulator's people, webhooks
//! delivered signed, duplicated and out of order; concurrent edits on both
//! sides under each policy; at quiescence both sides agree with the policy
//! applied, and the sync wrote to Attio exactly what the edits required.

use std::sync::Arc;
use std::time::Duration;

use attio_emulator::{RunningEmulator, WebhookDelivery};
use attio_examples::attio::Person;
use attio_examples::connect;
use attio_examples::two_way_sync::demo;
use attio_examples::two_way_sync::policy::{Fields, Owners, Policy};
use attio_examples::two_way_sync::server::{Options, TwoWaySync};
use attio_examples::two_way_sync::store::{timestamp, Store};
use attio_examples::two_way_sync::transform::fields_of;
use attio_runtime::value::{PersonalName, PhoneNumber};
use attio_runtime::RecordId;
use attio_runtime::{Client, RateLimits};
use chrono::Utc;

const SETTLE: Duration = Duration::from_secs(30);

async fn emulator() -> (RunningEmulator, Client) {
    let delivery = WebhookDelivery::default()
        .seed(14)
        .duplicate_probability(0.3)
        .max_extra_delay(Duration::from_millis(30));
    let emulator = connect::emulator_builder()
        .without_rate_limits()
        .webhook_delivery(delivery)
        .start()
        .await
        .unwrap();
    let client = client_of(&emulator);
    (emulator, client)
}

fn client_of(emulator: &RunningEmulator) -> Client {
    connect::emulator_client(emulator)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap()
}

fn fields(name: &str, job_title: &str, phone: &str) -> Fields {
    Fields {
        name: Some(name.into()),
        job_title: Some(job_title.into()),
        phone: Some(phone.into()),
    }
}

/// The customers: one per kind of edit.
const BOTH_FIELDS: &str = "ada@analytical-engines.com"; // different fields on each side
const TITLE_ATTIO_LATER: &str = "grace@harvard-mark.com"; // job_title on both, Attio's later
const NAME_LOCAL_LATER: &str = "katherine@langley-research.com"; // name on both, the table's later
const PHONE_ATTIO_LATER: &str = "hedy@frequency-hopping.com"; // phone on both, Attio's later
const ATTIO_ONLY: &str = "dorothy@vaughan-computing.com";
const LOCAL_ONLY: &str = "mary@jackson-engineering.com";

fn seed(store: &Store) {
    for (i, email) in [
        BOTH_FIELDS,
        TITLE_ATTIO_LATER,
        NAME_LOCAL_LATER,
        PHONE_ATTIO_LATER,
        ATTIO_ONLY,
        LOCAL_ONLY,
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("Customer {i}");
        let phone = format!("+1 415 555 01{i:02}");
        store
            .insert(email, &fields(&name, "Engineer", &phone), Utc::now())
            .unwrap();
    }
}

/// The application's edit of `email`'s row, stamped `seconds_ahead` from now.
fn edit_locally(store: &Store, email: &str, column: &str, value: &str, seconds_ahead: i64) {
    let at = Utc::now() + chrono::Duration::seconds(seconds_ahead);
    let sql = format!("UPDATE customers SET {column} = ?1, updated_at = ?2 WHERE email = ?3");
    let changed = store
        .execute(&sql, rusqlite::params![value, timestamp(at), email])
        .unwrap();
    assert_eq!(changed, 1);
}

fn id_of(store: &Store, email: &str) -> RecordId {
    let row = store.row(email).unwrap().unwrap();
    RecordId::new(row.attio_record_id.as_deref().unwrap()).unwrap()
}

/// Seeds, pushes, edits both sides concurrently, and returns the table's
/// values of each customer once quiet, after checking that Attio holds the
/// same and that the sync wrote `expected_writes` times to settle.
async fn run(policy: Policy, expected_writes: u64) -> Vec<(String, Fields)> {
    let (emulator, client) = emulator().await;
    let store = Arc::new(Store::in_memory().unwrap());
    seed(&store);
    let mut options = Options::new(policy);
    options.push_every = None; // pushes only when quiesce asks, so edits stay concurrent
    let sync = TwoWaySync::start(client, store.clone(), options)
        .await
        .unwrap();
    let before = sync.reconciler().api().stats();
    sync.quiesce(&emulator, SETTLE).await.unwrap();
    let first = sync.reconciler().api().stats().since(&before);
    assert_eq!(first.writes, 6, "one upsert per new customer");

    // Each local edit is made before the Attio edit of the same field, so
    // that the sync sees both at once whichever arrives first. Where the
    // table's edit must be the later one, it is stamped ahead, as an edit
    // made offline and uploaded late would be.
    let editor = client_of(&emulator);
    let before = sync.reconciler().api().stats();
    let update = |email: &str, write| {
        let id = id_of(&store, email);
        let editor = editor.clone();
        async move { editor.update_record::<Person>(&id, write).await.unwrap() }
    };
    edit_locally(&store, BOTH_FIELDS, "phone", "+14155550999", 0);
    update(BOTH_FIELDS, Person::write().job_title("Countess")).await;
    edit_locally(&store, TITLE_ATTIO_LATER, "job_title", "Admiral", 0);
    update(TITLE_ATTIO_LATER, Person::write().job_title("Commodore")).await;
    edit_locally(&store, NAME_LOCAL_LATER, "name", "Katherine Local", 60);
    update(
        NAME_LOCAL_LATER,
        Person::write().name(PersonalName::new("Katherine", "Attio")),
    )
    .await;
    edit_locally(&store, PHONE_ATTIO_LATER, "phone", "+14155550888", 0);
    let phone = PhoneNumber::new("+14155550777").unwrap();
    update(PHONE_ATTIO_LATER, Person::write().phone_numbers([phone])).await;
    update(ATTIO_ONLY, Person::write().job_title("Supervisor")).await;
    edit_locally(&store, LOCAL_ONLY, "job_title", "Aerospace Engineer", 0);

    sync.quiesce(&emulator, SETTLE).await.unwrap();
    let settle = sync.reconciler().api().stats().since(&before);

    let mut values = Vec::new();
    for row in store.all().unwrap() {
        let person = editor
            .get_record::<Person>(&id_of(&store, &row.email))
            .await
            .unwrap();
        assert_eq!(
            fields_of(&person.values),
            row.fields,
            "{} disagrees",
            row.email
        );
        values.push((row.email, row.fields));
    }
    assert!(
        emulator.webhook_stats().duplicates > 0,
        "the plan sent duplicates"
    );
    assert_eq!(
        sync.receiver().stats().refused,
        0,
        "every delivery verified"
    );
    assert_eq!(
        settle.writes, expected_writes,
        "no write loop, no lost write"
    );

    // Quiet means quiet: another pass finds nothing to do.
    let before = sync.reconciler().api().stats();
    sync.quiesce(&emulator, SETTLE).await.unwrap();
    assert_eq!(sync.reconciler().api().stats().since(&before).writes, 0);
    sync.stop().await.unwrap();
    emulator.shutdown().await;
    values
}

fn value<'a>(values: &'a [(String, Fields)], email: &str) -> &'a Fields {
    &values.iter().find(|(e, _)| e == email).unwrap().1
}

/// What every policy agrees on: one-sided changes flow, both-field edits merge.
fn check_common(values: &[(String, Fields)]) {
    let ada = value(values, BOTH_FIELDS);
    assert_eq!(ada.phone.as_deref(), Some("+14155550999"));
    assert_eq!(ada.job_title.as_deref(), Some("Countess"));
    assert_eq!(
        value(values, ATTIO_ONLY).job_title.as_deref(),
        Some("Supervisor")
    );
    assert_eq!(
        value(values, LOCAL_ONLY).job_title.as_deref(),
        Some("Aerospace Engineer")
    );
    assert_eq!(
        value(values, TITLE_ATTIO_LATER).job_title.as_deref(),
        Some("Commodore"),
        "Attio's later edit, and Attio's field"
    );
}

#[tokio::test]
async fn last_writer_wins_by_timestamp_with_one_write_per_winning_local_edit() {
    // Writes: Ada's phone, Katherine's name, Mary's title.
    let values = run(Policy::LastWriterWins, 3).await;
    check_common(&values);
    assert_eq!(
        value(&values, NAME_LOCAL_LATER).name.as_deref(),
        Some("Katherine Local")
    );
    assert_eq!(
        value(&values, PHONE_ATTIO_LATER).phone.as_deref(),
        Some("+14155550777")
    );
}

#[tokio::test]
async fn field_owners_win_their_fields_with_one_write_per_local_owned_edit() {
    // Writes: Ada's phone, Hedy's phone, Mary's title.
    let values = run(Policy::FieldOwner(Owners::default()), 3).await;
    check_common(&values);
    assert_eq!(
        value(&values, NAME_LOCAL_LATER).name.as_deref(),
        Some("Katherine Attio"),
        "names are Attio's, however late the table's edit"
    );
    assert_eq!(
        value(&values, PHONE_ATTIO_LATER).phone.as_deref(),
        Some("+14155550888"),
        "phones are the table's"
    );
}

#[tokio::test]
async fn the_demo_runs_to_agreement() {
    let (emulator, client) = emulator().await;
    let mut out = Vec::new();
    let report = demo::run(&emulator, client, Policy::LastWriterWins, &mut out)
        .await
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(report.agree, "{out}");
    assert_eq!(report.first_push_writes, 3, "{out}");
    assert_eq!(report.settle_writes, 1, "only Ada's phone goes out: {out}");
    assert!(out.contains("conflict on phone, Attio won"), "{out}");
    emulator.shutdown().await;
}
