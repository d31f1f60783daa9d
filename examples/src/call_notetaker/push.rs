//! What a day's export writes to Attio, and what it finds already there,
//! written over [`AttioApi`] so that it is unit-tested with a double.
//!
//! For each meeting with someone from outside the team:
//!
//! 1. its companies, found by domain or created (a personal mailbox's
//!    domain is no company), and its people, found by email or created and
//!    linked to their company. Created because a meeting is often the
//!    first trace of a contact, and a meeting linked to nobody is lost in
//!    Attio: Attio's own calendar sync does the same. Found people and
//!    companies are not written to: the CRM's values stay as the team left
//!    them.
//! 2. the meeting, found by the service's id in its description (or by
//!    title and start, for one made another way) and linked to whichever of
//!    those records it lacks, or created linked to all;
//! 3. its recording, with the transcript, unless the meeting has one;
//! 4. the transcript as a Markdown file on the meeting's first company
//!    (its first person when no company), unless a file of that name is
//!    there;
//! 5. the transcript as a note on the same record, taken in the meeting
//!    (`meeting_id`), unless a note of that title is there.
//!
//! Every step looks before it writes, so a second run of the same export
//! creates nothing, and a run that failed half-way completes on the next.

use attio_runtime::api::files::Upload;
use attio_runtime::api::meetings::{Meeting, MeetingQuery, RecordLink};
use attio_runtime::api::notes::NoteFormat;
use attio_runtime::value::{Domain, RecordRef};
use attio_runtime::{AttioApi, Error, Query, RecordId};

use super::export::{DayExport, ExportedMeeting};
use super::mapping::{self, Contact};
use crate::attio::{Company, Person};

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// One per exported meeting, in the export's order.
    pub meetings: Vec<MeetingOutcome>,
}

/// What one meeting wrote and found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingOutcome {
    /// The service's id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Why nothing was written, when nothing was.
    pub skipped: Option<String>,
    /// The meeting's id in Attio.
    pub meeting_id: Option<String>,
    /// Whether the meeting was created (else found).
    pub meeting_created: bool,
    /// Links added to a meeting found without them.
    pub links_added: usize,
    /// People created, and found by email.
    pub people: Tally,
    /// Companies created, and found by domain.
    pub companies: Tally,
    /// Whether the export has a recording of it (else it has no
    /// recording, file or note to write).
    pub recorded: bool,
    /// Whether a recording was added.
    pub recording_created: bool,
    /// Whether the transcript file was uploaded.
    pub file_created: bool,
    /// Whether the transcript note was written.
    pub note_created: bool,
}

/// Records created and found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Created by this run.
    pub created: usize,
    /// There already.
    pub found: usize,
}

impl Outcome {
    /// How many things this run created, all kinds together: zero on a
    /// re-run of the same export.
    pub fn created(&self) -> usize {
        self.meetings
            .iter()
            .map(|m| {
                usize::from(m.meeting_created)
                    + m.links_added
                    + m.people.created
                    + m.companies.created
                    + usize::from(m.recording_created)
                    + usize::from(m.file_created)
                    + usize::from(m.note_created)
            })
            .sum()
    }
}

/// The record the transcript's file and note go on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Home {
    Company(RecordId),
    Person(RecordId),
}

impl Home {
    fn link(&self) -> RecordLink {
        match self {
            Home::Company(id) => RecordLink::to::<Company>(id),
            Home::Person(id) => RecordLink::to::<Person>(id),
        }
    }
}

/// Pushes every meeting of `export`, in order; the first error stops the
/// run (what was written stays, and the next run takes it from there).
pub async fn push_day(api: &impl AttioApi, export: &DayExport) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    for meeting in &export.meetings {
        let done = push_meeting(api, export, meeting)
            .await
            .map_err(|e| anyhow::anyhow!("meeting {:?} ({}): {e}", meeting.id, meeting.title))?;
        outcome.meetings.push(done);
    }
    Ok(outcome)
}

/// Pushes one meeting of `export` (steps 1 to 5 of the module's list).
pub async fn push_meeting(
    api: &impl AttioApi,
    export: &DayExport,
    meeting: &ExportedMeeting,
) -> Result<MeetingOutcome, Error> {
    let mut out = MeetingOutcome {
        id: meeting.id.clone(),
        title: meeting.title.clone(),
        ..MeetingOutcome::default()
    };
    let contacts = mapping::contacts(meeting, &export.internal_domains);
    if contacts.is_empty() {
        out.skipped = Some("no participant from outside the team".to_owned());
        return Ok(out);
    }

    let mut companies: Vec<(Domain, RecordId)> = Vec::new();
    for domain in mapping::company_domains(&contacts) {
        let (id, created) = company(api, &domain).await?;
        count(&mut out.companies, created);
        companies.push((domain, id));
    }
    let mut people = Vec::new();
    for contact in &contacts {
        let company = contact
            .company_domain
            .as_ref()
            .and_then(|d| companies.iter().find(|(domain, _)| domain == d))
            .map(|(_, id)| id);
        let (id, created) = person(api, contact, company).await?;
        count(&mut out.people, created);
        people.push(id);
    }
    let links: Vec<RecordLink> = (companies
        .iter()
        .map(|(_, id)| RecordLink::to::<Company>(id)))
    .chain(people.iter().map(RecordLink::to::<Person>))
    .collect();

    let found = find_meeting(api, &export.service, meeting).await?;
    let attio_meeting = match found {
        Some(existing) => {
            let missing = mapping::missing_links(&existing, &links);
            if !missing.is_empty() {
                api.update_meeting(&existing.id.meeting_id, &missing)
                    .await?;
                out.links_added = missing.len();
            }
            existing
        }
        None => {
            out.meeting_created = true;
            let new = mapping::new_meeting(&export.service, meeting, &links);
            api.create_meeting(&new).await?
        }
    };
    let meeting_id = attio_meeting.id.meeting_id.clone();
    out.meeting_id = Some(meeting_id.clone());

    let Some(recording) = &meeting.recording else {
        return Ok(out);
    };
    out.recorded = true;
    if api.list_call_recordings(&meeting_id).await?.is_empty() {
        let segments = mapping::segments(recording);
        api.create_call_recording(&meeting_id, recording.video_url.as_deref(), &segments)
            .await?;
        out.recording_created = true;
    }

    let home = match companies.first() {
        Some((_, id)) => Home::Company(id.clone()),
        // `contacts` is not empty, so neither is `people`.
        None => Home::Person(people[0].clone()),
    };
    let transcript = mapping::transcript_markdown(&export.service, meeting, recording);
    out.file_created = file(api, &home, meeting, &transcript).await?;
    out.note_created = note(api, &home, meeting, &meeting_id, &transcript).await?;
    Ok(out)
}

