//! Parsing every event family of a delivery, and what is kept of the rest.

use serde_json::json;

use super::*;
use crate::value::ActorType;

const WS: &str = "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11";
const OBJ: &str = "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21";
const REC: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";
const REC2: &str = "0b7c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
const ATTR: &str = "c8421a2b-5e0f-4c8a-9d7e-2b1f0e3a4c55";
const LIST: &str = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const ENTRY: &str = "2e6e29ea-c4e0-4f44-842d-78a891f8c156";
const OTHER: &str = "67562b1c-1f2e-4d3a-8b9c-0d1e2f3a4b5c";

fn one(event: serde_json::Value) -> Event {
    let body = json!({"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [event]});
    let mut delivery = Delivery::from_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(delivery.events.len(), 1);
    delivery.events.remove(0)
}

fn actor() -> serde_json::Value {
    json!({"type": "workspace-member", "id": OTHER})
}

#[test]
fn record_events_carry_their_ids() {
    let updated = one(json!({"event_type": "record.updated",
        "id": {"workspace_id": WS, "object_id": OBJ, "record_id": REC, "attribute_id": ATTR},
        "actor": actor()}));
    let Event::RecordUpdated(e) = &updated else {
        panic!("{updated:?}")
    };
    assert_eq!(e.id.attribute_id, ATTR);
    assert_eq!(e.actor.actor_type, ActorType::WorkspaceMember);
    assert_eq!(updated.record().map(|(_, r)| r.as_str()), Some(REC));

    for t in ["record.created", "record.deleted"] {
        let e = one(json!({"event_type": t,
            "id": {"workspace_id": WS, "object_id": OBJ, "record_id": REC}, "actor": actor()}));
        assert_eq!(e.event_type(), t);
        assert!(e.record().is_some());
    }
}

#[test]
fn a_merge_names_the_survivor_and_the_duplicate() {
    let merged = one(json!({"event_type": "record.merged",
        "id": {"workspace_id": WS, "object_id": OBJ, "record_id": REC},
        "duplicate_object_id": OBJ, "duplicate_record_id": REC2,
        "actor": {"type": "system", "id": null}}));
    let Event::RecordMerged(e) = &merged else {
        panic!("{merged:?}")
    };
    assert_eq!(e.duplicate_record_id, REC2);
    assert_eq!(e.actor.id, None);
    assert_eq!(merged.record().map(|(_, r)| r.as_str()), Some(REC));
}

#[test]
fn every_other_family_parses() {
    let parent = json!({"parent_object_id": OBJ, "parent_record_id": REC});
    let with = |mut base: serde_json::Value, extra: &serde_json::Value| {
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        base
    };
    let cases = [
        with(
            json!({"event_type": "list-entry.created", "id": {"workspace_id": WS, "list_id": LIST, "entry_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        with(
            json!({"event_type": "list-entry.updated", "id": {"workspace_id": WS, "list_id": LIST, "entry_id": ENTRY, "attribute_id": ATTR}, "actor": actor()}),
            &parent,
        ),
        with(
            json!({"event_type": "list-entry.deleted", "id": {"workspace_id": WS, "list_id": LIST, "entry_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        json!({"event_type": "list.created", "id": {"workspace_id": WS, "list_id": LIST}, "actor": actor()}),
        json!({"event_type": "list.updated", "id": {"workspace_id": WS, "list_id": LIST}, "actor": actor()}),
        json!({"event_type": "list.deleted", "id": {"workspace_id": WS, "list_id": LIST}, "actor": actor()}),
        json!({"event_type": "object-attribute.created", "id": {"workspace_id": WS, "object_id": OBJ, "attribute_id": ATTR}, "actor": actor()}),
        json!({"event_type": "object-attribute.updated", "id": {"workspace_id": WS, "object_id": OBJ, "attribute_id": ATTR}, "actor": actor()}),
        json!({"event_type": "list-attribute.created", "id": {"workspace_id": WS, "list_id": LIST, "attribute_id": ATTR}, "actor": actor()}),
        json!({"event_type": "list-attribute.updated", "id": {"workspace_id": WS, "list_id": LIST, "attribute_id": ATTR}, "actor": actor()}),
        with(
            json!({"event_type": "note.created", "id": {"workspace_id": WS, "note_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        with(
            json!({"event_type": "note.updated", "id": {"workspace_id": WS, "note_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        with(
            json!({"event_type": "note-content.updated", "id": {"workspace_id": WS, "note_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        with(
            json!({"event_type": "note.deleted", "id": {"workspace_id": WS, "note_id": ENTRY}, "actor": actor()}),
            &parent,
        ),
        json!({"event_type": "task.created", "id": {"workspace_id": WS, "task_id": ENTRY}, "actor": actor()}),
        json!({"event_type": "task.updated", "id": {"workspace_id": WS, "task_id": ENTRY}, "actor": actor()}),
        json!({"event_type": "task.deleted", "id": {"workspace_id": WS, "task_id": ENTRY}, "actor": actor()}),
        json!({"event_type": "comment.created", "id": {"workspace_id": WS, "comment_id": ENTRY}, "thread_id": REC2, "object_id": OBJ, "record_id": REC, "list_id": null, "entry_id": null, "actor": actor()}),
        json!({"event_type": "comment.resolved", "id": {"workspace_id": WS, "comment_id": ENTRY}, "thread_id": REC2, "object_id": OBJ, "record_id": REC, "list_id": LIST, "entry_id": ENTRY, "actor": actor()}),
        json!({"event_type": "comment.unresolved", "id": {"workspace_id": WS, "comment_id": ENTRY}, "thread_id": REC2, "object_id": OBJ, "record_id": REC, "actor": actor()}),
        json!({"event_type": "comment.deleted", "id": {"workspace_id": WS, "comment_id": ENTRY}, "thread_id": REC2, "object_id": OBJ, "record_id": REC, "actor": actor()}),
        json!({"event_type": "workspace-member.created", "id": {"workspace_id": WS, "workspace_member_id": OTHER}, "actor": {"type": "system", "id": null}}),
    ];
    for case in cases {
        let t = case["event_type"].as_str().unwrap().to_owned();
        let event = one(case);
        assert_eq!(event.event_type(), t);
        assert!(
            !matches!(event, Event::Unknown { .. }),
            "{t} parsed as unknown"
        );
    }
    let Event::CommentResolved(c) = one(
        json!({"event_type": "comment.resolved", "id": {"workspace_id": WS, "comment_id": ENTRY}, "thread_id": REC2, "object_id": OBJ, "record_id": REC, "list_id": LIST, "entry_id": ENTRY, "actor": actor()}),
    ) else {
        panic!()
    };
    assert_eq!(c.entry_id.as_ref().map(|e| e.as_str()), Some(ENTRY));
}

#[test]
fn an_unknown_type_keeps_its_json() {
    let raw = json!({"event_type": "future-thing.created", "id": {"workspace_id": WS, "thing_id": "x"}, "actor": actor()});
    let event = one(raw.clone());
    assert_eq!(
        event,
        Event::Unknown {
            event_type: "future-thing.created".into(),
            raw
        }
    );
    assert_eq!(event.event_type(), "future-thing.created");
    assert!(event.record().is_none());
}

#[test]
fn the_2026_event_types_are_typed() {
    let recording = one(json!({"event_type": "call-recording.created",
        "id": {"workspace_id": WS, "meeting_id": REC, "call_recording_id": REC2}, "actor": actor()}));
    let Event::CallRecordingCreated(recording) = &recording else {
        panic!("{recording:?}")
    };
    assert_eq!(recording.id.meeting_id, REC);
    assert_eq!(recording.id.call_recording_id, REC2);
    let kinds = [
        "activity.created",
        "activity.updated",
        "activity.deleted",
        "activity-attribute.created",
        "activity-attribute.updated",
        "activity-record.created",
        "activity-record.deleted",
    ];
    for kind in kinds {
        let event = one(json!({"event_type": kind,
            "id": {"workspace_id": WS, "activity_id": ENTRY, "record_id": REC}, "actor": actor()}));
        assert!(!matches!(event, Event::Unknown { .. }), "{kind}");
        assert_eq!(event.event_type(), kind);
    }
    let Event::ActivityRecordCreated(activity) =
        one(json!({"event_type": "activity-record.created",
        "id": {"workspace_id": WS, "activity_id": ENTRY, "record_id": REC}}))
    else {
        panic!()
    };
    assert_eq!(activity.activity_id(), Some(ENTRY));
    assert_eq!(activity.id_of("record_id"), Some(REC));
    assert_eq!(activity.actor, None);
    let content = one(json!({"event_type": "note-content.updated",
        "id": {"workspace_id": WS, "note_id": REC}, "parent_object_id": OBJ, "parent_record_id": REC2, "actor": actor()}));
    assert!(
        matches!(content, Event::NoteContentUpdated(_)),
        "{content:?}"
    );
}

#[test]
fn a_malformed_known_event_says_where() {
    let body = json!({"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [
        {"event_type": "record.created", "id": {"workspace_id": WS, "object_id": OBJ}, "actor": actor()}]});
    let err = Delivery::from_slice(body.to_string().as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("a `record.created` event at `id`: missing field `record_id`"),
        "{err}"
    );
    let err = Delivery::from_slice(b"{\"webhook_id\": 3}").unwrap_err();
    assert_eq!(err.path, "webhook_id");
    let err = Delivery::from_slice(b"not json").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read the webhook delivery"),
        "{err}"
    );
}

#[test]
fn a_known_event_by_an_unknown_actor_type_reads() {
    let event = one(json!({"event_type": "record.created",
        "id": {"workspace_id": WS, "object_id": OBJ, "record_id": REC},
        "actor": {"type": "ai-agent", "id": OTHER}, "sent_by": "a key this crate does not know"}));
    let Event::RecordCreated(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.actor.actor_type, ActorType::Other("ai-agent".to_owned()));
    assert_eq!(e.actor.id.as_deref(), Some(OTHER));
}
