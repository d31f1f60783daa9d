//! Bindings that guard themselves: what a struct compiles against
//! ([`Contract`], which `#[derive(Record)]` and `#[derive(Entry)]` emit as
//! [`Model::CONTRACT`](crate::Model::CONTRACT)), a check of contracts
//! against the live workspace at start-up ([`Client::verify`](crate::Client::verify),
//! a [`DriftReport`]), and a [`Watch`] that repeats the check when Attio
//! sends a schema event, or on an interval.
//!
//! The check builds the live side and the side the code expects as two
//! [`attio_schema::Workspace`]s and compares them with
//! [`attio_schema::diff::diff`], the comparison `cargo attio-gen check`
//! makes, so both speak of the same changes in the same words; each change
//! is then sorted against the contract: breaking for this code, or harmless.
//!
//! ```no_run
//! use attio_runtime::{Client, Model};
//!
//! #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
//! #[attio(object = "people")]
//! # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
//! struct Person {
//!     email_addresses: Vec<attio_runtime::value::EmailAddress>,
//!     job_title: Option<String>,
//! }
//!
//! # async fn run() -> Result<(), attio_runtime::Error> {
//! let client = Client::from_env()?;
//! let report = client.verify(&[Person::CONTRACT]).await?;
//! if report.is_breaking() {
//!     eprintln!("{report}");
//!     std::process::exit(1);
//! }
//! # Ok(())
//! # }
//! ```

mod check;
mod expected;
mod report;
#[cfg(test)]
mod tests;
mod watch;

pub use report::{Drift, DriftReport, Finding};
pub use watch::Watch;

use crate::Target;

/// What a struct bound to an object or list relies on, as its snapshot
/// described the object or list when the struct compiled.
///
/// The derive emits one per struct as [`Model::CONTRACT`](crate::Model::CONTRACT);
/// its fields are public so that it can, and are not meant to be built by
/// hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contract {
    /// The struct's name (`Person`), for reports.
    pub name: &'static str,
    /// Object or list.
    pub target: Target,
    /// The object's or list's api_slug.
    pub slug: &'static str,
    /// Its UUID in the snapshot; empty when the snapshot has none.
    pub id: &'static str,
    /// One per field bound to an attribute.
    pub fields: &'static [FieldContract],
    /// The api_slug of every attribute the snapshot knew (archived ones
    /// included), so that an attribute the workspace gained since is told
    /// apart from one the struct merely does not bind. Empty for a contract
    /// that knows no snapshot: then no attribute is reported as new.
    pub known: &'static [&'static str],
    /// The attributes the snapshot already required that the struct has no
    /// field for: not drift when the workspace still requires them.
    pub required_unbound: &'static [&'static str],
}

impl Contract {
    /// A contract that knows only its object or list, as
    /// [`Model::CONTRACT`](crate::Model::CONTRACT) is for a `Model` written
    /// by hand: the check then asks only that the object or list exists.
    pub const fn unbound(target: Target, slug: &'static str) -> Contract {
        Contract {
            name: slug,
            target,
            slug,
            id: "",
            fields: &[],
            known: &[],
            required_unbound: &[],
        }
    }
}

/// What one field relies on: its attribute as the snapshot described it,
/// and how the code uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldContract {
    /// The Rust field's name (`job_title`).
    pub field: &'static str,
    /// The attribute's api_slug.
    pub slug: &'static str,
    /// The attribute's UUID; empty when the snapshot has none.
    pub id: &'static str,
    /// The attribute type as Attio names it (`text`, `record-reference`).
    pub attribute_type: &'static str,
    /// Whether it holds several values.
    pub multiselect: bool,
    /// Whether the write model has a setter for it (the code writes it).
    pub writes: bool,
    /// Whether a create must name it (`XRequired`).
    pub required: bool,
    /// Whether it is unique, so that an upsert can match on it.
    pub matches: bool,
    /// The titles of the options or statuses the field's enum names
    /// (non-archived ones in the snapshot); empty for other types.
    pub choices: &'static [&'static str],
}
