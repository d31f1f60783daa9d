//! Parsing of `#[attio(...)]` on structs, enums, fields and variants.
//!
//! Unknown or repeated keys are errors; every problem is pushed to
//! [`Errors`] and parsing goes on, so that all of them are reported at once.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::LitStr;

use crate::errors::Errors;

/// Keys accepted on a `#[derive(Record)]` / `#[derive(Entry)]` struct.
pub const STRUCT_KEYS: &[&str] = &["object", "list", "schema", "create", "upsert"];
/// Keys accepted on a `#[derive(Options)]` enum.
pub const ENUM_KEYS: &[&str] = &["object", "list", "attribute", "schema"];
const FIELD_KEYS: &[&str] = &["attribute", "read_only"];
const VARIANT_KEYS: &[&str] = &["title"];

/// `#[attio(...)]` on a struct or enum.
#[derive(Default)]
pub struct ItemAttrs {
    /// `object = "slug"`.
    pub object: Option<LitStr>,
    /// `list = "slug"`.
    pub list: Option<LitStr>,
    /// `schema = "path"`.
    pub schema: Option<LitStr>,
    /// `create`, with the span of the key.
    pub create: Option<Span>,
    /// `upsert = "slug"`.
    pub upsert: Option<LitStr>,
    /// `attribute = "slug"` (enums).
    pub attribute: Option<LitStr>,
}

/// `#[attio(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    /// `attribute = "slug"`.
    pub attribute: Option<LitStr>,
    /// `read_only`.
    pub read_only: bool,
}

/// `#[attio(...)]` on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// `title = "Title"`.
    pub title: Option<LitStr>,
}

/// The `attio` attributes of an item, each key passed to `on_key`.
fn each_key(
    attrs: &[syn::Attribute],
    errors: &mut Errors,
    mut on_key: impl FnMut(&str, &ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("attio")) {
        let mut pending = Vec::new();
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let mut inner = Errors::default();
            let result = on_key(&key, &meta, &mut inner);
            pending.push(inner);
            result
        });
        for inner in pending {
            errors.extend(inner);
        }
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
}

fn unknown_key(meta: &ParseNestedMeta<'_>, key: &str, allowed: &[&str], errors: &mut Errors) {
    let expected = allowed
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let name = if key.is_empty() {
        "this".to_owned()
    } else {
        format!("`{key}`")
    };
    errors.at(
        &meta.path,
        format!(
            "unknown attio attribute {name}; expected one of {expected}{}",
            attio_schema::suggest::did_you_mean(key, allowed.iter().copied())
        ),
    );
}

/// Parses the value of `key = "…"` into `slot`, reporting a repeated key.
fn string_value(
    meta: &ParseNestedMeta<'_>,
    key: &str,
    slot: &mut Option<LitStr>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let lit: LitStr = meta.value()?.parse()?;
    if slot.is_some() {
        errors.at(&meta.path, format!("duplicate attio attribute `{key}`"));
    } else {
        *slot = Some(lit);
    }
    Ok(())
}

/// Parses the `attio` attributes of a struct (`allowed` = [`STRUCT_KEYS`])
/// or an enum (`allowed` = [`ENUM_KEYS`]).
pub fn item(attrs: &[syn::Attribute], allowed: &[&str], errors: &mut Errors) -> ItemAttrs {
    let mut out = ItemAttrs::default();
    each_key(attrs, errors, |key, meta, errors| {
        if !allowed.contains(&key) {
            unknown_key(meta, key, allowed, errors);
            // Skip a value, if any, so that parsing continues after it.
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            return Ok(());
        }
        match key {
            "object" => string_value(meta, key, &mut out.object, errors),
            "list" => string_value(meta, key, &mut out.list, errors),
            "schema" => string_value(meta, key, &mut out.schema, errors),
            "upsert" => string_value(meta, key, &mut out.upsert, errors),
            "attribute" => string_value(meta, key, &mut out.attribute, errors),
            "create" => {
                if out.create.is_some() {
                    errors.at(&meta.path, "duplicate attio attribute `create`");
                }
                out.create = Some(meta.path.require_ident()?.span());
                Ok(())
            }
            _ => Ok(()),
        }
    });
    out
}