fn count(tally: &mut Tally, created: bool) {
    if created {
        tally.created += 1;
    } else {
        tally.found += 1;
    }
}

/// The company with `domain`, found or created with the domain alone (Attio
/// fills in the name and the rest from it); and whether it was created.
async fn company(api: &impl AttioApi, domain: &Domain) -> Result<(RecordId, bool), Error> {
    let query = Query::new().filter(Company::DOMAINS.eq(domain)).limit(1);
    if let Some(found) = api.query_all_records(query).await?.into_iter().next() {
        return Ok((found.id.record_id, false));
    }
    let created = api
        .create_record(Company::write().domains([domain.clone()]))
        .await?;
    Ok((created.id.record_id, true))
}

/// The person with the contact's email, found or created with their name
/// and company; and whether they were created.
async fn person(
    api: &impl AttioApi,
    contact: &Contact,
    company: Option<&RecordId>,
) -> Result<(RecordId, bool), Error> {
    let query = Query::new()
        .filter(Person::EMAIL_ADDRESSES.eq(&contact.email))
        .limit(1);
    if let Some(found) = api.query_all_records(query).await?.into_iter().next() {
        return Ok((found.id.record_id, false));
    }
    let mut write = Person::write().email_addresses([contact.email.clone()]);
    if let Some(name) = &contact.name {
        write = write.name(name.clone());
    }
    if let Some(company) = company {
        write = write.company(RecordRef::<Company>::new(company.clone()));
    }
    let created = api.create_record(write).await?;
    Ok((created.id.record_id, true))
}

/// The meeting already in Attio for `meeting`: among those overlapping its
/// time, the one [`mapping::is_same_meeting`] recognises.
async fn find_meeting(
    api: &impl AttioApi,
    service: &str,
    meeting: &ExportedMeeting,
) -> Result<Option<Meeting>, Error> {
    let query = MeetingQuery::new()
        .ends_from(meeting.start)
        .starts_before(meeting.end);
    let candidates = api.list_meetings(&query).await?;
    Ok(candidates
        .into_iter()
        .find(|m| mapping::is_same_meeting(service, m, meeting)))
}

/// Uploads the transcript unless `home` has a file of its name; whether it
/// did.
async fn file(
    api: &impl AttioApi,
    home: &Home,
    meeting: &ExportedMeeting,
    transcript: &str,
) -> Result<bool, Error> {
    let name = mapping::file_name(meeting);
    let link = home.link();
    let files = api.list_files(&link, None).await?;
    if files
        .iter()
        .any(|f| f.name.as_deref() == Some(name.as_str()))
    {
        return Ok(false);
    }
    // One chunk: a transcript is small (a recording's file would be
    // streamed from disk with `Upload::from_path`).
    let bytes = transcript.as_bytes().to_vec();
    let chunk = futures_util::stream::once(std::future::ready(Ok::<_, std::io::Error>(bytes)));
    let upload = Upload::from_stream(&name, chunk).content_type("text/markdown");
    api.upload_file(&link, upload).await?;
    Ok(true)
}

/// Writes the transcript as a note taken in the meeting unless `home` has
/// a note of its title; whether it did.
async fn note(
    api: &impl AttioApi,
    home: &Home,
    meeting: &ExportedMeeting,
    meeting_id: &str,
    transcript: &str,
) -> Result<bool, Error> {
    let title = mapping::note_title(meeting);
    let notes = match home {
        Home::Company(id) => api.list_notes::<Company>(id).await?,
        Home::Person(id) => api.list_notes::<Person>(id).await?,
    };
    if notes.iter().any(|n| n.title == title) {
        return Ok(false);
    }
    match home {
        Home::Company(id) => {
            api.create_meeting_note::<Company>(
                id,
                meeting_id,
                &title,
                transcript,
                NoteFormat::Markdown,
            )
            .await?
        }
        Home::Person(id) => {
            api.create_meeting_note::<Person>(
                id,
                meeting_id,
                &title,
                transcript,
                NoteFormat::Markdown,
            )
            .await?
        }
    };
    Ok(true)
}

#[cfg(test)]
#[path = "push_tests.rs"]
mod tests;
