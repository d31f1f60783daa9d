//! `actor-reference`: [`ActorRef`], and the [`Actor`] Attio reports as
//! the author of a value or the owner of an interaction.

use std::fmt;

use serde::Deserializer;
use serde_json::{json, Value};

use super::attribute_value::AttributeValue;
use super::email::EmailAddress;
use super::streaming::{object, optional_string, required_str, Scalar};
use crate::error::{DecodeError, ValueError};
use crate::ids::lower_uuid;
use crate::kind;
use crate::novelty;

/// Who did something in Attio.
///
/// An actor type this version does not know (Attio adds them) is
/// [`Other`](Self::Other), kept as Attio named it and warned of once, never
/// a failed read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ActorType {
    /// An API token (writes through the API with a workspace key).
    ApiToken,
    /// A person in the workspace.
    WorkspaceMember,
    /// Attio itself (enrichment, automations); has no id.
    System,
    /// An installed app.
    App,
    /// An actor type newer than this crate, kept as Attio named it.
    Other(String),
}

impl ActorType {
    /// Attio's name: `"workspace-member"`.
    pub fn as_str(&self) -> &str {
        match self {
            ActorType::ApiToken => "api-token",
            ActorType::WorkspaceMember => "workspace-member",
            ActorType::System => "system",
            ActorType::App => "app",
            ActorType::Other(name) => name,
        }
    }

    /// The type Attio names `name`; an unknown name is [`Other`](Self::Other).
    pub fn from_name(name: &str) -> Self {
        match name {
            "api-token" => ActorType::ApiToken,
            "workspace-member" => ActorType::WorkspaceMember,
            "system" => ActorType::System,
            "app" => ActorType::App,
            other => ActorType::Other(other.to_owned()),
        }
    }

    /// [`from_name`](Self::from_name) of a name Attio sent: an unknown one
    /// is warned of (once).
    fn read(name: &str) -> Self {
        let actor_type = ActorType::from_name(name);
        if let ActorType::Other(name) = &actor_type {
            novelty::unknown("actor type", name);
        }
        actor_type
    }
}

impl fmt::Display for ActorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ActorType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Any string reads: a name this version does not know is
/// [`ActorType::Other`].
impl<'de> serde::Deserialize<'de> for ActorType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(ActorType::read(&name))
    }
}

/// An actor as Attio reports it (`created_by_actor`, `owner_actor`):
/// `{"type": "workspace-member", "id": "…"}`; `system` has no id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    /// The kind of actor.
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    /// Its id (`None` for `system`).
    pub id: Option<String>,
}

impl Actor {
    /// Decodes the keys of `{"type": …, "id": …}`.
    pub(crate) fn from_keys(keys: ActorKeys<'_>) -> Result<Self, DecodeError> {
        Ok(Actor {
            actor_type: ActorType::read(&required_str("type", keys.actor_type)?),
            id: optional_string("id", keys.id)?,
        })
    }
}

/// The keys of an actor object (`owner_actor`).
#[derive(Default, serde::Deserialize)]
pub(crate) struct ActorKeys<'a> {
    #[serde(default, borrow, rename = "type")]
    actor_type: Scalar<'a>,
    #[serde(default, borrow)]
    id: Scalar<'a>,
}

/// The keys of an actor-reference output value.
#[derive(Default, serde::Deserialize)]
struct ActorRefKeys<'a> {
    #[serde(default, borrow)]
    referenced_actor_type: Scalar<'a>,
    #[serde(default, borrow)]
    referenced_actor_id: Scalar<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ActorRepr {
    Actor {
        actor_type: ActorType,
        id: Option<String>,
    },
    MemberEmail(EmailAddress),
}

/// A value of an `actor-reference` attribute (record owners, `created_by`).
///
/// Reads carry any actor type; writes accept only workspace members, by id
/// ([`ActorRef::workspace_member`]) or by email address
/// ([`ActorRef::workspace_member_email`]). A decoded reference to another
/// kind of actor encodes as read, which Attio rejects; the attributes that
/// hold such actors (`created_by`) are read-only, so the derive never writes them.
///
/// ```
/// use attio_runtime::value::ActorRef;
///
/// let owner = ActorRef::workspace_member("67561dce-429b-4dc9-8b79-e0c42416a530")?;
/// assert!(ActorRef::workspace_member("ada").is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ActorRef(ActorRepr);

impl ActorRef {
    /// The workspace member with this id (a UUID).
    pub fn workspace_member(id: &str) -> Result<Self, ValueError> {
        let id = lower_uuid("actor-reference", id)?;
        Ok(ActorRef(ActorRepr::Actor {
            actor_type: ActorType::WorkspaceMember,
            id: Some(id),
        }))
    }

    /// The workspace member with this email address (write-only: Attio
    /// resolves it, and rejects an address that is not a member's).
    pub fn workspace_member_email(email: EmailAddress) -> Self {
        ActorRef(ActorRepr::MemberEmail(email))
    }

    /// The kind of actor; `None` for a reference by email address, which is
    /// always a workspace member but not yet resolved.
    pub fn actor_type(&self) -> Option<ActorType> {
        match &self.0 {
            ActorRepr::Actor { actor_type, .. } => Some(actor_type.clone()),
            ActorRepr::MemberEmail(_) => None,
        }
    }

    /// The actor's id, when known (`None` for `system` and for references by email).
    pub fn id(&self) -> Option<&str> {
        match &self.0 {
            ActorRepr::Actor { id, .. } => id.as_deref(),
            ActorRepr::MemberEmail(_) => None,
        }
    }

    /// The member's email address, for a reference built by email.
    pub fn email(&self) -> Option<&EmailAddress> {
        match &self.0 {
            ActorRepr::MemberEmail(email) => Some(email),
            ActorRepr::Actor { .. } => None,
        }
    }
}

impl AttributeValue<kind::ActorReference> for ActorRef {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<ActorRefKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let actor_type = ActorType::read(&required_str(
                "referenced_actor_type",
                keys.referenced_actor_type,
            )?);
            let id = optional_string("referenced_actor_id", keys.referenced_actor_id)?;
            Ok(ActorRef(ActorRepr::Actor { actor_type, id }))
        })())
    }
    fn encode(&self) -> Value {
        match &self.0 {
            ActorRepr::Actor { actor_type, id } => json!({
                "referenced_actor_type": actor_type.as_str(),
                "referenced_actor_id": id,
            }),
            ActorRepr::MemberEmail(email) => {
                json!({ "workspace_member_email_address": email.as_str() })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn actors() {
        let v = json!({"referenced_actor_type": "system", "referenced_actor_id": null});
        let a = <ActorRef as AttributeValue<kind::ActorReference>>::decode(&v).unwrap();
        assert_eq!(a.actor_type(), Some(ActorType::System));
        assert_eq!(a.id(), None);
        let v = json!({"referenced_actor_type": "robot", "referenced_actor_id": "r2"});
        let robot = <ActorRef as AttributeValue<kind::ActorReference>>::decode(&v).unwrap();
        assert_eq!(
            robot.actor_type(),
            Some(ActorType::Other("robot".to_owned()))
        );
        assert_eq!(robot.encode(), v);
        let v = json!({"referenced_actor_id": "r2"});
        assert!(<ActorRef as AttributeValue<kind::ActorReference>>::decode(&v).is_err());
        let by_email = ActorRef::workspace_member_email(EmailAddress::new("ada@acme.com").unwrap());
        assert_eq!(
            by_email.encode(),
            json!({"workspace_member_email_address": "ada@acme.com"})
        );
        assert!(ActorRef::workspace_member("not-a-uuid").is_err());
    }
}
