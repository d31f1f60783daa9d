//! Generates typed Rust bindings from an Attio schema snapshot: one struct
//! per object and per list, one enum per select or status attribute.
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
//! (the `fetch` module, behind the default feature `fetch`; a build script
//! can depend on this crate with `default-features = false`).
//!
//! Generation runs in stages, each testable alone: the snapshot is loaded
//! (`attio_schema`), [`plan`] decides every name and type, [`emit`] turns the
//! plan into tokens, and [`render`] formats them with prettyplease. The
//! output only declares items; `#[derive(attio_runtime::Record)]` and its
//! siblings implement them, checking each field against the same snapshot.
#![deny(missing_docs)]

mod builder;
pub mod config;
mod docs;
pub mod emit;
mod error;
#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "fetch")]
pub mod migrate;
pub mod output;
pub mod paths;
mod pipeline;
pub mod plan;
pub mod render;

pub use attio_schema::locate::SCHEMA_ENV;
pub use attio_schema::Snapshot;
pub use builder::Builder;
pub use config::{Config, ConfigLocation, DEFAULT_CONFIG_FILE};
pub use error::Error;
pub use pipeline::{generate, generate_with_notes, Generated};
