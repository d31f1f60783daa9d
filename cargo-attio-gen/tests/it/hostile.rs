//! Hostile command lines: each mistake a person (or a script) can make on
//! the command line exits 2 with a lower-case message saying what was
//! wrong and what to do, never panics, and changes no file.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use crate::cli::project;
use crate::support::{stderr, stdout, BIN, FIXTURE};

/// Runs `cargo attio-gen ARGS` in `dir` without a key, a base URL or
/// `$ATTIO_SCHEMA`, expects it to fail with exit code 2 and nothing on
/// standard output, and returns what it said on standard error.
fn refused<A: Into<OsString> + Clone>(dir: &Path, args: &[A]) -> String {
    let output = Command::new(BIN)
        .arg("attio-gen")
        .args(args.iter().cloned().map(Into::into))
        .current_dir(dir)
        .env_remove("ATTIO_SCHEMA")
        .env_remove("ATTIO_API_KEY")
        .env_remove("ATTIO_BASE_URL")
        .output()
        .expect("the binary runs");
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert!(!said.contains("panicked"), "{said}");
    assert!(said.lines().any(|l| l.starts_with("error: ")), "{said}");
    said
}

/// Asserts that `said` contains `expected`.
#[track_caller]
fn says(said: &str, expected: &str) {
    assert!(said.contains(expected), "expected {expected:?} in:\n{said}");
}

#[test]
fn unknown_subcommands_and_flags_missing_and_repeated_values() {
    let (dir, _) = project();
    let dir = dir.path();
    says(
        &refused(dir, &["frobnicate"]),
        "error: unrecognized subcommand 'frobnicate'",
    );
    says(
        &refused(dir, &["generate", "--frob"]),
        "error: unexpected argument '--frob' found",
    );
    says(
        &refused(dir, &["generate", "--out"]),
        "error: a value is required for '--out <FILE>' but none was supplied",
    );
    says(
        &refused(
            dir,
            &["generate", "--snapshot", "a.json", "--snapshot", "b.json"],
        ),
        "error: the argument '--snapshot <FILE>' cannot be used multiple times",
    );
    says(
        &refused(dir, &["generate", "--snapshot", ""]),
        "error: a value is required for '--snapshot <FILE>' but none was supplied",
    );
    says(
        &refused(dir, &["diff", "attio-schema.json"]),
        "error: the following required arguments were not provided:\n  <NEW>",
    );
    says(
        &refused(dir, &["plan", "--retries", "many"]),
        "error: invalid value 'many' for '--retries <N>': invalid digit found in string",
    );
}

#[test]
fn a_missing_path_a_directory_for_a_file_and_a_file_for_a_directory() {
    let (dir, _) = project();
    let dir = dir.path();
    says(
        &refused(dir, &["diff", "nope.json", "attio-schema.json"]),
        "error: cannot read Attio schema snapshot nope.json: it does not exist; create it with \
         `cargo attio-gen pull` or point to an existing one",
    );
    says(
        &refused(dir, &["generate", "--snapshot", "src"]),
        "error: cannot read Attio schema snapshot src: it is a directory, not a file; name the \
         snapshot file (attio-schema.json) itself",
    );
    says(
        &refused(dir, &["generate", "--config", "src"]),
        "error: cannot read generator config src: it is a directory, not a file; create it, or \
         remove the reference to it",
    );
    says(
        &refused(dir, &["generate", "--out", "src"]),
        "error: --out src is a directory; name a file in it, such as src/attio.rs",
    );
    says(
        &refused(dir, &["diagram", "--out", "src"]),
        "error: --out src is a directory; name a file in it, such as src/workspace.svg",
    );
    says(
        &refused(dir, &["apply", "--plan", "src", "--yes"]),
        "error: cannot read plan src: it is a directory, not a file; write one with \
         `cargo attio-gen plan --out src`",
    );
    says(
        &refused(dir, &["apply", "--plan", "plan.json", "--yes"]),
        "error: cannot read plan plan.json: it does not exist",
    );
    // A file where a directory belongs.
    says(
        &refused(dir, &["generate", "--crate-root", "Cargo.toml"]),
        "error: --crate-root Cargo.toml holds no Cargo.toml; name the directory of the \
         Cargo.toml of the crate that compiles the bindings",
    );
    says(
        &refused(
            dir,
            &[
                "generate",
                "--crate-root",
                ".",
                "--out",
                "Cargo.toml/attio.rs",
            ],
        ),
        "error: --out Cargo.toml/attio.rs: Cargo.toml is a file, not a directory; name a file \
         in an existing directory",
    );
    says(
        &refused(dir, &["pull", "--snapshot", "Cargo.toml/attio-schema.json"]),
        "error: cannot write Attio schema snapshot Cargo.toml/attio-schema.json: Cargo.toml is \
         a file, not a directory; choose another --snapshot; nothing was fetched or written",
    );
    says(
        &refused(dir, &["pull", "--snapshot", "src"]),
        "error: cannot write Attio schema snapshot src: it is a directory, not a file; nothing \
         was fetched or written",
    );
}

