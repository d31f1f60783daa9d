//! Checked-in bindings, end to end: `cargo attio-gen generate` run as a real
//! process from the crate root, from a parent folder and from a workspace
//! root, with `--out` and through standard output, into member crates of
//! one temporary workspace that `cargo check` then compiles (one build, one
//! shared dependency tree), and `generate --check` on each.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{self, stderr, BIN, CHECKOUT, FIXTURE};

/// Runs `cargo attio-gen ARGS` in `dir`; with `stdout_to`, standard output
/// goes to that file, as a shell redirection would.
fn run(dir: &Path, args: &[&str], stdout_to: Option<&Path>) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("attio-gen")
        .args(args)
        .current_dir(dir)
        .env_remove("ATTIO_SCHEMA");
    if let Some(file) = stdout_to {
        command.stdout(std::fs::File::create(file).unwrap());
    }
    command.output().expect("the binary runs")
}

#[track_caller]
fn ok(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
}

/// A member crate `ws/<name>` with the fixture at `snapshot` (relative to
/// the crate root) and, if given, a config beside its Cargo.toml; its
/// lib.rs uses `use_type` from the bindings.
fn member(ws: &Path, name: &str, snapshot: &str, config: Option<&str>, use_type: &str) -> PathBuf {
    let root = ws.join(name);
    std::fs::create_dir_all(root.join("src")).unwrap();
    let runtime = Path::new(CHECKOUT).join("attio-runtime");
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nattio-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        format!(
            "pub mod attio;\n\n#[allow(dead_code)]\nfn uses(_: Option<attio::{use_type}>) {{}}\n"
        ),
    )
    .unwrap();
    let snapshot = root.join(snapshot);
    std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
    std::fs::copy(FIXTURE, &snapshot).unwrap();
    if let Some(config) = config {
        std::fs::write(root.join("attio-codegen.toml"), config).unwrap();
    }
    root
}

/// Changes the snapshot so that every file generated from it is stale.
fn edit(snapshot: &Path) {
    let text = std::fs::read_to_string(snapshot).unwrap();
    assert!(text.contains("\"Job title\""));
    std::fs::write(snapshot, text.replace("\"Job title\"", "\"Role\"")).unwrap();
}

/// `generate --check ARGS` from `dir`: up to date now; after the snapshot
/// changes, stale, with a hint that repeats the options given; and the
/// file is never written.
#[track_caller]
fn check_then_stale(dir: &Path, args: &[&str], snapshot: &Path, out: &Path) {
    let mut check = vec!["generate"];
    check.extend_from_slice(args);
    check.push("--check");
    let fresh = run(dir, &check, None);
    ok(&fresh);
    assert!(
        stderr(&fresh).contains("is up to date"),
        "{}",
        stderr(&fresh)
    );

    let before = std::fs::read(out).unwrap();
    edit(snapshot);
    let stale = run(dir, &check, None);
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    let hint = format!(
        "regenerate it with `cargo attio-gen generate {}`",
        args.join(" ")
    );
    assert!(
        stderr(&stale).contains(&hint),
        "{}\nwanted: {hint}",
        stderr(&stale)
    );
    assert_eq!(std::fs::read(out).unwrap(), before, "--check never writes");
}

