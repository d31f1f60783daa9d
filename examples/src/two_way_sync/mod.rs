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
