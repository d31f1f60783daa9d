//! What the fuzz targets share: the fixture's generated bindings.

/// The bindings of `fixtures/workspace/attio-schema.json`.
#[allow(clippy::all, missing_docs)]
pub mod workspace {
    include!(concat!(env!("OUT_DIR"), "/workspace.rs"));
}

/// A page of `GET`/`POST …/query` as Attio sends it: `{"data": [...]}`.
#[derive(serde::Deserialize)]
pub struct Page<T> {
    /// The rows.
    pub data: Vec<T>,
}
