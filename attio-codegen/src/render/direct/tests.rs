use super::*;
use crate::layout::{layout, Layout};
use crate::render::format;
use crate::Config;
use attio_schema::{Snapshot, Target};

/// Every struct of `layout` written directly (by one writer, as a thread
/// of `generate` does) and through prettyplease.
fn assert_same(layout: &Layout, schema: Option<&str>) {
    let mut writer = Writer::new(schema);
    for s in &layout.structs {
        let direct = writer.struct_text(s);
        let pretty = format(Emitter::new(schema).struct_items(s));
        assert_eq!(direct, pretty, "struct {}", s.ident);
    }
}

#[test]
fn the_fixture_is_written_as_prettyplease_prints_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    );
    let snapshot = Snapshot::from_slice(&std::fs::read(path).unwrap(), path).unwrap();
    let laid_out = layout(&snapshot.canonical(), &Config::default()).unwrap();
    assert_same(&laid_out, None);
    assert_same(&laid_out, Some("../fixtures/workspace/attio-schema.json"));
}

fn field(ident: &str, slug: &str, doc: &[&str], value: ValueRepr) -> FieldLayout {
    FieldLayout {
        ident: ident.into(),
        slug: slug.into(),
        doc: doc.iter().map(|&l| l.to_owned()).collect(),
        read_only: slug.len().is_multiple_of(2),
        multiselect: ident.len().is_multiple_of(2),
        value,
    }
}

/// Lines at every length around prettyplease's margin, docs it prints as
/// `#[doc]` or `/** */`, types from the config, a struct without fields.
#[test]
fn shapes_near_the_margin_and_unusual_ones_go_through_prettyplease() {
    let mut structs = Vec::new();
    for n in 0..70 {
        let long = "x".repeat(n);
        let variants = vec![
            VariantLayout {
                ident: format!("V{long}"),
                title: format!("T {long} \"quoted\" \\ \u{7}"),
                archived: n % 3 == 0,
            },
            VariantLayout {
                ident: "W".into(),
                title: long.clone(),
                archived: false,
            },
        ];
        structs.push(StructLayout {
            ident: format!("S{n}"),
            target: if n % 2 == 0 {
                Target::Object
            } else {
                Target::List
            },
            slug: format!("s_{long}"),
            doc: vec![
                format!("Doc {long}"),
                String::new(),
                "trailing  ".into(),
                "   ".into(),
            ],
            fields: vec![
                field(
                    &format!("f_{long}"),
                    &format!("a{long}"),
                    &["A"],
                    ValueRepr::Path(
                        "::attio_runtime::chrono::DateTime<::attio_runtime::chrono::Utc>".into(),
                    ),
                ),
                field(
                    "g",
                    &long,
                    &[],
                    ValueRepr::RecordRef(Some(format!("T{long}"))),
                ),
                field("h", "h", &["x\ny", "/z"], ValueRepr::RecordRef(None)),
                field(
                    "i",
                    "i",
                    &["a */ b"],
                    ValueRepr::Override("my :: Money < u8 >".into()),
                ),
                field("j", "j", &[""], ValueRepr::Path("Vec<(u8, u8)>".into())),
                field(
                    &format!("k{long}"),
                    "k",
                    &["k"],
                    ValueRepr::Enum(format!("E{long}")),
                ),
            ],
            enums: vec![EnumLayout {
                ident: format!("E{long}"),
                target: Target::Object,
                owner: format!("o{long}"),
                attribute: "a\nb".into(),
                doc: vec![format!("Options {long}")],
                variants,
            }],
        });
    }
    structs.push(StructLayout {
        ident: "Empty".into(),
        target: Target::Object,
        slug: "empty".into(),
        doc: vec!["Nothing.".into()],
        fields: Vec::new(),
        enums: Vec::new(),
    });
    let laid_out = Layout { structs };
    assert_same(&laid_out, None);
    assert_same(
        &laid_out,
        Some("a/rather/long/path/to/the/attio-schema.json"),
    );
}
