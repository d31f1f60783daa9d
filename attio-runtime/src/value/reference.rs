//! References: `record-reference` ([`RecordRef`]) and `actor-reference`
//! ([`ActorRef`]), with the ids they hold.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde_json::{json, Map, Value};

use super::streaming::{object, optional_string, required_str, Scalar};
use super::{opt_str_field, str_field, AttributeValue, EmailAddress};
use crate::attribute::{Attribute, IsUnique};
use crate::error::{DecodeError, ValueError};
use crate::ids::lower_uuid;
pub use crate::ids::RecordId;
use crate::kind::{self, Kind};
use crate::record::Record;

/// The target of a [`RecordRef`]: a record type (its object is checked on
/// decode) or [`AnyObject`] (any object is accepted).
///
/// Implemented for every [`Record`] and for [`AnyObject`].
pub trait TargetObject {
    /// The object slug references must point to, or `None` for any object.
    fn target_object() -> Option<&'static str>;
}

impl<R: Record> TargetObject for R {
    fn target_object() -> Option<&'static str> {
        Some(R::OBJECT)
    }
}

/// A reference target of any object: for attributes whose target objects
/// have no generated struct, or allow several objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnyObject {}

impl TargetObject for AnyObject {
    fn target_object() -> Option<&'static str> {
        None
    }
}

/// How a reference names its record.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// By id: what Attio returns and the usual write.
    Id(RecordId),
    /// By a unique attribute of the target (write-only): the slug and the
    /// one-element array of its value in write format.
    Matching { attribute: String, value: Value },
}

/// A reference to a record of `T` (a record type, or [`AnyObject`]).
///
/// ```
/// use attio_runtime::value::{AnyObject, RecordId, RecordRef};
///
/// let id = RecordId::new("b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e")?;
/// let company: RecordRef<AnyObject> = RecordRef::to_object("companies", id);
/// assert_eq!(company.target_object(), "companies");
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
pub struct RecordRef<T = AnyObject> {
    object: String,
    target: Target,
    _target: PhantomData<fn() -> T>,
}

impl<T: Record> RecordRef<T> {
    /// A reference to the record `id` of `T`'s object.
    pub fn new(id: RecordId) -> Self {
        RecordRef {
            object: T::OBJECT.to_owned(),
            target: Target::Id(id),
            _target: PhantomData,
        }
    }

    /// A reference to the record of `T` whose unique `attribute` has `value`
    /// (write-only: Attio resolves it, and fails if no record matches).
    ///
    /// Encodes as `{"target_object": "people", "email_addresses": [{"email_address": "…"}]}`.
    pub fn matching<K: Kind, U: IsUnique, V: AttributeValue<K>>(
        attribute: Attribute<T, K, U>,
        value: &V,
    ) -> Self {
        RecordRef {
            object: T::OBJECT.to_owned(),
            target: Target::Matching {
                attribute: attribute.slug().to_owned(),
                value: Value::Array(vec![value.encode()]),
            },
            _target: PhantomData,
        }
    }
}

/// A reference to record `id` of `T`'s object, so setters taking
/// `impl Into<RecordRef<T>>` accept a bare id.
impl<T: Record> From<RecordId> for RecordRef<T> {
    fn from(id: RecordId) -> Self {
        RecordRef::new(id)
    }
}

impl RecordRef<AnyObject> {
    /// A reference to record `id` of the object with slug `object`.
    pub fn to_object(object: impl Into<String>, id: RecordId) -> Self {
        RecordRef {
            object: object.into(),
            target: Target::Id(id),
            _target: PhantomData,
        }
    }

    /// A reference by a unique attribute of any object, `value` being one
    /// element in that attribute's write format (write-only).
    pub fn matching_raw(
        object: impl Into<String>,
        attribute: impl Into<String>,
        value: Value,
    ) -> Self {
        RecordRef {
            object: object.into(),
            target: Target::Matching {
                attribute: attribute.into(),
                value: Value::Array(vec![value]),
            },
            _target: PhantomData,
        }
    }
}

impl<T> RecordRef<T> {
    /// The slug of the referenced record's object.
    pub fn target_object(&self) -> &str {
        &self.object
    }

    /// The referenced record's id; `None` only for a reference built with
    /// [`RecordRef::matching`], which Attio resolves on write.
    pub fn record_id(&self) -> Option<&RecordId> {
        match &self.target {
            Target::Id(id) => Some(id),
            Target::Matching { .. } => None,
        }
    }

    /// The same reference, forgetting the target type.
    pub fn into_any(self) -> RecordRef<AnyObject> {
        RecordRef {
            object: self.object,
            target: self.target,
            _target: PhantomData,
        }
    }
}

// Manual impls: derives would require `T: Clone` etc. of the marker type.
impl<T> Clone for RecordRef<T> {
    fn clone(&self) -> Self {
        RecordRef {
            object: self.object.clone(),
            target: self.target.clone(),
            _target: PhantomData,
        }
    }
}
impl<T> PartialEq for RecordRef<T> {
    fn eq(&self, other: &Self) -> bool {
        self.object == other.object && self.target == other.target
    }
}
impl<T> fmt::Debug for RecordRef<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Id(id) => write!(f, "RecordRef({}/{})", self.object, id),
            Target::Matching { attribute, value } => {
                write!(f, "RecordRef({} where {attribute} = {value})", self.object)
            }
        }
    }
}

impl<T: TargetObject> RecordRef<T> {
    /// Checks the object of a decoded reference against `T`'s.
    fn check_target(object: &str) -> Result<(), DecodeError> {
        match T::target_object() {
            Some(expected) if object != expected => Err(DecodeError::new(
                "target_object",
                format!("expected a reference to `{expected}`, found one to `{object}`"),
            )),
            _ => Ok(()),
        }
    }

