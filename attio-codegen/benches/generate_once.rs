//! Generation of the 1,000 × 50 workspace against its floor, prettyplease
//! alone on the same items, in one run — for wall-clock medians on a busy
//! machine, and for `valgrind --tool=callgrind`, whose instruction counts
//! repeat exactly however busy the machine is.
//!
//! ```text
//! cargo bench -p attio-codegen --bench generate_once            # wall medians
//! cargo bench -p attio-codegen --bench generate_once -- once    # one generation (a profiler's run)
//! cargo bench -p attio-codegen --bench generate_once -- floor   # prettyplease alone, once
//! cargo bench -p attio-codegen --bench generate_once -- items   # the floor's items, not formatted
//! cargo bench -p attio-codegen --bench generate_once -- setup   # the workspace built, nothing else
//! ```
//!
//! `GENERATE_ONCE_OBJECTS` sets the number of objects (default 1,000), to
//! show that cost grows linearly. The wall-clock mode interleaves the two
//! (`GENERATE_ONCE_RUNS` rounds, default 11) so that load from other
//! processes hits both alike, and prints their medians and ratio, also as
//! `bench-result:` lines for `cargo xtask bench` (which runs the other
//! modes under callgrind: generation's instructions are `once` − `setup`,
//! prettyplease's `floor` − `items`). The floor formats each struct's items
//! with prettyplease on as many threads as `generate` uses; it is what
//! generation would cost if naming, docs and syntax were free. Run without
//! `--bench` (as `cargo test --all-targets` does), it does nothing.

use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use attio_codegen::{emit, generate, layout, render, Config, Snapshot};

#[path = "../../tests/src/bench.rs"]
mod bench;
#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

/// The time prettyplease takes over the items of every struct, on as many
/// threads as cores, as `generate` formats them. The items are built first
/// (`syn` items cannot cross threads, so each thread builds its own), and
/// the clock starts when every thread has them. Without `format`, the
/// items are built and dropped: what `floor` costs besides prettyplease.
fn floor(snapshot: &Snapshot, format: bool) -> Duration {
    let laid_out = layout::layout(&snapshot.canonical(), &Config::default()).expect("lays out");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunks: Vec<_> = laid_out
        .structs
        .chunks(laid_out.structs.len().div_ceil(threads))
        .collect();
    let ready = Barrier::new(chunks.len() + 1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let ready = &ready;
                scope.spawn(move || {
                    let mut emitter = emit::Emitter::new(None);
                    let items: Vec<_> = chunk.iter().map(|s| emitter.struct_items(s)).collect();
                    ready.wait();
                    if format {
                        let text: usize = items.into_iter().map(|i| render::format(i).len()).sum();
                        black_box(text);
                    } else {
                        black_box(items);
                    }
                })
            })
            .collect();
        ready.wait();
        let start = Instant::now();
        for worker in workers {
            worker.join().expect("formats");
        }
        start.elapsed()
    })
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let objects = bench::env_or("GENERATE_ONCE_OBJECTS", 1_000);
    let snapshot = synthetic(objects, 50);
    let config = Config::default();
    if args.iter().any(|a| a == "once") {
        black_box(generate(black_box(&snapshot), &config, None).expect("generates"));
        return;
    }
    if args.iter().any(|a| a == "floor") {
        black_box(floor(&snapshot, true));
        return;
    }
    if args.iter().any(|a| a == "items") {
        black_box(floor(&snapshot, false));
        return;
    }
    if args.iter().any(|a| a == "setup") {
        return; // what the other modes cost before they start
    }
    let runs = bench::env_or("GENERATE_ONCE_RUNS", 11usize).max(1);
    let (mut generated, mut formatted) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        black_box(generate(black_box(&snapshot), &config, None).expect("generates"));
        generated.push(start.elapsed());
        formatted.push(floor(&snapshot, true));
    }
    let (generated, formatted) = (median(generated), median(formatted));
    let ratio = generated.as_secs_f64() / formatted.as_secs_f64();
    println!(
        "{objects} × 50, median of {runs}: generate {:.1} ms, prettyplease alone {:.1} ms, ratio {ratio:.2}",
        generated.as_secs_f64() * 1e3,
        formatted.as_secs_f64() * 1e3,
    );
    let case = format!("{objects} × 50");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    bench::result("generate_once", &case, "generate", ms(generated), "ms");
    bench::result(
        "generate_once",
        &case,
        "prettyplease alone",
        ms(formatted),
        "ms",
    );
    bench::result("generate_once", &case, "ratio", ratio, "x");
}
