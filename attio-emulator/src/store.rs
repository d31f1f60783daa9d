//! The in-memory workspace: schema, workspace members, records and entries.
//!
//! One `Store` sits behind one mutex (see `state.rs`): every request holds the
//! lock for its whole read-validate-write sequence, which is what makes
//! uniqueness checks and asserts atomic under concurrent clients.

mod activities;
mod collection;
mod files;
mod mail;
mod meetings;
mod views;

use std::collections::HashMap;
use std::time::Instant;

use serde_json::{json, Value};

use attio_schema::{Attribute, AttributeId, AttributeType, List, Object, Workspace};

pub(crate) use activities::Activity;
pub(crate) use collection::{indexable, Collection, Record, Version};
pub(crate) use files::{FileKind, Files, StoredFile, DEFAULT_MAX_FILE_SIZE};
pub(crate) use mail::Mail;
pub(crate) use meetings::{CallRecording, Meeting, MeetingTime, Segment};
pub(crate) use views::View;

/// A workspace member, the only kind of actor values can reference.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub access_level: &'static str,
    pub created_at: String,
}

/// A note on a record.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub id: String,
    pub parent_object_id: String,
    pub parent_record_id: String,
    pub title: String,
    pub content_plaintext: String,
    pub content_markdown: String,
    pub created_by: Value,
    pub created_at: String,
    /// The meeting the note belongs to, when it was created with one.
    pub meeting_id: Option<String>,
}

/// A task, linked to records and assigned to members.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub id: String,
    pub content_plaintext: String,
    /// Formatted as Attio formats timestamps, or `None` without a deadline.
    pub deadline_at: Option<String>,
    pub is_completed: bool,
    /// When it was last marked done, formatted as Attio formats
    /// timestamps; `None` while open.
    pub completed_at: Option<String>,
    /// `(object_id, record_id)` pairs, in the order written.
    pub linked_records: Vec<(String, String)>,
    /// Workspace member ids, in the order written.
    pub assignees: Vec<String>,
    pub created_by: Value,
    pub created_at: String,
}

/// A comment in a thread on a record or a list entry. A thread is the
/// comments sharing a `thread_id`; it exists while its first comment does.
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub id: String,
    pub thread_id: String,
    pub content_plaintext: String,
    /// `(object_id, record_id)`: the record, or an entry's parent record.
    pub record: (String, String),
    /// `(list_id, entry_id)` for a comment on an entry.
    pub entry: Option<(String, String)>,
    pub author: Value,
    pub created_at: String,
}

/// A registered webhook. Registration only: the emulator does not deliver.
#[derive(Debug, Clone)]
pub(crate) struct Webhook {
    pub id: String,
    pub target_url: String,
    pub subscriptions: Vec<Value>,
    pub status: &'static str,
    pub secret: String,
    pub created_at: String,
}

/// Identity of the emulated workspace and of the API token used against it.
#[derive(Debug, Clone)]
pub(crate) struct WorkspaceInfo {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub token_id: String,
}

/// Everything the emulator holds.
#[derive(Debug)]
pub(crate) struct Store {
    pub info: WorkspaceInfo,
    pub members: Vec<Member>,
    pub objects: Vec<Object>,
    pub lists: Vec<List>,
    /// Records by object id.
    pub records: HashMap<String, Collection>,
    /// Entries by list id.
    pub entries: HashMap<String, Collection>,
    /// Notes, in creation order.
    pub notes: Vec<Note>,
    /// Tasks, in creation order.
    pub tasks: Vec<Task>,
    /// Comments, in creation order.
    pub comments: Vec<Comment>,
    /// Registered webhooks, in creation order.
    pub webhooks: Vec<Webhook>,
    /// Saved views of objects and lists.
    pub views: Vec<View>,
    /// Records made by a merge answered 202, by id: unreadable until then.
    pub merges_in_progress: HashMap<String, Instant>,
    /// Meetings and their call recordings, in creation order.
    pub meetings: Vec<Meeting>,
    /// Files, folders and links on records.
    pub files: Files,
    /// Emails and sequence unsubscribes.
    pub mail: Mail,
    /// Activity definitions, in creation order.
    pub activities: Vec<Activity>,
    /// The attributes an activity created with this slug has, besides the
    /// system ones (`EmulatorBuilder::activity_attribute`).
    pub activity_attributes: HashMap<String, Vec<Attribute>>,
    /// Activity records by activity id.
    pub activity_records: HashMap<String, Collection>,
    next_seq: u64,
}

