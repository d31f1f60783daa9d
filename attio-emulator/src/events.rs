//! Webhook events: what a write produces, and which registered
//! subscriptions an event matches.
//!
//! Payloads carry IDs only, one event per delivery, as Attio sends them
//! (<https://docs.attio.com/rest-api/webhook-reference/record-events/recordupdated>):
//! receivers re-fetch what they need.

use serde_json::{json, Map, Value};

use crate::store::{Comment, Owner, Store, Webhook};

/// One event, before it is wrapped for a webhook.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    /// `record.created`, `list-entry.updated` …
    pub event_type: &'static str,
    /// The event object: `event_type`, `id`, `actor` and family-specific keys.
    pub body: Value,
}

fn event(event_type: &'static str, id: Value, extra: Map<String, Value>, actor: &Value) -> Event {
    let mut body = Map::new();
    body.insert("event_type".into(), json!(event_type));
    body.insert("id".into(), id);
    body.extend(extra);
    body.insert("actor".into(), actor.clone());
    Event {
        event_type,
        body: Value::Object(body),
    }
}

/// What happened to a record or entry in one write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// It was created.
    Created,
    /// These attributes changed.
    Updated,
    /// It was deleted.
    Deleted,
}

/// `record.*` events: one `record.updated` per changed attribute.
pub(crate) fn record_events(
    store: &Store,
    object_id: &str,
    record_id: &str,
    change: Change,
    changed_attributes: &[String],
) -> Vec<Event> {
    let actor = store.token_actor();
    let id = |attribute: Option<&str>| {
        let mut id =
            json!({"workspace_id": store.info.id, "object_id": object_id, "record_id": record_id});
        if let Some(attribute) = attribute {
            id["attribute_id"] = json!(attribute);
        }
        id
    };
    match change {
        Change::Created => vec![event("record.created", id(None), Map::new(), &actor)],
        Change::Deleted => vec![event("record.deleted", id(None), Map::new(), &actor)],
        Change::Updated => changed_attributes
            .iter()
            .map(|a| event("record.updated", id(Some(a)), Map::new(), &actor))
            .collect(),
    }
}

/// `activity-record.created` / `.deleted`: Attio's document names no
/// `activity-record.updated`, so an update sends nothing.
pub(crate) fn activity_record_events(
    store: &Store,
    activity_id: &str,
    record_id: &str,
    change: Change,
) -> Vec<Event> {
    let event_type = match change {
        Change::Created => "activity-record.created",
        Change::Deleted => "activity-record.deleted",
        Change::Updated => return Vec::new(),
    };
    let id =
        json!({"workspace_id": store.info.id, "activity_id": activity_id, "record_id": record_id});
    vec![event(event_type, id, Map::new(), &store.token_actor())]
}

/// `activity.created` / `.updated` / `.deleted`: the activity's ids.
pub(crate) fn activity_event(store: &Store, activity_id: &str, event_type: &'static str) -> Event {
    event(
        event_type,
        json!({"workspace_id": store.info.id, "activity_id": activity_id}),
        Map::new(),
        &store.token_actor(),
    )
}

/// `record.merged`: the record a merge made, and one of the two it was
/// made of (a merge sends one event per original,
/// <https://docs.attio.com/rest-api/webhook-reference/record/merged>).
pub(crate) fn record_merged(
    store: &Store,
    object_id: &str,
    record_id: &str,
    duplicate_record_id: &str,
) -> Event {
    let mut extra = Map::new();
    extra.insert("duplicate_object_id".into(), json!(object_id));
    extra.insert("duplicate_record_id".into(), json!(duplicate_record_id));
    event(
        "record.merged",
        json!({"workspace_id": store.info.id, "object_id": object_id, "record_id": record_id}),
        extra,
        &store.token_actor(),
    )
}

/// `list-entry.*` events, with the entry's parent.
pub(crate) fn entry_events(
    store: &Store,
    list_id: &str,
    entry_id: &str,
    parent: &(String, String),
    change: Change,
    changed_attributes: &[String],
) -> Vec<Event> {
    let actor = store.token_actor();
    let mut extra = Map::new();
    extra.insert("parent_object_id".into(), json!(parent.0));
    extra.insert("parent_record_id".into(), json!(parent.1));
    let id = |attribute: Option<&str>| {
        let mut id =
            json!({"workspace_id": store.info.id, "list_id": list_id, "entry_id": entry_id});
        if let Some(attribute) = attribute {
            id["attribute_id"] = json!(attribute);
        }
        id
    };
    match change {
        Change::Created => vec![event("list-entry.created", id(None), extra, &actor)],
        Change::Deleted => vec![event("list-entry.deleted", id(None), extra, &actor)],
        Change::Updated => changed_attributes
            .iter()
            .map(|a| event("list-entry.updated", id(Some(a)), extra.clone(), &actor))
            .collect(),
    }
}

/// `object-attribute.created` / `.updated`, or `list-attribute.…` for an
/// attribute of a list: an attribute was created, or changed — its options
/// and statuses too, which have no events of their own
/// (<https://docs.attio.com/rest-api/webhook-reference/>).
pub(crate) fn attribute_event(
    store: &Store,
    owner: Owner,
    attribute_id: &str,
    created: bool,
) -> Event {
    let (event_type, key) = match (owner, created) {
        (Owner::Object(_), true) => ("object-attribute.created", "object_id"),
        (Owner::Object(_), false) => ("object-attribute.updated", "object_id"),
        (Owner::List(_), true) => ("list-attribute.created", "list_id"),
        (Owner::List(_), false) => ("list-attribute.updated", "list_id"),
        (Owner::Activity(_), true) => ("activity-attribute.created", "activity_id"),
        (Owner::Activity(_), false) => ("activity-attribute.updated", "activity_id"),
    };
    let mut id = json!({"workspace_id": store.info.id, "attribute_id": attribute_id});
    id[key] = json!(owner.id(store));
    event(event_type, id, Map::new(), &store.token_actor())
}

