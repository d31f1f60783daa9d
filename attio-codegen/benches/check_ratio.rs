//! How much longer `cargo check` takes on generated bindings than on the same
//! structs written by hand with plain serde: the compile-time cost a user
//! pays for the derive's checks and typed values.
//!
//! Run with `cargo bench -p attio-codegen --bench check_ratio`. Environment:
//! `CHECK_RATIO_RUNS` (default 7) is the number of timed runs per variant;
//! `CHECK_RATIO_DERIVES=200` compares 200 structs of the synthetic 1,000 ×
//! 50 workspace (its 2 MB snapshot read by every derive) instead of the
//! fixture. The throwaway workspace is `check-ratio/<case>/` under the
//! target directory, with its own target directory beside it
//! (`check-ratio/target/`), so that the next run reuses its built
//! dependencies; `cargo clean` removes both. Run without `--bench` (as
//! `cargo test --all-targets` does), it does nothing.
//!
//! # What is measured
//!
//! Two throwaway crates in one workspace, with a shared target
//! directory and the repository's `Cargo.lock`:
//!
//! - `generated`: `src/lib.rs` is [`attio_codegen::generate`] of the
//!   workspace fixture (`fixtures/workspace/attio-schema.json`, copied beside
//!   the crate's `Cargo.toml`, where the derive looks by default), depending
//!   on `attio-runtime` by path;
//! - `handwritten`: the same structs and enums, from the same
//!   [`attio_codegen::layout::Layout`], depending on `serde` and `serde_json`.
//!
//! A warm-up `cargo check -p` of each crate builds every dependency
//! (including the `attio-macros` proc macro) once; then each timed run
//! rewrites one crate's `src/lib.rs` with a new first-line comment and times
//! `cargo check -p` of that crate alone, with `CARGO_INCREMENTAL=0` so that
//! every run checks the whole file (incremental compilation would reuse
//! nearly all of the previous check after a comment changes). Runs alternate
//! between the crates (A, B, A, B …) so that load from other processes on
//! the machine hits both alike; the table shows the median and minimum
//! wall-clock seconds of each and the ratio of the medians (target:
//! generated / hand-written ≤ 1.5). Each round also times a no-op
//! `cargo check -p` of each crate (nothing changed: cargo's start-up and
//! fingerprinting), shown beside the medians and subtracted in a second,
//! "net" ratio, since that fixed cost is in both and pulls the ratio to 1.
//!
//! # Why this baseline
//!
//! The baseline is what a person integrating Attio by hand with serde would
//! write: each struct has the same name and the same fields, in the same
//! order and with the same doc comments, but derives `Serialize` and
//! `Deserialize` instead of `Record`/`Entry`, and every field is a
//! `#[serde(rename = "<slug>", default)] Vec<AttioValue>` — Attio returns every
//! attribute value as an array — where `AttioValue` is one small
//! hand-written struct for a value element (`active_from`, `active_until`,
//! `attribute_type`, the rest flattened into a JSON map). Each option enum is
//! a plain serde enum, one `#[serde(rename = "<title>")]` variant per option
//! or status plus a `#[serde(other)] Other` fallback. So the two files
//! declare the same items with the same number of fields and variants; the
//! difference is the derive's expansion and the typed values.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};
use std::time::{Duration, Instant};

use attio_codegen::layout::Layout;
use attio_codegen::{Config, Snapshot};

#[path = "check_ratio/handwritten.rs"]
mod handwritten;
#[path = "common/synthetic.rs"]
mod synthetic;

/// Timed runs per variant unless `CHECK_RATIO_RUNS` says otherwise.
const DEFAULT_RUNS: usize = 7;
/// The upper bound the ratio of medians should stay under.
const TARGET_RATIO: f64 = 1.5;

const GENERATED: &str = "generated";
const HANDWRITTEN: &str = "handwritten";

