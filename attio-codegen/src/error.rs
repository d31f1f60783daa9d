//! Why bindings could not be generated.

use std::fmt;
use std::path::PathBuf;

use attio_schema::SnapshotError;

/// Why bindings could not be generated. Every message names the file
/// involved and what to do about it.
///
/// `Debug` prints the same message as `Display`, so that a build script
/// returning `Result<(), Box<dyn std::error::Error>>` shows cargo a sentence
/// rather than a struct dump.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The snapshot is missing, unreadable, invalid or of another format version.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// The config file could not be read.
    #[error("cannot read generator config {}: {}; create it, or remove the reference to it", path.display(), attio_schema::io_reason(source))]
    ConfigRead {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The config has an unknown key, a value of the wrong type, or names
    /// something the snapshot does not have.
    #[error("invalid generator config {origin}: {message}")]
    Config {
        /// The config file, or `(generator options)` for settings made in code.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// Two generated items would have one name.
    #[error("cannot generate bindings: {0}")]
    Naming(String),
    /// A build script ran without `OUT_DIR` and no output directory was set.
    #[error("OUT_DIR is not set: call `attio_codegen::Builder` from a build script (build.rs), or set a directory with `Builder::out_dir`")]
    NoOutDir,
    /// The generated file could not be written.
    #[error("cannot write generated bindings {}: {}; name a file in an existing, writable directory", path.display(), attio_schema::io_reason(source))]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
