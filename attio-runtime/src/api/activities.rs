//! Activity definitions: object-like types of activity (a demo, a site
//! visit…), each extending one of Attio's activity schemas — list (every
//! page), create, get, update, delete — and their records, whose values are
//! untyped JSON (see [`ActivityRecord`]: Attio's REST API does not list an
//! activity's attributes, so no struct can be generated for one).
//!
//! # Stability
//!
//! Alpha, and hidden from Attio's reference: its shape may change, and
//! these types with it.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::WorkspaceId;
use crate::{Client, Error};

mod records;

pub use records::{ActivityRecord, ActivityRecordKey, ActivityRecordQuery};

/// An activity definition's `id`: `{"workspace_id", "activity_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActivityKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The activity definition.
    pub activity_id: String,
}

/// An activity definition as Attio returns it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Activity {
    /// Workspace and activity ids.
    pub id: ActivityKey,
    /// Its slug, as paths name it.
    pub api_slug: String,
    /// One of its records, in words (`Demo`).
    pub singular_noun: String,
    /// Several (`Demos`).
    pub plural_noun: String,
    /// The schemas it extends.
    pub extends: Vec<ExtendedSchema>,
    /// Whether Attio defines it (and it cannot be deleted).
    pub is_system_activity: bool,
    /// When it was created, as Attio formats it.
    pub created_at: String,
}

/// A schema an activity extends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ExtendedSchema {
    /// The schema's id.
    pub schema_id: String,
    /// `activities`, `interactions`, `calls` or `emails`.
    pub schema_slug: String,
}

/// The schema a new activity extends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityBase {
    /// Any activity.
    Activities,
    /// An interaction with people.
    Interactions,
    /// A call.
    Calls,
    /// An email.
    Emails,
}

impl ActivityBase {
    fn as_str(self) -> &'static str {
        match self {
            ActivityBase::Activities => "activities",
            ActivityBase::Interactions => "interactions",
            ActivityBase::Calls => "calls",
            ActivityBase::Emails => "emails",
        }
    }
}

/// What [`Client::update_activity`] changes: only what is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityUpdate {
    data: Map<String, Value>,
}

impl ActivityUpdate {
    /// Nothing yet.
    pub fn new() -> ActivityUpdate {
        ActivityUpdate::default()
    }

    /// A new slug (paths then name it by this one).
    pub fn api_slug(mut self, slug: &str) -> Self {
        self.data.insert("api_slug".into(), json!(slug));
        self
    }

    /// New nouns.
    pub fn nouns(mut self, singular: &str, plural: &str) -> Self {
        self.data.insert("singular_noun".into(), json!(singular));
        self.data.insert("plural_noun".into(), json!(plural));
        self
    }
}

impl Client {
    /// Every activity definition, every page (`GET /v2/activities`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn list_activities(&self) -> Result<Vec<Activity>, Error> {
        self.every_page("/v2/activities?limit=500").await
    }

    /// Creates an activity definition (`POST /v2/activities`); a slug
    /// already taken is refused (`409 slug_conflict`), so a repeat after an
    /// ambiguous failure cannot create a second one.
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn create_activity(
        &self,
        api_slug: &str,
        singular_noun: &str,
        plural_noun: &str,
        extends: ActivityBase,
    ) -> Result<Activity, Error> {
        let body = json!({"data": {"api_slug": api_slug, "singular_noun": singular_noun,
            "plural_noun": plural_noun, "extends": extends.as_str()}});
        let call = Call::write(
            Method::POST,
            "/v2/activities".to_owned(),
            Some(body),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// One activity definition, by slug or id (`GET /v2/activities/{activity}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn get_activity(&self, activity: &str) -> Result<Activity, Error> {
        self.call(Call::get(format!("/v2/activities/{activity}")))
            .await
    }

    /// Changes an activity definition's slug or nouns
    /// (`PATCH /v2/activities/{activity}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn update_activity(
        &self,
        activity: &str,
        update: &ActivityUpdate,
    ) -> Result<Activity, Error> {
        let call = Call::write(
            Method::PATCH,
            format!("/v2/activities/{activity}"),
            Some(json!({ "data": update.data })),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes an activity definition and its records
    /// (`DELETE /v2/activities/{activity}`).
    ///
    /// # Stability
    ///
    /// Alpha in Attio's API: its shape may change.
    pub async fn delete_activity(&self, activity: &str) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/activities/{activity}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}
