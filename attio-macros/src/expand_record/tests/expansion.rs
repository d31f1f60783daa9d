//! What a valid struct expands to, piece by piece: each test checks the
//! lines one behaviour depends on (the snapshots show whole expansions).

use std::path::Path;

use attio_schema::Target;
use syn::{parse_quote, DeriveInput};

use super::run;
use crate::attrs;
use crate::errors::Errors;
use crate::expand_record::expand::expand;
use crate::schema_cache::track;

#[test]
fn a_valid_projection_expands_without_errors() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            pub struct Person {
                #[attio(attribute = "email_addresses")]
                pub emails: Vec<EmailAddress>,
                pub job_title: Option<String>,
                #[attio(read_only)]
                pub avatar_url: Option<String>,
            }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("impl :: attio_runtime :: Record for Person"));
    assert!(code.contains("const OBJECT : & 'static str = \"people\""));
    assert!(code.contains("pub struct PersonWrite"));
    assert!(code.contains(
        "pub const EMAILS : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: EmailAddress , :: attio_runtime :: Unique >"
    ));
    assert!(code.contains(
        "pub const AVATAR_URL : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: Text , :: attio_runtime :: NotUnique >"
    ));
    assert!(code.contains("decode_many :: < :: attio_runtime :: kind :: EmailAddress , EmailAddress > (__attio_values , \"email_addresses\")"));
    assert!(code.contains("pub fn job_title (mut self"));
    assert!(code.contains("pub fn emails (mut self , values : impl :: attio_runtime :: value :: SeveralValues < EmailAddress > ,)"));
    // Only a hidden setter that explains, and nothing written, for the
    // read-only field.
    assert!(code.contains("# [diagnostic :: on_unimplemented (message = \"attribute `avatar_url` of object `people` is read-only in Attio (enriched), so `PersonWrite` cannot set it\""), "{code}");
    assert!(code.contains("# [doc (hidden)] pub fn avatar_url < __AttioValue : ReadOnlyAttribute > (self , _value : __AttioValue) -> Self { self }"), "{code}");
    assert!(!code.contains("set_optional :: < :: attio_runtime :: kind :: Text , String > (& mut __attio_values , \"avatar_url\""));
    // No required attribute: `create()` takes no argument.
    assert!(code.contains("pub fn create () -> PersonWrite"));
    assert!(!code.contains("Upsert"));
}

#[test]
fn create_takes_required_attributes_in_slug_order() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "deals", create)]
            struct Deal {
                stage: Stage,
                #[attio(attribute = "owner")]
                deal_owner: Option<serde_json::Value>,
                name: String,
                tags: Vec<String>,
            }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        code.contains("struct DealRequired { # [doc = \"`name` · Deal name · text · required\"] name : String , # [doc = \"`owner` · Owner · actor-reference · required\"] deal_owner : serde_json :: Value , # [doc = \"`stage` · Deal stage · status · required\"] stage : Stage }"),
        "{code}"
    );
    assert!(
        code.contains("fn create (required : DealRequired) -> DealWrite { Self :: write () . name (required . name) . deal_owner (required . deal_owner) . stage (required . stage) }"),
        "{code}"
    );
}

#[test]
fn a_field_marked_read_only_on_a_writable_attribute_explains_its_missing_setter() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person {
                #[attio(read_only)]
                job_title: Option<String>,
            }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("message = \"attribute `job_title` of object `people` is marked `#[attio(read_only)]` on field `job_title`, so `PersonWrite` has no setter for it\""), "{code}");
    assert!(!code.contains("fn job_title (mut self"), "{code}");
}

