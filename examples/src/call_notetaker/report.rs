//! The summary a run prints: one line per meeting, then the totals.

use std::fmt::Write as _;

use super::push::{MeetingOutcome, Outcome, Tally};

/// The run's summary as text, ending with a newline.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    let header = format!(
        "{:<44} {:<9} {:>9} {:>9} {:<9} {:<9} {}",
        "meeting", "in Attio", "people", "companies", "recording", "file", "note"
    );
    let _ = writeln!(out, "{header}");
    for m in &outcome.meetings {
        let _ = writeln!(out, "{}", line(m));
    }
    let total = |f: fn(&MeetingOutcome) -> bool| outcome.meetings.iter().filter(|m| f(m)).count();
    let people: usize = outcome.meetings.iter().map(|m| m.people.created).sum();
    let companies: usize = outcome.meetings.iter().map(|m| m.companies.created).sum();
    let links: usize = outcome.meetings.iter().map(|m| m.links_added).sum();
    let _ = writeln!(
        out,
        "created: {} meetings, {people} people, {companies} companies, {} recordings, {} files, {} notes; {links} links added to meetings found",
        total(|m| m.meeting_created),
        total(|m| m.recording_created),
        total(|m| m.file_created),
        total(|m| m.note_created),
    );
    let _ = writeln!(
        out,
        "(people and companies: created+found; - when the meeting was not recorded)"
    );
    if outcome.created() == 0 {
        let _ = writeln!(
            out,
            "nothing new: every meeting of the export was already in Attio"
        );
    }
    out
}

fn line(m: &MeetingOutcome) -> String {
    let title: String = if m.title.chars().count() > 44 {
        m.title.chars().take(43).chain(['…']).collect()
    } else {
        m.title.clone()
    };
    if let Some(reason) = &m.skipped {
        return format!("{title:<44} skipped: {reason}");
    }
    let said = |created: bool| if created { "created" } else { "found" };
    let recorded = |created: bool| if m.recorded { said(created) } else { "-" };
    let tally = |t: Tally| format!("{}+{}", t.created, t.found);
    format!(
        "{title:<44} {:<9} {:>9} {:>9} {:<9} {:<9} {}",
        said(m.meeting_created),
        tally(m.people),
        tally(m.companies),
        recorded(m.recording_created),
        recorded(m.file_created),
        recorded(m.note_created),
    )
}
