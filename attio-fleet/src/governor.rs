//! How many workspaces a worker holds at once: no more than it and Attio
//! serve at their limits.
//!
//! A worker that holds more workspaces than it can serve does not slow
//! down at its pacers (each client still lets a write go every 40 ms); its
//! requests queue instead, in its own process or before the server, and
//! reach the server later than they left. A write that left in a second's
//! last slot and waited longer than half an interval counts in the next
//! second, which then holds 26: a 429. Measured at the fleet harness's full
//! size on 2 shared cores (BENCHMARKS.md, "A fleet of workspaces"): every
//! worker's writes waited 0.2 to 3 s between leaving and being counted,
//! all at once, while their pacers' timers fired nearly on time — a queue
//! that the pacers, which space requests, cannot see or drain.
//!
//! So the worker holds fewer workspaces when requests queue, as TCP Vegas
//! does with its window: each lease reports its client's mean wait for an
//! answer; the lowest mean seen (creeping up slowly, so that it follows a
//! server that became slower for good) is the wait without a queue, and a
//! lease whose mean exceeds it by half a write interval saw a queue. Then
//! the limit halves (once per slice: the leases that ran in the same queue
//! all report it), and the worker claims no workspace until it holds fewer
//! than the limit; leases end at their slice, so it holds fewer within a
//! slice. A lease that saw no queue while the worker used its whole limit
//! raises it by one, so a worker grows from a few workspaces to its
//! `concurrency` within a few slices when the machine has room.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The limit a worker starts at, before it has measured anything.
const START: usize = 8;
/// Leases with fewer answers say too little about the queue.
const MIN_ANSWERS: u64 = 8;
/// How fast the wait without a queue may grow: a server that became slower
/// for good is followed within a minute, a queue is not mistaken for it.
const BASE_CREEP_PER_SECOND: f64 = 0.01;

#[derive(Debug)]
struct State {
    limit: usize,
    held: usize,
    /// The lowest mean answer wait seen, and when it was last lowered or crept.
    base: Option<(Duration, Instant)>,
    /// When the limit was last cut.
    cut_at: Option<Instant>,
}

/// The limit on the workspaces a worker holds at once.
#[derive(Debug)]
pub(crate) struct Governor {
    state: Mutex<State>,
    max: usize,
    /// Half a write interval: a wait above the base by more than this lets
    /// a second's last write count in the next second.
    threshold: Duration,
    /// One cut per slice: the leases of one queue report it for a slice.
    cooldown: Duration,
}

impl Governor {
    /// At most `max` workspaces, each written at `writes_per_second`, in
    /// slices of `slice`.
    pub(crate) fn new(max: usize, writes_per_second: f64, slice: Duration) -> Governor {
        let max = max.max(1);
        let threshold = Duration::try_from_secs_f64(0.5 / writes_per_second)
            .unwrap_or(Duration::from_millis(20));
        Governor {
            state: Mutex::new(State {
                limit: START.min(max),
                held: 0,
                base: None,
                cut_at: None,
            }),
            max,
            threshold,
            cooldown: slice,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Every update is a few plain assignments: a panic cannot leave
        // them half-done.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a place for one more workspace; `false` when the worker holds
    /// its limit already.
    pub(crate) fn try_hold(&self) -> bool {
        let mut state = self.lock();
        if state.held < state.limit {
            state.held += 1;
            true
        } else {
            false
        }
    }

    /// Takes a place beyond the limit, up to the worker's `concurrency`:
    /// for a workspace whose worker died, whose load left with it.
    pub(crate) fn try_hold_beyond_limit(&self) -> bool {
        let mut state = self.lock();
        if state.held < self.max {
            state.held += 1;
            true
        } else {
            false
        }
    }

    /// Gives back a place taken by [`try_hold`](Self::try_hold).
    pub(crate) fn release(&self) {
        let mut state = self.lock();
        state.held = state.held.saturating_sub(1);
    }

    /// The limit now.
    #[cfg(test)]
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit
    }

    /// A lease (still counted as held) ended; its client's requests got
    /// `answered` answers after `answer_time` in all (its
    /// [`ClientStats`](attio_runtime::client::ClientStats)). Returns the new limit
    /// when it changed.
    pub(crate) fn report(
        &self,
        answered: u64,
        answer_time: Duration,
        now: Instant,
    ) -> Option<usize> {
        if answered < MIN_ANSWERS {
            return None;
        }
        let divisor = u32::try_from(answered).unwrap_or(u32::MAX);
        let mean = answer_time / divisor;
        let mut state = self.lock();
        let base = match state.base {
            Some((base, since)) => {
                let crept = base.mul_f64(
                    1.0 + BASE_CREEP_PER_SECOND
                        * now.saturating_duration_since(since).as_secs_f64(),
                );
                crept.min(mean)
            }
            None => mean,
        };
        state.base = Some((base, now));
        let before = state.limit;
        if mean > base + self.threshold {
            let cooled = state
                .cut_at
                .is_none_or(|at| now.saturating_duration_since(at) >= self.cooldown);
            if cooled {
                state.limit = (state.limit / 2).max(1);
                state.cut_at = Some(now);
            }
        } else if state.held >= state.limit {
            state.limit = (state.limit + 1).min(self.max);
        }
        (state.limit != before).then_some(state.limit)
    }
}

#[cfg(test)]
mod tests;
