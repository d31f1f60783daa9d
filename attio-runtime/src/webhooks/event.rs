//! What a delivery carries: `webhook_id` and a batch of events, each typed
//! by its `event_type` (<https://docs.attio.com/rest-api/webhook-reference>).
//! Events carry ids only; receivers re-fetch what they need.

use serde::de::{Deserializer, Error as _};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::api::comments::CommentKey;
use crate::api::members::WorkspaceMemberKey;
use crate::api::notes::NoteId;
use crate::api::tasks::TaskKey;
use crate::ids::{
    AttributeId, EntryId, ListId, ObjectId, RecordId, ThreadId, WebhookId, WorkspaceId,
};
use crate::novelty;
use crate::value::Actor;

/// One POST from Attio to a webhook's target URL.
///
/// ```
/// use attio_runtime::webhooks::{Delivery, Event};
///
/// let body = br#"{"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [{
///     "event_type": "record.updated",
///     "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
///            "record_id": "e54b1781-560f-4aea-baf3-c2e5bbc58c79", "attribute_id": "c8421a2b-5e0f-4c8a-9d7e-2b1f0e3a4c55"},
///     "actor": {"type": "workspace-member", "id": "67562b1c-1f2e-4d3a-8b9c-0d1e2f3a4b5c"}}]}"#;
/// let delivery = Delivery::from_slice(body)?;
/// let Event::RecordUpdated(updated) = &delivery.events[0] else { unreachable!() };
/// assert_eq!(updated.id.record_id, "e54b1781-560f-4aea-baf3-c2e5bbc58c79");
/// # Ok::<(), attio_runtime::webhooks::DeliveryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Delivery {
    /// The webhook that sent it.
    pub webhook_id: WebhookId,
    /// The events; Attio sends one per delivery today and reserves the
    /// array for batching.
    pub events: Vec<Event>,
}

impl Delivery {
    /// Parses a delivery body (verify it first: [`verify`](super::verify)).
    pub fn from_slice(raw_body: &[u8]) -> Result<Delivery, DeliveryError> {
        let mut de = serde_json::Deserializer::from_slice(raw_body);
        let delivery = serde_path_to_error::deserialize(&mut de).map_err(|e| DeliveryError {
            path: e.path().to_string(),
            message: crate::error::elided(e.inner().to_string()),
        })?;
        de.end().map_err(|e| DeliveryError {
            path: ".".to_owned(),
            message: e.to_string(),
        })?;
        Ok(delivery)
    }
}

/// Why a delivery body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the webhook delivery at `{path}`: {message}")]
pub struct DeliveryError {
    /// Where in the body, e.g. `events[0].id.record_id`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

/// Declares [`Event`] from one table of `"event_type" => Variant(Payload)`,
/// so that the variants, their names and their parsing cannot drift apart.
macro_rules! events {
    ($($name:literal => $variant:ident($payload:ty): $doc:literal,)*) => {
        /// One event, by its `event_type`. A type this version does not know
        /// (Attio adds them) is [`Event::Unknown`] with its JSON kept, warned
        /// of once, never an error; so is an actor type it does not know
        /// ([`ActorType::Other`](crate::value::ActorType::Other)) in a known event.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $(#[doc = $doc] $variant($payload),)*
            /// An event type this version does not know, kept whole.
            Unknown {
                /// Its `event_type`.
                event_type: String,
                /// The event object as received.
                raw: Value,
            },
        }

        impl Event {
            /// The `event_type` as Attio names it (`record.updated` …).
            pub fn event_type(&self) -> &str {
                match self {
                    $(Event::$variant(_) => $name,)*
                    Event::Unknown { event_type, .. } => event_type,
                }
            }

            /// Parses `raw` as the event its `event_type` names.
            fn parse<E: serde::de::Error>(event_type: String, raw: Value) -> Result<Event, E> {
                Ok(match event_type.as_str() {
                    $($name => Event::$variant(typed(&event_type, raw)?),)*
                    _ => {
                        novelty::unknown("webhook event type", &event_type);
                        Event::Unknown { event_type, raw }
                    }
                })
            }
        }
    };
}

