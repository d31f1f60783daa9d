use serde_json::json;

use super::*;

fn meeting(start: Value, end: Value, status: &str) -> Value {
    json!({
        "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c", "meeting_id": "m"},
        "title": "Kick-off", "description": "", "is_all_day": start.get("date").is_some(),
        "start": start, "end": end,
        "participants": [{"status": status, "is_organizer": true,
            "email_address": "ada@acme.com", "name": null}],
        "linked_records": [],
        "created_at": "2026-10-03T09:00:00.000000000Z",
        "created_by_actor": {"type": "api-token", "id": "t"},
    })
}

#[test]
fn all_day_and_timed_bounds_decode() {
    let day: Meeting = serde_json::from_value(meeting(
        json!({"date": "2026-10-03"}),
        json!({"date": "2026-10-04"}),
        "accepted",
    ))
    .unwrap();
    assert_eq!(
        day.start,
        MeetingTime::Day {
            date: NaiveDate::from_ymd_opt(2026, 10, 3).unwrap()
        }
    );
    assert_eq!(day.participants[0].status, ParticipantStatus::Accepted);
    let timed: Meeting = serde_json::from_value(meeting(
        json!({"datetime": "2026-10-03T09:00:00.000000000Z", "timezone": "Europe/Paris"}),
        json!({"datetime": "2026-10-03T10:00:00Z", "timezone": null}),
        "maybe-later",
    ))
    .unwrap();
    assert!(matches!(
        timed.start,
        MeetingTime::At { timezone: Some(ref z), .. } if z == "Europe/Paris"
    ));
    // A status this version does not know is kept, not refused.
    assert_eq!(
        timed.participants[0].status,
        ParticipantStatus::Other("maybe-later".into())
    );
}

#[test]
fn a_new_meeting_says_whether_it_is_all_day() {
    let day = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
    let body = NewMeeting::all_day("Offsite", day, day).body();
    assert_eq!(body["data"]["is_all_day"], json!(true));
    assert_eq!(body["data"]["start"], json!({"date": "2026-10-03"}));
    let at = day.and_hms_opt(9, 0, 0).unwrap().and_utc();
    let body = NewMeeting::timed("Call", at, at)
        .timezone("Europe/Paris")
        .participant(NewParticipant::new("ada@acme.com").organizer())
        .body();
    assert_eq!(body["data"]["is_all_day"], json!(false));
    assert_eq!(body["data"]["end"]["timezone"], json!("Europe/Paris"));
    assert_eq!(body["data"]["participants"][0]["is_organizer"], json!(true));
}

#[test]
fn a_query_is_percent_encoded() {
    let path = MeetingQuery::new()
        .participant("ada+x@acme.com")
        .latest_first()
        .path();
    assert_eq!(
        path,
        "/v2/meetings?limit=200&participants=ada%2Bx%40acme.com&sort=start_desc"
    );
}
