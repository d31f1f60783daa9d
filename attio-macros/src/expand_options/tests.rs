//! Unit tests of `#[derive(Options)]`, against the small test workspace.

use super::*;
use crate::test_support::{expansion_snapshot, workspace};
use syn::parse_quote;

fn run(item: DeriveInput) -> (String, Vec<String>) {
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, attrs::ENUM_KEYS, &mut errors);
    let ws = workspace();
    let code = expand(&item, &item_attrs, Some(&ws), &mut errors);
    (code.to_string(), errors.messages())
}

/// The whole expansion for a select attribute, formatted, as an insta
/// snapshot beside this file (`snapshots/`).
#[test]
fn a_select_enum_expansion() {
    let item: DeriveInput = parse_quote! {
        #[attio(object = "deals", attribute = "tags")]
        pub enum DealTag {
            #[attio(title = "B2B")]
            B2b,
            Enterprise,
            Other(String),
        }
    };
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, attrs::ENUM_KEYS, &mut errors);
    let code = expand(&item, &item_attrs, Some(&workspace()), &mut errors);
    assert!(errors.is_empty(), "{:?}", errors.messages());
    let expanded = expansion_snapshot("Options", &item, code);
    insta::assert_snapshot!(expanded);
}

#[test]
fn a_status_enum_expands() {
    let (code, errors) = run(parse_quote! {
        #[attio(object = "deals", attribute = "stage")]
        pub enum Stage { Lead, #[attio(title = "Won")] Closed, Other(String) }
    });
    assert!(errors.is_empty(), "{errors:?}");
    assert!(code.contains("AttributeValue < :: attio_runtime :: kind :: Status > for Stage"));
    assert!(!code.contains("kind :: Select"));
    assert!(code.contains("status_title"));
    assert!(code
        .contains("\"Lead\" => Stage :: Lead , \"Won\" => Stage :: Closed , _ => Stage :: Other"));
    assert!(code.contains("pub fn title (& self) -> & str"));
}

#[test]
fn unknown_titles_get_a_suggestion_and_other_is_required() {
    let (code, errors) = run(parse_quote! {
        #[attio(object = "deals", attribute = "tags")]
        enum Tag { B2b, Enterprise, Consumer }
    });
    assert_eq!(
        errors,
        [
            "attribute `deals.tags` has no option titled \"B2b\"; did you mean \"B2B\"? (set it with `#[attio(title = \"B2B\")]`)",
            "attribute `deals.tags` has no option titled \"Consumer\"; its option titles are `B2B`, `Enterprise`",
            "an Options enum needs an `Other(String)` variant, to hold titles added in Attio after the snapshot was taken",
        ]
    );
    // Still implemented, so uses of the enum do not add errors.
    assert!(code.contains("AttributeValue < :: attio_runtime :: kind :: Select > for Tag"));
}

#[test]
fn the_attribute_must_be_a_select_or_status() {
    let (code, errors) = run(parse_quote! {
        #[attio(object = "deals", attribute = "name")]
        enum N { A, Other(String) }
    });
    assert_eq!(
        errors,
        ["attribute `deals.name` is of type text; `#[derive(Options)]` needs a select or status attribute"]
    );
    assert!(code.contains("kind :: Select") && code.contains("kind :: Status"));

    let (_, errors) = run(parse_quote! {
        #[attio(object = "deals", attribute = "stag")]
        enum S { Other(String), Bad { x: u8 } }
    });
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0],
        "unknown attribute `stag` on Attio object `deals`; did you mean `stage`?"
    );
    assert!(errors[1].starts_with("expected a unit variant"));
}
