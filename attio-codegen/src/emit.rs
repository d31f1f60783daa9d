//! The third stage: a [`Layout`] as syntax. Declarations only — the derives
//! of `attio_runtime` produce every impl when the file is compiled, so the
//! generated code and a hand-written struct are checked by the same macro.
//!
//! Runtime types are named by absolute path (`::attio_runtime::…`), so that
//! the output compiles in any module whatever it imports; the Rust prelude
//! (`Option`, `Vec`, `String`, the std derives) by plain name, as a person
//! would write it.
//!
//! The item shells (a struct's or enum's attributes and derives) are
//! written with `quote!` and parsed; the fields and variants, tens of
//! thousands in a large workspace, are built as `syn` nodes directly.
//! Parsing their tokens back was most of the generation time.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;

use crate::docs;
use attio_schema::Target;

use crate::layout::{
    EnumLayout, FieldLayout, Layout, StructLayout, ValueRepr, VariantLayout, OTHER,
};

/// The items of a whole file, as tokens. `schema` is the snapshot path
/// written into `#[attio(schema = "…")]`, relative to the including crate's
/// manifest directory; `None` leaves the derive to its default lookup.
pub fn file(layout: &Layout, schema: Option<&str>) -> TokenStream {
    let mut emitter = Emitter::new(schema);
    let items = layout.structs.iter().flat_map(|s| emitter.struct_items(s));
    quote!(#(#items)*)
}

/// Builds items; remembers the field types it has built, since a
/// workspace repeats a few dozen of them across thousands of fields.
pub struct Emitter<'a> {
    schema: Option<&'a str>,
    types: HashMap<(bool, ValueRepr), syn::Type>,
}

impl<'a> Emitter<'a> {
    /// An emitter for a file whose derives read the snapshot at `schema`.
    pub fn new(schema: Option<&'a str>) -> Emitter<'a> {
        Emitter {
            schema,
            types: HashMap::new(),
        }
    }

    /// One struct and its option enums.
    pub fn struct_items(&mut self, s: &StructLayout) -> Vec<syn::Item> {
        let mut items = Vec::with_capacity(1 + s.enums.len());
        items.push(syn::Item::Struct(self.record_struct(s)));
        items.extend(
            s.enums
                .iter()
                .map(|e| syn::Item::Enum(self.options_enum(e))),
        );
        items
    }

    /// The snapshot path the derives are given.
    pub(crate) fn schema(&self) -> Option<&'a str> {
        self.schema
    }

    pub(crate) fn record_struct(&mut self, s: &StructLayout) -> syn::ItemStruct {
        let doc = doc_tokens(&s.doc);
        let name = ident(&s.ident);
        let derive = format_ident!("{}", s.target.derive_name());
        let derive = quote!(::attio_runtime::#derive);
        let attr = binding_attr(s.target, &s.slug, TokenStream::new(), self.schema);
        let mut item: syn::ItemStruct = syn::parse_quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #derive)]
            #attr
            pub struct #name {}
        };
        if let syn::Fields::Named(named) = &mut item.fields {
            named.named = s.fields.iter().map(|f| self.field(f)).collect();
        }
        item
    }

