use super::*;

const MS: Duration = Duration::from_millis(1);

/// At most 64 workspaces at 25 writes/s (a threshold of 20 ms), in slices
/// of 1.5 s.
fn governor() -> Governor {
    Governor::new(64, 25.0, Duration::from_millis(1500))
}

/// Holds as many workspaces as the limit allows.
fn full(governor: &Governor) {
    while governor.try_hold() {}
}

#[test]
fn a_worker_starts_small_and_grows_while_nothing_queues() {
    let governor = governor();
    let now = Instant::now();
    // Four leases at its limit, each answered in 5 ms: one more each.
    for _ in 0..4 {
        full(&governor);
        assert!(governor.report(100, 100 * 5 * MS, now).is_some());
    }
    assert_eq!(governor.limit(), START + 4);
    // Not at its limit (a lease ended and was not replaced): no growth.
    governor.release();
    assert_eq!(governor.report(100, 100 * 5 * MS, now), None);
}

#[test]
fn a_queue_halves_the_limit_once_per_slice() {
    let governor = governor();
    let now = Instant::now();
    for _ in 0..START {
        full(&governor);
        governor.report(100, 100 * 5 * MS, now);
    }
    full(&governor);
    assert_eq!(governor.limit(), 2 * START);
    // Answers 30 ms slower than without a queue: more than half a write
    // interval (20 ms) above.
    assert_eq!(governor.report(100, 100 * 35 * MS, now), Some(START));
    // The other leases of the same queue report it too: one cut a slice.
    assert_eq!(governor.report(100, 100 * 35 * MS, now + 10 * MS), None);
    assert_eq!(governor.limit(), START);
    // A slice later, still queued: cut again.
    let later = now + Duration::from_millis(1500);
    assert_eq!(governor.report(100, 100 * 35 * MS, later), Some(START / 2));
    // The worker holds 2 × START still: it takes no new workspace until
    // fewer than START / 2 are left.
    assert!(!governor.try_hold());
    for _ in 0..2 * START - START / 2 + 1 {
        governor.release();
    }
    assert!(governor.try_hold());
    assert!(!governor.try_hold());
}

#[test]
fn a_wait_within_half_an_interval_of_the_base_is_no_queue() {
    let governor = governor();
    let now = Instant::now();
    full(&governor);
    governor.report(100, 100 * 5 * MS, now);
    full(&governor);
    // 24 ms: 19 ms above the 5 ms base.
    assert_eq!(governor.report(100, 100 * 24 * MS, now), Some(START + 2));
}

#[test]
fn a_lease_with_few_answers_says_nothing() {
    let governor = governor();
    full(&governor);
    assert_eq!(governor.report(3, 3 * 500 * MS, Instant::now()), None);
    assert_eq!(governor.limit(), START);
}

#[test]
fn the_base_follows_a_server_that_became_slower_for_good() {
    let governor = governor();
    let mut now = Instant::now();
    full(&governor);
    governor.report(100, 100 * 5 * MS, now);
    // 100 ms for every answer from now on: a queue at first, then, as the
    // base creeps up by 1 % a second, the server's own time.
    let mut cuts = 0;
    for _ in 0..600 {
        now += Duration::from_secs(1);
        full(&governor);
        let before = governor.limit();
        governor.report(100, 100 * 100 * MS, now);
        cuts += usize::from(governor.limit() < before);
    }
    assert!(cuts >= 1);
    assert!(governor.limit() > START, "{}", governor.limit());
}
