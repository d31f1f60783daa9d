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

/// Builds `targets` (one cargo command per kind and package) and returns
/// the artifacts found, with a message per build that failed.
pub fn build(
    cargo: &Path,
    root: &Path,
    targets: &[Target],
) -> (HashMap<Target, Artifact>, Vec<String>) {
    let mut groups: Vec<(&'static str, &'static str, Vec<Target>)> = Vec::new();
    for target in targets {
        let kind = match target {
            Target::Bench { .. } => "bench",
            Target::Test { .. } => "test",
            Target::Bin { .. } => "bin",
        };
        match groups
            .iter_mut()
            .find(|(k, p, _)| *k == kind && *p == target.package())
        {
            Some((_, _, group)) if !group.contains(target) => group.push(*target),
            Some(_) => {}
            None => groups.push((kind, target.package(), vec![*target])),
        }
    }
    let (mut artifacts, mut problems) = (HashMap::new(), Vec::new());
    for (kind, package, group) in groups {
        let mut command = Command::new(cargo);
        command.current_dir(root);
        match kind {
            "bench" => command.args(["bench", "--no-run"]),
            "test" => command.args(["test", "--release", "--no-run"]),
            _ => command.args(["build", "--release"]),
        };
        command.args(["--message-format=json-render-diagnostics", "-p", package]);
        for target in &group {
            command.args([format!("--{kind}"), target.name().to_owned()]);
        }
        eprintln!("xtask: building {kind} {package} {:?}", names(&group));
        let output = command.stderr(Stdio::inherit()).output();
        let output = match output {
            Ok(output) => output,
            Err(e) => {
                problems.push(format!("cannot run cargo: {e}"));
                continue;
            }
        };
        if !output.status.success() {
            problems.push(format!(
                "the build of {package}'s {kind} targets {:?} failed ({})",
                names(&group),
                output.status
            ));
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        for target in group {
            match find(&stdout, kind, target.name()) {
                Some(artifact) => {
                    artifacts.insert(target, artifact);
                }
                None => problems.push(format!(
                    "no executable of {package}'s {kind} `{}` in cargo's output",
                    target.name()
                )),
            }
        }
    }
    (artifacts, problems)
}

fn names(targets: &[Target]) -> Vec<&'static str> {
    targets.iter().map(|t| t.name()).collect()
}

/// The executable of the target `name` of `kind` in cargo's JSON messages.
fn find(messages: &str, kind: &str, name: &str) -> Option<Artifact> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_executable_is_found_among_cargo_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"decode"},"manifest_path":"/r/x/Cargo.toml","executable":null}
{"reason":"compiler-artifact","target":{"kind":["bench"],"name":"decode"},"manifest_path":"/r/tests/Cargo.toml","executable":"/r/target/release/deps/decode-1a2b"}
{"reason":"build-finished","success":true}"#;
        let artifact = find(messages, "bench", "decode").expect("found");
        assert_eq!(
            artifact.executable,
            Path::new("/r/target/release/deps/decode-1a2b")
        );
        assert_eq!(artifact.package_dir, Path::new("/r/tests"));
        assert!(find(messages, "bench", "sync").is_none());
        assert!(find(messages, "test", "decode").is_none());
    }
}
