//! Activity records: the records of an activity definition, with values as
//! records have them. Attio's REST API does not list an activity's
//! attributes (`/v2/{target}/{identifier}/attributes` takes `objects` and
//! `lists` only), so there is nothing for `cargo attio-gen pull` to
//! snapshot or the generator to type: these calls take values as the JSON
//! a record write takes (`{"slug": [value, …]}`) and return them as Attio
//! renders them.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api::cursor::with_query;
use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::{RecordId, WorkspaceId};
use crate::{Client, Error};

/// Attio's largest page of a records query, which
/// [`Client::query_activity_records`] asks for.
const PAGE: usize = 500;

/// An activity record's `id`: `{"workspace_id", "activity_id", "record_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActivityRecordKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The activity definition.
    pub activity_id: String,
    /// The record.
    pub record_id: RecordId,
}

/// An activity record as Attio returns it, its values untyped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActivityRecord {
    /// Workspace, activity and record ids.
    pub id: ActivityRecordKey,
    /// When it was created, as Attio formats it.
    pub created_at: String,
    /// Each attribute's current values by slug, as Attio renders values
    /// (`{"attribute_type": "text", "value": …, "active_from": …}`).
    pub values: Map<String, Value>,
}

impl ActivityRecord {
    /// The current values of the attribute with this slug; empty when it
    /// has none.
    pub fn values_of(&self, slug: &str) -> &[Value] {
        match self.values.get(slug) {
            Some(Value::Array(values)) => values,
            _ => &[],
        }
    }
}

/// Which activity records [`Client::query_activity_records`] returns, in
/// which order: Attio's record filter and sorts, as JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActivityRecordQuery {
    filter: Option<Value>,
    sorts: Vec<Value>,
}

impl ActivityRecordQuery {
    /// Every record, oldest first.
    pub fn new() -> ActivityRecordQuery {
        ActivityRecordQuery::default()
    }

    /// Only records matching `filter`, in Attio's filter syntax
    /// (`{"outcome": "won"}`, `{"$and": […]}`).
    pub fn filter(mut self, filter: Value) -> Self {
        self.filter = Some(filter);
        self
    }

    /// Then by this attribute, ascending or not.
    pub fn sort(mut self, attribute: &str, ascending: bool) -> Self {
        let direction = if ascending { "asc" } else { "desc" };
        self.sorts
            .push(json!({"attribute": attribute, "direction": direction}));
        self
    }

    fn body(&self, offset: usize) -> Value {
        let mut body = json!({"limit": PAGE, "offset": offset});
        if let Some(filter) = &self.filter {
            body["filter"] = filter.clone();
        }
        if !self.sorts.is_empty() {
            body["sorts"] = Value::Array(self.sorts.clone());
        }
        body
    }
}

fn records_path(activity: &str) -> String {
    format!("/v2/activities/{activity}/records")
}

fn values_body(values: &Map<String, Value>) -> Value {
    json!({"data": {"values": values}})
}

impl Client {
    /// Creates a record of an activity (`POST
    /// /v2/activities/{activity}/records`); `values` maps attribute slugs
    /// to values as a record write takes them. Not repeated after an
    /// ambiguous failure. Attio sends `activity-record.created`.
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn create_activity_record(
        &self,
        activity: &str,
        values: &Map<String, Value>,
    ) -> Result<ActivityRecord, Error> {
        let call = Call::write(
            Method::POST,
            records_path(activity),
            Some(values_body(values)),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Creates the record holding `values[matching_attribute]`, or updates
    /// the one that holds it (`PUT /v2/activities/{activity}/records`); the
    /// attribute must be unique. Safe to repeat.
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn upsert_activity_record(
        &self,
        activity: &str,
        matching_attribute: &str,
        values: &Map<String, Value>,
    ) -> Result<ActivityRecord, Error> {
        let path = with_query(
            &records_path(activity),
            &[("matching_attribute", matching_attribute.to_owned())],
        );
        let call = Call::write(
            Method::PUT,
            path,
            Some(values_body(values)),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Every record of an activity that `query` selects, in its order,
    /// every page (`POST /v2/activities/{activity}/records/query`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn query_activity_records(
        &self,
        activity: &str,
        query: &ActivityRecordQuery,
    ) -> Result<Vec<ActivityRecord>, Error> {
        let path = format!("{}/query", records_path(activity));
        let mut all = Vec::new();
        loop {
            let page: Vec<ActivityRecord> = self
                .call(Call::query(path.clone(), query.body(all.len())))
                .await?;
            let last = page.len() < PAGE;
            all.extend(page);
            if last {
                return Ok(all);
            }
        }
    }

    /// One record of an activity
    /// (`GET /v2/activities/{activity}/records/{record_id}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn get_activity_record(
        &self,
        activity: &str,
        record_id: &RecordId,
    ) -> Result<ActivityRecord, Error> {
        let path = format!("{}/{record_id}", records_path(activity));
        self.call(Call::get(path)).await
    }

    /// Writes `values` to a record of an activity; multiselect values are
    /// added to those it has (`PATCH …/records/{record_id}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn update_activity_record(
        &self,
        activity: &str,
        record_id: &RecordId,
        values: &Map<String, Value>,
    ) -> Result<ActivityRecord, Error> {
        self.write_activity_record(Method::PATCH, activity, record_id, values)
            .await
    }

    /// Writes `values` to a record of an activity; multiselect values
    /// replace those it has (`PUT …/records/{record_id}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn overwrite_activity_record(
        &self,
        activity: &str,
        record_id: &RecordId,
        values: &Map<String, Value>,
    ) -> Result<ActivityRecord, Error> {
        self.write_activity_record(Method::PUT, activity, record_id, values)
            .await
    }

    async fn write_activity_record(
        &self,
        method: Method,
        activity: &str,
        record_id: &RecordId,
        values: &Map<String, Value>,
    ) -> Result<ActivityRecord, Error> {
        let call = Call::write(
            method,
            format!("{}/{record_id}", records_path(activity)),
            Some(values_body(values)),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes a record of an activity
    /// (`DELETE …/records/{record_id}`); Attio sends
    /// `activity-record.deleted`.
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn delete_activity_record(
        &self,
        activity: &str,
        record_id: &RecordId,
    ) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("{}/{record_id}", records_path(activity)),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}
