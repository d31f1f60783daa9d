//! The read model: how the values Attio returns become the struct, as
//! `from_values` (from a decoded map) and `deserialize_values` (streamed).

use attio_schema::Target;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::shared::{kind_path, values_ident};
use crate::cardinality::Cardinality;
use crate::check::CheckedField;

/// `from_values`: one decode call per field, each spanned on the field's
/// element type so that a type that cannot hold its attribute is reported
/// there.
pub fn from_values(ident: &syn::Ident, fields: &[CheckedField<'_, '_>]) -> TokenStream {
    let values = values_ident();
    let map = quote!(::attio_runtime::__private::Map<::std::string::String, ::attio_runtime::__private::Value>);
    // With an unresolved field the crate does not compile (its error was
    // reported); the body only has to type-check without adding errors.
    if !fields.iter().all(|f| f.attribute.is_some()) {
        return quote! {
            fn from_values(_: &#map) -> ::core::result::Result<Self, ::attio_runtime::DecodeError> {
                ::core::unreachable!()
            }
        };
    }
    let decoders = fields.iter().map(|f| {
        let field = f.ident;
        let element = f.shape.element;
        let kind = kind_path(f);
        let slug = &f.slug;
        let function = match f.shape.cardinality {
            Cardinality::Many => quote!(decode_many),
            Cardinality::Optional => quote!(decode_optional),
            Cardinality::Required => quote!(decode_required),
        };
        let call = quote_spanned! {element.span()=>
            ::attio_runtime::__private::#function::<#kind, #element>(#values, #slug)
        };
        quote!(#field: #call?)
    });
    quote! {
        fn from_values(#values: &#map) -> ::core::result::Result<Self, ::attio_runtime::DecodeError> {
            ::core::result::Result::Ok(#ident { #(#decoders,)* })
        }
    }
}

/// `deserialize_values`: one pass over the values map, each known slug's
/// array read straight into its field through the runtime's seeds (the
/// results and errors of `from_values`), unknown slugs skipped unread.
///
/// Emitted only when every field resolved to an attribute (otherwise the
/// crate does not compile anyway, and the trait's default keeps the impl
/// complete). The visitor is an item of its own, so it repeats the impl's
/// bounds: a field type that cannot hold its attribute is then still
/// reported once, at the field.
pub fn deserialize_values(
    ident: &syn::Ident,
    target: Target,
    slug: &str,
    fields: &[CheckedField<'_, '_>],
    all_bounds: &TokenStream,
) -> TokenStream {
    if !fields.iter().all(|f| f.attribute.is_some()) {
        return TokenStream::new();
    }
    let serde = quote!(::attio_runtime::__private::serde);
    let private = quote!(::attio_runtime::__private);
    let slots: Vec<_> = (0..fields.len())
        .map(|i| format_ident!("__attio_field_{}", i))
        .collect();
    let arms = fields.iter().zip(&slots).map(|(f, slot)| {
        let element = f.shape.element;
        let kind = kind_path(f);
        let slug = &f.slug;
        let seed = match f.shape.cardinality {
            Cardinality::Many => quote!(Many),
            Cardinality::Optional | Cardinality::Required => quote!(Optional),
        };
        let seed = quote_spanned! {element.span()=>
            #private::#seed::<#kind, #element>::new(#slug)
        };
        quote! {
            #slug => {
                #slot = ::core::option::Option::Some(
                    #serde::de::MapAccess::next_value_seed(&mut __attio_map, #seed)?
                );
            }
        }
    });
    let assignments = fields.iter().zip(&slots).map(|(f, slot)| {
        let field = f.ident;
        let slug = &f.slug;
        let value = match f.shape.cardinality {
            Cardinality::Many => quote!(::core::option::Option::unwrap_or_default(#slot)),
            Cardinality::Optional => quote!(::core::option::Option::flatten(#slot)),
            Cardinality::Required => {
                quote!(#private::required::<_, __AttioA::Error>(#slot, #slug)?)
            }
        };
        quote!(#field: #value)
    });
    let expecting = match target {
        Target::Object => format!("the values of a `{slug}` record"),
        Target::List => format!("the entry values of a `{slug}` list entry"),
    };
    quote! {
        fn deserialize_values<'de, __AttioD: #serde::Deserializer<'de>>(
            __attio_deserializer: __AttioD,
        ) -> ::core::result::Result<Self, __AttioD::Error> {
            struct __AttioVisitor;
            impl<'de> #serde::de::Visitor<'de> for __AttioVisitor #all_bounds {
                type Value = #ident;
                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(#expecting)
                }
                fn visit_map<__AttioA: #serde::de::MapAccess<'de>>(
                    self,
                    mut __attio_map: __AttioA,
                ) -> ::core::result::Result<#ident, __AttioA::Error> {
                    #(let mut #slots = ::core::option::Option::None;)*
                    while let ::core::option::Option::Some(__attio_key) =
                        #serde::de::MapAccess::next_key::<#private::Key<'de>>(&mut __attio_map)?
                    {
                        match __attio_key.as_str() {
                            #(#arms)*
                            _ => {
                                #serde::de::MapAccess::next_value::<#serde::de::IgnoredAny>(&mut __attio_map)?;
                            }
                        }
                    }
                    ::core::result::Result::Ok(#ident { #(#assignments,)* })
                }
            }
            #serde::Deserializer::deserialize_map(__attio_deserializer, __AttioVisitor)
        }
    }
}