#[test]
fn entries_name_their_list_and_parents() {
    let (code, errors) = run(
        parse_quote! { #[attio(list = "pipeline")] pub(crate) struct Row { notes: Option<String> } },
        Target::List,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("impl :: attio_runtime :: Entry for Row"));
    assert!(code.contains("const PARENT_OBJECTS : & 'static [& 'static str] = & [\"deals\"]"));
    assert!(code.contains("pub (crate) struct RowWrite"));
    assert!(code.contains("pub (crate) fn notes"));

    let (_, errors) = run(
        parse_quote! { #[attio(list = "pipeline", object = "deals", upsert = "notes")] struct Row {} },
        Target::List,
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("`object` binds records"));
    assert!(errors[1].starts_with("`upsert` is for `#[derive(Record)]`"));
}

#[test]
fn element_types_are_bounded_by_the_attribute_kind() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P { job_title: Option<bool>, #[attio(read_only)] avatar_url: Option<String> }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    let bound = "bool : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: Text >";
    assert!(
        code.contains(&format!(
            "impl :: attio_runtime :: Record for P where {bound} , String :"
        )),
        "{code}"
    );
    // The write model is bounded by the writable fields only.
    assert!(
        code.contains(&format!("impl PWrite where {bound} {{")),
        "{code}"
    );
}

#[test]
fn without_a_snapshot_only_the_load_error_is_reported() {
    let item: DeriveInput = parse_quote! {
        #[attio(object = "people")]
        pub struct P { job_title: Option<String> }
    };
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
    let code = expand(&item, &item_attrs, Target::Object, None, &mut errors).to_string();
    assert!(errors.is_empty(), "{:?}", errors.messages());
    // Fallback items keep the users of the struct compiling.
    assert!(code.contains("impl :: attio_runtime :: Record for P"));
    assert!(code.contains("pub fn job_title < __AttioValue >"));
    assert!(code.contains("pub const JOB_TITLE : :: attio_runtime :: Attribute < P , :: attio_runtime :: kind :: Unknown"));
    assert!(!code.contains("fn create"));
}

#[test]
fn record_refs_are_not_bounds_of_the_impls() {
    // Records referencing each other: a bound on `RecordRef<Other>` would
    // make the two `Record` impls depend on each other.
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P { job_title: Option<RecordRef<P>> }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!code.contains("where"), "{code}");
    assert!(
        code.contains("decode_optional :: < :: attio_runtime :: kind :: Text , RecordRef < P > >")
    );
}

#[test]
fn record_ref_targets_are_asserted_against_allowed_objects() {
    let json = r#"{"format_version": 1, "objects": [
        {"id": {"workspace_id": "w", "object_id": "o1"}, "api_slug": "companies",
         "singular_noun": null, "plural_noun": null, "attributes": [
           {"id": {"workspace_id": "w", "object_id": "o1", "attribute_id": "a"}, "title": "Team",
            "api_slug": "team", "type": "record-reference", "is_multiselect": true,
            "config": {"record_reference": {"allowed_object_ids": ["o2"]}}}]},
        {"id": {"workspace_id": "w", "object_id": "o2"}, "api_slug": "people",
         "singular_noun": null, "plural_noun": null, "attributes": []}]}"#;
    let ws = attio_schema::Snapshot::from_slice(json.as_bytes(), "t.json")
        .unwrap()
        .workspace;
    let item: DeriveInput = parse_quote! {
        #[attio(object = "companies")]
        struct C { team: Vec<RecordRef<Person>>, #[attio(attribute = "team")] any: Vec<RecordRef<AnyObject>> }
    };
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
    let code = expand(&item, &item_attrs, Target::Object, Some(&ws), &mut errors).to_string();
    assert!(code.contains("let object = < Person as :: attio_runtime :: Record > :: OBJECT ; :: core :: assert ! (false || same (object , \"people\")"), "{code}");
    assert_eq!(
        code.matches("const fn same").count(),
        1,
        "no check for AnyObject"
    );
}

#[test]
fn deserialize_values_reads_each_field_through_its_seed() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            pub struct Person {
                #[attio(attribute = "email_addresses")]
                pub emails: Vec<EmailAddress>,
                pub job_title: Option<String>,
                #[attio(read_only)]
                pub avatar_url: String,
            }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("fn deserialize_values < 'de , __AttioD : :: attio_runtime :: __private :: serde :: Deserializer < 'de >>"), "{code}");
    // One arm per bound slug, each with its field's seed.
    assert!(code.contains("\"email_addresses\" => { __attio_field_0 = :: core :: option :: Option :: Some (:: attio_runtime :: __private :: serde :: de :: MapAccess :: next_value_seed (& mut __attio_map , :: attio_runtime :: __private :: Many :: < :: attio_runtime :: kind :: EmailAddress , EmailAddress > :: new (\"email_addresses\")) ?) ; }"), "{code}");
    assert!(code.contains(":: attio_runtime :: __private :: Optional :: < :: attio_runtime :: kind :: Text , String > :: new (\"job_title\")"));
    assert!(code.contains(":: attio_runtime :: __private :: Optional :: < :: attio_runtime :: kind :: Text , String > :: new (\"avatar_url\")"));
    // Unknown slugs are skipped; fields finish by cardinality.
    assert!(code.contains("_ => { :: attio_runtime :: __private :: serde :: de :: MapAccess :: next_value :: < :: attio_runtime :: __private :: serde :: de :: IgnoredAny > (& mut __attio_map) ? ; }"));
    assert!(code
        .contains("emails : :: core :: option :: Option :: unwrap_or_default (__attio_field_0)"));
    assert!(code.contains("job_title : :: core :: option :: Option :: flatten (__attio_field_1)"));
    assert!(code.contains("avatar_url : :: attio_runtime :: __private :: required :: < _ , __AttioA :: Error > (__attio_field_2 , \"avatar_url\") ?"));
    // The visitor repeats the impl's bounds.
    assert!(code.contains("impl < 'de > :: attio_runtime :: __private :: serde :: de :: Visitor < 'de > for __AttioVisitor where EmailAddress : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: EmailAddress >"), "{code}");
    assert!(code.contains("f . write_str (\"the values of a `people` record\")"));
}

#[test]
fn deserialize_values_is_left_to_the_default_when_a_field_is_unresolved() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person { job_title: Option<String>, nickname: Option<String> }
        },
        Target::Object,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(!code.contains("deserialize_values"), "{code}");

    let (code, errors) = run(
        parse_quote! { #[attio(list = "pipeline")] struct Row { notes: Option<String> } },
        Target::List,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("fn deserialize_values"));
    assert!(code.contains("the entry values of a `pipeline` list entry"));
}

#[test]
fn tracks_the_snapshot_file_once_per_process() {
    let path = Path::new("/abs/tracked-once/attio-schema.json");
    let tokens = track(path).unwrap().to_string();
    assert_eq!(
        tokens,
        "const _ : () = { # [allow (dead_code)] fn track_attio_schema () { \
         let _ = :: core :: include_bytes ! (\"/abs/tracked-once/attio-schema.json\") ; \
         let _ = :: core :: option_env ! (\"ATTIO_SCHEMA\") ; } } ;"
    );
    // Every later derive of the compilation leaves it to the first.
    assert!(track(path).is_none());
    assert!(track(Path::new("/abs/tracked-once/other.json")).is_some());
}
