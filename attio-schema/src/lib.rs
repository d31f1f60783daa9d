//! The vocabulary of an Attio workspace, shared by the generator, the derive
//! macro and the emulator: the schema model, the snapshot file, the schema
//! diff, object-or-list vocabulary, where a snapshot is found, identifier
//! naming, did-you-mean suggestions and the attribute-type → Rust-type
//! mapping.
//!
//! ```no_run
//! use attio_schema::Snapshot;
//!
//! let snapshot = Snapshot::load("attio-schema.json")?;
//! for object in &snapshot.workspace.objects {
//!     println!("{} has {} attributes", object.api_slug, object.attributes.len());
//! }
//! # Ok::<(), attio_schema::SnapshotError>(())
//! ```
#![deny(missing_docs)]
// Library code never panics on input: an `unwrap` or `expect` is allowed
// only on an invariant, under `#[allow]` with the reason it cannot fail
// (CI's `-D warnings` makes these errors; tests are exempt, clippy.toml).
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod attribute_type;
pub mod diff;
pub mod locate;
mod model;
pub mod naming;
#[cfg(feature = "normalize")]
#[cfg_attr(docsrs, doc(cfg(feature = "normalize")))]
pub mod normalize;
pub mod rust_type;
pub mod scopes;
mod snapshot;
pub mod suggest;
mod target;

pub use attribute_type::AttributeType;
pub use model::*;
pub use snapshot::{
    write_atomically, CanonicalFile, Snapshot, SnapshotError, DEFAULT_FILE_NAME, FORMAT_VERSION,
};
pub use target::{Owner, Target};

/// `message` whole when it has at most 300 characters; else its first and
/// last 150 around an ellipsis. serde quotes the value it refused, and a
/// hostile snapshot or body may hold megabytes where a boolean belongs: its
/// end says what was expected and its start what was found, so both stay.
/// Shared by the snapshot loader and the runtime's decoders; not part of
/// the semver API.
#[doc(hidden)]
pub fn elided(message: String) -> String {
    const HALF: usize = 150;
    let count = message.chars().count();
    if count <= 2 * HALF {
        return message;
    }
    let head: String = message.chars().take(HALF).collect();
    let tail: String = message.chars().skip(count - HALF).collect();
    format!("{head} … ({} characters elided) … {tail}", count - 2 * HALF)
}

/// Why a file could not be read or written, in lower-case words that fit
/// after "cannot read X: " (`it does not exist`, `it is a directory, not a
/// file` …); the system's own text, lower-cased, for the rarer kinds.
/// Shared by the snapshot loader, the generator and the command line; not
/// part of the semver API.
#[doc(hidden)]
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::NotFound => "it does not exist",
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::IsADirectory => "it is a directory, not a file",
        ErrorKind::NotADirectory => "a part of its path is a file, not a directory",
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::InvalidFilename => "its name is too long or not valid here",
        ErrorKind::InvalidData => "it is not UTF-8 text",
        _ => {
            let text = error.to_string();
            let mut chars = text.chars();
            return match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "an unknown I/O error".to_owned(),
            };
        }
    };
    reason.to_owned()
}
