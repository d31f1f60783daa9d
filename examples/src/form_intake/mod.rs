//! form-intake: a web form (HTML or JSON posts) validated with the
//! runtime's value types and saved as an upserted company and person.
//!
//! - [`form`]: the post's body to a typed [`Submission`](form::Submission),
//!   or every field's error in plain words (transformation; pure).
//! - [`intake`]: what a submission writes to Attio (business logic, over
//!   [`AttioApi`](attio_runtime::AttioApi)).
//! - [`page`]: the HTML pages.
//! - [`http`]: the axum routes joining them.

pub mod form;
pub mod http;
pub mod intake;
pub mod page;

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::{Company, Person};

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[Company::CONTRACT, Person::CONTRACT];