/// The pseudo attribute id under which an entry's parent is filterable.
pub(crate) const PARENT_RECORD: &str = "parent_record";

impl Store {
    /// A store seeded with a workspace schema and no records.
    pub(crate) fn new(mut workspace: Workspace, members: Vec<Member>) -> Store {
        let workspace_id = workspace
            .objects
            .first()
            .map(|o| o.id.workspace_id.clone())
            .or_else(|| workspace.lists.first().map(|l| l.id.workspace_id.clone()))
            .unwrap_or_else(new_id);
        for object in &mut workspace.objects {
            ensure_system_attributes(
                &mut object.attributes,
                &workspace_id,
                &object.id.object_id,
                true,
            );
        }
        for list in &mut workspace.lists {
            ensure_system_attributes(&mut list.attributes, &workspace_id, &list.id.list_id, false);
        }
        // Live Attio describes the other side in full on both sides of a
        // pair; older snapshots record only its id.
        crate::relationships::describe(&mut workspace.objects);
        let records = workspace
            .objects
            .iter()
            .map(|o| (o.id.object_id.clone(), Collection::new(&o.attributes)))
            .collect();
        let entries = workspace
            .lists
            .iter()
            .map(|l| (l.id.list_id.clone(), Collection::new(&l.attributes)))
            .collect();
        let mut store = Store {
            info: WorkspaceInfo {
                id: workspace_id,
                name: "Emulated workspace".into(),
                slug: "emulated-workspace".into(),
                token_id: new_id(),
            },
            members,
            objects: workspace.objects,
            lists: workspace.lists,
            records,
            entries,
            notes: Vec::new(),
            tasks: Vec::new(),
            comments: Vec::new(),
            webhooks: Vec::new(),
            views: Vec::new(),
            merges_in_progress: HashMap::new(),
            meetings: Vec::new(),
            files: Files::default(),
            mail: Mail::default(),
            activities: Vec::new(),
            activity_attributes: HashMap::new(),
            activity_records: HashMap::new(),
            next_seq: 0,
        };
        store.add_default_views();
        store
    }

    /// The next creation sequence number.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// The actor Attio records for writes made with the API key.
    pub(crate) fn token_actor(&self) -> Value {
        json!({"type": "api-token", "id": self.info.token_id})
    }

    /// Index of the object with this slug or UUID.
    pub(crate) fn object_index(&self, ident: &str) -> Option<usize> {
        self.objects
            .iter()
            .position(|o| o.api_slug == ident || o.id.object_id == ident)
    }

    /// The object with this UUID.
    pub(crate) fn object_by_id(&self, object_id: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.id.object_id == object_id)
    }

    /// Index of the list with this slug or UUID.
    pub(crate) fn list_index(&self, ident: &str) -> Option<usize> {
        self.lists
            .iter()
            .position(|l| l.api_slug == ident || l.id.list_id == ident)
    }

    /// A record of an object, by ids.
    pub(crate) fn record(&self, object_id: &str, record_id: &str) -> Option<&Record> {
        self.records.get(object_id)?.items.get(record_id)
    }

    /// The member with this UUID.
    pub(crate) fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }
}

/// The attribute with this slug or UUID among `attributes`, archived ones included.
pub(crate) fn find_attribute<'a>(
    attributes: &'a [Attribute],
    ident: &str,
) -> Option<&'a Attribute> {
    attributes
        .iter()
        .find(|a| a.api_slug == ident || a.id.attribute_id == ident)
}

