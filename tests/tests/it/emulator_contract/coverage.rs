//! Which operations of the current document the contract run need not
//! exercise yet, each with why. Every other operation must have a
//! successful call in the run, and an operation listed here that the run
//! does exercise is a failure too, so that the lists stay true.

/// Operations of part 2 of Attio's October 2026 API (issue 22) not served
/// yet: the records of activities (alpha).
pub(crate) const PART_2: &[(&str, &str, &str)] = &[
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
];

const PART_2_WHY: &str = "part 2 (issue 22): activity records, alpha, not served yet";

/// Every operation not served yet, with why.
pub(crate) fn not_yet_served(
) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    PART_2.iter()
}
