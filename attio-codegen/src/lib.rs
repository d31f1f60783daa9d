//! The offline generator of typed Rust bindings for an Attio workspace:
//! from a schema snapshot, one struct per object and per list, one enum per
//! select or status attribute. It reads files and writes files, nothing
//! more: no network, so a build script that depends on it compiles no HTTP
//! client or async runtime. The crate has no cargo features.
//!
//! From a build script, with [`Builder`]:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), attio_codegen::Error> {
//!     attio_codegen::Builder::new().generate()?; // attio-schema.json → $OUT_DIR/attio.rs
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod attio {
//!     include!(concat!(env!("OUT_DIR"), "/attio.rs"));
//! }
//! ```
//!
//! or once, into a checked-in file, with `cargo attio-gen generate --out src/attio.rs`.
//!
//! The snapshot itself comes from a live workspace: `cargo attio-gen pull`
//! writes it and `cargo attio-gen check` tells whether it is still current
//! (the `cargo-attio-gen` crate, which also brings a workspace to a
//! snapshot with `plan` and `apply`).
//!
//! An attribute of a type this version does not know (one Attio added after
//! it) does not fail generation: its field holds the raw JSON of each value
//! (`serde_json::Value`, which the derive accepts for such a type), is
//! read-only (a value of an unknown type cannot be checked before it is
//! sent, so nothing writes it), and the generator says so in a
//! [`Note`](layout::Note) (`cargo attio-gen generate` prints it, the
//! [`Builder`] makes it a cargo warning). Reading such a value logs a
//! warning once per process; upgrading the crates reads it typed.
//!
//! Generation runs in stages, each testable alone: the snapshot is loaded
//! (`attio_schema`), [`layout`] decides every name and type, [`emit`] turns the
//! layout into tokens, and [`render`] formats them with prettyplease. The
//! output only declares items; `#[derive(attio_runtime::Record)]` and its
//! siblings implement them, checking each field against the same snapshot.
#![deny(missing_docs)]
// Library code never panics on input: an `unwrap` or `expect` is allowed
// only on an invariant, under `#[allow]` with the reason it cannot fail
// (CI's `-D warnings` makes these errors; tests are exempt, clippy.toml).
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod builder;
mod config;
mod docs;
pub mod emit;
mod error;
pub mod layout;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod paths;
mod pipeline;
pub mod render;

/// The snapshot [`generate`] reads: `attio_schema`'s, re-exported because
/// it is part of this crate's signatures, so that a build script needs no
/// other dependency.
pub use attio_schema::Snapshot;
pub use builder::Builder;
pub use config::{Config, ConfigLocation, DEFAULT_CONFIG_FILE};
pub use error::Error;
pub use pipeline::{generate, generate_with_notes, Generated};