/// `note.created` / `note.deleted`.
pub(crate) fn note_event(
    store: &Store,
    note_id: &str,
    parent: (&str, &str),
    event_type: &'static str,
) -> Event {
    let mut extra = Map::new();
    extra.insert("parent_object_id".into(), json!(parent.0));
    extra.insert("parent_record_id".into(), json!(parent.1));
    event(
        event_type,
        json!({"workspace_id": store.info.id, "note_id": note_id}),
        extra,
        &store.token_actor(),
    )
}

/// `call-recording.created`: the recording's ids (its meeting's among them)
/// and the actor.
pub(crate) fn call_recording_event(store: &Store, meeting_id: &str, recording_id: &str) -> Event {
    event(
        "call-recording.created",
        json!({"workspace_id": store.info.id, "meeting_id": meeting_id,
            "call_recording_id": recording_id}),
        Map::new(),
        &store.token_actor(),
    )
}

/// `task.created` / `task.updated` / `task.deleted`: the task's ids and
/// the actor, without the parent keys that entry and note events carry.
pub(crate) fn task_event(store: &Store, task_id: &str, event_type: &'static str) -> Event {
    event(
        event_type,
        json!({"workspace_id": store.info.id, "task_id": task_id}),
        Map::new(),
        &store.token_actor(),
    )
}

/// `comment.created` / `comment.deleted`, with the record (and entry)
/// commented on.
pub(crate) fn comment_event(store: &Store, comment: &Comment, event_type: &'static str) -> Event {
    let mut extra = Map::new();
    extra.insert("thread_id".into(), json!(comment.thread_id));
    extra.insert("object_id".into(), json!(comment.record.0));
    extra.insert("record_id".into(), json!(comment.record.1));
    let (list_id, entry_id) = comment
        .entry
        .as_ref()
        .map_or((Value::Null, Value::Null), |(l, e)| (json!(l), json!(e)));
    extra.insert("list_id".into(), list_id);
    extra.insert("entry_id".into(), entry_id);
    event(
        event_type,
        json!({"workspace_id": store.info.id, "comment_id": comment.id}),
        extra,
        &store.token_actor(),
    )
}

/// The value at a dotted path of the event (`id.object_id`, `actor.type`),
/// as a string.
fn field<'a>(event: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(event, |value, key| value.get(key))
        .and_then(Value::as_str)
}

/// Whether a subscription filter (`null`, or `{"$and"|"$or": [{field,
/// operator, value}]}`) lets the event through.
pub(crate) fn filter_matches(filter: &Value, event: &Value) -> bool {
    let Some((combinator, conditions)) = filter.as_object().and_then(|m| m.iter().next()) else {
        return true;
    };
    let Some(conditions) = conditions.as_array() else {
        return false;
    };
    let holds = |c: &Value| {
        let actual = c
            .get("field")
            .and_then(Value::as_str)
            .and_then(|f| field(event, f));
        let expected = c.get("value").and_then(Value::as_str);
        match c.get("operator").and_then(Value::as_str) {
            Some("equals") => actual.is_some() && actual == expected,
            Some("not_equals") => actual != expected,
            _ => false,
        }
    };
    match combinator.as_str() {
        "$and" => conditions.iter().all(holds),
        "$or" => conditions.iter().any(holds),
        _ => false,
    }
}

/// The webhooks (id, target, secret) whose subscriptions take the event:
/// active or degraded ones, matching event type and filter.
pub(crate) fn subscribers<'a>(store: &'a Store, event: &Event) -> Vec<&'a Webhook> {
    store
        .webhooks
        .iter()
        .filter(|w| w.status != "inactive")
        .filter(|w| {
            w.subscriptions.iter().any(|s| {
                s.get("event_type").and_then(Value::as_str) == Some(event.event_type)
                    && filter_matches(s.get("filter").unwrap_or(&Value::Null), &event.body)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        json!({"event_type": "record.updated",
               "id": {"workspace_id": "w", "object_id": "o1", "record_id": "r", "attribute_id": "a"},
               "actor": {"type": "api-token", "id": "t"}})
    }

    #[test]
    fn null_filters_take_everything() {
        assert!(filter_matches(&Value::Null, &sample()));
    }

    #[test]
    fn and_or_filters_compare_dotted_fields() {
        let eq = |field: &str, value: &str| json!({"field": field, "operator": "equals", "value": value});
        let ne = |field: &str, value: &str| json!({"field": field, "operator": "not_equals", "value": value});
        assert!(filter_matches(
            &json!({"$and": [eq("id.object_id", "o1"), eq("actor.type", "api-token")]}),
            &sample()
        ));
        assert!(!filter_matches(
            &json!({"$and": [eq("id.object_id", "o1"), eq("actor.type", "system")]}),
            &sample()
        ));
        assert!(filter_matches(
            &json!({"$or": [eq("id.object_id", "o2"), ne("id.attribute_id", "b")]}),
            &sample()
        ));
        assert!(!filter_matches(
            &json!({"$or": [eq("id.list_id", "l")]}),
            &sample()
        ));
    }
}
