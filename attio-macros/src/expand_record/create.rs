//! The create entry point: `X::create(…)`, one argument per required
//! writable attribute, emitted only when the struct binds every one.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::shared::bounds;
use super::write_model::write_ident;
use crate::cardinality::Cardinality;
use crate::check::{Bound, FieldPlan};

/// `X::create(…)`: one argument per required writable attribute, in slug order.
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
    let write_ident = write_ident(item);
    let args = required.iter().map(|p| {
        let ident = p.ident;
        let element = p.shape.element;
        match p.shape.cardinality {
            Cardinality::Many => quote! {
                #ident: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#element>>
            },
            _ => quote!(#ident: impl ::core::convert::Into<#element>),
        }
    });
    let calls = required.iter().map(|p| {
        let ident = p.ident;
        quote!(.#ident(#ident))
    });
    let list = required
        .iter()
        .map(|p| format!("`{}`", p.slug))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = if required.is_empty() {
        format!(
            "A write for creating a `{}`: no attribute is required.",
            target.slug
        )
    } else {
        format!("A write for creating a `{}` with its required attributes ({list}); set the others with the setters.", target.slug)
    };
    let ident = &item.ident;
    let bound = bounds(required.iter().copied());
    quote! {
        impl #ident #bound {
            #[doc = #doc]
            #vis fn create(#(#args),*) -> #write_ident {
                Self::write() #(#calls)*
            }
        }
    }
}
