//! The write model: `XWrite` with one setter per writable field (and a hidden
//! one per read-only field, which only explains), `X::write()`, the `Write`
//! impl, and `to_write` (every writable field of a read value).

use attio_schema::{Attribute, AttributeType, Target};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::DeriveInput;

use super::shared::{bounds, field_doc, kind_path, values_ident};
use crate::cardinality::Cardinality;
use crate::check::{self, CheckedField};

/// `XWrite`, the write model's name.
pub fn write_ident(item: &DeriveInput) -> syn::Ident {
    format_ident!("{}Write", item.ident)
}

/// The `XWrite` struct and its setters, each in an impl of its own.
pub fn write_struct(
    item: &DeriveInput,
    target: Target,
    slug: &str,
    fields: &[CheckedField<'_, '_>],
) -> TokenStream {
    let ident = &item.ident;
    let vis = &item.vis;
    let write_ident = write_ident(item);
    let setters = fields
        .iter()
        .filter(|f| f.writable() || f.attribute.is_none() && !f.read_only)
        .map(|f| {
            // One impl per setter, bounded by its own field only: a field of
            // the wrong type then disables its own setter, not all of them.
            let bound = bounds(std::iter::once(f).filter(|f| f.attribute.is_some()));
            let setter = setter(f, vis);
            quote! {
                impl #write_ident #bound {
                    #setter
                }
            }
        });
    let read_only = fields
        .iter()
        .filter(|f| !f.writable())
        .filter_map(|f| Some((f, f.attribute?)))
        .map(|(f, attribute)| read_only_setter(f, attribute, &write_ident, target, slug, vis));
    let write_doc = format!(
        "The write model of [`{ident}`] ({} `{slug}`): one setter per writable field.",
        target.noun()
    );
    quote! {
        #[doc = #write_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq)]
        // Named after the user's type: `Self_` (the slug `self`) gives
        // `Self_Write`, which is theirs to name, not a warning of ours.
        #[allow(non_camel_case_types)]
        #vis struct #write_ident {
            values: ::attio_runtime::Values,
        }

        #(#setters)*

        #(#read_only)*
    }
}

/// A setter for a field the write model cannot set, which exists only to
/// say why: it requires a trait implemented by no value, whose
/// `on_unimplemented` names the attribute and the reason. Without it, the
/// call would be rustc's bare "no method named `logo_url`".
///
/// The trait is the expansion's own, inside a `const _` block, so that its
/// message can name this attribute; the setter is hidden from the docs,
/// which list the field as read-only.
fn read_only_setter(
    field: &CheckedField<'_, '_>,
    attribute: &Attribute,
    write_ident: &syn::Ident,
    target: Target,
    owner_slug: &str,
    vis: &syn::Visibility,
) -> TokenStream {
    let name = field.ident;
    let slug = &field.slug;
    let noun = target.noun();
    let (message, label, note) = if attribute.accepts_writes() {
        (
            format!("attribute `{slug}` of {noun} `{owner_slug}` is marked `#[attio(read_only)]` on field `{name}`, so `{write_ident}` has no setter for it"),
            format!("`{slug}` is read-only in this struct"),
            "remove `#[attio(read_only)]` from the field to write the attribute".to_owned(),
        )
    } else {
        let reason = check::read_only_reason(attribute);
        let note = if attribute.is_archived {
            "an archived attribute keeps its values but refuses writes; restore it in Attio and run `cargo attio-gen pull` to write it"
        } else if let AttributeType::Unknown(_) = attribute.attribute_type {
            "attio-runtime cannot check a value of a type it does not know before sending it, so writes of it are refused; upgrade the attio crates, or write it in Attio"
        } else if reason == "enriched" {
            "Attio sets this attribute itself (enrichment or a system value); read it from the stored record instead"
        } else {
            "Attio computes this attribute; read it from the stored record instead"
        };
        (
            format!("attribute `{slug}` of {noun} `{owner_slug}` is read-only in Attio ({reason}), so `{write_ident}` cannot set it"),
            format!("`{slug}` is read, never written"),
            note.to_owned(),
        )
    };
    quote! {
        const _: () = {
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            pub trait ReadOnlyAttribute {}
            // One impl, for a type without values, so that rustc does not
            // suggest adding one.
            impl ReadOnlyAttribute for ::core::convert::Infallible {}

            impl #write_ident {
                #[doc(hidden)]
                #vis fn #name<__AttioValue: ReadOnlyAttribute>(self, _value: __AttioValue) -> Self {
                    self
                }
            }
        };
    }
}

