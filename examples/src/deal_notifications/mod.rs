//! deal-notifications: a webhook receiver that announces deals reaching a
//! stage (won, by default) in Slack, per deal type, and gives the owner a task.
//!
//! - [`rules`]: which deals are announced and on which channel (pure).
//! - [`slack`]: the Block Kit message (pure).
//! - [`notify`]: the business logic over [`attio_runtime::AttioApi`] and a
//!   [`notify::Notifier`], unit-tested with doubles.
//! - [`server`]: the runtime's webhook receiver wired to it, the Slack
//!   poster, and the local capture endpoint the demo posts to.
//! - [`demo`]: the emulator run: a webhook, sample deals moved through
//!   their stages, the captured messages.

pub mod demo;
pub mod notify;
#[cfg(test)]
mod notify_tests;
pub mod rules;
pub mod server;
pub mod slack;

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::{Company, Deal, Person};

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[Company::CONTRACT, Deal::CONTRACT, Person::CONTRACT];
