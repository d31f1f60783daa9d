//! Round trips of every attribute type: Attio's output value objects (as
//! <https://docs.attio.com/docs/attribute-types> describes them, with
//! `active_from`, `active_until`, `created_by_actor` and `attribute_type`)
//! decode into the typed values, and writes encode to the exact JSON Attio
//! accepts. Then the JSON of filters, sorts, queries and write bodies.

mod bodies;
mod filters;
mod models;
mod round_trips;

use attio_runtime::chrono::{DateTime, NaiveDate, TimeZone, Utc};
use attio_runtime::kind::{self, Kind};
use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::value::{
    ActorRef, ActorType, AnyObject, Currency, CurrencyCode, Domain, EmailAddress, Interaction,
    InteractionType, Location, PersonalName, PhoneNumber, Rating, RecordRef,
};
use attio_runtime::RecordId;
use attio_runtime::{
    create_body, Assert, Attribute, AttributeValue, Decimal, DecodeError, EntryCreate, Filter,
    Query, Record, Unique, Values, Write,
};

use models::{Company, CompanyWrite, Pipeline, PipelineWrite};

const RECORD_ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";
const MEMBER_ID: &str = "67561dce-429b-4dc9-8b79-e0c42416a530";

/// An output value object: `fields` plus the metadata Attio adds to every value.
fn output(attribute_type: &str, fields: Value) -> Value {
    let mut value = Map::new();
    value.insert(
        "active_from".into(),
        json!("2025-04-19T00:46:57.041000000Z"),
    );
    value.insert("active_until".into(), Value::Null);
    value.insert(
        "created_by_actor".into(),
        json!({"type": "workspace-member", "id": MEMBER_ID}),
    );
    let Value::Object(fields) = fields else {
        panic!("fields must be an object")
    };
    value.extend(fields);
    // Attio puts `attribute_type` last.
    value.insert("attribute_type".into(), json!(attribute_type));
    Value::Object(value)
}

fn decode<K: Kind, T: AttributeValue<K>>(fields: Value) -> T {
    let value = output(K::NAME, fields);
    match T::decode(&value) {
        Ok(v) => v,
        Err(e) => panic!("{} did not decode: {e}\n{value:#}", K::NAME),
    }
}

fn decode_err<K: Kind, T: AttributeValue<K>>(fields: Value) -> DecodeError {
    match T::decode(&output(K::NAME, fields)) {
        Ok(_) => panic!("{} decoded, but should not have", K::NAME),
        Err(e) => e,
    }
}

fn encode<K: Kind, T: AttributeValue<K>>(value: &T) -> Value {
    value.encode()
}
