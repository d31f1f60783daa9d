//! JSON shapes of what the emulator returns: schema items, records, entries
//! and attribute values, as Attio's API serves them.

use serde_json::{json, Map, Value};

use attio_schema::{Attribute, List, Object, SelectOption, Status};

use crate::store::{Activity, Member, Record, Store, Version};
use crate::values::Payload;

/// An object without its nested attributes.
pub(crate) fn object(o: &Object) -> Value {
    json!({
        "id": {"workspace_id": o.id.workspace_id, "object_id": o.id.object_id},
        "api_slug": o.api_slug,
        "singular_noun": o.singular_noun,
        "plural_noun": o.plural_noun,
        "created_at": o.created_at,
    })
}

/// An attribute with every key Attio always sends, without options/statuses.
pub(crate) fn attribute(a: &Attribute) -> Value {
    let mut value = serde_json::to_value(a).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("options");
        map.remove("statuses");
    }
    value
}

/// A select option.
pub(crate) fn option(o: &SelectOption) -> Value {
    json!({"id": o.id, "title": o.title, "is_archived": o.is_archived})
}

/// A status.
pub(crate) fn status(s: &Status) -> Value {
    json!({
        "id": s.id,
        "title": s.title,
        "is_archived": s.is_archived,
        "celebration_enabled": s.celebration_enabled,
        "target_time_in_status": s.target_time_in_status,
    })
}

/// A list without its attributes.
pub(crate) fn list(l: &List) -> Value {
    json!({
        "id": l.id,
        "api_slug": l.api_slug,
        "name": l.name,
        "parent_object": l.parent_object,
        "workspace_access": l.workspace_access,
        "workspace_member_access": l.workspace_member_access,
        "created_by_actor": l.created_by_actor,
        "created_at": l.created_at,
    })
}

/// A workspace member.
pub(crate) fn member(store: &Store, m: &Member) -> Value {
    json!({
        "id": {"workspace_id": store.info.id, "workspace_member_id": m.id},
        "first_name": m.first_name,
        "last_name": m.last_name,
        "avatar_url": null,
        "email_address": m.email,
        "access_level": m.access_level,
        "created_at": m.created_at,
    })
}

/// One value with its metadata: `active_from`, `active_until`,
/// `created_by_actor`, the type's fields, and `attribute_type`.
pub(crate) fn value(store: &Store, attribute: &Attribute, version: &Version) -> Value {
    let mut out = Map::new();
    out.insert("active_from".into(), json!(version.active_from));
    out.insert("active_until".into(), json!(version.active_until));
    out.insert("created_by_actor".into(), version.actor.clone());
    for (key, v) in payload_fields(store, attribute, &version.payload) {
        out.insert(key, v);
    }
    out.insert(
        "attribute_type".into(),
        json!(attribute.attribute_type.as_str()),
    );
    Value::Object(out)
}

/// The type-specific fields of a value.
pub(crate) fn payload_fields(
    store: &Store,
    attribute: &Attribute,
    payload: &Payload,
) -> Map<String, Value> {
    match payload {
        Payload::Fields(fields) => fields.clone(),
        Payload::Option(id) => {
            let option = attribute
                .options
                .iter()
                .find(|o| o.id.option_id == *id)
                .map_or(Value::Null, option);
            let mut map = Map::new();
            map.insert("option".into(), option);
            map
        }
        Payload::Status(id) => {
            let status = attribute
                .statuses
                .iter()
                .find(|s| s.id.status_id == *id)
                .map_or(Value::Null, status);
            let mut map = Map::new();
            map.insert("status".into(), status);
            map
        }
        Payload::RecordRef {
            object_id,
            record_id,
        } => {
            let slug = store
                .object_by_id(object_id)
                .map_or_else(|| object_id.clone(), |o| o.api_slug.clone());
            let mut map = Map::new();
            map.insert("target_object".into(), json!(slug));
            map.insert("target_record_id".into(), json!(record_id));
            map
        }
    }
}

/// Every non-archived attribute's current values, `[]` when empty.
fn values_map(store: &Store, attributes: &[Attribute], record: &Record) -> Value {
    let mut values = Map::new();
    for attribute in attributes.iter().filter(|a| !a.is_archived) {
        let rendered: Vec<Value> = record
            .values(&attribute.id.attribute_id)
            .iter()
            .map(|v| value(store, attribute, v))
            .collect();
        values.insert(attribute.api_slug.clone(), Value::Array(rendered));
    }
    Value::Object(values)
}

/// A record with `id`, `created_at`, `web_url` and every attribute's values.
/// `web_url` takes the form of Attio's docs
/// (`https://app.attio.com/<workspace slug>/person/<record id>`, from
/// <https://docs.attio.com/rest-api/endpoint-reference/people/get-a-person-record>):
/// the object's singular noun, lower case, hyphens for spaces.
pub(crate) fn record(store: &Store, object: &Object, record: &Record) -> Value {
    let noun = object
        .singular_noun
        .as_deref()
        .map_or_else(|| object.api_slug.clone(), str::to_lowercase)
        .replace(' ', "-");
    json!({
        "id": {"workspace_id": store.info.id, "object_id": object.id.object_id, "record_id": record.id},
        "created_at": record.created_at,
        "web_url": format!("https://app.attio.com/{}/{}/{}", store.info.slug, noun, record.id),
        "values": values_map(store, &object.attributes, record),
    })
}

/// An activity record with every attribute's values (no `web_url`: Attio's
/// document shows none).
pub(crate) fn activity_record(store: &Store, activity: &Activity, record: &Record) -> Value {
    json!({
        "id": {"workspace_id": store.info.id, "activity_id": activity.id, "record_id": record.id},
        "created_at": record.created_at,
        "values": values_map(store, &activity.attributes, record),
    })
}

/// An entry with its parent and every list attribute's values.
pub(crate) fn entry(store: &Store, list: &List, entry: &Record) -> Value {
    let (parent_object_id, parent_record_id) = entry.parent.clone().unwrap_or_default();
    let parent_object = store
        .object_by_id(&parent_object_id)
        .map_or(parent_object_id, |o| o.api_slug.clone());
    json!({
        "id": {"workspace_id": store.info.id, "list_id": list.id.list_id, "entry_id": entry.id},
        "parent_record_id": parent_record_id,
        "parent_object": parent_object,
        "created_at": entry.created_at,
        "entry_values": values_map(store, &list.attributes, entry),
    })
}