#[test]
fn a_snapshot_that_is_not_json_or_of_another_format_version() {
    let (dir, _) = project();
    let dir = dir.path();
    std::fs::write(dir.join("notes.txt"), "not json").unwrap();
    says(
        &refused(dir, &["diagram", "--snapshot", "notes.txt"]),
        "error: invalid Attio schema snapshot notes.txt: not valid JSON: expected ident at \
         line 1 column 2; fix the file or regenerate it with `cargo attio-gen pull`",
    );
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    doc["format_version"] = serde_json::json!(2);
    std::fs::write(dir.join("v2.json"), doc.to_string()).unwrap();
    says(
        &refused(dir, &["generate", "--snapshot", "v2.json"]),
        "error: Attio schema snapshot v2.json has format version 2, but this version of \
         attio-codegen reads version 1; regenerate it with `cargo attio-gen pull` or use a \
         matching attio-codegen version",
    );
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let (dir, _) = project();
    let dir = dir.path();
    let bytes = |b: &[u8]| OsString::from_vec(b.to_vec());
    // A slug must be text.
    says(
        &refused(
            dir,
            &[bytes(b"diagram"), bytes(b"--around"), bytes(b"\xffpeople")],
        ),
        "error: invalid UTF-8 was detected in one or more arguments",
    );
    // A path need not be: it is read as the bytes it is, and shown lossily.
    says(
        &refused(
            dir,
            &[bytes(b"diagram"), bytes(b"--snapshot"), bytes(b"\xff.json")],
        ),
        "error: cannot read Attio schema snapshot \u{fffd}.json: it does not exist",
    );
    says(
        &refused(dir, &[bytes(b"\xffgenerate")]),
        "error: unrecognized subcommand '\u{fffd}generate'",
    );
}

#[test]
fn a_huge_argument_is_refused_without_being_quoted() {
    let (dir, _) = project();
    let huge = "a".repeat(100_000);
    let said = refused(dir.path(), &["diagram", "--snapshot", &huge]);
    says(
        &said,
        "error: argument 3 is 100000 bytes long, more than the 4096 a path, slug or URL may \
         have; check the command line (a file's contents given for its name?)",
    );
    assert!(said.len() < 300, "{said}");
}

#[test]
fn outside_any_crate_the_default_snapshot_says_where_it_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().canonicalize().unwrap();
    for command in ["generate", "diagram", "check", "plan"] {
        let said = refused(&cwd, &[command]);
        says(
            &said,
            &format!(
                "error: cannot read Attio schema snapshot attio-schema.json: it does not exist; \
                 create it with `cargo attio-gen pull` or point to an existing one; the working \
                 directory {} is in no crate (no Cargo.toml at or above it), so the snapshot \
                 was looked for there: run the command in your crate's folder, or name the \
                 snapshot with --snapshot FILE",
                cwd.display()
            ),
        );
    }
}

#[test]
fn an_output_never_replaces_an_input_or_a_file_it_did_not_write() {
    let (dir, snapshot) = project();
    let dir = dir.path();
    let before = std::fs::read(&snapshot).unwrap();
    for (command, out) in [
        ("generate", "attio-schema.json"),
        ("diagram", "attio-schema.json"),
        ("plan", "./src/../attio-schema.json"),
    ] {
        says(
            &refused(dir, &[command, "--out", out]),
            &format!(
                "error: --out {out} is the snapshot this command reads, which writing would \
                 replace; name another file"
            ),
        );
    }
    assert_eq!(std::fs::read(&snapshot).unwrap(), before);

    std::fs::write(dir.join("attio-codegen.toml"), "").unwrap();
    says(
        &refused(dir, &["generate", "--out", "attio-codegen.toml"]),
        "error: --out attio-codegen.toml is the generator config this command reads",
    );

    // A file of the user's, named by mistake, stays as it is.
    let main = dir.join("src/main.rs");
    std::fs::write(&main, "fn main() {}\n").unwrap();
    says(
        &refused(dir, &["generate", "--out", "src/main.rs"]),
        "error: --out src/main.rs exists and was not written by attio-codegen (it does not \
         start with `// @generated by attio-codegen`), so it is left as it is; name another \
         file, or delete this one first if it is yours to replace",
    );
    assert_eq!(std::fs::read_to_string(&main).unwrap(), "fn main() {}\n");
    // Nor does a plan or a diagram replace it, before anything is fetched
    // (no key is set: a request would be refused otherwise).
    says(
        &refused(dir, &["plan", "--out", "src/main.rs"]),
        "error: --out src/main.rs exists and was not written by attio-codegen (it does not \
         look like a saved plan (a JSON object whose first key is `format_version`)), so it is \
         left as it is",
    );
    says(
        &refused(dir, &["diagram", "--out", "src/main.rs"]),
        "error: --out src/main.rs exists and was not written by attio-codegen (it does not \
         start with `erDiagram` or `<?xml`, as a diagram does), so it is left as it is",
    );
    assert_eq!(std::fs::read_to_string(&main).unwrap(), "fn main() {}\n");
}

