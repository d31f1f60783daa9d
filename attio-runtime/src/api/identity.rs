//! The token itself: which workspace an API key belongs to, and what it may
//! do (Attio's "Identify", `GET /v2/self`).

use serde::{Deserialize, Deserializer};

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
/// assert_eq!(me.token_level, None);
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
    /// Whether the token acts for the whole workspace or for one member;
    /// absent for an inactive token and from answers older than the field.
    #[serde(default)]
    pub token_level: Option<TokenLevel>,
}

/// What a token acts as (`token_level` of `GET /v2/self`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenLevel {
    /// A workspace's integration token (`workspace`).
    Workspace,
    /// A token acting as one member (`user`).
    User,
    /// A level this version does not know, as Attio spelled it.
    Other(String),
}

impl TokenLevel {
    /// The level as Attio spells it.
    pub fn as_str(&self) -> &str {
        match self {
            TokenLevel::Workspace => "workspace",
            TokenLevel::User => "user",
            TokenLevel::Other(other) => other,
        }
    }
}

impl<'de> Deserialize<'de> for TokenLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match String::deserialize(deserializer)?.as_str() {
            "workspace" => TokenLevel::Workspace,
            "user" => TokenLevel::User,
            other => TokenLevel::Other(other.to_owned()),
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_level_is_typed_and_a_new_one_kept() {
        let read = |level: &str| {
            let me: Identity = serde_json::from_value(serde_json::json!({
                "active": true, "token_level": level
            }))
            .unwrap();
            me.token_level
        };
        assert_eq!(read("workspace"), Some(TokenLevel::Workspace));
        assert_eq!(read("user"), Some(TokenLevel::User));
        assert_eq!(read("team"), Some(TokenLevel::Other("team".into())));
        let inactive: Identity =
            serde_json::from_value(serde_json::json!({"active": false})).unwrap();
        assert!(!inactive.active);
        assert_eq!(inactive.token_level, None);
    }
}
