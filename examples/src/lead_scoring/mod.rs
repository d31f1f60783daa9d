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

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::{Company, Person, ProductAccount};

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[
    Company::CONTRACT,
    Person::CONTRACT,
    ProductAccount::CONTRACT,
];
