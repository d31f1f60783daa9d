//! The trait impls that bind the struct: `Model` (read and write model
//! together) once, then the small `Record` or `Entry` impl, and `Upsert`
//! when asked for.

use attio_schema::Target;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::read_model::{deserialize_values, from_values};
use super::shared::bounds;
use super::write_model::{to_write_fn, write_ident};
use crate::check::CheckedField;

/// `impl Model`, `impl Record` or `impl Entry`, and `impl Upsert`: `slug` is
/// the object's or list's slug as written (empty when missing, already
/// reported), `parent_objects` a list's parent objects as the snapshot
/// knows them, `upsert` the unique attribute to upsert on (records only),
/// `contract` the `CONTRACT` item (empty for the trait's default).
pub fn trait_impls(
    item: &DeriveInput,
    target: Target,
    slug: &str,
    parent_objects: &[String],
    upsert: Option<&str>,
    fields: &[CheckedField<'_, '_>],
    contract: TokenStream,
) -> TokenStream {
    let ident = &item.ident;
    let write_ident = write_ident(item);
    let all_bounds = bounds(fields.iter().filter(|f| f.attribute.is_some()));
    let from_values = from_values(ident, fields);
    let deserialize_values = deserialize_values(ident, target, slug, fields, &all_bounds);
    let to_write = to_write_fn(item, fields);
    let target_path = match target {
        Target::Object => quote!(::attio_runtime::Target::Object),
        Target::List => quote!(::attio_runtime::Target::List),
    };
    let model = quote! {
        impl ::attio_runtime::Model for #ident #all_bounds {
            const TARGET: ::attio_runtime::Target = #target_path;
            const SLUG: &'static str = #slug;
            #contract
            type Write = #write_ident;
            #from_values
            #deserialize_values
            #to_write
        }
    };
    let specific = match target {
        Target::Object => quote! {
            impl ::attio_runtime::Record for #ident #all_bounds {
                const OBJECT: &'static str = #slug;
            }
        },
        Target::List => quote! {
            impl ::attio_runtime::Entry for #ident #all_bounds {
                const LIST: &'static str = #slug;
                const PARENT_OBJECTS: &'static [&'static str] = &[#(#parent_objects),*];
            }
        },
    };
    let upsert = upsert.map(|matching| {
        quote! {
            impl ::attio_runtime::Upsert for #ident {
                const MATCHING_ATTRIBUTE: &'static str = #matching;
            }
        }
    });
    quote! {
        #model
        #specific
        #upsert
    }
}
