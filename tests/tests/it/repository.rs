//! What a clone must hold and must not: the map and the licences; no
//! citation of a document the clone does not carry; and a generator whose
//! build-script dependency graph has no HTTP client, async runtime or
//! command-line parser (a user's `build.rs` links only what it runs).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_map_the_changelog_and_the_licences_are_in_the_repository() {
    for (file, must_contain) in [
        ("ARCHITECTURE.md", "## Code map"),
        ("CHANGELOG.md", "## [Unreleased]"),
        ("LICENSE-MIT", "Permission is hereby granted"),
        ("LICENSE-APACHE", "Apache License"),
    ] {
        let text = std::fs::read_to_string(root().join(file))
            .unwrap_or_else(|e| panic!("{file} is missing: {e}"));
        assert!(text.contains(must_contain), "{file} lacks {must_contain:?}");
    }
}

/// Every text file of the repository (our sources and docs), without build
/// output and git's own files.
fn text_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                text_files(&path, found);
            }
        } else if [".rs", ".md", ".toml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            found.push(path);
        }
    }
}

/// Whether `line` declares a test named after a numbered checklist item
/// (`fn c`, a number, `_`).
fn checklist_test_name(line: &str) -> bool {
    line.split("fn c").skip(1).any(|rest| {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with('_')
    })
}

#[test]
fn nothing_cites_a_document_a_clone_does_not_hold() {
    // Spelled in pieces so that this file does not find itself.
    let reference_doc = ["attio-api", ".md"].concat();
    let section_sign = '\u{a7}';
    let mut files = Vec::new();
    text_files(&root(), &mut files);
    assert!(files.len() > 100, "only {} files found", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if line.contains(&reference_doc)
                || line.contains(section_sign)
                || checklist_test_name(line)
            {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "cite Attio's public docs by URL or an in-repo file, and name tests after \
         what they check:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_test_name_check_finds_checklist_names_only() {
    assert!(checklist_test_name(
        &["async fn c", "15_unknown() {"].concat()
    ));
    assert!(!checklist_test_name("fn create_record() {"));
    assert!(!checklist_test_name("fn c_1() {"));
}

#[test]
fn a_build_script_with_the_generator_compiles_no_http_client_runtime_or_cli_parser() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            "attio-codegen",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    let names: Vec<&str> = tree.lines().filter_map(|l| l.split(' ').next()).collect();
    assert!(names.contains(&"syn"), "the tree was not read:\n{tree}");
    for heavy in ["clap", "reqwest", "tokio", "hyper"] {
        assert!(
            !names.contains(&heavy),
            "attio-codegen, a build-dependency, pulls in {heavy}:\n{tree}"
        );
    }
}
