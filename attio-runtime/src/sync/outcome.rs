//! What became of each input ([`Outcome`]), and the running counts of a
//! sync ([`Report`]): what the progress callback is shown, and the summary.

use std::fmt;
use std::time::Duration;

use crate::Error;

/// What became of one input. Every input of a sync ends as exactly one.
#[derive(Debug)]
pub enum Outcome<I: super::SyncInput> {
    /// Attio created the item: its `created_at` is not older than the first
    /// attempt of the write (see [`BulkSync`](super::BulkSync) on the limits of
    /// telling a create from an update).
    Created {
        /// The matching key.
        key: String,
        /// The new item's id.
        id: I::Id,
    },
    /// An existing item was updated.
    Updated {
        /// The matching key.
        key: String,
        /// The item's id.
        id: I::Id,
    },
    /// The values equal those last written successfully for the key: no
    /// request was sent.
    Unchanged {
        /// The matching key.
        key: String,
        /// The id Attio returned when the values were written.
        id: I::Id,
    },
    /// The write failed; the input is kept (and written to the dead-letter
    /// file when there is one).
    Failed {
        /// The input, as given.
        input: I,
        /// Why. [`Error::is_retryable`] says whether feeding the input
        /// back in later may succeed.
        error: Error,
    },
}

impl<I: super::SyncInput> Outcome<I> {
    /// The outcome's name: `created`, `updated`, `unchanged` or `failed`.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Created { .. } => "created",
            Outcome::Updated { .. } => "updated",
            Outcome::Unchanged { .. } => "unchanged",
            Outcome::Failed { .. } => "failed",
        }
    }

    /// The id of the written item (none for a failure).
    pub fn id(&self) -> Option<&I::Id> {
        match self {
            Outcome::Created { id, .. } | Outcome::Updated { id, .. } => Some(id),
            Outcome::Unchanged { id, .. } => Some(id),
            Outcome::Failed { .. } => None,
        }
    }
}

/// The counts of a sync so far: shown to the progress callback after every
/// input, and returned at the end as the summary (its `Display` is one line).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct Report {
    /// Inputs with an outcome.
    pub done: u64,
    /// Inputs in all, when given ([`BulkSync::total`](super::BulkSync::total)).
    pub total: Option<u64>,
    /// Outcomes [`Outcome::Created`].
    pub created: u64,
    /// Outcomes [`Outcome::Updated`].
    pub updated: u64,
    /// Outcomes [`Outcome::Unchanged`].
    pub unchanged: u64,
    /// Outcomes [`Outcome::Failed`].
    pub failed: u64,
    /// Of the failures, those that may succeed when fed back in later.
    pub retryable: u64,
    /// Requests the client sent during the run (retries included).
    pub requests: u64,
    /// Of those, requests against the write budget.
    pub writes: u64,
    /// 429 answers received.
    pub rate_limited: u64,
    /// Retried attempts.
    pub retries: u64,
    /// Time since the run started.
    pub elapsed: Duration,
}

impl Report {
    /// Write requests per second so far.
    pub fn writes_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.writes as f64 / seconds
        } else {
            0.0
        }
    }

    /// Counts one outcome.
    pub(super) fn count<I: super::SyncInput>(&mut self, outcome: &Outcome<I>) {
        self.done += 1;
        match outcome {
            Outcome::Created { .. } => self.created += 1,
            Outcome::Updated { .. } => self.updated += 1,
            Outcome::Unchanged { .. } => self.unchanged += 1,
            Outcome::Failed { error, .. } => {
                self.failed += 1;
                self.retryable += u64::from(error.is_retryable());
            }
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} created, {} updated, {} unchanged, {} failed; \
             {} ({}, {} rate-limited, {}) in {:.1} s, {:.1} writes/s",
            plural(self.done, "input", "inputs"),
            self.created,
            self.updated,
            self.unchanged,
            self.failed,
            plural(self.requests, "request", "requests"),
            plural(self.writes, "write", "writes"),
            self.rate_limited,
            plural(self.retries, "retry", "retries"),
            self.elapsed.as_secs_f64(),
            self.writes_per_second(),
        )
    }
}

/// `1 request`, `2 requests`.
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular() {
        let mut report = Report {
            done: 1,
            created: 1,
            requests: 1,
            writes: 1,
            retries: 1,
            ..Report::default()
        };
        let text = report.to_string();
        assert!(
            text.starts_with("1 input: 1 created,")
                && text.contains("; 1 request (1 write, 0 rate-limited, 1 retry) in"),
            "{text}"
        );
        report.done = 2;
        report.requests = 2;
        report.writes = 0;
        report.retries = 2;
        let text = report.to_string();
        assert!(
            text.starts_with("2 inputs:")
                && text.contains("2 requests (0 writes, 0 rate-limited, 2 retries)"),
            "{text}"
        );
    }
}