/// A fresh random UUID.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Adds the system attributes Attio puts on every object (`record_id`,
/// `created_at`, `created_by`) or list (`created_at`, `created_by`) when the
/// seed schema lacks them, so that reads and filters always find them.
pub(crate) fn ensure_system_attributes(
    attributes: &mut Vec<Attribute>,
    workspace_id: &str,
    parent_id: &str,
    is_object: bool,
) {
    let mut wanted = vec![
        ("created_at", "Created at", AttributeType::Timestamp),
        ("created_by", "Created by", AttributeType::ActorReference),
    ];
    if is_object {
        wanted.insert(0, ("record_id", "Record ID", AttributeType::Text));
    }
    for (slug, title, attribute_type) in wanted {
        if attributes.iter().any(|a| a.api_slug == slug) {
            continue;
        }
        attributes.push(Attribute {
            is_system_attribute: true,
            is_writable: false,
            is_unique: slug == "record_id",
            created_at: Some(crate::time::now_string()),
            ..Attribute::new(
                AttributeId {
                    workspace_id: workspace_id.to_owned(),
                    object_id: parent_id.to_owned(),
                    attribute_id: new_id(),
                },
                slug,
                title,
                attribute_type,
            )
        });
    }
}

/// The virtual record-reference attribute `parent_record` of a list, used by
/// entry filters and paths.
pub(crate) fn parent_record_attribute(list: &List) -> Attribute {
    Attribute {
        is_system_attribute: true,
        is_writable: false,
        is_required: true,
        ..Attribute::new(
            AttributeId {
                workspace_id: list.id.workspace_id.clone(),
                object_id: list.id.list_id.clone(),
                attribute_id: PARENT_RECORD.to_owned(),
            },
            PARENT_RECORD,
            "Parent record",
            AttributeType::RecordReference,
        )
    }
}

/// The default member every emulated workspace has, so that actor
/// references can be written without configuration.
pub(crate) fn default_members() -> Vec<Member> {
    vec![Member {
        id: "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01".into(),
        first_name: "Ada".into(),
        last_name: "Admin".into(),
        email: "ada@emulator.attio.dev".into(),
        access_level: "admin",
        created_at: "2025-01-01T00:00:00.000000000Z".into(),
    }]
}

/// One object or list of the store, by its index: the owner of a
/// collection of records or entries, and the handle reads and writes use
/// to reach its attributes and items alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// Records of `store.objects[i]`.
    Object(usize),
    /// Entries of `store.lists[i]`.
    List(usize),
    /// Records of `store.activities[i]`, which are records to the write,
    /// filter and value machinery (`target()` is `Object`).
    Activity(usize),
}

impl Owner {
    /// Object or list, without the index.
    pub(crate) fn target(self) -> attio_schema::Target {
        match self {
            Owner::Object(_) | Owner::Activity(_) => attio_schema::Target::Object,
            Owner::List(_) => attio_schema::Target::List,
        }
    }

    /// The attributes of the object or list.
    pub(crate) fn attributes(self, store: &Store) -> &[Attribute] {
        match self {
            Owner::Object(i) => store
                .objects
                .get(i)
                .map_or(&[], |o| o.attributes.as_slice()),
            Owner::List(i) => store.lists.get(i).map_or(&[], |l| l.attributes.as_slice()),
            Owner::Activity(i) => store
                .activities
                .get(i)
                .map_or(&[], |a| a.attributes.as_slice()),
        }
    }

    /// The object or list UUID, which keys its collection.
    pub(crate) fn id(self, store: &Store) -> String {
        match self {
            Owner::Object(i) => store.objects.get(i).map(|o| o.id.object_id.clone()),
            Owner::List(i) => store.lists.get(i).map(|l| l.id.list_id.clone()),
            Owner::Activity(i) => store.activities.get(i).map(|a| a.id.clone()),
        }
        .unwrap_or_default()
    }

    pub(crate) fn collection(self, store: &Store) -> Option<&Collection> {
        let id = self.id(store);
        match self {
            Owner::Object(_) => store.records.get(&id),
            Owner::List(_) => store.entries.get(&id),
            Owner::Activity(_) => store.activity_records.get(&id),
        }
    }

    pub(crate) fn collection_mut(self, store: &mut Store) -> &mut Collection {
        let id = self.id(store);
        match self {
            Owner::Object(_) => store.records.entry(id).or_default(),
            Owner::List(_) => store.entries.entry(id).or_default(),
            Owner::Activity(_) => store.activity_records.entry(id).or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
