//! The optional read-through cache of records by id: a lookup repeated
//! within the TTL (the same company resolved for every incoming lead) is
//! answered without a request. Off by default; a write through the same
//! client refreshes or drops the entry, but changes made elsewhere are seen
//! only after the TTL.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `(object, record_id)` → (expiry, response body).
type Entries = HashMap<(String, String), (Instant, Vec<u8>)>;

/// Record bodies by `(object, record_id)`, each until it expires.
#[derive(Debug)]
pub(crate) struct RecordCache {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<Entries>,
}

impl RecordCache {
    pub fn new(ttl: Duration, capacity: usize) -> RecordCache {
        RecordCache {
            ttl,
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        // Every update is a single insert or remove: a panic elsewhere while
        // the lock was held cannot leave the map inconsistent.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached body, if fresh.
    pub fn get(&self, object: &str, id: &str) -> Option<Vec<u8>> {
        let key = (object.to_owned(), id.to_owned());
        let mut entries = self.entries();
        match entries.get(&key) {
            Some((expires, body)) if *expires > Instant::now() => Some(body.clone()),
            Some(_) => {
                entries.remove(&key);
                None
            }
            None => None,
        }
    }

    /// Stores a body just read or written.
    pub fn put(&self, object: &str, id: &str, body: Vec<u8>) {
        let now = Instant::now();
        let mut entries = self.entries();
        if entries.len() >= self.capacity {
            entries.retain(|_, (expires, _)| *expires > now);
            if entries.len() >= self.capacity {
                // Still full of fresh entries: start over rather than track
                // recency for every read.
                entries.clear();
            }
        }
        entries.insert((object.to_owned(), id.to_owned()), (now + self.ttl, body));
    }

    /// Forgets a record (deleted, or written without a readable answer).
    pub fn remove(&self, object: &str, id: &str) {
        self.entries().remove(&(object.to_owned(), id.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_size_is_bounded() {
        let cache = RecordCache::new(Duration::from_millis(30), 2);
        cache.put("people", "a", b"1".to_vec());
        assert_eq!(cache.get("people", "a").as_deref(), Some(&b"1"[..]));
        assert_eq!(cache.get("companies", "a"), None);
        cache.put("people", "b", b"2".to_vec());
        cache.put("people", "c", b"3".to_vec());
        assert!(cache.entries().len() <= 2);
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get("people", "c"), None);
        cache.put("people", "d", b"4".to_vec());
        cache.remove("people", "d");
        assert_eq!(cache.get("people", "d"), None);
    }
}
