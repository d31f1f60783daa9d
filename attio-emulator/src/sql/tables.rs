//! The store as SQL tables: `objects.<slug>` and `lists.<slug>`, a column
//! per attribute, each value as the module's documentation describes.

use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection};
use serde_json::{json, Value};

use attio_schema::{Attribute, AttributeType};

use crate::render::payload_fields;
use crate::store::{Collection, Store};
use crate::values::Payload;

/// A connection with the schemas `objects` and `lists` filled from `store`.
pub(super) fn load(store: &Store) -> rusqlite::Result<Connection> {
    let connection = Connection::open_in_memory()?;
    connection.execute_batch(
        "ATTACH DATABASE ':memory:' AS objects; ATTACH DATABASE ':memory:' AS lists;",
    )?;
    for object in &store.objects {
        if let Some(records) = store.records.get(&object.id.object_id) {
            let table = Table::new("objects", &object.api_slug, &object.attributes, false);
            table.fill(&connection, store, records)?;
        }
    }
    for list in &store.lists {
        if let Some(entries) = store.entries.get(&list.id.list_id) {
            let table = Table::new("lists", &list.api_slug, &list.attributes, true);
            table.fill(&connection, store, entries)?;
        }
    }
    Ok(connection)
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

struct Table<'a> {
    schema: &'static str,
    slug: &'a str,
    attributes: Vec<&'a Attribute>,
    entries: bool,
}

impl<'a> Table<'a> {
    fn new(
        schema: &'static str,
        slug: &'a str,
        attributes: &'a [Attribute],
        entries: bool,
    ) -> Self {
        let id_columns: &[&str] = if entries {
            &["entry_id", "parent_record"]
        } else {
            &["record_id"]
        };
        let attributes = attributes
            .iter()
            .filter(|a| !a.is_archived && !id_columns.contains(&a.api_slug.as_str()))
            .collect();
        Table {
            schema,
            slug,
            attributes,
            entries,
        }
    }

    fn fill(
        &self,
        connection: &Connection,
        store: &Store,
        items: &Collection,
    ) -> rusqlite::Result<()> {
        let mut columns: Vec<String> = if self.entries {
            vec!["entry_id TEXT".into(), "parent_record JSON".into()]
        } else {
            vec!["record_id TEXT".into()]
        };
        columns.extend(
            self.attributes
                .iter()
                .map(|a| format!("{} {}", quote(&a.api_slug), declared_type(a))),
        );
        let name = format!("{}.{}", self.schema, quote(self.slug));
        connection.execute_batch(&format!("CREATE TABLE {name} ({});", columns.join(", ")))?;
        let placeholders = vec!["?"; columns.len()].join(", ");
        let mut insert =
            connection.prepare(&format!("INSERT INTO {name} VALUES ({placeholders})"))?;
        for item in items.ordered() {
            let mut row = vec![Sql::Text(item.id.clone())];
            if self.entries {
                row.push(match &item.parent {
                    Some((object_id, record_id)) => {
                        Sql::Text(reference(object_id, record_id).to_string())
                    }
                    None => Sql::Null,
                });
            }
            for attribute in &self.attributes {
                let values: Vec<Value> = item
                    .values(&attribute.id.attribute_id)
                    .iter()
                    .map(|v| cell(store, attribute, &v.payload))
                    .collect();
                row.push(if attribute.is_multiselect {
                    Sql::Text(Value::Array(values).to_string())
                } else {
                    values.into_iter().next().map_or(Sql::Null, to_sql)
                });
            }
            insert.execute(params_from_iter(row))?;
        }
        Ok(())
    }
}

/// The declared type of an attribute's column: `JSON` marks the columns
/// whose text is answered as JSON, `BOOLEAN` those answered as booleans.
fn declared_type(attribute: &Attribute) -> &'static str {
    if attribute.is_multiselect {
        return "JSON";
    }
    match attribute.attribute_type {
        AttributeType::Checkbox => "BOOLEAN",
        AttributeType::Number | AttributeType::Currency | AttributeType::Rating => "NUMERIC",
        AttributeType::RecordReference
        | AttributeType::ActorReference
        | AttributeType::Location
        | AttributeType::Interaction
        | AttributeType::Unknown(_) => "JSON",
        _ => "TEXT",
    }
}

/// A record reference as Attio's SQL shows it.
fn reference(object_id: &str, record_id: &str) -> Value {
    json!({"entity_definition_id": object_id, "entity_instance_id": record_id})
}

/// One value as a cell (or an element of a multiselect cell).
fn cell(store: &Store, attribute: &Attribute, payload: &Payload) -> Value {
    if let Payload::RecordRef {
        object_id,
        record_id,
    } = payload
    {
        return reference(object_id, record_id);
    }
    let fields = payload_fields(store, attribute, payload);
    let field = |key: &str| fields.get(key).cloned().unwrap_or(Value::Null);
    match attribute.attribute_type {
        AttributeType::Currency => field("currency_value"),
        AttributeType::Select => fields
            .get("option")
            .map_or(Value::Null, |o| o["title"].clone()),
        AttributeType::Status => fields
            .get("status")
            .map_or(Value::Null, |s| s["title"].clone()),
        AttributeType::EmailAddress => field("email_address"),
        AttributeType::Domain => field("domain"),
        AttributeType::PhoneNumber => field("phone_number"),
        AttributeType::PersonalName => field("full_name"),
        AttributeType::ActorReference => {
            json!({"type": field("referenced_actor_type"), "id": field("referenced_actor_id")})
        }
        AttributeType::Location | AttributeType::Interaction | AttributeType::Unknown(_) => {
            Value::Object(fields)
        }
        _ => field("value"),
    }
}

fn to_sql(value: Value) -> Sql {
    match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => Sql::Text(s),
        other => Sql::Text(other.to_string()),
    }
}
