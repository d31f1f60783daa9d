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
pub mod output;
pub mod paths;
pub mod plan;
pub mod render;

pub use attio_schema::locate::SCHEMA_ENV;
pub use attio_schema::Snapshot;
pub use builder::Builder;
pub use config::{Config, DEFAULT_CONFIG_FILE};
pub use error::Error;

/// Generates the bindings for `snapshot` as the text of a Rust file.
///
/// `schema_path` is written into every `#[attio(schema = "…")]`, for the
/// derive to find the same snapshot: a path relative to the manifest
/// directory of the crate that compiles the output (see
/// [`paths::relative`]). With `None` the derive looks for
/// `attio-schema.json` beside that crate's `Cargo.toml`.
///
/// The output depends on nothing but its arguments: the same snapshot and
/// config give the same bytes.
///
/// ```
/// use attio_codegen::{generate, Config, Snapshot};
///
/// let snapshot = Snapshot::from_slice(br#"{"format_version": 1, "objects": [
///     {"id": {"workspace_id": "w", "object_id": "o"}, "api_slug": "people",
///      "singular_noun": "Person", "plural_noun": "People", "attributes": [
///        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
///         "title": "Job title", "api_slug": "job_title", "type": "text"}]}]}"#, "attio-schema.json")?;
/// let code = generate(&snapshot, &Config::default(), None)?;
/// assert!(code.contains("pub struct Person {"));
/// assert!(code.contains("pub job_title: Option<String>,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(
    snapshot: &Snapshot,
    config: &Config,
    schema_path: Option<&str>,
) -> Result<String, Error> {
    config.validate(&snapshot.workspace)?;
    let workspace = snapshot.canonical();
    let snapshot_name = schema_path
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or(attio_schema::DEFAULT_FILE_NAME)
        .to_owned();
    // The fingerprint (a hash of the whole canonical schema) only goes into
    // the header: it is computed beside the rest rather than before it.
    let (fingerprint, items) = std::thread::scope(|scope| {
        let fingerprint = scope.spawn(|| Snapshot::fingerprint_of_canonical(&workspace));
        let items = plan::plan(&workspace, config).map(|plan| {
            render::in_parallel(&plan.structs, |s| {
                render::format(emit::Emitter::new(schema_path).struct_items(s))
            })
        });
        let fingerprint = fingerprint
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (fingerprint, items)
    });
    let mut text = render::header(&render::Header {
        snapshot_name,
        fingerprint,
    });
    for item in items? {
        text.push('\n');
        text.push_str(&item);
    }
    Ok(text)
}
