//! Record references: `RecordRef<T>` with `T` a record type is checked
//! beyond its kind, against the objects the attribute may reference.

use attio_schema::Workspace;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::check::CheckedField;

/// `RecordRef<T>` with `T` a record type: the second type-level check after
/// the kind. A reference attribute allows records of some objects only, so
/// `T::OBJECT` must be one of them; checked by a constant assertion spanned
/// on `T`, since only rustc knows which object `T` is bound to.
pub fn record_ref_checks(workspace: &Workspace, fields: &[CheckedField<'_, '_>]) -> TokenStream {
    let mut checks = TokenStream::new();
    for field in fields {
        let Some(attribute) = field.attribute else {
            continue;
        };
        let Some(ids) = &attribute.config.record_reference.allowed_object_ids else {
            continue;
        };
        let Some(referenced) = referenced_type(field.shape.element) else {
            continue;
        };
        let allowed: Vec<&str> = ids
            .iter()
            .filter_map(|id| workspace.object_by_id(id))
            .map(|o| o.api_slug.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        // A typed reference is to an object of the snapshot, so only the known
        // allowed objects can match it; with none known, nothing can.
        let message = if allowed.is_empty() {
            format!(
                "attribute `{}` references records of objects the snapshot does not know (object id {}); declare field `{}` as `RecordRef<AnyObject>`, or pull the snapshot again if the object exists now",
                attribute.api_slug,
                attio_schema::suggest::list(ids.iter().map(String::as_str), 3),
                field.ident.unraw(),
            )
        } else {
            format!(
                "attribute `{}` references records of {}; the `RecordRef` target type of field `{}` must be bound to {}",
                attribute.api_slug,
                attio_schema::suggest::list(allowed.iter().copied(), 10),
                field.ident.unraw(),
                if allowed.len() == 1 { "that object" } else { "one of these objects" },
            )
        };
        // With nothing to compare, the slug is still named (so that the
        // referenced type must be a `Record`), but not read.
        let (object, condition) = if allowed.is_empty() {
            (quote!(_object), quote!(false))
        } else {
            (quote!(object), quote!(false #(|| same(object, #allowed))*))
        };
        checks.extend(quote_spanned! {referenced.span()=>
            const _: () = {
                const fn same(a: &str, b: &str) -> bool {
                    let (a, b) = (a.as_bytes(), b.as_bytes());
                    if a.len() != b.len() {
                        return false;
                    }
                    let mut i = 0;
                    while i < a.len() {
                        if a[i] != b[i] {
                            return false;
                        }
                        i += 1;
                    }
                    true
                }
                let #object = <#referenced as ::attio_runtime::Record>::OBJECT;
                ::core::assert!(#condition, #message);
            };
        });
    }
    checks
}

/// Whether the type's last path segment is `RecordRef`.
pub fn is_record_ref(element: &syn::Type) -> bool {
    matches!(element, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "RecordRef"))
}

/// `T` of `RecordRef<T>`, unless it is `AnyObject`.
fn referenced_type(element: &syn::Type) -> Option<&syn::Type> {
    record_ref_target(element).filter(|t| {
        !matches!(t, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "AnyObject"))
    })
}

/// `T` of `RecordRef<T>`, `AnyObject` included; `None` for any other type
/// (and for a bare `RecordRef`, whose default target the setter need not name).
pub fn record_ref_target(element: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = element else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "RecordRef" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}
