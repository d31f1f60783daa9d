//! The workspace's schema: objects, lists, their attributes, and the options
//! and statuses of select and status attributes; and how a path names them.

pub(crate) mod attributes;
mod choices;
pub(crate) mod lists;
pub(crate) mod objects;
pub(crate) mod options;
pub(crate) mod statuses;

use attio_schema::Target;

use crate::errors::ApiError;
use crate::store::{Owner, Store};

/// The index of the object with this slug or UUID, or Attio's 404.
pub(crate) fn object_at(store: &Store, ident: &str) -> Result<usize, ApiError> {
    store
        .object_index(ident)
        .ok_or_else(|| ApiError::not_found(format!("Object with slug/ID \"{ident}\" not found.")))
}

/// The index of the list with this slug or UUID, or Attio's 404.
pub(crate) fn list_at(store: &Store, ident: &str) -> Result<usize, ApiError> {
    store
        .list_index(ident)
        .ok_or_else(|| ApiError::not_found(format!("List with slug/ID \"{ident}\" not found.")))
}

/// The object with this slug or UUID, or Attio's 404.
pub(crate) fn object_owner(store: &Store, ident: &str) -> Result<Owner, ApiError> {
    object_at(store, ident).map(Owner::Object)
}

/// The list with this slug or UUID, or Attio's 404.
pub(crate) fn list_owner(store: &Store, ident: &str) -> Result<Owner, ApiError> {
    list_at(store, ident).map(Owner::List)
}

/// The object or list with this slug or UUID, or Attio's 404: what a
/// `/v2/objects/{object}/…` or `/v2/lists/{list}/…` path names.
pub(crate) fn owner_of(store: &Store, target: Target, ident: &str) -> Result<Owner, ApiError> {
    match target {
        Target::Object => object_owner(store, ident),
        Target::List => list_owner(store, ident),
    }
}

/// Attio's slug rule: lower-case snake case starting with a letter.
pub(crate) fn is_snake_case_slug(slug: &str) -> bool {
    slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
