//! Workspace members: the people a record's owner, a task's assignee or an
//! actor reference name by id, listed or fetched one at a time.

use serde::Deserialize;

use crate::client::transport::Call;
use crate::ids::{WorkspaceId, WorkspaceMemberId};
use crate::{Client, Error};

/// A member's `id`: `{"workspace_id", "workspace_member_id"}`; also the
/// `id` of a `workspace-member.*` webhook event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct WorkspaceMemberKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The member.
    pub workspace_member_id: WorkspaceMemberId,
}

/// What a member may do in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberAccessLevel {
    /// Manages the workspace.
    Admin,
    /// A member.
    Member,
    /// No longer has access: Attio suspends members, it never deletes them.
    Suspended,
    /// A level newer than this crate, as Attio spells it (warned of once).
    #[serde(untagged, deserialize_with = "other_level")]
    Other(String),
}

fn other_level<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    crate::novelty::other("member access level", d)
}

/// A workspace member as Attio returns it.
///
/// ```
/// # use attio_runtime::api::members::WorkspaceMember;
/// let member: WorkspaceMember = serde_json::from_value(serde_json::json!({
///     "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
///            "workspace_member_id": "67561dce-429b-4dc9-8b79-e0c42416a530"},
///     "first_name": "Ada", "last_name": "Lovelace", "avatar_url": null,
///     "email_address": "ada@acme.com", "access_level": "admin",
///     "created_at": "2023-01-01T15:00:00.000000000Z"
/// })).unwrap();
/// assert_eq!(member.full_name(), "Ada Lovelace");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WorkspaceMember {
    /// Workspace and member ids.
    pub id: WorkspaceMemberKey,
    /// First name, possibly empty.
    pub first_name: String,
    /// Last name, possibly empty.
    pub last_name: String,
    /// The avatar's URL, if any.
    pub avatar_url: Option<String>,
    /// The member's email address.
    pub email_address: String,
    /// What the member may do.
    pub access_level: MemberAccessLevel,
    /// When the member joined, as Attio formats it (nanoseconds, UTC).
    pub created_at: String,
}

impl WorkspaceMember {
    /// First and last name, joined by a space when both are set.
    pub fn full_name(&self) -> String {
        let (first, last) = (self.first_name.trim(), self.last_name.trim());
        match (first.is_empty(), last.is_empty()) {
            (false, false) => format!("{first} {last}"),
            (false, true) => first.to_owned(),
            _ => last.to_owned(),
        }
    }
}

impl Client {
    /// Every member of the workspace, suspended ones included:
    /// `GET /v2/workspace_members` (one page: Attio does not paginate it).
    pub async fn list_workspace_members(&self) -> Result<Vec<WorkspaceMember>, Error> {
        self.call(Call::get("/v2/workspace_members".to_owned()))
            .await
    }

    /// One member: `GET /v2/workspace_members/{id}`; an unknown id is an
    /// error of kind [`NotFound`](crate::ErrorKind::NotFound).
    pub async fn get_workspace_member(
        &self,
        id: &WorkspaceMemberId,
    ) -> Result<WorkspaceMember, Error> {
        self.call(Call::get(format!("/v2/workspace_members/{id}")))
            .await
    }
}
