//! The expansion of `#[derive(Record)]` and `#[derive(Entry)]`.
//!
//! Per struct `X`: the `Record` (or `Entry`) impl, a write model `XWrite`
//! with one setter per writable field, `X::write()`, `X::create(…)` when the
//! struct binds every required attribute, one typed attribute constant per
//! field, and `Upsert` when asked for. Every call that needs the field's
//! type to hold the attribute's kind is spanned on the field's element type,
//! so that rustc reports a mismatch there, with the trait's own message.

use attio_schema::rust_type::kind_marker;
use attio_schema::Workspace;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::attrs::{self, ContainerAttrs};
use crate::cardinality::Cardinality;
pub use crate::check::Binding;
use crate::check::{self, FieldPlan, Target};
use crate::errors::Errors;
use crate::reference;
use crate::schema_cache::{load_snapshot, track};

/// Entry point of both derives.
pub fn derive(input: TokenStream, binding: Binding) -> TokenStream {
    let item: DeriveInput = match syn::parse2(input) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let container = attrs::container(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
    let loaded = load_snapshot(container.schema.as_ref(), &mut errors);
    let expanded = expand(
        &item,
        &container,
        binding,
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

/// The bound object or list, checking the struct-level attributes.
fn bound_target<'s>(
    item: &DeriveInput,
    container: &ContainerAttrs,
    binding: Binding,
    workspace: Option<&'s Workspace>,
    errors: &mut Errors,
) -> (Option<String>, Option<Target<'s>>) {
    let (wanted, unwanted) = match binding {
        Binding::Object => (&container.object, &container.list),
        Binding::List => (&container.list, &container.object),
    };
    if let Some(lit) = unwanted {
        let message = match binding {
            Binding::Object => "`list` binds list entries, which `#[derive(Entry)]` implements; `#[derive(Record)]` takes `object = \"…\"`",
            Binding::List => "`object` binds records, which `#[derive(Record)]` implements; `#[derive(Entry)]` takes `list = \"…\"`",
        };
        errors.at(lit, message);
    }
    if binding == Binding::List {
        if let Some(lit) = &container.upsert {
            errors.at(lit, "`upsert` is for `#[derive(Record)]`; list entries are asserted by their parent record");
        }
    }
    let Some(lit) = wanted else {
        let noun = binding.noun();
        let example = match binding {
            Binding::Object => "people",
            Binding::List => "sales_pipeline",
        };
        errors.at(
            &item.ident,
            format!("missing `#[attio({noun} = \"…\")]`: name the Attio {noun} this struct binds, e.g. `#[attio({noun} = \"{example}\")]`"),
        );
        return (None, None);
    };
    let target = workspace.and_then(|ws| check::target(ws, binding, lit, errors));
    (Some(lit.value()), target)
}

/// The whole expansion except errors and snapshot tracking; `workspace` is
/// `None` when the snapshot could not be loaded (already reported).
pub fn expand(
    item: &DeriveInput,
    container: &ContainerAttrs,
    binding: Binding,
    workspace: Option<&Workspace>,
    errors: &mut Errors,
) -> TokenStream {
    let empty = syn::FieldsNamed {
        brace_token: Default::default(),
        named: Default::default(),
    };
    let named = match &item.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => named,
            _ => {
                errors.at(
                    &item.ident,
                    "expected a struct with named fields, one per attribute",
                );
                &empty
            }
        },
        _ => {
            errors.at(
                &item.ident,
                "expected a struct with named fields, one per attribute",
            );
            &empty
        }
    };
    if !item.generics.params.is_empty() {
        errors.at(&item.generics, "a struct bound to Attio cannot be generic");
        return TokenStream::new();
    }
    let (slug, target) = bound_target(item, container, binding, workspace, errors);
    let plans = check::fields(named, target.as_ref(), binding, errors);
    let mut upsert = None;
    if let (Some(target), Some(lit), Binding::Object) = (&target, &container.upsert, binding) {
        upsert = check::upsert(target, lit, errors).map(|a| a.api_slug.clone());
    }
    if let (Some(target), Some(_)) = (&target, container.create) {
        check::create(target, &plans, binding, &item.ident, errors);
    }
    let create = target
        .as_ref()
        .filter(|t| check::missing_required(t, &plans).is_empty())
        .map(|t| create_fn(item, t, &plans));
    let references = workspace.map(|ws| reference::target_checks(ws, &plans));
    let expanded = emit(
        item,
        binding,
        slug.as_deref().unwrap_or(""),
        target.as_ref(),
        &plans,
        create,
        upsert,
    );
    quote! {
        #expanded
        #references
    }
}

