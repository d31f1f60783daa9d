use attio_runtime::serde_json::{self, json};
use chrono::TimeZone as _;

use attio_runtime::RecordId;

use super::*;
use crate::call_notetaker::export::{self, ExportedParticipant};
use crate::call_notetaker::SAMPLE_EXPORT;

fn sample() -> export::DayExport {
    export::parse(SAMPLE_EXPORT, "sample").unwrap()
}

#[test]
fn contacts_leave_out_the_team_and_repeats_and_personal_domains_are_no_company() {
    let day = sample();
    let mut globex = day.meetings[1].clone();
    // The organiser's colleague on a subdomain, and Hank twice in another case.
    globex.participants.push(ExportedParticipant {
        email: "ops@eu.northwind-analytics.com".into(),
        name: None,
        organizer: false,
    });
    globex.participants.push(ExportedParticipant {
        email: "Hank@Globex.com".into(),
        name: Some("H. Scorpio".into()),
        organizer: false,
    });
    let contacts = contacts(&globex, &day.internal_domains);
    let emails: Vec<_> = contacts.iter().map(|c| c.email.as_str()).collect();
    assert_eq!(emails, ["hank@globex.com", "grace.h@gmail.com"]);
    assert_eq!(
        contacts[0].company_domain.as_ref().map(Domain::as_str),
        Some("globex.com")
    );
    assert_eq!(
        contacts[1].company_domain, None,
        "gmail.com is nobody's company"
    );
    let name = contacts[0].name.as_ref().unwrap();
    assert_eq!(
        (name.first_name.as_str(), name.last_name.as_str()),
        ("Hank", "Scorpio")
    );
    assert_eq!(
        company_domains(&contacts),
        [Domain::new("globex.com").unwrap()]
    );
    // The internal review has nobody to link.
    assert!(super::contacts(&day.meetings[2], &day.internal_domains).is_empty());
}

/// A meeting as Attio would return it.
fn attio_meeting(title: &str, start: &str, description: &str) -> Meeting {
    serde_json::from_value(json!({
        "id": {"workspace_id": "00000000-0000-4000-8000-000000000001", "meeting_id": "00000000-0000-4000-8000-0000000000aa"},
        "title": title, "description": description, "is_all_day": false,
        "start": {"datetime": start, "timezone": null}, "end": {"datetime": start, "timezone": null},
        "participants": [], "linked_records": [],
        "created_at": "2026-12-07T10:00:00.000000000Z",
        "created_by_actor": {"type": "api-token", "id": null},
    }))
    .unwrap()
}

#[test]
fn a_meeting_is_recognised_by_its_id_line_or_by_title_and_start() {
    let day = sample();
    let acme = &day.meetings[0];
    let by_id = attio_meeting(
        "Renamed in Attio",
        "2026-12-07T11:00:00Z",
        &description("Notetaker", acme),
    );
    assert!(is_same_meeting("Notetaker", &by_id, acme));
    let by_hand = attio_meeting(&acme.title, "2026-12-07T09:30:00Z", "");
    assert!(is_same_meeting("Notetaker", &by_hand, acme));
    let other_start = attio_meeting(&acme.title, "2026-12-07T10:30:00Z", "");
    assert!(!is_same_meeting("Notetaker", &other_start, acme));
    let other_id = attio_meeting(
        "x",
        "2026-12-07T09:30:00Z",
        "Notetaker meeting id: nt-20261207-0930-acme-2",
    );
    assert!(!is_same_meeting("Notetaker", &other_id, acme));
}

#[test]
fn the_transcript_reads_as_markdown_with_times_and_speakers() {
    let day = sample();
    let acme = &day.meetings[0];
    let text = transcript_markdown("Notetaker", acme, acme.recording.as_ref().unwrap());
    assert!(text.starts_with(
        "# Acme Robotics / Northwind: discovery call\n\n2026-12-07 09:30 – 10:00 UTC, recorded by Notetaker\n\n"
    ), "{text}");
    assert!(
        text.contains("**Ada Lovelace** (00:09): Our fleet dashboards"),
        "{text}"
    );
    assert!(
        text.contains("**Sam Carter** (00:35): Understood."),
        "{text}"
    );
    let segments = segments(acme.recording.as_ref().unwrap());
    assert_eq!(segments.len(), 4);
    assert_eq!(
        segments[1].speaker.email_address.as_deref(),
        Some("ada.lovelace@acme-robotics.com")
    );
}

#[test]
fn file_names_and_note_titles_are_stable_and_safe() {
    let day = sample();
    let acme = &day.meetings[0];
    assert_eq!(
        file_name(acme),
        "2026-12-07 0930 Acme Robotics - Northwind discovery call transcript.md"
    );
    assert_eq!(
        note_title(acme),
        "Transcript: Acme Robotics / Northwind: discovery call (2026-12-07 09:30 UTC)"
    );
    let mut later = acme.clone();
    later.start = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap();
    assert_ne!(
        file_name(&later),
        file_name(acme),
        "the time tells two meetings of one title apart"
    );
}

#[test]
fn the_meeting_sent_carries_the_id_line_every_participant_and_the_links() {
    let day = sample();
    let acme = &day.meetings[0];
    let company = RecordId::new("00000000-0000-4000-8000-00000000c001").unwrap();
    let body = new_meeting("Notetaker", acme, &[RecordLink::new("companies", &company)]).body();
    let data = &body["data"];
    assert_eq!(data["title"], json!(acme.title));
    assert_eq!(
        data["description"],
        json!("Recorded by Notetaker.\nNotetaker meeting id: nt-20261207-0930-acme")
    );
    assert_eq!(data["start"]["timezone"], json!("Europe/London"));
    assert_eq!(
        data["participants"].as_array().unwrap().len(),
        3,
        "the team's too"
    );
    assert_eq!(data["participants"][0]["is_organizer"], json!(true));
    assert_eq!(
        data["linked_records"],
        json!([{"object": "companies", "record_id": company.as_str()}])
    );
}
