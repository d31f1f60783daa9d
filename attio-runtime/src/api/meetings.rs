//! Meetings: list (filtered, every page), create (all-day or timed, with
//! participants and linked records), get, link records, delete. Their call
//! recordings and transcripts are [`call_recordings`](super::call_recordings).
//!
//! # Stability
//!
//! Beta in Attio's API (<https://docs.attio.com/rest-api/endpoint-reference/meetings>):
//! its shape may change, and these types with it.

use chrono::{DateTime, NaiveDate, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::cursor::with_query;
use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::{ObjectId, RecordId, WorkspaceId};
use crate::record::Record;
use crate::value::{format_timestamp, Actor};
use crate::{Client, Error};

/// A meeting's `id`: `{"workspace_id", "meeting_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The meeting (a UUID).
    pub meeting_id: String,
}

/// A meeting as Attio returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Meeting {
    /// Workspace and meeting ids.
    pub id: MeetingKey,
    /// The title.
    pub title: String,
    /// The description, plain text (empty when there is none).
    pub description: String,
    /// Whether it takes whole days ([`MeetingTime::Day`] bounds) rather
    /// than a time span ([`MeetingTime::At`] bounds).
    pub is_all_day: bool,
    /// When it starts.
    pub start: MeetingTime,
    /// When it ends.
    pub end: MeetingTime,
    /// Who was invited, with their answers.
    pub participants: Vec<Participant>,
    /// The records it is linked to (people, companies, deals …).
    pub linked_records: Vec<MeetingLinkedRecord>,
    /// When it was created, as Attio formats it.
    pub created_at: String,
    /// Who created it.
    pub created_by_actor: Actor,
}

/// When a meeting starts or ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MeetingTime {
    /// A day, for an all-day meeting: `{"date": "2026-10-03"}`.
    Day {
        /// The day.
        date: NaiveDate,
    },
    /// An instant, for a timed meeting, with the IANA time zone it is shown
    /// in, if any.
    At {
        /// The instant.
        datetime: DateTime<Utc>,
        /// `Europe/Paris` …
        timezone: Option<String>,
    },
}

/// Someone invited to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Participant {
    /// Their answer to the invitation.
    pub status: ParticipantStatus,
    /// Whether they organise it.
    pub is_organizer: bool,
    /// Their email address, if known.
    pub email_address: Option<String>,
    /// Their name, if known.
    pub name: Option<String>,
}

/// A participant's answer to the invitation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ParticipantStatus {
    /// `accepted`.
    Accepted,
    /// `tentative`.
    Tentative,
    /// `declined`.
    Declined,
    /// `pending` (no answer yet).
    Pending,
    /// An answer this version does not know, kept as Attio sent it.
    Other(String),
}

impl ParticipantStatus {
    /// The name Attio uses.
    pub fn as_str(&self) -> &str {
        match self {
            ParticipantStatus::Accepted => "accepted",
            ParticipantStatus::Tentative => "tentative",
            ParticipantStatus::Declined => "declined",
            ParticipantStatus::Pending => "pending",
            ParticipantStatus::Other(other) => other,
        }
    }
}

impl From<String> for ParticipantStatus {
    fn from(raw: String) -> Self {
        match raw.as_str() {
            "accepted" => ParticipantStatus::Accepted,
            "tentative" => ParticipantStatus::Tentative,
            "declined" => ParticipantStatus::Declined,
            "pending" => ParticipantStatus::Pending,
            _ => ParticipantStatus::Other(raw),
        }
    }
}

impl From<ParticipantStatus> for String {
    fn from(status: ParticipantStatus) -> String {
        status.as_str().to_owned()
    }
}

/// A record a meeting is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct MeetingLinkedRecord {
    /// The record's object, by slug.
    pub object_slug: String,
    /// The record's object, by id.
    pub object_id: ObjectId,
    /// The record.
    pub record_id: RecordId,
}

/// A record to link a meeting (or a file) to: an object slug and a record id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordLink {
    pub(crate) object: String,
    pub(crate) record_id: RecordId,
}

impl RecordLink {
    /// A record of the object `R`.
    pub fn to<R: Record>(record_id: &RecordId) -> RecordLink {
        RecordLink::new(R::OBJECT, record_id)
    }

