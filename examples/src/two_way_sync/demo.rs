//! The program's demo against the in-process emulator: three customers
//! pushed, concurrent edits on both sides, and how the policy settled them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use attio_emulator::{RunningEmulator, WebhookDelivery};
use attio_runtime::Client;
use attio_runtime::RecordId;
use chrono::Utc;

use super::policy::{Fields, Policy};
use super::reconcile::Outcome;
use super::server::{Options, TwoWaySync};
use super::store::{timestamp, Store};
use super::transform::fields_of;
use crate::attio::Person;

/// The emulator's webhook delivery for the demo: as Attio's may be, at
/// least once (some events twice) and out of order.
pub fn delivery() -> WebhookDelivery {
    WebhookDelivery::default()
        .seed(7)
        .duplicate_probability(0.3)
        .max_extra_delay(Duration::from_millis(50))
}

/// How long [`TwoWaySync::quiesce`] may take in the demo.
const SETTLE: Duration = Duration::from_secs(30);

/// What the demo came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Writes the sync sent for the first push of the seeded customers.
    pub first_push_writes: u64,
    /// Writes the sync sent to settle the concurrent edits.
    pub settle_writes: u64,
    /// Events that found both sides agreeing and wrote nothing: echoes of
    /// the sync's own writes, and events already handled.
    pub in_sync: u64,
    /// Deliveries the receiver recognised as duplicates and dropped.
    pub duplicates: u64,
    /// Whether the table and Attio hold the same values at the end.
    pub agree: bool,
}

/// A database file in the temporary directory, removed (with SQLite's
/// companion files) when dropped.
struct TempDatabase(PathBuf);

impl TempDatabase {
    /// A fresh file: one left by a run that crashed is removed first.
    fn new() -> TempDatabase {
        let path =
            std::env::temp_dir().join(format!("two-way-sync-demo-{}.db", std::process::id()));
        remove(&path);
        TempDatabase(path)
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        remove(&self.0);
    }
}

fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.to_owned().into_os_string();
        file.push(suffix);
        // Absent is fine: there is nothing to clean up.
        let _ = std::fs::remove_file(file);
    }
}

