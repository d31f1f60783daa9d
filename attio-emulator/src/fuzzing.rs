//! The entry point `cargo fuzz` drives (`fuzz/fuzz_targets/emulator_filter.rs`):
//! the query language's parser is `pub(crate)`, and the fuzz crate reaches
//! it only through this function. Not part of the semver API.

use std::sync::OnceLock;

use serde_json::Value;

use crate::filter::{parse, parse_sorts};
use crate::store::{default_members, Owner, Store};

/// Parses `bytes` as a record query's `filter` and as its `sorts`, against
/// an object or a list of the default workspace chosen by the first byte.
/// Returns whether the filter parsed; every refusal must be an `ApiError`,
/// never a panic.
#[doc(hidden)]
pub fn parse_query(bytes: &[u8]) -> bool {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    let Some(store) = STORE.get_or_init(default_store) else {
        return false;
    };
    let Some((&choice, json)) = bytes.split_first() else {
        return false;
    };
    let Ok(value) = serde_json::from_slice::<Value>(json) else {
        return false;
    };
    let owners = store.objects.len() + store.lists.len();
    if owners == 0 {
        return false;
    }
    let index = usize::from(choice) % owners;
    let owner = if index < store.objects.len() {
        Owner::Object(index)
    } else {
        Owner::List(index - store.objects.len())
    };
    let _ = parse_sorts(store, owner, &value);
    parse(store, owner, &value).is_ok()
}

fn default_store() -> Option<Store> {
    let snapshot = attio_schema::Snapshot::from_slice(
        include_bytes!("default_workspace.json"),
        "default_workspace.json",
    )
    .ok()?;
    Some(Store::new(snapshot.workspace, default_members()))
}

#[cfg(test)]
mod tests {
    use super::parse_query;

    #[test]
    fn a_filter_parses_and_garbage_is_refused_without_a_panic() {
        assert!(parse_query(b"\x00{\"name\": \"Acme\"}"));
        assert!(!parse_query(b"\x00{\"name\": {\"$nonsense\": 1}}"));
        assert!(!parse_query(b""));
        assert!(!parse_query(b"\x00not json"));
    }
}
