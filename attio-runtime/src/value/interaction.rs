//! `interaction` (read-only): the first, last or next email or meeting.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Deserializer;
use serde_json::{json, Value};

use super::actor_ref::{Actor, ActorKeys};
use super::attribute_value::AttributeValue;
use super::date_time::{format_timestamp, parse_timestamp};
use super::streaming::{object, required_str, Object, Scalar};
use crate::error::DecodeError;
use crate::kind;
use crate::novelty;

/// What kind of interaction.
///
/// Attio's 2026 API names `activity`, `calendar-event`, `email` and
/// `meeting`; `call`, `chat-thread` and `in-person-meeting` are kept for
/// the values older workspaces still return. A name this version does not
/// know is [`Other`](Self::Other), never a failed read (and warned of once).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InteractionType {
    /// `activity`
    Activity,
    /// `calendar-event`
    CalendarEvent,
    /// `call`
    Call,
    /// `chat-thread`
    ChatThread,
    /// `email`
    Email,
    /// `in-person-meeting`
    InPersonMeeting,
    /// `meeting`
    Meeting,
    /// A type newer than this crate, kept as Attio named it.
    Other(String),
}

impl InteractionType {
    /// Attio's name (`"calendar-event"`).
    pub fn as_str(&self) -> &str {
        match self {
            InteractionType::Activity => "activity",
            InteractionType::CalendarEvent => "calendar-event",
            InteractionType::Call => "call",
            InteractionType::ChatThread => "chat-thread",
            InteractionType::Email => "email",
            InteractionType::InPersonMeeting => "in-person-meeting",
            InteractionType::Meeting => "meeting",
            InteractionType::Other(s) => s,
        }
    }

    /// The type Attio names `name`; unknown names become [`Other`](Self::Other).
    pub fn from_name(name: &str) -> Self {
        match name {
            "activity" => InteractionType::Activity,
            "calendar-event" => InteractionType::CalendarEvent,
            "call" => InteractionType::Call,
            "chat-thread" => InteractionType::ChatThread,
            "email" => InteractionType::Email,
            "in-person-meeting" => InteractionType::InPersonMeeting,
            "meeting" => InteractionType::Meeting,
            other => InteractionType::Other(other.to_owned()),
        }
    }
}

/// Attio's name, for filters on `interaction_type`.
impl From<InteractionType> for String {
    fn from(t: InteractionType) -> String {
        t.as_str().to_owned()
    }
}

impl fmt::Display for InteractionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An interaction Attio computed from email and calendar data
/// (`first_email_interaction`, `next_calendar_interaction` …).
///
/// Read-only: Attio refuses writes to interaction attributes, and the
/// derive generates no setter for them. [`encode`](AttributeValue::encode)
/// reproduces the output shape (for caching and tests), never a write.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Interaction {
    /// What kind of interaction.
    pub interaction_type: InteractionType,
    /// When it happened (or, for `next_…` attributes, will happen).
    pub interacted_at: DateTime<Utc>,
    /// Who owns it, when Attio knows.
    pub owner_actor: Option<Actor>,
}

impl AttributeValue<kind::Interaction> for Interaction {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<InteractionKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let interacted_at =
                parse_timestamp(&required_str("interacted_at", keys.interacted_at)?)
                    .map_err(|e| DecodeError::new("interacted_at", e.to_string()))?;
            let owner_actor = match keys.owner_actor {
                None => None,
                Some(actor) => {
                    Some(Actor::from_keys(actor.fields).map_err(|e| e.at("owner_actor"))?)
                }
            };
            let interaction_type = InteractionType::from_name(&required_str(
                "interaction_type",
                keys.interaction_type,
            )?);
            if let InteractionType::Other(name) = &interaction_type {
                novelty::unknown("interaction type", name);
            }
            Ok(Interaction {
                interaction_type,
                interacted_at,
                owner_actor,
            })
        })())
    }
    fn encode(&self) -> Value {
        json!({
            "interaction_type": self.interaction_type.as_str(),
            "interacted_at": format_timestamp(&self.interacted_at),
            "owner_actor": self.owner_actor.as_ref().map(|a| json!({
                "type": a.actor_type.as_str(),
                "id": a.id,
            })),
        })
    }
}

/// The keys of an interaction output value. `owner_actor` is `None` when
/// absent or `null`, as `decode` reads it.
#[derive(Default, serde::Deserialize)]
struct InteractionKeys<'a> {
    #[serde(default, borrow)]
    interaction_type: Scalar<'a>,
    #[serde(default, borrow)]
    interacted_at: Scalar<'a>,
    #[serde(default, borrow)]
    owner_actor: Option<Object<ActorKeys<'a>>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ActorType;

    #[test]
    fn decodes() {
        let v = json!({
            "interaction_type": "email",
            "interacted_at": "2025-04-19T00:46:57.041000000Z",
            "owner_actor": {"type": "workspace-member", "id": "67561dce-429b-4dc9-8b79-e0c42416a530"},
            "attribute_type": "interaction"
        });
        let i = <Interaction as AttributeValue<kind::Interaction>>::decode(&v).unwrap();
        assert_eq!(i.interaction_type, InteractionType::Email);
        assert_eq!(
            i.owner_actor.as_ref().map(|a| &a.actor_type),
            Some(&ActorType::WorkspaceMember)
        );
        let mut round = i.encode();
        round["attribute_type"] = json!("interaction");
        assert_eq!(round, v);
        let bad = json!({"interaction_type": "email", "interacted_at": "yesterday"});
        assert!(<Interaction as AttributeValue<kind::Interaction>>::decode(&bad).is_err());
        let bad = json!({"interaction_type": "email", "interacted_at": "2025-04-19T00:46:57Z", "owner_actor": {"id": null}});
        let err = <Interaction as AttributeValue<kind::Interaction>>::decode(&bad).unwrap_err();
        assert_eq!(err.path, "owner_actor.type");
    }

    /// The 2026 type, the ones it replaced, and one newer than this crate:
    /// all read, the newer one kept as Attio named it.
    #[test]
    fn reads_every_type_old_new_and_unknown() {
        let read = |name: &str, owner: serde_json::Value| {
            let v = json!({"interaction_type": name, "interacted_at": "2026-10-01T09:00:00Z",
                           "owner_actor": owner});
            <Interaction as AttributeValue<kind::Interaction>>::decode(&v).unwrap()
        };
        let member =
            json!({"type": "workspace-member", "id": "67561dce-429b-4dc9-8b79-e0c42416a530"});
        for (name, known) in [
            ("activity", InteractionType::Activity),
            ("call", InteractionType::Call),
            ("chat-thread", InteractionType::ChatThread),
            ("in-person-meeting", InteractionType::InPersonMeeting),
            ("meeting", InteractionType::Meeting),
        ] {
            assert_eq!(read(name, member.clone()).interaction_type, known);
            assert_eq!(known.as_str(), name);
        }
        let newer = read("smoke-signal", json!({"type": "robot", "id": "r2"}));
        assert_eq!(
            newer.interaction_type,
            InteractionType::Other("smoke-signal".to_owned())
        );
        let owner = newer.owner_actor.as_ref().unwrap();
        assert_eq!(owner.actor_type, ActorType::Other("robot".to_owned()));
        assert_eq!(newer.encode()["interaction_type"], "smoke-signal");
        assert_eq!(
            newer.encode()["owner_actor"],
            json!({"type": "robot", "id": "r2"})
        );
    }
}
