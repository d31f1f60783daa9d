//! Unit tests of `#[derive(Record)]` and `#[derive(Entry)]`, against the
//! small test workspace: error messages, pieces of the expansion, and
//! snapshots of whole expansions (`snapshots/`).

mod errors;
mod expansion;
mod snapshots;

use attio_schema::Target;
use proc_macro2::TokenStream;
use syn::DeriveInput;

use super::expand::expand;
use crate::attrs;
use crate::errors::Errors;
use crate::test_support::workspace;

/// Expands `item` against the test workspace: the items, and the errors.
fn expand_against_workspace(item: &DeriveInput, target: Target) -> (TokenStream, Errors) {
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
    let ws = workspace();
    let code = expand(item, &item_attrs, target, Some(&ws), &mut errors);
    (code, errors)
}

/// Expands `item` against the test workspace: (code, error messages).
fn run(item: DeriveInput, target: Target) -> (String, Vec<String>) {
    let (code, errors) = expand_against_workspace(&item, target);
    (code.to_string(), errors.messages())
}
