//! Pieces every product of the expansion uses: the kind marker of a field,
//! the trait bounds on its element type, and the words of its docs.

use attio_schema::rust_type::kind_marker;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::check::CheckedField;
use crate::reference;

/// The name the generated bodies give a values map (read or written).
pub fn values_ident() -> TokenStream {
    quote!(__attio_values)
}

/// `::attio_runtime::kind::X` for the field's attribute (`Unknown` when it
/// did not resolve).
pub fn kind_path(field: &CheckedField<'_, '_>) -> TokenStream {
    let marker = field
        .attribute
        .map_or("Unknown", |a| kind_marker(&a.attribute_type));
    let marker = format_ident!("{}", marker);
    quote!(::attio_runtime::kind::#marker)
}

/// The attribute as the docs of a constant or setter describe it:
/// `` `slug` · Title · type · flags… ``.
pub fn field_doc(field: &CheckedField<'_, '_>) -> String {
    match field.attribute {
        Some(a) => {
            let mut doc = format!("`{}` · {} · {}", a.api_slug, a.title, a.attribute_type);
            for flag in a.flags() {
                doc.push_str(" · ");
                doc.push_str(flag);
            }
            doc
        }
        None => format!("`{}`", field.slug),
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
pub fn bounds<'f, 'a: 'f, 's: 'f>(
    fields: impl Iterator<Item = &'f CheckedField<'a, 's>>,
) -> TokenStream {
    let predicates: Vec<TokenStream> = fields
        .filter(|f| !reference::is_record_ref(f.shape.element))
        .map(|f| {
            let element = f.shape.element;
            let kind = kind_path(f);
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
