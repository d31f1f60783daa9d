//! The token itself: which workspace an API key belongs to, and what it may
//! do (Attio's "Identify", `GET /v2/self`).

use serde::Deserialize;

use crate::client::transport::Call;
use crate::ids::{WorkspaceId, WorkspaceMemberId};
use crate::{Client, Error, ErrorKind};

/// What Attio says about the token a [`Client`] sends: its workspace and
/// scopes. A revoked or expired token answers only `active: false`, so
/// every other field is optional.
///
/// ```
/// # use attio_runtime::api::identity::Identity;
/// let me: Identity = serde_json::from_value(serde_json::json!({
///     "active": true, "scope": "record_permission:read",
///     "workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///     "workspace_name": "Acme", "workspace_slug": "acme"
/// })).unwrap();
/// assert_eq!(me.workspace_name.as_deref(), Some("Acme"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Identity {
    /// Whether the token is active and usable.
    pub active: bool,
    /// The workspace the token is scoped to.
    #[serde(default)]
    pub workspace_id: Option<WorkspaceId>,
    /// The workspace's name.
    #[serde(default)]
    pub workspace_name: Option<String>,
    /// The workspace's slug (its part of `app.attio.com` URLs).
    #[serde(default)]
    pub workspace_slug: Option<String>,
    /// The token's scopes, space-separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The member who authorised the token, when Attio knows.
    #[serde(default)]
    pub authorized_by_workspace_member_id: Option<WorkspaceMemberId>,
}

impl Client {
    /// Which workspace this client's key belongs to, and its scopes:
    /// `GET /v2/self` ("Identify",
    /// <https://docs.attio.com/rest-api/endpoint-reference/meta/identify>).
    /// It needs no scope, so it works with any valid key.
    pub async fn identify(&self) -> Result<Identity, Error> {
        const PATH: &str = "/v2/self";
        // The one answer of Attio's API without a `data` envelope.
        let body = self.send(Call::get(PATH.to_owned())).await?;
        serde_json::from_slice(&body).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("the response does not have the expected shape: {e}"),
            )
            .with_source(e)
            .with_request("GET", PATH)
        })
    }
}
