//! Schema as code: the plan that brings a live workspace to a committed
//! snapshot, and carrying it out — `cargo attio-gen plan` and `apply`, and
//! [`ensure`] for an integration at start-up.
//!
//! Objects, lists, attributes, options and statuses are matched by slug
//! (options and statuses by title), never by id, so a snapshot pulled from
//! a staging workspace applies to production. What Attio's API cannot
//! change (an attribute's type, a slug) is a note for a person, never a
//! request; archiving happens only with [`PlanOptions::allow_archive`].
//! Both sides of a two-way relationship are created by one request. A list
//! that the snapshot gives nobody full access to, which Attio refuses, is
//! created with the snapshot's workspace access and full access for the
//! workspace member who authorised the token ([`Applied::notes`] says so).
//!
//! ```no_run
//! # async fn start(client: attio_runtime::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use cargo_attio_gen::migrate::{ensure, PlanOptions};
//! use attio_schema::Snapshot;
//!
//! let snapshot = Snapshot::load("attio-schema.json")?;
//! let (plan, applied) = ensure(&client, &snapshot.workspace, &PlanOptions::default()).await?;
//! for note in plan.manual.iter().chain(&applied.notes) {
//!     eprintln!("attio schema: {}: {}", note.path, note.why);
//! }
//! eprintln!("attio schema: {applied}");
//! # Ok(()) }
//! ```

mod apply;
mod compose;
mod create;
mod steps;
#[cfg(test)]
mod tests;

pub use apply::{apply, ensure, Applied, ApplyError, Progress};
pub use compose::{plan, PlanOptions};
pub use steps::{Action, AttributeRef, Note, Plan, Step, PLAN_FORMAT_VERSION};
