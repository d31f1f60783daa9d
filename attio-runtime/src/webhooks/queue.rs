//! The bounded queue between acknowledging a delivery and processing it.
//!
//! Events carry ids only and receivers re-fetch, so several events for one
//! record that are still waiting can be processed as one [`Work`]: its fetch
//! sees the latest state, whatever order the deliveries came in. Two works
//! for the same record are never processed at once, so a slow, stale fetch
//! cannot finish after a fresh one.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;

use tokio::sync::Notify;

use super::Event;
use crate::ids::{ObjectId, RecordId};

/// What a handler is given: one event, or every waiting event of one
/// record, in arrival order.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    /// At least one event; several only for one record.
    pub events: Vec<Event>,
}

impl Work {
    /// The record these events are about, for record events.
    pub fn record(&self) -> Option<(&ObjectId, &RecordId)> {
        self.events.first().and_then(Event::record)
    }
}

type Key = (ObjectId, RecordId);

/// Why an event was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Full;

#[derive(Debug, Default)]
struct State {
    /// Waiting works with their sequence number, oldest first.
    waiting: VecDeque<(u64, Work)>,
    /// Record → sequence number of its waiting work.
    pending: HashMap<Key, u64>,
    /// Records whose work a worker holds now.
    in_flight: HashSet<Key>,
    next_seq: u64,
    closed: bool,
}

/// A queue of at most `capacity` waiting works.
#[derive(Debug)]
pub(crate) struct Queue {
    capacity: usize,
    coalesce: bool,
    state: Mutex<State>,
    ready: Notify,
    idle: Notify,
}

fn key(event: &Event) -> Option<Key> {
    event.record().map(|(o, r)| (o.clone(), r.clone()))
}

impl Queue {
    pub(crate) fn new(capacity: usize, coalesce: bool) -> Queue {
        Queue {
            capacity: capacity.max(1),
            coalesce,
            state: Mutex::new(State::default()),
            ready: Notify::new(),
            idle: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues the events of one delivery, all or none: `Full` when the
    /// ones that cannot join a waiting work do not fit.
    pub(crate) fn push(&self, events: Vec<Event>) -> Result<(), Full> {
        let mut state = self.lock();
        let joining = |state: &State, event: &Event| {
            self.coalesce && key(event).is_some_and(|k| state.pending.contains_key(&k))
        };
        let mut new_keys = HashSet::new();
        let needed = events
            .iter()
            .filter(|e| !joining(&state, e))
            .filter(|e| match key(e) {
                Some(k) if self.coalesce => new_keys.insert(k),
                _ => true,
            })
            .count();
        if state.waiting.len() + needed > self.capacity {
            return Err(Full);
        }
        for event in events {
            let k = key(&event).filter(|_| self.coalesce);
            if let Some(seq) = k.as_ref().and_then(|k| state.pending.get(k)).copied() {
                // Sequence numbers are increasing, so the deque is sorted by them.
                if let Ok(i) = state.waiting.binary_search_by_key(&seq, |(s, _)| *s) {
                    state.waiting[i].1.events.push(event);
                    continue;
                }
            }
            let seq = state.next_seq;
            state.next_seq += 1;
            if let Some(k) = k {
                state.pending.insert(k, seq);
            }
            state.waiting.push_back((
                seq,
                Work {
                    events: vec![event],
                },
            ));
        }
        drop(state);
        // `pop` takes its `Notified` before it looks, so waking the waiters
        // cannot miss one that is about to wait.
        self.ready.notify_waiters();
        Ok(())
    }

    /// The oldest waiting work whose record no worker holds, waiting for
    /// one; `None` once the queue is closed and empty. The caller must call
    /// [`done`](Self::done) with the work when it is finished.
    pub(crate) async fn pop(&self) -> Option<Work> {
        loop {
            let notified = self.ready.notified();
            {
                let mut state = self.lock();
                let free = state.waiting.iter().position(|(_, w)| {
                    w.events
                        .first()
                        .and_then(key)
                        .is_none_or(|k| !state.in_flight.contains(&k))
                });
                if let Some(i) = free {
                    let (_, work) = state.waiting.remove(i).unwrap_or_else(|| unreachable!());
                    if let Some(k) = work.events.first().and_then(key) {
                        state.pending.remove(&k);
                        state.in_flight.insert(k);
                    }
                    return Some(work);
                }
                if state.closed && state.waiting.is_empty() {
                    return None;
                }
            }
            notified.await;
        }
    }

    /// Marks a popped work finished, releasing its record.
    pub(crate) fn done(&self, work: &Work) {
        let mut state = self.lock();
        if let Some(k) = work.events.first().and_then(key) {
            state.in_flight.remove(&k);
        }
        let idle = state.waiting.is_empty() && state.in_flight.is_empty();
        drop(state);
        // A work for the released record may now be taken.
        self.ready.notify_waiters();
        if idle {
            self.idle.notify_waiters();
        }
    }

    /// Waiting works now.
    pub(crate) fn len(&self) -> usize {
        self.lock().waiting.len()
    }

    /// Waits until nothing is waiting or in flight.
    pub(crate) async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            {
                let state = self.lock();
                if state.waiting.is_empty() && state.in_flight.is_empty() {
                    return;
                }
            }
            notified.await;
        }
    }

