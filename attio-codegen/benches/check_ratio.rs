//! How much longer `cargo check` takes on generated bindings than on the same
//! structs written by hand with plain serde: the compile-time cost a user
//! pays for the derive's checks and typed values.
//!
//! Run with `cargo bench -p attio-codegen --bench check_ratio`. Environment:
//! `CHECK_RATIO_RUNS` (default 7) is the number of timed runs per variant;
//! `CHECK_RATIO_DERIVES=200` compares 200 structs of the synthetic 1,000 ×
//! 50 workspace (its 61 MB snapshot read by the derive) instead of the
//! fixture. The throwaway workspace is `check-ratio/<case>/` under the
//! target directory, with its target directories beside it
//! (`check-ratio/target/`, `check-ratio/target-incremental/`), so that the
//! next run reuses their built dependencies; `cargo clean` removes them.
//! Run without `--bench` (as `cargo test --all-targets` does), it does
//! nothing. Besides the table, every figure is printed as a
//! `bench-result: {…}` line (bench `check_ratio`, case `fixture` or
//! `1000x50, N derives`).
//!
//! # What is measured
//!
//! Two throwaway crates in one workspace, with shared target directories
//! and the repository's `Cargo.lock`:
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
//! Each round then times what a user waits for after an edit: with
//! incremental compilation on (`cargo check`'s default, in a target
//! directory of its own), a doc line added to the crate's first struct,
//! then `cargo check -p`. rustc re-expands every derive of the crate on
//! every check (expansion is not incremental), so this is the derive's
//! fixed cost per check — reading the snapshot, expanding every struct —
//! beside what incremental type checking reuses; compare it with the
//! no-op check.
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

use std::path::Path;
use std::process::ExitCode;

use attio_codegen::layout::Layout;
use attio_codegen::{Config, Snapshot};

#[path = "../../tests/src/bench.rs"]
mod bench;
#[path = "check_ratio/handwritten.rs"]
mod handwritten;
#[path = "check_ratio/report.rs"]
mod report;
#[path = "common/synthetic.rs"]
mod synthetic;
#[path = "check_ratio/workspace.rs"]
mod workspace;

use report::{Shape, Timings, Variant};
use workspace::{Mode, Touch, Workspace, GENERATED, HANDWRITTEN};

/// Timed runs per variant unless `CHECK_RATIO_RUNS` says otherwise.
const DEFAULT_RUNS: usize = 7;

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
    let runs = bench::env_or("CHECK_RATIO_RUNS", DEFAULT_RUNS).max(1);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("attio-codegen's manifest directory has no parent")?
        .to_path_buf();
    let fixture = repo.join("fixtures/workspace/attio-schema.json");
    let mut snapshot = Snapshot::load(&fixture)
        .map_err(|e| format!("cannot load the fixture {}: {e}", fixture.display()))?;
    let mut config = Config::default();
    // The macro's cost at scale: the first N objects of the synthetic
    // 1,000 × 50 workspace of the generation benchmarks (a 61 MB snapshot
    // that the derive reads whole).
    let derives = match std::env::var("CHECK_RATIO_DERIVES") {
        Err(_) => None,
        Ok(text) => Some(text.trim().parse::<usize>().map_err(|_| {
            format!("CHECK_RATIO_DERIVES must be a number of structs, not `{text}`")
        })?),
    };
    let (dir, case) = match derives {
        None => ("fixture".to_string(), "fixture".to_string()),
        Some(n) => (format!("synthetic-{n}"), format!("1000x50, {n} derives")),
    };
    let synthetic_snapshot = derives.map(|n| {
        let snapshot = synthetic::synthetic(1_000, 50);
        let mut slugs: Vec<String> = (snapshot.workspace.objects.iter())
            .map(|o| o.api_slug.clone())
            .collect();
        slugs.sort();
        slugs.truncate(n);
        config.objects = Some(slugs);
        eprintln!("check_ratio: {n} structs of the synthetic 1,000 × 50 workspace");
        snapshot
    });
    if let Some(synthetic) = &synthetic_snapshot {
        snapshot = synthetic.clone();
    }

    let generated = attio_codegen::generate(&snapshot, &config, None)
        .map_err(|e| format!("cannot generate bindings of the fixture: {e}"))?;
    let layout = attio_codegen::layout::layout(&snapshot.canonical(), &config)
        .map_err(|e| format!("cannot layout bindings of the fixture: {e}"))?;
    let handwritten = handwritten::file(&layout)?;
    let shape = shape(&layout);

    // Under the target directory, not the system's temporary one: the
    // throwaway workspace's own target directories hold every dependency of
    // attio-runtime, built once and reused by the next run (its paths stay
    // the same), and they grow large; `cargo clean` removes them.
    let bench_dir = workspace::target_dir()?.join("check-ratio");
    let root = bench_dir.join(&dir);
    let ws = Workspace::create(
        &root,
        &bench_dir,
        &repo,
        &fixture,
        synthetic_snapshot.as_ref(),
        &generated,
        &handwritten,
    )?;
    eprintln!("check_ratio: workspace in {}", root.display());

    let sources = [(GENERATED, &generated), (HANDWRITTEN, &handwritten)];
    eprintln!("check_ratio: warming up (builds the dependencies once) …");
    let offline = ws.warm_up(&sources)?;

    // Per crate: checks after a change, no-op checks (nothing changed: what
    // cargo itself costs — start-up, fingerprints of every dependency), and
    // incremental checks after an edit to one struct.
    let mut timings = [Timings::default(), Timings::default()];
    for run in 1..=runs {
        for (t, (name, source)) in timings.iter_mut().zip(&sources) {
            let took = ws.time_check(name, Touch::Comment(source, run), offline, Mode::Full)?;
            eprintln!(
                "check_ratio: run {run}/{runs} {name}: {:.3} s",
                took.as_secs_f64()
            );
            t.checks.push(took.as_secs_f64());
        }
        for (t, (name, _)) in timings.iter_mut().zip(&sources) {
            let took = ws.time_check(name, Touch::Nothing, offline, Mode::Full)?;
            t.noops.push(took.as_secs_f64());
        }
        for (t, (name, source)) in timings.iter_mut().zip(&sources) {
            let edit = Touch::EditFirstStruct(source, run);
            let took = ws.time_check(name, edit, offline, Mode::Incremental)?;
            eprintln!(
                "check_ratio: run {run}/{runs} {name}, one struct edited, incremental: {:.3} s",
                took.as_secs_f64()
            );
            t.edits.push(took.as_secs_f64());
        }
    }

    let [generated_timings, handwritten_timings] = timings;
    let variants = [
        Variant {
            name: GENERATED,
            source: &generated,
            timings: generated_timings,
        },
        Variant {
            name: HANDWRITTEN,
            source: &handwritten,
            timings: handwritten_timings,
        },
    ];
    report::print(&case, &shape, ws.snapshot_len()?, &variants);
    Ok(())
}

/// The size of the layout, to show that both files declare the same items.
fn shape(layout: &Layout) -> Shape {
    let enums = || layout.structs.iter().flat_map(|s| &s.enums);
    Shape {
        structs: layout.structs.len(),
        fields: layout.structs.iter().map(|s| s.fields.len()).sum(),
        enums: enums().count(),
        variants: enums().map(|e| e.variants.len()).sum(),
    }
}
