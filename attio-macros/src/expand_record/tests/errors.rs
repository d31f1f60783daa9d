//! What a mistake in a struct is told: every error message of the derive,
//! and that the impls are still emitted beside them.

use attio_schema::Target;
use syn::parse_quote;

use super::run;

#[test]
fn every_error_of_a_struct_is_reported_and_the_impl_still_emitted() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person {
                email_adresses: Vec<String>,
                #[attio(attribute = "email_addresses")]
                email: String,
                avatar_url: Option<String>,
                old_score: Option<f64>,
                job_title: Vec<String>,
            }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        [
            "unknown attribute `email_adresses` on Attio object `people`; did you mean `email_addresses`?",
            "attribute `email_addresses` is multiselect; declare the field as `Vec<…>`",
            "attribute `avatar_url` is read-only in Attio (enriched); mark the field `#[attio(read_only)]`",
            "attribute `old_score` is read-only in Attio (archived); mark the field `#[attio(read_only)]`",
            "attribute `job_title` holds a single value; declare the field as `Option<…>`",
        ]
    );
    assert!(code.contains("impl :: attio_runtime :: Record for Person"));
    // Resolved fields keep their type checks; the unresolved one is not decoded.
    assert!(code.contains("where String : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: EmailAddress >"));
    assert!(code.contains("fn from_values (_ :"));
    // The unresolved field falls back to an unchecked setter and constant.
    assert!(code.contains("fn email_adresses < __AttioValue >"));
    assert!(code.contains("EMAIL_ADRESSES : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: Unknown"));
}

/// An attribute of a type this version does not know is held by raw JSON,
/// read only: nothing can check a value of it before it is sent.
#[test]
fn an_attribute_of_an_unknown_type_is_raw_json_and_read_only() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person { hologram: Option<::attio_runtime::serde_json::Value> }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `hologram` is read-only in Attio (a type this version does not know, read as raw JSON and never written); mark the field `#[attio(read_only)]`"]
    );
    assert!(
        code.contains(":: attio_runtime :: kind :: Unknown"),
        "{code}"
    );
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person {
                #[attio(read_only)]
                hologram: Option<::attio_runtime::serde_json::Value>,
            }
        },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    // Its only "setter" takes no value and says why, at compile time.
    assert!(
        code.contains("fn hologram < __AttioValue : ReadOnlyAttribute >"),
        "{code}"
    );
    assert!(
        code.contains("attio-runtime cannot check a value of a type it does not know"),
        "{code}"
    );
}

#[test]
fn unknown_objects_and_lists_are_named_with_a_hint() {
    let (_, errors) = run(
        parse_quote! { #[attio(object = "peple")] struct P { name: String } },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["unknown Attio object `peple`; did you mean `people`?"]
    );

    let (_, errors) = run(
        parse_quote! { #[attio(object = "pipeline")] struct P {} },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["unknown Attio object `pipeline`; `pipeline` is a list: bind its entries with `#[derive(Entry)]` and `#[attio(list = \"pipeline\")]`"]
    );

    let (_, errors) = run(
        parse_quote! { #[attio(list = "zzz")] struct P {} },
        Target::List,
    );
    assert_eq!(
        errors,
        ["unknown Attio list `zzz`; the snapshot's lists are `pipeline`"]
    );

    let (_, errors) = run(parse_quote! { struct P {} }, Target::Object);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("missing `#[attio(object = \"…\")]`"));
}

#[test]
fn upsert_requires_a_unique_attribute() {
    let (code, errors) = run(
        parse_quote! { #[attio(object = "people", upsert = "email_addresses")] struct P {} },
        Target::Object,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("const MATCHING_ATTRIBUTE : & 'static str = \"email_addresses\""));

    let (code, errors) = run(
        parse_quote! { #[attio(object = "people", upsert = "job_title")] struct P {} },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["cannot upsert on attribute `job_title`: Attio matches records only by a unique attribute; unique attributes of `people`: `email_addresses`"]
    );
    assert!(!code.contains("Upsert"));
}

#[test]
fn create_names_every_missing_required_attribute() {
    let (code, errors) = run(
        parse_quote! {
            #[attio(object = "deals", create)]
            struct Deal { name: String }
        },
        Target::Object,
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0],
        "`#[attio(create)]`: object `deals` requires attribute `stage` (\"Deal stage\", status) on create, but the struct has no writable field for it; add a field `stage: String`"
    );
    assert!(
        errors[1].contains("attribute `owner` (\"Owner\", actor-reference)")
            && errors[1].ends_with("add a field `owner: ActorRef`")
    );
    assert!(
        !code.contains("fn create"),
        "no create() without every required attribute"
    );
}

#[test]
fn duplicate_bindings_and_bad_shapes_are_errors() {
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P { job_title: Option<String>, #[attio(attribute = "job_title")] title: Option<String> }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `job_title` is already bound to field `job_title`; bind each attribute once"]
    );

    let (_, errors) = run(
        parse_quote! { #[attio(object = "people")] struct P(String); },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["expected a struct with named fields, one per attribute"]
    );
}

#[test]
fn field_named_after_the_title_is_pointed_to_the_slug() {
    let (_, errors) = run(
        parse_quote! { #[attio(object = "deals")] struct D { deal_stage: Option<String> } },
        Target::Object,
    );
    assert_eq!(errors, ["unknown attribute `deal_stage` on Attio object `deals`; did you mean `stage` (titled \"Deal stage\")?"]);
}

#[test]
fn did_you_mean_prefers_live_attributes_and_names_archived_ones() {
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P {
                old_scor: Option<f64>,
            }
        },
        Target::Object,
    );
    // `old_score` is nearer, but archived: the live `gold_score` is meant.
    assert_eq!(
        errors,
        ["unknown attribute `old_scor` on Attio object `people`; did you mean `gold_score`?"]
    );
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "deals")]
            struct D {
                #[attio(read_only)]
                legacy_regoin: Option<String>,
            }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["unknown attribute `legacy_regoin` on Attio object `deals`; did you mean `legacy_region`? (archived in Attio: it takes no writes, so mark the field `#[attio(read_only)]`)"]
    );
}

