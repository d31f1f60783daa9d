//! Meetings and call recordings end to end, through the runtime's typed
//! calls against the emulator: timed and all-day meetings linked to a
//! company and a person, listed with each filter and both sorts, linked to
//! more records and to exactly some; a recording with a transcript of two
//! speakers, its `call-recording.created` webhook, the deprecated
//! transcript route; Attio's errors for what does not exist.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::api::call_recordings::{RecordingStatus, TranscriptSegment};
use attio_runtime::api::meetings::{
    MeetingQuery, MeetingTime, NewMeeting, NewParticipant, ParticipantStatus, RecordLink,
};
use attio_runtime::api::webhooks::Subscription;
use attio_runtime::chrono::{NaiveDate, TimeZone, Utc};
use attio_runtime::value::PersonalName;
use attio_runtime::webhooks::{Event, Receiver, Work};
use attio_runtime::ErrorKind;
use attio_tests::support;
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

#[tokio::test]
async fn meetings_are_linked_listed_recorded_and_transcribed() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let ada = client
        .create_record::<Person>(Person::write().name(PersonalName::new("Ada", "Lovelace")))
        .await
        .unwrap();
    let (acme_id, ada_id) = (acme.id.record_id.clone(), ada.id.record_id.clone());

    let nine = Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap();
    let ten = Utc.with_ymd_and_hms(2026, 10, 5, 10, 0, 0).unwrap();
    let call = client
        .create_meeting(
            &NewMeeting::timed("Discovery call", nine, ten)
                .description("First call")
                .timezone("Europe/Paris")
                .participant(NewParticipant::new("Ada@Acme.com").name("Ada").organizer())
                .participant(
                    NewParticipant::new("bob@acme.com").status(ParticipantStatus::Tentative),
                )
                .linked(RecordLink::to::<Company>(&acme_id)),
        )
        .await
        .unwrap();
    assert!(!call.is_all_day);
    assert_eq!(
        call.start,
        MeetingTime::At {
            datetime: nine,
            timezone: Some("Europe/Paris".into())
        }
    );
    assert_eq!(
        call.participants[0].email_address.as_deref(),
        Some("ada@acme.com")
    );
    assert!(call.participants[0].is_organizer);
    assert_eq!(call.participants[1].status, ParticipantStatus::Tentative);
    assert_eq!(call.linked_records[0].object_slug, "companies");
    assert_eq!(call.linked_records[0].record_id, acme_id);

    let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let offsite = client
        .create_meeting(&NewMeeting::all_day("Offsite", day, day))
        .await
        .unwrap();
    assert!(offsite.is_all_day);
    assert_eq!(offsite.end, MeetingTime::Day { date: day });

    let titles = |meetings: Vec<attio_runtime::api::meetings::Meeting>| {
        meetings.into_iter().map(|m| m.title).collect::<Vec<_>>()
    };
    let all = client.list_meetings(&MeetingQuery::new()).await.unwrap();
    assert_eq!(titles(all), ["Offsite", "Discovery call"]);
    let latest = client
        .list_meetings(&MeetingQuery::new().latest_first())
        .await
        .unwrap();
    assert_eq!(titles(latest), ["Discovery call", "Offsite"]);
    let of_acme = MeetingQuery::new().linked(RecordLink::to::<Company>(&acme_id));
    assert_eq!(
        titles(client.list_meetings(&of_acme).await.unwrap()),
        ["Discovery call"]
    );
    let with_bob = MeetingQuery::new().participant("BOB@acme.com");
    assert_eq!(
        titles(client.list_meetings(&with_bob).await.unwrap()),
        ["Discovery call"]
    );
    let before_the_call = MeetingQuery::new().starts_before(nine);
    assert_eq!(
        titles(client.list_meetings(&before_the_call).await.unwrap()),
        ["Offsite"]
    );
    let from_the_call = MeetingQuery::new().ends_from(ten);
    assert_eq!(
        titles(client.list_meetings(&from_the_call).await.unwrap()),
        ["Discovery call"]
    );

    // PATCH adds a link; PUT keeps exactly the ones given.
    let meeting_id = call.id.meeting_id.clone();
    let patched = client
        .update_meeting(&meeting_id, &[RecordLink::to::<Person>(&ada_id)])
        .await
        .unwrap();
    assert_eq!(patched.linked_records.len(), 2);
    let put = client
        .overwrite_meeting(&meeting_id, &[RecordLink::to::<Person>(&ada_id)])
        .await
        .unwrap();
    assert_eq!(put.linked_records.len(), 1);
    assert_eq!(put.linked_records[0].record_id, ada_id);
    assert_eq!(client.get_meeting(&meeting_id).await.unwrap(), put);

    // A recording with a transcript is processed; one with a video only is not yet.
    let segments = [
        TranscriptSegment::new("Ada", "Shall we start?", 0.0, 2.5).email("ada@acme.com"),
        TranscriptSegment::new("Bob", "Yes.", 2.5, 3.0),
    ];
    let recording = client
        .create_call_recording(&meeting_id, None, &segments)
        .await
        .unwrap();
    assert_eq!(recording.status, RecordingStatus::Completed);
    let recording_id = recording.id.call_recording_id.clone();
    let video = client
        .create_call_recording(&meeting_id, Some("https://videos.example/1.mp4"), &[])
        .await
        .unwrap();
    assert_eq!(video.status, RecordingStatus::Processing);
    let listed = client.list_call_recordings(&meeting_id).await.unwrap();
    assert_eq!(listed.len(), 2);
    let full = client
        .get_call_recording(&meeting_id, &recording_id)
        .await
        .unwrap();
    let transcript = full.transcript.expect("a processed recording has one");
    assert_eq!(transcript.segments.len(), 2);
    assert_eq!(transcript.segments[1].speaker.name, "Bob");
    assert_eq!(transcript.segments[0].start_time, 0.0);
    assert_eq!(transcript.raw_transcript, "Ada: Shall we start?\nBob: Yes.");
    #[allow(deprecated)]
    let old = client
        .get_call_recording_transcript(&meeting_id, &recording_id)
        .await
        .unwrap();
    assert_eq!(old.transcript, transcript.segments);

    client
        .delete_call_recording(&meeting_id, &video.id.call_recording_id)
        .await
        .unwrap();
    let gone = client
        .get_call_recording(&meeting_id, &video.id.call_recording_id)
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    client.delete_meeting(&meeting_id).await.unwrap();
    let gone = client.get_meeting(&meeting_id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    let unknown = client
        .create_meeting(
            &NewMeeting::all_day("x", day, day).linked(RecordLink::new("companies", &ada_id)),
        )
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some("value_not_found"), "{unknown}");
}

#[tokio::test]
async fn a_new_recording_sends_a_typed_call_recording_event() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let webhook = client
        .create_webhook(&url, &[Subscription::new("call-recording.created")])
        .await
        .unwrap();
    let seen: Arc<Mutex<Vec<Event>>> = Arc::default();
    let sink = seen.clone();
    let (app, handle) = Receiver::new(&webhook.secret).router("/hooks", move |work: Work| {
        let sink = sink.clone();
        async move {
            sink.lock().unwrap().extend(work.events);
            Ok::<(), attio_runtime::Error>(())
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let meeting = client
        .create_meeting(&NewMeeting::all_day("Standup", day, day))
        .await
        .unwrap();
    let recording = client
        .create_call_recording(
            &meeting.id.meeting_id,
            None,
            &[TranscriptSegment::new("Ada", "Hi", 0.0, 1.0)],
        )
        .await
        .unwrap();
    let started = Instant::now();
    while seen.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    handle.idle().await;
    let events = seen.lock().unwrap().clone();
    assert_eq!(events.len(), 1, "{events:?}");
    let Event::CallRecordingCreated(event) = &events[0] else {
        panic!("not typed: {events:?}");
    };
    assert_eq!(event.id, recording.id);
    drop(emulator);
}
