//! The query budget: an adaptive rate for record and entry queries, which
//! Attio limits by a score summed over a sliding 10-second window
//! (<https://docs.attio.com/rest-api/guides/rate-limiting>) whose budget and
//! formula it does not publish. The client cannot pace to a number it does
//! not know, so it learns one from the 429s, as the AWS SDKs' adaptive
//! retry mode does: a send rate that drops multiplicatively on a throttle
//! and recovers gradually while none comes.
//!
//! The rule is AIMD (additive increase, multiplicative decrease) rather
//! than AWS's CUBIC: the budget is one fixed quota that every app and token
//! of the workspace shares, so what matters is that clients sharing it
//! converge to fair shares, which AIMD does (Chiu and Jain, 1989), and the
//! rates are a few queries a second, where CUBIC's fast return to the last
//! maximum gains little. The step of the increase is set at each cut so
//! that the rate before the cut is regained in one window (10 s) — the
//! scale-free part of CUBIC, without its curve.
//!
//! - Until the first throttle, queries are not limited beyond the read
//!   budget (the rate is `None`).
//! - A 429 of a query cuts the rate to half of what was being sent (the
//!   smaller of the current rate and the rate measured over the last
//!   window: what filled the window is what the budget allows), holds
//!   queries back until `Retry-After`, and then spaces them at the new
//!   rate (GCRA, as the read and write budgets). Only one cut
//!   per round: a 429 of a query sent before the last cut says nothing
//!   new (the cut already answered it), as TCP cuts once per window.
//! - The rate then grows linearly with time from the end of the hold;
//!   once it reaches the read budget, the query budget is off again.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// The multiplicative decrease.
const CUT: f64 = 0.5;

/// Attio's window: the send rate is measured over it, and the rate before
/// a cut is regained in it.
pub(crate) const ATTIO_WINDOW: Duration = Duration::from_secs(10);

/// The lowest rate a cut leads to: one query every ten seconds.
const MIN_RATE: f64 = 0.1;

/// The adaptive budget of queries, shared by every clone of a client.
#[derive(Debug)]
pub(crate) struct QueryBudget {
    /// Above this rate the budget is off (the read budget's rate).
    ceiling: f64,
    /// The window of the server's sum ([`ATTIO_WINDOW`] but in tests).
    window: Duration,
    /// The rate at the last cut and its growth per second; `None` while
    /// no throttle limits queries.
    rate: Option<(f64, f64)>,
    /// When the rate of the last cut took effect (the end of its hold).
    cut_at: Option<Instant>,
    /// The earliest instant of the next slot.
    next: Instant,
    /// Nothing is sent before this instant (a 429's `Retry-After`).
    blocked_until: Option<Instant>,
    /// Recent send instants, to measure the rate.
    sent: VecDeque<Instant>,
}

impl QueryBudget {
    /// An unthrottled budget for a server that sums scores over `window`;
    /// queries above `ceiling` per second are left to the read budget.
    pub(crate) fn new(ceiling: f64, window: Duration) -> QueryBudget {
        QueryBudget {
            ceiling,
            window,
            rate: None,
            cut_at: None,
            next: Instant::now(),
            blocked_until: None,
            sent: VecDeque::new(),
        }
    }

    /// The allowed rate at `now`; `None` when not limited.
    pub(crate) fn rate_at(&mut self, now: Instant) -> Option<f64> {
        let (base, growth) = self.rate?;
        let since = self
            .cut_at
            .map_or(0.0, |at| now.saturating_duration_since(at).as_secs_f64());
        let rate = base + growth * since;
        if rate >= self.ceiling {
            self.rate = None;
            return None;
        }
        Some(rate)
    }

    /// Reserves the next slot for a query asking at `now` (see the read
    /// and write budgets' `reserve`): not before `now`, the slot after the
    /// previous one, nor a 429's `Retry-After`.
    pub(crate) fn reserve(&mut self, now: Instant) -> Instant {
        let mut slot = self.next.max(now);
        if let Some(until) = self.blocked_until {
            slot = slot.max(until);
        }
        self.next = match self.rate_at(slot) {
            Some(rate) => slot + Duration::from_secs_f64(1.0 / rate),
            None => slot,
        };
        while self
            .sent
            .front()
            .is_some_and(|at| *at + self.window <= slot)
        {
            self.sent.pop_front();
        }
        self.sent.push_back(slot);
        slot
    }

    /// Whether a 429 holds queries back at `now`.
    pub(crate) fn blocked_at(&self, now: Instant) -> bool {
        self.blocked_until.is_some_and(|until| now < until)
    }

