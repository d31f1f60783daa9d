//! The orchestration of `#[derive(Record)]` and `#[derive(Entry)]`: read the
//! input, check it against the snapshot, emit each product, and leave the
//! errors collected on the way to the driver.
//!
//! Per struct `X`: the `Model` impl with the `Record` (or `Entry`) impl, a
//! write model `XWrite` with one setter per writable field, `X::write()`,
//! `X::create(XRequired { … })` when the struct binds every required attribute, one typed
//! attribute constant per field, and `Upsert` when asked for. Every call
//! that needs the field's type to hold the attribute's kind is spanned on
//! the field's element type, so that rustc reports a mismatch there, with
//! the trait's own message.

use attio_schema::{Target, Workspace};
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::constants::constants;
use super::contract::contract_const;
use super::create::create_fn;
use super::impls::trait_impls;
use super::input::{declared_owner, named_fields};
use super::write_model::{write_fn, write_impl, write_struct};
use crate::attrs::{self, ItemAttrs};
use crate::check;
use crate::driver::run_derive;
use crate::errors::Errors;
use crate::reference;

/// Entry point of both derives: `target` is what the derive binds.
pub fn derive(input: TokenStream, target: Target) -> TokenStream {
    run_derive(
        input,
        attrs::STRUCT_KEYS,
        |item, item_attrs, workspace, errors| expand(item, item_attrs, target, workspace, errors),
    )
}

/// The whole expansion except errors and snapshot tracking; `workspace` is
/// `None` when the snapshot could not be loaded (already reported).
pub fn expand(
    item: &DeriveInput,
    item_attrs: &ItemAttrs,
    target: Target,
    workspace: Option<&Workspace>,
    errors: &mut Errors,
) -> TokenStream {
    let named = named_fields(item, errors);
    if !item.generics.params.is_empty() {
        errors.at(&item.generics, "a struct bound to Attio cannot be generic");
        return TokenStream::new();
    }
    let (slug, owner) = declared_owner(item, item_attrs, target, workspace, errors);
    let fields = check::fields(&named, owner.as_ref(), errors);
    let mut upsert = None;
    if let (Some(owner), Some(lit), Target::Object) = (&owner, &item_attrs.upsert, target) {
        upsert = check::upsert(owner, lit, errors).map(|a| a.api_slug.as_str());
    }
    if let (Some(owner), Some(_)) = (&owner, item_attrs.create) {
        check::create(owner, &fields, &item.ident, errors);
    }
    let create = owner
        .as_ref()
        .filter(|owner| check::missing_required(owner, &fields).is_empty())
        .map(|owner| create_fn(item, owner, &fields));
    let references = workspace.map(|ws| reference::record_ref_checks(ws, &fields));

    let slug = slug.as_deref().unwrap_or("");
    let ident = &item.ident;
    let write_struct = write_struct(item, target, slug, &fields);
    let constants = constants(item, &fields);
    let write_fn = write_fn(item, target, slug);
    let write_impl = write_impl(item);
    let parent_objects = owner.as_ref().map_or(&[][..], |owner| owner.parent_objects);
    let contract = contract_const(item, owner.as_ref(), workspace, &fields);
    let impls = trait_impls(
        item,
        target,
        slug,
        parent_objects,
        upsert,
        &fields,
        contract,
    );
    quote! {
        #write_struct

        impl #ident {
            #constants

            #write_fn
        }

        #create

        const _: () = {
            #write_impl
            #impls
        };
        #references
    }
}
