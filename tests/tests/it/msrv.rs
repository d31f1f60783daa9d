//! The declared minimum Rust version (`rust-version` of the workspace) is
//! true of the locked dependency graph: no package that our crates compile
//! on this platform declares a newer one. Cargo.lock can pin a release that
//! needs a newer compiler than we say (`uuid` 1.29 needs 1.89), and then a
//! user on the declared version fails at the first build.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `1.80`, `1.80.0` as comparable numbers (a missing patch is 0).
fn version(text: &str) -> Option<(u64, u64, u64)> {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    Some((major, minor, patch))
}

fn cargo(args: &[&str]) -> String {
    // Cargo runs tests with `CARGO` set to itself, the toolchain that
    // built them.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(&cargo)
        .args(args)
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"));
    assert!(
        output.status.success(),
        "cargo {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cargo prints UTF-8")
}

/// The platform cargo builds for by default (`host: x86_64-unknown-linux-gnu`).
fn host() -> String {
    cargo(&["-vV"])
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("`cargo -vV` names the host")
        .to_owned()
}

/// The packages of the graph that depend on a newer Rust than `ours`:
/// every package reachable from the workspace members (normal, build and
/// dev dependencies, on this platform) whose `rust_version` is greater.
fn newer_than_ours(metadata: &Value) -> (String, Vec<String>) {
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .expect("metadata lists packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("a package id"), p))
        .collect();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .expect("metadata lists the members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let rust_version = |id: &str| packages[id]["rust_version"].as_str();
    let ours = members
        .iter()
        .map(|id| rust_version(id).unwrap_or_else(|| panic!("{id} declares no rust-version")))
        .collect::<BTreeSet<_>>();
    assert_eq!(
        ours.len(),
        1,
        "the members declare several rust-versions: {ours:?}"
    );
    let ours = ours.into_iter().next().unwrap().to_owned();
    let declared = version(&ours).expect("a rust-version is numeric");

    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("metadata has the resolved graph")
        .iter()
        .map(|n| (n["id"].as_str().expect("a node id"), n))
        .collect();
    let mut seen = BTreeSet::new();
    let mut stack = members.clone();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
                stack.push(dep["pkg"].as_str().expect("a dependency id"));
            }
        }
    }
    let mut offenders: Vec<String> = seen
        .into_iter()
        .filter_map(|id| {
            let needs = rust_version(id)?;
            (version(needs)? > declared).then(|| {
                let package = packages[id];
                let field = |key: &str| package[key].as_str().unwrap_or("?");
                format!("{} {} needs Rust {needs}", field("name"), field("version"))
            })
        })
        .collect();
    offenders.sort();
    (ours, offenders)
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_the_declared_one() {
    // `--filter-platform`: only what this platform compiles (and what an
    // offline cargo has downloaded), not Windows-only crates.
    let host = host();
    let json = cargo(&[
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--offline",
        "--filter-platform",
        &host,
    ]);
    let metadata: Value = serde_json::from_str(&json).expect("cargo metadata prints JSON");
    let (ours, offenders) = newer_than_ours(&metadata);
    assert!(
        offenders.is_empty(),
        "the workspace declares rust-version {ours}, but Cargo.lock pins packages that need \
         a newer Rust; raise `rust-version` in Cargo.toml (and README's \"Rust … or newer\"), \
         or pin older releases with `cargo update -p NAME --precise VERSION`:\n{}",
        offenders.join("\n")
    );
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README.md is readable");
    assert!(
        readme.contains(&format!("Rust toolchain (stable, {ours} or newer)")),
        "README's set-up must name the declared rust-version {ours}"
    );
}

#[test]
fn versions_compare_by_number() {
    assert!(version("1.89").unwrap() > version("1.80.0").unwrap());
    assert!(version("1.100").unwrap() > version("1.89.1").unwrap());
    assert_eq!(version("1.80"), version("1.80.0"));
    assert_eq!(version("nightly"), None);
}
