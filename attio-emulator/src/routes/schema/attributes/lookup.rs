//! Finding the attribute a path names, for reading or for changing it.

use attio_schema::{Attribute, AttributeType};

use crate::errors::ApiError;
use crate::store::{find_attribute, Owner, Store};

/// The attribute with this slug or UUID (archived ones too), or a 404.
pub(crate) fn attribute_of<'a>(
    store: &'a Store,
    owner: Owner,
    ident: &str,
) -> Result<&'a Attribute, ApiError> {
    find_attribute(owner.attributes(store), ident).ok_or_else(|| {
        ApiError::not_found(format!("Attribute with slug/ID \"{ident}\" not found."))
    })
}

/// The attributes of the object or list, to change them.
pub(crate) fn attributes_mut(store: &mut Store, owner: Owner) -> &mut Vec<Attribute> {
    match owner {
        Owner::Object(i) => &mut store.objects[i].attributes,
        Owner::List(i) => &mut store.lists[i].attributes,
        Owner::Activity(i) => &mut store.activities[i].attributes,
    }
}

/// The index of the attribute with this slug or UUID, or a 404.
pub(crate) fn attribute_index(store: &Store, owner: Owner, ident: &str) -> Result<usize, ApiError> {
    owner
        .attributes(store)
        .iter()
        .position(|a| a.api_slug == ident || a.id.attribute_id == ident)
        .ok_or_else(|| {
            ApiError::not_found(format!("Attribute with slug/ID \"{ident}\" not found."))
        })
}

/// The index of the attribute a path names, refused unless it is of the
/// type an options or statuses endpoint serves.
pub(crate) fn typed_attribute(
    store: &Store,
    owner: Owner,
    ident: &str,
    wanted: AttributeType,
) -> Result<usize, ApiError> {
    let index = attribute_index(store, owner, ident)?;
    let attribute = &owner.attributes(store)[index];
    if attribute.attribute_type != wanted {
        return Err(ApiError::bad_request(
            "validation_type",
            format!(
                "Attribute with slug \"{}\" is not a {wanted} attribute.",
                attribute.api_slug
            ),
        ));
    }
    Ok(index)
}