    /// A record of the object with this slug (for objects without bindings).
    pub fn new(object: &str, record_id: &RecordId) -> RecordLink {
        RecordLink {
            object: object.to_owned(),
            record_id: record_id.clone(),
        }
    }

    fn to_json(&self) -> Value {
        json!({"object": self.object, "record_id": self.record_id.as_str()})
    }
}

/// Someone to invite to a new meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParticipant {
    email_address: String,
    name: Option<String>,
    is_organizer: bool,
    status: ParticipantStatus,
}

impl NewParticipant {
    /// The person with this email address, who has accepted and does not
    /// organise.
    pub fn new(email_address: &str) -> NewParticipant {
        NewParticipant {
            email_address: email_address.to_owned(),
            name: None,
            is_organizer: false,
            status: ParticipantStatus::Accepted,
        }
    }

    /// Their name.
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// They organise the meeting.
    pub fn organizer(mut self) -> Self {
        self.is_organizer = true;
        self
    }

    /// Their answer to the invitation.
    pub fn status(mut self, status: ParticipantStatus) -> Self {
        self.status = status;
        self
    }

    fn to_json(&self) -> Value {
        let mut out = json!({"email_address": self.email_address,
            "is_organizer": self.is_organizer, "status": self.status.as_str()});
        if let Some(name) = &self.name {
            out["name"] = json!(name);
        }
        out
    }
}

/// A meeting to create: [`NewMeeting::timed`] or [`NewMeeting::all_day`],
/// then its description, participants and links.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    title: String,
    description: String,
    start: MeetingTime,
    end: MeetingTime,
    participants: Vec<NewParticipant>,
    linked_records: Vec<RecordLink>,
}

impl NewMeeting {
    /// A meeting from `start` to `end`, shown in UTC unless
    /// [`timezone`](Self::timezone) says otherwise.
    pub fn timed(title: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> NewMeeting {
        let at = |datetime| MeetingTime::At {
            datetime,
            timezone: None,
        };
        NewMeeting::new(title, at(start), at(end))
    }

    /// A meeting taking the days from `first` to `last`.
    pub fn all_day(title: &str, first: NaiveDate, last: NaiveDate) -> NewMeeting {
        NewMeeting::new(
            title,
            MeetingTime::Day { date: first },
            MeetingTime::Day { date: last },
        )
    }

    fn new(title: &str, start: MeetingTime, end: MeetingTime) -> NewMeeting {
        NewMeeting {
            title: title.to_owned(),
            description: String::new(),
            start,
            end,
            participants: Vec::new(),
            linked_records: Vec::new(),
        }
    }

    /// Its description, plain text.
    pub fn description(mut self, description: &str) -> Self {
        self.description = description.to_owned();
        self
    }

    /// The IANA time zone (`Europe/Paris`) a timed meeting is shown in; no
    /// effect on an all-day one.
    pub fn timezone(mut self, zone: &str) -> Self {
        for bound in [&mut self.start, &mut self.end] {
            if let MeetingTime::At { timezone, .. } = bound {
                *timezone = Some(zone.to_owned());
            }
        }
        self
    }

    /// One more participant.
    pub fn participant(mut self, participant: NewParticipant) -> Self {
        self.participants.push(participant);
        self
    }

    /// One more record to link it to.
    pub fn linked(mut self, link: RecordLink) -> Self {
        self.linked_records.push(link);
        self
    }

    /// The request body [`Client::create_meeting`] sends
    /// (`{"data": {"title", "description", "start", "end", "is_all_day",
    /// "participants", "linked_records"}}`): what a test double of
    /// [`AttioApi`](crate::AttioApi) reads the meeting from.
    pub fn body(&self) -> Value {
        let time = |t: &MeetingTime| match t {
            MeetingTime::Day { date } => json!({"date": date.format("%Y-%m-%d").to_string()}),
            MeetingTime::At { datetime, timezone } => {
                json!({"datetime": format_timestamp(datetime), "timezone": timezone})
            }
        };
        json!({"data": {
            "title": self.title,
            "description": self.description,
            "start": time(&self.start),
            "end": time(&self.end),
            "is_all_day": matches!(self.start, MeetingTime::Day { .. }),
            "participants": self.participants.iter().map(NewParticipant::to_json).collect::<Vec<_>>(),
            "linked_records": self.linked_records.iter().map(RecordLink::to_json).collect::<Vec<_>>(),
        }})
    }
}

/// Which meetings [`Client::list_meetings`] returns: all of them, sorted
/// by start, unless narrowed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingQuery {
    linked: Option<RecordLink>,
    participants: Vec<String>,
    descending: bool,
    ends_from: Option<DateTime<Utc>>,
    starts_before: Option<DateTime<Utc>>,
}