#[test]
fn checked_in_bindings_compile_from_every_layout() {
    let tmp = tempfile::tempdir().unwrap();
    // `tmp` is a parent folder without a Cargo.toml; `tmp/ws` a workspace.
    let ws = tmp.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    let names = [
        "root_out",
        "root_stdout",
        "parent_out",
        "parent_stdout",
        "ws_out",
        "ws_stdout",
        "build_rs",
    ];
    std::fs::write(
        ws.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = {names:?}\n"),
    )
    .unwrap();
    // The checkout's lock file: the same versions as its own build, offline.
    std::fs::copy(
        Path::new(CHECKOUT).join("Cargo.lock"),
        ws.join("Cargo.lock"),
    )
    .unwrap();
    let renamed = Some("[rename]\npeople = \"Contact\"\n");
    // Beside the checked-in bindings, the build.rs way: attio-codegen's
    // `build_script` test builds the same crate, so the two tests share
    // their compiled dependencies.
    support::builder_crate(&ws.join("build_rs"));

    // From the crate root, a snapshot elsewhere in the crate.
    let root_out = member(&ws, "root_out", "schema/ws.json", renamed, "Contact");
    let root_out_args = ["--snapshot", "schema/ws.json", "--out", "src/attio.rs"];
    ok(&run(
        &root_out,
        &[&["generate"][..], &root_out_args].concat(),
        None,
    ));

    let root_stdout = member(&ws, "root_stdout", "schema/ws.json", None, "Person");
    let needs_root = run(
        &root_stdout,
        &["generate", "--snapshot", "schema/ws.json"],
        None,
    );
    assert_eq!(needs_root.status.code(), Some(2));
    assert!(
        stderr(&needs_root).contains(
            "`cargo attio-gen generate --snapshot schema/ws.json --crate-root . > src/attio.rs`"
        ),
        "{}",
        stderr(&needs_root)
    );
    let root_stdout_args = ["--snapshot", "schema/ws.json", "--crate-root", "."];
    let out = root_stdout.join("src/attio.rs");
    ok(&run(
        &root_stdout,
        &[&["generate"][..], &root_stdout_args].concat(),
        Some(&out),
    ));

    // From a parent folder: paths on the command line are the parent's.
    let parent_out = member(&ws, "parent_out", "attio-schema.json", renamed, "Contact");
    let parent_out_args = [
        "--snapshot",
        "ws/parent_out/attio-schema.json",
        "--config",
        "ws/parent_out/attio-codegen.toml",
        "--out",
        "ws/parent_out/src/attio.rs",
    ];
    ok(&run(
        tmp.path(),
        &[&["generate"][..], &parent_out_args].concat(),
        None,
    ));

    let parent_stdout = member(&ws, "parent_stdout", "attio-schema.json", None, "Person");
    let snapshot = "ws/parent_stdout/attio-schema.json";
    let needs_root = run(tmp.path(), &["generate", "--snapshot", snapshot], None);
    assert_eq!(needs_root.status.code(), Some(2));
    assert!(
        stderr(&needs_root)
            .contains("--crate-root ws/parent_stdout > ws/parent_stdout/src/attio.rs`"),
        "{}",
        stderr(&needs_root)
    );
    let parent_stdout_args = ["--snapshot", snapshot, "--crate-root", "ws/parent_stdout"];
    let out = parent_stdout.join("src/attio.rs");
    ok(&run(
        tmp.path(),
        &[&["generate"][..], &parent_stdout_args].concat(),
        Some(&out),
    ));

    // From the workspace root: the member's own snapshot and config.
    let ws_out = member(&ws, "ws_out", "attio-schema.json", renamed, "Contact");
    let ws_out_args = ["--out", "ws_out/src/attio.rs"];
    ok(&run(&ws, &[&["generate"][..], &ws_out_args].concat(), None));

    let ws_stdout = member(&ws, "ws_stdout", "attio-schema.json", renamed, "Contact");
    let ws_stdout_args = ["--crate-root", "ws_stdout"];
    let out = ws_stdout.join("src/attio.rs");
    ok(&run(
        &ws,
        &[&["generate"][..], &ws_stdout_args].concat(),
        Some(&out),
    ));

    // Default snapshots need no `schema = …`; the others are named
    // relative to their crate root, where the derive resolves them.
    for (crate_root, schema, name) in [
        (&root_out, Some("schema/ws.json"), "Contact"),
        (&root_stdout, Some("schema/ws.json"), "Person"),
        (&parent_out, None, "Contact"),
        (&parent_stdout, None, "Person"),
        (&ws_out, None, "Contact"),
        (&ws_stdout, None, "Contact"),
    ] {
        let code = std::fs::read_to_string(crate_root.join("src/attio.rs")).unwrap();
        // The config was read (or there was none).
        assert!(
            code.contains(&format!("pub struct {name} {{")),
            "{}",
            crate_root.display()
        );
        match schema {
            Some(path) => assert!(
                code.contains(&format!("schema = \"{path}\"")),
                "{}",
                crate_root.display()
            ),
            None => assert!(!code.contains("schema ="), "{}", crate_root.display()),
        }
    }

    let target = support::temp_workspace_target();
    let build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--workspace", "--offline", "--quiet"])
        .current_dir(&ws)
        .env("CARGO_TARGET_DIR", &target)
        // Each run is a new temporary workspace with the same relative
        // paths: nothing to gain from incremental state, only stale risk.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("ATTIO_SCHEMA")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "the generated bindings do not compile:\n{}",
        stderr(&build)
    );

    // `--check` uses the same rule as the generation; for the files written
    // through standard output, `--out` names the file instead.
    check_then_stale(
        &root_out,
        &root_out_args,
        &root_out.join("schema/ws.json"),
        &root_out.join("src/attio.rs"),
    );
    let with_out = [&root_stdout_args[..], &["--out", "src/attio.rs"]].concat();
    check_then_stale(
        &root_stdout,
        &with_out,
        &root_stdout.join("schema/ws.json"),
        &root_stdout.join("src/attio.rs"),
    );
    check_then_stale(
        tmp.path(),
        &parent_out_args,
        &parent_out.join("attio-schema.json"),
        &parent_out.join("src/attio.rs"),
    );
    let with_out = [
        &parent_stdout_args[..],
        &["--out", "ws/parent_stdout/src/attio.rs"],
    ]
    .concat();
    check_then_stale(
        tmp.path(),
        &with_out,
        &parent_stdout.join("attio-schema.json"),
        &parent_stdout.join("src/attio.rs"),
    );
    check_then_stale(
        &ws,
        &ws_out_args,
        &ws_out.join("attio-schema.json"),
        &ws_out.join("src/attio.rs"),
    );
    let with_out = ["--out", "ws_stdout/src/attio.rs"];
    check_then_stale(
        &ws,
        &with_out,
        &ws_stdout.join("attio-schema.json"),
        &ws_stdout.join("src/attio.rs"),
    );
}

#[test]
fn out_outside_any_crate_is_refused_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, tmp.path().join("attio-schema.json")).unwrap();
    let output = run(tmp.path(), &["generate", "--out", "src/attio.rs"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no Cargo.toml at or above src")
            && stderr(&output).contains("--crate-root DIR"),
        "{}",
        stderr(&output)
    );
    assert!(!tmp.path().join("src/attio.rs").exists());
}