type Result<T, E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` (or
    // `--benches`) runs this binary without it, and should not spend minutes.
    if !std::env::args().any(|arg| arg == "--bench") {
        eprintln!("check_ratio: skipped (not run by `cargo bench`)");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("check_ratio: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let runs = runs()?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("attio-codegen's manifest directory has no parent")?
        .to_path_buf();
    let fixture = repo.join("fixtures/workspace/attio-schema.json");
    let mut snapshot = Snapshot::load(&fixture)
        .map_err(|e| format!("cannot load the fixture {}: {e}", fixture.display()))?;
    let mut config = Config::default();
    // The macro's cost at scale: the first N objects of the synthetic
    // 1,000 × 50 workspace of the generation benchmarks (a 2 MB snapshot
    // the derive reads whole).
    let large = std::env::var("CHECK_RATIO_DERIVES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok());
    let mut case = "fixture".to_string();
    let mut synthetic_snapshot = None;
    if let Some(derives) = large {
        snapshot = synthetic::synthetic(1_000, 50);
        let mut slugs: Vec<String> = snapshot
            .workspace
            .objects
            .iter()
            .map(|o| o.api_slug.clone())
            .collect();
        slugs.sort();
        slugs.truncate(derives);
        config.objects = Some(slugs);
        case = format!("synthetic-{derives}");
        synthetic_snapshot = Some(&snapshot);
        eprintln!("check_ratio: {derives} structs of the synthetic 1,000 × 50 workspace");
    }

    let generated = attio_codegen::generate(&snapshot, &config, None)
        .map_err(|e| format!("cannot generate bindings of the fixture: {e}"))?;
    let layout = attio_codegen::layout::layout(&snapshot.canonical(), &config)
        .map_err(|e| format!("cannot layout bindings of the fixture: {e}"))?;
    let handwritten = handwritten::file(&layout)?;
    let shape = Shape::of(&layout);

    // Under the target directory, not the system's temporary one: the
    // throwaway workspace's own target directory holds every dependency of
    // attio-runtime, built once and reused by the next run (its paths stay
    // the same), and it can grow large; `cargo clean` removes it.
    let bench_dir = target_dir()?.join("check-ratio");
    let root = bench_dir.join(&case);
    let ws = Workspace::create(
        &root,
        &bench_dir.join("target"),
        &repo,
        &fixture,
        synthetic_snapshot,
        &generated,
        &handwritten,
    )?;
    eprintln!("check_ratio: workspace in {}", root.display());

    eprintln!("check_ratio: warming up (builds the dependencies once) …");
    let offline = ws.warm_up()?;

    // Per crate: checks after a change, and no-op checks (nothing changed:
    // what cargo itself costs — start-up, fingerprints of every dependency).
    let crates = [(GENERATED, &generated), (HANDWRITTEN, &handwritten)];
    let mut checks = [Vec::with_capacity(runs), Vec::with_capacity(runs)];
    let mut noops = [Vec::with_capacity(runs), Vec::with_capacity(runs)];
    for run in 1..=runs {
        for (i, (name, source)) in crates.iter().enumerate() {
            let took = ws.time_check(name, Some((source, run)), offline)?;
            eprintln!(
                "check_ratio: run {run}/{runs} {name}: {:.3} s",
                took.as_secs_f64()
            );
            checks[i].push(took.as_secs_f64());
        }
        for (i, (name, _)) in crates.iter().enumerate() {
            noops[i].push(ws.time_check(name, None, offline)?.as_secs_f64());
        }
    }

    print_table(&shape, &crates, &checks, &noops);
    Ok(())
}

/// `CHECK_RATIO_RUNS`, or the default.
fn runs() -> Result<usize> {
    match std::env::var("CHECK_RATIO_RUNS") {
        Err(std::env::VarError::NotPresent) => Ok(DEFAULT_RUNS),
        Err(e) => Err(format!("CHECK_RATIO_RUNS: {e}")),
        Ok(text) => match text.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "CHECK_RATIO_RUNS must be a whole number of runs above 0, not `{text}`"
            )),
        },
    }
}

/// The size of the layout, to show that both files declare the same items.
struct Shape {
    structs: usize,
    fields: usize,
    enums: usize,
    variants: usize,
}

impl Shape {
    fn of(layout: &Layout) -> Shape {
        let enums = || layout.structs.iter().flat_map(|s| &s.enums);
        Shape {
            structs: layout.structs.len(),
            fields: layout.structs.iter().map(|s| s.fields.len()).sum(),
            enums: enums().count(),
            variants: enums().map(|e| e.variants.len()).sum(),
        }
    }
}

fn print_table(
    shape: &Shape,
    crates: &[(&str, &String); 2],
    checks: &[Vec<f64>; 2],
    noops: &[Vec<f64>; 2],
) {
    println!();
    println!(
        "cargo check -p <crate> after touching src/lib.rs — {} structs, {} fields, {} enums, {} variants",
        shape.structs, shape.fields, shape.enums, shape.variants
    );
    println!(
        "{:<12} {:>5} {:>9} {:>9} {:>10} {:>6} {:>7}",
        "variant", "runs", "median s", "min s", "no-op s", "lines", "bytes"
    );
    for (((name, source), t), noop) in crates.iter().zip(checks).zip(noops) {
        println!(
            "{:<12} {:>5} {:>9.3} {:>9.3} {:>10.3} {:>6} {:>7}",
            name,
            t.len(),
            median(t),
            min(t),
            median(noop),
            source.lines().count(),
            source.len()
        );
    }
    let ratio = median(&checks[0]) / median(&checks[1]);
    let verdict = if ratio <= TARGET_RATIO {
        "within"
    } else {
        "ABOVE"
    };
    println!(
        "ratio generated / handwritten (medians): {ratio:.2} — {verdict} the target of {TARGET_RATIO}"
    );
    // Without cargo's own cost, which is in both and pulls the ratio to 1.
    let net = |i: usize| median(&checks[i]) - median(&noops[i]);
    println!(
        "ratio net of the no-op check (median − no-op median): {:.2}",
        net(0) / net(1)
    );
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

// ---------------------------------------------------------------------------
// The throwaway workspace.

struct Workspace {
    root: PathBuf,
    target: PathBuf,
    cargo: std::ffi::OsString,
}

impl Workspace {
    /// Writes the workspace: root manifest, lock file, both crates.
    fn create(
        root: &Path,
        target: &Path,
        repo: &Path,
        fixture: &Path,
        synthetic: Option<&Snapshot>,
        generated: &str,
        handwritten: &str,
    ) -> Result<Workspace> {
        let runtime = repo.join("attio-runtime");
        let runtime = runtime
            .to_str()
            .ok_or_else(|| format!("path {} is not UTF-8", runtime.display()))?;
        write(
            &root.join("Cargo.toml"),
            "[workspace]\n\
             resolver = \"2\"\n\
             members = [\"generated\", \"handwritten\"]\n\n\
             [profile.dev.package.\"*\"]\n\
             debug = false\n",
        )?;
        let lock = repo.join("Cargo.lock");
        if lock.is_file() {
            copy(&lock, &root.join("Cargo.lock"))?;
        } else {
            eprintln!(
                "check_ratio: no {}; dependency versions are resolved afresh",
                lock.display()
            );
        }

        let manifest = |name: &str, deps: &str| {
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\n{deps}"
            )
        };
        let generated_dir = root.join(GENERATED);
        write(
            &generated_dir.join("Cargo.toml"),
            &manifest(
                GENERATED,
                &format!("attio-runtime = {{ path = {runtime:?} }}\n"),
            ),
        )?;
        // Where the derive looks when `#[attio(schema = …)]` is absent.
        let schema = generated_dir.join("attio-schema.json");
        match synthetic {
            Some(snapshot) => snapshot
                .write(&schema)
                .map_err(|e| format!("cannot write {}: {e}", schema.display()))?,
            None => copy(fixture, &schema)?,
        }
        write(&generated_dir.join("src/lib.rs"), generated)?;

        let handwritten_dir = root.join(HANDWRITTEN);
        write(
            &handwritten_dir.join("Cargo.toml"),
            &manifest(
                HANDWRITTEN,
                "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n",
            ),
        )?;
        write(&handwritten_dir.join("src/lib.rs"), handwritten)?;

        Ok(Workspace {
            root: root.to_path_buf(),
            target: target.to_path_buf(),
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        })
    }

    /// `cargo check` in the workspace, isolated from the environment that
    /// `cargo bench` runs this binary in.
    fn cargo_check(&self, args: &[&str], offline: bool) -> Result<Output> {
        let mut cmd = Command::new(&self.cargo);
        cmd.arg("check")
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            // A full check of the crate each time: with incremental
            // compilation a changed comment would reuse nearly every query.
            .env("CARGO_INCREMENTAL", "0")
            // The derive would prefer this over the copied snapshot.
            .env_remove("ATTIO_SCHEMA")
            // Not this process's jobserver: the child schedules on its own.
            .env_remove("CARGO_MAKEFLAGS")
            .env_remove("MAKEFLAGS")
            .env_remove("MFLAGS")
            .env("CARGO_TERM_COLOR", "never");
        if offline {
            cmd.arg("--offline");
        }
        cmd.output()
            .map_err(|e| format!("cannot run {:?}: {e}", self.cargo))
    }

    /// Checks each crate once with the command the timed runs use, so that
    /// dependencies are built and both crates known to compile. Per crate,
    /// not `--workspace`: with resolver 2 the features of shared
    /// dependencies (serde, proc-macro2 …) are unified over the selected
    /// packages only, so `-p` alone needs builds of its own. Returns whether
    /// `--offline` worked.
    fn warm_up(&self) -> Result<bool> {
        let mut offline = true;
        for name in [GENERATED, HANDWRITTEN] {
            let args = ["-p", name];
            let mut output = self.cargo_check(&args, offline)?;
            if !output.status.success() && offline {
                eprintln!("check_ratio: `cargo check --offline -p {name}` failed; retrying online");
                offline = false;
                output = self.cargo_check(&args, offline)?;
            }
            if !output.status.success() {
                return Err(format!(
                    "the warm-up `cargo check -p {name}` in {} failed:\n{}",
                    self.root.display(),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
        Ok(offline)
    }

    /// Times `cargo check -p name`. With `touch`, first rewrites the crate's
    /// `src/lib.rs` as the source under a new first line (so cargo sees a
    /// change) and makes sure the crate was checked; without, makes sure
    /// nothing was (a no-op check).
    fn time_check(
        &self,
        name: &str,
        touch: Option<(&str, usize)>,
        offline: bool,
    ) -> Result<Duration> {
        if let Some((source, run)) = touch {
            let mut text = String::with_capacity(source.len() + 40);
            let _ = writeln!(text, "// check_ratio run {run}");
            text.push_str(source);
            write(&self.root.join(name).join("src/lib.rs"), &text)?;
        }

        let start = Instant::now();
        let output = self.cargo_check(&["-p", name], offline)?;
        let took = start.elapsed();

        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("`cargo check -p {name}` failed:\n{stderr}"));
        }
        let built: Vec<&str> = stderr
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("Checking ") || l.starts_with("Compiling "))
            .collect();
        let this = format!("Checking {name} ");
        let expected = match touch {
            // A run that checked nothing measured nothing.
            Some(_) if !built.iter().any(|l| l.starts_with(&this)) => {
                return Err(format!(
                    "`cargo check -p {name}` did not re-check {name} after its src/lib.rs changed:\n{stderr}"
                ));
            }
            Some(_) => 1,
            None => 0,
        };
        // Anything else (a dependency rebuilt because its sources changed
        // meanwhile) inflates this run.
        if built.len() > expected {
            eprintln!(
                "check_ratio: warning: `cargo check -p {name}` rebuilt more than expected ({}); its time is inflated",
                built.join("; ")
            );
        }
        Ok(took)
    }
}

/// The target directory this bench was built in: the one above
/// `release/deps/`, where cargo puts bench executables (absolute, unlike a
/// relative `CARGO_TARGET_DIR`).
fn target_dir() -> Result<PathBuf> {
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find this bench's executable: {e}"))?;
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{} is not in a target directory", exe.display()))
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