impl MeetingQuery {
    /// Every meeting.
    pub fn new() -> MeetingQuery {
        MeetingQuery::default()
    }

    /// Only those linked to this record.
    pub fn linked(mut self, link: RecordLink) -> Self {
        self.linked = Some(link);
        self
    }

    /// Only those with a participant of this email address (calls add up:
    /// any of them).
    pub fn participant(mut self, email_address: &str) -> Self {
        self.participants.push(email_address.to_owned());
        self
    }

    /// Only those that end at or after `at`.
    pub fn ends_from(mut self, at: DateTime<Utc>) -> Self {
        self.ends_from = Some(at);
        self
    }

    /// Only those that start before `at`.
    pub fn starts_before(mut self, at: DateTime<Utc>) -> Self {
        self.starts_before = Some(at);
        self
    }

    /// Latest start first.
    pub fn latest_first(mut self) -> Self {
        self.descending = true;
        self
    }

    fn path(&self) -> String {
        let mut pairs = vec![("limit", "200".to_owned())];
        if let Some(link) = &self.linked {
            pairs.push(("linked_object", link.object.clone()));
            pairs.push(("linked_record_id", link.record_id.to_string()));
        }
        if !self.participants.is_empty() {
            pairs.push(("participants", self.participants.join(",")));
        }
        if self.descending {
            pairs.push(("sort", "start_desc".to_owned()));
        }
        if let Some(at) = &self.ends_from {
            pairs.push(("ends_from", format_timestamp(at)));
        }
        if let Some(at) = &self.starts_before {
            pairs.push(("starts_before", format_timestamp(at)));
        }
        with_query("/v2/meetings", &pairs)
    }
}

fn links_body(links: &[RecordLink]) -> Value {
    json!({"data": {"linked_records": links.iter().map(RecordLink::to_json).collect::<Vec<_>>()}})
}

impl Client {
    /// The meetings `query` selects, every page (`GET /v2/meetings`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn list_meetings(&self, query: &MeetingQuery) -> Result<Vec<Meeting>, Error> {
        self.every_page(&query.path()).await
    }

    /// Creates a meeting (`POST /v2/meetings`); like a record create, not
    /// repeated after an ambiguous failure.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn create_meeting(&self, meeting: &NewMeeting) -> Result<Meeting, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/meetings".to_owned(),
            Some(meeting.body()),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// One meeting (`GET /v2/meetings/{meeting_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn get_meeting(&self, meeting_id: &str) -> Result<Meeting, Error> {
        self.call(Call::get(format!("/v2/meetings/{meeting_id}")))
            .await
    }

    /// Links a meeting to more records; those it is linked to stay
    /// (`PATCH /v2/meetings/{meeting_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn update_meeting(
        &self,
        meeting_id: &str,
        links: &[RecordLink],
    ) -> Result<Meeting, Error> {
        self.link_meeting(Method::PATCH, meeting_id, links).await
    }

    /// Links a meeting to exactly these records
    /// (`PUT /v2/meetings/{meeting_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn overwrite_meeting(
        &self,
        meeting_id: &str,
        links: &[RecordLink],
    ) -> Result<Meeting, Error> {
        self.link_meeting(Method::PUT, meeting_id, links).await
    }

    async fn link_meeting(
        &self,
        method: Method,
        meeting_id: &str,
        links: &[RecordLink],
    ) -> Result<Meeting, Error> {
        let call = Call::write(
            method,
            format!("/v2/meetings/{meeting_id}"),
            Some(links_body(links)),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes a meeting and its call recordings
    /// (`DELETE /v2/meetings/{meeting_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn delete_meeting(&self, meeting_id: &str) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/meetings/{meeting_id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}

#[cfg(test)]
mod tests;
