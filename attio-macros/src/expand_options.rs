//! The expansion of `#[derive(Options)]`: an enum of the options of a select
//! attribute, or of the statuses of a status attribute.
//!
//! Each unit variant stands for one title (`#[attio(title = "…")]`, default:
//! the variant's name), checked against the snapshot; `Other(String)` holds
//! any title added in Attio after the snapshot, so decoding never fails on
//! a new option.

use attio_schema::{AttributeType, Workspace};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::attrs::{self, ItemAttrs};
use crate::check;
use crate::driver::run_derive;
use crate::errors::Errors;
use attio_schema::{suggest, Target};

/// Entry point of the derive.
pub fn derive(input: TokenStream) -> TokenStream {
    run_derive(input, attrs::ENUM_KEYS, expand)
}

/// Which kind of titles the enum holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    Select,
    Status,
}

/// The titles of the bound attribute, or `None` when it could not be
/// resolved (already reported).
fn titles(
    item: &DeriveInput,
    item_attrs: &ItemAttrs,
    workspace: Option<&Workspace>,
    errors: &mut Errors,
) -> Option<(TitleKind, Vec<String>, String)> {
    let (target, lit) = match (&item_attrs.object, &item_attrs.list) {
        (Some(object), None) => (Target::Object, object),
        (None, Some(list)) => (Target::List, list),
        (Some(_), Some(list)) => {
            errors.at(
                list,
                "give either `object = \"…\"` or `list = \"…\"`, not both",
            );
            return None;
        }
        (None, None) => {
            errors.at(
                &item.ident,
                "missing `#[attio(object = \"…\", attribute = \"…\")]` (or `list = \"…\"`): name the select or status attribute whose options this enum holds",
            );
            return None;
        }
    };
    let Some(attribute_lit) = &item_attrs.attribute else {
        errors.at(
            &item.ident,
            "missing `#[attio(attribute = \"…\")]`: name the select or status attribute whose options this enum holds",
        );
        return None;
    };
    let owner = check::owner(workspace?, target, lit, errors)?;
    let slug = attribute_lit.value();
    let attribute = check::attribute(&owner, &slug, attribute_lit, None, errors)?;
    let qualified = format!("{}.{}", owner.api_slug, slug);
    match attribute.attribute_type {
        AttributeType::Select => Some((
            TitleKind::Select,
            attribute.options.iter().map(|o| o.title.clone()).collect(),
            qualified,
        )),
        AttributeType::Status => Some((
            TitleKind::Status,
            attribute.statuses.iter().map(|s| s.title.clone()).collect(),
            qualified,
        )),
        ref other => {
            errors.at(
                attribute_lit,
                format!("attribute `{qualified}` is of type {other}; `#[derive(Options)]` needs a select or status attribute"),
            );
            None
        }
    }
}

/// The whole expansion except errors and snapshot tracking.
pub fn expand(
    item: &DeriveInput,
    item_attrs: &ItemAttrs,
    workspace: Option<&Workspace>,
    errors: &mut Errors,
) -> TokenStream {
    let Data::Enum(data) = &item.data else {
        errors.at(&item.ident, "`#[derive(Options)]` expects an enum: one unit variant per option, and `Other(String)`");
        return TokenStream::new();
    };
    if !item.generics.params.is_empty() {
        errors.at(&item.generics, "an Options enum cannot be generic");
        return TokenStream::new();
    }
    let resolved = titles(item, item_attrs, workspace, errors);

    let mut known: Vec<(&Ident, String)> = Vec::new();
    let mut other: Option<&Ident> = None;
    for variant in &data.variants {
        let variant_attrs = attrs::variant(&variant.attrs, errors);
        match &variant.fields {
            Fields::Unit => {
                let title = variant_attrs
                    .title
                    .as_ref()
                    .map_or_else(|| variant.ident.to_string(), LitStr::value);
                if let Some(first) = known.iter().find(|(_, t)| *t == title) {
                    errors.at(
                        &variant.ident,
                        format!("title \"{title}\" is already held by variant `{}`", first.0),
                    );
                }
                if let Some((kind, titles, qualified)) = &resolved {
                    if !titles.contains(&title) {
                        let noun = match kind {
                            TitleKind::Select => "option",
                            TitleKind::Status => "status",
                        };
                        let hint = match suggest::closest(&title, titles.iter().map(String::as_str)) {
                            Some(close) => format!("; did you mean \"{close}\"? (set it with `#[attio(title = \"{close}\")]`)"),
                            None if titles.is_empty() => format!("; the snapshot lists no {noun}s for it"),
                            None => format!(
                                "; its {noun} titles are {}",
                                suggest::list(titles.iter().map(String::as_str), 15)
                            ),
                        };
                        let span = variant_attrs.title.as_ref().map_or(variant.ident.span(), LitStr::span);
                        errors.at_span(span, format!("attribute `{qualified}` has no {noun} titled \"{title}\"{hint}"));
                    }
                }
                known.push((&variant.ident, title));
            }
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 && variant.ident == "Other" => {
                if let Some(title) = &variant_attrs.title {
                    errors.at(title, "`Other` holds the titles the snapshot does not know; it takes no `title`");
                }
                other = Some(&variant.ident);
            }
            _ => errors.at(
                &variant.ident,
                "expected a unit variant (one per option) or `Other(String)` (for titles added in Attio since the snapshot)",
            ),
        }
    }
    if other.is_none() {
        errors.at(
            &item.ident,
            "an Options enum needs an `Other(String)` variant, to hold titles added in Attio after the snapshot was taken",
        );
    }
    emit(
        item,
        resolved.map(|(kind, _, _)| kind),
        &known,
        other.is_some(),
    )
}

