//! Attribute values: the stored form, and the written values of the types
//! needing nothing but the value itself, one family per file (the rest: `write/`).

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
