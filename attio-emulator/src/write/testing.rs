//! A small store for the unit tests of the write phases: the bundled default
//! workspace, and records written phase by phase.

use serde_json::Value;

use super::apply;
use super::plan::{Mode, Resolved, Written};
use super::resolve;
use crate::errors::ApiError;
use crate::store::{default_members, Container, Store};
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

/// The container of an object, by slug.
pub(crate) fn object(store: &Store, slug: &str) -> Container {
    Container::Object(store.object_index(slug).unwrap())
}

/// The attribute id of `slug` on `kind`.
pub(crate) fn attribute_id(store: &Store, kind: Container, slug: &str) -> String {
    crate::store::find_attribute(kind.attributes(store), slug)
        .unwrap()
        .id
        .attribute_id
        .clone()
}

/// `values` resolved as the body of a write to `kind`.
pub(crate) fn resolved(store: &Store, kind: Container, values: Value) -> Vec<Resolved> {
    resolve::resolve_values(store, kind.attributes(store), &values, &["values"]).unwrap()
}

/// Resolve, plan and apply (no inverse phase), stamped with [`NOW`].
pub(crate) fn write(
    store: &mut Store,
    kind: Container,
    existing: Option<&str>,
    values: Value,
    mode: Mode,
) -> Result<Written, ApiError> {
    let resolved = resolved(store, kind, values);
    let plan = resolve::plan(store, kind, existing, resolved, &mode)?;
    let actor = store.token_actor();
    Ok(apply::apply(store, kind, plan, None, NOW, &actor))
}

/// A new record of `kind`; panics when refused.
pub(crate) fn create(store: &mut Store, kind: Container, values: Value) -> String {
    write(store, kind, None, values, Mode::Create).unwrap().id
}

/// The match keys of the current values of `slug` on a record, in order.
pub(crate) fn keys(store: &Store, kind: Container, id: &str, slug: &str) -> Vec<String> {
    let attribute_id = attribute_id(store, kind, slug);
    kind.collection(store).unwrap().items[id]
        .values(&attribute_id)
        .iter()
        .map(|v| v.payload.match_key().into_owned())
        .collect()
}

/// A record of `kind` as a reference value.
pub(crate) fn reference(store: &Store, kind: Container, id: &str) -> Payload {
    Payload::RecordRef {
        object_id: kind.id(store),
        record_id: id.to_owned(),
    }
}

/// How many records (or entries) `kind` holds.
pub(crate) fn count(store: &Store, kind: Container) -> usize {
    kind.collection(store).map_or(0, |c| c.items.len())
}
