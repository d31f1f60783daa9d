//! The hand-written baseline: the layout's structs and enums as a person
//! would model them with plain serde derives.

use attio_codegen::layout::{EnumLayout, FieldLayout, Layout, StructLayout};
use attio_schema::Target;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The baseline file: the layout's structs and enums with plain serde derives.
pub fn file(layout: &Layout) -> Result<String, String> {
    let items = layout.structs.iter().map(|s| {
        let record = serde_struct(s);
        let enums = s.enums.iter().map(serde_enum);
        quote! {
            #record
            #(#enums)*
        }
    });
    let tokens = quote! {
        //! Attio records, modelled by hand with serde.

        /// One element of an attribute's value array, as Attio returns it:
        /// the common envelope, and the type-specific keys left as JSON.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct AttioValue {
            pub active_from: String,
            #[serde(default)]
            pub active_until: Option<String>,
            pub attribute_type: String,
            #[serde(flatten)]
            pub rest: serde_json::Map<String, serde_json::Value>,
        }

        #(#items)*
    };
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("the hand-written baseline does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

fn serde_struct(s: &StructLayout) -> TokenStream {
    let doc = docs(&s.doc);
    let name = ident(&s.ident);
    let fields = s.fields.iter().map(serde_field);
    let kind = match s.target {
        Target::Object => "record",
        Target::List => "list entry",
    };
    let values = format!(" The `values` of a {kind} of `{}`.", s.slug);
    quote! {
        #doc
        #[doc = ""]
        #[doc = #values]
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields,)*
        }
    }
}

fn serde_field(f: &FieldLayout) -> TokenStream {
    let doc = docs(&f.doc);
    let name = ident(&f.ident);
    let slug = &f.slug;
    quote! {
        #doc
        #[serde(rename = #slug, default)]
        pub #name: Vec<AttioValue>
    }
}

fn serde_enum(e: &EnumLayout) -> TokenStream {
    let doc = docs(&e.doc);
    let name = ident(&e.ident);
    let variants = e.variants.iter().map(|v| {
        let name = ident(&v.ident);
        let title = &v.title;
        quote! {
            #[serde(rename = #title)]
            #name,
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            /// A title this enum does not know.
            #[serde(other)]
            Other,
        }
    }
}

fn docs(lines: &[String]) -> TokenStream {
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

fn ident(name: &str) -> Ident {
    // Layout names are never keywords: the generator emits them the same way.
    Ident::new(name, Span::call_site())
}
