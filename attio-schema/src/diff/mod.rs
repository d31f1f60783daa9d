//! Schema diff: what changed between two workspace schemas, and whether code
//! generated from the old one can break against the new one.

mod change;
mod compare;
mod kind;
mod pair;
mod parts;
mod relationship;
mod slugs;
#[cfg(test)]
mod tests;

pub use change::{Change, SchemaDiff};
pub use compare::diff;
pub use kind::ChangeKind;
pub use parts::{ChoiceKind, Severity, Targets, TextField};
pub use slugs::by_slug;
