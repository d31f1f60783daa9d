//! two-way-sync: a local SQLite `customers` table kept in agreement with
//! Attio's `people` both ways, under an explicit conflict policy.
//!
//! - [`store`]: the table and the sync's bookkeeping beside each row;
//! - [`policy`]: the conflict policy and the field-by-field merge (pure);
//! - [`transform`]: rows' values to and from Attio's `people`;
//! - [`reconcile`]: the business logic, over any `AttioApi`;
//! - [`server`]: the webhook receiver and the push loop wired to a client;
//! - [`demo`]: the program's run against the in-process emulator.

pub mod demo;
pub mod policy;
pub mod reconcile;
pub mod server;
pub mod store;
pub mod transform;

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::Person;

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[Person::CONTRACT];
