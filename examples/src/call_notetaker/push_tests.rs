use attio_runtime::api::meetings::NewMeeting;
use attio_runtime::serde_json::json;
use attio_runtime::AttioApi;

use super::*;
use crate::call_notetaker::double::{Double, Held};
use crate::call_notetaker::export::{self, ExportedParticipant};
use crate::call_notetaker::{report, SAMPLE_EXPORT};
fn sample() -> DayExport {
    export::parse(SAMPLE_EXPORT, "sample").unwrap()
}

#[tokio::test]
async fn a_day_creates_meetings_linked_to_their_people_and_companies_with_file_and_note() {
    let api = Double::default();
    let day = sample();
    let outcome = push_day(&api, &day).await.unwrap();

    // Acme and Globex as companies; Grace's gmail.com is not one.
    let companies: Vec<String> = (api.records.lock().unwrap().iter())
        .filter(|r| r.object == "companies")
        .map(|r| r.key.clone())
        .collect();
    assert_eq!(companies, ["acme-robotics.com", "globex.com"]);
    let people: Vec<Held> = (api.records.lock().unwrap().iter())
        .filter(|r| r.object == "people")
        .cloned()
        .collect();
    let emails: Vec<&str> = people.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        emails,
        [
            "ada.lovelace@acme-robotics.com",
            "charles@acme-robotics.com",
            "hank@globex.com",
            "grace.h@gmail.com"
        ],
        "the team's own people are not contacts"
    );
    let acme = api.held("companies", "acme-robotics.com").unwrap();
    assert_eq!(
        people[0].values["company"][0]["target_record_id"],
        json!(acme.id),
        "{:?}",
        people[0].values
    );
    assert_eq!(people[0].values["name"][0]["first_name"], json!("Ada"));
    assert!(
        people[3].values.get("company").is_none(),
        "Grace has no company: {:?}",
        people[3].values
    );

    // The internal review is skipped; the two others are created.
    let [first, second, internal] = &outcome.meetings[..] else {
        panic!("{outcome:?}")
    };
    assert!(internal.skipped.is_some() && internal.meeting_id.is_none());
    assert_eq!(
        first.people,
        Tally {
            created: 2,
            found: 0
        }
    );
    assert_eq!(
        second.companies,
        Tally {
            created: 1,
            found: 0
        }
    );
    let meetings = api.meetings.lock().unwrap().clone();
    assert_eq!(meetings.len(), 2);
    let linked: Vec<(&str, &str)> = (meetings[0].linked_records.iter())
        .map(|l| (l.object_slug.as_str(), l.record_id.as_str()))
        .collect();
    assert_eq!(
        linked,
        [
            ("companies", acme.id.as_str()),
            ("people", people[0].id.as_str()),
            ("people", people[1].id.as_str())
        ]
    );
    assert_eq!(api.recordings.lock().unwrap().len(), 2);

    // The transcript on the meeting's company, as a file and a note taken in the meeting.
    let files = api.files.lock().unwrap().clone();
    assert_eq!(
        (files[0].object.as_str(), files[0].record.as_str()),
        ("companies", acme.id.as_str())
    );
    assert_eq!(files[0].name, mapping::file_name(&day.meetings[0]));
    let notes = api.notes.lock().unwrap().clone();
    assert_eq!(
        notes[0].meeting_id.as_deref(),
        Some(meetings[0].id.meeting_id.as_str())
    );
    assert_eq!(notes[0].name, mapping::note_title(&day.meetings[0]));
    let transcript = mapping::transcript_markdown(
        &day.service,
        &day.meetings[0],
        day.meetings[0].recording.as_ref().unwrap(),
    );
    assert_eq!(notes[0].content, transcript);
    assert_eq!(outcome.created(), 2 + 4 + 2 + 2 + 2 + 2);
}

