//! One write at a time per matching key: two inputs for the same email in
//! one run would otherwise race, and two concurrent asserts that both find
//! no match can both create.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Cell = Arc<tokio::sync::Mutex<()>>;

/// The keys being written, each with the lock its inputs queue on.
#[derive(Debug, Default)]
pub(super) struct KeyLocks {
    held: Mutex<HashMap<String, Cell>>,
}

/// Held while one input of a key is processed; dropping it lets the next
/// input of the key go, and forgets the key when nothing waits for it (so
/// the map holds only keys in flight, not every key of the run).
pub(super) struct KeyGuard<'a> {
    locks: &'a KeyLocks,
    key: String,
    cell: Cell,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl KeyLocks {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cell>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until no other input of `key` is in flight.
    pub(super) async fn lock(&self, key: String) -> KeyGuard<'_> {
        let cell = self.map().entry(key.clone()).or_default().clone();
        let guard = cell.clone().lock_owned().await;
        KeyGuard {
            locks: self,
            key,
            cell,
            guard: Some(guard),
        }
    }

    /// Keys in flight or waited for.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.map().len()
    }
}

impl Drop for KeyGuard<'_> {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut map = self.locks.map();
        // The map's reference and ours: no other input holds or awaits it.
        // Clones are only taken under the map's lock, so this cannot race.
        if Arc::strong_count(&self.cell) == 2 {
            map.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn inputs_of_one_key_take_turns_and_the_key_is_forgotten() {
        let locks = KeyLocks::default();
        let first = locks.lock("a".into()).await;
        let other = locks.lock("b".into()).await;
        let second = locks.lock("a".into());
        tokio::pin!(second);
        use futures_util::FutureExt;
        assert!(
            (&mut second).now_or_never().is_none(),
            "the second input of `a` waits for the first"
        );
        drop(first);
        let second = second.await;
        assert_eq!(locks.len(), 2);
        drop(second);
        drop(other);
        assert_eq!(locks.len(), 0);
    }
}
