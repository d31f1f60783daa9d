//! `cargo attio-gen diagram`: README's picture of the sample workspace is
//! what the command draws, and the command's file and error paths.

use std::path::Path;
use std::process::Command;

use crate::support::{stderr, stdout, BIN, FIXTURE};

/// The command README shows, from the repository's root.
const README_COMMAND: &str =
    "cargo attio-gen diagram --snapshot fixtures/workspace/attio-schema.json\n";

fn diagram(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("diagram")
        .args(args)
        .output()
        .unwrap()
}

/// The lines of README's first ```` ```mermaid ```` block.
fn readme_diagram(readme: &str) -> Option<String> {
    let start = readme.find("```mermaid\n")? + "```mermaid\n".len();
    let end = start + readme[start..].find("```")?;
    Some(readme[start..end].to_owned())
}

#[test]
fn readme_shows_what_the_command_draws_for_the_sample_workspace() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(README_COMMAND),
        "README no longer shows `{}`; update this test with it",
        README_COMMAND.trim_end()
    );
    let output = diagram(&["--snapshot", FIXTURE]);
    assert!(output.status.success(), "{}", stderr(&output));
    let shown = readme_diagram(&readme).expect("README has a ```mermaid block");
    assert_eq!(
        shown,
        stdout(&output),
        "README's diagram is stale: replace its ```mermaid block with the output of `{}`",
        README_COMMAND.trim_end()
    );
}

#[test]
fn out_writes_the_same_diagram_and_an_unknown_slug_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("workspace.mmd");
    let written = diagram(&["--snapshot", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert_eq!(stdout(&written), "");
    let printed = diagram(&["--snapshot", FIXTURE]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout(&printed));
    assert!(stdout(&printed).starts_with("erDiagram\n"));

    let unknown = diagram(&["--snapshot", FIXTURE, "--around", "company"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no object or list `company` in the snapshot"),
        "{}",
        stderr(&unknown)
    );
    assert!(stderr(&unknown).contains("did you mean `companies`?"));
}