#[tokio::test]
async fn a_second_run_creates_nothing() {
    let api = Double::default();
    let day = sample();
    push_day(&api, &day).await.unwrap();
    let (writes, counts) = (api.writes(), api.count());
    let again = push_day(&api, &day).await.unwrap();
    assert_eq!(again.created(), 0, "{again:?}");
    assert_eq!(api.writes(), writes, "no write on a re-run");
    assert_eq!(api.count(), counts);
    assert_eq!(
        again.meetings[0].people,
        Tally {
            created: 0,
            found: 2
        }
    );
    assert!(report::render(&again).contains("nothing new"));
}

#[tokio::test]
async fn records_and_a_meeting_already_there_are_found_and_only_missing_links_added() {
    let api = Double::default();
    let day = sample();
    let acme = api.seed("companies", "acme-robotics.com");
    let ada = api.seed("people", "ada.lovelace@acme-robotics.com");
    // The same call, entered by hand: same title and start, linked to Ada only.
    let by_hand = NewMeeting::timed(
        &day.meetings[0].title,
        day.meetings[0].start,
        day.meetings[0].end,
    )
    .linked(RecordLink::new("people", &RecordId::new(&ada).unwrap()));
    let by_hand = api.create_meeting(&by_hand).await.unwrap();
    api.writes.lock().unwrap().clear();

    let acme_only = DayExport {
        meetings: vec![day.meetings[0].clone()],
        ..day.clone()
    };
    let outcome = push_day(&api, &acme_only).await.unwrap();
    let done = &outcome.meetings[0];
    assert!(!done.meeting_created);
    assert_eq!(
        done.meeting_id.as_deref(),
        Some(by_hand.id.meeting_id.as_str())
    );
    assert_eq!(
        done.companies,
        Tally {
            created: 0,
            found: 1
        }
    );
    assert_eq!(
        done.people,
        Tally {
            created: 1,
            found: 1
        }
    );
    assert_eq!(done.links_added, 2, "Acme and Charles");
    assert_eq!(
        api.writes()[..2],
        [
            "create_record people charles@acme-robotics.com".to_owned(),
            format!("update_meeting {} +2", by_hand.id.meeting_id),
        ]
    );
    assert_eq!(api.meetings.lock().unwrap().len(), 1);
    let files = api.files.lock().unwrap().clone();
    assert_eq!(files[0].record, acme, "on the company found");
}

#[tokio::test]
async fn without_a_company_the_transcript_goes_on_the_first_person() {
    let api = Double::default();
    let mut day = sample();
    let mut meeting = day.meetings[1].clone();
    meeting.participants = vec![ExportedParticipant {
        email: "grace.h@gmail.com".into(),
        name: Some("Grace Hopper".into()),
        organizer: false,
    }];
    day.meetings = vec![meeting];
    let outcome = push_day(&api, &day).await.unwrap();
    assert_eq!(outcome.meetings[0].companies, Tally::default());
    let grace = api.held("people", "grace.h@gmail.com").unwrap();
    let files = api.files.lock().unwrap().clone();
    let notes = api.notes.lock().unwrap().clone();
    assert_eq!(
        (files[0].object.as_str(), files[0].record.as_str()),
        ("people", grace.id.as_str())
    );
    assert_eq!(
        (notes[0].object.as_str(), notes[0].record.as_str()),
        ("people", grace.id.as_str())
    );
}

#[tokio::test]
async fn a_run_that_failed_half_way_is_completed_by_the_next_without_duplicates() {
    let api = Double::default();
    let day = sample();
    *api.fail_once.lock().unwrap() = Some("upload_file");
    let error = push_day(&api, &day).await.unwrap_err().to_string();
    assert!(
        error.contains("nt-20261207-0930-acme") && error.contains("upload_file broke off"),
        "{error}"
    );
    assert_eq!(
        api.count(),
        [3, 1, 1, 0, 0],
        "Acme, Ada and Charles, the meeting and its recording"
    );

    let outcome = push_day(&api, &day).await.unwrap();
    let acme = &outcome.meetings[0];
    assert!(!acme.meeting_created && !acme.recording_created);
    assert!(acme.file_created && acme.note_created);
    assert_eq!(api.count(), [6, 2, 2, 2, 2]);
}
