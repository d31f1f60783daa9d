//! The third stage: a [`Plan`] as tokens. Declarations only — the derives of
//! `attio_runtime` produce every impl when the file is compiled, so the
//! generated code and a hand-written struct are checked by the same macro.
//!
//! Runtime types are named by absolute path (`::attio_runtime::…`), so that
//! the output compiles in any module whatever it imports; the Rust prelude
//! (`Option`, `Vec`, `String`, the std derives) by plain name, as a person
//! would write it.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::docs;
use crate::plan::{Binding, EnumPlan, FieldPlan, Plan, StructPlan, ValueRepr, OTHER};

/// The tokens of a whole file. `schema` is the snapshot path written into
/// `#[attio(schema = "…")]`, relative to the including crate's manifest
/// directory; `None` leaves the derive to its default lookup.
pub fn file(plan: &Plan, schema: Option<&str>) -> TokenStream {
    let items = plan.structs.iter().map(|s| struct_items(s, schema));
    quote!(#(#items)*)
}

/// The tokens of one struct and its option enums.
pub fn struct_items(s: &StructPlan, schema: Option<&str>) -> TokenStream {
    let record = record_struct(s, schema);
    let enums = s.enums.iter().map(|e| options_enum(e, schema));
    quote! {
        #record
        #(#enums)*
    }
}

fn doc_attrs(lines: &[String]) -> TokenStream {
    // prettyplease prints `#[doc = " x"]` as `/// x`; the space is ours.
    let lines = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

fn binding_attr(
    binding: Binding,
    slug: &str,
    extra: TokenStream,
    schema: Option<&str>,
) -> TokenStream {
    let key = match binding {
        Binding::Object => quote!(object),
        Binding::List => quote!(list),
    };
    let schema = schema.map(|path| quote!(, schema = #path));
    quote!(#[attio(#key = #slug #extra #schema)])
}

fn ident(name: &str) -> Ident {
    // Names come from `attio_schema::naming`, which never yields a keyword,
    // or from the config, which `Config::validate` checked.
    Ident::new(name, Span::call_site())
}

fn record_struct(s: &StructPlan, schema: Option<&str>) -> TokenStream {
    let doc = doc_attrs(&s.doc);
    let name = ident(&s.ident);
    let derive = match s.binding {
        Binding::Object => quote!(::attio_runtime::Record),
        Binding::List => quote!(::attio_runtime::Entry),
    };
    let attr = binding_attr(s.binding, &s.slug, TokenStream::new(), schema);
    let fields = s.fields.iter().map(field);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive)]
        #attr
        pub struct #name {
            #(#fields,)*
        }
    }
}

fn field(f: &FieldPlan) -> TokenStream {
    let doc = doc_attrs(&f.doc);
    let name = ident(&f.ident);
    let slug = &f.slug;
    let read_only = f.read_only.then(|| quote!(, read_only));
    let value = value_type(&f.value);
    let ty = if f.multiselect {
        quote!(Vec<#value>)
    } else {
        quote!(Option<#value>)
    };
    quote! {
        #doc
        #[attio(attribute = #slug #read_only)]
        pub #name: #ty
    }
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

fn options_enum(e: &EnumPlan, schema: Option<&str>) -> TokenStream {
    let doc = doc_attrs(&e.doc);
    let name = ident(&e.ident);
    let attribute = &e.attribute;
    let attr = binding_attr(
        e.binding,
        &e.owner,
        quote!(, attribute = #attribute),
        schema,
    );
    let variants = e.variants.iter().map(|v| {
        let doc = doc_attrs(&docs::variant(&v.title, v.archived));
        let name = ident(&v.ident);
        let title = &v.title;
        quote! {
            #doc
            #[attio(title = #title)]
            #name,
        }
    });
    let other = format_ident!("{}", OTHER);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, ::attio_runtime::Options)]
        #attr
        pub enum #name {
            #(#variants)*
            /// A title the snapshot does not know (added in Attio since).
            #other(String),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::VariantPlan;

    fn plan() -> Plan {
        Plan {
            structs: vec![StructPlan {
                ident: "Deal".into(),
                binding: Binding::Object,
                slug: "deals".into(),
                doc: vec!["Deal — object `deals`.".into()],
                fields: vec![FieldPlan {
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
                enums: vec![EnumPlan {
                    ident: "DealStage".into(),
                    binding: Binding::Object,
                    owner: "deals".into(),
                    attribute: "stage".into(),
                    doc: vec!["Statuses of `deals.stage`.".into()],
                    variants: vec![VariantPlan {
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
        let code = file(&plan(), Some("../schema.json")).to_string();
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
        assert!(code.contains("Other (String) ,"), "{code}");
    }

    #[test]
    fn without_a_schema_path_the_derive_uses_its_default() {
        let code = file(&plan(), None).to_string();
        assert!(!code.contains("schema ="), "{code}");
    }
}
