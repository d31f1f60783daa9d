//! A small store for the unit tests of the write phases: the bundled default
//! workspace, and records written phase by phase.

use serde_json::Value;

use super::apply;
use super::plan::{Mode, Resolved, Written};
use super::resolve;
use crate::errors::ApiError;
use crate::store::{default_members, Owner, Store};
use crate::values::Payload;

/// The stamp test writes carry, so that history can be asserted exactly.
pub(crate) const NOW: &str = "2025-03-04T10:11:12.000000000Z";

/// The default workspace (companies, people, deals, users, workspaces), empty.
pub(crate) fn store() -> Store {
    let snapshot = attio_schema::Snapshot::from_slice(
        include_bytes!("../default_workspace.json"),
        "default_workspace.json",
    )
    .unwrap();
    Store::new(snapshot.workspace, default_members())
}

/// The owner of an object, by slug.
pub(crate) fn object(store: &Store, slug: &str) -> Owner {
    Owner::Object(store.object_index(slug).unwrap())
}

/// The attribute id of `slug` on `owner`.
pub(crate) fn attribute_id(store: &Store, owner: Owner, slug: &str) -> String {
    crate::store::find_attribute(owner.attributes(store), slug)
        .unwrap()
        .id
        .attribute_id
        .clone()
}

/// `values` resolved as the body of a write to `owner`.
pub(crate) fn resolved(store: &Store, owner: Owner, values: Value) -> Vec<Resolved> {
    resolve::resolve_values(store, owner.attributes(store), &values, &["values"]).unwrap()
}

/// Resolve, plan and apply (no inverse phase), stamped with [`NOW`].
pub(crate) fn write(
    store: &mut Store,
    owner: Owner,
    existing: Option<&str>,
    values: Value,
    mode: Mode,
) -> Result<Written, ApiError> {
    let resolved = resolved(store, owner, values);
    let plan = resolve::plan(store, owner, existing, resolved, &mode)?;
    let actor = store.token_actor();
    Ok(apply::apply(store, owner, plan, None, NOW, &actor))
}

/// A new record of `owner`; panics when refused.
pub(crate) fn create(store: &mut Store, owner: Owner, values: Value) -> String {
    write(store, owner, None, values, Mode::Create).unwrap().id
}

/// The match keys of the current values of `slug` on a record, in order.
pub(crate) fn keys(store: &Store, owner: Owner, id: &str, slug: &str) -> Vec<String> {
    let attribute_id = attribute_id(store, owner, slug);
    owner.collection(store).unwrap().items[id]
        .values(&attribute_id)
        .iter()
        .map(|v| v.payload.match_key().into_owned())
        .collect()
}

/// A record of `owner` as a reference value.
pub(crate) fn reference(store: &Store, owner: Owner, id: &str) -> Payload {
    Payload::RecordRef {
        object_id: owner.id(store),
        record_id: id.to_owned(),
    }
}

/// How many records (or entries) `owner` holds.
pub(crate) fn count(store: &Store, owner: Owner) -> usize {
    owner.collection(store).map_or(0, |c| c.items.len())
}
