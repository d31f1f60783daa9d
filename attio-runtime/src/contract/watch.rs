//! Watching while running: the check again for one object or list when
//! Attio sends a schema event about it, or on an interval.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::check::check_group;
use super::expected::{groups, Group};
use super::report::DriftReport;
use super::Contract;
use crate::webhooks::Event;
use crate::{Client, Error, Target};

type OnDrift = Arc<dyn Fn(&DriftReport) + Send + Sync>;

/// Checks contracts again while the program runs, and reports drift through
/// a callback and a `tracing` event (an error when the drift breaks this
/// code, a warning when it is harmless), once per new report of an object
/// or list.
///
/// Two ways to run it, together or alone:
/// - [`Watch::handle`] for each webhook event: the object-attribute,
///   list-attribute and list events (Attio sends an attribute's
///   `….updated` when its options or statuses change too) re-check the
///   object or list they name, within the handling of the event;
/// - [`Watch::poll`], a fallback for a program without webhooks: one object
///   or list per interval, in turn (the reads of [`Client::verify`] for it:
///   its attributes, and the options or statuses of the enums it writes).
///
/// ```no_run
/// use std::time::Duration;
/// use attio_runtime::contract::Watch;
/// # #[cfg(feature = "axum")] // the receiver is the `axum` feature's
/// use attio_runtime::webhooks::{Receiver, Work};
/// use attio_runtime::{Client, Model};
/// # #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// # #[attio(object = "people", schema = "../fixtures/workspace/attio-schema.json")]
/// # struct Person { job_title: Option<String> }
///
/// # #[cfg(feature = "axum")]
/// # async fn run(client: Client) -> Result<(), attio_runtime::Error> {
/// let watch = Watch::new(client, &[Person::CONTRACT])
///     .on_drift(|report| eprintln!("{report}"));
/// let report = watch.verify().await?; // at start-up
/// if report.is_breaking() {
///     return Ok(()); // refuse to run
/// }
/// tokio::spawn(watch.clone().poll(Duration::from_secs(300)));
/// let events = watch.clone();
/// let (app, _receiver) = Receiver::new("secret").router("/attio", move |work: Work| {
///     let watch = events.clone();
///     async move {
///         for event in &work.events {
///             watch.handle(event).await?;
///         }
///         Ok::<(), attio_runtime::Error>(())
///     }
/// });
/// # let _ = app;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Watch {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    groups: Vec<Group<'static>>,
    /// Per group: its live UUID once read, and its last report.
    seen: Mutex<Vec<Seen>>,
    next: AtomicUsize,
    on_drift: Mutex<Option<OnDrift>>,
}

#[derive(Default)]
struct Seen {
    live_id: String,
    last: DriftReport,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let slugs: Vec<&str> = self.inner.groups.iter().map(|g| g.slug).collect();
        f.debug_struct("Watch")
            .field("watching", &slugs)
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// Watches `contracts` through `client`.
    pub fn new(client: Client, contracts: &[&'static Contract]) -> Watch {
        let groups = groups(contracts);
        let seen = groups.iter().map(|_| Seen::default()).collect();
        Watch {
            inner: Arc::new(Inner {
                client,
                groups,
                seen: Mutex::new(seen),
                next: AtomicUsize::new(0),
                on_drift: Mutex::new(None),
            }),
        }
    }

    /// Calls `f` with each new report that is not clean (one per object or
    /// list whose differences changed since its last check), in place of
    /// the callback set before; every clone of the watch shares it.
    pub fn on_drift(self, f: impl Fn(&DriftReport) + Send + Sync + 'static) -> Watch {
        *lock(&self.inner.on_drift) = Some(Arc::new(f));
        self
    }

    /// Checks every object and list now, as [`Client::verify`] does, and
    /// reports what is new.
    pub async fn verify(&self) -> Result<DriftReport, Error> {
        let mut report = DriftReport::default();
        for index in 0..self.inner.groups.len() {
            report.extend(self.check(index).await?);
        }
        Ok(report)
    }

    /// For a schema event about a watched object or list, checks it again
    /// and returns its report; `None` for any other event.
    pub async fn handle(&self, event: &Event) -> Result<Option<DriftReport>, Error> {
        let (target, id) = match event {
            Event::ObjectAttributeCreated(e) | Event::ObjectAttributeUpdated(e) => {
                (Target::Object, e.id.object_id.as_str())
            }
            Event::ListAttributeCreated(e) | Event::ListAttributeUpdated(e) => {
                (Target::List, e.id.list_id.as_str())
            }
            Event::ListUpdated(e) | Event::ListDeleted(e) => (Target::List, e.id.list_id.as_str()),
            _ => return Ok(None),
        };
        let Some(index) = self.group_of(target, id) else {
            return Ok(None);
        };
        self.check(index).await.map(Some)
    }

    /// Checks one object or list per `every`, in turn, forever: spawn it.
    /// A failed read is logged and tried again at its next turn.
    pub async fn poll(self, every: Duration) {
        let count = self.inner.groups.len();
        if count == 0 {
            return;
        }
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let index = self.inner.next.fetch_add(1, Ordering::Relaxed) % count;
            if let Err(error) = self.check(index).await {
                tracing::warn!(%error, slug = self.inner.groups[index].slug, "schema check failed; trying again at its next turn");
            }
        }
    }

    /// The group an event's UUID names: by the UUID read live, else by the
    /// snapshot's.
    fn group_of(&self, target: Target, id: &str) -> Option<usize> {
        let seen = self.seen();
        self.inner.groups.iter().enumerate().position(|(i, g)| {
            g.target == target && (seen[i].live_id == id || g.contracts.iter().any(|c| c.id == id))
        })
    }

    fn seen(&self) -> MutexGuard<'_, Vec<Seen>> {
        lock(&self.inner.seen)
    }

    /// Checks group `index`, remembers it, and reports it when it is new.
    async fn check(&self, index: usize) -> Result<DriftReport, Error> {
        let (report, live_id) = check_group(&self.inner.client, &self.inner.groups[index]).await?;
        let new = {
            let mut seen = self.seen();
            let seen = &mut seen[index];
            if !live_id.is_empty() {
                seen.live_id = live_id;
            }
            let new = seen.last.findings != report.findings;
            seen.last = report.clone();
            new
        };
        if new && !report.is_clean() {
            if report.is_breaking() {
                tracing::error!("schema drift breaks this code: {report}");
            } else {
                tracing::warn!("harmless schema drift: {report}");
            }
            // Called outside the lock, so that it may use the watch.
            let on_drift = lock(&self.inner.on_drift).clone();
            if let Some(on_drift) = on_drift {
                on_drift(&report);
            }
        }
        Ok(report)
    }
}

/// A lock whose data stays consistent if a holder panicked: it only ever
/// holds whole values.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
