//! An exported meeting as Attio is sent it: who is a contact, which
//! domains are companies, the meeting, its transcript as text, and the
//! names a re-run finds the file and the note by. Pure functions.

use attio_runtime::api::call_recordings::TranscriptSegment;
use attio_runtime::api::meetings::{Meeting, MeetingTime, NewMeeting, NewParticipant, RecordLink};
use attio_runtime::value::{Domain, EmailAddress, PersonalName};

use super::export::{ExportedMeeting, ExportedRecording};

/// Domains of personal mailboxes: a participant writing from one is a
/// person, but the domain is not their company's, so no company is looked
/// up or created for it.
pub const PERSONAL_EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "fastmail.com",
];

/// A participant from outside the team: a person to find (or create) by
/// email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Their address (what they are matched on).
    pub email: EmailAddress,
    /// Their name, first and last split at the first space, when the
    /// export has one.
    pub name: Option<PersonalName>,
    /// Their company's domain; `None` for a personal mailbox.
    pub company_domain: Option<Domain>,
}

/// The contacts of a meeting: its participants outside `internal_domains`
/// (compared without case, subdomains included), each address once, in the
/// export's order.
pub fn contacts(meeting: &ExportedMeeting, internal_domains: &[String]) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    for participant in &meeting.participants {
        // `export::parse` checked every address.
        let Ok(email) = EmailAddress::new(&participant.email) else {
            continue;
        };
        let domain = email.domain().to_owned();
        let within = |d: &String| {
            let d = d.to_ascii_lowercase();
            domain == d || domain.ends_with(&format!(".{d}"))
        };
        if internal_domains.iter().any(within) || out.iter().any(|c| c.email == email) {
            continue;
        }
        let company_domain = if PERSONAL_EMAIL_DOMAINS.contains(&domain.as_str()) {
            None
        } else {
            Domain::new(&domain).ok()
        };
        let name = participant.name.as_deref().map(personal_name);
        out.push(Contact {
            email,
            name,
            company_domain,
        });
    }
    out
}

/// The distinct company domains of `contacts`, in order.
pub fn company_domains(contacts: &[Contact]) -> Vec<Domain> {
    let mut out: Vec<Domain> = Vec::new();
    for domain in contacts.iter().filter_map(|c| c.company_domain.as_ref()) {
        if !out.contains(domain) {
            out.push(domain.clone());
        }
    }
    out
}

/// `"Ada Lovelace"` as first name `Ada`, last name `Lovelace`.
fn personal_name(full: &str) -> PersonalName {
    let full = full.trim();
    match full.split_once(' ') {
        Some((first, last)) => PersonalName::new(first, last),
        None => PersonalName::new(full, ""),
    }
}

/// The line of a meeting's description that carries the service's id:
/// what a re-run finds the meeting by first.
pub fn id_line(service: &str, meeting: &ExportedMeeting) -> String {
    format!("{service} meeting id: {}", meeting.id)
}

/// The meeting's description: who recorded it, and [`id_line`].
pub fn description(service: &str, meeting: &ExportedMeeting) -> String {
    format!("Recorded by {service}.\n{}", id_line(service, meeting))
}

/// The meeting to create: timed, in the export's time zone, with every
/// participant (the team's too: Attio shows who attended) and linked to
/// `links`.
pub fn new_meeting(service: &str, meeting: &ExportedMeeting, links: &[RecordLink]) -> NewMeeting {
    let mut new = NewMeeting::timed(&meeting.title, meeting.start, meeting.end)
        .description(&description(service, meeting));
    if let Some(zone) = &meeting.timezone {
        new = new.timezone(zone);
    }
    for participant in &meeting.participants {
        let mut p = NewParticipant::new(&participant.email);
        if let Some(name) = &participant.name {
            p = p.name(name);
        }
        if participant.organizer {
            p = p.organizer();
        }
        new = new.participant(p);
    }
    links.iter().cloned().fold(new, NewMeeting::linked)
}

/// Whether `existing` is the exported meeting: its description carries the
/// service's id, or (for a meeting created another way, by hand or by a
/// calendar sync) it has the same title and start.
pub fn is_same_meeting(service: &str, existing: &Meeting, meeting: &ExportedMeeting) -> bool {
    if existing
        .description
        .lines()
        .any(|line| line == id_line(service, meeting))
    {
        return true;
    }
    let same_start =
        matches!(&existing.start, MeetingTime::At { datetime, .. } if *datetime == meeting.start);
    same_start && existing.title == meeting.title
}

/// The links of `wanted` that `existing` lacks.
pub fn missing_links(existing: &Meeting, wanted: &[RecordLink]) -> Vec<RecordLink> {
    wanted
        .iter()
        .filter(|link| {
            !existing
                .linked_records
                .iter()
                .any(|l| RecordLink::new(&l.object_slug, &l.record_id) == **link)
        })
        .cloned()
        .collect()
}

/// The recording's segments as Attio takes them (with the speaker's email,
/// so that Attio can tell who spoke).
pub fn segments(recording: &ExportedRecording) -> Vec<TranscriptSegment> {
    recording
        .transcript
        .iter()
        .map(|s| {
            let segment = TranscriptSegment::new(&s.speaker, &s.text, s.start, s.end);
            match &s.email {
                Some(email) => segment.email(email),
                None => segment,
            }
        })
        .collect()
}

/// The transcript as Markdown: a heading, when and where it was recorded,
/// then one paragraph per segment with its time from the start.
pub fn transcript_markdown(
    service: &str,
    meeting: &ExportedMeeting,
    recording: &ExportedRecording,
) -> String {
    let mut out = format!(
        "# {}\n\n{} – {} UTC, recorded by {service}\n\n",
        meeting.title,
        meeting.start.format("%Y-%m-%d %H:%M"),
        meeting.end.format("%H:%M"),
    );
    for s in &recording.transcript {
        // Whole seconds: the export's fractions are the recorder's, not
        // something a reader needs.
        let at = s.start.max(0.0) as u64;
        out.push_str(&format!(
            "**{}** ({:02}:{:02}): {}\n\n",
            s.speaker,
            at / 60,
            at % 60,
            s.text.trim()
        ));
    }
    out
}

/// The transcript file's name: the meeting's day, time and title (without
/// characters a file name cannot hold), so that a person browsing the
/// record's files finds it, and a re-run finds it by name.
pub fn file_name(meeting: &ExportedMeeting) -> String {
    let title: String = meeting
        .title
        .chars()
        .filter(|c| !matches!(c, ':' | '*' | '?' | '"' | '<' | '>'))
        .map(|c| {
            if matches!(c, '/' | '\\' | '|') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{} {title} transcript.md",
        meeting.start.format("%Y-%m-%d %H%M"),
    )
}

/// The note's title, what a re-run finds the note by.
pub fn note_title(meeting: &ExportedMeeting) -> String {
    format!(
        "Transcript: {} ({} UTC)",
        meeting.title,
        meeting.start.format("%Y-%m-%d %H:%M")
    )
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
