//! Generation time on synthetic workspaces: 10, 100 and 1,000 objects of 50
//! attributes (the target: 1,000 × 50 under 1 s in release), and 100
//! objects of 10 to 100 attributes, to show that cost grows linearly with
//! the attribute count. Each stage is also timed alone on 1,000 × 50.
//!
//! Run with `cargo bench -p attio-codegen --bench generate`; the numbers
//! go to BENCHMARKS.md.
//!
//! The attributes cycle through all 17 types, a third of the multiselect-
//! capable ones multiselect, selects and statuses with five options each,
//! record references to the next object — what a large real workspace
//! holds, in proportions that keep every code path busy.

use std::hint::black_box;
use std::time::Duration;

use attio_codegen::{emit, generate, layout, render, Config, Snapshot};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

fn by_object_count(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate/objects×50");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for objects in [10, 100, 1_000] {
        let snapshot = synthetic(objects, 50);
        group.throughput(Throughput::Elements((objects * 50) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(objects), &snapshot, |b, s| {
            b.iter(|| generate(black_box(s), &Config::default(), None).expect("generates"))
        });
    }
    group.finish();
}

fn by_attribute_count(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate/100×attributes");
    group.sample_size(10);
    for attributes in [10, 25, 50, 100] {
        let snapshot = synthetic(100, attributes);
        group.throughput(Throughput::Elements((100 * attributes) as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(attributes),
            &snapshot,
            |b, s| b.iter(|| generate(black_box(s), &Config::default(), None).expect("generates")),
        );
    }
    group.finish();
}

fn by_stage(c: &mut Criterion) {
    let snapshot = synthetic(1_000, 50);
    let config = Config::default();
    let workspace = snapshot.canonical();
    let laid_out = layout::layout(&workspace, &config).expect("plans");
    let mut group = c.benchmark_group("stage/1000×50");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("canonical+fingerprint", |b| {
        b.iter(|| Snapshot::fingerprint_of_canonical(&snapshot.canonical()))
    });
    group.bench_function("layout", |b| b.iter(|| layout::layout(&workspace, &config)));
    group.bench_function("emit", |b| {
        b.iter(|| {
            let mut emitter = emit::Emitter::new(None);
            laid_out
                .structs
                .iter()
                .map(|s| emitter.struct_items(s))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("render (one thread)", |b| {
        b.iter(|| {
            let mut emitter = emit::Emitter::new(None);
            let items = laid_out
                .structs
                .iter()
                .flat_map(|s| emitter.struct_items(s))
                .collect();
            render::format(items)
        })
    });
    group.finish();
}

criterion_group!(benches, by_object_count, by_attribute_count, by_stage);
criterion_main!(benches);