#[test]
fn check_of_bindings_never_generated_says_how_to_generate_them() {
    let (dir, _) = project();
    let output = crate::cli::run(
        dir.path(),
        &["generate", "--out", "src/attio.rs", "--check"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    says(
        &stderr(&output),
        "src/attio.rs cannot be read: it does not exist; generate it with `cargo attio-gen \
         generate --out src/attio.rs`",
    );
}

#[test]
fn a_diagram_replaces_the_diagram_it_wrote() {
    let (dir, _) = project();
    let dir = dir.path();
    for out in ["workspace.mmd", "workspace.svg"] {
        for _ in 0..2 {
            let output = crate::cli::run(dir, &["diagram", "--out", out]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
    }
}

#[test]
fn an_output_in_a_missing_directory_is_refused_before_anything_is_fetched() {
    let (dir, _) = project();
    let dir = dir.path();
    for command in ["plan", "diagram", "generate"] {
        says(
            &refused(dir, &[command, "--out", "missing/out.txt"]),
            "error: --out missing/out.txt: missing does not exist; create it, or name a file \
             in an existing directory",
        );
    }
    std::fs::write(dir.join("a-file"), "").unwrap();
    says(
        &refused(dir, &["plan", "--out", "a-file/plan.json"]),
        "error: --out a-file/plan.json: a-file is a file, not a directory; name a file in an \
         existing directory",
    );
}

#[test]
fn a_missing_snapshot_of_the_crate_above_the_output_is_not_blamed_on_the_working_directory() {
    let (dir, snapshot) = project();
    std::fs::remove_file(&snapshot).unwrap();
    let outside = dir.path().parent().unwrap();
    let crate_dir = dir.path().file_name().unwrap().to_str().unwrap();
    let said = refused(
        outside,
        &["generate", "--out", &format!("{crate_dir}/src/attio.rs")],
    );
    says(&said, "error: cannot read Attio schema snapshot ");
    assert!(!said.contains("is in no crate"), "{said}");
}

/// A directory nobody may write in: one made read-only, or `/sys` when
/// permissions do not bind (the tests run as root).
#[cfg(target_os = "linux")]
fn unwritable_dir(parent: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = parent.join("read-only");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("attio.rs"),
        "// @generated by attio-codegen, old\n",
    )
    .unwrap();
    std::fs::write(dir.join("workspace.mmd"), "erDiagram\n").unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), "").is_ok() {
        return Path::new("/sys").to_path_buf();
    }
    dir
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_in_a_read_only_directory_leaves_what_is_there() {
    let (dir, _) = project();
    let root = dir.path();
    let read_only = unwritable_dir(root);
    let out = read_only.join("attio.rs");
    let before = std::fs::read(&out).ok();
    let said = refused(
        root,
        &[
            "generate",
            "--crate-root",
            ".",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    says(
        &said,
        &format!("error: cannot write generated bindings {}: ", out.display()),
    );
    assert!(
        said.contains("permission denied") || said.contains("it does not exist"),
        "{said}"
    );
    says(&said, "; name a file in an existing, writable directory");
    assert_eq!(
        std::fs::read(&out).ok(),
        before,
        "the old bindings are whole"
    );

    let diagram = read_only.join("workspace.mmd");
    let before = std::fs::read(&diagram).ok();
    let said = refused(root, &["diagram", "--out", diagram.to_str().unwrap()]);
    says(
        &said,
        &format!("error: cannot write the diagram to {}: ", diagram.display()),
    );
    assert_eq!(
        std::fs::read(&diagram).ok(),
        before,
        "the old diagram is whole"
    );
    let litter: Vec<_> = std::fs::read_dir(&read_only)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    assert!(litter.is_empty(), "no temporary file is left: {litter:?}");
    // So that the temporary directory can be removed.
    if read_only.starts_with(root) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
