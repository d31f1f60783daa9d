//! Building every program the selected entries run, once, in release, and
//! finding each executable in cargo's JSON messages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::entries::Target;

/// A built program: its executable and its package's directory (where
/// `cargo bench` runs it).
#[derive(Debug, Clone)]
pub struct Artifact {
    pub executable: PathBuf,
    pub package_dir: PathBuf,
}

fn kind(target: &Target) -> &'static str {
    match target {
        Target::Bench { .. } => "bench",
        Target::Test { .. } => "test",
        Target::Bin { .. } => "bin",
        Target::Script { .. } => "script",
    }
}

/// Builds `selected` (one cargo command per kind of target) and returns
/// the artifacts found, with a message per build that failed. Each command
/// names the packages of every target of its kind in `all`, selected or
/// not: features are unified over the packages a command names, so naming
/// fewer would rebuild dependencies with other features (and again on the
/// next full run).
pub fn build(
    cargo: &Path,
    root: &Path,
    all: &[Target],
    selected: &[Target],
) -> (HashMap<Target, Artifact>, Vec<String>) {
    let mut kinds: Vec<&str> = selected.iter().map(kind).collect();
    kinds.sort();
    kinds.dedup();
    let (mut artifacts, mut problems) = (HashMap::new(), Vec::new());
    for kind_name in kinds {
        if kind_name == "script" {
            for target in selected.iter().filter(|t| kind(t) == kind_name) {
                let artifact = Artifact {
                    executable: root.join(target.name()),
                    package_dir: root.to_path_buf(),
                };
                artifacts.insert(*target, artifact);
            }
            continue;
        }
        let mut packages: Vec<&str> = all
            .iter()
            .filter(|t| kind(t) == kind_name)
            .map(|t| t.package())
            .collect();
        packages.sort();
        packages.dedup();
        let mut group: Vec<Target> = Vec::new();
        for target in selected.iter().filter(|t| kind(t) == kind_name) {
            if !group.contains(target) {
                group.push(*target);
            }
        }
        let mut command = Command::new(cargo);
        command.current_dir(root);
        match kind_name {
            "bench" => command.args(["bench", "--no-run"]),
            "test" => command.args(["test", "--release", "--no-run"]),
            _ => command.args(["build", "--release"]),
        };
        command.arg("--message-format=json-render-diagnostics");
        for package in &packages {
            command.args(["-p", package]);
        }
        for target in &group {
            command.args([format!("--{kind_name}"), target.name().to_owned()]);
        }
        let names: Vec<_> = group.iter().map(|t| t.name()).collect();
        eprintln!("xtask: building {kind_name} {names:?} of {packages:?}");
        let output = match command.stderr(Stdio::inherit()).output() {
            Ok(output) => output,
            Err(e) => {
                problems.push(format!("cannot run cargo: {e}"));
                continue;
            }
        };
        if !output.status.success() {
            problems.push(format!(
                "the build of {kind_name} targets {names:?} failed ({})",
                output.status
            ));
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        for target in group {
            match find(&stdout, kind_name, target.package(), target.name()) {
                Some(artifact) => {
                    artifacts.insert(target, artifact);
                }
                None => problems.push(format!(
                    "no executable of {}'s {kind_name} `{}` in cargo's output",
                    target.package(),
                    target.name()
                )),
            }
        }
    }
    (artifacts, problems)
}

/// The executable of `package`'s target `name` of `kind` in cargo's JSON
/// messages.
fn find(messages: &str, kind: &str, package: &str, name: &str) -> Option<Artifact> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .filter(|m| m["package_id"].as_str().and_then(package_name) == Some(package))
        .filter(|m| {
            m["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == kind))
        })
        .find_map(|m| {
            let executable = PathBuf::from(m["executable"].as_str()?);
            let manifest = PathBuf::from(m["manifest_path"].as_str()?);
            Some(Artifact {
                executable,
                package_dir: manifest.parent()?.to_path_buf(),
            })
        })
}

/// The package's name in a package id: `path+file:///…/tests#attio-tests@0.1.0`,
/// or `path+file:///…/attio-fleet#0.1.0` when the directory has the
/// package's name.
fn package_name(id: &str) -> Option<&str> {
    let (url, fragment) = id.split_once('#')?;
    match fragment.split_once('@') {
        Some((name, _)) => Some(name),
        None => url.rsplit('/').next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_executable_is_found_among_cargo_messages() {
        let messages = r#"{"reason":"compiler-artifact","package_id":"path+file:///r/x#x@0.1.0","target":{"kind":["lib"],"name":"decode"},"manifest_path":"/r/x/Cargo.toml","executable":null}
{"reason":"compiler-artifact","package_id":"path+file:///r/fleet#attio-fleet@0.1.0","target":{"kind":["test"],"name":"it"},"manifest_path":"/r/fleet/Cargo.toml","executable":"/r/target/release/deps/it-9f9f"}
{"reason":"compiler-artifact","package_id":"path+file:///r/tests#attio-tests@0.1.0","target":{"kind":["bench"],"name":"decode"},"manifest_path":"/r/tests/Cargo.toml","executable":"/r/target/release/deps/decode-1a2b"}
{"reason":"compiler-artifact","package_id":"path+file:///r/attio-codegen#0.1.0","target":{"kind":["bench"],"name":"generate_once"},"manifest_path":"/r/attio-codegen/Cargo.toml","executable":"/r/target/release/deps/generate_once-3c4d"}
{"reason":"build-finished","success":true}"#;
        let artifact = find(messages, "bench", "attio-tests", "decode").expect("found");
        assert_eq!(
            artifact.executable,
            Path::new("/r/target/release/deps/decode-1a2b")
        );
        assert_eq!(artifact.package_dir, Path::new("/r/tests"));
        assert!(find(messages, "bench", "attio-tests", "sync").is_none());
        assert!(find(messages, "test", "attio-tests", "decode").is_none());
        assert!(find(messages, "test", "attio-tests", "it").is_none());
        assert!(find(messages, "test", "attio-fleet", "it").is_some());
        // A package in a directory of its own name: no name in the id.
        assert!(find(messages, "bench", "attio-codegen", "generate_once").is_some());
        assert!(find(messages, "bench", "attio-tests", "generate_once").is_none());
    }
}
