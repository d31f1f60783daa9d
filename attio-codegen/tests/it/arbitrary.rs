//! Arbitrary valid workspaces, for the generator's property tests
//! (`properties`) and the seeds the build-script test compiles with the
//! derives (`build_script`).
//!
//! Slugs and titles are drawn from fragments that have broken generators:
//! Rust keywords, leading digits, non-ASCII letters, emoji, hyphens, case
//! variants of one word that meet in one identifier, very long ones, and
//! text that Markdown or a doc comment would misread. Every owner has
//! attributes of all 17 types, single and multiselect; flags at random;
//! options and statuses whose titles collide; references to objects that
//! exist, do not, or are left out by the config; lists over any parent.

use attio_codegen::{Config, Snapshot};
use attio_schema::{
    Attribute, AttributeConfig, AttributeId, AttributeType, List, ListId, Object, ObjectId,
    OptionId, RecordReferenceConfig, SelectOption, Status, StatusId, Workspace,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};

const SLUG_FRAGMENTS: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "match",
    "async",
    "dyn",
    "try",
    "gen",
    "r#type",
    "_",
    "__",
    "3pl",
    "2024_plan",
    "1",
    "0x",
    "café",
    "größe",
    "日本",
    "ñ",
    "🎉",
    "deal_🎉",
    "mrr-usd",
    "-x-",
    "a--b",
    "Deal",
    "deal",
    "DEAL",
    "dealValue",
    "deal_value",
    "deal-value",
    "other",
    "Other",
    "name",
    "record_id",
    "id",
    "x",
];
const SEPARATORS: &[&str] = &["", "_", "-", "__"];
const TITLE_FRAGMENTS: &[&str] = &[
    "Other",
    "other",
    "OTHER",
    "Name",
    "name",
    "Stage",
    "stage",
    "",
    " ",
    "2024 plan",
    "B2B",
    "b2b",
    "B-2-B",
    "1-10",
    "100K+",
    "🎉",
    "Won 🎉",
    "Über",
    "[link](https://x.example)",
    "<b>bold</b>",
    "```rust",
    "\"quoted\"",
    "back\\slash",
    "line\nbreak",
    "tab\there",
    "*/",
    "/**/",
    "//",
    "a  b ",
    "type",
    "Self",
];

fn slug() -> impl Strategy<Value = String> {
    let fragment = || prop::sample::select(SLUG_FRAGMENTS);
    prop_oneof![
        3 => fragment().prop_map(str::to_owned),
        3 => (fragment(), prop::sample::select(SEPARATORS), fragment())
            .prop_map(|(a, s, b)| format!("{a}{s}{b}")),
        1 => (1..4usize).prop_map(|n| "very_long_slug_".repeat(n * 6)),
    ]
}

fn title() -> impl Strategy<Value = String> {
    let fragment = || prop::sample::select(TITLE_FRAGMENTS);
    prop_oneof![
        3 => fragment().prop_map(str::to_owned),
        2 => (fragment(), fragment()).prop_map(|(a, b)| format!("{a} {b}")),
        1 => (1..4usize).prop_map(|n| "A very long title ".repeat(n * 5)),
    ]
}

/// Where a record reference may point.
#[derive(Debug, Clone)]
enum Reference {
    Any,
    /// Objects of the workspace, by index (modulo their number).
    Existing(Vec<usize>),
    Missing,
}

#[derive(Debug, Clone)]
struct AttributeShape {
    slug: String,
    title: String,
    description: Option<String>,
    type_index: usize,
    flags: [bool; 6],
    options: Vec<(String, bool)>,
    reference: Reference,
}

fn attribute() -> impl Strategy<Value = AttributeShape> {
    let reference = prop_oneof![
        Just(Reference::Any),
        prop::collection::vec(0..8usize, 1..3).prop_map(Reference::Existing),
        Just(Reference::Missing),
    ];
    (
        (slug(), title(), prop::option::of(title())),
        0..AttributeType::ALL.len(),
        prop::array::uniform6(any::<bool>()),
        prop::collection::vec((title(), prop::bool::weighted(0.2)), 0..5),
        reference,
    )
        .prop_map(
            |((slug, title, description), type_index, flags, options, reference)| AttributeShape {
                slug,
                title,
                description,
                type_index,
                flags,
                options,
                reference,
            },
        )
}

#[derive(Debug, Clone)]
struct OwnerShape {
    slug: String,
    title: Option<String>,
    attributes: Vec<AttributeShape>,
}

fn owner() -> impl Strategy<Value = OwnerShape> {
    (
        slug(),
        prop::option::of(title()),
        prop::collection::vec(attribute(), 0..10),
    )
        .prop_map(|(slug, title, attributes)| OwnerShape {
            slug,
            title,
            attributes,
        })
}

/// A workspace and a config that leaves some of it out.
pub fn workspace() -> impl Strategy<Value = (Snapshot, Config)> {
    (
        prop::collection::vec((owner(), prop::bool::weighted(0.2)), 1..6),
        prop::collection::vec((owner(), 0..8usize, prop::bool::weighted(0.2)), 0..3),
        any::<bool>(),
    )
        .prop_map(|(objects, lists, include_archived)| build(objects, lists, include_archived))
}

fn uuid(kind: u32, n: usize) -> String {
    format!("00000000-{kind:04x}-4000-8000-{n:012x}")
}