events! {
    "record.created" => RecordCreated(RecordEvent): "`record.created`.",
    "record.updated" => RecordUpdated(RecordUpdated): "`record.updated`: one event per changed attribute.",
    "record.deleted" => RecordDeleted(RecordEvent): "`record.deleted`.",
    "record.merged" => RecordMerged(RecordMerged): "`record.merged`: `id` is the surviving record.",
    "list-entry.created" => ListEntryCreated(EntryEvent): "`list-entry.created`.",
    "list-entry.updated" => ListEntryUpdated(EntryUpdated): "`list-entry.updated`: one event per changed attribute.",
    "list-entry.deleted" => ListEntryDeleted(EntryEvent): "`list-entry.deleted`.",
    "list.created" => ListCreated(ListEvent): "`list.created`.",
    "list.updated" => ListUpdated(ListEvent): "`list.updated`.",
    "list.deleted" => ListDeleted(ListEvent): "`list.deleted`.",
    "object-attribute.created" => ObjectAttributeCreated(ObjectAttributeEvent): "`object-attribute.created`.",
    "object-attribute.updated" => ObjectAttributeUpdated(ObjectAttributeEvent): "`object-attribute.updated`.",
    "list-attribute.created" => ListAttributeCreated(ListAttributeEvent): "`list-attribute.created`.",
    "list-attribute.updated" => ListAttributeUpdated(ListAttributeEvent): "`list-attribute.updated`.",
    "note.created" => NoteCreated(NoteEvent): "`note.created`.",
    "note.updated" => NoteUpdated(NoteEvent): "`note.updated` (the title).",
    "note-content.updated" => NoteContentUpdated(NoteEvent): "`note-content.updated` (the body).",
    "note.deleted" => NoteDeleted(NoteEvent): "`note.deleted`.",
    "task.created" => TaskCreated(TaskEvent): "`task.created`.",
    "task.updated" => TaskUpdated(TaskEvent): "`task.updated`.",
    "task.deleted" => TaskDeleted(TaskEvent): "`task.deleted`.",
    "comment.created" => CommentCreated(CommentEvent): "`comment.created`.",
    "comment.resolved" => CommentResolved(CommentEvent): "`comment.resolved`.",
    "comment.unresolved" => CommentUnresolved(CommentEvent): "`comment.unresolved`.",
    "comment.deleted" => CommentDeleted(CommentEvent): "`comment.deleted`.",
    "workspace-member.created" => WorkspaceMemberCreated(WorkspaceMemberEvent): "`workspace-member.created`.",
    "call-recording.created" => CallRecordingCreated(CallRecordingEvent): "`call-recording.created`: a meeting's recording has finished uploading.",
    "activity.created" => ActivityCreated(ActivityEvent): "`activity.created` (alpha).",
    "activity.updated" => ActivityUpdated(ActivityEvent): "`activity.updated` (alpha).",
    "activity.deleted" => ActivityDeleted(ActivityEvent): "`activity.deleted` (alpha).",
    "activity-attribute.created" => ActivityAttributeCreated(ActivityEvent): "`activity-attribute.created` (alpha).",
    "activity-attribute.updated" => ActivityAttributeUpdated(ActivityEvent): "`activity-attribute.updated` (alpha).",
    "activity-record.created" => ActivityRecordCreated(ActivityEvent): "`activity-record.created` (alpha).",
    "activity-record.deleted" => ActivityRecordDeleted(ActivityEvent): "`activity-record.deleted` (alpha).",
}

/// One event's payload, with the path of what is wrong when it does not fit.
fn typed<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    event_type: &str,
    raw: Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        E::custom(format_args!(
            "a `{event_type}` event at `{}`: {}",
            e.path(),
            e.inner()
        ))
    })
}

impl Event {
    /// The record this event is about, for the record events: what a
    /// receiver re-fetches (`record.merged` names the surviving record).
    pub fn record(&self) -> Option<(&ObjectId, &RecordId)> {
        match self {
            Event::RecordCreated(e) | Event::RecordDeleted(e) => {
                Some((&e.id.object_id, &e.id.record_id))
            }
            Event::RecordUpdated(e) => Some((&e.id.object_id, &e.id.record_id)),
            Event::RecordMerged(e) => Some((&e.id.object_id, &e.id.record_id)),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        match raw.get("event_type") {
            Some(Value::String(t)) => Event::parse(t.clone(), raw),
            _ => Err(D::Error::custom(
                "expected an event with a string `event_type`",
            )),
        }
    }
}

/// `id` of a record event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct RecordKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The record's object.
    pub object_id: ObjectId,
    /// The record.
    pub record_id: RecordId,
}

/// `id` of an event about one attribute of a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct RecordAttributeKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The record's object.
    pub object_id: ObjectId,
    /// The record.
    pub record_id: RecordId,
    /// The attribute whose values changed.
    pub attribute_id: AttributeId,
}

/// `record.created`, `record.deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordEvent {
    /// Which record.
    pub id: RecordKey,
    /// Who did it.
    pub actor: Actor,
}

/// `record.updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordUpdated {
    /// Which record and attribute.
    pub id: RecordAttributeKey,
    /// Who did it.
    pub actor: Actor,
}

/// `record.merged`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordMerged {
    /// The surviving record.
    pub id: RecordKey,
    /// The object of the record merged into it.
    pub duplicate_object_id: ObjectId,
    /// The record merged into it, which no longer exists.
    pub duplicate_record_id: RecordId,
    /// Who did it.
    pub actor: Actor,
}

