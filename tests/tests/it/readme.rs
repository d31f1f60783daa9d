//! README.md against the `attio-readme` crate (`tests/readme`), which the
//! workspace build compiles: every ```` ```rust ```` block of README appears
//! in one of that crate's files verbatim (up to a uniform indentation), so a
//! snippet that stops compiling fails the build and a snippet edited in one
//! place only fails here. Dependency lists (```` ```toml ```` blocks with a
//! `[dependencies]`-like table) are checked against the crate's manifest —
//! our crates, which are not on crates.io, by the path form README tells
//! users to write ([`CLONE`]) — and the `attio-codegen.toml` example against
//! the fixture's workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml::{Table, Value};

const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "build-dependencies", "dev-dependencies"];

/// Where README has users clone this repository, relative to their crate:
/// beside it. Each of our crates is then at `CLONE/<its folder>`.
const CLONE: &str = "../attio-codegen";

/// A fenced code block of README.
struct Block {
    /// The fence's tag: `rust`, `toml`, `sh` …
    tag: String,
    /// README's line number of the opening fence.
    line: usize,
    /// The lines between the fences, without their common indentation.
    lines: Vec<String>,
}

impl Block {
    fn text(&self) -> String {
        self.lines.join("\n")
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package is in the workspace root")
        .to_path_buf()
}

fn snippet_crate() -> PathBuf {
    root().join("tests/readme")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// README's fenced blocks, in order.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize, Vec<&str>)> = None;
    for (number, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(tag)) => open = Some((tag.trim().to_owned(), number + 1, Vec::new())),
            (Some(_), Some(_)) => {
                let (tag, line, lines) = open.take().expect("a block is open");
                let indent = lines
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| indentation(l).len())
                    .min()
                    .unwrap_or(0);
                let lines = lines
                    .iter()
                    .map(|l| l.get(indent..).unwrap_or("").trim_end().to_owned())
                    .collect();
                blocks.push(Block { tag, line, lines });
            }
            (Some((_, _, lines)), None) => lines.push(line),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md ends inside a code block");
    blocks
}

/// Whether `snippet` is a run of `file`'s lines, each indented by the
/// same prefix (an empty snippet line matches an empty or blank line).
fn contains_verbatim(file: &str, snippet: &[String]) -> bool {
    let file: Vec<&str> = file.lines().map(str::trim_end).collect();
    let Some(first) = snippet.first() else {
        return true;
    };
    (0..file.len()).any(|start| {
        let Some(indent) = file[start].strip_suffix(first.as_str()) else {
            return false;
        };
        indent.trim().is_empty()
            && start + snippet.len() <= file.len()
            && snippet.iter().zip(&file[start..]).all(|(want, got)| {
                if want.is_empty() {
                    got.is_empty()
                } else {
                    got.strip_prefix(indent) == Some(want.as_str())
                }
            })
    })
}

/// The `.rs` files of `dir`, recursively (build.rs included).
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the snippet crate's folder is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_rust_block_is_compiled_verbatim_by_the_snippet_crate() {
    let readme = read(&root().join("README.md"));
    let mut files = Vec::new();
    rust_files(&snippet_crate().join("src"), &mut files);
    files.push(snippet_crate().join("build.rs"));
    let sources: Vec<(PathBuf, String)> =
        files.into_iter().map(|f| (f.clone(), read(&f))).collect();

    let rust: Vec<Block> = blocks(&readme)
        .into_iter()
        .filter(|b| b.tag.starts_with("rust"))
        .collect();
    assert!(
        rust.len() >= 8,
        "README.md has {} rust blocks; were they renamed?",
        rust.len()
    );
    let mut missing = Vec::new();
    for block in &rust {
        // `rust,ignore` and the like would say the block is not compiled.
        assert_eq!(
            block.tag, "rust",
            "README.md:{}: tag a compiled block `rust` only",
            block.line
        );
        if !sources
            .iter()
            .any(|(_, text)| contains_verbatim(text, &block.lines))
        {
            missing.push(format!("README.md:{}:\n{}", block.line, block.text()));
        }
    }
    assert!(
        missing.is_empty(),
        "these README blocks are not in tests/readme (copy each, as it is, into a file \
         of that crate, or carry the crate's change over to README):\n\n{}",
        missing.join("\n\n")
    );
}

