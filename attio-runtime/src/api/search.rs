//! Record search across objects: `POST /v2/objects/records/search`
//! (<https://docs.attio.com/rest-api/endpoint-reference/records/search-records>).
//!
//! # Stability
//!
//! Beta in Attio's API: its shape may change.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::client::transport::Call;
use crate::ids::{RecordId, WorkspaceMemberId};
use crate::record::Record;
use crate::value::RecordRef;
use crate::{Client, Error, RecordIdentity};

/// A search: the text, the objects to search, how many results, and whose
/// view of the workspace (`request_as`) — the workspace's by default.
///
/// ```
/// use attio_runtime::api::search::RecordSearch;
///
/// let search = RecordSearch::new("acme").object("companies").object("people").limit(10);
/// assert_eq!(search.body()["objects"], serde_json::json!(["companies", "people"]));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSearch {
    query: String,
    objects: Vec<String>,
    limit: Option<u32>,
    request_as: Value,
}

impl RecordSearch {
    /// A search for `query` (names, domains, email addresses and phone
    /// numbers of people and companies; the name of other records), in no
    /// object yet: add at least one with [`object`](Self::object) or
    /// [`of`](Self::of).
    pub fn new(query: impl Into<String>) -> Self {
        RecordSearch {
            query: query.into(),
            objects: Vec::new(),
            limit: None,
            request_as: json!({"type": "workspace"}),
        }
    }

    /// Also searches the object with this slug or id.
    pub fn object(mut self, slug_or_id: impl Into<String>) -> Self {
        self.objects.push(slug_or_id.into());
        self
    }

    /// Also searches the object of record type `R`.
    pub fn of<R: Record>(self) -> Self {
        self.object(R::OBJECT)
    }

    /// At most this many results (Attio's default is 25).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Finds only what this workspace member may see.
    pub fn as_member(mut self, member: &WorkspaceMemberId) -> Self {
        self.request_as =
            json!({"type": "workspace-member", "workspace_member_id": member.as_str()});
        self
    }

    /// Finds only what the workspace member with this email address may see.
    pub fn as_member_email(mut self, email_address: &str) -> Self {
        self.request_as = json!({"type": "workspace-member", "email_address": email_address});
        self
    }

    /// The request body.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "query": self.query,
            "objects": self.objects,
            "request_as": self.request_as,
        });
        if let Some(limit) = self.limit {
            body["limit"] = json!(limit);
        }
        body
    }
}

/// One record found, of any object: which record, its name and the
/// object's own fields (domains of a company, email addresses and phone
/// numbers of a person; empty for other objects).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SearchHit {
    /// Workspace, object and record ids.
    pub id: RecordIdentity,
    /// The slug of the record's object.
    pub object_slug: String,
    /// The record's name as Attio shows it.
    pub record_text: String,
    /// The record's image (a logo or an avatar), if it has one.
    #[serde(default)]
    pub record_image: Option<String>,
    /// A company's domains.
    #[serde(default)]
    pub domains: Vec<String>,
    /// A person's email addresses.
    #[serde(default)]
    pub email_addresses: Vec<String>,
    /// A person's phone numbers.
    #[serde(default)]
    pub phone_numbers: Vec<String>,
}

impl SearchHit {
    /// The record's id.
    pub fn record_id(&self) -> &RecordId {
        &self.id.record_id
    }

    /// Whether the record is of type `R`'s object.
    pub fn is<R: Record>(&self) -> bool {
        self.object_slug == R::OBJECT
    }

    /// A typed reference to the record, when it is of type `R`'s object:
    /// what a reference setter takes, or `client.get_record::<R>` reads.
    pub fn record_ref<R: Record>(&self) -> Option<RecordRef<R>> {
        self.is::<R>()
            .then(|| RecordRef::new(self.id.record_id.clone()))
    }

    /// The ids of the hits of type `R`'s object, in the order found: read
    /// them whole with [`Client::get_records`].
    ///
    /// ```no_run
    /// # use attio_runtime::{Client, Record, Stored, api::search::{RecordSearch, SearchHit}};
    /// # async fn run<Company: Record>(client: &Client) -> Result<Vec<Stored<Company>>, attio_runtime::Error> {
    /// let hits = client.search_records(&RecordSearch::new("acme").of::<Company>()).await?;
    /// client.get_records::<Company>(&SearchHit::ids_of::<Company>(&hits)).await
    /// # }
    /// ```
    pub fn ids_of<R: Record>(hits: &[SearchHit]) -> Vec<RecordId> {
        hits.iter()
            .filter(|h| h.is::<R>())
            .map(|h| h.id.record_id.clone())
            .collect()
    }
}

impl Client {
    /// Searches records across objects: `POST /v2/objects/records/search`.
    /// Attio's results are eventually consistent (a record written just now
    /// may not be found yet); use a query for what must be up to date.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn search_records(&self, search: &RecordSearch) -> Result<Vec<SearchHit>, Error> {
        let call = Call::query("/v2/objects/records/search".to_owned(), search.body());
        self.call(call).await
    }
}
