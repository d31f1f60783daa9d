//! The contract: what the struct relies on in its object or list, as the
//! snapshot describes them, for the runtime's check against the live
//! workspace (`Client::verify`).

use attio_schema::{AttributeType, Owner, Target, Workspace};
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::DeriveInput;

use crate::check::CheckedField;

/// `const CONTRACT: &'static Contract = …;`, an item of `impl Model`; empty
/// when the object or list is unknown (already reported), which leaves the
/// trait's default.
pub fn contract_const(
    item: &DeriveInput,
    owner: Option<&Owner<'_>>,
    workspace: Option<&Workspace>,
    fields: &[CheckedField<'_, '_>],
) -> TokenStream {
    let (Some(owner), Some(workspace)) = (owner, workspace) else {
        return TokenStream::new();
    };
    let name = item.ident.unraw().to_string();
    let slug = owner.api_slug;
    let (target, id) = match owner.target {
        Target::Object => (
            quote!(::attio_runtime::Target::Object),
            workspace
                .object(slug)
                .map_or("", |o| o.id.object_id.as_str()),
        ),
        Target::List => (
            quote!(::attio_runtime::Target::List),
            workspace.list(slug).map_or("", |l| l.id.list_id.as_str()),
        ),
    };
    // A field of an attribute archived already relies on nothing a change
    // could break: it is left to the attributes the snapshot knew.
    let live = |f: &&CheckedField<'_, '_>| f.attribute.is_some_and(|a| !a.is_archived);
    let bound: Vec<&str> = fields
        .iter()
        .filter(live)
        .map(|f| f.slug.as_str())
        .collect();
    let field_contracts = fields.iter().filter(live).filter_map(|f| {
        let a = f.attribute?;
        let field = f.ident.unraw().to_string();
        let (slug, id, ty) = (&a.api_slug, &a.id.attribute_id, a.attribute_type.as_str());
        let (multiselect, writes) = (a.is_multiselect, f.writable());
        let (required, matches) = (a.is_required, a.is_unique);
        let choices: Vec<&str> = match a.attribute_type {
            AttributeType::Select => a
                .options
                .iter()
                .filter(|o| !o.is_archived)
                .map(|o| o.title.as_str())
                .collect(),
            AttributeType::Status => a
                .statuses
                .iter()
                .filter(|s| !s.is_archived)
                .map(|s| s.title.as_str())
                .collect(),
            _ => Vec::new(),
        };
        Some(quote! {
            ::attio_runtime::contract::FieldContract {
                field: #field,
                slug: #slug,
                id: #id,
                attribute_type: #ty,
                multiselect: #multiselect,
                writes: #writes,
                required: #required,
                matches: #matches,
                choices: &[#(#choices),*],
            }
        })
    });
    let known = owner.attributes.iter().map(|a| a.api_slug.as_str());
    let required_unbound = owner
        .attributes
        .iter()
        .filter(|a| a.is_required && !a.is_archived && !bound.contains(&a.api_slug.as_str()))
        .map(|a| a.api_slug.as_str());
    quote! {
        const CONTRACT: &'static ::attio_runtime::contract::Contract = &::attio_runtime::contract::Contract {
            name: #name,
            target: #target,
            slug: #slug,
            id: #id,
            fields: &[#(#field_contracts),*],
            known: &[#(#known),*],
            required_unbound: &[#(#required_unbound),*],
        };
    }
}
