//! `call-notetaker` end to end on the emulator: the sample export pushed
//! twice, and after the second run as many meetings, recordings, files,
//! notes, people and companies as after the first — the meetings linked,
//! each note taken in its meeting, each file's content the transcript.

use attio_examples::attio::{Company, Person};
use attio_examples::call_notetaker::{export, mapping, push, SAMPLE_EXPORT};
use attio_examples::connect;
use attio_runtime::api::meetings::{MeetingQuery, RecordLink};
use attio_runtime::{Client, Query, RateLimits, Record, RecordId};

/// What the workspace holds, counted through the client.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    companies: usize,
    people: usize,
    meetings: usize,
    recordings: usize,
    files: usize,
    notes: usize,
}

async fn ids<R: Record + Send + 'static>(client: &Client) -> Vec<RecordId> {
    let records = client.query_all_records::<R>(Query::new()).await.unwrap();
    records.into_iter().map(|r| r.id.record_id).collect()
}

async fn counts(client: &Client) -> Counts {
    let companies = ids::<Company>(client).await;
    let people = ids::<Person>(client).await;
    let meetings = client.list_meetings(&MeetingQuery::new()).await.unwrap();
    let mut recordings = 0;
    for meeting in &meetings {
        recordings += client
            .list_call_recordings(&meeting.id.meeting_id)
            .await
            .unwrap()
            .len();
    }
    let (mut files, mut notes) = (0, 0);
    for id in &companies {
        files += client
            .list_files(&RecordLink::to::<Company>(id), None)
            .await
            .unwrap()
            .len();
        notes += client.list_notes::<Company>(id).await.unwrap().len();
    }
    for id in &people {
        files += client
            .list_files(&RecordLink::to::<Person>(id), None)
            .await
            .unwrap()
            .len();
        notes += client.list_notes::<Person>(id).await.unwrap().len();
    }
    Counts {
        companies: companies.len(),
        people: people.len(),
        meetings: meetings.len(),
        recordings,
        files,
        notes,
    }
}

#[tokio::test]
async fn the_sample_day_pushed_twice_creates_everything_once() {
    let emulator = connect::emulator_builder().start().await.unwrap();
    let client = connect::emulator_client(&emulator)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let day = export::parse(SAMPLE_EXPORT, "sample").unwrap();

    let first = push::push_day(&client, &day).await.unwrap();
    let after_first = counts(&client).await;
    assert_eq!(
        after_first,
        Counts {
            companies: 2,
            people: 4,
            meetings: 2,
            recordings: 2,
            files: 2,
            notes: 2
        },
        "Acme and Globex; Ada, Charles, Hank and Grace; the internal review skipped"
    );
    assert_eq!(first.created(), 2 + 4 + 2 + 2 + 2 + 2);

    let second = push::push_day(&client, &day).await.unwrap();
    assert_eq!(second.created(), 0, "{second:?}");
    assert_eq!(
        counts(&client).await,
        after_first,
        "nothing new on a re-run"
    );

    // What the first run wrote, read back.
    let acme_meeting = &day.meetings[0];
    let meeting_id = first.meetings[0].meeting_id.clone().unwrap();
    let meeting = client.get_meeting(&meeting_id).await.unwrap();
    assert_eq!(meeting.title, acme_meeting.title);
    let linked: Vec<&str> = meeting
        .linked_records
        .iter()
        .map(|l| l.object_slug.as_str())
        .collect();
    assert_eq!(linked, ["companies", "people", "people"]);
    let recordings = client.list_call_recordings(&meeting_id).await.unwrap();
    let recording = client
        .get_call_recording(&meeting_id, &recordings[0].id.call_recording_id)
        .await
        .unwrap();
    assert_eq!(recording.transcript.unwrap().segments.len(), 4);

    let acme = &meeting.linked_records[0].record_id;
    let transcript = mapping::transcript_markdown(
        &day.service,
        acme_meeting,
        acme_meeting.recording.as_ref().unwrap(),
    );
    let files = client
        .list_files(&RecordLink::to::<Company>(acme), None)
        .await
        .unwrap();
    assert_eq!(
        files[0].name.as_deref(),
        Some(mapping::file_name(acme_meeting).as_str())
    );
    let content = client
        .download_file(&files[0].id.file_id)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(String::from_utf8(content).unwrap(), transcript);
    let notes = client.list_notes::<Company>(acme).await.unwrap();
    assert_eq!(notes[0].title, mapping::note_title(acme_meeting));
    assert_eq!(
        notes[0].meeting_id.as_deref(),
        Some(meeting_id.as_str()),
        "the note is taken in the meeting"
    );

    emulator.shutdown().await;
}