#[test]
fn the_snippet_crate_uses_the_fixture_snapshot() {
    // README's build.rs reads `attio-schema.json` beside Cargo.toml: a copy,
    // which must not drift from the fixture the other tests use.
    let copy = read(&snippet_crate().join("attio-schema.json"));
    let fixture = read(&root().join("fixtures/workspace/attio-schema.json"));
    assert!(
        copy == fixture,
        "copy fixtures/workspace/attio-schema.json to tests/readme/"
    );
}

/// A dependency as README states it or the crate has it in effect.
#[derive(Debug, Default)]
struct Dependency {
    version: Option<String>,
    /// `path = "…"`: in the crate, relative to the workspace root.
    path: Option<String>,
    features: BTreeSet<String>,
    default_features: bool,
}

fn dependency(spec: &Value, inherited: Option<&Value>) -> Dependency {
    let mut dep = Dependency {
        default_features: true,
        ..Dependency::default()
    };
    for spec in inherited.into_iter().chain([spec]) {
        match spec {
            Value::String(version) => dep.version = Some(version.clone()),
            Value::Table(table) => {
                if let Some(Value::String(version)) = table.get("version") {
                    dep.version = Some(version.clone());
                }
                if let Some(Value::String(path)) = table.get("path") {
                    dep.path = Some(path.clone());
                }
                if let Some(Value::Array(features)) = table.get("features") {
                    dep.features
                        .extend(features.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                if let Some(Value::Boolean(yes)) = table.get("default-features") {
                    dep.default_features = *yes;
                }
            }
            other => panic!("a dependency is a version or a table, not {other}"),
        }
    }
    dep
}

/// The dependencies of the snippet crate in effect, by table and name
/// (`workspace = true` resolved against the root manifest).
fn crate_dependencies() -> BTreeMap<(String, String), Dependency> {
    let manifest: Table = read(&snippet_crate().join("Cargo.toml")).parse().unwrap();
    let workspace: Table = read(&root().join("Cargo.toml")).parse().unwrap();
    let inherited = &workspace["workspace"]["dependencies"];
    let mut found = BTreeMap::new();
    for table in DEPENDENCY_TABLES {
        for (name, spec) in manifest
            .get(table)
            .and_then(Value::as_table)
            .into_iter()
            .flatten()
        {
            let from_workspace = spec.get("workspace").and_then(Value::as_bool) == Some(true);
            let base = from_workspace.then(|| &inherited[name.as_str()]);
            found.insert((table.to_owned(), name.clone()), dependency(spec, base));
        }
    }
    found
}

/// Whether README's version requirement `wanted` is met by `have`
/// (`"0.1"` by `"0.1.0"`, component by component).
fn version_matches(wanted: &str, have: &str) -> bool {
    let have: Vec<&str> = have.split('.').collect();
    wanted
        .split('.')
        .enumerate()
        .all(|(i, part)| have.get(i) == Some(&part))
}

#[test]
fn readme_dependency_lists_are_the_snippet_crate_s() {
    let readme = read(&root().join("README.md"));
    let have = crate_dependencies();
    let mut listed = BTreeSet::new();
    let mut wrong = Vec::new();
    for block in blocks(&readme).iter().filter(|b| b.tag == "toml") {
        let table: Table = block
            .text()
            .parse()
            .unwrap_or_else(|e| panic!("README.md:{}: not TOML: {e}", block.line));
        for section in DEPENDENCY_TABLES {
            for (name, spec) in table
                .get(section)
                .and_then(Value::as_table)
                .into_iter()
                .flatten()
            {
                listed.insert(name.clone());
                let want = dependency(spec, None);
                // The crate's library holds test snippets too, so what README
                // lists for tests is a normal dependency there.
                let tables = if section == "dev-dependencies" {
                    ["dependencies", section]
                } else {
                    [section; 2]
                };
                let Some(got) = tables
                    .iter()
                    .find_map(|t| have.get(&((*t).to_owned(), name.clone())))
                else {
                    wrong.push(format!(
                        "README.md:{}: `{name}` is not in tests/readme's [{section}]",
                        block.line
                    ));
                    continue;
                };
                // One of our crates: only a path to the clone works (a
                // version alone would be looked up on crates.io).
                if let Some(folder) = &got.path {
                    let path = format!("{CLONE}/{folder}");
                    if want.path.as_deref() != Some(path.as_str()) || want.version.is_some() {
                        wrong.push(format!(
                            "README.md:{}: `{name}` must be `{{ path = \"{path}\" }}` (plus \
                             features): it is not on crates.io, and README clones the \
                             repository beside the user's crate",
                            block.line
                        ));
                    }
                    compare_features(&want, got, name, block.line, &mut wrong);
                    continue;
                }
                let (version, got_version) = (want.version.as_deref(), got.version.as_deref());
                if let (Some(want), Some(got)) = (version, got_version) {
                    if !version_matches(want, got) {
                        wrong.push(format!(
                            "README.md:{}: `{name}` {want}, but the crate has {got}",
                            block.line
                        ));
                    }
                }
                compare_features(&want, got, name, block.line, &mut wrong);
            }
        }
    }
    for (_, name) in have.keys() {
        if !listed.contains(name) {
            wrong.push(format!(
                "tests/readme depends on `{name}`, which README never lists"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "README's dependencies drifted:\n{}",
        wrong.join("\n")
    );
}

/// What README's `want` asks of features that the crate's `got` lacks.
fn compare_features(
    want: &Dependency,
    got: &Dependency,
    name: &str,
    line: usize,
    wrong: &mut Vec<String>,
) {
    if let Some(feature) = want.features.difference(&got.features).next() {
        wrong.push(format!(
            "README.md:{line}: `{name}` feature `{feature}` is not enabled in tests/readme"
        ));
    }
    if !want.default_features && got.default_features {
        wrong.push(format!(
            "README.md:{line}: `{name}` without default features, but the crate has them"
        ));
    }
}

/// The words after `flag` on `line`, if it has the flag.
fn flag_value<'a>(line: &'a str, flag: &str) -> Option<&'a str> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == flag)?;
    words.next()
}

#[test]
fn readme_commands_name_files_that_exist() {
    // A command run from this repository's root must name its files (the
    // emulator's `--schema`), and an install from the clone must name a
    // crate of the repository.
    let readme = read(&root().join("README.md"));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for block in blocks(&readme).iter().filter(|b| b.tag == "sh") {
        for (offset, line) in block.lines.iter().enumerate() {
            let at = block.line + 1 + offset;
            let line = line.split(" #").next().unwrap_or("");
            if line.starts_with("cargo run -p attio-emulator ") {
                let schema = flag_value(line, "--schema").unwrap_or("");
                checked += 1;
                if !root().join(schema).is_file() {
                    wrong.push(format!(
                        "README.md:{at}: `{schema}` is not a file at the repository's root"
                    ));
                }
            }
            if line.starts_with("cargo install ") {
                let path = flag_value(line, "--path").unwrap_or("");
                checked += 1;
                let folder = path.strip_prefix(CLONE).map(|p| p.trim_start_matches('/'));
                let is_crate = folder.is_some_and(|f| {
                    root().join(f).join("src/main.rs").is_file()
                        || root().join(f).join("src/bin").is_dir()
                });
                if !is_crate {
                    wrong.push(format!(
                        "README.md:{at}: `--path {path}` is not `{CLONE}/<a crate of this \
                         repository with a binary>`"
                    ));
                }
            }
        }
    }
    assert!(
        checked >= 3,
        "README's emulator and install commands were not found"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn readme_config_example_is_valid_for_the_fixture() {
    let readme = read(&root().join("README.md"));
    let snapshot =
        attio_codegen::Snapshot::load(root().join("fixtures/workspace/attio-schema.json")).unwrap();
    let configs: Vec<Block> = blocks(&readme)
        .into_iter()
        .filter(|b| b.tag == "toml")
        .filter(|b| {
            let table: Table = b.text().parse().unwrap();
            !DEPENDENCY_TABLES.iter().any(|t| table.contains_key(*t))
        })
        .collect();
    assert_eq!(configs.len(), 1, "README shows one attio-codegen.toml");
    for block in configs {
        let config = attio_codegen::Config::parse(&block.text(), "README.md")
            .unwrap_or_else(|e| panic!("README.md:{}: {e}", block.line));
        config
            .validate(&snapshot.workspace)
            .unwrap_or_else(|e| panic!("README.md:{}: {e}", block.line));
    }
}

#[test]
fn verbatim_matching_allows_only_a_uniform_indentation() {
    let file = "mod tests {\n    fn a() {\n        b();\n    }\n}\n";
    let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(contains_verbatim(file, &lines("fn a() {\n    b();\n}")));
    assert!(!contains_verbatim(file, &lines("fn a() {\nb();\n}")));
    assert!(!contains_verbatim(file, &lines("fn a() {\n    c();\n}")));
    let readme = "1. step\n\n   ```rust\n   fn a() {\n       b();\n   }\n   ```\n";
    let found = blocks(readme);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].lines, lines("fn a() {\n    b();\n}"));
    assert_eq!(found[0].line, 3);
}