    /// No more pushes; workers stop once the queue is empty.
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record_updated(record: &str, attribute: &str) -> Event {
        serde_json::from_value(json!({"event_type": "record.updated",
            "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
                   "record_id": record, "attribute_id": attribute},
            "actor": {"type": "system", "id": null}}))
        .unwrap()
    }

    fn list_created() -> Event {
        serde_json::from_value(json!({"event_type": "list.created",
            "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "list_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"},
            "actor": {"type": "system", "id": null}}))
        .unwrap()
    }

    const R1: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";
    const R2: &str = "0b7c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
    const A1: &str = "c8421a2b-5e0f-4c8a-9d7e-2b1f0e3a4c55";
    const A2: &str = "d9532b3c-6f1a-4d9b-8e8f-3c2a1f4b5d66";

    #[tokio::test]
    async fn waiting_events_of_one_record_become_one_work() {
        let queue = Queue::new(10, true);
        queue.push(vec![record_updated(R1, A1)]).unwrap();
        queue.push(vec![record_updated(R2, A1)]).unwrap();
        queue.push(vec![record_updated(R1, A2)]).unwrap();
        assert_eq!(queue.len(), 2);
        let first = queue.pop().await.unwrap();
        assert_eq!(
            first.events,
            [record_updated(R1, A1), record_updated(R1, A2)]
        );
        // R1 is in flight: a new event for it waits behind, as a new work.
        queue.push(vec![record_updated(R1, A1)]).unwrap();
        let second = queue.pop().await.unwrap();
        assert_eq!(second.record().unwrap().1.as_str(), R2);
        queue.done(&second);
        assert_eq!(queue.len(), 1);
        queue.done(&first);
        let third = queue.pop().await.unwrap();
        assert_eq!(third.events, [record_updated(R1, A1)]);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_the_whole_delivery() {
        let queue = Queue::new(2, true);
        queue.push(vec![list_created()]).unwrap();
        assert_eq!(queue.push(vec![list_created(), list_created()]), Err(Full));
        assert_eq!(queue.len(), 1);
        queue.push(vec![record_updated(R1, A1)]).unwrap();
        // Joining a waiting work needs no room.
        queue.push(vec![record_updated(R1, A2)]).unwrap();
        assert_eq!(queue.push(vec![record_updated(R2, A1)]), Err(Full));
    }

    #[tokio::test]
    async fn without_coalescing_every_event_is_its_own_work() {
        let queue = Queue::new(10, false);
        queue
            .push(vec![record_updated(R1, A1), record_updated(R1, A2)])
            .unwrap();
        assert_eq!(queue.len(), 2);
    }

    #[tokio::test]
    async fn a_closed_queue_ends_when_empty() {
        let queue = Queue::new(10, true);
        queue.push(vec![list_created()]).unwrap();
        queue.close();
        let work = queue.pop().await.unwrap();
        queue.done(&work);
        assert_eq!(queue.pop().await, None);
        queue.idle().await;
    }
}
