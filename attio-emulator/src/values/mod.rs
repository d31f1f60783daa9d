//! Attribute values: the stored form, and validation plus normalisation of
//! written values for the types that need no other data than the value
//! itself, one family of types per file.
//!
//! Types whose values point at something else (select options, statuses,
//! records, workspace members) are resolved against the store in `write/`.

mod currency;
mod dates;
mod domain;
mod email;
mod form;
mod location;
mod name;
mod normalize;
mod payload;
mod phone;
mod scalar;
#[cfg(test)]
mod tests;

pub(crate) use normalize::normalize_plain;
pub(crate) use payload::Payload;
