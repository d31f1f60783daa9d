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
use attio_schema::{
    Attribute, AttributeConfig, AttributeId, AttributeType, Object, ObjectId, OptionId,
    RecordReferenceConfig, SelectOption, Status, StatusId, Workspace,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn uuid(kind: u32, n: usize) -> String {
    format!("00000000-{kind:04x}-4000-8000-{n:012x}")
}

fn synthetic(objects: usize, attributes: usize) -> Snapshot {
    let workspace_id = uuid(0, 0);
    let mut serial = 0;
    let mut next = || {
        serial += 1;
        serial
    };
    let objects = (0..objects)
        .map(|o| {
            let object_id = uuid(1, o);
            let attributes = (0..attributes)
                .map(|a| {
                    let attribute_type = AttributeType::ALL[a % AttributeType::ALL.len()].clone();
                    let id = AttributeId {
                        workspace_id: workspace_id.clone(),
                        object_id: object_id.clone(),
                        attribute_id: uuid(3, next()),
                    };
                    let titles = || (0..5).map(|t| format!("Choice {t} of {a}"));
                    let options = match attribute_type {
                        AttributeType::Select => titles()
                            .map(|title| SelectOption {
                                id: OptionId {
                                    workspace_id: id.workspace_id.clone(),
                                    object_id: id.object_id.clone(),
                                    attribute_id: id.attribute_id.clone(),
                                    option_id: uuid(4, a),
                                },
                                title,
                                is_archived: false,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let statuses = match attribute_type {
                        AttributeType::Status => titles()
                            .map(|title| Status {
                                id: StatusId {
                                    workspace_id: id.workspace_id.clone(),
                                    object_id: id.object_id.clone(),
                                    attribute_id: id.attribute_id.clone(),
                                    status_id: uuid(5, a),
                                },
                                title,
                                is_archived: false,
                                celebration_enabled: false,
                                target_time_in_status: None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let allowed_object_ids = (attribute_type == AttributeType::RecordReference)
                        .then(|| vec![uuid(1, (o + 1) % objects)]);
                    Attribute {
                        description: (a % 4 == 0).then(|| format!("What attribute {a} holds.")),
                        is_writable: attribute_type != AttributeType::Interaction,
                        is_required: a % 11 == 0,
                        is_unique: a % 13 == 0 && attribute_type.can_be_unique(),
                        is_multiselect: a % 3 == 0 && attribute_type.can_be_multiselect(),
                        config: AttributeConfig {
                            record_reference: RecordReferenceConfig { allowed_object_ids },
                            ..AttributeConfig::default()
                        },
                        options,
                        statuses,
                        ..Attribute::new(
                            id,
                            format!("attribute_{a}"),
                            format!("Attribute {a}"),
                            attribute_type,
                        )
                    }
                })
                .collect();
            Object {
                id: ObjectId {
                    workspace_id: workspace_id.clone(),
                    object_id,
                },
                api_slug: format!("object_{o}"),
                singular_noun: Some(format!("Object {o}")),
                plural_noun: Some(format!("Objects {o}")),
                created_at: None,
                attributes,
            }
        })
        .collect();
    Snapshot::new(Workspace {
        objects,
        lists: Vec::new(),
    })
}

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
