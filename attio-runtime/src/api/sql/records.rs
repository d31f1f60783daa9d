//! SQL rows decoded as a generated (or derived) record type: each column
//! named by an attribute's slug is turned back into the value object
//! Attio's record endpoints return for that attribute type, and the row is
//! then decoded as [`Stored`](crate::Stored) decodes a record's values, by
//! [`Model::from_values`](crate::Model::from_values).
//!
//! SQL shows plain values, so what the struct can hold is what a column
//! holds: a currency without its code, a personal name as its full name
//! (first and last name empty), a phone number as its E.164 form (which is
//! also its original), a select or status as its title; a record reference
//! names its object by UUID, which is read back as the object's slug with
//! one `GET /v2/objects` when the rows have one. Columns the struct does not
//! bind are ignored; an attribute the query did not select decodes as a
//! field with no value (a required field then fails to decode).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::Row;
use crate::contract::FieldContract;
use crate::{Client, Error, ErrorKind, Record};

/// Object UUID → api_slug, to read a record reference's
/// `entity_definition_id` back as the `target_object` the decoder checks.
type ObjectSlugs = HashMap<String, String>;

impl Client {
    /// Runs a read-only query (see [`query_sql`](Client::query_sql)) whose
    /// columns are attributes of `R`, and decodes each row as an `R`
    /// (see the module's documentation for what a column can hold).
    ///
    /// ```no_run
    /// # use attio_runtime::{Client, Error, Record};
    /// # async fn run<Person: Record>(client: &Client) -> Result<(), Error> {
    /// let people: Vec<Person> = client
    ///     .query_sql_records("SELECT * FROM people WHERE company IS NOT NULL")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn query_sql_records<R: Record>(&self, sql: &str) -> Result<Vec<R>, Error> {
        let fields = R::CONTRACT.fields;
        if fields.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                format!(
                    "`{}` names none of its attributes (a `Model` written by hand): \
                     decode SQL rows with `query_sql_as` instead, or derive the type",
                    R::SLUG
                ),
            ));
        }
        let rows = self.query_sql(sql).await?;
        let has_reference = rows.iter().any(|row| {
            fields.iter().any(|f| {
                f.attribute_type == "record-reference"
                    && row.get(f.slug).is_some_and(|v| !v.is_null())
            })
        });
        let objects: ObjectSlugs = if has_reference {
            self.list_objects()
                .await?
                .into_iter()
                .map(|o| (o.id.object_id, o.api_slug))
                .collect()
        } else {
            ObjectSlugs::new()
        };
        rows.iter()
            .map(|row| decode_row::<R>(row, fields, &objects))
            .collect()
    }
}

/// One row as an `R`: its attribute columns as Attio's value objects.
fn decode_row<R: Record>(
    row: &Row,
    fields: &[FieldContract],
    objects: &ObjectSlugs,
) -> Result<R, Error> {
    let mut values = Map::new();
    for field in fields {
        let Some(cell) = row.get(field.slug) else {
            continue;
        };
        let cells: Vec<&Value> = match cell {
            Value::Null => Vec::new(),
            Value::Array(items) if field.multiselect => items.iter().collect(),
            one => vec![one],
        };
        let objects_of_field = cells
            .into_iter()
            .map(|cell| value_object(field, cell, objects))
            .collect::<Result<Vec<_>, Error>>()?;
        values.insert(field.slug.to_owned(), Value::Array(objects_of_field));
    }
    R::from_values(&values).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!(
                "a SQL row does not decode as a record of `{}`: {e}",
                R::OBJECT
            ),
        )
    })
}

/// A cell as the value object Attio's record endpoints return for the
/// field's attribute type.
fn value_object(
    field: &FieldContract,
    cell: &Value,
    objects: &ObjectSlugs,
) -> Result<Value, Error> {
    let mut object = match field.attribute_type {
        "currency" => json!({"currency_value": cell}),
        "select" => json!({"option": {"title": cell}}),
        "status" => json!({"status": {"title": cell}}),
        "email-address" => json!({"email_address": cell}),
        "domain" => json!({"domain": cell}),
        "phone-number" => json!({"phone_number": cell, "original_phone_number": cell}),
        "personal-name" => json!({"full_name": cell}),
        "actor-reference" => {
            json!({"referenced_actor_type": cell["type"], "referenced_actor_id": cell["id"]})
        }
        "record-reference" => {
            let object_id = cell["entity_definition_id"].as_str().unwrap_or_default();
            let Some(slug) = objects.get(object_id) else {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!(
                        "the SQL column `{}` refers to object {object_id:?}, which the \
                         workspace does not have (expected `entity_definition_id`, an object's UUID)",
                        field.slug
                    ),
                ));
            };
            json!({"target_object": slug, "target_record_id": cell["entity_instance_id"]})
        }
        // Location and interaction cells are the value object's fields.
        "location" | "interaction" => cell.clone(),
        _ => json!({"value": cell}),
    };
    if let Value::Object(fields) = &mut object {
        fields.insert("attribute_type".into(), json!(field.attribute_type));
    }
    Ok(object)
}
