//! What a sync remembers between runs: per matching key, the item Attio
//! returned and the hash of the values last written successfully.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

/// The state of one synced key: the id of the record (or entry) Attio
/// returned for it, and the hash of the canonical form of the values last
/// written successfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// The record id (or entry id) Attio returned for the key.
    pub id: String,
    /// The hex SHA-256 of the canonical write.
    pub hash: String,
}

/// Where a sync keeps what it wrote, so that unchanged inputs send nothing
/// and an interrupted run resumes where it stopped.
///
/// Keys are scoped: `scope` names the object (or list) and the matching
/// attribute, e.g. `objects/people/email_addresses`, and `key` is the
/// canonical value of the matching attribute (or an entry's parent). The
/// calls are synchronous and short (a map lookup, one SQLite statement);
/// the sync engine makes one `get` per input and one `put` per successful
/// write.
///
/// Implementations: [`MemoryState`] (one process), and `SqliteState` (feature
/// `sqlite`) for a process that runs again.
pub trait StateStore: Send + Sync {
    /// What was last written for `key`, if anything.
    fn get(&self, scope: &str, key: &str) -> Result<Option<Synced>, StateError>;
    /// Records a successful write of `key`. Durable before it returns, for a
    /// store that outlives the process: the write it records was sent.
    fn put(&self, scope: &str, key: &str, synced: &Synced) -> Result<(), StateError>;
    /// Forgets `key` (its next input is written whatever its hash).
    fn remove(&self, scope: &str, key: &str) -> Result<(), StateError>;
    /// How many keys of `scope` are remembered.
    fn len(&self, scope: &str) -> Result<u64, StateError>;
    /// Binds the store to the workspace `workspace_id` unless it is bound
    /// already, and returns the workspace it is bound to: `workspace_id` for
    /// a new store (or one written before stores knew their workspace), the
    /// first workspace it was used with otherwise. Atomic: two syncs binding
    /// one new store at once agree on one workspace.
    ///
    /// A sync calls it before its first request and refuses to run when the
    /// answer is not its client's workspace: ids and hashes remembered for
    /// one workspace say nothing about another.
    fn bind_workspace(&self, workspace_id: &str) -> Result<String, StateError>;
}

/// A state store that failed to read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError(String);

impl StateError {
    /// An error with this explanation.
    pub fn new(message: impl Into<String>) -> StateError {
        StateError(message.into())
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sync state store: {}", self.0)
    }
}

impl std::error::Error for StateError {}

/// A [`StateStore`] in memory: skips unchanged inputs within one process
/// (a long-running sync that pushes the same data on a schedule), and
/// forgets everything when the process ends.
#[derive(Debug, Default)]
pub struct MemoryState {
    entries: Mutex<HashMap<(String, String), Synced>>,
    workspace: Mutex<Option<String>>,
}

impl MemoryState {
    /// An empty store.
    pub fn new() -> MemoryState {
        MemoryState::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), Synced>> {
        // A panic elsewhere leaves the map consistent: every change is one insert or remove.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl StateStore for MemoryState {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Synced>, StateError> {
        Ok(self
            .lock()
            .get(&(scope.to_owned(), key.to_owned()))
            .cloned())
    }

    fn put(&self, scope: &str, key: &str, synced: &Synced) -> Result<(), StateError> {
        self.lock()
            .insert((scope.to_owned(), key.to_owned()), synced.clone());
        Ok(())
    }

    fn remove(&self, scope: &str, key: &str) -> Result<(), StateError> {
        self.lock().remove(&(scope.to_owned(), key.to_owned()));
        Ok(())
    }

    fn len(&self, scope: &str) -> Result<u64, StateError> {
        Ok(self.lock().keys().filter(|(s, _)| s == scope).count() as u64)
    }

    fn bind_workspace(&self, workspace_id: &str) -> Result<String, StateError> {
        let mut bound = self.workspace.lock().unwrap_or_else(|e| e.into_inner());
        Ok(bound.get_or_insert_with(|| workspace_id.to_owned()).clone())
    }
}

impl<S: StateStore + ?Sized> StateStore for std::sync::Arc<S> {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Synced>, StateError> {
        (**self).get(scope, key)
    }
    fn put(&self, scope: &str, key: &str, synced: &Synced) -> Result<(), StateError> {
        (**self).put(scope, key, synced)
    }
    fn remove(&self, scope: &str, key: &str) -> Result<(), StateError> {
        (**self).remove(scope, key)
    }
    fn len(&self, scope: &str) -> Result<u64, StateError> {
        (**self).len(scope)
    }
    fn bind_workspace(&self, workspace_id: &str) -> Result<String, StateError> {
        (**self).bind_workspace(workspace_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_keeps_the_first_workspace_it_is_bound_to() {
        let store = MemoryState::new();
        assert_eq!(store.bind_workspace("w1").unwrap(), "w1");
        assert_eq!(store.bind_workspace("w2").unwrap(), "w1");
        assert_eq!(store.bind_workspace("w1").unwrap(), "w1");
    }
}
