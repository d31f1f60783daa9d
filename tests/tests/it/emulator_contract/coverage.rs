//! Which operations of the current document the contract run need not
//! exercise yet, each with why. Every other operation must have a
//! successful call in the run, and an operation listed here that the run
//! does exercise is a failure too, so that the lists stay true.

/// Operations of part 2 of Attio's October 2026 API (issue 22): meetings,
/// call recordings, files, emails, sequences, SQL and activities.
pub(crate) const PART_2: &[(&str, &str, &str)] = &[
    ("GET", "/v2/activities", PART_2_WHY),
    ("POST", "/v2/activities", PART_2_WHY),
    ("DELETE", "/v2/activities/{activity}", PART_2_WHY),
    ("GET", "/v2/activities/{activity}", PART_2_WHY),
    ("PATCH", "/v2/activities/{activity}", PART_2_WHY),
    ("POST", "/v2/activities/{activity}/records", PART_2_WHY),
    ("PUT", "/v2/activities/{activity}/records", PART_2_WHY),
    (
        "POST",
        "/v2/activities/{activity}/records/query",
        PART_2_WHY,
    ),
    (
        "DELETE",
        "/v2/activities/{activity}/records/{record_id}",
        PART_2_WHY,
    ),
    (
        "GET",
        "/v2/activities/{activity}/records/{record_id}",
        PART_2_WHY,
    ),
    (
        "PATCH",
        "/v2/activities/{activity}/records/{record_id}",
        PART_2_WHY,
    ),
    (
        "PUT",
        "/v2/activities/{activity}/records/{record_id}",
        PART_2_WHY,
    ),
    ("GET", "/v2/emails", PART_2_WHY),
    ("GET", "/v2/files", PART_2_WHY),
    ("POST", "/v2/files", PART_2_WHY),
    ("POST", "/v2/files/upload", PART_2_WHY),
    ("DELETE", "/v2/files/{file_id}", PART_2_WHY),
    ("GET", "/v2/files/{file_id}", PART_2_WHY),
    ("GET", "/v2/files/{file_id}/download", PART_2_WHY),
    ("GET", "/v2/meetings", PART_2_WHY),
    ("POST", "/v2/meetings", PART_2_WHY),
    ("DELETE", "/v2/meetings/{meeting_id}", PART_2_WHY),
    ("GET", "/v2/meetings/{meeting_id}", PART_2_WHY),
    ("PATCH", "/v2/meetings/{meeting_id}", PART_2_WHY),
    ("PUT", "/v2/meetings/{meeting_id}", PART_2_WHY),
    (
        "GET",
        "/v2/meetings/{meeting_id}/call_recordings",
        PART_2_WHY,
    ),
    (
        "POST",
        "/v2/meetings/{meeting_id}/call_recordings",
        PART_2_WHY,
    ),
    (
        "DELETE",
        "/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}",
        PART_2_WHY,
    ),
    (
        "GET",
        "/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}",
        PART_2_WHY,
    ),
    (
        "GET",
        "/v2/meetings/{meeting_id}/call_recordings/{call_recording_id}/transcript",
        PART_2_WHY,
    ),
    ("POST", "/v2/sequences/unsubscribed_emails", PART_2_WHY),
    ("POST", "/v2/sql", PART_2_WHY),
];

const PART_2_WHY: &str = "part 2 (issue 22)";

/// Every operation not served yet, with why.
pub(crate) fn not_yet_served(
) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    PART_2.iter()
}