    /// `pub struct X { … }` with the fields of `s` and nothing else: what a
    /// field looks like alone, for `render`.
    pub(crate) fn bare_struct(&mut self, s: &StructLayout) -> syn::ItemStruct {
        let name = ident(&s.ident);
        let mut item: syn::ItemStruct = syn::parse_quote!(pub struct #name {});
        if let syn::Fields::Named(named) = &mut item.fields {
            named.named = s.fields.iter().map(|f| self.field(f)).collect();
        }
        item
    }

    /// `pub enum X { … }` with the variants of `e` and nothing else.
    pub(crate) fn bare_enum(&mut self, e: &EnumLayout) -> syn::ItemEnum {
        let name = ident(&e.ident);
        let mut item: syn::ItemEnum = syn::parse_quote!(pub enum #name {});
        item.variants = e.variants.iter().map(variant).collect();
        item
    }

    fn field(&mut self, f: &FieldLayout) -> syn::Field {
        let slug = &f.slug;
        let read_only = f.read_only.then(|| quote!(, read_only));
        let mut attrs = doc_attrs(&f.doc);
        attrs.push(attio_attr(quote!(attribute = #slug #read_only)));
        syn::Field {
            attrs,
            vis: syn::Visibility::Public(Default::default()),
            mutability: syn::FieldMutability::None,
            ident: Some(ident(&f.ident)),
            colon_token: Some(Default::default()),
            ty: self.field_type(f.multiselect, &f.value),
        }
    }

    /// `Vec<T>` or `Option<T>` of the value type `T`.
    fn field_type(&mut self, multiselect: bool, value: &ValueRepr) -> syn::Type {
        if let Some(ty) = self.types.get(&(multiselect, value.clone())) {
            return ty.clone();
        }
        let value_tokens = value_type(value);
        let ty: syn::Type = if multiselect {
            syn::parse_quote!(Vec<#value_tokens>)
        } else {
            syn::parse_quote!(Option<#value_tokens>)
        };
        self.types.insert((multiselect, value.clone()), ty.clone());
        ty
    }

    pub(crate) fn options_enum(&mut self, e: &EnumLayout) -> syn::ItemEnum {
        let doc = doc_tokens(&e.doc);
        let name = ident(&e.ident);
        let attribute = &e.attribute;
        let attr = binding_attr(
            e.target,
            &e.owner,
            quote!(, attribute = #attribute),
            self.schema,
        );
        let other = format_ident!("{}", OTHER);
        let mut item: syn::ItemEnum = syn::parse_quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, ::attio_runtime::Options)]
            #attr
            pub enum #name {
                /// A title the snapshot does not know (added in Attio since).
                #other(String),
            }
        };
        let mut variants: Punctuated<syn::Variant, syn::Token![,]> =
            e.variants.iter().map(variant).collect();
        // The fallback comes last.
        variants.extend(std::mem::take(&mut item.variants));
        item.variants = variants;
        item
    }
}

/// One option or status, with its title.
fn variant(v: &VariantLayout) -> syn::Variant {
    let title = &v.title;
    let mut attrs = doc_attrs(&docs::variant(&v.title, v.archived));
    attrs.push(attio_attr(quote!(title = #title)));
    syn::Variant {
        attrs,
        ident: ident(&v.ident),
        fields: syn::Fields::Unit,
        discriminant: None,
    }
}

/// `#[doc = " line"]` per line, as syntax. prettyplease prints it as
/// `/// line`; the leading space is ours.
fn doc_attrs(lines: &[String]) -> Vec<syn::Attribute> {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            outer_attr(syn::Meta::NameValue(syn::MetaNameValue {
                path: ident("doc").into(),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Str(syn::LitStr::new(&text, Span::call_site())),
                }),
            }))
        })
        .collect()
}

/// The same doc attributes as tokens, for an item shell.
fn doc_tokens(lines: &[String]) -> TokenStream {
    let attrs = doc_attrs(lines);
    quote!(#(#attrs)*)
}

/// `#[attio(…)]` around `tokens`, as syntax.
fn attio_attr(tokens: TokenStream) -> syn::Attribute {
    outer_attr(syn::Meta::List(syn::MetaList {
        path: ident("attio").into(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

fn outer_attr(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

fn binding_attr(
    target: Target,
    slug: &str,
    extra: TokenStream,
    schema: Option<&str>,
) -> TokenStream {
    let key = format_ident!("{}", target.noun());
    let schema = schema.map(|path| quote!(, schema = #path));
    quote!(#[attio(#key = #slug #extra #schema)])
}

fn ident(name: &str) -> Ident {
    // Names come from `attio_schema::naming`, which never yields a keyword,
    // or from the config, which `Config::validate` checked.
    Ident::new(name, Span::call_site())
}

fn value_type(value: &ValueRepr) -> TokenStream {
    match value {
        ValueRepr::Path(path) | ValueRepr::Override(path) => {
            // `rust_type` paths are constants of attio-schema, and overrides
            // were checked to parse as types by `Config::validate`; lexing
            // is all that is left to do (and far cheaper than parsing).
            path.parse::<TokenStream>().unwrap_or_else(|e| {
                let message = format!("invalid type `{path}`: {e}");
                quote!(::core::compile_error!(#message))
            })
        }
        ValueRepr::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
        ValueRepr::RecordRef(Some(target)) => {
            let target = ident(target);
            quote!(::attio_runtime::value::RecordRef<#target>)
        }
        ValueRepr::RecordRef(None) => {
            quote!(::attio_runtime::value::RecordRef<::attio_runtime::value::AnyObject>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            structs: vec![StructLayout {
                ident: "Deal".into(),
                target: Target::Object,
                slug: "deals".into(),
                doc: vec!["Deal — object `deals`.".into()],
                fields: vec![FieldLayout {
                    ident: "stage".into(),
                    slug: "stage".into(),
                    doc: vec![
                        "Stage · status".into(),
                        String::new(),
                        "Where it is.".into(),
                    ],
                    read_only: false,
                    multiselect: false,
                    value: ValueRepr::Enum("DealStage".into()),
                }],
                enums: vec![EnumLayout {
                    ident: "DealStage".into(),
                    target: Target::Object,
                    owner: "deals".into(),
                    attribute: "stage".into(),
                    doc: vec!["Statuses of `deals.stage`.".into()],
                    variants: vec![VariantLayout {
                        ident: "Won".into(),
                        title: "Won 🎉".into(),
                        archived: false,
                    }],
                }],
            }],
        }
    }

    #[test]
    fn declarations_carry_slugs_docs_and_the_schema_path() {
        let code = file(&layout(), Some("../schema.json")).to_string();
        assert!(code.contains(
            "# [doc = \" Deal — object `deals`.\"] # [derive (Debug , Clone , PartialEq , :: attio_runtime :: Record)] # [attio (object = \"deals\" , schema = \"../schema.json\")] pub struct Deal"
        ), "{code}");
        // An empty doc line stays empty (no trailing space).
        assert!(code.contains("# [doc = \" Stage · status\"] # [doc = \"\"] # [doc = \" Where it is.\"] # [attio (attribute = \"stage\")] pub stage : Option < DealStage >"), "{code}");
        assert!(code.contains("# [attio (object = \"deals\" , attribute = \"stage\" , schema = \"../schema.json\")] pub enum DealStage"), "{code}");
        assert!(
            code.contains("# [attio (title = \"Won 🎉\")] Won ,"),
            "{code}"
        );
        assert!(code.contains("Other (String) }"), "{code}");
    }

    #[test]
    fn without_a_schema_path_the_derive_uses_its_default() {
        let code = file(&layout(), None).to_string();
        assert!(!code.contains("schema ="), "{code}");
    }
}
