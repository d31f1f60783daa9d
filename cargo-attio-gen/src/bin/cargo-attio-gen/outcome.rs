//! How a command ends: an outcome, or a failure whose kind decides the
//! exit code.

/// How a command ended, when it did not fail.
pub enum Outcome {
    Ok,
    Drift,
}

/// Why a command failed; the variant decides the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Usage, I/O, snapshot or config error: exit 2.
    #[error("{0}")]
    Usage(String),
    /// The API refused, was unreachable, or answered with an unusable
    /// schema: exit 3.
    #[error("{0}")]
    Api(String),
}

impl From<attio_codegen::Error> for Failure {
    fn from(e: attio_codegen::Error) -> Failure {
        Failure::Usage(e.to_string())
    }
}

impl From<attio_schema::SnapshotError> for Failure {
    fn from(e: attio_schema::SnapshotError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

impl From<cargo_attio_gen::fetch::FetchError> for Failure {
    fn from(e: cargo_attio_gen::fetch::FetchError) -> Failure {
        if e.is_usage() {
            Failure::Usage(e.to_string())
        } else {
            Failure::Api(e.to_string())
        }
    }
}
