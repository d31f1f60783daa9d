//! The typed constants: one `Attribute<X, Kind, Unique>` per field, for
//! filters, sorts, `clear` and upserts.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::DeriveInput;

use super::shared::{field_doc, kind_path};
use crate::check::CheckedField;

/// The constants, items of `impl X`.
pub fn constants(item: &DeriveInput, fields: &[CheckedField<'_, '_>]) -> TokenStream {
    let ident = &item.ident;
    let vis = &item.vis;
    fields
        .iter()
        .map(|f| {
            let name = format_ident!(
                "{}",
                attio_schema::naming::const_name(&f.ident.unraw().to_string())
            );
            let kind = kind_path(f);
            let unique = if f.attribute.is_some_and(|a| a.is_unique) {
                quote!(::attio_runtime::Unique)
            } else {
                quote!(::attio_runtime::NotUnique)
            };
            let slug = &f.slug;
            let doc = format!(
                "The attribute of field `{}`: {}.",
                f.ident.unraw(),
                field_doc(f)
            );
            quote! {
                #[doc = #doc]
                #vis const #name: ::attio_runtime::Attribute<#ident, #kind, #unique> = ::attio_runtime::Attribute::new(#slug);
            }
        })
        .collect()
}
