//! The prelude every derive shares: parse the item, read its `#[attio(…)]`,
//! load the snapshot, expand, track the snapshot file, and report every
//! error collected on the way beside the (fallback) expansion.

use attio_schema::Workspace;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::attrs::{self, ItemAttrs};
use crate::errors::Errors;
use crate::schema_cache::{load_snapshot, track};

/// Runs one derive: `keys` are the `#[attio(…)]` keys its item accepts,
/// `expand` its expansion. `expand` gets `None` for the workspace when the
/// snapshot could not be loaded (already reported) and must still emit the
/// items users of the type refer to, so that only the real error shows.
pub fn run_derive(
    input: TokenStream,
    keys: &[&str],
    expand: impl FnOnce(&DeriveInput, &ItemAttrs, Option<&Workspace>, &mut Errors) -> TokenStream,
) -> TokenStream {
    let item: DeriveInput = match syn::parse2(input) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let item_attrs = attrs::item(&item.attrs, keys, &mut errors);
    let loaded = load_snapshot(item_attrs.schema.as_ref(), &mut errors);
    let expanded = expand(
        &item,
        &item_attrs,
        loaded.as_ref().map(|l| &l.snapshot.workspace),
        &mut errors,
    );
    let tracked = loaded.as_ref().map(|l| track(&l.path));
    let compile_errors = errors.to_compile_errors();
    quote! {
        #expanded
        #tracked
        #compile_errors
    }
}
