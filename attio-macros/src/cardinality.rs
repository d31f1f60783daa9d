//! How many values a field holds, read from its type's syntax:
//! `Vec<T>` many, `Option<T>` at most one, any other `T` exactly one.

use syn::{GenericArgument, PathArguments, Type};

/// A field's cardinality and the type of one element.
pub struct FieldShape<'a> {
    /// How many values.
    pub cardinality: Cardinality,
    /// The type of one value (`T` of `Vec<T>` / `Option<T>`, or the field type).
    pub element: &'a Type,
}

/// How many values a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// `Vec<T>`: a multiselect attribute.
    Many,
    /// `Option<T>`: a single-value attribute that may be empty.
    Optional,
    /// `T`: a single-value attribute that must be present when decoding.
    Required,
}

/// The single type argument of `Name<T>` when the last path segment is `name`.
fn wrapped<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    match (types.next(), types.next()) {
        (Some(t), None) => Some(t),
        _ => None,
    }
}

/// Classifies a field type.
pub fn shape(ty: &Type) -> FieldShape<'_> {
    let ty = match ty {
        Type::Group(g) => &g.elem,
        Type::Paren(p) => &p.elem,
        other => other,
    };
    if let Some(element) = wrapped(ty, "Vec") {
        FieldShape {
            cardinality: Cardinality::Many,
            element,
        }
    } else if let Some(element) = wrapped(ty, "Option") {
        FieldShape {
            cardinality: Cardinality::Optional,
            element,
        }
    } else {
        FieldShape {
            cardinality: Cardinality::Required,
            element: ty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;
    use syn::parse_quote;

    fn classify(ty: Type) -> (Cardinality, String) {
        let s = shape(&ty);
        (s.cardinality, s.element.to_token_stream().to_string())
    }

    #[test]
    fn reads_cardinality_from_syntax() {
        assert_eq!(
            classify(parse_quote!(Vec<Domain>)),
            (Cardinality::Many, "Domain".into())
        );
        assert_eq!(
            classify(parse_quote!(
                ::std::vec::Vec<::attio_runtime::value::Domain>
            )),
            (
                Cardinality::Many,
                ":: attio_runtime :: value :: Domain".into()
            )
        );
        assert_eq!(
            classify(parse_quote!(::core::option::Option<String>)),
            (Cardinality::Optional, "String".into())
        );
        assert_eq!(
            classify(parse_quote!(String)),
            (Cardinality::Required, "String".into())
        );
        assert_eq!(
            classify(parse_quote!(Option<Vec<String>>)),
            (Cardinality::Optional, "Vec < String >".into())
        );
    }

    #[test]
    fn lookalikes_are_plain_types() {
        assert_eq!(classify(parse_quote!(Vec)).0, Cardinality::Required);
        assert_eq!(
            classify(parse_quote!(Vec<'a, T, U>)).0,
            Cardinality::Required
        );
        assert_eq!(
            classify(parse_quote!(<T as X>::Vec<T>)).0,
            Cardinality::Required
        );
        assert_eq!(
            classify(parse_quote!(MyVec<String>)).0,
            Cardinality::Required
        );
    }
}