fn kind_path(plan: &FieldPlan<'_, '_>) -> TokenStream {
    let marker = plan
        .attribute
        .map_or("Unknown", |a| kind_marker(&a.attribute_type));
    let marker = format_ident!("{}", marker);
    quote!(::attio_runtime::kind::#marker)
}

/// `X::create(…)`: one argument per required writable attribute, in slug order.
fn create_fn(item: &DeriveInput, target: &Target<'_>, plans: &[FieldPlan<'_, '_>]) -> TokenStream {
    let mut required: Vec<&FieldPlan<'_, '_>> = target
        .attributes
        .iter()
        .filter(|a| a.is_required && a.accepts_writes())
        .filter_map(|a| plans.iter().find(|p| p.slug == a.api_slug && p.writable()))
        .collect();
    required.sort_by(|a, b| a.slug.cmp(&b.slug));
    let vis = &item.vis;
    let write_ident = format_ident!("{}Write", item.ident);
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

fn field_doc(plan: &FieldPlan<'_, '_>) -> String {
    match plan.attribute {
        Some(a) => {
            let mut doc = format!("`{}` · {} · {}", a.api_slug, a.title, a.attribute_type);
            for (flag, label) in [
                (a.is_multiselect, "multiselect"),
                (a.is_unique, "unique"),
                (a.is_required, "required"),
                (!a.accepts_writes(), "read-only"),
            ] {
                if flag {
                    doc.push_str(" · ");
                    doc.push_str(label);
                }
            }
            doc
        }
        None => format!("`{}`", plan.slug),
    }
}

fn emit(
    item: &DeriveInput,
    binding: Binding,
    slug: &str,
    target: Option<&Target<'_>>,
    plans: &[FieldPlan<'_, '_>],
    create: Option<TokenStream>,
    upsert: Option<String>,
) -> TokenStream {
    let ident = &item.ident;
    let vis = &item.vis;
    let write_ident = format_ident!("{}Write", ident);
    let values = quote!(__attio_values);

    let decoders = plans.iter().map(|p| {
        let field = p.ident;
        let element = p.shape.element;
        let kind = kind_path(p);
        let slug = &p.slug;
        let function = match p.shape.cardinality {
            Cardinality::Many => quote!(decode_many),
            Cardinality::Optional => quote!(decode_optional),
            Cardinality::Required => quote!(decode_required),
        };
        let call = quote_spanned! {element.span()=>
            ::attio_runtime::__private::#function::<#kind, #element>(#values, #slug)
        };
        quote!(#field: #call?)
    });

    let writes = plans.iter().filter(|p| p.writable()).map(|p| {
        let field = p.ident;
        let element = p.shape.element;
        let kind = kind_path(p);
        let slug = &p.slug;
        match p.shape.cardinality {
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

    let setters = plans
        .iter()
        .filter(|p| p.writable() || p.attribute.is_none() && !p.read_only)
        .map(|p| {
            // One impl per setter, bounded by its own field only: a field of
            // the wrong type then disables its own setter, not all of them.
            let bound = bounds(std::iter::once(p).filter(|p| p.attribute.is_some()));
            let setter = setter(p, vis);
            quote! {
                impl #write_ident #bound {
                    #setter
                }
            }
        });

    let constants = plans.iter().map(|p| {
        let name = format_ident!("{}", attio_schema::naming::const_name(&p.ident.unraw().to_string()));
        let kind = kind_path(p);
        let unique = if p.attribute.is_some_and(|a| a.is_unique) {
            quote!(::attio_runtime::Unique)
        } else {
            quote!(::attio_runtime::NotUnique)
        };
        let slug = &p.slug;
        let doc = format!("The attribute of field `{}`: {}.", p.ident.unraw(), field_doc(p));
        quote! {
            #[doc = #doc]
            #vis const #name: ::attio_runtime::Attribute<#ident, #kind, #unique> = ::attio_runtime::Attribute::new(#slug);
        }
    });

    let all_bounds = bounds(plans.iter().filter(|p| p.attribute.is_some()));
    let map = quote!(::attio_runtime::__private::Map<::std::string::String, ::attio_runtime::__private::Value>);
    // With an unresolved field the crate does not compile (its error was
    // reported); the body only has to type-check without adding errors.
    let from_values = if plans.iter().all(|p| p.attribute.is_some()) {
        quote! {
            fn from_values(#values: &#map) -> ::core::result::Result<Self, ::attio_runtime::DecodeError> {
                ::core::result::Result::Ok(#ident { #(#decoders,)* })
            }
        }
    } else {
        quote! {
            fn from_values(_: &#map) -> ::core::result::Result<Self, ::attio_runtime::DecodeError> {
                ::core::unreachable!()
            }
        }
    };
    let deserialize_values = deserialize_values(ident, binding, slug, plans, &all_bounds);
    let bodies = quote! {
        type Write = #write_ident;
        #from_values
        #deserialize_values
        fn to_write(&self) -> #write_ident {
            #[allow(unused_mut)]
            let mut #values = ::attio_runtime::Values::new();
            #(#writes)*
            #write_ident { values: #values }
        }
    };
    let trait_impl = match binding {
        Binding::Object => quote! {
            impl ::attio_runtime::Record for #ident #all_bounds {
                const OBJECT: &'static str = #slug;
                #bodies
            }
        },
        Binding::List => {
            let parents = target.map(|t| t.parent_objects.clone()).unwrap_or_default();
            quote! {
                impl ::attio_runtime::Entry for #ident #all_bounds {
                    const LIST: &'static str = #slug;
                    const PARENT_OBJECTS: &'static [&'static str] = &[#(#parents),*];
                    #bodies
                }
            }
        }
    };
    let upsert_impl = upsert.map(|matching| {
        quote! {
            impl ::attio_runtime::Upsert for #ident {
                const MATCHING_ATTRIBUTE: &'static str = #matching;
            }
        }
    });
    let write_doc = format!(
        "The write model of [`{ident}`] ({} `{slug}`): one setter per writable field.",
        binding.noun()
    );
    let write_fn_doc = format!(
        "An empty write of a `{slug}` {}.",
        match binding {
            Binding::Object => "record",
            Binding::List => "entry",
        }
    );

    quote! {
        #[doc = #write_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq)]
        #vis struct #write_ident {
            values: ::attio_runtime::Values,
        }

        #(#setters)*

        impl #ident {
            #(#constants)*

            #[doc = #write_fn_doc]
            #vis fn write() -> #write_ident {
                ::core::default::Default::default()
            }
        }

        #create

        const _: () = {
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

            #trait_impl
            #upsert_impl
        };
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
fn deserialize_values(
    ident: &syn::Ident,
    binding: Binding,
    slug: &str,
    plans: &[FieldPlan<'_, '_>],
    all_bounds: &TokenStream,
) -> TokenStream {
    if !plans.iter().all(|p| p.attribute.is_some()) {
        return TokenStream::new();
    }
    let serde = quote!(::attio_runtime::__private::serde);
    let private = quote!(::attio_runtime::__private);
    let slots: Vec<_> = (0..plans.len())
        .map(|i| format_ident!("__attio_field_{}", i))
        .collect();
    let arms = plans.iter().zip(&slots).map(|(p, slot)| {
        let element = p.shape.element;
        let kind = kind_path(p);
        let slug = &p.slug;
        let seed = match p.shape.cardinality {
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
    let fields = plans.iter().zip(&slots).map(|(p, slot)| {
        let field = p.ident;
        let slug = &p.slug;
        let value = match p.shape.cardinality {
            Cardinality::Many => quote!(::core::option::Option::unwrap_or_default(#slot)),
            Cardinality::Optional => quote!(::core::option::Option::flatten(#slot)),
            Cardinality::Required => {
                quote!(#private::required::<_, __AttioA::Error>(#slot, #slug)?)
            }
        };
        quote!(#field: #value)
    });
    let expecting = match binding {
        Binding::Object => format!("the values of a `{slug}` record"),
        Binding::List => format!("the entry values of a `{slug}` list entry"),
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
                    ::core::result::Result::Ok(#ident { #(#fields,)* })
                }
            }
            #serde::Deserializer::deserialize_map(__attio_deserializer, __AttioVisitor)
        }
    }
}

/// `where T: AttributeValue<K>, …` for the fields' element types, each
/// predicate spanned on the user's type. A type that cannot hold its
/// attribute is then reported once, at the field, by rustc with the
/// trait's message (the identical reports of each impl are merged), and the
/// bodies of the impls type-check against the assumed bound without
/// further errors.
///
/// `RecordRef<T>` is left out: its impl requires `T: Record`, so two records
/// referencing each other would make each `Record` impl depend on the other
/// (rustc reports an overflow). Its calls are spanned on the field type
/// instead, which reports a wrong target there too.
fn bounds<'p, 'a: 'p, 's: 'p>(plans: impl Iterator<Item = &'p FieldPlan<'a, 's>>) -> TokenStream {
    let predicates: Vec<TokenStream> = plans
        .filter(|p| !reference::is_record_ref(p.shape.element))
        .map(|p| {
            let element = p.shape.element;
            let kind = kind_path(p);
            quote_spanned! {element.span()=>
                #element: ::attio_runtime::AttributeValue<#kind>
            }
        })
        .collect();
    if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates),*)
    }
}

fn setter(plan: &FieldPlan<'_, '_>, vis: &syn::Visibility) -> TokenStream {
    let field = plan.ident;
    let element = plan.shape.element;
    let kind = kind_path(plan);
    let slug = &plan.slug;
    let doc = format!("Sets {}.", field_doc(plan));
    if plan.attribute.is_none() {
        // Fallback for a field already reported: keeps callers compiling
        // so that only the real error shows.
        return quote! {
            #[doc = #doc]
            #vis fn #field<__AttioValue>(self, _value: __AttioValue) -> Self {
                self
            }
        };
    }
    match plan.shape.cardinality {
        Cardinality::Many => {
            let set = quote_spanned! {element.span()=>
                self.values.set_many::<#kind, #element>(#slug, &values);
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                #vis fn #field<__AttioItem: ::core::convert::Into<#element>>(
                    mut self,
                    values: impl ::core::iter::IntoIterator<Item = __AttioItem>,
                ) -> Self {
                    let values: ::std::vec::Vec<#element> =
                        ::core::iter::Iterator::collect(::core::iter::Iterator::map(
                            ::core::iter::IntoIterator::into_iter(values),
                            ::core::convert::Into::into,
                        ));
                    #set
                    self
                }
            }
        }
        _ => {
            let set = quote_spanned! {element.span()=>
                self.values.set::<#kind, #element>(#slug, &value);
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                #vis fn #field(mut self, value: impl ::core::convert::Into<#element>) -> Self {
                    let value: #element = ::core::convert::Into::into(value);
                    #set
                    self
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_schema::workspace;
    use std::path::Path;
    use syn::parse_quote;

    /// Expands `item` against the test workspace: (code, error messages).
    fn run(item: DeriveInput, binding: Binding) -> (String, Vec<String>) {
        let mut errors = Errors::default();
        let container = attrs::container(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
        let ws = workspace();
        let code = expand(&item, &container, binding, Some(&ws), &mut errors);
        (code.to_string(), errors.messages())
    }

    #[test]
    fn a_valid_projection_expands_without_errors() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                pub struct Person {
                    #[attio(attribute = "email_addresses")]
                    pub emails: Vec<EmailAddress>,
                    pub job_title: Option<String>,
                    #[attio(read_only)]
                    pub avatar_url: Option<String>,
                }
            },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(code.contains("impl :: attio_runtime :: Record for Person"));
        assert!(code.contains("const OBJECT : & 'static str = \"people\""));
        assert!(code.contains("pub struct PersonWrite"));
        assert!(code.contains(
            "pub const EMAILS : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: EmailAddress , :: attio_runtime :: Unique >"
        ));
        assert!(code.contains(
            "pub const AVATAR_URL : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: Text , :: attio_runtime :: NotUnique >"
        ));
        assert!(code.contains("decode_many :: < :: attio_runtime :: kind :: EmailAddress , EmailAddress > (__attio_values , \"email_addresses\")"));
        assert!(code.contains("pub fn job_title (mut self"));
        assert!(code.contains("pub fn emails < __AttioItem"));
        // No setter, and nothing written, for the read-only field.
        assert!(!code.contains("fn avatar_url"));
        assert!(!code.contains("set_optional :: < :: attio_runtime :: kind :: Text , String > (& mut __attio_values , \"avatar_url\""));
        // No required attribute: `create()` takes no argument.
        assert!(code.contains("pub fn create () -> PersonWrite"));
        assert!(!code.contains("Upsert"));
    }

    #[test]
    fn every_error_of_a_struct_is_reported_and_the_impl_still_emitted() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct Person {
                    email_adresses: Vec<String>,
                    #[attio(attribute = "email_addresses")]
                    email: String,
                    avatar_url: Option<String>,
                    old_score: Option<f64>,
                    job_title: Vec<String>,
                }
            },
            Binding::Object,
        );
        assert_eq!(
            errors,
            [
                "unknown attribute `email_adresses` on Attio object `people`; did you mean `email_addresses`?",
                "attribute `email_addresses` is multiselect; declare the field as `Vec<…>`",
                "attribute `avatar_url` is read-only in Attio (enriched); mark the field `#[attio(read_only)]`",
                "attribute `old_score` is read-only in Attio (archived); mark the field `#[attio(read_only)]`",
                "attribute `job_title` holds a single value; declare the field as `Option<…>` (or the bare type, if every record has a value)",
            ]
        );
        assert!(code.contains("impl :: attio_runtime :: Record for Person"));
        // Resolved fields keep their type checks; the unresolved one is not decoded.
        assert!(code.contains("where String : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: EmailAddress >"));
        assert!(code.contains("fn from_values (_ :"));
        // The unresolved field falls back to an unchecked setter and constant.
        assert!(code.contains("fn email_adresses < __AttioValue >"));
        assert!(code.contains("EMAIL_ADRESSES : :: attio_runtime :: Attribute < Person , :: attio_runtime :: kind :: Unknown"));
    }

    #[test]
    fn unknown_objects_and_lists_are_named_with_a_hint() {
        let (_, errors) = run(
            parse_quote! { #[attio(object = "peple")] struct P { name: String } },
            Binding::Object,
        );
        assert_eq!(
            errors,
            ["unknown Attio object `peple`; did you mean `people`?"]
        );

        let (_, errors) = run(
            parse_quote! { #[attio(object = "pipeline")] struct P {} },
            Binding::Object,
        );
        assert_eq!(
            errors,
            ["unknown Attio object `pipeline`; `pipeline` is a list: bind its entries with `#[derive(Entry)]` and `#[attio(list = \"pipeline\")]`"]
        );

        let (_, errors) = run(
            parse_quote! { #[attio(list = "zzz")] struct P {} },
            Binding::List,
        );
        assert_eq!(
            errors,
            ["unknown Attio list `zzz`; the snapshot's lists are `pipeline`"]
        );

        let (_, errors) = run(parse_quote! { struct P {} }, Binding::Object);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("missing `#[attio(object = \"…\")]`"));
    }

    #[test]
    fn upsert_requires_a_unique_attribute() {
        let (code, errors) = run(
            parse_quote! { #[attio(object = "people", upsert = "email_addresses")] struct P {} },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(code.contains("const MATCHING_ATTRIBUTE : & 'static str = \"email_addresses\""));

        let (code, errors) = run(
            parse_quote! { #[attio(object = "people", upsert = "job_title")] struct P {} },
            Binding::Object,
        );
        assert_eq!(
            errors,
            ["cannot upsert on attribute `job_title`: Attio matches records only by a unique attribute; unique attributes of `people`: `email_addresses`"]
        );
        assert!(!code.contains("Upsert"));
    }

    #[test]
    fn create_names_every_missing_required_attribute() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "deals", create)]
                struct Deal { name: String }
            },
            Binding::Object,
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0],
            "`#[attio(create)]`: object `deals` requires attribute `stage` (\"Deal stage\", status) on create, but the struct has no writable field for it; add a field `stage: String`"
        );
        assert!(
            errors[1].contains("attribute `owner` (\"Owner\", actor-reference)")
                && errors[1].ends_with("add a field `owner: ActorRef`")
        );
        assert!(
            !code.contains("fn create"),
            "no create() without every required attribute"
        );
    }

    #[test]
    fn create_takes_required_attributes_in_slug_order() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "deals", create)]
                struct Deal {
                    stage: Stage,
                    #[attio(attribute = "owner")]
                    deal_owner: Option<serde_json::Value>,
                    name: String,
                    tags: Vec<String>,
                }
            },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            code.contains("fn create (name : impl :: core :: convert :: Into < String > , deal_owner : impl :: core :: convert :: Into < serde_json :: Value > , stage : impl :: core :: convert :: Into < Stage >) -> DealWrite { Self :: write () . name (name) . deal_owner (deal_owner) . stage (stage) }"),
            "{code}"
        );
    }

    #[test]
    fn entries_name_their_list_and_parents() {
        let (code, errors) = run(
            parse_quote! { #[attio(list = "pipeline")] pub(crate) struct Row { notes: Option<String> } },
            Binding::List,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(code.contains("impl :: attio_runtime :: Entry for Row"));
        assert!(code.contains("const PARENT_OBJECTS : & 'static [& 'static str] = & [\"deals\"]"));
        assert!(code.contains("pub (crate) struct RowWrite"));
        assert!(code.contains("pub (crate) fn notes"));

        let (_, errors) = run(
            parse_quote! { #[attio(list = "pipeline", object = "deals", upsert = "notes")] struct Row {} },
            Binding::List,
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("`object` binds records"));
        assert!(errors[1].starts_with("`upsert` is for `#[derive(Record)]`"));
    }

    #[test]
    fn duplicate_bindings_and_bad_shapes_are_errors() {
        let (_, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct P { job_title: Option<String>, #[attio(attribute = "job_title")] title: Option<String> }
            },
            Binding::Object,
        );
        assert_eq!(errors, ["attribute `job_title` is already bound to field `job_title`; bind each attribute once"]);

        let (_, errors) = run(
            parse_quote! { #[attio(object = "people")] struct P(String); },
            Binding::Object,
        );
        assert_eq!(
            errors,
            ["expected a struct with named fields, one per attribute"]
        );
    }

    #[test]
    fn field_named_after_the_title_is_pointed_to_the_slug() {
        let (_, errors) = run(
            parse_quote! { #[attio(object = "deals")] struct D { deal_stage: Option<String> } },
            Binding::Object,
        );
        assert_eq!(errors, ["unknown attribute `deal_stage` on Attio object `deals`; did you mean `stage` (titled \"Deal stage\")?"]);
    }

    #[test]
    fn element_types_are_bounded_by_the_attribute_kind() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct P { job_title: Option<bool>, #[attio(read_only)] avatar_url: Option<String> }
            },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let bound =
            "bool : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: Text >";
        assert!(
            code.contains(&format!(
                "impl :: attio_runtime :: Record for P where {bound} , String :"
            )),
            "{code}"
        );
        // The write model is bounded by the writable fields only.
        assert!(
            code.contains(&format!("impl PWrite where {bound} {{")),
            "{code}"
        );
    }

    #[test]
    fn without_a_snapshot_only_the_load_error_is_reported() {
        let item: DeriveInput = parse_quote! {
            #[attio(object = "people")]
            pub struct P { job_title: Option<String> }
        };
        let mut errors = Errors::default();
        let container = attrs::container(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
        let code = expand(&item, &container, Binding::Object, None, &mut errors).to_string();
        assert!(errors.is_empty(), "{:?}", errors.messages());
        // Fallback items keep the users of the struct compiling.
        assert!(code.contains("impl :: attio_runtime :: Record for P"));
        assert!(code.contains("pub fn job_title < __AttioValue >"));
        assert!(code.contains("pub const JOB_TITLE : :: attio_runtime :: Attribute < P , :: attio_runtime :: kind :: Unknown"));
        assert!(!code.contains("fn create"));
    }

    #[test]
    fn record_refs_are_not_bounds_of_the_impls() {
        // Records referencing each other: a bound on `RecordRef<Other>` would
        // make the two `Record` impls depend on each other.
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct P { job_title: Option<RecordRef<P>> }
            },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!code.contains("where"), "{code}");
        assert!(code
            .contains("decode_optional :: < :: attio_runtime :: kind :: Text , RecordRef < P > >"));
    }

    #[test]
    fn record_ref_targets_are_asserted_against_allowed_objects() {
        let json = r#"{"format_version": 1, "objects": [
            {"id": {"workspace_id": "w", "object_id": "o1"}, "api_slug": "companies",
             "singular_noun": null, "plural_noun": null, "attributes": [
               {"id": {"workspace_id": "w", "object_id": "o1", "attribute_id": "a"}, "title": "Team",
                "api_slug": "team", "type": "record-reference", "is_multiselect": true,
                "config": {"record_reference": {"allowed_object_ids": ["o2"]}}}]},
            {"id": {"workspace_id": "w", "object_id": "o2"}, "api_slug": "people",
             "singular_noun": null, "plural_noun": null, "attributes": []}]}"#;
        let ws = attio_schema::Snapshot::from_slice(json.as_bytes(), "t.json")
            .unwrap()
            .workspace;
        let item: DeriveInput = parse_quote! {
            #[attio(object = "companies")]
            struct C { team: Vec<RecordRef<Person>>, #[attio(attribute = "team")] any: Vec<RecordRef<AnyObject>> }
        };
        let mut errors = Errors::default();
        let container = attrs::container(&item.attrs, attrs::STRUCT_KEYS, &mut errors);
        let code = expand(&item, &container, Binding::Object, Some(&ws), &mut errors).to_string();
        assert!(code.contains("let object = < Person as :: attio_runtime :: Record > :: OBJECT ; :: core :: assert ! (false || same (object , \"people\")"), "{code}");
        assert_eq!(
            code.matches("const fn same").count(),
            1,
            "no check for AnyObject"
        );
    }

    #[test]
    fn deserialize_values_reads_each_field_through_its_seed() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                pub struct Person {
                    #[attio(attribute = "email_addresses")]
                    pub emails: Vec<EmailAddress>,
                    pub job_title: Option<String>,
                    #[attio(read_only)]
                    pub avatar_url: String,
                }
            },
            Binding::Object,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(code.contains("fn deserialize_values < 'de , __AttioD : :: attio_runtime :: __private :: serde :: Deserializer < 'de >>"), "{code}");
        // One arm per bound slug, each with its field's seed.
        assert!(code.contains("\"email_addresses\" => { __attio_field_0 = :: core :: option :: Option :: Some (:: attio_runtime :: __private :: serde :: de :: MapAccess :: next_value_seed (& mut __attio_map , :: attio_runtime :: __private :: Many :: < :: attio_runtime :: kind :: EmailAddress , EmailAddress > :: new (\"email_addresses\")) ?) ; }"), "{code}");
        assert!(code.contains(":: attio_runtime :: __private :: Optional :: < :: attio_runtime :: kind :: Text , String > :: new (\"job_title\")"));
        assert!(code.contains(":: attio_runtime :: __private :: Optional :: < :: attio_runtime :: kind :: Text , String > :: new (\"avatar_url\")"));
        // Unknown slugs are skipped; fields finish by cardinality.
        assert!(code.contains("_ => { :: attio_runtime :: __private :: serde :: de :: MapAccess :: next_value :: < :: attio_runtime :: __private :: serde :: de :: IgnoredAny > (& mut __attio_map) ? ; }"));
        assert!(code.contains(
            "emails : :: core :: option :: Option :: unwrap_or_default (__attio_field_0)"
        ));
        assert!(
            code.contains("job_title : :: core :: option :: Option :: flatten (__attio_field_1)")
        );
        assert!(code.contains("avatar_url : :: attio_runtime :: __private :: required :: < _ , __AttioA :: Error > (__attio_field_2 , \"avatar_url\") ?"));
        // The visitor repeats the impl's bounds.
        assert!(code.contains("impl < 'de > :: attio_runtime :: __private :: serde :: de :: Visitor < 'de > for __AttioVisitor where EmailAddress : :: attio_runtime :: AttributeValue < :: attio_runtime :: kind :: EmailAddress >"), "{code}");
        assert!(code.contains("f . write_str (\"the values of a `people` record\")"));
    }

    #[test]
    fn deserialize_values_is_left_to_the_default_when_a_field_is_unresolved() {
        let (code, errors) = run(
            parse_quote! {
                #[attio(object = "people")]
                struct Person { job_title: Option<String>, nickname: Option<String> }
            },
            Binding::Object,
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(!code.contains("deserialize_values"), "{code}");

        let (code, errors) = run(
            parse_quote! { #[attio(list = "pipeline")] struct Row { notes: Option<String> } },
            Binding::List,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(code.contains("fn deserialize_values"));
        assert!(code.contains("the entry values of a `pipeline` list entry"));
    }

    #[test]
    fn tracks_the_snapshot_file() {
        let tokens = track(Path::new("/abs/attio-schema.json"))
            .unwrap()
            .to_string();
        assert_eq!(
            tokens,
            "const _ : & [u8] = :: core :: include_bytes ! (\"/abs/attio-schema.json\") ; \
             const _ : :: core :: option :: Option < & str > = :: core :: option_env ! (\"ATTIO_SCHEMA\") ;"
        );
    }
}
