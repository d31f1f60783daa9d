//! The create entry point: `X::create(XRequired { … })`, a struct with one
//! named field per required writable attribute, emitted only when the
//! struct binds every one (`X::create()` when none is required).
//!
//! Named fields rather than positional arguments: a missing attribute is
//! then rustc's "missing field `owner` in initializer of `DealRequired`",
//! which names it, where a positional call reports a type mismatch on
//! whichever argument happens to be in the missing one's place.

use attio_schema::Owner;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::DeriveInput;

use super::shared::{bounds, field_doc};
use super::write_model::write_ident;
use crate::cardinality::Cardinality;
use crate::check::CheckedField;

/// `XRequired`, the name of the struct of required attributes.
fn required_ident(item: &DeriveInput) -> syn::Ident {
    format_ident!("{}Required", item.ident)
}

/// `XRequired` (when an attribute is required) and `X::create(…)`.
pub fn create_fn(
    item: &DeriveInput,
    owner: &Owner<'_>,
    fields: &[CheckedField<'_, '_>],
) -> TokenStream {
    let mut required: Vec<&CheckedField<'_, '_>> = owner
        .attributes
        .iter()
        .filter(|a| a.is_required && a.accepts_writes())
        .filter_map(|a| fields.iter().find(|f| f.slug == a.api_slug && f.writable()))
        .collect();
    required.sort_by(|a, b| a.slug.cmp(&b.slug));
    let vis = &item.vis;
    let ident = &item.ident;
    let write_ident = write_ident(item);
    let bound = bounds(required.iter().copied());
    if required.is_empty() {
        let doc = format!(
            "A write for creating a `{}`: no attribute is required, so set any with the setters.",
            owner.api_slug
        );
        return quote! {
            impl #ident {
                #[doc = #doc]
                #vis fn create() -> #write_ident {
                    Self::write()
                }
            }
        };
    }

    let required_ident = required_ident(item);
    let required_fields = required.iter().map(|f| {
        let field = f.ident;
        let element = f.shape.element;
        let doc = field_doc(f);
        let ty = match f.shape.cardinality {
            Cardinality::Many => quote!(::std::vec::Vec<#element>),
            _ => quote!(#element),
        };
        quote! {
            #[doc = #doc]
            #vis #field: #ty
        }
    });
    let calls = required.iter().map(|f| {
        let field = f.ident;
        quote!(.#field(required.#field))
    });
    let list = required
        .iter()
        .map(|f| format!("`{}`", f.slug))
        .collect::<Vec<_>>()
        .join(", ");
    let names = required
        .iter()
        .map(|f| f.ident.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let struct_doc = format!(
        "The attributes Attio requires to create a `{slug}` ({list}), one named field each, \
         for [`{ident}::create`]: leaving one out is a compile error that names it.",
        slug = owner.api_slug
    );
    let create_doc = format!(
        "A write for creating a `{slug}`: `{ident}::create({required_ident} {{ {names} }})` \
         with its required attributes ({list}); set the others with the setters.",
        slug = owner.api_slug
    );
    quote! {
        #[doc = #struct_doc]
        #[allow(non_camel_case_types)] // as the write model's
        #vis struct #required_ident {
            #(#required_fields),*
        }

        impl #ident #bound {
            #[doc = #create_doc]
            #vis fn create(required: #required_ident) -> #write_ident {
                Self::write() #(#calls)*
            }
        }
    }
}
