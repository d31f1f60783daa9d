//! What several modules share: the checkout, its fixture, and the target
//! directory of the temporary workspaces the tests compile.

use std::path::{Path, PathBuf};

/// The root of the checkout.
pub const CHECKOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The checkout's fixture snapshot.
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/workspace/attio-schema.json"
);

/// The cargo target directory of the temporary workspaces that the tests
/// compile, one for the whole checkout: `cargo-attio-gen`'s `checked_in`
/// test uses it too, and both build a [`builder_crate`], so whichever runs
/// second finds every dependency already built.
pub fn temp_workspace_target() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("temp-workspaces")
}

/// Writes at `root` the crate README shows: a build script that generates
/// the bindings with `attio_codegen::Builder` from the fixture (copied
/// beside Cargo.toml, where neither the Builder nor the derive needs to be
/// told), and a library that compiles them against `attio-runtime`.
///
/// `attio-codegen`'s `build_script` test and `cargo-attio-gen`'s
/// `checked_in` test both build this crate (the same text in both support
/// modules): with the same dependencies, their temporary workspaces resolve
/// the same features, so the second to run finds every dependency already
/// built in [`temp_workspace_target`].
pub fn builder_crate(root: &Path) {
    let name = root.file_name().unwrap().to_str().unwrap();
    let path = |krate: &str| {
        format!(
            "{:?}",
            Path::new(CHECKOUT).join(krate).display().to_string()
        )
    };
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nattio-runtime = {{ path = {} }}\n\n\
             [build-dependencies]\nattio-codegen = {{ path = {} }}\n",
            path("attio-runtime"),
            path("attio-codegen"),
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("build.rs"),
        "fn main() -> Result<(), attio_codegen::Error> {\n    \
         attio_codegen::Builder::new().generate()?;\n    Ok(())\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        "pub mod attio {\n    include!(concat!(env!(\"OUT_DIR\"), \"/attio.rs\"));\n}\n",
    )
    .unwrap();
    std::fs::copy(FIXTURE, root.join("attio-schema.json")).unwrap();
}