    fn from_parts(object: String, id: &str) -> Result<Self, DecodeError> {
        let id =
            RecordId::new(id).map_err(|e| DecodeError::new("target_record_id", e.to_string()))?;
        Ok(RecordRef {
            object,
            target: Target::Id(id),
            _target: PhantomData,
        })
    }
}

/// The keys of a record-reference output value.
#[derive(Default, serde::Deserialize)]
struct RecordRefKeys<'a> {
    #[serde(default, borrow)]
    target_object: Scalar<'a>,
    #[serde(default, borrow)]
    target_record_id: Scalar<'a>,
}

impl<T: TargetObject> AttributeValue<kind::RecordReference> for RecordRef<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let object = str_field(value, "target_object")?;
        Self::check_target(object)?;
        Self::from_parts(object.to_owned(), str_field(value, "target_record_id")?)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<RecordRefKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let object = required_str("target_object", keys.target_object)?;
            Self::check_target(&object)?;
            let id = required_str("target_record_id", keys.target_record_id)?;
            Self::from_parts(object.into_owned(), &id)
        })())
    }
    fn encode(&self) -> Value {
        let mut out = Map::new();
        out.insert("target_object".into(), Value::String(self.object.clone()));
        match &self.target {
            Target::Id(id) => {
                out.insert(
                    "target_record_id".into(),
                    Value::String(id.as_str().to_owned()),
                );
            }
            Target::Matching { attribute, value } => {
                out.insert(attribute.clone(), value.clone());
            }
        }
        Value::Object(out)
    }
}

/// Who did something in Attio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorType {
    /// An API token (writes through the API with a workspace key).
    ApiToken,
    /// A person in the workspace.
    WorkspaceMember,
    /// Attio itself (enrichment, automations); has no id.
    System,
    /// An installed app.
    App,
}

impl ActorType {
    /// Attio's name: `"workspace-member"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::ApiToken => "api-token",
            ActorType::WorkspaceMember => "workspace-member",
            ActorType::System => "system",
            ActorType::App => "app",
        }
    }

    fn parse(path: &str, s: &str) -> Result<Self, DecodeError> {
        match s {
            "api-token" => Ok(ActorType::ApiToken),
            "workspace-member" => Ok(ActorType::WorkspaceMember),
            "system" => Ok(ActorType::System),
            "app" => Ok(ActorType::App),
            _ => Err(DecodeError::new(
                path,
                format!("expected api-token, workspace-member, system or app, found {s:?}"),
            )),
        }
    }
}

impl fmt::Display for ActorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// Decodes `{"type": …, "id": …}`.
    pub(crate) fn decode(value: &Value) -> Result<Self, DecodeError> {
        Ok(Actor {
            actor_type: ActorType::parse("type", str_field(value, "type")?)?,
            id: opt_str_field(value, "id")?,
        })
    }

    /// [`Actor::decode`] on streamed keys.
    pub(crate) fn from_keys(keys: ActorKeys<'_>) -> Result<Self, DecodeError> {
        Ok(Actor {
            actor_type: ActorType::parse("type", &required_str("type", keys.actor_type)?)?,
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
            ActorRepr::Actor { actor_type, .. } => Some(*actor_type),
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
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let actor_type = ActorType::parse(
            "referenced_actor_type",
            str_field(value, "referenced_actor_type")?,
        )?;
        let id = opt_str_field(value, "referenced_actor_id")?;
        Ok(ActorRef(ActorRepr::Actor { actor_type, id }))
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<ActorRefKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let actor_type = ActorType::parse(
                "referenced_actor_type",
                &required_str("referenced_actor_type", keys.referenced_actor_type)?,
            )?;
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
    use super::*;

    const ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

    #[test]
    fn record_ids() {
        assert!(RecordId::new(ID).is_ok());
        let err = RecordId::new("rec_1").unwrap_err();
        assert!(err.reason.contains("UUID"));
        assert!(serde_json::from_value::<RecordId>(json!("nope")).is_err());
        assert_eq!(
            serde_json::to_value(RecordId::new(ID).unwrap()).unwrap(),
            json!(ID)
        );
    }

    #[test]
    fn any_object_reference() {
        let v = json!({"target_object": "companies", "target_record_id": ID, "attribute_type": "record-reference"});
        let r = <RecordRef as AttributeValue<kind::RecordReference>>::decode(&v).unwrap();
        assert_eq!(r.target_object(), "companies");
        assert_eq!(r.record_id().map(RecordId::as_str), Some(ID));
        assert_eq!(
            r.encode(),
            json!({"target_object": "companies", "target_record_id": ID})
        );
        let bad = json!({"target_object": "companies", "target_record_id": "x"});
        assert!(<RecordRef as AttributeValue<kind::RecordReference>>::decode(&bad).is_err());
    }

    #[test]
    fn actors() {
        let v = json!({"referenced_actor_type": "system", "referenced_actor_id": null});
        let a = <ActorRef as AttributeValue<kind::ActorReference>>::decode(&v).unwrap();
        assert_eq!(a.actor_type(), Some(ActorType::System));
        assert_eq!(a.id(), None);
        let v = json!({"referenced_actor_type": "robot", "referenced_actor_id": null});
        assert!(<ActorRef as AttributeValue<kind::ActorReference>>::decode(&v).is_err());
        let by_email = ActorRef::workspace_member_email(EmailAddress::new("ada@acme.com").unwrap());
        assert_eq!(
            by_email.encode(),
            json!({"workspace_member_email_address": "ada@acme.com"})
        );
        assert!(ActorRef::workspace_member("not-a-uuid").is_err());
    }
}
