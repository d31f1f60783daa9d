//! `cargo attio-gen diagram`: README's pictures of the sample workspace
//! (Mermaid and SVG) are what the command draws, and the command's format,
//! file and error paths.

use std::path::Path;
use std::process::Command;

use attio_schema::Target;

use crate::support::{fixture, stderr, stdout, BIN, CHECKOUT, FIXTURE};

/// The command README shows, from the repository's root.
const README_COMMAND: &str =
    "cargo attio-gen diagram --snapshot fixtures/workspace/attio-schema.json\n";

/// The command that draws README's SVG, from the repository's root, and
/// the file it writes there.
const README_SVG_COMMAND: &str =
    "cargo attio-gen diagram --snapshot fixtures/workspace/attio-schema.json --out workspace.svg\n";
const README_SVG: &str = "workspace.svg";

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

#[test]
fn readme_shows_the_svg_the_command_draws_for_the_sample_workspace() {
    let root = Path::new(CHECKOUT);
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(README_SVG_COMMAND),
        "README no longer shows `{}`; update this test with it",
        README_SVG_COMMAND.trim_end()
    );
    assert!(
        readme.contains(&format!("]({README_SVG})")),
        "README does not show {README_SVG}"
    );
    // Drawn as SVG because of the file's extension.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("drawn.SVG");
    let written = diagram(&["--snapshot", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let drawn = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(root.join(README_SVG)).unwrap_or_default();
    assert!(
        committed == drawn,
        "{README_SVG} is stale: run `{}` from the repository's root",
        README_SVG_COMMAND.trim_end()
    );

    // What it shows: every object and list by name, and as many lines as
    // the Mermaid diagram.
    let svg = roxmltree::Document::parse(&drawn).expect("the SVG is well-formed XML");
    let texts: Vec<&str> = svg.descendants().filter_map(|n| n.text()).collect();
    let workspace = fixture();
    for owner in workspace.owners() {
        let name = match owner.target {
            Target::Object => owner.api_slug.to_owned(),
            Target::List => format!("{} (list)", owner.api_slug),
        };
        assert!(texts.contains(&name.as_str()), "{name} is not in the SVG");
    }
    let lines = svg
        .descendants()
        .filter(|n| n.attribute("class") == Some("relationship"))
        .count();
    let mermaid = stdout(&diagram(&["--snapshot", FIXTURE]));
    assert_eq!(lines, mermaid.lines().filter(|l| l.contains("--")).count());
}

#[test]
fn format_overrides_the_extension_and_around_narrows_the_svg() {
    let svg = diagram(&[
        "--snapshot",
        FIXTURE,
        "--format",
        "svg",
        "--around",
        "users",
    ]);
    assert!(svg.status.success(), "{}", stderr(&svg));
    let svg = stdout(&svg);
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let mut joined: Vec<(&str, &str)> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("relationship"))
        .map(|n| {
            (
                n.attribute("data-from").unwrap(),
                n.attribute("data-to").unwrap(),
            )
        })
        .collect();
    joined.sort();
    assert_eq!(joined, [("people", "users"), ("users", "workspaces")]);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("workspace.svg");
    let mermaid = diagram(&[
        "--snapshot",
        FIXTURE,
        "--format",
        "mermaid",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(mermaid.status.success(), "{}", stderr(&mermaid));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("erDiagram\n"));
}

/// A workspace whose graph breaks one of layout-rs's assertions (case 21
/// of the unit tests' generator) is still drawn whole, and the assertion's
/// message, which the library recovers from, is not printed.
#[test]
fn a_graph_the_layout_trips_on_is_drawn_without_a_panic_message() {
    let snapshot = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/diagram_layout_assertion.json"
    );
    let output = diagram(&["--snapshot", snapshot, "--format", "svg"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let svg = stdout(&output);
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let lines = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("relationship"))
        .count();
    let mermaid = stdout(&diagram(&["--snapshot", snapshot]));
    assert_eq!(lines, mermaid.lines().filter(|l| l.contains("--")).count());
}
