//! Runnable integrations built on attio-codegen, written to be copied: the
//! programs a team writes when it outgrows Zapier. See `README.md` for how
//! to run each one.
//!
//! Each program in `src/bin/` is a thin command line over a module of this
//! library that holds its logic, so that tests call the logic directly.
//! Every example keeps the same three layers apart:
//!
//! - **Client**: the runtime's [`attio_runtime::Client`], obtained through
//!   [`connect::Connection`] (an in-process emulator, or with `--attio`
//!   the workspace of `ATTIO_API_KEY`). Nothing else talks HTTP to Attio.
//!   Before its first write, each program checks the structs it uses
//!   against the workspace ([`drift`]) and refuses to run on a change that
//!   breaks them.
//! - **Business logic**: what to write and when, written against the
//!   [`attio_runtime::AttioApi`] trait rather than the client, so that it
//!   is unit-tested with a test double instead of a server.
//! - **Transformation**: plain functions from the team's own data (product
//!   events, form posts, rows of a local table) to the generated structs of
//!   [`attio`], where Attio's validation rules become types.

#![deny(missing_docs)]

/// The bindings `build.rs` generates from `attio-schema.json`.
pub mod attio {
    include!(concat!(env!("OUT_DIR"), "/attio.rs"));
}

pub mod connect;
pub mod drift;

// One module per program in `src/bin/`.
pub mod call_notetaker;
pub mod deal_notifications;
pub mod form_intake;
pub mod lead_scoring;
pub mod product_sync;
pub mod saas_fleet;
pub mod two_way_sync;
