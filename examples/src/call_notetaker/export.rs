//! The notetaker service's export of a day: JSON, one object per meeting
//! with its participants and its recording's transcript, read and checked
//! before anything is sent (`examples/data/notetaker-2026-12-07.json` is a
//! sample).

use attio_runtime::value::EmailAddress;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// A day's export.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayExport {
    /// The service's name, shown in the meetings' descriptions.
    pub service: String,
    /// The day the meetings took place.
    pub date: NaiveDate,
    /// The team's own email domains: their people are workspace members,
    /// not contacts, and are neither looked up nor created.
    #[serde(default)]
    pub internal_domains: Vec<String>,
    /// The day's meetings.
    pub meetings: Vec<ExportedMeeting>,
}

/// One meeting as the service exported it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedMeeting {
    /// The service's id of the meeting, stable across exports: what a
    /// re-run finds the meeting by.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it started.
    pub start: DateTime<Utc>,
    /// When it ended.
    pub end: DateTime<Utc>,
    /// The IANA time zone it was held in, if the service knows it.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Who took part.
    pub participants: Vec<ExportedParticipant>,
    /// The recording, if the meeting was recorded.
    #[serde(default)]
    pub recording: Option<ExportedRecording>,
}

/// Someone who took part.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedParticipant {
    /// Their email address.
    pub email: String,
    /// Their name, if the calendar had it.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether they organised the meeting.
    #[serde(default)]
    pub organizer: bool,
}

/// A meeting's recording.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedRecording {
    /// Where the video is, if the service keeps it.
    #[serde(default)]
    pub video_url: Option<String>,
    /// Who said what, in order.
    pub transcript: Vec<ExportedSegment>,
}

/// One stretch of speech.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedSegment {
    /// The speaker's name.
    pub speaker: String,
    /// The speaker's email address, when the service matched them to a
    /// participant.
    #[serde(default)]
    pub email: Option<String>,
    /// Seconds from the start of the recording.
    pub start: f64,
    /// Seconds from the start of the recording.
    pub end: f64,
    /// What they said.
    pub text: String,
}

/// Reads an export from its JSON text, and checks what serde cannot: every
/// email address valid, every meeting ending after it starts, every id
/// given once. `source` names the file in errors.
pub fn parse(json: &str, source: &str) -> anyhow::Result<DayExport> {
    let export: DayExport = serde_json::from_str(json).map_err(|e| {
        anyhow::anyhow!("{source} is not a notetaker export: {e}; see examples/data/notetaker-2026-12-07.json for the expected shape")
    })?;
    let mut ids = std::collections::BTreeSet::new();
    for meeting in &export.meetings {
        let name = format!("{source}: meeting {:?}", meeting.id);
        anyhow::ensure!(
            !meeting.id.trim().is_empty(),
            "{source}: a meeting has an empty id; the id is what a re-run finds the meeting by"
        );
        anyhow::ensure!(
            ids.insert(meeting.id.as_str()),
            "{name} is exported twice; each meeting's id must be unique"
        );
        anyhow::ensure!(
            !meeting.title.trim().is_empty(),
            "{name} has an empty title"
        );
        anyhow::ensure!(
            meeting.end > meeting.start,
            "{name} ends ({}) before it starts ({}); expected an end after the start",
            meeting.end,
            meeting.start
        );
        for participant in &meeting.participants {
            EmailAddress::new(&participant.email)
                .map_err(|e| anyhow::anyhow!("{name}: participant {e}"))?;
        }
    }
    Ok(export)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_export_reads() {
        let export = parse(super::super::SAMPLE_EXPORT, "sample").unwrap();
        assert_eq!(export.meetings.len(), 3);
        assert_eq!(export.internal_domains, ["northwind-analytics.com"]);
        let first = &export.meetings[0];
        assert_eq!(first.participants.len(), 3);
        assert_eq!(first.recording.as_ref().unwrap().transcript.len(), 4);
    }

    #[test]
    fn a_bad_export_is_refused_with_the_reason() {
        let meeting = |id: &str, email: &str, end: &str| {
            format!(
                r#"{{"id": "{id}", "title": "t", "start": "2026-12-07T10:00:00Z", "end": "{end}",
                   "participants": [{{"email": "{email}"}}]}}"#
            )
        };
        let day = |meetings: &[String]| {
            format!(
                r#"{{"service": "S", "date": "2026-12-07", "meetings": [{}]}}"#,
                meetings.join(",")
            )
        };
        let ok = meeting("a", "ada@acme.com", "2026-12-07T11:00:00Z");
        assert!(parse(&day(std::slice::from_ref(&ok)), "f.json").is_ok());
        let twice = parse(&day(&[ok.clone(), ok.clone()]), "f.json").unwrap_err();
        assert!(twice.to_string().contains("exported twice"), "{twice}");
        let backwards = meeting("b", "ada@acme.com", "2026-12-07T09:00:00Z");
        let error = parse(&day(&[backwards]), "f.json").unwrap_err();
        assert!(error.to_string().contains("ends"), "{error}");
        let bad_email = meeting("c", "ada@", "2026-12-07T11:00:00Z");
        let error = parse(&day(&[bad_email]), "f.json").unwrap_err();
        assert!(error.to_string().contains("ada@"), "{error}");
        let error = parse("{}", "f.json").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("f.json is not a notetaker export"),
            "{error}"
        );
    }
}
