//! The typed constants: one `Attribute<X, Kind, Unique>` per field, for
//! filters, sorts, `clear` and upserts.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::DeriveInput;

use super::shared::{field_doc, kind_path};
use crate::check::FieldPlan;

/// The constants, items of `impl X`.
pub fn constants(item: &DeriveInput, plans: &[FieldPlan<'_, '_>]) -> TokenStream {
    let ident = &item.ident;
    let vis = &item.vis;
    plans
        .iter()
        .map(|p| {
            let name = format_ident!(
                "{}",
                attio_schema::naming::const_name(&p.ident.unraw().to_string())
            );
            let kind = kind_path(p);
            let unique = if p.attribute.is_some_and(|a| a.is_unique) {
                quote!(::attio_runtime::Unique)
            } else {
                quote!(::attio_runtime::NotUnique)
            };
            let slug = &p.slug;
            let doc = format!(
                "The attribute of field `{}`: {}.",
                p.ident.unraw(),
                field_doc(p)
            );
            quote! {
                #[doc = #doc]
                #vis const #name: ::attio_runtime::Attribute<#ident, #kind, #unique> = ::attio_runtime::Attribute::new(#slug);
            }
        })
        .collect()
}