/// `id` of a list-entry event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct EntryKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The entry's list.
    pub list_id: ListId,
    /// The entry.
    pub entry_id: EntryId,
}

/// `id` of an event about one attribute of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct EntryAttributeKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The entry's list.
    pub list_id: ListId,
    /// The entry.
    pub entry_id: EntryId,
    /// The list attribute whose values changed.
    pub attribute_id: AttributeId,
}

/// `list-entry.created`, `list-entry.deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntryEvent {
    /// Which entry.
    pub id: EntryKey,
    /// The parent record's object.
    pub parent_object_id: ObjectId,
    /// The parent record.
    pub parent_record_id: RecordId,
    /// Who did it.
    pub actor: Actor,
}

/// `list-entry.updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntryUpdated {
    /// Which entry and attribute.
    pub id: EntryAttributeKey,
    /// The parent record's object.
    pub parent_object_id: ObjectId,
    /// The parent record.
    pub parent_record_id: RecordId,
    /// Who did it.
    pub actor: Actor,
}

/// `id` of a list event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct ListKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The list.
    pub list_id: ListId,
}

/// `list.created`, `list.updated`, `list.deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListEvent {
    /// Which list.
    pub id: ListKey,
    /// Who did it.
    pub actor: Actor,
}

/// `id` of an object-attribute event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct ObjectAttributeKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The object.
    pub object_id: ObjectId,
    /// The attribute.
    pub attribute_id: AttributeId,
}

/// `object-attribute.created`, `object-attribute.updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ObjectAttributeEvent {
    /// Which attribute.
    pub id: ObjectAttributeKey,
    /// Who did it.
    pub actor: Actor,
}

/// `id` of a list-attribute event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct ListAttributeKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The list.
    pub list_id: ListId,
    /// The attribute.
    pub attribute_id: AttributeId,
}

/// `list-attribute.created`, `list-attribute.updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListAttributeEvent {
    /// Which attribute.
    pub id: ListAttributeKey,
    /// Who did it.
    pub actor: Actor,
}

/// `note.*` and `note-content.updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NoteEvent {
    /// Which note.
    pub id: NoteId,
    /// The object of the record the note is on.
    pub parent_object_id: ObjectId,
    /// The record the note is on.
    pub parent_record_id: RecordId,
    /// Who did it.
    pub actor: Actor,
}

/// `task.created`, `task.updated`, `task.deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TaskEvent {
    /// Which task.
    pub id: TaskKey,
    /// Who did it.
    pub actor: Actor,
}

/// `call-recording.created`
/// (<https://docs.attio.com/rest-api/webhook-reference/call-recording-events/call-recordingcreated>):
/// a meeting's recording has finished uploading; fetch it with
/// [`Client::get_call_recording`](crate::Client::get_call_recording).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CallRecordingEvent {
    /// Which recording, of which meeting.
    pub id: crate::api::call_recordings::CallRecordingKey,
    /// Who did it.
    pub actor: Actor,
}

/// `comment.*`: a comment on a record, or on a list entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CommentEvent {
    /// Which comment.
    pub id: CommentKey,
    /// Its thread.
    pub thread_id: ThreadId,
    /// The object of the record commented on.
    pub object_id: ObjectId,
    /// The record commented on (an entry's parent record for comments on entries).
    pub record_id: RecordId,
    /// The list, for a comment on an entry.
    #[serde(default)]
    pub list_id: Option<ListId>,
    /// The entry, for a comment on an entry.
    #[serde(default)]
    pub entry_id: Option<EntryId>,
    /// Who did it.
    pub actor: Actor,
}

/// `workspace-member.created`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WorkspaceMemberEvent {
    /// Which member.
    pub id: WorkspaceMemberKey,
    /// Who did it.
    pub actor: Actor,
}

/// An `activity.*`, `activity-attribute.*` or `activity-record.*` event.
/// Activities are an alpha part of Attio's API whose event payloads Attio
/// has not published, so the `id` is kept as sent (the workspace, the
/// activity, and the attribute or record the event is about) and read
/// through [`activity_id`](Self::activity_id) and
/// [`id_of`](Self::id_of) rather than fixed in a type that a change
/// would break.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActivityEvent {
    /// The event's ids, as Attio sent them.
    pub id: Map<String, Value>,
    /// Who did it, when the event names someone.
    #[serde(default)]
    pub actor: Option<Actor>,
}

impl ActivityEvent {
    /// The activity the event is about (`id.activity_id`), if named.
    pub fn activity_id(&self) -> Option<&str> {
        self.id_of("activity_id")
    }

    /// Any id of the event by its key (`record_id`, `attribute_id` …).
    pub fn id_of(&self, key: &str) -> Option<&str> {
        self.id.get(key).and_then(Value::as_str)
    }
}

#[cfg(test)]
mod tests;
