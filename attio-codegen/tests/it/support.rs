//! What several modules share: the checkout, its fixture, and the target
//! directory of the temporary workspaces the tests compile.

use std::path::PathBuf;

/// The root of the checkout.
pub const CHECKOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The checkout's fixture snapshot.
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/workspace/attio-schema.json"
);

/// The cargo target directory of the temporary workspaces that the tests
/// compile, one for the whole checkout: `cargo-attio-gen`'s `checked_in`
/// test uses it too, so whichever runs second finds the dependencies they
/// share (`syn`, `serde`, `attio-schema` …) already built.
pub fn temp_workspace_target() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("temp-workspaces")
}