/// Parses the `attio` attributes of a field.
pub fn field(attrs: &[syn::Attribute], errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    each_key(attrs, errors, |key, meta, errors| match key {
        "attribute" => string_value(meta, key, &mut out.attribute, errors),
        "read_only" => {
            if out.read_only {
                errors.at(&meta.path, "duplicate attio attribute `read_only`");
            }
            out.read_only = true;
            Ok(())
        }
        _ => {
            unknown_key(meta, key, FIELD_KEYS, errors);
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        }
    });
    out
}

/// Parses the `attio` attributes of an enum variant.
pub fn variant(attrs: &[syn::Attribute], errors: &mut Errors) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    each_key(attrs, errors, |key, meta, errors| match key {
        "title" => string_value(meta, key, &mut out.title, errors),
        _ => {
            unknown_key(meta, key, VARIANT_KEYS, errors);
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn struct_attrs(item: syn::DeriveInput) -> (ItemAttrs, Errors) {
        let mut errors = Errors::default();
        let attrs = super::item(&item.attrs, STRUCT_KEYS, &mut errors);
        (attrs, errors)
    }

    #[test]
    fn parses_struct_keys() {
        let (attrs, errors) = struct_attrs(parse_quote! {
            #[attio(object = "people", schema = "s.json")]
            #[attio(create, upsert = "email_addresses")]
            struct P;
        });
        assert!(errors.is_empty(), "{:?}", errors.messages());
        assert_eq!(attrs.object.unwrap().value(), "people");
        assert_eq!(attrs.schema.unwrap().value(), "s.json");
        assert_eq!(attrs.upsert.unwrap().value(), "email_addresses");
        assert!(attrs.create.is_some());
        assert!(attrs.list.is_none());
    }

    #[test]
    fn other_attributes_are_ignored() {
        let (attrs, errors) = struct_attrs(parse_quote! {
            #[derive(Debug)]
            #[serde(rename = "x")]
            struct P;
        });
        assert!(errors.is_empty());
        assert!(attrs.object.is_none());
    }

    #[test]
    fn unknown_and_duplicate_keys_are_all_reported() {
        let (attrs, errors) = struct_attrs(parse_quote! {
            #[attio(objekt = "people", object = "people", object = "companies", creat)]
            struct P;
        });
        assert_eq!(attrs.object.unwrap().value(), "people");
        let messages = errors.messages();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("unknown attio attribute `objekt`"));
        assert!(
            messages[0].ends_with("did you mean `object`?"),
            "{}",
            messages[0]
        );
        assert_eq!(messages[1], "duplicate attio attribute `object`");
        assert!(messages[2].contains("did you mean `create`?"));
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error() {
        let (_, errors) = struct_attrs(parse_quote! {
            #[attio(object = 42)]
            struct P;
        });
        assert_eq!(errors.len(), 1);
        assert_eq!(errors.messages()[0], "expected string literal");
    }

    #[test]
    fn enum_keys_differ_from_struct_keys() {
        let item: syn::DeriveInput = parse_quote! {
            #[attio(object = "companies", attribute = "categories", upsert = "x")]
            enum E { A }
        };
        let mut errors = Errors::default();
        let attrs = super::item(&item.attrs, ENUM_KEYS, &mut errors);
        assert_eq!(attrs.attribute.unwrap().value(), "categories");
        assert_eq!(errors.len(), 1);
        assert!(errors.messages()[0].starts_with("unknown attio attribute `upsert`"));
    }

    #[test]
    fn parses_field_and_variant_keys() {
        let field_item: syn::Field = parse_quote! {
            #[attio(attribute = "email_addresses", read_only)]
            pub email: Vec<String>
        };
        let mut errors = Errors::default();
        let attrs = field(&field_item.attrs, &mut errors);
        assert!(errors.is_empty());
        assert_eq!(attrs.attribute.unwrap().value(), "email_addresses");
        assert!(attrs.read_only);

        let variant_item: syn::Variant = parse_quote! {
            #[attio(title = "B2B", slug = "b")]
            B2b
        };
        let attrs = variant(&variant_item.attrs, &mut errors);
        assert_eq!(attrs.title.unwrap().value(), "B2B");
        assert_eq!(errors.len(), 1);
        assert!(errors.messages()[0]
            .starts_with("unknown attio attribute `slug`; expected one of `title`"));
    }
}
