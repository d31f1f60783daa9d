//! Deduplication of deliveries by their `Idempotency-Key`: Attio delivers
//! at least once, and a retry or redelivery carries the same key.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The header that identifies a delivery across retries.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Remembers which deliveries were accepted, so that a repeated one is
/// acknowledged without being processed again.
///
/// Implementations must make [`claim`](Self::claim) atomic: of two
/// concurrent claims of one key, exactly one returns `true`.
pub trait DedupStore: Send + Sync {
    /// Records `key`: `true` the first time (process the delivery), `false`
    /// when it was claimed before and has not expired (acknowledge only).
    fn claim(&self, key: &str) -> Result<bool, DedupError>;

    /// Forgets `key` again: for a delivery that was claimed but could not
    /// be accepted (the queue was full), so that Attio's retry of it is
    /// processed rather than taken for a duplicate.
    fn release(&self, key: &str) -> Result<(), DedupError>;
}

/// A store could not be read or written. Carries the store's message,
/// never a delivery's content.
#[derive(Debug, thiserror::Error)]
#[error("the webhook deduplication store failed: {message}")]
pub struct DedupError {
    message: String,
}

impl DedupError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> DedupError {
        DedupError {
            message: message.into(),
        }
    }
}

/// An in-memory [`DedupStore`] that keeps at most `capacity` keys, each for
/// at most `ttl`: the oldest are forgotten first. Attio retries for about
/// three days; a process that restarts forgets everything, so use
/// `SqliteDedup` (feature `sqlite`) where a restart must not let a
/// duplicate through.
///
/// ```
/// use std::time::Duration;
/// use attio_runtime::webhooks::{DedupStore, MemoryDedup};
///
/// let seen = MemoryDedup::new(10_000, Duration::from_secs(3 * 24 * 3600));
/// assert!(seen.claim("delivery-1")?);
/// assert!(!seen.claim("delivery-1")?);
/// # Ok::<(), attio_runtime::webhooks::DedupError>(())
/// ```
#[derive(Debug)]
pub struct MemoryDedup {
    capacity: usize,
    ttl: Duration,
    state: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    /// Key → when it was claimed.
    at: HashMap<String, Instant>,
    /// Keys in claim order, for expiry and the bound (may hold keys
    /// released since; those are skipped).
    order: VecDeque<(String, Instant)>,
}

impl MemoryDedup {
    /// A store of at most `capacity` keys (at least one), each kept `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> MemoryDedup {
        MemoryDedup {
            capacity: capacity.max(1),
            ttl,
            state: Mutex::new(Seen::default()),
        }
    }

    /// How many keys it holds now.
    pub fn len(&self) -> usize {
        self.lock().at.len()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        // A panic while holding the lock leaves consistent maps behind.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Seen {
    fn evict(&mut self, now: Instant, ttl: Duration, capacity: usize) {
        while let Some((key, at)) = self.order.front() {
            let expired = now.duration_since(*at) >= ttl;
            let stale = self.at.get(key) != Some(at);
            if !(expired || stale || self.at.len() >= capacity) {
                break;
            }
            if !stale {
                self.at.remove(key);
            }
            self.order.pop_front();
        }
    }
}

impl DedupStore for MemoryDedup {
    fn claim(&self, key: &str) -> Result<bool, DedupError> {
        let now = Instant::now();
        let mut seen = self.lock();
        if let Some(at) = seen.at.get(key) {
            if now.duration_since(*at) < self.ttl {
                return Ok(false);
            }
        }
        seen.evict(now, self.ttl, self.capacity);
        seen.at.insert(key.to_owned(), now);
        seen.order.push_back((key.to_owned(), now));
        Ok(true)
    }

    fn release(&self, key: &str) -> Result<(), DedupError> {
        self.lock().at.remove(key);
        Ok(())
    }
}

impl<S: DedupStore + ?Sized> DedupStore for std::sync::Arc<S> {
    fn claim(&self, key: &str) -> Result<bool, DedupError> {
        (**self).claim(key)
    }
    fn release(&self, key: &str) -> Result<(), DedupError> {
        (**self).release(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_claimed_once_until_released() {
        let store = MemoryDedup::new(10, Duration::from_secs(60));
        assert!(store.claim("a").unwrap());
        assert!(!store.claim("a").unwrap());
        store.release("a").unwrap();
        assert!(store.claim("a").unwrap());
    }

    #[test]
    fn the_bound_forgets_the_oldest() {
        let store = MemoryDedup::new(2, Duration::from_secs(60));
        for key in ["a", "b", "c"] {
            assert!(store.claim(key).unwrap());
        }
        assert_eq!(store.len(), 2);
        assert!(!store.claim("c").unwrap());
        assert!(store.claim("a").unwrap(), "the oldest key was forgotten");
    }

    #[test]
    fn keys_expire() {
        let store = MemoryDedup::new(10, Duration::ZERO);
        assert!(store.claim("a").unwrap());
        assert!(store.claim("a").unwrap(), "an expired key is new again");
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn concurrent_claims_of_one_key_have_one_winner() {
        let store = std::sync::Arc::new(MemoryDedup::new(100, Duration::from_secs(60)));
        let winners: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| store.claim("same").unwrap()))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap() as usize)
                .sum()
        });
        assert_eq!(winners, 1);
    }
}
