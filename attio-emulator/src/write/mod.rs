//! Writing values to records and entries, in three phases: resolve (check
//! everything, change nothing), apply (the record), inverse (the other side).

mod apply;
mod choice;
mod inverse;
mod lookup;
mod plan;
mod resolve;
#[cfg(test)]
pub(crate) mod testing;

use serde_json::Value;

pub(crate) use apply::new_record;
pub(crate) use inverse::forget_record;
pub(crate) use lookup::matching_ids;
pub(crate) use plan::{Mode, Resolved, Written};
pub(crate) use resolve::{resolve_one, resolve_values};

use crate::errors::ApiError;
use crate::store::{Owner, Store};
use crate::time;

/// Applies a write and says what it did.
///
/// `existing` is the record to update (`None` creates); `parent` is the
/// parent record of a new entry. Runs under the store lock, and changes
/// nothing until every check has passed, so a refused write leaves no trace.
pub(crate) fn write(
    store: &mut Store,
    owner: Owner,
    existing: Option<&str>,
    resolved: Vec<Resolved>,
    mode: Mode,
    parent: Option<(String, String)>,
) -> Result<Written, ApiError> {
    let plan = resolve::plan(store, owner, existing, resolved, &mode)?;
    let relationships = inverse::changes(store, owner, &plan);
    // One stamp for the whole write, both sides of a relationship included.
    let now = time::now_string();
    let actor: Value = store.token_actor();
    let written = apply::apply(store, owner, plan, parent, &now, &actor);
    inverse::mirror(store, owner, &written.id, &relationships, &now, &actor);
    Ok(written)
}