fn build(
    object_shapes: Vec<(OwnerShape, bool)>,
    list_shapes: Vec<(OwnerShape, usize, bool)>,
    include_archived: bool,
) -> (Snapshot, Config) {
    let workspace_id = uuid(0, 0);
    let mut serial = 0;
    let mut exclude = Vec::new();
    // Slugs are unique among objects: the first of a slug is kept.
    let mut kept: Vec<&OwnerShape> = Vec::new();
    for (shape, excluded) in &object_shapes {
        if kept.iter().all(|k| k.slug != shape.slug) {
            kept.push(shape);
            if *excluded {
                exclude.push(shape.slug.clone());
            }
        }
    }
    let object_ids: Vec<String> = (0..kept.len()).map(|n| uuid(1, n)).collect();
    let object_slugs: Vec<String> = kept.iter().map(|k| k.slug.clone()).collect();
    let mut attributes_of = |owner_id: &str, shape: &OwnerShape| {
        let mut attributes: Vec<Attribute> = Vec::new();
        for a in &shape.attributes {
            if attributes.iter().any(|b| b.api_slug == a.slug) {
                continue; // slugs are unique within an owner
            }
            serial += 1;
            attributes.push(attribute_of(
                a,
                &workspace_id,
                owner_id,
                serial,
                &object_ids,
            ));
        }
        attributes
    };
    let objects: Vec<Object> = kept
        .iter()
        .zip(&object_ids)
        .map(|(shape, object_id)| Object {
            id: ObjectId {
                workspace_id: workspace_id.clone(),
                object_id: object_id.clone(),
            },
            api_slug: shape.slug.clone(),
            singular_noun: shape.title.clone(),
            plural_noun: shape.title.clone(),
            created_at: None,
            attributes: attributes_of(object_id, shape),
        })
        .collect();
    let mut lists: Vec<List> = Vec::new();
    for (shape, parent, excluded) in &list_shapes {
        if lists.iter().any(|l| l.api_slug == shape.slug) {
            continue;
        }
        if *excluded && !exclude.contains(&shape.slug) {
            exclude.push(shape.slug.clone());
        }
        let list_id = uuid(2, lists.len());
        let parent = object_slugs
            .get(*parent)
            .cloned()
            .unwrap_or_else(|| "no_such_object".to_owned());
        lists.push(List {
            id: ListId {
                workspace_id: workspace_id.clone(),
                list_id: list_id.clone(),
            },
            api_slug: shape.slug.clone(),
            name: shape.title.clone().unwrap_or_default(),
            parent_object: vec![parent],
            workspace_access: None,
            workspace_member_access: Vec::new(),
            created_by_actor: None,
            created_at: None,
            attributes: attributes_of(&list_id, shape),
        });
    }
    let config = Config {
        exclude,
        include_archived,
        ..Config::default()
    };
    (Snapshot::new(Workspace { objects, lists }), config)
}

fn attribute_of(
    shape: &AttributeShape,
    workspace_id: &str,
    owner_id: &str,
    serial: usize,
    object_ids: &[String],
) -> Attribute {
    let attribute_type = AttributeType::ALL[shape.type_index].clone();
    let [required, unique, multiselect, archived, writable, system] = shape.flags;
    let id = AttributeId {
        workspace_id: workspace_id.to_owned(),
        object_id: owner_id.to_owned(),
        attribute_id: uuid(3, serial),
    };
    let options = match attribute_type {
        AttributeType::Select => shape
            .options
            .iter()
            .enumerate()
            .map(|(n, (title, is_archived))| SelectOption {
                id: OptionId {
                    workspace_id: id.workspace_id.clone(),
                    object_id: id.object_id.clone(),
                    attribute_id: id.attribute_id.clone(),
                    option_id: uuid(4, serial * 16 + n),
                },
                title: title.clone(),
                is_archived: *is_archived,
            })
            .collect(),
        _ => Vec::new(),
    };
    let statuses = match attribute_type {
        AttributeType::Status => shape
            .options
            .iter()
            .enumerate()
            .map(|(n, (title, is_archived))| Status {
                id: StatusId {
                    workspace_id: id.workspace_id.clone(),
                    object_id: id.object_id.clone(),
                    attribute_id: id.attribute_id.clone(),
                    status_id: uuid(5, serial * 16 + n),
                },
                title: title.clone(),
                is_archived: *is_archived,
                celebration_enabled: false,
                target_time_in_status: None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let allowed_object_ids = match (&attribute_type, &shape.reference) {
        (AttributeType::RecordReference, Reference::Existing(indices))
            if !object_ids.is_empty() =>
        {
            Some(
                indices
                    .iter()
                    .map(|i| object_ids[i % object_ids.len()].clone())
                    .collect(),
            )
        }
        (AttributeType::RecordReference, Reference::Missing) => {
            Some(vec!["00000000-0000-4000-8000-ffffffffffff".to_owned()])
        }
        _ => None,
    };
    Attribute {
        description: shape.description.clone(),
        is_system_attribute: system,
        is_writable: writable,
        is_required: required && !archived,
        is_unique: unique && attribute_type.can_be_unique(),
        is_multiselect: multiselect && attribute_type.can_be_multiselect(),
        is_archived: archived,
        config: AttributeConfig {
            record_reference: RecordReferenceConfig { allowed_object_ids },
            ..AttributeConfig::default()
        },
        options,
        statuses,
        ..Attribute::new(id, shape.slug.clone(), shape.title.clone(), attribute_type)
    }
}

/// The workspace of a fixed seed: the same on every run and machine.
pub fn seeded(seed: u8) -> (Snapshot, Config) {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(proptest::test_runner::Config::default(), rng);
    workspace()
        .new_tree(&mut runner)
        .expect("the strategy never rejects")
        .current()
}
