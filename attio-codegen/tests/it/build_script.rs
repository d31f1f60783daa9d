//! The build script's `Builder` and cargo's change detection: a config
//! file created after the first build is read at the next build where
//! cargo can watch for it, an unchanged crate stays fresh, and a name
//! that needed a suffix is said as a warning. The same build compiles the
//! bindings of arbitrary workspaces (`add_seeds`), so that the derives
//! meet what the generator's property tests generate.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{self, CHECKOUT};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether cargo's `-v` log shows the build script of the crate `name`
/// running (not a dependency's).
fn ran(log: &str, name: &str) -> bool {
    let dir = format!("/build/{name}-");
    log.lines()
        .any(|line| line.contains(&dir) && line.contains("build-script-build`"))
}

/// A workspace member whose build script is the `Builder` as README shows
/// it, its bindings compiled: with no config at first, then with one that
/// renames an object. Its target directory is outside the member, as a
/// workspace's is.
#[test]
fn a_config_created_after_the_first_build_is_read_at_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    std::fs::write(
        ws.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"app\"]\n",
    )
    .unwrap();
    // The checkout's lock file: the same versions as its own build, offline.
    std::fs::copy(
        Path::new(CHECKOUT).join("Cargo.lock"),
        ws.join("Cargo.lock"),
    )
    .unwrap();
    let app = ws.join("app");
    support::builder_crate(&app);
    add_seeds(&app);

    let target = support::temp_workspace_target();
    let build = || {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--offline", "-v"])
            .current_dir(ws)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("ATTIO_SCHEMA")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    let generated = || {
        let builds = target.join("debug/build");
        let mut found = std::fs::read_dir(&builds)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("out/attio.rs"))
            .filter(|p| p.is_file())
            .filter(|p| p.to_string_lossy().contains("/app-"))
            .collect::<Vec<_>>();
        found.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
        std::fs::read_to_string(found.last().expect("the bindings were generated")).unwrap()
    };

    let first = build();
    assert!(ran(&first, "app"), "the first build runs the script");
    // The fixture's `dealValue` and `deal_value` meet in one field name: the
    // suffix given to one is said as cargo's warning, with what to do.
    assert!(
        first.contains("warning: app@0.0.0: note: integrations.dealValue is generated as")
            && first.contains("[rename]"),
        "{first}"
    );
    assert!(generated().contains("pub struct Company "));
    let again = build();
    assert!(
        !ran(&again, "app"),
        "an unchanged crate stays fresh:\n{again}"
    );

    std::fs::write(
        app.join("attio-codegen.toml"),
        "[rename]\ncompanies = \"Organisation\"\n",
    )
    .unwrap();
    let noticed = build();
    assert!(
        ran(&noticed, "app"),
        "the new config reruns the script:\n{noticed}"
    );
    let code = generated();
    assert!(
        code.contains("pub struct Organisation "),
        "the rename was not applied"
    );
    assert!(!code.contains("pub struct Company "));
    let after = build();
    assert!(
        !ran(&after, "app"),
        "once read, the config leaves the crate fresh:\n{after}"
    );
}

/// How many arbitrary workspaces (`crate::arbitrary`) are compiled for real.
const SEEDS: u8 = 20;

/// The bindings of [`SEEDS`] arbitrary workspaces as modules of the crate
/// at `root` (`seed_N`, its snapshot at `seeds/seed_N.json`), so that the
/// build that compiles the fixture's bindings compiles them too, derives
/// and all: the property tests show that the output parses, this that
/// the derives accept it and rustc type-checks what they expand to.
fn add_seeds(root: &Path) {
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    let mut modules = String::new();
    for seed in 0..SEEDS {
        let (snapshot, config) = crate::arbitrary::seeded(seed);
        let schema = format!("seeds/seed_{seed}.json");
        std::fs::write(root.join(&schema), snapshot.to_canonical_string()).unwrap();
        let code = attio_codegen::generate(&snapshot, &config, Some(&schema)).unwrap();
        std::fs::write(root.join(format!("src/seed_{seed}.rs")), code).unwrap();
        // A warning in generated code is an error of the generator (or of
        // the derive): users build with `-D warnings`.
        modules.push_str(&format!("#[deny(warnings)]\npub mod seed_{seed};\n"));
    }
    let lib = root.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(lib, text + &modules).unwrap();
}

/// Why the `Builder` never watches a missing config file: cargo counts a
/// watched path that is missing as changed, so the build script (and the
/// crate after it) would rerun on every build. Checked against the cargo
/// that runs these tests, with a build script printing such a line.
#[test]
fn cargo_reruns_a_build_script_whose_watched_file_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"watch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(root.join("src/lib.rs"), "").unwrap();
    std::fs::write(
        root.join("build.rs"),
        "fn main() {\n    println!(\"cargo:rerun-if-changed=build.rs\");\n    \
         println!(\"cargo:rerun-if-changed=attio-codegen.toml\");\n}\n",
    )
    .unwrap();
    let build = || {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--offline", "-v"])
            .current_dir(root)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    assert!(ran(&build(), "watch"), "the first build runs the script");
    let again = build();
    assert!(
        ran(&again, "watch"),
        "a missing watched file reruns the script every time:\n{again}"
    );
    // Once the file exists, an unchanged file leaves the build fresh.
    std::fs::write(root.join("attio-codegen.toml"), "").unwrap();
    assert!(
        ran(&build(), "watch"),
        "a watched file that appears reruns the script"
    );
    assert!(
        !ran(&build(), "watch"),
        "an unchanged watched file does not"
    );
}
