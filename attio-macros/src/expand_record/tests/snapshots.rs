//! Whole expansions, formatted, as insta snapshots beside this file: what
//! `#[derive(Record)]` and `#[derive(Entry)]` generate for typical structs,
//! and for a struct with a mistake. A change to the expansion shows up here
//! as a diff to review (run with `INSTA_UPDATE=always` to accept it).

use attio_schema::Target;
use quote::quote;
use syn::{parse_quote, DeriveInput};

use super::expand_against_workspace;
use crate::test_support::expansion_snapshot;

/// The item and its expansion as the derive emits it, minus the snapshot
/// tracking (see `tracks_the_snapshot_file`): the items, then one
/// `compile_error!` per error.
fn expansion(item: DeriveInput, target: Target) -> String {
    let (code, errors) = expand_against_workspace(&item, target);
    let compile_errors = errors.to_compile_errors();
    let expansion = quote! {
        #code
        #compile_errors
    };
    expansion_snapshot(target.derive_name(), &item, expansion)
}

/// A struct as `attio-codegen` writes one: every field renamed explicitly,
/// read-only attributes marked, options and references typed.
#[test]
fn a_generated_object_struct() {
    let expanded = expansion(
        parse_quote! {
            #[attio(object = "deals")]
            pub struct Deal {
                #[attio(attribute = "associated_people")]
                pub associated_people: Vec<::attio_runtime::value::RecordRef<Person>>,
                #[attio(attribute = "legacy_region", read_only)]
                pub legacy_region: Option<String>,
                #[attio(attribute = "name")]
                pub name: Option<String>,
                #[attio(attribute = "owner")]
                pub owner: Option<::attio_runtime::value::ActorRef>,
                #[attio(attribute = "record_id", read_only)]
                pub record_id: Option<String>,
                #[attio(attribute = "stage")]
                pub stage: Option<DealStage>,
                #[attio(attribute = "tags")]
                pub tags: Vec<DealTag>,
            }
        },
        Target::Object,
    );
    insta::assert_snapshot!(expanded);
}

/// A struct written by hand for one use: a few attributes under names of
/// its own, a value every record has, and an upsert on the unique one.
#[test]
fn a_hand_written_projection() {
    let expanded = expansion(
        parse_quote! {
            #[attio(object = "people", upsert = "email_addresses")]
            pub struct Contact {
                #[attio(attribute = "email_addresses")]
                pub emails: Vec<EmailAddress>,
                #[attio(attribute = "job_title")]
                pub role: Option<String>,
                #[attio(attribute = "type")]
                pub kind: Option<String>,
                #[attio(attribute = "gold_score")]
                pub score: Option<f64>,
                // A bare type: the attribute is required.
                #[attio(read_only)]
                pub avatar_url: String,
            }
        },
        Target::Object,
    );
    insta::assert_snapshot!(expanded);
}

#[test]
fn a_list_entry_struct() {
    let expanded = expansion(
        parse_quote! {
            #[attio(list = "pipeline")]
            pub struct PipelineEntry {
                pub notes: Option<String>,
            }
        },
        Target::List,
    );
    insta::assert_snapshot!(expanded);
}

/// A misspelt attribute: the error, and the fallback items that keep the
/// struct's users compiling so that only that error shows.
#[test]
fn a_struct_with_an_unknown_attribute() {
    let expanded = expansion(
        parse_quote! {
            #[attio(object = "people")]
            pub struct Person {
                #[attio(attribute = "email_adresses")]
                pub emails: Vec<EmailAddress>,
                pub job_title: Option<String>,
            }
        },
        Target::Object,
    );
    insta::assert_snapshot!(expanded);
}