fn emit(
    item: &DeriveInput,
    kind: Option<TitleKind>,
    known: &[(&Ident, String)],
    has_other: bool,
) -> TokenStream {
    let ident = &item.ident;
    let vis = &item.vis;
    let variants: Vec<&Ident> = known.iter().map(|(v, _)| *v).collect();
    let titles: Vec<&String> = known.iter().map(|(_, t)| t).collect();
    let (other_title, other_from) = if has_other {
        (
            quote!(#ident::Other(title) => title,),
            quote!(_ => #ident::Other(::std::string::ToString::to_string(title)),),
        )
    } else {
        // Already reported; keeps the rest of the expansion well-typed.
        (TokenStream::new(), quote!(_ => ::core::unreachable!(),))
    };
    let kinds: &[TitleKind] = match kind {
        Some(TitleKind::Select) => &[TitleKind::Select],
        Some(TitleKind::Status) => &[TitleKind::Status],
        // Unresolved attribute: implement both so that uses do not add errors.
        None => &[TitleKind::Select, TitleKind::Status],
    };
    let value_impls = kinds.iter().map(|kind| {
        let (marker, read) = match kind {
            TitleKind::Select => (quote!(Select), quote!(deserialize_select_title)),
            TitleKind::Status => (quote!(Status), quote!(deserialize_status_title)),
        };
        quote! {
            impl ::attio_runtime::AttributeValue<::attio_runtime::kind::#marker> for #ident {
                fn deserialize_checked<'de, D: ::attio_runtime::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<::core::result::Result<Self, ::attio_runtime::DecodeError>, D::Error> {
                    ::core::result::Result::Ok(
                        ::attio_runtime::value::#read(deserializer)?
                            .map(|title| <#ident as ::core::convert::From<&str>>::from(&title)),
                    )
                }
                fn encode(&self) -> ::attio_runtime::serde_json::Value {
                    ::attio_runtime::serde_json::Value::String(::std::string::ToString::to_string(self.title()))
                }
            }
        }
    });
    quote! {
        impl #ident {
            /// The option's title, as Attio spells it (used in writes and filters).
            #vis fn title(&self) -> &str {
                match self {
                    #(#ident::#variants => #titles,)*
                    #other_title
                }
            }
        }

        const _: () = {
            #(#value_impls)*

            impl ::core::convert::From<&str> for #ident {
                fn from(title: &str) -> Self {
                    match title {
                        #(#titles => #ident::#variants,)*
                        #other_from
                    }
                }
            }

            impl ::core::convert::From<::std::string::String> for #ident {
                fn from(title: ::std::string::String) -> Self {
                    <#ident as ::core::convert::From<&str>>::from(&title)
                }
            }

            impl ::core::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.title())
                }
            }

            // Lets `Deal::STAGE.eq(DealStage::Won)` build a filter by title.
            impl ::attio_runtime::OptionTitle for #ident {
                fn option_title(&self) -> &str {
                    self.title()
                }
            }
        };
    }
}

#[cfg(test)]
mod tests;
