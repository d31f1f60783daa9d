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
use crate::check::{Bound, FieldPlan};

/// What the impls need beyond the item and its fields.
pub struct Binding<'b, 's> {
    /// Object or list.
    pub target: Target,
    /// The slug as written (empty when missing, already reported).
    pub slug: &'b str,
    /// What the snapshot says of it, if known.
    pub bound: Option<&'b Bound<'s>>,
    /// The unique attribute to upsert on (records only).
    pub upsert: Option<String>,
}

/// `impl Model`, `impl Record` or `impl Entry`, and `impl Upsert`.
pub fn trait_impls(
    item: &DeriveInput,
    binding: &Binding<'_, '_>,
    plans: &[FieldPlan<'_, '_>],
) -> TokenStream {
    let ident = &item.ident;
    let slug = binding.slug;
    let write_ident = write_ident(item);
    let all_bounds = bounds(plans.iter().filter(|p| p.attribute.is_some()));
    let from_values = from_values(ident, plans);
    let deserialize_values = deserialize_values(ident, binding.target, slug, plans, &all_bounds);
    let to_write = to_write_fn(item, plans);
    let target = match binding.target {
        Target::Object => quote!(::attio_runtime::Target::Object),
        Target::List => quote!(::attio_runtime::Target::List),
    };
    let model = quote! {
        impl ::attio_runtime::Model for #ident #all_bounds {
            const TARGET: ::attio_runtime::Target = #target;
            const SLUG: &'static str = #slug;
            type Write = #write_ident;
            #from_values
            #deserialize_values
            #to_write
        }
    };
    let specific = match binding.target {
        Target::Object => quote! {
            impl ::attio_runtime::Record for #ident #all_bounds {
                const OBJECT: &'static str = #slug;
            }
        },
        Target::List => {
            let parents = binding
                .bound
                .map(|b| b.parent_objects.clone())
                .unwrap_or_default();
            quote! {
                impl ::attio_runtime::Entry for #ident #all_bounds {
                    const LIST: &'static str = #slug;
                    const PARENT_OBJECTS: &'static [&'static str] = &[#(#parents),*];
                }
            }
        }
    };
    let upsert = binding.upsert.as_ref().map(|matching| {
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
