//! The generator on the workspace fixture: the output is pinned by an insta
//! snapshot (`attio-tests` checks that its build.rs compiles exactly this);
//! it does not depend on input order; and bad input fails with one clear
//! error that names the file, writing nothing.

use std::path::{Path, PathBuf};

use attio_codegen::{generate, Builder, Config, Snapshot};

use crate::support::FIXTURE;

/// The path `attio-tests`' build.rs passes, as the generated derives spell it.
const SCHEMA_ATTRIBUTE: &str = "../fixtures/workspace/attio-schema.json";

fn fixture() -> Snapshot {
    Snapshot::load(FIXTURE).expect("the fixture loads")
}

#[test]
fn the_fixture_bindings_match_the_snapshot() {
    let code = generate(&fixture(), &Config::default(), Some(SCHEMA_ATTRIBUTE)).unwrap();
    insta::assert_snapshot!("workspace_fixture", code);
}

#[test]
fn output_does_not_depend_on_input_order() {
    let snapshot = fixture();
    let first = generate(&snapshot, &Config::default(), None).unwrap();
    assert_eq!(
        first,
        generate(&snapshot, &Config::default(), None).unwrap()
    );

    let mut shuffled = snapshot.workspace.clone();
    shuffled.objects.reverse();
    shuffled.lists.reverse();
    for object in &mut shuffled.objects {
        object.attributes.reverse();
        for attribute in &mut object.attributes {
            attribute.options.reverse();
            attribute.statuses.reverse();
        }
    }
    let shuffled = Snapshot::new(shuffled);
    assert_eq!(
        first,
        generate(&shuffled, &Config::default(), None).unwrap()
    );
}

/// A build script run of the builder into a fresh directory: the result,
/// and the files the directory holds afterwards.
fn build(configure: impl FnOnce(Builder) -> Builder) -> (Result<PathBuf, String>, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let result = configure(Builder::new().out_dir(out.path()).cargo_instructions(false))
        .generate()
        .map_err(|e| format!("{e:?}"));
    let files = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    (result, files)
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_builder_writes_once_and_only_on_change() {
    let out = tempfile::tempdir().unwrap();
    let builder = || {
        Builder::new()
            .snapshot(FIXTURE)
            .out_dir(out.path())
            .out_file("crm.rs")
            .cargo_instructions(false)
    };
    let path = builder().generate().unwrap();
    assert_eq!(path, out.path().join("crm.rs"));
    let written = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    builder().generate().unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        written,
        "an unchanged output must keep its modification time"
    );
    builder().objects(["people"]).generate().unwrap();
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("pub struct Company"));
}

#[test]
fn a_missing_snapshot_names_the_file_and_the_fix() {
    let (result, files) = build(|b| b.snapshot("/nonexistent/attio-schema.json"));
    let error = result.unwrap_err();
    assert!(
        error.starts_with("cannot read Attio schema snapshot /nonexistent/attio-schema.json:"),
        "{error}"
    );
    assert!(error.contains("cargo attio-gen pull"), "{error}");
    assert!(files.is_empty(), "nothing is written: {files:?}");
}

#[test]
fn a_malformed_snapshot_names_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let not_json = write_temp(dir.path(), "a.json", "{\"format_version\": 1,");
    let (result, files) = build(|b| b.snapshot(&not_json));
    let error = result.unwrap_err();
    assert!(error.contains("a.json: not valid JSON"), "{error}");
    assert!(files.is_empty());

    let bad_type = write_temp(
        dir.path(),
        "b.json",
        r#"{"format_version": 1, "objects": [{"id": {"workspace_id": "w", "object_id": "o"},
            "api_slug": "people", "singular_noun": null, "plural_noun": null,
            "attributes": [{"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
              "title": "T", "api_slug": "t", "type": "text", "is_unique": "yes"}]}]}"#,
    );
    let error = build(|b| b.snapshot(&bad_type)).0.unwrap_err();
    assert!(
        error.contains("at `objects[0].attributes[0].is_unique`"),
        "{error}"
    );
}

#[test]
fn a_snapshot_of_another_format_version_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let future = write_temp(dir.path(), "attio-schema.json", r#"{"format_version": 7}"#);
    let (result, files) = build(|b| b.snapshot(&future));
    let error = result.unwrap_err();
    assert!(error.contains("has format version 7"), "{error}");
    assert!(
        error.contains("regenerate it with `cargo attio-gen pull`"),
        "{error}"
    );
    assert!(files.is_empty());
}

#[test]
fn a_bad_config_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_temp(dir.path(), "attio-codegen.toml", "objects = [\"peopel\"]\n");
    let (result, files) = build(|b| b.snapshot(FIXTURE).config_file(&config));
    let error = result.unwrap_err();
    assert!(
        error.contains("attio-codegen.toml: `objects` names object `peopel`"),
        "{error}"
    );
    assert!(error.ends_with("did you mean `people`?"), "{error}");
    assert!(files.is_empty());

    let unknown_key = write_temp(dir.path(), "k.toml", "[renames]\ncompanies = \"Org\"\n");
    let error = build(|b| b.snapshot(FIXTURE).config_file(&unknown_key))
        .0
        .unwrap_err();
    assert!(error.contains("unknown field `renames`"), "{error}");

    let missing = build(|b| b.snapshot(FIXTURE).config_file("/nonexistent/x.toml"))
        .0
        .unwrap_err();
    assert!(
        missing.starts_with("cannot read generator config /nonexistent/x.toml"),
        "{missing}"
    );

    let clash = build(|b| b.snapshot(FIXTURE).rename("people", "Company"))
        .0
        .unwrap_err();
    assert_eq!(
        clash,
        "cannot generate bindings: the rename of `people` to `Company` takes the name of `companies`; rename `companies` too"
    );
}
