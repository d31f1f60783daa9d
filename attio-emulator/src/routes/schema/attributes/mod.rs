//! Attributes of objects and lists: list, get, create and update them
//! (archiving is an update; nothing is deleted).

mod attribute;
mod config;
mod lookup;
mod relationship;

pub(crate) use attribute::{create, get_one, list, update};
pub(crate) use lookup::{attribute_of, attributes_mut, typed_attribute};