#[test]
fn a_keyword_field_is_told_to_name_its_attribute() {
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P {
                type_: Option<String>,
            }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["unknown attribute `type_` on Attio object `people`; `type` is a Rust keyword, so no field can be named after it: keep the field name and add `#[attio(attribute = \"type\")]`"]
    );
}

#[test]
fn a_number_in_the_wrong_scalar_type_is_told_the_types_that_hold_it() {
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct Person {
                gold_score: Option<u32>,
            }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `gold_score` is a number: `u32` cannot hold it; use `f64`, or `i64` if it holds only whole numbers (or `serde_json::Value`, which holds any)"]
    );
    // The types that hold it, and types of the user's own, are accepted.
    for ty in [
        quote::quote!(f64),
        quote::quote!(i64),
        quote::quote!(crate::Score),
    ] {
        let (_, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct Person {
                    gold_score: Option<#ty>,
                }
            },
            Target::Object,
        );
        assert!(errors.is_empty(), "{ty}: {errors:?}");
    }
}

#[test]
fn a_bare_type_binds_only_a_required_attribute() {
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "people")]
            struct P {
                job_title: String,
                #[attio(attribute = "email_addresses")]
                emails: Vec<EmailAddress>,
            }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `job_title` is not required in Attio, so a record may have no value: use `Option<String>`"]
    );
    // The type is named as written.
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "deals")]
            struct D { associated_people: Vec<RecordRef<P>>, #[attio(read_only)] record_id: ::attio_runtime::value::Domain }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `record_id` is not required in Attio, so a record may have no value: use `Option<::attio_runtime::value::Domain>`"]
    );
    // A required attribute may be bare, and a `Vec` is told so.
    let (_, errors) = run(
        parse_quote! {
            #[attio(object = "deals")]
            struct D { name: String, stage: Vec<String> }
        },
        Target::Object,
    );
    assert_eq!(
        errors,
        ["attribute `stage` holds a single value; declare the field as `Option<…>` (or the bare type: the attribute is required, so every record has a value)"]
    );
}

#[test]
fn did_you_mean_ranks_case_then_separators_then_the_type_that_fits() {
    let suggestion = |field: syn::Field| {
        let item: syn::DeriveInput = parse_quote! {
            #[attio(object = "deals")]
            struct D { #field }
        };
        let (_, errors) = run(item, Target::Object);
        errors.join("\n")
    };
    // `close-date` (a date) and `close_date` (text) both match but for
    // separators: the one whose type holds the field is meant.
    assert_eq!(
        suggestion(parse_quote!(closedate: Option<NaiveDate>)),
        "unknown attribute `closedate` on Attio object `deals`; did you mean `close-date`?"
    );
    assert_eq!(
        suggestion(parse_quote!(closedate: Option<String>)),
        "unknown attribute `closedate` on Attio object `deals`; did you mean `close_date`?"
    );
    // A match but for case ranks first, whatever the type.
    assert_eq!(
        suggestion(parse_quote!(#[attio(attribute = "Close-Date")] close: Option<String>)),
        "unknown attribute `Close-Date` on Attio object `deals`; did you mean `close-date`?"
    );
}