/// `X::write()`, an empty write (an item of `impl X`).
pub fn write_fn(item: &DeriveInput, target: Target, slug: &str) -> TokenStream {
    let vis = &item.vis;
    let write_ident = write_ident(item);
    let doc = format!("An empty write of a `{slug}` {}.", target.item_noun());
    quote! {
        #[doc = #doc]
        #vis fn write() -> #write_ident {
            ::core::default::Default::default()
        }
    }
}

/// `impl Write for XWrite`.
pub fn write_impl(item: &DeriveInput) -> TokenStream {
    let ident = &item.ident;
    let write_ident = write_ident(item);
    quote! {
        impl ::attio_runtime::Write for #write_ident {
            type Target = #ident;
            fn values(&self) -> &::attio_runtime::Values {
                &self.values
            }
            fn values_mut(&mut self) -> &mut ::attio_runtime::Values {
                &mut self.values
            }
            fn into_values(self) -> ::attio_runtime::Values {
                self.values
            }
        }
    }
}

/// `to_write`, an item of the model impl: every writable field, read-only
/// ones left out.
pub fn to_write_fn(item: &DeriveInput, fields: &[CheckedField<'_, '_>]) -> TokenStream {
    let write_ident = write_ident(item);
    let values = values_ident();
    let writes = fields.iter().filter(|f| f.writable()).map(|f| {
        let field = f.ident;
        let element = f.shape.element;
        let kind = kind_path(f);
        let slug = &f.slug;
        match f.shape.cardinality {
            Cardinality::Many => quote_spanned! {element.span()=>
                #values.set_many::<#kind, #element>(#slug, &self.#field);
            },
            Cardinality::Optional => quote_spanned! {element.span()=>
                ::attio_runtime::__private::set_optional::<#kind, #element>(&mut #values, #slug, &self.#field);
            },
            Cardinality::Required => quote_spanned! {element.span()=>
                #values.set::<#kind, #element>(#slug, &self.#field);
            },
        }
    });
    quote! {
        fn to_write(&self) -> #write_ident {
            #[allow(unused_mut)]
            let mut #values = ::attio_runtime::Values::new();
            #(#writes)*
            #write_ident { values: #values }
        }
    }
}

fn setter(field: &CheckedField<'_, '_>, vis: &syn::Visibility) -> TokenStream {
    let name = field.ident;
    let element = field.shape.element;
    let kind = kind_path(field);
    let slug = &field.slug;
    let doc = format!("Sets {}.", field_doc(field));
    if field.attribute.is_none() {
        // Fallback for a field already reported: keeps callers compiling
        // so that only the real error shows.
        return quote! {
            #[doc = #doc]
            #vis fn #name<__AttioValue>(self, _value: __AttioValue) -> Self {
                self
            }
        };
    }
    match field.shape.cardinality {
        Cardinality::Many => {
            let set = quote_spanned! {element.span()=>
                self.values.set_many::<#kind, #element>(#slug, &values);
            };
            let doc = format!(
                "{doc} Takes several values: an array (`[value]` for one), a `Vec` or an iterator."
            );
            quote! {
                #[doc = #doc]
                #[must_use]
                #vis fn #name(
                    mut self,
                    values: impl ::attio_runtime::value::SeveralValues<#element>,
                ) -> Self {
                    let values: ::std::vec::Vec<#element> =
                        ::attio_runtime::value::SeveralValues::collect_values(values);
                    #set
                    self
                }
            }
        }
        _ => {
            let set = quote_spanned! {element.span()=>
                self.values.set::<#kind, #element>(#slug, &value);
            };
            // A reference takes its own trait rather than `Into`, so that a
            // record of the wrong object is told so in the trait's words;
            // the bound is spanned on the field's type, which names the
            // record type it takes.
            let (bound, convert) = match crate::reference::record_ref_target(element) {
                Some(target) => (
                    quote_spanned!(element.span()=> ::attio_runtime::value::IntoRecordRef<#target>),
                    quote!(::attio_runtime::value::IntoRecordRef::into_record_ref(
                        value
                    )),
                ),
                None => (
                    quote!(::core::convert::Into<#element>),
                    quote!(::core::convert::Into::into(value)),
                ),
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                #vis fn #name(mut self, value: impl #bound) -> Self {
                    let value: #element = #convert;
                    #set
                    self
                }
            }
        }
    }
}
