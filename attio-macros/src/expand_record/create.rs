//! The create entry point: `X::create(XRequired { … })`, a struct with one
//! named field per required writable attribute, emitted only when the
//! struct binds every one (`X::create()` when none is required).
//!
//! Named fields rather than positional arguments: a missing attribute is
//! then rustc's "missing field `owner` in initializer of `DealRequired`",
//! which names it, where a positional call reports a type mismatch on
//! whichever argument happens to be in the missing one's place.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::DeriveInput;

use super::shared::{bounds, field_doc};
use super::write_model::write_ident;
use crate::cardinality::Cardinality;
use crate::check::{Bound, FieldPlan};

/// `XRequired`, the name of the struct of required attributes.
fn required_ident(item: &DeriveInput) -> syn::Ident {
    format_ident!("{}Required", item.ident)
}

/// `XRequired` (when an attribute is required) and `X::create(…)`.
pub fn create_fn(
    item: &DeriveInput,
    target: &Bound<'_>,
    plans: &[FieldPlan<'_, '_>],
) -> TokenStream {
    let mut required: Vec<&FieldPlan<'_, '_>> = target
        .attributes
        .iter()
        .filter(|a| a.is_required && a.accepts_writes())
        .filter_map(|a| plans.iter().find(|p| p.slug == a.api_slug && p.writable()))
        .collect();
    required.sort_by(|a, b| a.slug.cmp(&b.slug));
    let vis = &item.vis;
    let ident = &item.ident;
    let write_ident = write_ident(item);
    let bound = bounds(required.iter().copied());
    if required.is_empty() {
        let doc = format!(
            "A write for creating a `{}`: no attribute is required, so set any with the setters.",
            target.slug
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
    let fields = required.iter().map(|p| {
        let field = p.ident;
        let element = p.shape.element;
        let doc = field_doc(p);
        let ty = match p.shape.cardinality {
            Cardinality::Many => quote!(::std::vec::Vec<#element>),
            _ => quote!(#element),
        };
        quote! {
            #[doc = #doc]
            #vis #field: #ty
        }
    });
    let calls = required.iter().map(|p| {
        let field = p.ident;
        quote!(.#field(required.#field))
    });
    let list = required
        .iter()
        .map(|p| format!("`{}`", p.slug))
        .collect::<Vec<_>>()
        .join(", ");
    let names = required
        .iter()
        .map(|p| p.ident.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let struct_doc = format!(
        "The attributes Attio requires to create a `{slug}` ({list}), one named field each, \
         for [`{ident}::create`]: leaving one out is a compile error that names it.",
        slug = target.slug
    );
    let create_doc = format!(
        "A write for creating a `{slug}`: `{ident}::create({required_ident} {{ {names} }})` \
         with its required attributes ({list}); set the others with the setters.",
        slug = target.slug
    );
    quote! {
        #[doc = #struct_doc]
        #vis struct #required_ident {
            #(#fields),*
        }

        impl #ident #bound {
            #[doc = #create_doc]
            #vis fn create(required: #required_ident) -> #write_ident {
                Self::write() #(#calls)*
            }
        }
    }
}
