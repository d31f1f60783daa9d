//! Seed data: records and entries loaded at start, through the same
//! validation as API writes.
//!
//! ```json
//! {
//!   "records": [
//!     {"object": "companies", "values": {"name": "Acme", "domains": ["acme.com"]}},
//!     {"object": "people", "values": {"email_addresses": ["ada@acme.com"], "company": "acme.com"}}
//!   ],
//!   "entries": [
//!     {"list": "enterprise_pipeline",
//!      "parent": {"target_object": "companies", "domains": [{"domain": "acme.com"}]},
//!      "entry_values": {"stage": "Prospecting"}}
//!   ],
//!   "views": [
//!     {"object": "companies", "title": "Big ones", "filter": {"employee_range": "1K-5K"}}
//!   ]
//! }
//! ```
//!
//! Values use the API's write format. A view names its `object` or `list`,
//! a `title`, and an optional `filter` in the query language, checked as a
//! query's filter is. Records are created in array order,
//! so a record can reference any record before it; entries come after all
//! records. An entry's `parent` is a record-reference value (by
//! `target_record_id` or by a unique attribute).

use serde_json::Value;

use crate::store::{parent_record_attribute, Owner, Store};
use crate::values::Payload;
use crate::write::{self, Mode};

/// Why seed data was refused; the message names the offending item.
#[derive(Debug, thiserror::Error)]
#[error("invalid seed data at {at}: {message}")]
pub struct SeedError {
    /// Where in the seed document, e.g. `records[2]`.
    pub at: String,
    /// What is wrong, in Attio's words where the API would refuse the same write.
    pub message: String,
}

fn error(at: impl Into<String>, message: impl Into<String>) -> SeedError {
    SeedError {
        at: at.into(),
        message: message.into(),
    }
}

fn items<'a>(
    root: &'a serde_json::Map<String, Value>,
    key: &str,
) -> Result<&'a [Value], SeedError> {
    match root.get(key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(error(key, "expected an array")),
    }
}

fn str_field<'a>(item: &'a Value, key: &str, at: &str) -> Result<&'a str, SeedError> {
    item.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| error(at, format!("missing string \"{key}\"")))
}

/// Creates the seed's records, then its entries.
pub(crate) fn apply(store: &mut Store, seed: &Value) -> Result<(), SeedError> {
    let Value::Object(root) = seed else {
        return Err(error(
            ".",
            "expected an object with \"records\" and/or \"entries\"",
        ));
    };
    if let Some(key) = root
        .keys()
        .find(|k| !["records", "entries", "views"].contains(&k.as_str()))
    {
        return Err(error(
            key.as_str(),
            "unknown key; expected \"records\", \"entries\" or \"views\"",
        ));
    }
    let empty = Value::Object(Default::default());
    for (i, item) in items(root, "records")?.iter().enumerate() {
        let at = format!("records[{i}]");
        let object = str_field(item, "object", &at)?;
        let owner = store
            .object_index(object)
            .map(Owner::Object)
            .ok_or_else(|| error(&at, format!("unknown object \"{object}\"")))?;
        let values = item.get("values").unwrap_or(&empty);
        let resolved = write::resolve_values(store, owner.attributes(store), values, &["values"])
            .map_err(|e| error(&at, e.message))?;
        write::write(store, owner, None, resolved, Mode::Create, None)
            .map_err(|e| error(&at, e.message))?;
    }
    for (i, item) in items(root, "entries")?.iter().enumerate() {
        let at = format!("entries[{i}]");
        let list = str_field(item, "list", &at)?;
        let index = store
            .list_index(list)
            .ok_or_else(|| error(&at, format!("unknown list \"{list}\"")))?;
        let owner = Owner::List(index);
        let parent_attribute = parent_record_attribute(&store.lists[index]);
        let raw_parent = item
            .get("parent")
            .ok_or_else(|| error(&at, "missing \"parent\""))?;
        let parent = write::resolve_one(store, &parent_attribute, raw_parent)
            .map_err(|e| error(&at, e.message))?;
        let Payload::RecordRef {
            object_id,
            record_id,
        } = parent
        else {
            return Err(error(&at, "\"parent\" must be a record reference"));
        };
        let parent_slug = store
            .object_by_id(&object_id)
            .map(|o| o.api_slug.clone())
            .unwrap_or_default();
        if !store.lists[index].parent_object.contains(&parent_slug) {
            return Err(error(
                &at,
                format!("list \"{list}\" does not take entries of \"{parent_slug}\""),
            ));
        }
        let values = item.get("entry_values").unwrap_or(&empty);
        let resolved =
            write::resolve_values(store, owner.attributes(store), values, &["entry_values"])
                .map_err(|e| error(&at, e.message))?;
        write::write(
            store,
            owner,
            None,
            resolved,
            Mode::Create,
            Some((object_id, record_id)),
        )
        .map_err(|e| error(&at, e.message))?;
    }
    for (i, item) in items(root, "views")?.iter().enumerate() {
        add_view(store, item, &format!("views[{i}]"))?;
    }
    Ok(())
}

/// A saved view of seed data, its filter checked as a query's filter is.
fn add_view(store: &mut Store, item: &Value, at: &str) -> Result<(), SeedError> {
    let owner = match (item.get("object"), item.get("list")) {
        (Some(Value::String(object)), None) => store
            .object_index(object)
            .map(Owner::Object)
            .ok_or_else(|| error(at, format!("unknown object \"{object}\"")))?,
        (None, Some(Value::String(list))) => store
            .list_index(list)
            .map(Owner::List)
            .ok_or_else(|| error(at, format!("unknown list \"{list}\"")))?,
        _ => return Err(error(at, "name one \"object\" or one \"list\"")),
    };
    let title = str_field(item, "title", at)?;
    let filter = match item.get("filter") {
        None | Some(Value::Null) => None,
        Some(filter) => {
            crate::filter::parse(store, owner, filter).map_err(|e| error(at, e.message))?;
            Some(filter.clone())
        }
    };
    let owner_id = owner.id(store);
    store.add_view(&owner_id, title, filter);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::default_members;
    use serde_json::json;

    fn store() -> Store {
        let snapshot = attio_schema::Snapshot::from_slice(
            include_bytes!("default_workspace.json"),
            "default_workspace.json",
        )
        .unwrap();
        Store::new(snapshot.workspace, default_members())
    }

    #[test]
    fn records_are_created_in_order_and_can_reference_earlier_ones() {
        let mut s = store();
        apply(
            &mut s,
            &json!({"records": [
                {"object": "people", "values": {"email_addresses": ["bob@beta.com"]}},
                {"object": "companies", "values": {"name": "Acme", "domains": ["acme.com"]}},
                {"object": "people", "values": {"email_addresses": ["ada@acme.com"], "company": "acme.com"}}
            ]}),
        )
        .unwrap();
        let people = &s.records[&s.objects[s.object_index("people").unwrap()].id.object_id];
        assert_eq!(people.items.len(), 2);
    }

    #[test]
    fn invalid_seed_items_are_named() {
        let mut s = store();
        let e = apply(
            &mut s,
            &json!({"records": [{"object": "people"}, {"object": "people", "values": {"nickname": "x"}}]}),
        )
        .unwrap_err();
        assert_eq!(e.at, "records[1]");
        assert!(e.message.contains("nickname"));
        let e = apply(&mut s, &json!({"record": {}})).unwrap_err();
        assert_eq!(e.at, "record");
    }
}
