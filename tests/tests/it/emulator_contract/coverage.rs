//! Which operations of the current document the contract run need not
//! exercise yet, each with why. Every other operation must have a
//! successful call in the run, and an operation listed here that the run
//! does exercise is a failure too, so that the lists stay true.

/// Operations of Attio's current document that the emulator does not
/// serve yet, each `(method, path, why)`. Empty: every operation of the
/// October 2026 document is served (issue 22 added the last, the records
/// of activities). Keep the list for the next document.
pub(crate) const NOT_YET_SERVED: &[(&str, &str, &str)] = &[];

/// Every operation not served yet, with why.
pub(crate) fn not_yet_served(
) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    NOT_YET_SERVED.iter()
}
