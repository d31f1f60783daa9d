//! Lead scoring: people scored 0–100 by a documented rule set from their
//! own, their company's and their product accounts' attributes, the score
//! written back to `people.lead_score` only where it changed.
//!
//! - [`rules`]: the rule set, pure (the business rules).
//! - [`scoring`]: what is read and what is written, over
//!   [`attio_runtime::AttioApi`] (the business logic and its transformation).
//! - [`report`]: the summary table the program prints.
//! - [`seed`]: demo data for an empty workspace (the emulator's).

pub mod report;
pub mod rules;
pub mod scoring;
pub mod seed;