fn seed() -> [(&'static str, Fields); 3] {
    let fields = |name: &str, title: &str, phone: &str| Fields {
        name: Some(name.into()),
        job_title: Some(title.into()),
        phone: Some(phone.into()),
    };
    [
        (
            "ada@analytical-engines.com",
            fields("Ada Lovelace", "Analyst", "+1 415 555 0101"),
        ),
        (
            "grace@harvard-mark.com",
            fields("Grace Hopper", "Programmer", "+1 415 555 0102"),
        ),
        (
            "katherine@langley-research.com",
            fields("Katherine Johnson", "Mathematician", "+1 415 555 0103"),
        ),
    ]
}

/// Runs the demo on `emulator` under `policy`, writing its narration to
/// `out`. `client` is the sync's; the "other Attio user" edits through a
/// client of its own, so that the sync's write counts are its own.
pub async fn run(
    emulator: &RunningEmulator,
    client: Client,
    policy: Policy,
    out: &mut impl std::io::Write,
) -> anyhow::Result<Report> {
    let database = TempDatabase::new();
    let path = &database.0;
    let store = Arc::new(Store::open(path)?);
    for (email, fields) in seed() {
        store.insert(email, &fields, Utc::now())?;
    }
    writeln!(out, "policy: {policy}")?;
    writeln!(out, "table {} seeded with 3 customers", path.display())?;

    let lines = Arc::new(Mutex::new(Vec::new()));
    let in_sync = Arc::new(AtomicU64::new(0));
    let mut options = Options::new(policy);
    options.push_every = None; // pushed by `quiesce`, so the story reads in order
    options.on_outcome = {
        let (lines, in_sync) = (lines.clone(), in_sync.clone());
        Arc::new(move |outcome: &Outcome| match outcome {
            Outcome::InSync { .. } => {
                in_sync.fetch_add(1, Ordering::Relaxed);
            }
            other => lines
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(other.to_string()),
        })
    };
    let sync = TwoWaySync::start(client, store.clone(), options).await?;
    let before = sync.reconciler().api().stats();
    sync.quiesce(emulator, SETTLE).await?;
    let first_push = sync.reconciler().api().stats().since(&before);
    writeln!(out, "\nfirst push ({}):", writes(first_push.writes))?;
    print_lines(out, &lines)?;

    let editor = crate::connect::emulator_client(emulator)
        .build()
        .context("cannot set up the demo's second client")?;
    writeln!(out, "\nconcurrent edits, before the sync sees either side:")?;
    // Counted from before the edits: the webhooks they cause are handled
    // at once.
    let before = sync.reconciler().api().stats();
    edit(&store, &editor, &mut *out).await?;
    sync.quiesce(emulator, SETTLE).await?;
    let settle = sync.reconciler().api().stats().since(&before);
    writeln!(out, "\nresolution ({}):", writes(settle.writes))?;
    print_lines(out, &lines)?;

    writeln!(out, "\nafterwards:")?;
    let mut agree = true;
    for row in store.all()? {
        let id = RecordId::new(row.attio_record_id.as_deref().unwrap_or_default())
            .with_context(|| format!("customer {} was never linked to Attio", row.email))?;
        let person = sync.reconciler().api().get_record::<Person>(&id).await?;
        let attio = fields_of(&person.values);
        agree &= attio == row.fields;
        writeln!(
            out,
            "  {:<31} {:<18} {:<23} {:<13} {}",
            row.email,
            row.fields.name.as_deref().unwrap_or("-"),
            row.fields.job_title.as_deref().unwrap_or("-"),
            row.fields.phone.as_deref().unwrap_or("-"),
            if attio == row.fields {
                "= Attio"
            } else {
                "≠ Attio"
            }
        )?;
    }
    let in_sync = in_sync.load(Ordering::Relaxed);
    let duplicates = sync.receiver().stats().duplicates;
    writeln!(
        out,
        "\n{in_sync} events found both sides agreeing (echoes of the sync's own writes) and wrote \
         nothing; {duplicates} duplicate deliveries were dropped"
    )?;
    sync.stop().await?;
    Ok(Report {
        first_push_writes: first_push.writes,
        settle_writes: settle.writes,
        in_sync,
        duplicates,
        agree,
    })
}

fn writes(count: u64) -> String {
    match count {
        1 => "1 write to Attio".to_owned(),
        n => format!("{n} writes to Attio"),
    }
}

fn print_lines(out: &mut impl std::io::Write, lines: &Mutex<Vec<String>>) -> std::io::Result<()> {
    for line in lines.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// The application edits the table with SQL while someone edits Attio.
async fn edit(store: &Store, editor: &Client, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let local = |email: &str, column: &str, value: &str| -> anyhow::Result<()> {
        let sql = format!("UPDATE customers SET {column} = ?1, updated_at = ?2 WHERE email = ?3");
        store.execute(&sql, rusqlite::params![value, timestamp(Utc::now()), email])?;
        Ok(())
    };
    let id_of = |email: &str| -> anyhow::Result<RecordId> {
        let row = store.row(email)?.context("a seeded customer is missing")?;
        Ok(RecordId::new(
            row.attio_record_id.as_deref().unwrap_or_default(),
        )?)
    };
    let [ada, grace, katherine] = seed().map(|(email, _)| email);

    local(ada, "phone", "+14155550199")?;
    writeln!(out, "  table: {ada} phone → +14155550199")?;
    editor
        .update_record::<Person>(
            &id_of(ada)?,
            Person::write().job_title("Countess of Lovelace"),
        )
        .await?;
    writeln!(out, "  Attio: {ada} job_title → Countess of Lovelace")?;

    local(grace, "phone", "+14155550142")?;
    writeln!(out, "  table: {grace} phone → +14155550142")?;
    let phone = attio_runtime::value::PhoneNumber::new("+14155550177")?;
    editor
        .update_record::<Person>(&id_of(grace)?, Person::write().phone_numbers([phone]))
        .await?;
    writeln!(
        out,
        "  Attio: {grace} phone → +14155550177 (the later edit)"
    )?;

    editor
        .update_record::<Person>(
            &id_of(katherine)?,
            Person::write().job_title("Research Mathematician"),
        )
        .await?;
    writeln!(
        out,
        "  Attio: {katherine} job_title → Research Mathematician"
    )?;
    Ok(())
}
