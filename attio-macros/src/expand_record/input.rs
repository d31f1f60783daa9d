//! The input of the derive: the struct's named fields and the object or
//! list its `#[attio(…)]` binds, checked before its fields are.

use attio_schema::{Owner, Target, Workspace};
use syn::{Data, DeriveInput, Fields, FieldsNamed};

use crate::attrs::ItemAttrs;
use crate::check;
use crate::errors::Errors;

/// The named fields of the struct; anything else is reported and read as a
/// struct without fields, so that the fallback items are still emitted.
pub fn named_fields(item: &DeriveInput, errors: &mut Errors) -> FieldsNamed {
    if let Data::Struct(s) = &item.data {
        if let Fields::Named(named) = &s.fields {
            return named.clone();
        }
    }
    errors.at(
        &item.ident,
        "expected a struct with named fields, one per attribute",
    );
    FieldsNamed {
        brace_token: Default::default(),
        named: Default::default(),
    }
}

/// The object or list the struct's `#[attio(…)]` names, checking the
/// struct-level attributes: its slug as written, and the snapshot's owner of
/// that slug (`None` when unknown or without a snapshot, reported already
/// when unknown).
pub fn declared_owner<'s>(
    item: &DeriveInput,
    item_attrs: &ItemAttrs,
    target: Target,
    workspace: Option<&'s Workspace>,
    errors: &mut Errors,
) -> (Option<String>, Option<Owner<'s>>) {
    let (wanted, unwanted) = match target {
        Target::Object => (&item_attrs.object, &item_attrs.list),
        Target::List => (&item_attrs.list, &item_attrs.object),
    };
    if let Some(lit) = unwanted {
        let other = target.other();
        let held = match other {
            Target::Object => "records",
            Target::List => "list entries",
        };
        errors.at(
            lit,
            format!(
                "`{other}` binds {held}, which `#[derive({})]` implements; `#[derive({})]` takes `{target} = \"…\"`",
                other.derive_name(),
                target.derive_name(),
            ),
        );
    }
    if target == Target::List {
        if let Some(lit) = &item_attrs.upsert {
            errors.at(
                lit,
                format!(
                    "`upsert` is for `#[derive({})]`; list entries are asserted by their parent record",
                    Target::Object.derive_name()
                ),
            );
        }
    }
    let Some(lit) = wanted else {
        let noun = target.noun();
        let example = match target {
            Target::Object => "people",
            Target::List => "sales_pipeline",
        };
        errors.at(
            &item.ident,
            format!("missing `#[attio({noun} = \"…\")]`: name the Attio {noun} this struct binds, e.g. `#[attio({noun} = \"{example}\")]`"),
        );
        return (None, None);
    };
    let owner = workspace.and_then(|ws| check::owner(ws, target, lit, errors));
    (Some(lit.value()), owner)
}
