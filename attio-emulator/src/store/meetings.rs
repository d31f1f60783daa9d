//! Meetings and their call recordings, as the emulator keeps them.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// When a meeting starts or ends: a day for an all-day meeting, an instant
/// (with the time zone it was given in, if any) for a timed one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MeetingTime {
    /// `{"date": "2026-10-03"}`.
    Day(chrono::NaiveDate),
    /// `{"datetime": …, "timezone": …}`.
    At(DateTime<Utc>, Option<String>),
}

impl MeetingTime {
    /// The instant it stands for: midnight UTC for a day.
    pub(crate) fn instant(&self) -> DateTime<Utc> {
        match self {
            MeetingTime::Day(day) => day.and_time(chrono::NaiveTime::MIN).and_utc(),
            MeetingTime::At(at, _) => *at,
        }
    }
}

/// One meeting.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    pub id: String,
    pub title: String,
    pub description: String,
    pub is_all_day: bool,
    pub start: MeetingTime,
    pub end: MeetingTime,
    /// `{status, is_organizer, email_address, name}` each, as rendered.
    pub participants: Vec<Value>,
    /// `(object_id, record_id)`, in the order they were linked.
    pub linked_records: Vec<(String, String)>,
    pub created_by: Value,
    pub created_at: String,
    /// Its call recordings, in creation order.
    pub recordings: Vec<CallRecording>,
}

/// One call recording of a meeting.
#[derive(Debug, Clone)]
pub(crate) struct CallRecording {
    pub id: String,
    pub video_url: Option<String>,
    /// `None` until there is a transcript (the recording is `processing`).
    pub transcript: Option<Vec<Segment>>,
    pub created_by: Value,
    pub created_at: String,
}

/// One segment of a transcript: who said what, when (seconds from the
/// start of the recording).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub speech: String,
    pub start_time: f64,
    pub end_time: f64,
    pub speaker: String,
}
