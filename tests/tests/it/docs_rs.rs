//! Every library crate documents all its features on docs.rs: without
//! `[package.metadata.docs.rs] all-features = true` the feature-gated types
//! (the webhook receiver, the SQLite stores, normalisation) are missing
//! from the published documentation.

use std::path::Path;

use toml::{Table, Value};

#[test]
fn every_library_crate_documents_all_features() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &Path| -> Table {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let workspace = read(&root.join("Cargo.toml"));
    let members = workspace["workspace"]["members"]
        .as_array()
        .expect("the workspace lists its members");
    let mut libraries = 0;
    let mut missing = Vec::new();
    for member in members.iter().filter_map(Value::as_str) {
        let manifest = read(&root.join(member).join("Cargo.toml"));
        let package = &manifest["package"];
        let published = package.get("publish").and_then(Value::as_bool) != Some(false);
        let library = root.join(member).join("src/lib.rs").is_file();
        if !(published && library) {
            continue;
        }
        libraries += 1;
        let all_features = package
            .get("metadata")
            .and_then(|m| m.get("docs"))
            .and_then(|d| d.get("rs"))
            .and_then(|d| d.get("all-features"))
            .and_then(Value::as_bool);
        if all_features != Some(true) {
            missing.push(member);
        }
    }
    assert!(libraries >= 6, "found {libraries} library crates");
    assert!(
        missing.is_empty(),
        "add `[package.metadata.docs.rs]` with `all-features = true` and \
         `rustdoc-args = [\"--cfg\", \"docsrs\"]` to: {}",
        missing.join(", ")
    );
}