    /// A query sent at `sent` was refused with a 429 at `now`, to be
    /// retried after `wait`: hold queries back until then and, unless the
    /// last cut came after the query was sent, cut the rate.
    pub(crate) fn throttled(&mut self, sent: Instant, now: Instant, wait: Duration) {
        let until = now + wait;
        self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
        if self.cut_at.is_some_and(|cut| sent <= cut) {
            return;
        }
        let measured = self
            .sent
            .iter()
            .filter(|at| **at + self.window > now)
            .count()
            .max(1) as f64
            / self.window.as_secs_f64();
        let sending = self
            .rate_at(now)
            .map_or(measured, |rate| rate.min(measured));
        let cut = (sending * CUT).max(MIN_RATE);
        let window = self.window.as_secs_f64();
        let growth = (sending - cut).max(0.0) / window;
        self.rate = Some((cut, growth.max(MIN_RATE / window)));
        // The new rate holds from the end of the hold, when queries go
        // again: nothing is learned while none is sent.
        self.cut_at = Some(until);
        // Slots already handed out at the old rate stay; the next is
        // counted at the new one from the end of the hold.
        self.next = self.next.max(until);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-second window, as the tests' emulators have.
    const SECOND: Duration = Duration::from_secs(1);

    /// The instants of `n` queries sent one after the other from `start`.
    fn send(budget: &mut QueryBudget, start: Instant, n: usize) -> Vec<Instant> {
        (0..n).map(|_| budget.reserve(start)).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn an_unthrottled_budget_holds_nothing_back() {
        let mut budget = QueryBudget::new(100.0, SECOND);
        let now = Instant::now();
        assert!(send(&mut budget, now, 50).iter().all(|slot| *slot == now));
        assert_eq!(budget.rate_at(now), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_throttle_halves_the_measured_rate_and_holds_until_retry_after() {
        let mut budget = QueryBudget::new(100.0, SECOND);
        let start = Instant::now();
        // 8 queries within the last window, then a 429 asking for 2 s.
        let slots = send(&mut budget, start, 8);
        budget.throttled(slots[7], start, Duration::from_secs(2));
        assert_eq!(budget.rate_at(start + Duration::from_secs(2)), Some(4.0));
        let next = send(&mut budget, start, 3);
        assert_eq!(next[0], start + Duration::from_secs(2));
        // At 4 per second from the end of the hold, growing by 4 a second.
        let rates: Vec<f64> = [next[1] - next[0], next[2] - next[1]]
            .iter()
            .map(|gap| 1.0 / gap.as_secs_f64())
            .collect();
        assert!((4.0..4.1).contains(&rates[0]), "{rates:?}");
        assert!((5.0..5.2).contains(&rates[1]), "{rates:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn one_cut_per_round() {
        let mut budget = QueryBudget::new(100.0, SECOND);
        let start = Instant::now();
        let slots = send(&mut budget, start, 8);
        // Four queries of the same burst are refused: the rate is cut once.
        for slot in &slots[..4] {
            budget.throttled(*slot, start, Duration::from_secs(1));
        }
        assert_eq!(budget.rate_at(start), Some(4.0));
        // A query sent after the hold and refused too cuts again.
        let later = start + SECOND + Duration::from_millis(100);
        let slot = budget.reserve(later);
        budget.throttled(slot, later, Duration::from_secs(1));
        assert!(budget.rate_at(later).unwrap() < 2.5);
    }

    #[tokio::test(start_paused = true)]
    async fn the_rate_recovers_in_one_window_and_then_the_budget_is_off() {
        let mut budget = QueryBudget::new(10.0, SECOND);
        let start = Instant::now();
        let slots = send(&mut budget, start, 8);
        budget.throttled(slots[0], start, Duration::from_secs(1));
        assert_eq!(budget.rate_at(start), Some(4.0));
        let rate =
            |budget: &mut QueryBudget, secs: u64| budget.rate_at(start + Duration::from_secs(secs));
        let near = |rate: Option<f64>, expected: f64| (rate.unwrap() - expected).abs() < 1e-9;
        let ms =
            |budget: &mut QueryBudget, ms: u64| budget.rate_at(start + Duration::from_millis(ms));
        // Held at the cut rate until the `Retry-After`, then growing.
        assert!(near(ms(&mut budget, 900), 4.0));
        assert!(near(ms(&mut budget, 1_500), 6.0));
        // The rate before the cut, one window after the hold.
        assert!(near(rate(&mut budget, 2), 8.0));
        // 10 per second is the ceiling: past it, queries are unlimited.
        assert_eq!(ms(&mut budget, 2_500), None);
        assert_eq!(rate(&mut budget, 3), None);
    }

    #[tokio::test(start_paused = true)]
    async fn repeated_throttles_stop_at_the_floor() {
        let mut budget = QueryBudget::new(100.0, ATTIO_WINDOW);
        let mut now = Instant::now();
        for _ in 0..20 {
            let slot = budget.reserve(now);
            budget.throttled(slot, slot, Duration::ZERO);
            now = slot + Duration::from_millis(1);
        }
        assert!((budget.rate_at(now).unwrap() - MIN_RATE).abs() < 0.01);
    }
}
