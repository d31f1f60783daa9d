//! `cargo attio-gen`, the command line of attio-codegen, and the library
//! behind its commands that talk to a live Attio workspace. The crate has no
//! cargo features.
//!
//! - [`fetch`]: introspection of a live workspace — what
//!   `cargo attio-gen pull` stores in a snapshot and `cargo attio-gen check`
//!   compares with one.
//! - [`migrate`]: schema as code — the plan that brings a workspace to a
//!   snapshot (`cargo attio-gen plan`), carrying it out (`apply`), and
//!   [`migrate::ensure`] for an integration at start-up.
//! - [`diagram`]: the snapshot's objects, lists and relationships as a
//!   Mermaid ER diagram or an SVG picture (`cargo attio-gen diagram`),
//!   offline.
//!
//! Generating bindings is `attio-codegen`'s job, offline; this crate adds
//! the network (through `attio_runtime::Client`) and the command line.
//!
//! ```text
//! cargo install --path cargo-attio-gen    # provides `cargo attio-gen`
//! cargo attio-gen pull                    # workspace → attio-schema.json
//! cargo attio-gen generate --out src/attio.rs
//! ```
#![deny(missing_docs)]

pub mod diagram;
pub mod fetch;
pub mod migrate;
