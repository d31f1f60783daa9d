//! What several modules share: the fixture, the binary, and reading a
//! finished process's output.

use std::path::PathBuf;
use std::process::Output;

use attio_schema::{Snapshot, Workspace};

/// The checkout's fixture snapshot.
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/workspace/attio-schema.json"
);

/// The root of the checkout.
pub const CHECKOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The cargo target directory of the temporary workspaces that the tests
/// compile, one for the whole checkout: `attio-codegen`'s `build_script`
/// test uses it too, so whichever runs second finds the dependencies they
/// share (`syn`, `serde`, `attio-schema` …) already built.
pub fn temp_workspace_target() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("temp-workspaces")
}

/// The `cargo-attio-gen` binary that cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_cargo-attio-gen");

/// The fixture's workspace.
pub fn fixture() -> Workspace {
    Snapshot::load(FIXTURE).unwrap().workspace
}

/// A process's standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A process's standard error, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
