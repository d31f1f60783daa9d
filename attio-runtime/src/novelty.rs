//! The tolerant reader's one warning: a value Attio sends that this version
//! does not know (an interaction type, a currency code, an actor type, an
//! event type, an attribute type) is read into an `Other` / `Unknown` form
//! and reported once per process, so that a page of a thousand records with
//! a new interaction type logs one line, not a thousand.
//!
//! No crate of the `tracing` ecosystem offers a once-per-key event, so a
//! set of what was reported is kept here. It holds at most [`MAX_KEPT`]
//! novelties: Attio decides what they are, and an answer that sends a new
//! value on every record must not grow the set without bound (past the cap,
//! a novelty is still read, only no longer reported).

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer};

/// Most novelties remembered (and so reported) per process.
const MAX_KEPT: usize = 256;

/// What was reported: (what, value).
fn reported() -> &'static Mutex<HashSet<(&'static str, String)>> {
    static REPORTED: OnceLock<Mutex<HashSet<(&'static str, String)>>> = OnceLock::new();
    REPORTED.get_or_init(|| Mutex::new(HashSet::new()))
}

/// Warns, the first time in this process, that Attio sent `value` as a
/// `what` (`"interaction type"`) this version does not know, and that it is
/// kept as received.
pub(crate) fn unknown(what: &'static str, value: &str) {
    if first_time(what, value) {
        tracing::warn!(
            target: "attio_runtime::novelty",
            what,
            value,
            "Attio sent {what} {value:?}, which this version of attio-runtime does not know; \
             it is kept as received (an `Other`/`Unknown` form): upgrade attio-runtime to read it typed"
        );
    }
}

/// The name of an enum's `Other(String)` variant, as serde reads it when
/// no known name matched (`#[serde(untagged, deserialize_with = …)]`),
/// warned of once.
pub(crate) fn other<'de, D: Deserializer<'de>>(
    what: &'static str,
    deserializer: D,
) -> Result<String, D::Error> {
    let name = String::deserialize(deserializer)?;
    unknown(what, &name);
    Ok(name)
}

/// Whether (`what`, `value`) is new, remembering it if so.
fn first_time(what: &'static str, value: &str) -> bool {
    // A poisoned lock only means another thread panicked while inserting:
    // the set is still a set.
    let mut reported = reported()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (what, value.to_owned());
    if reported.contains(&key) || reported.len() >= MAX_KEPT {
        return false;
    }
    reported.insert(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_novelty_is_new_once() {
        assert!(first_time("test novelty", "a"));
        assert!(!first_time("test novelty", "a"));
        assert!(first_time("test novelty", "b"));
        assert!(first_time("other test novelty", "a"));
    }
}
