//! An attribute's whole value history written at once, to migrate history
//! from another system: "Write record attribute values" and "Write list
//! entry attribute values"
//! (<https://docs.attio.com/rest-api/endpoint-reference/entries/write-list-entry-attribute-values>).
//! Every value the attribute had is destroyed and the given ones written
//! with their own `active_from` / `active_until`; no webhook fires and no
//! workflow runs.
//!
//! # Stability
//!
//! Beta in Attio's API: its shape may change.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use crate::attribute::Attribute;
use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::{EntryId, RecordId};
use crate::record::{Entry, Record};
use crate::request;
use crate::value::format_timestamp;
use crate::{Client, Error, ErrorKind};

/// One value of an attribute's history, and when it held.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoricValue {
    /// The value, in the write format of the attribute's type
    /// (`"Acme"` for text, `{"currency_value": 10}` for currency …).
    pub value: Value,
    /// From when the value held.
    pub active_from: DateTime<Utc>,
    /// Until when it held; `None` for a current value.
    pub active_until: Option<DateTime<Utc>>,
}

impl HistoricValue {
    /// A value that held from `active_from` until `active_until` (`None`:
    /// still holds).
    pub fn new(
        value: impl Into<Value>,
        active_from: DateTime<Utc>,
        active_until: Option<DateTime<Utc>>,
    ) -> Self {
        HistoricValue {
            value: value.into(),
            active_from,
            active_until,
        }
    }
}

/// The request body, after the checks Attio would make of each interval,
/// so that a wrong history is refused before it is sent.
fn body(values: &[HistoricValue]) -> Result<Value, Error> {
    if values.is_empty() {
        return Err(Error::new(
            ErrorKind::Validation,
            "a value history needs at least one value: Attio refuses an empty one",
        ));
    }
    if let Some(v) = values
        .iter()
        .find(|v| v.active_until.is_some_and(|u| u <= v.active_from))
    {
        return Err(Error::new(
            ErrorKind::Validation,
            format!(
                "a historic value ends ({}) before it starts ({}): give an active_until after active_from",
                v.active_until.as_ref().map(format_timestamp).unwrap_or_default(),
                format_timestamp(&v.active_from)
            ),
        ));
    }
    let values: Vec<Value> = values
        .iter()
        .map(|v| {
            json!({
                "value": v.value,
                "active_from": format_timestamp(&v.active_from),
                "active_until": v.active_until.as_ref().map(format_timestamp),
            })
        })
        .collect();
    Ok(json!({"data": {"values": values, "replace_history": true}}))
}

impl Client {
    /// Replaces the whole value history of one attribute of a record:
    /// `PUT /v2/objects/{object}/records/{id}/attributes/{attribute}/values`.
    /// Returns the values written, oldest first. Fires no webhook.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn write_record_attribute_values<R: Record, K, U>(
        &self,
        id: &RecordId,
        attribute: Attribute<R, K, U>,
        values: &[HistoricValue],
    ) -> Result<Vec<Value>, Error> {
        let path = format!(
            "{}/attributes/{}/values",
            request::record_path::<R>(id),
            attribute.slug()
        );
        self.write_history(path, values).await
    }

    /// Replaces the whole value history of one attribute of a list entry:
    /// `PUT /v2/lists/{list}/entries/{id}/attributes/{attribute}/values`.
    /// Returns the values written, oldest first. Fires no webhook.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn write_entry_attribute_values<E: Entry, K, U>(
        &self,
        id: &EntryId,
        attribute: Attribute<E, K, U>,
        values: &[HistoricValue],
    ) -> Result<Vec<Value>, Error> {
        let path = format!(
            "{}/attributes/{}/values",
            request::item_path::<E>(id.as_str()),
            attribute.slug()
        );
        self.write_history(path, values).await
    }

    async fn write_history(
        &self,
        path: String,
        values: &[HistoricValue],
    ) -> Result<Vec<Value>, Error> {
        let body = body(values).map_err(|e| e.with_request("PUT", &path))?;
        // Writing the same history twice leaves the same history.
        let call = Call::write(Method::PUT, path, Some(body), Idempotency::Idempotent);
        self.call(call).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_history_is_sent_whole_with_replace_history() {
        let body = body(&[
            HistoricValue::new(
                "Acme (old)",
                at("2020-01-01T00:00:00Z"),
                Some(at("2021-01-01T00:00:00Z")),
            ),
            HistoricValue::new("Acme", at("2021-01-01T00:00:00Z"), None),
        ])
        .unwrap();
        assert_eq!(body["data"]["replace_history"], true);
        assert_eq!(body["data"]["values"][1]["active_until"], Value::Null);
        assert_eq!(body["data"]["values"][0]["value"], "Acme (old)");
    }

    #[test]
    fn empty_and_backwards_histories_are_refused_before_sending() {
        assert_eq!(body(&[]).unwrap_err().kind(), ErrorKind::Validation);
        let backwards = HistoricValue::new(
            "x",
            at("2021-01-01T00:00:00Z"),
            Some(at("2020-01-01T00:00:00Z")),
        );
        assert_eq!(
            body(&[backwards]).unwrap_err().kind(),
            ErrorKind::Validation
        );
    }
}
